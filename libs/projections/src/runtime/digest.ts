import { createHash } from 'node:crypto';
import { Projection } from './projection';
import { nativeSqlite, ViewDatabase } from './view-database';

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
 * name), all in ONE read transaction on the reader connection — so the rows and the checkpoint come
 * from the same committed state even while the projector keeps writing.
 *
 * Two view databases built from the same log up to the same position have equal digests; a
 * difference means a projection is not deterministic or a database was altered.
 * @throws Error when a table is missing (a view database of another version).
 */
export function digestViews(views: ViewDatabase, projections: Projection[]): ViewDigest {
  const db = nativeSqlite(views.reader);
  const tables = [...RUNTIME_TABLES, ...projections.flatMap((p) => p.tables)];
  const names = projections.map((p) => p.name);
  const read = db.transaction(() => {
    const checkpoints = db
      .prepare('SELECT name, position FROM projection_checkpoints')
      .all() as Array<{ name: string; position: string }>;
    const positions = names.map((n) => checkpoints.find((c) => c.name === n)?.position ?? '0');
    if (new Set(positions).size > 1) {
      throw new Error(`projection checkpoints differ (${names.map((n, i) => `${n}=${positions[i]}`).join(', ')})`);
    }
    const digests = tables.map(({ name, orderBy }) => {
      const hash = createHash('sha256');
      let rows = 0;
      const order = orderBy.map((c) => `"${c}"`).join(', ');
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).iterate() as Iterable<Record<string, unknown>>) {
        hash.update(canonicalRow(row));
        hash.update('\n');
        rows += 1;
      }
      return { table: name, rows, sha256: hash.digest('hex') };
    });
    return { position: BigInt(positions[0] ?? '0'), digests };
  });
  const { position, digests } = read();
  const total = createHash('sha256');
  for (const t of digests) total.update(`${t.table}:${t.rows}:${t.sha256}\n`);
  return { position, sha256: total.digest('hex'), tables: digests };
}

/** One row as canonical JSON: `[[column, value], …]` with columns sorted by name, bigints and blobs as text. */
export function canonicalRow(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, normalise(row[k])]));
}

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}
