import { describeEventStoreContract } from './event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('InMemoryEventStore', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
}, { appendToStreams: true });

describe('InMemoryEventStore', () => {
  it('keeps positions above 2^53 exact when seeded with firstPosition', async () => {
    const first = 2n ** 53n + 1n; // 9007199254740993: not representable as a JS number
    const store = new InMemoryEventStore({ firstPosition: first });
    const meta = { schemaVersion: 1, eventId: 'e', correlationId: 'c', causationId: 'c' };

    const result = await store.appendToStream('mpan-1', 'no_stream', [
      { type: 'A', data: {}, metadata: meta },
      { type: 'B', data: {}, metadata: meta },
    ]);

    expect(result.positions).toEqual([first, first + 1n]);
    expect((await store.readAll({ after: first })).map((e) => e.position)).toEqual([first + 1n]);
    expect(await store.headPosition()).toBe(9007199254740994n);
  });

  it('stamps recordedAt from the injected clock', async () => {
    const store = new InMemoryEventStore({ now: () => new Date('2025-04-01T10:00:00Z') });
    const meta = { schemaVersion: 1, eventId: 'e', correlationId: 'c', causationId: 'c' };

    const result = await store.appendToStream('mpan-1', 'no_stream', [{ type: 'A', data: {}, metadata: meta }]);

    expect(result.recordedAt).toBe('2025-04-01T10:00:00.000Z');
  });
});
