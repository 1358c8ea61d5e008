import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, EntityManager, MigrationInterface } from 'typeorm';
import { FEED_ENTITIES, FEED_MIGRATIONS } from '../feed';
import { MPAN_VIEW_ENTITIES, MPAN_VIEW_MIGRATIONS } from '../mpan-view';
import { RUNTIME_ENTITIES } from './entities';
import { RUNTIME_MIGRATIONS } from './migrations';

/** Every entity of the view database: runtime, MPAN query view, notification feed. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export const VIEW_ENTITIES: Function[] = [...RUNTIME_ENTITIES, ...MPAN_VIEW_ENTITIES, ...FEED_ENTITIES];

/** Every migration of the view database, oldest first. */
export const VIEW_MIGRATIONS: Array<new () => MigrationInterface> = [
  ...RUNTIME_MIGRATIONS,
  ...MPAN_VIEW_MIGRATIONS,
  ...FEED_MIGRATIONS,
];

/** Options of {@link ViewDatabase.openSqlite}. */
export interface SqliteViewDatabaseOptions {
  /** Path of the view database file (its parent folder is created). Not `:memory:`: reads use a second connection. */
  path: string;
  /** SQLite `synchronous` for the writer: `FULL` or `NORMAL` (default). */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another process's write lock, ms; default 5000. */
  busyTimeoutMs?: number;
}

/**
 * The read-model database: the projections' tables and checkpoints (docs/adr/0006).
 *
 * Embedded default: its own SQLite file beside the event log (e.g. `data/registry-views.db`), with
 * two connections:
 * - `writer`: used only by the projector (and by the feed's delivery bookkeeping); its write
 *   transactions take SQLite's write lock up front (`BEGIN IMMEDIATE`, see {@link writeTransaction});
 * - `reader`: used by queries. A separate connection, so in WAL mode a query only ever sees committed
 *   batches — never the half-applied rows of a batch the writer has open (one connection would show
 *   its own uncommitted writes to every caller sharing it).
 * Keeping the views out of the log's file means the projector's write lock never delays an append.
 */
export class ViewDatabase {
  private constructor(
    readonly writer: DataSource,
    readonly reader: DataSource,
    readonly description: string,
  ) {}

  /**
   * Opens (creating and migrating if needed) the SQLite view database at `options.path`.
   * @throws RangeError for `:memory:` or a bad `synchronous`.
   * @throws Error (the driver's or a migration's, naming the file) when it cannot be opened or migrated.
   */
  static async openSqlite(options: SqliteViewDatabaseOptions): Promise<ViewDatabase> {
    if (options.path === ':memory:') {
      throw new RangeError('the view database needs a file (queries read it on a second connection); got :memory:');
    }
    const synchronous = options.synchronous ?? 'NORMAL';
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
      throw new RangeError(`synchronous must be 'FULL' or 'NORMAL', got ${String(synchronous)}`);
    }
    const file = resolve(options.path);
    makeParentDirectories(file);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    const source = (readonly: boolean) =>
      new DataSource({
        type: 'better-sqlite3',
        database: file,
        synchronize: false,
        migrationsRun: false,
        logging: false,
        entities: VIEW_ENTITIES,
        migrations: VIEW_MIGRATIONS,
        timeout: busyTimeoutMs,
        prepareDatabase: (db: BetterSqlite3.Database) => {
          if (!readonly) db.pragma('journal_mode = WAL');
          db.pragma(`synchronous = ${synchronous}`);
          if (readonly) db.pragma('query_only = ON');
        },
      });
    const writer = source(false);
    try {
      await writer.initialize();
      const db = nativeSqlite(writer);
      db.exec('BEGIN IMMEDIATE');
      try {
        await writer.runMigrations({ transaction: 'none' });
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      if (writer.isInitialized) await writer.destroy();
      throw new Error(`cannot open the view database ${file}: ${(error as Error).message}`);
    }
    const reader = source(true);
    try {
      await reader.initialize();
    } catch (error) {
      await writer.destroy();
      throw new Error(`cannot open the view database ${file} for reading: ${(error as Error).message}`);
    }
    return new ViewDatabase(writer, reader, file);
  }

  /**
   * Runs `work` in one write transaction on the writer connection and commits it, or rolls it back
   * when `work` throws (rethrowing). On SQLite the transaction starts with `BEGIN IMMEDIATE`, so the
   * write lock is taken before anything is read (no SQLITE_BUSY on upgrade when another process
   * writes the same file). Calls are serialised: the writer connection is one SQLite connection, and
   * two interleaved transactions on it would merge.
   */
  async writeTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.runWriteTransaction(work));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private writeQueue: Promise<unknown> = Promise.resolve();

  private async runWriteTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.writer.createQueryRunner();
    try {
      await runner.query('BEGIN IMMEDIATE');
      // Tell TypeORM the runner is inside a transaction (it would otherwise open its own around a
      // save), exactly as its startTransaction() leaves it; commit/rollback below reset it.
      const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
      state.isTransactionActive = true;
      state.transactionDepth = 1;
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** Closes both connections; idempotent. */
  async close(): Promise<void> {
    if (this.reader.isInitialized) await this.reader.destroy();
    if (this.writer.isInitialized) await this.writer.destroy();
  }
}

/** The native better-sqlite3 handle of a TypeORM better-sqlite3 DataSource. */
export function nativeSqlite(source: DataSource): BetterSqlite3.Database {
  return (source.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

function makeParentDirectories(file: string): void {
  const dir = dirname(file);
  if (existsSync(dir)) return;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create the folder ${dir} for the view database ${file}: ${(error as Error).message}`);
  }
}
