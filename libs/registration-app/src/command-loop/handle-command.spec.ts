import { AppendResult, EventStore, ExpectedRevision, NewEvent, WrongExpectedRevisionError } from '@app/event-store';
import { InMemoryEventStore } from '@app/event-store/testing';
import { accept, Decision, reject } from '@app/registration-domain';
import { CommitWith, ConcurrencyRetriesExhaustedError, handleCommand, LoopDecider } from './handle-command';

/** A counter process: `add` appends `Added`, a negative amount is refused. */
type CounterEvent = { type: 'Added'; data: { amount: number } };
type CounterState = { total: number; seen: number };
const counter: LoopDecider<{ amount: number }, CounterState, CounterEvent> = {
  initialState: () => ({ total: 0, seen: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount, seen: s.seen + 1 }),
  decide: (c, s): Decision<CounterEvent> =>
    c.amount < 0
      ? reject([{ code: 'LOC999', rule: 'NoNegative', message: `amount ${c.amount} is negative (total ${s.total})` }])
      : accept([{ type: 'Added', data: { amount: c.amount } }]),
};

const options = (messageKey: string, bodyHash = 'h1') => ({
  messageKey,
  bodyHash,
  metadataFor: (_e: CounterEvent, i: number) => ({ schemaVersion: 1, eventId: `${messageKey}/${i}`, correlationId: 'c', causationId: messageKey }),
});

/** Lets `conflicts` appends fail as if another writer had appended first, by really appending. */
class RacingStore extends InMemoryEventStore {
  constructor(private conflicts: number) {
    super();
  }
  override async appendToStream(stream: string, expected: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    if (this.conflicts > 0) {
      this.conflicts--;
      await super.appendToStream(stream, expected, [
        { type: 'Added', data: { amount: 100 }, metadata: { schemaVersion: 1, eventId: `rival-${this.conflicts}`, correlationId: 'x', causationId: 'rival' } },
      ]);
    }
    return super.appendToStream(stream, expected, events);
  }
}

describe('handleCommand (the command loop)', () => {
  it('appends the decided events to a new stream with no_stream, and the message key and body hash in metadata', async () => {
    const store = new InMemoryEventStore();
    const result = await handleCommand(store, 's-1', counter, { amount: 5 }, options('k1'));
    expect(result).toMatchObject({ kind: 'appended', eventTypes: ['Added'], streamRevision: 0n, attempts: 1 });
    const [event] = await store.readStream('s-1');
    expect(event!.metadata).toMatchObject({ messageKey: 'k1', bodyHash: 'h1', eventId: 'k1/0' });
  });

  it('appends with the revision it read when the stream exists', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, 's-1', counter, { amount: 5 }, options('k1'));
    const result = await handleCommand(store, 's-1', counter, { amount: 7 }, options('k2'));
    expect(result).toMatchObject({ kind: 'appended', streamRevision: 1n });
  });

  it('returns every reason of a rejection and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const result = await handleCommand(store, 's-1', counter, { amount: -1 }, options('k1'));
    expect(result).toEqual({
      kind: 'rejected',
      reasons: [{ code: 'LOC999', rule: 'NoNegative', message: 'amount -1 is negative (total 0)' }],
      streamRevision: null,
      attempts: 1,
    });
    expect(await store.streamRevision('s-1')).toBe('no_stream');
  });

  it('re-reads and decides again after a concurrency conflict, seeing the rival event', async () => {
    const store = new RacingStore(2);
    const seen: number[] = [];
    const spy: typeof counter = { ...counter, decide: (c, s) => (seen.push(s.seen), counter.decide(c, s)) };
    const result = await handleCommand(store, 's-1', spy, { amount: 1 }, options('k1'));
    expect(result).toMatchObject({ kind: 'appended', attempts: 3, streamRevision: 2n });
    expect(seen).toEqual([0, 1, 2]);
    expect((await store.readStream('s-1')).map((e) => e.data.amount)).toEqual([100, 100, 1]);
  });

  it('gives up after maxAttempts conflicts without appending its own event', async () => {
    const store = new RacingStore(3);
    await expect(handleCommand(store, 's-1', counter, { amount: 1 }, { ...options('k1'), maxAttempts: 3 })).rejects.toBeInstanceOf(
      ConcurrencyRetriesExhaustedError,
    );
    const events = await store.readStream('s-1');
    expect(events.every((e) => e.metadata.messageKey !== 'k1')).toBe(true);
  });

  it('recognises a message already applied (same key in the stream) and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const first = await handleCommand(store, 's-1', counter, { amount: 5 }, options('k1'));
    const again = await handleCommand(store, 's-1', counter, { amount: 5 }, options('k1'));
    expect(again).toMatchObject({ kind: 'already-applied', streamRevision: 0n, bodyHash: 'h1', eventTypes: ['Added'] });
    expect(first.kind === 'appended' && again.kind === 'already-applied' && again.positions).toEqual(
      first.kind === 'appended' ? first.positions : null,
    );
    expect(await store.streamRevision('s-1')).toBe(0n);
  });

  it('lets other store errors through untouched', async () => {
    const broken: EventStore = Object.assign(new InMemoryEventStore(), {
      appendToStream: () => Promise.reject(new Error('disk full')),
    });
    await expect(handleCommand(broken, 's-1', counter, { amount: 1 }, options('k1'))).rejects.toThrow('disk full');
  });
});

