import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { NewEvent, WrongExpectedRevisionError } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const tempDirs: string[] = [];

/** A fresh file path in a nested, not yet existing directory under os.tmpdir(). */
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
  tempDirs.push(dir);
  return join(dir, 'nested', 'events.sqlite');
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('SqliteEventStore (file)', async () => {
  const path = tempDbPath();
  const store = await SqliteEventStore.open({ path });
  return { store, cleanup: () => store.close() };
}, { appendToStreams: true });

function ev(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { schemaVersion: 1, eventId: `id-${type}`, correlationId: 'c', causationId: 'c' } };
}

function connectionOf(store: SqliteEventStore): BetterSqlite3.Database {
  return (store.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

describe('SqliteEventStore (SQLite specifics)', () => {
  const open: SqliteEventStore[] = [];
  const openStore = async (options: Parameters<typeof SqliteEventStore.open>[0]) => {
    const store = await SqliteEventStore.open(options);
    open.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it('runs in WAL mode with synchronous=NORMAL and the busy timeout by default', async () => {
    const store = await openStore({ path: tempDbPath(), busyTimeoutMs: 1234 });
    const db = connectionOf(store);

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
  });

  it('sets synchronous=FULL when asked and rejects unknown values', async () => {
    const store = await openStore({ path: tempDbPath(), synchronous: 'FULL' });
    expect(connectionOf(store).pragma('synchronous', { simple: true })).toBe(2); // FULL

    await expect(
      SqliteEventStore.open({ path: tempDbPath(), synchronous: 'OFF' as 'FULL' }),
    ).rejects.toThrow(RangeError);
  });

  it('creates the schema by migration, matching the entity (no schema drift)', async () => {
    const store = await openStore({ path: tempDbPath() });

    const executed = await store.dataSource.query('SELECT name FROM migrations');
    expect(executed).toEqual([{ name: 'CreateEventsTable1760000000000' }]);
    const pending = await store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps events and positions when the file is reopened, and continues the positions', async () => {
    const path = tempDbPath();
    const first = await SqliteEventStore.open({ path });
    const written = await first.appendToStream('mpan-1', 'no_stream', [ev('A'), ev('B', { x: 'é' })]);
    const before = await first.readAll();
    await first.close();

    const reopened = await openStore({ path });
    expect(await reopened.readAll()).toEqual(before);
    expect(await reopened.headPosition()).toBe(written.lastPosition);
    expect(await reopened.streamRevision('mpan-1')).toBe(1n);
    const next = await reopened.appendToStream('mpan-1', 1n, [ev('C')]);
    expect(next.lastPosition).toBe(written.lastPosition + 1n);
  });

  it('round-trips a position above 2^53 exactly (AUTOINCREMENT seeded through sqlite_sequence)', async () => {
    const path = tempDbPath();
    const store = await SqliteEventStore.open({ path });
    await store.appendToStream('seed', 'no_stream', [ev('Seed')]);
    const seed = 2n ** 53n; // the next positions, 2^53 + 1 and + 2, are not representable as numbers
    connectionOf(store).prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(seed);

    const result = await store.appendToStream('mpan-1', 'no_stream', [ev('A'), ev('B')]);

    expect(result.positions).toEqual([9007199254740993n, 9007199254740994n]);
    expect((await store.readStream('mpan-1')).map((e) => e.position)).toEqual(result.positions);
    expect((await store.readAll({ after: 9007199254740993n })).map((e) => e.position)).toEqual([
      9007199254740994n,
    ]);
    expect((await store.readAll({ after: 1n, streamPrefix: 'mpan-' })).map((e) => e.position)).toEqual(
      result.positions,
    );
    expect(await store.headPosition()).toBe(9007199254740994n);
    await store.close();

    const reopened = await openStore({ path });
    expect(await reopened.headPosition()).toBe(9007199254740994n);
    expect((await reopened.appendToStream('mpan-1', 1n, [ev('C')])).lastPosition).toBe(9007199254740995n);
  });

  it('lets exactly one of two store instances (two connections) on one file win the same stream', async () => {
    const path = tempDbPath();
    const a = await openStore({ path });
    const b = await openStore({ path });
    await a.appendToStream('mpan-1', 'no_stream', [ev('Created')]);
    expect(await b.streamRevision('mpan-1')).toBe(0n);

    const outcomes = await Promise.allSettled([
      a.appendToStream('mpan-1', 0n, [ev('ByA')]),
      b.appendToStream('mpan-1', 0n, [ev('ByB')]),
      b.appendToStream('mpan-2', 'no_stream', [ev('Other')]),
    ]);

    const sameStream = outcomes.slice(0, 2);
    expect(sameStream.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [loser] = sameStream.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(loser.reason).toMatchObject({ expected: 0n, actual: 1n });
    expect(outcomes[2].status).toBe('fulfilled');
    const fromA = await a.readAll();
    expect(await b.readAll()).toEqual(fromA);
    expect(fromA.map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('rolls back a 500-event append that the database rejects at row 251 (nothing visible)', async () => {
    const store = await openStore({ path: tempDbPath() });
    await store.appendToStream('other', 'no_stream', [ev('Before')]);
    const head = await store.headPosition();
    const db = connectionOf(store);
    // A temporary trigger on this connection makes the 251st INSERT of the batch fail inside SQLite,
    // after 250 rows were written in the same transaction.
    db.exec(`CREATE TEMP TRIGGER fail_mid_batch BEFORE INSERT ON main.events
             WHEN NEW.stream_name = 'mpan-1' AND NEW.revision = 250
             BEGIN SELECT RAISE(ABORT, 'injected failure at revision 250'); END`);
    const batch = Array.from({ length: 500 }, (_, i) => ev('Numbered', { i }));

    await expect(store.appendToStream('mpan-1', 'no_stream', batch)).rejects.toMatchObject({ message: expect.stringMatching(/injected failure/) }); // native SqliteError: not instanceof this realm's Error

    expect(db.inTransaction).toBe(false);
    expect(await store.readStream('mpan-1')).toEqual([]);
    expect(await store.readAll({ after: head })).toEqual([]);
    expect(await store.headPosition()).toBe(head);
    db.exec('DROP TRIGGER temp.fail_mid_batch');
    const ok = await store.appendToStream('mpan-1', 'no_stream', batch);
    expect(ok.positions[0]).toBe(head + 1n); // the sequence was rolled back too: no gap
    expect(ok.lastPosition).toBe(head + 500n);
  });

  it('maps a unique (stream_name, revision) violation to WrongExpectedRevisionError', async () => {
    const store = await openStore({ path: tempDbPath() });
    // Simulates a writer that bypassed the revision check: inserting revision 0 also inserts
    // revision 1, so the batch's own revision 1 collides with it.
    connectionOf(store).exec(`CREATE TEMP TRIGGER sneak AFTER INSERT ON main.events
      WHEN NEW.stream_name = 'mpan-1' AND NEW.revision = 0
      BEGIN INSERT INTO events (stream_name, revision, type, data, metadata, recorded_at)
            VALUES ('mpan-1', 1, 'Sneaky', '{}', '{}', '2025-01-01T00:00:00.000Z'); END`);

    const error = await store.appendToStream('mpan-1', 'no_stream', [ev('A'), ev('B')]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamName: 'mpan-1', expected: 'no_stream', actual: 'no_stream' });
    expect(await store.readStream('mpan-1')).toEqual([]);
  });

  it('waits for a TypeORM transaction on the shared connection instead of joining it', async () => {
    const store = await openStore({ path: tempDbPath() });
    const runner = store.dataSource.createQueryRunner();
    await runner.query('CREATE TABLE scratch (x integer)');
    await runner.startTransaction();
    await runner.query('INSERT INTO scratch (x) VALUES (1)');

    let settled = false;
    const append = store.appendToStream('mpan-1', 'no_stream', [ev('A')]).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBe(false);

    await runner.rollbackTransaction(); // had the append joined, it would be rolled back here
    const result = await append;
    expect((await store.readStream('mpan-1')).map((e) => e.position)).toEqual(result.positions);
    expect(await runner.query('SELECT count(*) AS n FROM scratch')).toEqual([{ n: 0 }]);
    await runner.release();
  });

  it('runs extra migrations after its own, and rolls every migration back if one fails', async () => {
    class CreateReadModel1760000000001 implements MigrationInterface {
      async up(q: QueryRunner) {
        await q.query('CREATE TABLE "mpan_view" ("mpan_core" varchar PRIMARY KEY NOT NULL)');
      }
      async down(q: QueryRunner) {
        await q.query('DROP TABLE "mpan_view"');
      }
    }
    class Broken1760000000002 implements MigrationInterface {
      async up(q: QueryRunner) {
        await q.query('CREATE TABLE "half_done" (x integer)');
        throw new Error('broken migration');
      }
      async down() {}
    }
    const path = tempDbPath();

    await expect(
      SqliteEventStore.open({ path, extraMigrations: [CreateReadModel1760000000001, Broken1760000000002] }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/broken migration/) });

    const store = await openStore({ path, extraMigrations: [CreateReadModel1760000000001] });
    const tables = await store.dataSource.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'mpan_view', 'half_done') ORDER BY name",
    );
    expect(tables).toEqual([{ name: 'events' }, { name: 'mpan_view' }]);
    expect(await store.dataSource.query('SELECT name FROM migrations ORDER BY id')).toEqual([
      { name: 'CreateEventsTable1760000000000' },
      { name: 'CreateReadModel1760000000001' },
    ]);
  });

  it('opens two instances of a new file at once, even when a migration yields to the event loop', async () => {
    class SlowMigration1760000000003 implements MigrationInterface {
      async up(q: QueryRunner) {
        await new Promise((r) => setTimeout(r, 20)); // holds the write lock across a macrotask
        await q.query('CREATE TABLE "slow" (x integer)');
      }
      async down() {}
    }
    const path = tempDbPath();
    const options = { path, busyTimeoutMs: 1000, extraMigrations: [SlowMigration1760000000003] };
    const [a, b] = await Promise.all([openStore(options), openStore(options)]);
    await a.appendToStream('mpan-1', 'no_stream', [ev('A')]);
    expect(await b.streamRevision('mpan-1')).toBe(0n);
  });
});
