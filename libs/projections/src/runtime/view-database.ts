import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, EntityManager, MigrationExecutor, MigrationInterface, QueryRunner } from 'typeorm';
import { redactUrlPassword } from '@app/registration-app/config/registry-config';
import { FEED_ENTITIES, FEED_MIGRATIONS, FEED_POSTGRES_MIGRATIONS } from '../feed';
import { MPAN_VIEW_ENTITIES, MPAN_VIEW_MIGRATIONS, MPAN_VIEW_POSTGRES_MIGRATIONS } from '../mpan-view';
import { RUNTIME_ENTITIES } from './entities';
import { RUNTIME_MIGRATIONS } from './migrations';
import { RUNTIME_POSTGRES_MIGRATIONS } from './postgres-migrations';
import { bindForDialect, PostgresViewReader, SqliteViewReader, ViewDialect, ViewParam, ViewReader } from './view-reader';

/** Every entity of the view database: runtime, MPAN query view, notification feed. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export const VIEW_ENTITIES: Function[] = [...RUNTIME_ENTITIES, ...MPAN_VIEW_ENTITIES, ...FEED_ENTITIES];

/** Every migration of the view database, oldest first. */
export const VIEW_MIGRATIONS: Array<new () => MigrationInterface> = [
  ...RUNTIME_MIGRATIONS,
  ...MPAN_VIEW_MIGRATIONS,
  ...FEED_MIGRATIONS,
];

/** Every PostgreSQL migration of the view database (the same schema in PostgreSQL types), oldest first. */
export const VIEW_POSTGRES_MIGRATIONS: Array<new () => MigrationInterface> = [
  ...RUNTIME_POSTGRES_MIGRATIONS,
  ...MPAN_VIEW_POSTGRES_MIGRATIONS,
  ...FEED_POSTGRES_MIGRATIONS,
];

/** Where TypeORM records the applied view migrations on PostgreSQL (beside the log's `event_store_migrations`). */
export const VIEW_POSTGRES_MIGRATIONS_TABLE = 'view_migrations';

/**
 * Key of the transaction-scoped advisory lock the PostgreSQL view migrations run under (an
 * arbitrary constant, distinct from the event store's 7007001 / 7007002 and from
 * {@link VIEW_WRITE_LOCK_KEY}): two processes opening a new database at once migrate it once.
 */
export const VIEW_MIGRATION_LOCK_KEY = 7_008_001n;

/**
 * Key of the transaction-scoped advisory lock every PostgreSQL view write transaction takes first
 * (distinct from the event store's append lock 7007002, so batches never delay appends): one writer
 * of the views at a time across processes, as SQLite's `BEGIN IMMEDIATE`. Anything that writes the
 * view tables directly must take it too.
 */
export const VIEW_WRITE_LOCK_KEY = 7_008_002n;

