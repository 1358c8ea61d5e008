import { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { InMemoryEventStore } from '@app/event-store/testing';
import { accept, Decision, reject } from '@app/registration-domain';
import { FoldedStreamCache, readFoldedStream, StreamFold } from './folded-stream-cache';
import { handleCommand, LoopDecider } from './handle-command';

/** A counter: `Added` events add their amount; the state counts the events folded. */
type CounterEvent = { type: 'Added'; data: { amount: number } };
type CounterState = { total: number; seen: number };
const fold: StreamFold<CounterState, CounterEvent> = {
  initialState: () => ({ total: 0, seen: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount, seen: s.seen + 1 }),
};
/** Refuses to take the total above 100: a rejection that depends on the state. */
const counter: LoopDecider<{ amount: number }, CounterState, CounterEvent> = {
  ...fold,
  decide: (c, s): Decision<CounterEvent> =>
    s.total + c.amount > 100
      ? reject([{ code: 'LOC999', rule: 'TooMuch', message: `total ${s.total} + ${c.amount} is over 100` }])
      : accept([{ type: 'Added', data: { amount: c.amount } }]),
};

const added = (amount: number, key = `k-${amount}`): NewEvent => ({
  type: 'Added',
  data: { amount },
  metadata: { schemaVersion: 1, eventId: `${key}/e`, correlationId: 'c', causationId: key, messageKey: key, bodyHash: `h-${key}` },
});

const options = (messageKey: string, cache?: FoldedStreamCache<CounterState, CounterEvent>) => ({
  messageKey,
  bodyHash: `h-${messageKey}`,
  cache,
  metadataFor: (_e: CounterEvent, i: number) => ({ schemaVersion: 1, eventId: `${messageKey}/${i}`, correlationId: 'c', causationId: messageKey }),
});

/** Records every readStream call's options. */
class CountingStore extends InMemoryEventStore {
  readonly reads: Array<{ stream: string; fromRevision: bigint }> = [];
  override async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.reads.push({ stream, fromRevision: options?.fromRevision ?? 0n });
    return super.readStream(stream, options);
  }
}

