import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { canonicalRow, RUNTIME_TABLES, TableDigest } from './digest';
import { Projection } from './projection';
import { nativeSqlite, ViewDatabase } from './view-database';

/**
 * Digests per MPAN (issue #6 "verify"): the rows of every projected table grouped by `mpan_core`,
 * so two view databases can be compared MPAN by MPAN and a difference named precisely — which
 * MPAN, which tables — instead of "table X differs" (./digest.ts).
 *
 * Every function here reads through a native better-sqlite3 handle inside the caller's read
 * transaction (or opens one), walks each table in `mpan_core` order with one iterator per table
 * and holds one MPAN at a time: memory stays flat whatever the number of MPANs.
 */

/** A table the views digest: its name and the columns that order its rows uniquely. */
export interface DigestedTable {
  name: string;
  orderBy: readonly string[];
}

/** The digest of one MPAN's rows in one table. */
export interface MpanTableDigest {
  table: string;
  rows: number;
  /** SHA-256 (hex) over the MPAN's rows of the table in order, each as canonical JSON (as ./digest.ts). */
  sha256: string;
}

/** Every row one MPAN has in the views, per table that has an `mpan_core` column. */
export interface MpanDigest {
  mpanCore: string;
  /** One entry per MPAN table, in the order of {@link splitTables}; `rows: 0` where the MPAN has none. */
  tables: MpanTableDigest[];
}

/** The tables of the views split by whether their rows belong to an MPAN. */
export interface SplitTables {
  /** Tables with an `mpan_core` column (the MPAN query view, the runtime's fold, the feed's items). */
  byMpan: DigestedTable[];
  /** Tables without one (e.g. `feed_recipients`), compared whole. */
  whole: DigestedTable[];
}

/** SHA-256 of no rows: the digest of an MPAN that has no row in a table. */
const EMPTY_SHA256 = createHash('sha256').digest('hex');

/**
 * Every table the digest covers (the runtime's fold and each projection's tables, as
 * `digestViews`), split by whether it has an `mpan_core` column in `db`.
 * @throws Error when a table does not exist in `db` (a view database of another version).
 */
export function splitTables(db: BetterSqlite3.Database, projections: Projection[]): SplitTables {
  const split: SplitTables = { byMpan: [], whole: [] };
  for (const table of [...RUNTIME_TABLES, ...projections.flatMap((p) => p.tables)]) {
    const columns = db.prepare(`PRAGMA table_info("${table.name}")`).all() as Array<{ name: string }>;
    if (columns.length === 0) throw new Error(`the view database has no table ${table.name}`);
    (columns.some((c) => c.name === 'mpan_core') ? split.byMpan : split.whole).push(table);
  }
  return split;
}

/**
 * The per-MPAN digests of `tables` (all with an `mpan_core` column) in `db`, one MPAN at a time in
 * ascending `mpan_core` order (SQLite's binary order), each MPAN with one entry per table. Call it
 * inside a read transaction for a consistent answer; the generator must be consumed before the
 * transaction ends.
 */
export function* mpanDigests(db: BetterSqlite3.Database, tables: readonly DigestedTable[]): Generator<MpanDigest> {
  const cursors = tables.map((table) => {
    const order = ['mpan_core', ...table.orderBy.filter((c) => c !== 'mpan_core')].map((c) => `"${c}"`).join(', ');
    const iterator = db.prepare(`SELECT * FROM "${table.name}" ORDER BY ${order}`).iterate() as IterableIterator<Record<string, unknown>>;
    const cursor = { iterator, head: null as Record<string, unknown> | null };
    cursor.head = next(cursor.iterator);
    return cursor;
  });
  try {
    for (;;) {
      let core: string | null = null;
      for (const c of cursors) {
        const candidate = c.head === null ? null : String(c.head.mpan_core);
        if (candidate !== null && (core === null || candidate < core)) core = candidate;
      }
      if (core === null) return;
      const digests = cursors.map((c, i) => {
        const hash = createHash('sha256');
        let rows = 0;
        while (c.head !== null && String(c.head.mpan_core) === core) {
          hash.update(canonicalRow(c.head));
          hash.update('\n');
          rows += 1;
          c.head = next(c.iterator);
        }
        return { table: tables[i]!.name, rows, sha256: rows === 0 ? EMPTY_SHA256 : hash.digest('hex') };
      });
      yield { mpanCore: core, tables: digests };
    }
  } finally {
    for (const c of cursors) c.iterator.return?.();
  }
}

/**
 * The digest of one MPAN in the views: its rows in every table with an `mpan_core` column, read in
 * ONE read transaction with the views' checkpoint. `tables` all have `rows: 0` for an MPAN the views
 * do not hold.
 */