/** Options of {@link ViewDatabase.openSqlite}. */
export interface SqliteViewDatabaseOptions {
  /** Path of the view database file (its parent folder is created). Not `:memory:`: reads use a second connection. */
  path: string;
  /**
   * SQLite `synchronous` of the writer's transactions that hold rows the log does not determine
   * (participants' acknowledgements and publication config, the webhook deliverer's bookkeeping):
   * `FULL` or `NORMAL` (default). The projector's batches ({@link ViewWriteOptions.derived})
   * always commit with `NORMAL` (ADR 0022).
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another process's write lock, ms; default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Options of {@link ViewDatabase.writeTransaction}.
 */
export interface ViewWriteOptions {
  /**
   * The transaction writes only rows the event log determines — a projector batch (projected rows,
   * fold state, checkpoints), a rebuild's checkpoints — which a projector re-applies from its
   * checkpoint if they are lost. On SQLite such a transaction commits with `synchronous=NORMAL`
   * whatever the database's `synchronous` (ADR 0022): in WAL mode a power loss can undo the last of
   * these commits (all those since the last sync), never half of one, and the next commit at `FULL` makes every earlier one durable
   * too (the WAL is one file, synced up to its end). Default false: the configured `synchronous`.
   * Ignored on PostgreSQL (every view transaction commits as the server's `synchronous_commit` says).
   */
  derived?: boolean;
}

/** Commits of the SQLite writer by the `synchronous` they ran with, since the database was opened. */
export interface ViewCommitStats {
  FULL: number;
  NORMAL: number;
}

/** Options of {@link ViewDatabase.openPostgres}. */
export interface PostgresViewDatabaseOptions {
  /** `postgres://user:password@host:5432/database` (the password is never shown in messages). */
  connectionString: string;
  /** Connections of the reader pool (queries, snapshots); default 10. The writer has 2. */
  maxReaderConnections?: number;
  /**
   * How long a write transaction waits for the views' write lock — another process's batch — or any
   * row lock, ms (`SET LOCAL lock_timeout`); default 30000. Past it the transaction fails with the
   * server's 55P03 error (the projector retries the batch).
   */
  lockTimeoutMs?: number;
  /** How long to wait for a new connection, ms; default 10000. */
  connectTimeoutMs?: number;
}

/**
 * The read-model database: the projections' tables and checkpoints (docs/adr/0006, 0010).
 *
 * Embedded default: its own SQLite file beside the event log (e.g. `data/registry-views.db`), with
 * two connections:
 * - `writer`: used by the projector, by `FeedService` (acknowledgements, publication config, replays)
 *   and by the feed's delivery bookkeeping; its write
 *   transactions take SQLite's write lock up front (`BEGIN IMMEDIATE`, see {@link writeTransaction});
 * - `reader`: used by queries. A separate connection, so in WAL mode a query only ever sees committed
 *   batches — never the half-applied rows of a batch the writer has open (one connection would show
 *   its own uncommitted writes to every caller sharing it).
 * Keeping the views out of the log's file means the projector's write lock never delays an append.
 *
 * On PostgreSQL ({@link openPostgres}): tables of a PostgreSQL database (by default the event
 * store's), a `writer` pool used through {@link writeTransaction} — each transaction first takes
 * the advisory lock {@link VIEW_WRITE_LOCK_KEY}, so two projectors never apply the same batch — and
 * a `reader` pool whose snapshots are `REPEATABLE READ READ ONLY` transactions.
 *
 * Reads that need one consistent state go through {@link readSnapshot} (dialect-neutral SQL), or
 * — when one statement can read everything — {@link readStatement} (one round trip, no transaction
 * statements); other single-statement reads may use `reader` (TypeORM) directly.
 */
export class ViewDatabase {
  private constructor(
    readonly writer: DataSource,
    readonly reader: DataSource,
    /** The file (SQLite) or the URL without its password (PostgreSQL), for messages. */
    readonly description: string,
    readonly dialect: ViewDialect,
    private readonly lockTimeoutMs: number = 0,
    /** SQLite: the `synchronous` of transactions that are not {@link ViewWriteOptions.derived}. */
    private readonly sqliteSynchronous: 'FULL' | 'NORMAL' = 'NORMAL',
  ) {
    this.writerSynchronous = sqliteSynchronous;
  }

  /** The `synchronous` the SQLite writer connection is set to now (switched only between transactions). */
  private writerSynchronous: 'FULL' | 'NORMAL';
  private readonly sqliteCommits: ViewCommitStats = { FULL: 0, NORMAL: 0 };

  /**
   * SQLite: how many write transactions committed with each `synchronous` since the database was
   * opened (a copy; tests, benchmarks). PostgreSQL: always zero.
   */
  get commitStats(): ViewCommitStats {
    return { ...this.sqliteCommits };
  }

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
        // TypeORM keeps prepared statements in a FIFO of 100 by default; the projections' writes
        // and the queries' reads use more distinct statements than that, and re-preparing them
        // cost 6% of a rebuild (bench/results/profiles, P1).
        statementCacheSize: 1000,
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
    return new ViewDatabase(writer, reader, file, 'sqlite', 0, synchronous);
  }