describe('FoldedStreamCache', () => {
  it('a miss reads the whole stream; a hit reads from the held revision on and folds only the later events', async () => {
    const store = new CountingStore();
    await store.appendToStream('s', 'no_stream', [added(1), added(2), added(3)]);
    const cache = new FoldedStreamCache(fold, 10);

    const first = await cache.load(store, 's');
    expect(first).toMatchObject({ state: { total: 6, seen: 3 }, revision: 2n });
    expect(store.reads).toEqual([{ stream: 's', fromRevision: 0n }]);

    await store.appendToStream('s', 2n, [added(4)]);
    const second = await cache.load(store, 's');
    expect(second).toMatchObject({ state: { total: 10, seen: 4 }, revision: 3n, position: 4n });
    // The held last event is read again as an anchor, then the new one.
    expect(store.reads[1]).toEqual({ stream: 's', fromRevision: 2n });
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1, invalidations: 0 });

    // The same result as a fold of the whole stream, and the earlier result is left as it was.
    const full = await readFoldedStream(store, 's', fold);
    expect(second.state).toEqual(full.state);
    expect(first.state).toEqual({ total: 6, seen: 3 });
  });

  it('indexes events by message key, each version seeing its own revisions only', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s', 'no_stream', [added(1, 'a'), added(2, 'b')]);
    const cache = new FoldedStreamCache(fold, 10);
    const before = await cache.load(store, 's');
    await store.appendToStream('s', 1n, [added(3, 'a')]);
    const after = await cache.load(store, 's');
    expect(after.eventsOfKey('a')).toEqual([
      { revision: 0n, position: 1n, type: 'Added', bodyHash: 'h-a' },
      { revision: 2n, position: 3n, type: 'Added', bodyHash: 'h-a' },
    ]);
    expect(before.eventsOfKey('a').map((e) => e.revision)).toEqual([0n]);
    expect(after.eventsOfKey('unknown')).toEqual([]);
  });

  it('does not hold a stream with no events', async () => {
    const cache = new FoldedStreamCache(fold, 10);
    const folded = await cache.load(new InMemoryEventStore(), 'none');
    expect(folded).toMatchObject({ state: { total: 0, seen: 0 }, revision: null, position: null });
    expect(cache.stats().entries).toBe(0);
  });

  it('evicts the least recently used stream beyond maxEntries, and holds nothing with 0', async () => {
    const store = new CountingStore();
    for (const s of ['a', 'b', 'c']) await store.appendToStream(s, 'no_stream', [added(1, s)]);
    const cache = new FoldedStreamCache(fold, 2);
    await cache.load(store, 'a');
    await cache.load(store, 'b');
    await cache.load(store, 'a'); // a is now the most recently used
    await cache.load(store, 'c'); // evicts b
    expect(cache.stats()).toMatchObject({ entries: 2, evictions: 1, hits: 1, misses: 3 });
    store.reads.length = 0;
    await cache.load(store, 'b');
    await cache.load(store, 'c');
    expect(store.reads).toEqual([
      { stream: 'b', fromRevision: 0n },
      { stream: 'c', fromRevision: 0n },
    ]);

    const none = new FoldedStreamCache(fold, 0);
    await none.load(store, 'a');
    await none.load(store, 'a');
    expect(none.stats()).toMatchObject({ entries: 0, hits: 0, misses: 2 });
    expect(() => new FoldedStreamCache(fold, -1)).toThrow(RangeError);
    expect(() => new FoldedStreamCache(fold, 1.5)).toThrow(RangeError);
  });

  it('drops what it holds when the store does not continue it (anchor missing or moved), and reads the whole stream', async () => {
    const cache = new FoldedStreamCache(fold, 10);
    const first = new InMemoryEventStore();
    await first.appendToStream('s', 'no_stream', [added(50), added(50)]);
    await cache.load(first, 's');
    // Another store with a shorter stream of the same name: the held revision 1 is not there.
    const other = new InMemoryEventStore();
    await other.appendToStream('s', 'no_stream', [added(7)]);
    expect((await cache.load(other, 's')).state).toEqual({ total: 7, seen: 1 });
    // And one where revision 0 exists at another global position.
    const shifted = new InMemoryEventStore();
    await shifted.appendToStream('x', 'no_stream', [added(1, 'x')]);
    await shifted.appendToStream('s', 'no_stream', [added(9)]);
    expect((await cache.load(shifted, 's')).state).toEqual({ total: 9, seen: 1 });
    expect(cache.stats()).toMatchObject({ invalidations: 2, misses: 3, hits: 0 });
  });

  it('folds a stream that does not start at revision 0 (truncated) as read, without holding it', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s', 'no_stream', [added(1), added(2), added(3)]);
    const truncated: EventStore = Object.assign(Object.create(store) as InMemoryEventStore, {
      readStream: async (name: string, options?: ReadStreamOptions) =>
        (await store.readStream(name, options)).filter((e) => e.revision >= 1n),
    });
    const cache = new FoldedStreamCache(fold, 10);
    expect(await cache.load(truncated, 's')).toMatchObject({ state: { total: 5, seen: 2 }, revision: 2n });
    expect(cache.stats().entries).toBe(0);
  });

  it('drops the entry when a read fails, and lets the error through', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s', 'no_stream', [added(1)]);
    const cache = new FoldedStreamCache(fold, 10);
    await cache.load(store, 's');
    const failing: EventStore = Object.assign(Object.create(store) as InMemoryEventStore, {
      readStream: () => Promise.reject(new Error('connection lost')),
    });
    await expect(cache.load(failing, 's')).rejects.toThrow('connection lost');
    expect(cache.stats().entries).toBe(0);
  });
});

/** Appends a rival event (another writer) between the loop's read and its append, `conflicts` times. */
class RacingStore extends CountingStore {
  constructor(private conflicts: number) {
    super();
  }
  override async appendToStream(stream: string, expected: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    if (this.conflicts > 0) {
      this.conflicts--;
      const current = await this.streamRevision(stream);
      await super.appendToStream(stream, current, [added(90, `rival-${this.conflicts}`)]);
    }
    return super.appendToStream(stream, expected, events);
  }
}

