import { createHash } from 'node:crypto';
import { Projection } from './projection';
import { ViewDatabase } from './view-database';
import { normaliseViewValue, ViewReader } from './view-reader';

/** Digest of one table: row count and SHA-256 (hex) over its rows in a stable order. */
export interface TableDigest {
  table: string;
  rows: number;
  sha256: string;
}

/** Digest of a view database at the checkpoint it reflects. */
export interface ViewDigest {
  /** The global log position the rows reflect (the projections' common checkpoint). */
  position: bigint;
  /** SHA-256 (hex) over the table digests in the order listed. */
  sha256: string;
  tables: TableDigest[];
}

/** The runtime's own fold table, digested with the projections' tables. */
export const RUNTIME_TABLES: ReadonlyArray<{ name: string; orderBy: string[] }> = [{ name: 'projection_mpan_state', orderBy: ['mpan_core'] }];

/**
 * Digest of the views (issue #5 "rebuild"): for each table of each projection (and the runtime's
 * MPAN fold), every row in `orderBy` order, each row hashed as canonical JSON (columns sorted by
 * name, values normalised: {@link canonicalRow}), all in ONE snapshot of the views
 * (`ViewDatabase.readSnapshot`) — so the rows and the checkpoint come from the same committed state
 * even while the projector keeps writing. Rows are streamed, never a whole table in memory.
 *
 * Two view databases built from the same log up to the same position have equal digests, whatever
 * their dialects (SQLite, PostgreSQL: docs/adr/0010); a difference means a projection is not
 * deterministic or a database was altered.
 * @throws Error when a table is missing (a view database of another version), or the projections'
 *   checkpoints differ.
 */
export async function digestViews(views: ViewDatabase, projections: Projection[]): Promise<ViewDigest> {
  const tables = [...RUNTIME_TABLES, ...projections.flatMap((p) => p.tables)];
  const names = projections.map((p) => p.name);
  const { position, digests } = await views.readSnapshot(async (reader) => {
    const checkpoints = await reader.all<{ name: string; position: string }>('SELECT name, position FROM projection_checkpoints');
    const positions = names.map((n) => String(checkpoints.find((c) => c.name === n)?.position ?? '0'));
    if (new Set(positions).size > 1) {
      throw new Error(`projection checkpoints differ (${names.map((n, i) => `${n}=${positions[i]}`).join(', ')})`);
    }
    const digests: TableDigest[] = [];
    for (const table of tables) digests.push(await digestRows(reader, table.name, `SELECT * FROM "${table.name}" ORDER BY ${orderList(table.orderBy)}`));
    return { position: BigInt(positions[0] ?? '0'), digests };
  });
  const total = createHash('sha256');
  for (const t of digests) total.update(`${t.table}:${t.rows}:${t.sha256}\n`);
  return { position, sha256: total.digest('hex'), tables: digests };
}

/** The digest of the rows `sql` returns, in its order (as {@link digestViews} hashes each table). */
export async function digestRows(reader: ViewReader, table: string, sql: string, params: readonly string[] = []): Promise<TableDigest> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const row of reader.iterate(sql, params)) {
    hash.update(canonicalRow(row));
    hash.update('\n');
    rows += 1;
  }
  return { table, rows, sha256: hash.digest('hex') };
}

/** `"a", "b"`: an ORDER BY list of quoted column names. */
export function orderList(columns: readonly string[]): string {
  return columns.map((c) => `"${c}"`).join(', ');
}

/**
 * One row as canonical JSON: `[[column, value], …]` with columns sorted by name and values in the
 * one form both dialects agree on (`normaliseViewValue`: booleans 1/0, bigints and dates as text),
 * blobs as base64.
 */
export function canonicalRow(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, normalise(row[k])]));
}

function normalise(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return normaliseViewValue(value);
}
