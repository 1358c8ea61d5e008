import { createHash } from 'node:crypto';
import { canonicalRow, digestRows, orderList, RUNTIME_TABLES, TableDigest } from './digest';
import { Projection } from './projection';
import { ViewDatabase } from './view-database';
import { ViewReader, ViewRow } from './view-reader';

/**
 * Digests per MPAN (issue #6 "verify"): the rows of every projected table grouped by `mpan_core`,
 * so two view databases can be compared MPAN by MPAN and a difference named precisely — which
 * MPAN, which tables — instead of "table X differs" (./digest.ts).
 *
 * Every function here reads through a {@link ViewReader} — inside the caller's snapshot
 * (`ViewDatabase.readSnapshot`), or one it opens — so SQLite and PostgreSQL view databases can be
 * compared with each other. Each table is walked in `mpan_core` order with one streaming iterator
 * and one MPAN is held at a time: memory stays flat whatever the number of MPANs.
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
 * `digestViews`), split by whether it has an `mpan_core` column in the views `reader` reads.
 * @throws Error when a table does not exist there (a view database of another version).
 */
export async function splitTables(reader: ViewReader, projections: Projection[]): Promise<SplitTables> {
  const split: SplitTables = { byMpan: [], whole: [] };
  for (const table of [...RUNTIME_TABLES, ...projections.flatMap((p) => p.tables)]) {
    const columns = await reader.columns(table.name);
    if (columns.length === 0) throw new Error(`the view database has no table ${table.name}`);
    (columns.includes('mpan_core') ? split.byMpan : split.whole).push(table);
  }
  return split;
}

/**
 * The per-MPAN digests of `tables` (all with an `mpan_core` column) that `reader` sees, one MPAN at
 * a time in ascending `mpan_core` order (byte order: SQLite's BINARY, PostgreSQL's `COLLATE "C"`
 * columns), each MPAN with one entry per table. Consume it inside the snapshot `reader` belongs to.
 */
export async function* mpanDigests(reader: ViewReader, tables: readonly DigestedTable[]): AsyncGenerator<MpanDigest, void, undefined> {
  const cursors: Array<{ iterator: AsyncGenerator<ViewRow, void, undefined>; head: ViewRow | null }> = [];
  try {
    for (const table of tables) {
      const order = orderList(['mpan_core', ...table.orderBy.filter((c) => c !== 'mpan_core')]);
      const iterator = reader.iterate(`SELECT * FROM "${table.name}" ORDER BY ${order}`);
      const cursor = { iterator, head: null as ViewRow | null };
      cursors.push(cursor);
      cursor.head = await next(iterator);
    }
    for (;;) {
      let core: string | null = null;
      for (const c of cursors) {
        const candidate = c.head === null ? null : String(c.head.mpan_core);
        if (candidate !== null && (core === null || candidate < core)) core = candidate;
      }
      if (core === null) return;
      const digests: MpanTableDigest[] = [];
      for (const [i, c] of cursors.entries()) {
        const hash = createHash('sha256');
        let rows = 0;
        while (c.head !== null && String(c.head.mpan_core) === core) {
          hash.update(canonicalRow(c.head));
          hash.update('\n');
          rows += 1;
          c.head = await next(c.iterator);
        }
        digests.push({ table: tables[i]!.name, rows, sha256: rows === 0 ? EMPTY_SHA256 : hash.digest('hex') });
      }
      yield { mpanCore: core, tables: digests };
    }
  } finally {
    for (const c of cursors) await c.iterator.return(undefined);
  }
}

/**
 * The digest of one MPAN in the views: its rows in every table with an `mpan_core` column, read in
 * ONE snapshot with the views' checkpoint. `tables` all have `rows: 0` for an MPAN the views do not
 * hold.
 */
export async function digestMpan(views: ViewDatabase, projections: Projection[], mpanCore: string): Promise<{ position: bigint; digest: MpanDigest }> {
  return views.readSnapshot(async (reader) => {
    const { byMpan } = await splitTables(reader, projections);
    const position = await checkpointOf(reader, projections);
    const tables: MpanTableDigest[] = [];
    for (const table of byMpan) {
      // No row: the SHA-256 of nothing, EMPTY_SHA256, as mpanDigests gives.
      tables.push(await digestRows(reader, table.name, `SELECT * FROM "${table.name}" WHERE mpan_core = ? ORDER BY ${orderList(table.orderBy)}`, [mpanCore]));
    }
    return { position, digest: { mpanCore, tables } };
  });
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
 * then digests the tables without `mpan_core` whole. `left` and `right` are readers of a snapshot
 * on each side (see `verifyViews`); the two may be of different dialects.
 * @throws Error when either side lacks a table.
 */
export async function compareByMpan(
  left: ViewReader,
  right: ViewReader,
  projections: Projection[],
  onDifference: (difference: MpanDifference) => void,
  onMpan?: (compared: number) => void,
): Promise<MpanComparison> {
  const { byMpan, whole } = await splitTables(left, projections);
  await splitTables(right, projections); // same tables on the other side, or an error naming the missing one
  const l = mpanDigests(left, byMpan);
  const r = mpanDigests(right, byMpan);
  let mpans = 0;
  let differingMpans = 0;
  try {
    let a = await l.next();
    let b = await r.next();
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
      if (!a.done && a.value.mpanCore === core) a = await l.next();
      if (!b.done && b.value.mpanCore === core) b = await r.next();
    }
  } finally {
    await l.return(undefined);
    await r.return(undefined);
  }
  const wholeTables: MpanComparison['wholeTables'] = [];
  for (const table of whole) {
    const x = await digestTable(left, table);
    const y = await digestTable(right, table);
    wholeTables.push({ table: table.name, left: x, right: y, same: x.sha256 === y.sha256 && x.rows === y.rows });
  }
  return { mpans, differingMpans, mpanTables: byMpan.map((t) => t.name), wholeTables };
}

/** The digest of a whole table (as ./digest.ts computes it). */
export function digestTable(reader: ViewReader, table: DigestedTable): Promise<TableDigest> {
  return digestRows(reader, table.name, `SELECT * FROM "${table.name}" ORDER BY ${orderList(table.orderBy)}`);
}

/**
 * The projections' common checkpoint in the views `reader` reads (global log position, `0n` before
 * any batch).
 * @throws Error when the projections' checkpoints differ (they move together; a corrupt database).
 */
export async function checkpointOf(reader: ViewReader, projections: Projection[]): Promise<bigint> {
  const rows = await reader.all<{ name: string; position: string }>('SELECT name, position FROM projection_checkpoints');
  const positions = projections.map((p) => String(rows.find((r) => r.name === p.name)?.position ?? '0'));
  if (new Set(positions).size > 1) {
    throw new Error(`projection checkpoints differ (${projections.map((p, i) => `${p.name}=${positions[i]}`).join(', ')}); rebuild the views`);
  }
  return BigInt(positions[0] ?? '0');
}

async function next(iterator: AsyncGenerator<ViewRow, void, undefined>): Promise<ViewRow | null> {
  const step = await iterator.next();
  return step.done ? null : step.value;
}