describe('handleCommand with a FoldedStreamCache', () => {
  it('reads only the new events on later commands and decides on the same state as without the cache', async () => {
    const store = new CountingStore();
    const cache = new FoldedStreamCache(fold, 10);
    for (const amount of [10, 20, 30]) await handleCommand(store, 's', counter, { amount }, options(`k${amount}`, cache));
    const rejected = await handleCommand(store, 's', counter, { amount: 50 }, options('k50', cache));
    expect(rejected).toMatchObject({ kind: 'rejected', streamRevision: 2n, reasons: [{ message: 'total 60 + 50 is over 100' }] });
    // An empty stream (first command) is not held; then whole reads until held, then from the held revision.
    expect(store.reads.map((r) => r.fromRevision)).toEqual([0n, 0n, 0n, 1n]);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it('sees events other writers appended since the state was held (no stale rejection or acceptance)', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldedStreamCache(fold, 10);
    await handleCommand(store, 's', counter, { amount: 10 }, options('k1', cache));
    // Another process adds 85 without this cache knowing.
    await store.appendToStream('s', 0n, [added(85, 'other')]);
    const result = await handleCommand(store, 's', counter, { amount: 10 }, options('k2', cache));
    expect(result).toMatchObject({ kind: 'rejected', reasons: [{ message: 'total 95 + 10 is over 100' }], attempts: 1 });
  });

  it('a state gone stale between read and append meets the revision check: entry dropped, whole stream read, decided again', async () => {
    const store = new RacingStore(0);
    const cache = new FoldedStreamCache(fold, 10);
    for (const key of ['k1', 'k2', 'k3']) await handleCommand(store, 's', counter, { amount: 1 }, options(key, cache));
    store.reads.length = 0;
    Object.assign(store, { conflicts: 1 });
    const result = await handleCommand(store, 's', counter, { amount: 10 }, options('k4', cache));
    // Attempt 1 decided on total 3 and lost the race to a rival's 90; attempt 2 read it and refused.
    expect(result).toMatchObject({ kind: 'rejected', attempts: 2, reasons: [{ message: 'total 93 + 10 is over 100' }] });
    // The first read from the held revision (1), the retry from the start of the stream.
    expect(store.reads.map((r) => r.fromRevision)).toEqual([1n, 0n]);
    expect(cache.stats()).toMatchObject({ invalidations: 1 });
    expect((await store.readStream('s')).map((e) => e.data.amount)).toEqual([1, 1, 1, 90]);
  });

  it('a held state ahead of the store (any doubt) ends in a conflict or a fresh read, never in a wrong append', async () => {
    const cache = new FoldedStreamCache(fold, 10);
    const old = new InMemoryEventStore();
    await handleCommand(old, 's', counter, { amount: 40 }, options('k1', cache));
    await handleCommand(old, 's', counter, { amount: 40 }, options('k2', cache));
    const fresh = new InMemoryEventStore();
    await fresh.appendToStream('s', 'no_stream', [added(1, 'f')]);
    const result = await handleCommand(fresh, 's', counter, { amount: 40 }, options('k3', cache));
    expect(result).toMatchObject({ kind: 'appended', streamRevision: 1n });
    expect((await fresh.readStream('s')).map((e) => e.data.amount)).toEqual([1, 40]);
  });

  it('recognises a message already applied from the held key index', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldedStreamCache(fold, 10);
    const first = await handleCommand(store, 's', counter, { amount: 5 }, options('k1', cache));
    await handleCommand(store, 's', counter, { amount: 6 }, options('k2', cache));
    const again = await handleCommand(store, 's', counter, { amount: 5 }, options('k1', cache));
    expect(again).toMatchObject({ kind: 'already-applied', streamRevision: 0n, bodyHash: 'h-k1', eventTypes: ['Added'] });
    expect(again.kind === 'already-applied' && again.positions).toEqual(first.kind === 'appended' && first.positions);
  });
});
