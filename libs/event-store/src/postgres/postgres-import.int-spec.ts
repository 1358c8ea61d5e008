/**
 * PostgresEventStore.importRecorded on a real server (its own throw-away database): events written
 * with their own positions, revisions and instants, all or nothing, only when they continue the log.
 */
import { RecordedEvent } from '../event-store.port';
import { digestLog } from '../log-digest';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from './testing/postgres-test-database';
import { PostgresEventStore } from './postgres-event-store';
import { LogImportRefusedError } from './postgres-import';

function recorded(position: bigint, streamName: string, revision: bigint, recordedAt = '2025-04-01T10:00:00.123Z'): RecordedEvent {
  return {
    position,
    streamName,
    revision,
    type: 'Happened',
    data: { z: 1, a: [position.toString()], nested: { b: null, a: 'é\u0000' } },
    metadata: { schemaVersion: 1, eventId: `e${position}`, correlationId: 'c', causationId: 'c' },
    recordedAt,
  };
}

describeWithPostgres('PostgresEventStore.importRecorded', (maintenanceUrl) => {
  let database: ThrowawayPostgresDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    database = await createThrowawayPostgresDatabase('regs_import_', maintenanceUrl);
    store = await PostgresEventStore.open({ connectionString: database.url, now: () => new Date('2030-01-01T00:00:00Z') });
  });

  afterEach(async () => {
    await store?.close();
    await database?.drop();
  });

  it('writes events with their own positions (holes kept), revisions and recordedAt, exactly as given', async () => {
    const events = [recorded(3n, 'mpan-a', 0n), recorded(4n, 'mpan-b', 0n), recorded(9n, 'mpan-a', 1n, '2024-12-31T23:59:59.999Z')];
    expect(await store.importRecorded(events)).toEqual({ events: 3, lastPosition: 9n });
    expect(await store.readAll()).toEqual(events);
    expect(await store.headPosition()).toBe(9n);
    // An append after an import continues the log and the stream.
    const appended = await store.appendToStream('mpan-a', 1n, [{ type: 'Next', data: {}, metadata: recorded(1n, 'x', 0n).metadata }]);
    expect(appended).toMatchObject({ positions: [10n], nextExpectedRevision: 2n });
  });

  it('gives the same log digest as the store the events came from', async () => {
    const source = new InMemoryEventStore({ now: () => new Date('2025-06-15T10:00:00Z') });
    await source.appendToStream('mpan-a', 'no_stream', [{ type: 'A', data: { x: 1 }, metadata: recorded(1n, 'x', 0n).metadata }]);
    await source.appendToStream('mpan-b', 'no_stream', [{ type: 'B', data: { y: 'ü' }, metadata: recorded(2n, 'x', 0n).metadata }]);
    await store.importRecorded(await source.readAll());
    expect(await digestLog(store)).toEqual(await digestLog(source));
  });

  it('continues a stream across imports, and refuses (writing nothing) a batch that does not continue the log', async () => {
    await store.importRecorded([recorded(1n, 'mpan-a', 0n), recorded(2n, 'mpan-a', 1n)]);
    const refusals: Array<[RecordedEvent[], RegExp]> = [
      [[recorded(2n, 'mpan-b', 0n)], /position 2 is not above the log's head position 2/],
      [[recorded(3n, 'mpan-a', 1n)], /stream mpan-a would continue at revision 1, but its last revision is 1 \(expected 2\)/],
      [[recorded(3n, 'mpan-b', 1n)], /stream mpan-b would continue at revision 1, but it does not exist yet \(expected 0\)/],
      [[recorded(4n, 'mpan-b', 0n), recorded(3n, 'mpan-c', 0n)], /positions must be strictly increasing, got 3 after 4/],
      [[recorded(3n, 'mpan-b', 0n), recorded(4n, 'mpan-b', 2n)], /revision 2 of stream mpan-b does not follow revision 0/],
      [[recorded(3n, 'mpan-b', 0n, '2025-04-01 10:00:00')], /recordedAt must be an ISO 8601 UTC instant/],
      [[], /non-empty array/],
    ];
    for (const [events, message] of refusals) {
      await expect(store.importRecorded(events)).rejects.toThrow(message);
      await expect(store.importRecorded(events)).rejects.toBeInstanceOf(LogImportRefusedError);
    }
    // A batch whose last event is wrong writes none of its events.
    await expect(store.importRecorded([recorded(3n, 'mpan-a', 2n), recorded(4n, 'mpan-c', 5n)])).rejects.toThrow(/stream mpan-c/);
    expect((await store.readAll()).map((e) => e.position)).toEqual([1n, 2n]);
    expect(await store.importRecorded([recorded(3n, 'mpan-a', 2n), recorded(4n, 'mpan-c', 0n)])).toEqual({ events: 2, lastPosition: 4n });
  });
});