describe('handleCommand with commitWith (one commit with the message records, ADR 0017)', () => {
  const record = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
    type,
    data,
    metadata: { schemaVersion: 1, eventId: `${type}-${Math.random()}`, correlationId: 'c', causationId: 'k' },
  });
  const commitWith = (): CommitWith => ({
    before: { streamName: 'message-k', expectedRevision: 'no_stream', events: [record('Received')] },
    after: {
      streamName: 'message-k',
      expectedRevision: 0n,
      events: (appended) => [record('Outcome', { revision: String(appended.streamRevision), positions: appended.positions.map(String), types: appended.eventTypes })],
    },
  });

  it('commits before-records, events and after-record in one appendToStreams, the after-record naming the events', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s-1', 'no_stream', [record('Added', { amount: 1 })]);
    const single = jest.spyOn(store, 'appendToStream');
    const multi = jest.spyOn(store, 'appendToStreams');

    const result = await handleCommand(store, 's-1', counter, { amount: 5 }, { ...options('k'), commitWith: commitWith() });

    expect(single).not.toHaveBeenCalled();
    expect(multi).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ kind: 'appended', streamRevision: 1n, positions: [3n], committedWith: { before: { lastPosition: 2n }, after: { lastPosition: 4n } } });
    expect((await store.readAll()).map((e) => [e.streamName, e.type])).toEqual([
      ['s-1', 'Added'],
      ['message-k', 'Received'],
      ['s-1', 'Added'],
      ['message-k', 'Outcome'],
    ]);
    expect((await store.readStream('message-k'))[1]!.data).toEqual({ revision: '1', positions: ['3'], types: ['Added'] });
  });

  it('retries a conflict on its own stream, writing nothing with the refused attempt', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s-1', 'no_stream', [record('Added', { amount: 1 })]);
    const original = store.appendToStreams.bind(store);
    let rival = true;
    jest.spyOn(store, 'appendToStreams').mockImplementation(async (batches) => {
      if (rival) {
        rival = false;
        await store.appendToStream('s-1', 0n, [record('Added', { amount: 100 })]);
      }
      return original(batches);
    });

    const result = await handleCommand(store, 's-1', counter, { amount: 5 }, { ...options('k'), commitWith: commitWith() });

    expect(result).toMatchObject({ kind: 'appended', streamRevision: 2n, attempts: 2 });
    expect((await store.readAll()).map((e) => e.streamName)).toEqual(['s-1', 's-1', 'message-k', 's-1', 'message-k']);
  });

  it('throws a conflict on a commitWith stream at once (nothing written, no retry)', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('message-k', 'no_stream', [record('ReceivedByARacingCopy')]);
    const multi = jest.spyOn(store, 'appendToStreams');

    const error = await handleCommand(store, 's-1', counter, { amount: 5 }, { ...options('k'), commitWith: commitWith() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((error as WrongExpectedRevisionError).streamName).toBe('message-k');
    expect(multi).toHaveBeenCalledTimes(1);
    expect(await store.streamRevision('s-1')).toBe('no_stream');
  });

  it('ignores commitWith on a store without appendToStreams, and when nothing is appended', async () => {
    const inMemory = new InMemoryEventStore();
    const withoutIt = Object.assign(Object.create(inMemory) as InMemoryEventStore, { appendToStreams: undefined });

    const appended = await handleCommand(withoutIt, 's-1', counter, { amount: 5 }, { ...options('k1'), commitWith: commitWith() });
    const rejected = await handleCommand(inMemory, 's-1', counter, { amount: -1 }, { ...options('k2'), commitWith: commitWith() });

    expect(appended).toMatchObject({ kind: 'appended', streamRevision: 0n });
    expect(appended).not.toHaveProperty('committedWith');
    expect(rejected.kind).toBe('rejected');
    expect((await inMemory.readAll()).map((e) => e.streamName)).toEqual(['s-1']);
  });
});
