import { RecordedEvent } from './event-store.port';
import { OpenSubscriptions, pollingSubscription, ReadAllPage } from './event-subscription';

/** A log of `count` events at positions 10, 20, 30 ... (not dense, like a server's). */
function log(count: number): RecordedEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    streamName: `s-${i % 2}`,
    revision: BigInt(Math.floor(i / 2)),
    position: BigInt((i + 1) * 10),
    type: `E${i + 1}`,
    data: {},
    metadata: { schemaVersion: 1, eventId: `e${i}`, correlationId: 'c', causationId: 'c' },
    recordedAt: '2025-04-01T00:00:00.000Z',
  }));
}

/** A `readAll` over `events` that records the pages asked for. */
function reader(events: RecordedEvent[], calls: Array<{ after: bigint; maxCount: number }> = []): ReadAllPage {
  return async ({ after, maxCount, streamPrefix }) => {
    calls.push({ after, maxCount });
    return events
      .filter((e) => e.position > after && (streamPrefix === undefined || e.streamName.startsWith(streamPrefix)))
      .slice(0, maxCount);
  };
}

async function collect(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<string[]> {
  const types: string[] = [];
  while (types.length < count) {
    const result = await iterator.next();
    if (result.done) break;
    types.push(result.value.type);
  }
  return types;
}

describe('pollingSubscription', () => {
  it('pages readAll from its cursor and delivers every event once, in order', async () => {
    const events = log(5);
    const calls: Array<{ after: bigint; maxCount: number }> = [];
    const subscription = pollingSubscription(reader(events, calls), { after: 10n, pageSize: 2, pollIntervalMs: 1 });

    const types = await collect(subscription[Symbol.asyncIterator](), 4);
    await subscription.close();

    expect(types).toEqual(['E2', 'E3', 'E4', 'E5']);
    expect(calls.slice(0, 2)).toEqual([
      { after: 10n, maxCount: 2 },
      { after: 30n, maxCount: 2 },
    ]);
  });

  it('delivers events appended after it caught up (live), then ends a pending next() on close', async () => {
    const events = log(2);
    const subscription = pollingSubscription(reader(events), { after: 0n, pollIntervalMs: 5 });
    const iterator = subscription[Symbol.asyncIterator]();
    expect(await collect(iterator, 2)).toEqual(['E1', 'E2']);

    events.push(...log(3).slice(2));
    expect(await collect(iterator, 1)).toEqual(['E3']);
    const pending = iterator.next();
    await subscription.close();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it('serialises concurrent next() calls: each event goes to exactly one call', async () => {
    const subscription = pollingSubscription(reader(log(3)), { after: 0n, pageSize: 1, pollIntervalMs: 1 });
    const iterator = subscription[Symbol.asyncIterator]();

    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    await subscription.close();

    expect(results.map((r) => (r.done ? 'done' : r.value.type))).toEqual(['E1', 'E2', 'E3']);
  });

  it('ends the iteration with the store error, then is closed', async () => {
    const failure = new Error('store is closed');
    let closed = 0;
    const subscription = pollingSubscription(() => Promise.reject(failure), { after: 0n, onClosed: () => (closed += 1) });
    const iterator = subscription[Symbol.asyncIterator]();

    await expect(iterator.next()).rejects.toBe(failure);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    await subscription.close();
    expect(closed).toBe(1);
  });

  it('waits for an in-flight read when closed, and drops what it returns', async () => {
    let release: (events: RecordedEvent[]) => void = () => undefined;
    const subscription = pollingSubscription(() => new Promise((resolve) => (release = resolve)), { after: 0n });
    const pending = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setImmediate(resolve));

    let closed = false;
    const closing = subscription.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release(log(1));
    await closing;

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it('rejects a page size below 1 and a negative poll interval', () => {
    expect(() => pollingSubscription(reader([]), { after: 0n, pageSize: 0 })).toThrow(RangeError);
    expect(() => pollingSubscription(reader([]), { after: 0n, pollIntervalMs: -1 })).toThrow(RangeError);
  });
});

describe('OpenSubscriptions', () => {
  it('forgets closed subscriptions and closes the rest with closeAll', async () => {
    const open = new OpenSubscriptions();
    const first = open.track((onClosed) => pollingSubscription(reader([]), { after: 0n, onClosed }));
    const second = open.track((onClosed) => pollingSubscription(reader([]), { after: 0n, onClosed }));
    expect(open.size).toBe(2);

    await first.close();
    expect(open.size).toBe(1);
    const pending = second[Symbol.asyncIterator]().next();
    await open.closeAll();

    expect(open.size).toBe(0);
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });
});