  /**
   * Opens the view database in the PostgreSQL database at `options.connectionString`, creating its
   * tables by the PostgreSQL migrations ({@link VIEW_POSTGRES_MIGRATIONS}, recorded in
   * `view_migrations`) in one transaction under the advisory lock {@link VIEW_MIGRATION_LOCK_KEY}.
   * The tables may share the database with the event store's `events` (the default configuration).
   * @throws RangeError for a bad pool size or timeout.
   * @throws Error (the driver's or a migration's, naming the database without its password) when
   *   it cannot be reached or migrated.
   */
  static async openPostgres(options: PostgresViewDatabaseOptions): Promise<ViewDatabase> {
    const maxReaders = options.maxReaderConnections ?? 10;
    const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    if (!Number.isSafeInteger(maxReaders) || maxReaders < 1) {
      throw new RangeError(`maxReaderConnections must be a positive integer, got ${String(options.maxReaderConnections)}`);
    }
    for (const [name, value] of [['lockTimeoutMs', lockTimeoutMs], ['connectTimeoutMs', connectTimeoutMs]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number of ms, got ${String(value)}`);
    }
    const shown = redactUrlPassword(options.connectionString);
    const source = (role: 'writer' | 'reader', poolSize: number) =>
      new DataSource({
        type: 'postgres',
        url: options.connectionString,
        synchronize: false,
        migrationsRun: false,
        logging: false,
        entities: VIEW_ENTITIES,
        migrations: VIEW_POSTGRES_MIGRATIONS,
        migrationsTableName: VIEW_POSTGRES_MIGRATIONS_TABLE,
        poolSize,
        connectTimeoutMS: connectTimeoutMs,
        applicationName: `regs-views-${role}`,
      });
    const writer = source('writer', 2);
    try {
      await writer.initialize();
      await migratePostgres(writer);
    } catch (error) {
      if (writer.isInitialized) await writer.destroy().catch(() => undefined);
      throw new Error(`cannot open the view database ${shown}: ${(error as Error).message}`);
    }
    const reader = source('reader', maxReaders);
    try {
      await reader.initialize();
    } catch (error) {
      await writer.destroy();
      throw new Error(`cannot open the view database ${shown} for reading: ${(error as Error).message}`);
    }
    return new ViewDatabase(writer, reader, shown, 'postgres', lockTimeoutMs);
  }

  /**
   * Runs `work` in one write transaction on the writer connection and commits it, or rolls it back
   * when `work` throws (rethrowing). On SQLite the transaction starts with `BEGIN IMMEDIATE`, so the
   * write lock is taken before anything is read (no SQLITE_BUSY on upgrade when another process
   * writes the same file). On PostgreSQL it is a READ COMMITTED transaction that first sets
   * `lock_timeout` and takes the advisory lock {@link VIEW_WRITE_LOCK_KEY}: writers of the views
   * take turns across processes, and every statement after the lock sees what the previous writer
   * committed (the projector re-reads its checkpoint there). Calls are serialised in-process: the
   * SQLite writer is one connection, and two interleaved transactions on it would merge.
   *
   * Durability (SQLite): the transaction commits with the database's `synchronous` unless
   * `options.derived` says it writes only rows the log determines; then with `NORMAL` (see
   * {@link ViewWriteOptions}). SQLite refuses to change `synchronous` inside a transaction, so the
   * writer connection is switched, when needed, before `BEGIN IMMEDIATE` — write transactions never
   * overlap (the queue above), so a setting never leaks into another caller's transaction.
   * Anything that is not derived from the log MUST NOT pass `derived`.
   * @throws whatever `work` throws; on PostgreSQL a 55P03 error after `lockTimeoutMs` waiting.
   */
  async writeTransaction<T>(work: (manager: EntityManager) => Promise<T>, options: ViewWriteOptions = {}): Promise<T> {
    const run = this.writeQueue.then(() => this.runWriteTransaction(work, options.derived === true));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private writeQueue: Promise<unknown> = Promise.resolve();

  private async runWriteTransaction<T>(work: (manager: EntityManager) => Promise<T>, derived: boolean): Promise<T> {
    if (this.dialect === 'postgres') return this.runPostgresWriteTransaction(work);
    const synchronous = derived ? 'NORMAL' : this.sqliteSynchronous;
    if (synchronous !== this.writerSynchronous) {
      nativeSqlite(this.writer).pragma(`synchronous = ${synchronous}`);
      this.writerSynchronous = synchronous;
    }
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
        this.sqliteCommits[synchronous] += 1;
        return result;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private async runPostgresWriteTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.writer.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`SET LOCAL lock_timeout = ${this.lockTimeoutMs}`);
        await runner.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(VIEW_WRITE_LOCK_KEY)]);
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

  /**
   * Runs `work` with a {@link ViewReader} on ONE consistent snapshot of the views — only committed
   * batches, and the same ones for every statement — and resolves with its result.
   * - SQLite: a read transaction (`BEGIN` … `COMMIT`) on the `query_only` reader connection, pinned
   *   by a first read. Snapshots are serialised on that one connection by a queue (two interleaved
   *   async snapshots on one connection would share one transaction). Do not call `readSnapshot` of
   *   the same database inside `work`: it would wait for itself.
   * - PostgreSQL: `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` on one connection of the reader
   *   pool; snapshots run side by side.
   * Iterators opened by `work` must be finished or abandoned by the time it settles.
   * @throws whatever `work` or the database throws (the transaction is ended either way).
   */
  async readSnapshot<T>(work: (reader: ViewReader) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.runPostgresSnapshot(work);
    const run = this.readQueue.then(() => this.runSqliteSnapshot(work));
    this.readQueue = run.catch(() => undefined);
    return run;
  }

  private readQueue: Promise<unknown> = Promise.resolve();
  private readonly sqliteStatements = new Map<string, BetterSqlite3.Statement>();
  private pinSnapshot: BetterSqlite3.Statement | null = null;

  private async runSqliteSnapshot<T>(work: (reader: ViewReader) => Promise<T>): Promise<T> {
    const db = nativeSqlite(this.reader);
    const reader = new SqliteViewReader(db, this.sqliteStatements);
    db.exec('BEGIN');
    try {
      // A deferred transaction takes its snapshot at its first read: take it now.
      this.pinSnapshot ??= db.prepare('SELECT 1 FROM sqlite_master LIMIT 1');
      this.pinSnapshot.get();
      return await work(reader);
    } finally {
      reader.closeIterators();
      if (db.inTransaction) db.exec('COMMIT');
    }
  }

  private async runPostgresSnapshot<T>(work: (reader: ViewReader) => Promise<T>): Promise<T> {
    const runner = this.reader.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const result = await work(new PostgresViewReader(runner));
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs ONE read statement (`?` / `?N` placeholders as {@link ViewReader}) and resolves with its
   * rows. A single statement is one consistent snapshot by itself — PostgreSQL gives a statement
   * one snapshot even at READ COMMITTED, and SQLite runs an autocommit statement in its own read
   * transaction — so, unlike {@link readSnapshot}, no transaction is opened: every subquery of the
   * statement sees the same committed batches.
   * - PostgreSQL: on a connection of the reader pool, in ONE round trip: a named prepared statement
   *   (the name derived from the text), parsed and planned once per connection — no
   *   `BEGIN` / `COMMIT`, no TypeORM query runner.
   * - SQLite: a statement prepared once on the `query_only` reader connection, run at once — or,
   *   while a {@link readSnapshot} holds that connection's read transaction open, after it (never
   *   inside another caller's older snapshot).
   * Values are the driver's (PostgreSQL: int8 as decimal strings, booleans as `true` / `false`;
   * SQLite: booleans 1 / 0): cast in the SQL where both dialects must agree.
   * @throws RangeError for placeholders and parameters that do not match (`bindForDialect`).
   * @throws whatever the database throws.
   */
  async readStatement<T = Record<string, unknown>>(sql: string, params: readonly ViewParam[] = []): Promise<T[]> {
    const bound = bindForDialect(this.dialect, sql, params);
    if (this.dialect === 'postgres') {
      const pool = (this.reader.driver as unknown as { master: PgPool }).master;
      const result = await pool.query({ name: this.statementName(bound.sql), text: bound.sql, values: bound.params });
      return result.rows as T[];
    }
    const db = nativeSqlite(this.reader);
    const run = () => this.sqliteSingleStatement(db, bound.sql).all(...bound.params) as T[];
    // better-sqlite3 is synchronous: outside a snapshot nothing can interleave with the statement.
    if (!db.inTransaction) return run();
    const queued = this.readQueue.then(run);
    this.readQueue = queued.catch(() => undefined);
    return queued;
  }

  /**
   * SQLite only: runs the read `statements` (each with its parameters, placeholders as
   * {@link ViewReader}) one after the other in ONE read transaction (`BEGIN` … `COMMIT`) on the
   * `query_only` reader connection, and resolves with each statement's rows in order. Every
   * statement sees the same committed batches, also against commits of other processes (a
   * separate projector); the statements run synchronously, prepared once per text, with no TypeORM
   * in between, so this costs little more than the statements themselves. While a
   * {@link readSnapshot} holds the connection's read transaction open, it runs after it (as
   * {@link readStatement}). For the reads where several plain statements are cheaper than one that
   * builds JSON (`MpanViewQueryService.current` on SQLite).
   * @throws Error on PostgreSQL (one statement — {@link readStatement} — is one round trip there).
   * @throws RangeError for placeholders and parameters that do not match (`bindForDialect`).
   * @throws whatever the database throws (the transaction is ended either way).
   */
  async readStatementsInOneSnapshot(statements: ReadonlyArray<{ sql: string; params: readonly ViewParam[] }>): Promise<Array<Array<Record<string, unknown>>>> {
    if (this.dialect !== 'sqlite') throw new Error('readStatementsInOneSnapshot is for SQLite; on PostgreSQL read with one statement (readStatement)');
    const bound = statements.map((s) => bindForDialect(this.dialect, s.sql, s.params));
    const db = nativeSqlite(this.reader);
    const run = () => {
      const prepared = bound.map((b) => this.sqliteSingleStatement(db, b.sql));
      this.sqliteBegin ??= db.prepare('BEGIN');
      this.sqliteCommit ??= db.prepare('COMMIT');
      this.sqliteBegin.run();
      let rows: Array<Array<Record<string, unknown>>>;
      try {
        rows = prepared.map((statement, i) => statement.all(...bound[i]!.params) as Array<Record<string, unknown>>);
        this.sqliteCommit.run();
      } catch (error) {
        // A failed statement or a failed read-only COMMIT must not leave the reader inside a
        // transaction (every later read would see this snapshot or fail): end it, then report.
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return rows;
    };
    if (!db.inTransaction) return run();
    const queued = this.readQueue.then(run);
    this.readQueue = queued.catch(() => undefined);
    return queued;
  }

  private sqliteBegin: BetterSqlite3.Statement | null = null;
  private sqliteCommit: BetterSqlite3.Statement | null = null;

  /** A read statement of the reader connection, prepared once per text (at most 64 kept; the first prepared is dropped first). */
  private sqliteSingleStatement(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    let statement = this.sqliteSingleStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (this.sqliteSingleStatements.size >= 64) this.sqliteSingleStatements.delete(this.sqliteSingleStatements.keys().next().value!);
      this.sqliteSingleStatements.set(sql, statement);
    }
    return statement;
  }

  private readonly sqliteSingleStatements = new Map<string, BetterSqlite3.Statement>();
  private readonly statementNames = new Map<string, string>();

  /** The prepared-statement name of a PostgreSQL text: a digest, so one name never means two texts on a connection. */
  private statementName(sql: string): string {
    let name = this.statementNames.get(sql);
    if (!name) {
      name = `view_read_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
      if (this.statementNames.size >= 512) this.statementNames.delete(this.statementNames.keys().next().value!);
      this.statementNames.set(sql, name);
    }
    return name;
  }

  /** Closes both connections; idempotent. */
  async close(): Promise<void> {
    if (this.reader.isInitialized) await this.reader.destroy();
    if (this.writer.isInitialized) await this.writer.destroy();
  }
}

/**
 * Runs the pending PostgreSQL view migrations in ONE transaction that first takes the advisory lock
 * {@link VIEW_MIGRATION_LOCK_KEY}: a second process opening the database at the same time waits,
 * then finds nothing pending.
 */
async function migratePostgres(writer: DataSource): Promise<void> {
  const runner: QueryRunner = writer.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(VIEW_MIGRATION_LOCK_KEY)]);
      const executor = new MigrationExecutor(writer, runner);
      executor.transaction = 'all'; // inside the transaction above: the executor starts none of its own
      await executor.executePendingMigrations();
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * What {@link ViewDatabase.readStatement} uses of node-postgres's `Pool` (TypeORM's PostgreSQL
 * driver keeps its pool as `master`): a query on a pooled connection, by prepared-statement name.
 * Declared here because only the event store's PostgreSQL adapter imports `pg`.
 */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
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
