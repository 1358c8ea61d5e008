import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

/**
 * Makes any insert into stream `poison` fail its transaction at COMMIT: a trigger inserts a row whose
 * deferred foreign key is checked only then (SQLITE_CONSTRAINT_FOREIGNKEY), after every savepoint
 * of the group has succeeded.
 */
function poisonStream(db: BetterSqlite3.Database): void {
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE parent (id integer PRIMARY KEY);
    CREATE TABLE child (parent_id integer REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.stream_name = 'poison'
      BEGIN INSERT INTO child (parent_id) VALUES (42); END;
  `);
}

function connectionOf(store: SqliteEventStore): BetterSqlite3.Database {
  return (store.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

/**
 * An `open` for the tests of one describe block: every store it opens is closed after each test
 * (registers the afterEach hook; call it inside the describe).
 */
function storesClosedAfterEach(): (options: Parameters<typeof SqliteEventStore.open>[0]) => Promise<SqliteEventStore> {
  const open: SqliteEventStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  return async (options) => {
    const store = await SqliteEventStore.open(options);
    open.push(store);
    return store;
  };
}

describe('SqliteEventStore (SQLite specifics)', () => {
  const openStore = storesClosedAfterEach();

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

describe('SqliteEventStore group commit (ADR 0018)', () => {
  const openStore = storesClosedAfterEach();

  /** Rows of `events` read through a second, read-only connection (what is committed). */
  function committedRows(path: string): Array<{ position: number; stream_name: string; type: string }> {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT position, stream_name, type FROM events ORDER BY position').all() as Array<{
        position: number;
        stream_name: string;
        type: string;
      }>;
    } finally {
      db.close();
    }
  }

  it('commits concurrent appends to different streams in one transaction, positions in call order', async () => {
    const store = await openStore({ path: tempDbPath() });
    const before = store.commitStats;

    const results = await Promise.all([
      store.appendToStream('mpan-a', 'no_stream', [ev('A1'), ev('A2')]),
      store.appendToStreams([
        { streamName: 'message-1', expectedRevision: 'no_stream', events: [ev('Received')] },
        { streamName: 'mpan-b', expectedRevision: 'no_stream', events: [ev('B1')] },
      ]),
      store.appendToStream('mpan-c', 'no_stream', [ev('C1')]),
    ]);

    expect(store.commitStats).toEqual({ commits: before.commits + 1, calls: before.calls + 3 });
    expect(results[0].positions).toEqual([1n, 2n]);
    expect(results[1].map((r) => r.positions)).toEqual([[3n], [4n]]);
    expect(results[2].positions).toEqual([5n]);
    expect((await store.readAll()).map((e) => `${e.position}:${e.type}`)).toEqual(['1:A1', '2:A2', '3:Received', '4:B1', '5:C1']);
  });

  it('gives each call its own recordedAt, shared by all the events of that call', async () => {
    let tick = Date.parse('2026-01-01T00:00:00.000Z');
    const store = await openStore({ path: tempDbPath(), now: () => new Date((tick += 1000)) });

    const [a, b] = await Promise.all([
      store.appendToStream('mpan-a', 'no_stream', [ev('A1'), ev('A2')]),
      store.appendToStream('mpan-b', 'no_stream', [ev('B1')]),
    ]);

    expect(a.recordedAt).not.toBe(b.recordedAt);
    const events = await store.readAll();
    expect(events.map((e) => e.recordedAt)).toEqual([a.recordedAt, a.recordedAt, b.recordedAt]);
  });

  it('fails a conflicting call of a group alone with WrongExpectedRevisionError; the others commit in the same commit', async () => {
    const path = tempDbPath();
    const store = await openStore({ path });
    await store.appendToStream('mpan-a', 'no_stream', [ev('A0')]);
    const before = store.commitStats;

    const outcomes = await Promise.allSettled([
      store.appendToStream('mpan-b', 'no_stream', [ev('B0')]),
      store.appendToStream('mpan-a', 'no_stream', [ev('Stale')]), // the stream exists
      store.appendToStreams([
        { streamName: 'mpan-c', expectedRevision: 'no_stream', events: [ev('C0')] },
        { streamName: 'mpan-b', expectedRevision: 'no_stream', events: [ev('Late')] }, // B0 was written just before, in the group
      ]),
      store.appendToStream('mpan-a', 0n, [ev('A1')]),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevisionError', streamName: 'mpan-a', expected: 'no_stream', actual: 0n });
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevisionError', streamName: 'mpan-b', expected: 'no_stream', actual: 0n });
    expect(store.commitStats).toEqual({ commits: before.commits + 1, calls: before.calls + 2 });
    // Gap-free: the rolled-back savepoints gave their positions back.
    expect(committedRows(path).map((r) => `${r.position}:${r.type}`)).toEqual(['1:A0', '2:B0', '3:A1']);
  });

  it('rejects a call with invalid input before queueing it: nothing written, no commit for it', async () => {
    const path = tempDbPath();
    const store = await openStore({ path });
    const before = store.commitStats;

    const invalid = store.appendToStream('mpan-a', 'no_stream', []);
    const invalidBatch = store.appendToStreams([{ streamName: '', expectedRevision: 'no_stream', events: [ev('X')] }]);
    await expect(invalid).rejects.toThrow();
    await expect(invalidBatch).rejects.toThrow();

    expect(store.commitStats).toEqual(before);
    expect(committedRows(path)).toEqual([]);
  });

  it('rolls back only the savepoint of a call whose event cannot be stored', async () => {
    const path = tempDbPath();
    const store = await openStore({ path });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    const outcomes = await Promise.allSettled([
      store.appendToStream('mpan-a', 'no_stream', [ev('A0')]),
      store.appendToStream('mpan-b', 'no_stream', [ev('B0'), ev('B1', cyclic)]), // B0 inserted, then B1 fails
      store.appendToStream('mpan-c', 'no_stream', [ev('C0')]),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedRows(path).map((r) => `${r.position}:${r.type}`)).toEqual(['1:A0', '2:C0']);
  });

  it('resolves a lone append in its own commit, visible to another connection once it resolves', async () => {
    const path = tempDbPath();
    const store = await openStore({ path, synchronous: 'FULL' });
    const before = store.commitStats;

    const result = await store.appendToStream('mpan-a', 'no_stream', [ev('A0')]);

    expect(store.commitStats).toEqual({ commits: before.commits + 1, calls: before.calls + 1 });
    expect(committedRows(path)).toEqual([{ position: Number(result.lastPosition), stream_name: 'mpan-a', type: 'A0' }]);
  });

  it('takes at most maxGroupCalls calls per commit, the rest in the next, in queue order', async () => {
    const store = await openStore({ path: tempDbPath(), maxGroupCalls: 2 });
    const before = store.commitStats;

    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((s) => store.appendToStream(`mpan-${s}`, 'no_stream', [ev(s)])),
    );

    expect(store.commitStats).toEqual({ commits: before.commits + 3, calls: before.calls + 5 });
    expect(results.map((r) => r.lastPosition)).toEqual([1n, 2n, 3n, 4n, 5n]);
    await expect(SqliteEventStore.open({ path: tempDbPath(), maxGroupCalls: 0 })).rejects.toThrow(RangeError);
  });

  it('with groupCommit: false, commits every call on its own', async () => {
    const store = await openStore({ path: tempDbPath(), groupCommit: false });
    const before = store.commitStats;

    await Promise.all(['a', 'b', 'c'].map((s) => store.appendToStream(`mpan-${s}`, 'no_stream', [ev(s)])));

    expect(store.commitStats).toEqual({ commits: before.commits + 3, calls: before.calls + 3 });
  });

  it('flushes the calls queued when close() is called, then refuses new ones', async () => {
    const path = tempDbPath();
    const store = await SqliteEventStore.open({ path });

    const queued = [
      store.appendToStream('mpan-a', 'no_stream', [ev('A0')]),
      store.appendToStream('mpan-b', 'no_stream', [ev('B0')]),
    ];
    const closing = store.close();
    const late = store.appendToStream('mpan-c', 'no_stream', [ev('C0')]).then(
      () => 'resolved',
      (error: Error) => error.message,
    );

    await expect(Promise.all(queued)).resolves.toHaveLength(2);
    expect(await late).toBe('SqliteEventStore is closed');
    await closing;
    expect(committedRows(path).map((r) => r.type)).toEqual(['A0', 'B0']);
  });

  it('rejects every caller of a group whose COMMIT fails, and writes nothing of it', async () => {
    const path = tempDbPath();
    const store = await openStore({ path });
    await store.appendToStream('mpan-0', 'no_stream', [ev('Before')]);
    // A deferred foreign key is checked at COMMIT: an event of stream 'poison' makes the COMMIT of
    // its whole group fail (SQLITE_CONSTRAINT_FOREIGNKEY), after every savepoint succeeded.
    const db = connectionOf(store);
    poisonStream(db);

    const outcomes = await Promise.allSettled([
      store.appendToStream('mpan-a', 'no_stream', [ev('A0')]),
      store.appendToStream('poison', 'no_stream', [ev('P0')]),
      store.appendToStream('mpan-0', 'no_stream', [ev('Stale')]),
      store.appendToStream('mpan-b', 'no_stream', [ev('B0')]),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    for (const index of [0, 1, 3]) {
      expect((outcomes[index] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    }
    // The stale call keeps its own error.
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(db.inTransaction).toBe(false);
    expect(committedRows(path).map((r) => r.type)).toEqual(['Before']);

    // A lone call (a group of one, committed without a savepoint) fails the same way.
    await expect(store.appendToStream('poison', 'no_stream', [ev('P0')])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(db.inTransaction).toBe(false);
    expect(committedRows(path).map((r) => r.type)).toEqual(['Before']);

    // The store goes on: the next group commits, from the next position.
    const next = await store.appendToStream('mpan-a', 'no_stream', [ev('A0')]);
    expect(next.positions).toEqual([2n]);
  });

  it('after a failed COMMIT, a conflicting call names the committed revision, not one its rolled-back group wrote', async () => {
    const path = tempDbPath();
    const store = await openStore({ path });
    await store.appendToStream('mpan-x', 'no_stream', [ev('X0')]);
    const db = connectionOf(store);
    poisonStream(db);

    // A moves mpan-x to revision 1 inside the group; B expected 0 too and conflicts with A's row;
    // then the COMMIT fails, so mpan-x is still at revision 0.
    const [a, b] = await Promise.allSettled([
      store.appendToStream('mpan-x', 0n, [ev('X1')]),
      store.appendToStream('mpan-x', 0n, [ev('X1bis')]),
      store.appendToStream('poison', 'no_stream', [ev('P0')]),
    ]);

    expect(a.status).toBe('rejected');
    const conflict = (b as PromiseRejectedResult).reason as WrongExpectedRevisionError;
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict.actual).toBe(0n);
    expect(committedRows(path).map((r) => r.type)).toEqual(['X0']);
  });

  it('fails a group with the error that made SQLite roll the transaction back itself (a full database), not with "no such savepoint"', async () => {
    const path = tempDbPath();
    const store = await openStore({ path });
    await store.appendToStream('mpan-a', 'no_stream', [ev('Before')]);
    const db = connectionOf(store);
    const pages = (db.pragma('page_count', { simple: true }) as number) + 2;
    db.pragma(`max_page_count = ${pages}`);
    const big = ev("Big", { text: "x".repeat(64 * 1024) });

    const outcomes = await Promise.allSettled([
      store.appendToStream('mpan-b', 'no_stream', [ev('B0')]),
      store.appendToStream('mpan-c', 'no_stream', [big, big, big]),
      store.appendToStream('mpan-d', 'no_stream', [ev('D0')]),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) {
      const reason = (outcome as PromiseRejectedResult).reason as { code?: string; message: string };
      expect(reason.code).toBe('SQLITE_FULL');
      expect(reason.message).not.toMatch(/savepoint/i);
    }
    expect(db.inTransaction).toBe(false);
    expect(committedRows(path).map((r) => r.type)).toEqual(['Before']);

    // With room again, the store goes on.
    db.pragma('max_page_count = 1073741823');
    const next = await store.appendToStream('mpan-b', 'no_stream', [ev('B0')]);
    expect(next.positions).toEqual([2n]);
  });
});
