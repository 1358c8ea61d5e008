import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { nativeSqlite, ViewDatabase } from './view-database';

/**
 * Integration (real SQLite view file): `ViewDatabase.readStatement` — one statement, no transaction
 * of its own — never reads inside another caller's older snapshot, so a read that waited for a
 * position (read-your-writes) sees it; `readStatementsInOneSnapshot` runs several statements on one
 * snapshot. The PostgreSQL side is in view-database.postgres.int-spec.ts.
 */
describe('ViewDatabase.readStatement on SQLite', () => {
  let dir: string;
  let views: ViewDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-read-statement-int-'));
    views = await ViewDatabase.openSqlite({ path: join(dir, 'views.sqlite') });
  });

  afterAll(async () => {
    await views?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const recipients = (sql = `SELECT recipient_dip_id AS "dip", last_sequence AS "seq" FROM feed_recipients WHERE recipient_dip_id LIKE ?1 ORDER BY 1`) =>
    views.readStatement<{ dip: string; seq: number }>(sql, ['rs-%']);

  it('reads committed rows with ?N placeholders, and refuses parameters that do not match', async () => {
    await views.writeTransaction((m) => m.query(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES ('rs-1', 1)`));
    expect(await recipients()).toEqual([{ dip: 'rs-1', seq: 1 }]);
    await expect(views.readStatement('SELECT ?1 AS a', [])).rejects.toThrow(RangeError);
  });

  it('called while a snapshot holds the reader connection open, runs after it and sees what was committed meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const snapshot = views.readSnapshot(async (reader) => {
      const before = await reader.all(`SELECT recipient_dip_id FROM feed_recipients WHERE recipient_dip_id LIKE 'rs-%'`);
      await held;
      return before.length;
    });
    await new Promise((resolve) => setImmediate(resolve)); // the snapshot has begun
    await views.writeTransaction((m) => m.query(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES ('rs-2', 2)`));
    let settled = false;
    const read = recipients().then((rows) => {
      settled = true;
      return rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false); // waiting for the snapshot, not reading inside it
    release();
    expect(await snapshot).toBe(1);
    expect(await read).toEqual([
      { dip: 'rs-1', seq: 1 },
      { dip: 'rs-2', seq: 2 },
    ]);
  });

  it('readStatementsInOneSnapshot: each statement\'s rows in order, one snapshot even when another connection commits between two of them', async () => {
    const db = nativeSqlite(views.reader);
    const other = new BetterSqlite3(join(dir, 'views.sqlite'));
    let sequence = 100;
    // Called by the first statement (after it has read): another connection commits a new row.
    db.function('commit_elsewhere', () => {
      other.prepare(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES (?, ?)`).run(`rs-x${sequence}`, sequence);
      sequence++;
      return 1;
    });
    try {
      const count = `SELECT count(*) AS "n" FROM feed_recipients WHERE recipient_dip_id LIKE ?1`;
      const [first, second, third] = await views.readStatementsInOneSnapshot([
        { sql: `SELECT count(*) AS "n", commit_elsewhere() AS "c" FROM feed_recipients WHERE recipient_dip_id LIKE ?1`, params: ['rs-%'] },
        { sql: count, params: ['rs-%'] },
        { sql: `SELECT ?2 AS "b", ?1 AS "a"`, params: ['one', 'two'] },
      ]);
      expect(second).toEqual([{ n: (first![0] as { n: number }).n }]); // the row committed meanwhile is not seen
      expect(third).toEqual([{ b: 'two', a: 'one' }]);
      expect(db.inTransaction).toBe(false);
      // After it, the commit is visible.
      expect((await views.readStatement<{ n: number }>(count, ['rs-%']))[0]!.n).toBe((first![0] as { n: number }).n + 1);
      await expect(views.readStatementsInOneSnapshot([{ sql: 'SELECT ?1 AS a', params: [] }])).rejects.toThrow(RangeError);
      // The driver's SqliteError class belongs to the realm that first loaded the native addon (in
      // jest, possibly another test file's), so it is matched by its message, not as an Error.
      const failed: unknown = await views.readStatementsInOneSnapshot([{ sql: 'SELECT * FROM no_such_table', params: [] }]).then(
        () => 'resolved',
        (error: unknown) => error,
      );
      expect(String((failed as { message?: unknown } | null)?.message)).toMatch(/no such table/);
      expect(db.inTransaction).toBe(false);
    } finally {
      other.close();
    }
  });

  it('readStatementsInOneSnapshot called while a snapshot holds the reader connection open runs after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const snapshot = views.readSnapshot(async () => {
      await held;
    });
    await new Promise((resolve) => setImmediate(resolve));
    await views.writeTransaction((m) => m.query(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES ('rs-3', 3)`));
    let settled = false;
    const read = views.readStatementsInOneSnapshot([{ sql: `SELECT recipient_dip_id AS "dip" FROM feed_recipients WHERE recipient_dip_id = ?1`, params: ['rs-3'] }]).then((rows) => {
      settled = true;
      return rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await snapshot;
    expect(await read).toEqual([[{ dip: 'rs-3' }]]);
  });
});
