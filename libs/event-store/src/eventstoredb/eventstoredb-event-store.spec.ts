/**
 * EventStoreDbEventStore without a server: what it sends to the client and how it reads the
 * answers, with a scripted stand-in for the two client calls of an append (`appendToStream`, and
 * `readStream` for the read-back). The behaviour against a real server is the contract suite in
 * eventstoredb-event-store.int-spec.ts (EVENTSTORE_CONNECTION_STRING).
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendExpectedRevision, EventData, ResolvedEvent } from '@eventstore/db-client';
import { NewEvent, WrongExpectedRevisionError } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

interface StoredEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  position: bigint;
}

/** A scripted server: streams in memory, positions 1000 apart (not dense), ESDB's revision check. */
class ScriptedClient {
  readonly streams = new Map<string, StoredEvent[]>();
  readonly appends: Array<{ streamName: string; events: EventData[]; expectedRevision: AppendExpectedRevision | undefined }> = [];
  readonly reads: Array<{ streamName: string; options: Record<string, unknown> }> = [];
  disposed = false;
  private nextPosition = 4096n;

  async appendToStream(streamName: string, events: EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) {
    this.appends.push({ streamName, events, expectedRevision: options.expectedRevision });
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    if (options.expectedRevision !== current) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected: options.expectedRevision ?? 'any', current });
    }
    for (const event of events) {
      stream.push({ id: event.id, type: event.type, data: event.data, metadata: event.metadata, revision: BigInt(stream.length), position: this.nextPosition });
      this.nextPosition += 1000n;
    }
    this.streams.set(streamName, stream);
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: undefined };
  }

  readStream(streamName: string, options: { fromRevision?: bigint | 'start' | 'end'; maxCount?: number | bigint; direction?: string } = {}): AsyncIterable<ResolvedEvent> {
    this.reads.push({ streamName, options });
    const stream = this.streams.get(streamName);
    const toResolved = (e: StoredEvent): ResolvedEvent =>
      ({
        event: {
          streamId: streamName,
          id: e.id,
          isJson: true,
          revision: e.revision,
          type: e.type,
          created: new Date('2025-01-01T00:00:00Z'),
          data: e.data,
          metadata: e.metadata,
          position: { commit: e.position, prepare: e.position },
        },
      }) as ResolvedEvent;
    return {
      async *[Symbol.asyncIterator]() {
        if (stream === undefined) throw new StreamNotFoundError(undefined as never, streamName);
        const ordered = options.direction === 'backwards' ? [...stream].reverse() : stream;
        const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : 0n;
        let count = 0;
        for (const e of ordered) {
          if (options.direction !== 'backwards' && e.revision < from) continue;
          if (count >= Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)) return;
          count += 1;
          yield toResolved(e);
        }
      },
    };
  }

  async dispose() {
    this.disposed = true;
  }
}

function ev(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { schemaVersion: 1, eventId: randomUUID(), correlationId: 'corr', causationId: 'cause' } };
}

function storeOn(client: ScriptedClient | object, options: Parameters<typeof EventStoreDbEventStore.withClient>[1] = {}) {
  return EventStoreDbEventStore.withClient(client as unknown as EventStoreDBClient, { namespace: 'ns/', ...options });
}

/** A client that must not be used at all: any property access is counted and fails. */
function untouchableClient(): { client: object; touched: string[] } {
  const touched: string[] = [];
  const client = new Proxy(
    {},
    {
      get(_target, property) {
        touched.push(String(property));
        throw new Error(`the client was used (${String(property)})`);
      },
    },
  );
  return { client, touched };
}

