import type { DataSource, Driver, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { inChunks, memoByCount, placeholdersOf, tuplesOf } from '../runtime/sql-chunks';
import { MPAN_VIEW_TABLES, MpanViewRows } from './entities';

/** The statements that rewrite one view table for one MPAN, built once per DataSource from the entity metadata. */
interface TableWriter {
  key: keyof MpanViewRows;
  table: string;
  deleteSql: string;
  insertSql: string;
  columns: ColumnMetadata[];
}

/** `mpan_view`'s columns moved by a `PublicationIssued` (see ./projection.ts). */
interface StampWriter {
  updateSql: string;
}

/** PostgreSQL: one statement deleting the MPAN's rows from every table (data-modifying CTEs, $1 the core). */
interface PostgresWriter {
  deleteAllSql: string;
}

/** A table's batch statements (SQLite), per row count: `DELETE … IN (…)` of `n` cores and an INSERT of `n` rows. */
interface ManyWriter {
  deleteIn(n: number): string;
  insert(n: number): string;
}

interface Writers {
  tables: TableWriter[];
  /** {@link ManyWriter} of each of `tables`, same order. */
  many: ManyWriter[];
  stamp: StampWriter;
  driver: Driver;
  postgres: PostgresWriter | null;
}

const writers = new WeakMap<DataSource, Writers>();

/** Most parameters one PostgreSQL INSERT statement of {@link replaceMpanRows} binds (the protocol allows 65535). */
const POSTGRES_MAX_PARAMS = 30_000;

/**
 * Deletes every row of `mpanCore` from each view table, then inserts `rows`, in `manager`'s
 * transaction (the projector's batch).
 *
 * Statements are plain SQL built once from the entities' metadata, with the driver's own parameter
 * placeholders (`escapeQueryWithParameters`) and value conversion (`preparePersistentValue`: booleans
 * become 1/0 on SQLite): a rebuild writes some forty statements per MPAN event, and TypeORM's query
 * builder costs about as much again per statement as SQLite does (measured: 12.3 s → 5.5 s for the
 * 49,106 log events of 1,000 generated MPANs). On PostgreSQL the same rows are written in two
 * statements ({@link replaceOnPostgres}).
 *
 * `stored`: the rows the tables hold now (those of the state before the event, which the same
 * batch stream wrote), when known. On SQLite, a table whose rows are the same in `stored` and `rows`
 * is not rewritten — most events change one or two of the seventeen tables, and the full rewrite
 * was most of a rebuild's SQLite time (bench/results/profiles, P1). The rows left in the tables are
 * the same either way. On PostgreSQL every table is rewritten (two statements in all).
 */
export async function replaceMpanRows(
  manager: EntityManager,
  mpanCore: string,
  rows: MpanViewRows,
  stored: MpanViewRows | null = null,
): Promise<void> {
  const { tables, driver, postgres } = writersFor(manager.connection);
  if (postgres) return replaceOnPostgres(manager, postgres, tables, driver, mpanCore, rows);
  for (const w of tables) {
    // A table whose rows the event did not change is left as it is (never the `mpan_view` row: it
    // carries the stamp of the event applied).
    if (stored !== null && w.key !== 'mpan' && sameRows(stored[w.key], rows[w.key])) continue;
    await manager.query(w.deleteSql, [mpanCore]);
    const value = rows[w.key];
    const list = (Array.isArray(value) ? value : [value]) as unknown as Array<Record<string, unknown>>;
    for (const row of list) {
      await manager.query(
        w.insertSql,
        w.columns.map((c) => driver.preparePersistentValue(row[c.propertyName], c)),
      );
    }
  }
}

/** One MPAN's rows to write at the end of a batch (see {@link replaceManyMpanRows}). */
export interface MpanRowsChange {
  mpanCore: string;
  /** The rows the MPAN's tables must hold after the batch. */
  rows: MpanViewRows;
  /** The rows they hold now (before the batch), when known; `null` = rewrite every table. */
  stored: MpanViewRows | null;
}

/**
 * The batch form of {@link replaceMpanRows}: leaves every listed MPAN's tables holding `rows`, as
 * calling `replaceMpanRows(manager, mpanCore, rows, stored)` for each would, in `manager`'s
 * transaction. On SQLite, per table, one `DELETE … WHERE "mpan_core" IN (…)` of the MPANs whose rows
 * of that table changed (always the `mpan_view` row) and multi-row INSERTs of their new rows, in
 * power-of-two chunks (../runtime/sql-chunks.ts): a few statements per table and batch instead of
 * two or more per table and event. On PostgreSQL, {@link replaceMpanRows} per MPAN (two statements each).
 */
export async function replaceManyMpanRows(manager: EntityManager, changes: readonly MpanRowsChange[]): Promise<void> {
  if (changes.length === 0) return;
  const { tables, driver, postgres, many } = writersFor(manager.connection);
  if (postgres) {
    for (const change of changes) await replaceOnPostgres(manager, postgres, tables, driver, change.mpanCore, change.rows);
    return;
  }
  for (let t = 0; t < tables.length; t++) {
    const w = tables[t];
    const statements = many[t];
    const changed = changes.filter((c) => c.stored === null || w.key === 'mpan' || !sameRows(c.stored[w.key], c.rows[w.key]));
    if (changed.length === 0) continue;
    await inChunks(changed, 1, (chunk) => manager.query(statements.deleteIn(chunk.length), chunk.map((c) => c.mpanCore)));
    const list: Array<Record<string, unknown>> = [];
    for (const c of changed) {
      const value = c.rows[w.key];
      if (Array.isArray(value)) list.push(...(value as unknown as Array<Record<string, unknown>>));
      else list.push(value as unknown as Record<string, unknown>);
    }
    await inChunks(list, w.columns.length, (chunk) => {
      const params: unknown[] = [];
      for (const row of chunk) for (const c of w.columns) params.push(driver.preparePersistentValue(row[c.propertyName], c));
      return manager.query(statements.insert(chunk.length), params);
    });
  }
}

/**
 * Whether two row lists (or single rows) of one table hold the same values: same length, and row by
 * row the same keys with strictly equal values. Conservative: a value that is an object compares by
 * identity, so two equal objects count as different — the table is then rewritten with the same
 * rows, never left with wrong ones. (Row values are primitives or `null`; JSON columns are strings.)
 */
export function sameRows(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameRow(a[i], b[i])) return false;
    return true;
  }
  return sameRow(a, b);
}

