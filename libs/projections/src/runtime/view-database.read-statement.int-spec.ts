import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ViewDatabase } from './view-database';

/**
 * Integration (real SQLite view file): `ViewDatabase.readStatement` — one statement, no transaction
 * of its own — never reads inside another caller's older snapshot, so a read that waited for a
 * position (read-your-writes) sees it. The PostgreSQL side is in view-database.postgres.int-spec.ts.
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
});
