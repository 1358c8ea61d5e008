import { InMemoryEventStore } from '@app/event-store/testing';
import { countEventsAfter, lagOf, lagProblem, ProjectionLag } from './projection-lag';

/** A store whose events are recorded at the instants `times` gives out, one per event, in order. */
async function storeWith(times: string[]): Promise<InMemoryEventStore> {
  let i = 0;
  const store = new InMemoryEventStore({ now: () => new Date(times[Math.min(i, times.length - 1)]!) });
  for (; i < times.length; i++) {
    await store.appendToStream(`mpan-${1000 + i}`, 'no_stream', [
      { type: 'Noted', data: { i }, metadata: { schemaVersion: 1, eventId: `e${i}`, correlationId: 'c', causationId: 'c' } },
    ]);
  }
  return store;
}

const caughtUp = { count: 0, capped: false, oldestRecordedAt: null };

describe('projection lag', () => {
  describe('countEventsAfter', () => {
    it('counts the events after a position and gives the recorded-at instant of the first', async () => {
      const store = await storeWith(['2025-06-15T10:00:00.000Z', '2025-06-15T10:00:05.000Z', '2025-06-15T10:00:09.000Z']);
      expect(await countEventsAfter(store, 0n, 100)).toEqual({ count: 3, capped: false, oldestRecordedAt: '2025-06-15T10:00:00.000Z' });
      expect(await countEventsAfter(store, 1n, 100)).toEqual({ count: 2, capped: false, oldestRecordedAt: '2025-06-15T10:00:05.000Z' });
      expect(await countEventsAfter(store, 3n, 100)).toEqual(caughtUp);
    });

    it('stops at the limit and says so (the count is then a lower bound)', async () => {
      const store = await storeWith(Array.from({ length: 5 }, (_, i) => `2025-06-15T10:00:0${i}.000Z`));
      expect(await countEventsAfter(store, 0n, 3)).toEqual({ count: 3, capped: true, oldestRecordedAt: '2025-06-15T10:00:00.000Z' });
      expect(await countEventsAfter(store, 0n, 5)).toMatchObject({ count: 5, capped: true });
      expect(await countEventsAfter(store, 0n, 6)).toMatchObject({ count: 5, capped: false });
    });

    it('counts across pages of the log', async () => {
      const store = await storeWith(Array.from({ length: 2500 }, () => '2025-06-15T10:00:00.000Z'));
      expect(await countEventsAfter(store, 10n, 100_000)).toMatchObject({ count: 2490, capped: false });
      expect(await countEventsAfter(store, 0n, 2001)).toMatchObject({ count: 2001, capped: true });
    });

    it('refuses a limit below 1', async () => {
      await expect(countEventsAfter(new InMemoryEventStore(), 0n, 0)).rejects.toThrow(RangeError);
    });
  });

  describe('lagOf', () => {
    it('is zero events and zero seconds for a caught-up projection', () => {
      expect(lagOf('feed', 7n, 7n, caughtUp, '2025-06-15T10:00:00Z')).toEqual({
        projection: 'feed',
        position: 7n,
        headPosition: 7n,
        eventsBehind: 0,
        eventsBehindCapped: false,
        secondsBehind: 0,
        oldestUnappliedRecordedAt: null,
      });
    });

    it('measures seconds from the oldest unapplied event to now, in milliseconds', () => {
      const lag = lagOf('mpan-view', 4n, 9n, { count: 5, capped: false, oldestRecordedAt: '2025-06-15T10:00:00.000Z' }, '2025-06-15T10:01:30.250Z');
      expect(lag).toMatchObject({ eventsBehind: 5, secondsBehind: 90.25, oldestUnappliedRecordedAt: '2025-06-15T10:00:00.000Z' });
    });

    it('never reports a negative lag when the clock is behind the recorded instant', () => {
      expect(lagOf('feed', 0n, 1n, { count: 1, capped: false, oldestRecordedAt: '2025-06-15T10:00:10Z' }, '2025-06-15T10:00:00Z').secondsBehind).toBe(0);
    });
  });

  describe('lagProblem', () => {
    const lag = (eventsBehind: number, secondsBehind: number, eventsBehindCapped = false): ProjectionLag => ({
      projection: 'mpan-view',
      position: 10n,
      headPosition: 10n + BigInt(eventsBehind),
      eventsBehind,
      eventsBehindCapped,
      secondsBehind,
      oldestUnappliedRecordedAt: eventsBehind > 0 ? '2025-06-15T10:00:00.000Z' : null,
    });
    const bounds = { maxEvents: 100, maxSeconds: 60 };

    it('is null within both bounds, the bounds included', () => {
      expect(lagProblem(lag(0, 0), bounds)).toBeNull();
      expect(lagProblem(lag(100, 60), bounds)).toBeNull();
    });

    it('names the projection, both measures and the bound broken', () => {
      expect(lagProblem(lag(101, 2), bounds)).toBe(
        'projection mpan-view is 101 event(s) and 2 s behind the log (at position 10, head 111); the bound is 100 event(s)',
      );
      expect(lagProblem(lag(3, 60.5), bounds)).toBe(
        'projection mpan-view is 3 event(s) and 60.500 s behind the log (at position 10, head 13); the bound is 60 s',
      );
      expect(lagProblem(lag(101, 61, true), bounds)).toBe(
        'projection mpan-view is at least 101 event(s) and 61 s behind the log (at position 10, head 111); the bound is 100 event(s) and 60 s',
      );
    });

    it('fails a bound of zero events as soon as one event is unapplied', () => {
      expect(lagProblem(lag(1, 0), { maxEvents: 0, maxSeconds: 60 })).toContain('the bound is 0 event(s)');
    });
  });
});
