import Database from 'better-sqlite3';
import { compareByMpan, mpanDigests, MpanDifference } from './mpan-digest';
import { Projection } from './projection';
import { SqliteViewReader } from './view-reader';

/** Per-MPAN digests on an in-memory SQLite database shaped like the views (unit: no view database file). */

const TABLES = [
  { name: 'projection_mpan_state', orderBy: ['mpan_core'] },
  { name: 'periods', orderBy: ['mpan_core', 'effective_from_date'] },
  { name: 'items', orderBy: ['recipient', 'sequence'] },
  { name: 'recipients', orderBy: ['recipient'] },
];
const projection: Projection = { name: 'test', tables: TABLES.slice(1), apply: async () => undefined };

function database(rows: { states: string[]; periods: Array<[string, string, string]>; items: Array<[string, number, string]>; recipients: Array<[string, number]> }) {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE projection_mpan_state (mpan_core TEXT PRIMARY KEY, revision TEXT);
           CREATE TABLE periods (mpan_core TEXT, effective_from_date TEXT, value TEXT, PRIMARY KEY (mpan_core, effective_from_date));
           CREATE TABLE items (recipient TEXT, sequence INTEGER, mpan_core TEXT, PRIMARY KEY (recipient, sequence));
           CREATE TABLE recipients (recipient TEXT PRIMARY KEY, last INTEGER);`);
  for (const core of rows.states) db.prepare('INSERT INTO projection_mpan_state VALUES (?, ?)').run(core, '0');
  for (const p of rows.periods) db.prepare('INSERT INTO periods VALUES (?, ?, ?)').run(...p);
  for (const i of rows.items) db.prepare('INSERT INTO items VALUES (?, ?, ?)').run(...i);
  for (const r of rows.recipients) db.prepare('INSERT INTO recipients VALUES (?, ?)').run(...r);
  return new SqliteViewReader(db);
}

async function collect<T>(generator: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of generator) all.push(item);
  return all;
}

const base = {
  states: ['1000000000001', '1000000000002', '1000000000003'],
  periods: [
    ['1000000000003', '2025-01-01', 'c'],
    ['1000000000001', '2025-02-01', 'a2'],
    ['1000000000001', '2025-01-01', 'a1'],
  ] as Array<[string, string, string]>,
  items: [
    ['9', 2, '1000000000001'],
    ['9', 1, '1000000000003'],
    ['8', 1, '1000000000001'],
  ] as Array<[string, number, string]>,
  recipients: [['8', 1], ['9', 2]] as Array<[string, number]>,
};

describe('mpanDigests', () => {
  it('walks every table in core order and yields one digest per MPAN with an entry per table (0 rows where it has none)', async () => {
    const db = database(base);
    const digests = await collect(mpanDigests(db, TABLES.slice(0, 3)));
    expect(digests.map((d) => [d.mpanCore, d.tables.map((t) => t.rows)])).toEqual([
      ['1000000000001', [1, 2, 2]],
      ['1000000000002', [1, 0, 0]],
      ['1000000000003', [1, 1, 1]],
    ]);
  });

  it('does not depend on insertion order', async () => {
    const a = await collect(mpanDigests(database(base), TABLES.slice(0, 3)));
    const b = await collect(mpanDigests(database({ ...base, periods: [...base.periods].reverse(), items: [...base.items].reverse() }), TABLES.slice(0, 3)));
    expect(b).toEqual(a);
  });
});

describe('compareByMpan', () => {
  const compare = async (left: SqliteViewReader, right: SqliteViewReader) => {
    const found: MpanDifference[] = [];
    const result = await compareByMpan(left, right, [projection], (d) => found.push(d));
    return { found, result };
  };

  it('finds nothing between equal databases; a table without mpan_core is compared whole', async () => {
    const { found, result } = await compare(database(base), database(base));
    expect(found).toEqual([]);
    expect(result).toMatchObject({ mpans: 3, differingMpans: 0, mpanTables: ['projection_mpan_state', 'periods', 'items'] });
    expect(result.wholeTables).toEqual([expect.objectContaining({ table: 'recipients', same: true })]);
  });

  it('names the MPAN whose row differs, the table, and an MPAN present on one side only', async () => {
    const changed = database({
      ...base,
      states: [...base.states, '1000000000004'],
      periods: base.periods.map((p) => (p[2] === 'a2' ? [p[0], p[1], 'A2'] : p)) as Array<[string, string, string]>,
      recipients: [['8', 1], ['9', 3]],
    });
    const { found, result } = await compare(database(base), changed);
    expect(found).toEqual([
      { mpanCore: '1000000000001', tables: [{ table: 'periods', leftRows: 2, rightRows: 2 }] },
      { mpanCore: '1000000000004', tables: [{ table: 'projection_mpan_state', leftRows: 0, rightRows: 1 }] },
    ]);
    expect(result.mpans).toBe(4);
    expect(result.wholeTables[0]!.same).toBe(false);
  });
});