export function digestMpan(views: ViewDatabase, projections: Projection[], mpanCore: string): { position: bigint; digest: MpanDigest } {
  const db = nativeSqlite(views.reader);
  const read = db.transaction(() => {
    const { byMpan } = splitTables(db, projections);
    const position = checkpointOf(db, projections);
    const tables = byMpan.map((table) => {
      const order = table.orderBy.map((c) => `"${c}"`).join(', ');
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM "${table.name}" WHERE mpan_core = ? ORDER BY ${order}`).iterate(mpanCore) as Iterable<Record<string, unknown>>) {
        hash.update(canonicalRow(row));
        hash.update('\n');
        rows += 1;
      }
      return { table: table.name, rows, sha256: rows === 0 ? EMPTY_SHA256 : hash.digest('hex') };
    });
    return { position, digest: { mpanCore, tables } };
  });
  return read();
}

/** One MPAN whose rows differ between two view databases, and the tables where they differ. */
export interface MpanDifference {
  mpanCore: string;
  tables: Array<{ table: string; leftRows: number; rightRows: number }>;
}

/** The comparison of two view databases MPAN by MPAN (see {@link compareByMpan}). */
export interface MpanComparison {
  /** MPANs seen on either side (each MPAN with a row in any MPAN table). */
  mpans: number;
  /** MPANs whose rows differ in at least one table. */
  differingMpans: number;
  /** Tables compared MPAN by MPAN (those with `mpan_core`). */
  mpanTables: string[];
  /** Tables without `mpan_core`, compared whole. */
  wholeTables: Array<{ table: string; left: TableDigest; right: TableDigest; same: boolean }>;
}

/**
 * Compares two view databases MPAN by MPAN: walks both sides' {@link mpanDigests} together in core
 * order and calls `onDifference` for each MPAN whose rows differ in any table (an MPAN missing on
 * one side differs in every table where the other side has rows), in core order, as it finds them;
 * then digests the tables without `mpan_core` whole. Reads through the native handles; run it
 * inside a read transaction on each side (see `verifyViews`).
 * @throws Error when either side lacks a table.
 */
export function compareByMpan(
  left: BetterSqlite3.Database,
  right: BetterSqlite3.Database,
  projections: Projection[],
  onDifference: (difference: MpanDifference) => void,
  onMpan?: (compared: number) => void,
): MpanComparison {
  const { byMpan, whole } = splitTables(left, projections);
  splitTables(right, projections); // same tables on the other side, or an error naming the missing one
  const l = mpanDigests(left, byMpan);
  const r = mpanDigests(right, byMpan);
  let a = l.next();
  let b = r.next();
  let mpans = 0;
  let differingMpans = 0;
  const none = (core: string): MpanDigest => ({ mpanCore: core, tables: byMpan.map((t) => ({ table: t.name, rows: 0, sha256: EMPTY_SHA256 })) });
  while (!a.done || !b.done) {
    const core = a.done ? b.value!.mpanCore : b.done ? a.value.mpanCore : a.value.mpanCore < b.value.mpanCore ? a.value.mpanCore : b.value.mpanCore;
    const here = !a.done && a.value.mpanCore === core ? a.value : none(core);
    const there = !b.done && b.value.mpanCore === core ? b.value : none(core);
    const tables = here.tables
      .map((t, i) => ({ t, u: there.tables[i]! }))
      .filter(({ t, u }) => t.sha256 !== u.sha256 || t.rows !== u.rows)
      .map(({ t, u }) => ({ table: t.table, leftRows: t.rows, rightRows: u.rows }));
    if (tables.length > 0) {
      differingMpans += 1;
      onDifference({ mpanCore: core, tables });
    }
    mpans += 1;
    onMpan?.(mpans);
    if (!a.done && a.value.mpanCore === core) a = l.next();
    if (!b.done && b.value.mpanCore === core) b = r.next();
  }
  const wholeTables = whole.map((table) => {
    const x = digestTable(left, table);
    const y = digestTable(right, table);
    return { table: table.name, left: x, right: y, same: x.sha256 === y.sha256 && x.rows === y.rows };
  });
  return { mpans, differingMpans, mpanTables: byMpan.map((t) => t.name), wholeTables };
}

/** The digest of a whole table (as ./digest.ts computes it). */
export function digestTable(db: BetterSqlite3.Database, table: DigestedTable): TableDigest {
  const hash = createHash('sha256');
  let rows = 0;
  const order = table.orderBy.map((c) => `"${c}"`).join(', ');
  for (const row of db.prepare(`SELECT * FROM "${table.name}" ORDER BY ${order}`).iterate() as Iterable<Record<string, unknown>>) {
    hash.update(canonicalRow(row));
    hash.update('\n');
    rows += 1;
  }
  return { table: table.name, rows, sha256: hash.digest('hex') };
}

/**
 * The projections' common checkpoint in `db` (global log position, `0n` before any batch).
 * @throws Error when the projections' checkpoints differ (they move together; a corrupt database).
 */
export function checkpointOf(db: BetterSqlite3.Database, projections: Projection[]): bigint {
  const rows = db.prepare('SELECT name, position FROM projection_checkpoints').all() as Array<{ name: string; position: string }>;
  const positions = projections.map((p) => rows.find((r) => r.name === p.name)?.position ?? '0');
  if (new Set(positions).size > 1) {
    throw new Error(`projection checkpoints differ (${projections.map((p, i) => `${p.name}=${positions[i]}`).join(', ')}); rebuild the views`);
  }
  return BigInt(positions[0] ?? '0');
}

function next(iterator: IterableIterator<Record<string, unknown>>): Record<string, unknown> | null {
  const step = iterator.next();
  return step.done ? null : step.value;
}