describe('EventStoreDbEventStore (no server: what goes to the client)', () => {
  it('appends with the exact expected revision or no_stream, a fresh server id per event and per call, and our metadata plus recordedAt', async () => {
    const client = new ScriptedClient();
    const store = storeOn(client, { now: () => new Date('2025-04-01T10:20:30.123Z') });
    const first = [ev('A1', { x: 'é' }), ev('A2')];

    const result = await store.appendToStream('mpan-1', 'no_stream', first);
    await store.appendToStream('mpan-1', 1n, [ev('A3')]);

    expect(client.appends.map((a) => [a.streamName, a.expectedRevision])).toEqual([
      ['ns/mpan-1', 'no_stream'],
      ['ns/mpan-1', 1n],
    ]);
    const sent = client.appends[0].events;
    expect(sent.map((e) => [e.type, e.contentType, e.data])).toEqual([
      ['A1', 'application/json', { x: 'é' }],
      ['A2', 'application/json', {}],
    ]);
    expect(sent.map((e) => e.metadata)).toEqual(first.map((e) => ({ ...e.metadata, recordedAt: '2025-04-01T10:20:30.123Z' })));
    const ids = client.appends.flatMap((a) => a.events.map((e) => e.id));
    expect(new Set(ids).size).toBe(3);
    for (const [i, e] of first.entries()) expect(ids[i]).not.toBe(e.metadata.eventId);
    expect(result).toEqual({ nextExpectedRevision: 1n, positions: [4096n, 5096n], lastPosition: 5096n, recordedAt: '2025-04-01T10:20:30.123Z' });
  });

  it('reads the appended batch back from the leader for its positions, and fails loudly when other events are there', async () => {
    const client = new ScriptedClient();
    const store = storeOn(client);
    await store.appendToStream('mpan-1', 'no_stream', [ev('A1')]);
    await store.appendToStream('mpan-1', 0n, [ev('A2'), ev('A3')]);

    expect(client.reads.map((r) => [r.streamName, r.options.fromRevision, r.options.maxCount, r.options.requiresLeader])).toEqual([
      ['ns/mpan-1', 0n, 1, true],
      ['ns/mpan-1', 1n, 2, true],
    ]);

    const lying = new ScriptedClient();
    const original = lying.appendToStream.bind(lying);
    lying.appendToStream = async (name, events, options) => original(name, events.map((e) => ({ ...e, id: randomUUID() })), options);
    await expect(storeOn(lying).appendToStream('mpan-1', 'no_stream', [ev('A1')])).rejects.toThrow(/reading them back found other events/);
  });

  it('resends with fresh ids, so a no_stream resend is a conflict (ESDB would answer matching ids with success)', async () => {
    const client = new ScriptedClient();
    const store = storeOn(client);
    const events = [ev('InboundMessageReceived')];
    await store.appendToStream('message-1', 'no_stream', events);

    const error = await store.appendToStream('message-1', 'no_stream', events).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamName: 'message-1', expected: 'no_stream', actual: 0n });
    expect(client.appends[1].events[0].id).not.toBe(client.appends[0].events[0].id);
  });

  it('maps the server WrongExpectedVersion to WrongExpectedRevisionError with our stream name and the actual revision', async () => {
    const store = storeOn(new ScriptedClient());
    await store.appendToStream('mpan-1', 'no_stream', [ev('A1'), ev('A2'), ev('A3')]);

    await expect(store.appendToStream('mpan-1', 0n, [ev('X')])).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', streamName: 'mpan-1', expected: 0n, actual: 2n });
    await expect(store.appendToStream('mpan-2', 0n, [ev('X')])).rejects.toMatchObject({ streamName: 'mpan-2', actual: 'no_stream' });
  });

  it('refuses bad arguments and a batch with an unserialisable event #250 before any client call', async () => {
    const { client, touched } = untouchableClient();
    const store = storeOn(client);
    const batch = Array.from({ length: 500 }, (_, i) => ev('Numbered', { i }));
    const poisoned = batch.map((e, i) => (i === 250 ? { ...e, data: { i, bad: 1n } } : e));

    await expect(store.appendToStream('mpan-1', 'no_stream', poisoned)).rejects.toThrow(/event #250 of stream mpan-1: data cannot be serialised/);
    await expect(store.appendToStream('mpan-1', 'no_stream', [])).rejects.toThrow(/non-empty array/);
    await expect(store.appendToStream('', 'no_stream', [ev('A')])).rejects.toThrow(/streamName/);
    await expect(store.appendToStream('mpan-1', 0 as unknown as bigint, [ev('A')])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('mpan-1', 'no_stream', [{ ...ev('A'), metadata: { ...ev('A').metadata, recordedAt: 'x' } }])).rejects.toThrow(
      /recordedAt is reserved/,
    );
    await expect(store.readStream('mpan-1', { fromRevision: -1n })).rejects.toThrow(RangeError);
    await expect(store.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
    expect(() => store.subscribeToAll({ after: 1 as unknown as bigint })).toThrow(RangeError);
    expect(touched).toEqual([]);
  });

  it('refuses a $ stream name without a namespace (a system stream on the server)', async () => {
    const { client, touched } = untouchableClient();
    const store = EventStoreDbEventStore.withClient(client as EventStoreDBClient);
    await expect(store.appendToStream('$mpan-1', 'no_stream', [ev('A')])).rejects.toThrow(RangeError);
    await expect(store.readStream('$mpan-1')).rejects.toThrow(RangeError);
    expect(touched).toEqual([]);
    expect(() => EventStoreDbEventStore.withClient(client as EventStoreDBClient, { namespace: '$ns' })).toThrow(RangeError);
  });

  it('reads streams back as our events: names without the namespace, metadata without recordedAt; [] for a missing stream', async () => {
    const client = new ScriptedClient();
    const store = storeOn(client, { now: () => new Date('2025-04-01T00:00:00.000Z') });
    const events = [ev('A1', { n: 1 }), ev('A2', { n: 2 })];
    const { positions } = await store.appendToStream('mpan-1', 'no_stream', events);

    expect(await store.readStream('mpan-1', { fromRevision: 1n })).toEqual([
      { streamName: 'mpan-1', revision: 1n, position: positions[1], type: 'A2', data: { n: 2 }, metadata: events[1].metadata, recordedAt: '2025-04-01T00:00:00.000Z' },
    ]);
    expect(await store.readStream('mpan-9')).toEqual([]);
    expect(await store.readStream('mpan-1', { maxCount: 0 })).toEqual([]);
    expect(await store.streamRevision('mpan-1')).toBe(1n);
    expect(await store.streamRevision('mpan-9')).toBe('no_stream');
  });

  it('closes idempotently, disposing the client; calls after close reject', async () => {
    const client = new ScriptedClient();
    const store = storeOn(client);
    await store.close();
    await store.close();

    expect(client.disposed).toBe(true);
    await expect(store.appendToStream('mpan-1', 'no_stream', [ev('A')])).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    expect(() => store.subscribeToAll()).toThrow(/closed/);
  });
});