function sameRow(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(x, key)) continue;
    if (!Object.prototype.hasOwnProperty.call(y, key) || x[key] !== y[key]) return false;
    keys += 1;
  }
  for (const key in y) if (Object.prototype.hasOwnProperty.call(y, key)) keys -= 1;
  return keys === 0;
}

/**
 * PostgreSQL: every round trip costs a network hop, so the same rewrite takes two statements instead
 * of forty: one DELETE of the MPAN's rows from every table, then one INSERT of all its rows (each
 * table a data-modifying CTE with a multi-row VALUES list; split when it would bind more than
 * {@link POSTGRES_MAX_PARAMS} parameters). The rows written are the same as on SQLite.
 */
async function replaceOnPostgres(
  manager: EntityManager,
  postgres: PostgresWriter,
  tables: TableWriter[],
  driver: Driver,
  mpanCore: string,
  rows: MpanViewRows,
): Promise<void> {
  await manager.query(postgres.deleteAllSql, [mpanCore]);
  const parts: string[] = [];
  let params: unknown[] = [];
  const flush = async () => {
    if (parts.length > 0) await manager.query(`WITH ${parts.map((part, i) => `i${i} AS (${part})`).join(', ')} SELECT 1`, params);
    parts.length = 0;
    params = [];
  };
  for (const w of tables) {
    const value = rows[w.key];
    const list = (Array.isArray(value) ? value : [value]) as unknown as Array<Record<string, unknown>>;
    const insert = `INSERT INTO "${w.table}" (${w.columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES `;
    let tuples: string[] = [];
    for (const row of list) {
      if (params.length + w.columns.length > POSTGRES_MAX_PARAMS) {
        if (tuples.length > 0) parts.push(insert + tuples.join(', '));
        tuples = [];
        await flush();
      }
      const placeholders = w.columns.map((c) => {
        params.push(driver.preparePersistentValue(row[c.propertyName], c));
        return `$${params.length}`;
      });
      tuples.push(`(${placeholders.join(', ')})`);
    }
    if (tuples.length > 0) parts.push(insert + tuples.join(', '));
  }
  await flush();
}

/** Sets the last applied revision, position and recorded-at of the MPAN's `mpan_view` row (no-op when it has none). */
export async function stampMpanRow(
  manager: EntityManager,
  mpanCore: string,
  stamp: { lastRevision: string; lastPosition: string; lastRecordedAt: string },
): Promise<void> {
  await manager.query(writersFor(manager.connection).stamp.updateSql, [stamp.lastRevision, stamp.lastPosition, stamp.lastRecordedAt, mpanCore]);
}

function writersFor(source: DataSource): Writers {
  const known = writers.get(source);
  if (known) return known;
  const driver = source.driver;
  const sql = (text: string, names: string[]) => driver.escapeQueryWithParameters(text, Object.fromEntries(names.map((n) => [n, null])), {})[0];
  const tables = MPAN_VIEW_TABLES.map((t): TableWriter => {
    const columns = source.getMetadata(t.entity).columns;
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    const params = columns.map((_c, i) => `p${i}`);
    return {
      key: t.key,
      table: t.name,
      deleteSql: sql(`DELETE FROM "${t.name}" WHERE "mpan_core" = :core`, ['core']),
      insertSql: sql(`INSERT INTO "${t.name}" (${names}) VALUES (${params.map((p) => `:${p}`).join(', ')})`, params),
      columns,
    };
  });
  const stamp = {
    updateSql: sql(
      `UPDATE "mpan_view" SET "last_revision" = :revision, "last_position" = :position, "last_recorded_at" = :recordedAt WHERE "mpan_core" = :core`,
      ['revision', 'position', 'recordedAt', 'core'],
    ),
  };
  const postgres =
    source.options.type === 'postgres'
      ? { deleteAllSql: `WITH ${MPAN_VIEW_TABLES.map((t, i) => `d${i} AS (DELETE FROM "${t.name}" WHERE "mpan_core" = $1)`).join(', ')} SELECT 1` }
      : null;
  const many = tables.map(
    (w): ManyWriter => ({
      deleteIn: memoByCount((n) => `DELETE FROM "${w.table}" WHERE "mpan_core" IN (${placeholdersOf(source, n).join(', ')})`),
      insert: memoByCount((n) => `INSERT INTO "${w.table}" (${w.columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES ${tuplesOf(source, n, w.columns.length)}`),
    }),
  );
  const built: Writers = { tables, many, stamp, driver, postgres };
  writers.set(source, built);
  return built;
}
