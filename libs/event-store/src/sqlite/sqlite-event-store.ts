import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppendBatch,
  SubscribeToAllOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';
import {
  assertAppendArguments,
  assertAppendBatches,
  assertStreamName,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  normaliseSubscribeToAllOptions,
  resolveBatchEvents,
  serialiseJsonObject,
} from '../event-store.validation';
import { OpenSubscriptions, pollingSubscription } from '../event-subscription';
import { SQLITE_EVENT_STORE_ENTITIES, SQLITE_EVENT_STORE_MIGRATIONS } from './migrations';
import { sqliteTimestampToIso } from './sqlite-timestamp';

/**
 * SQLite `synchronous` setting (per connection):
 * - `NORMAL` (default): with WAL, a commit survives a crash of the process; on power loss or an OS
 *   crash the last few commits may be lost (never corrupted: the file stays consistent);
 * - `FULL`: the WAL is fsynced at every commit, so a commit also survives power loss; slower.
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Options of {@link SqliteEventStore.open}. */
export interface SqliteEventStoreOptions {
  /** Path of the database file (its parent directory is created), or `:memory:` (no WAL then). */
  path: string;
  /** Durability, see {@link SqliteSynchronous}; default `NORMAL`. */
  synchronous?: SqliteSynchronous;
  /** How long a writer waits for another connection's write lock, in ms; default 5000. */
  busyTimeoutMs?: number;
  /**
   * Further TypeORM migrations (read models sharing the file), run after the event store's own,
   * in the same transaction. They must not set `transaction = true`.
   */
  extraMigrations?: Array<new () => MigrationInterface>;
  /** Further TypeORM entities to register on the DataSource. */
  extraEntities?: Array<EntitySchema | (new (...args: never[]) => object)>;
  /** Source of the commit instant (`recordedAt`); default the system clock. */
  now?: () => Date;
  /**
   * Group commit (ADR 0018): appends queued in one turn of the event loop share one `BEGIN
   * IMMEDIATE` transaction and one commit, each under its own SAVEPOINT; default `true`. `false`:
   * every call is its own transaction (the behaviour before group commit), for comparisons.
   */
  groupCommit?: boolean;
  /** Most calls one group commit takes from the queue (the rest wait for the next); default 256. */
  maxGroupCalls?: number;
}

/** Counters of the write transactions a {@link SqliteEventStore} committed, since it was opened. */
export interface SqliteCommitStats {
  /** Write transactions committed (with group commit: groups). */
  commits: number;
  /** Append calls (`appendToStream` / `appendToStreams`) those transactions made durable. */
  calls: number;
}

/** One queued append call, waiting for the next group commit. */
interface QueuedAppend {
  /** Runs the call's revision checks and inserts; inside the group's transaction and the call's savepoint. */
  write(): unknown;
  /** The error its caller receives for an error `write` threw (its savepoint already rolled back). */
  failure(error: unknown): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One row of `events` as read with `safeIntegers`: integers arrive as bigint. */
interface EventRow {
  position: bigint;
  stream_name: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Default of {@link SqliteEventStoreOptions.maxGroupCalls}. */
const DEFAULT_MAX_GROUP_CALLS = 256;

const COLUMNS = 'position, stream_name, revision, type, data, metadata, recorded_at';

/**
 * Serialises `open()` calls in this process: migrations hold SQLite's write lock across awaits, and
 * a second connection of the same process waiting for that lock would block the event loop (the
 * busy wait of better-sqlite3 is synchronous) until it times out.
 */
let openQueue: Promise<unknown> = Promise.resolve();

/**
 * The embedded default EventStore: one SQLite file through TypeORM (schema and migrations) and
 * better-sqlite3 (appends and reads on the DataSource's own connection).
 *
 * Appends are atomic and serialised: each runs as one synchronous better-sqlite3 transaction opened
 * with `BEGIN IMMEDIATE` (the database's single write lock, taken before the revision check), in
 * which the stream's current revision is checked and every row inserted; any error rolls the whole
 * batch back. A unique-constraint violation on (stream_name, revision) is reported as
 * {@link WrongExpectedRevisionError}, a second line of defence behind the in-transaction check.
 *
 * Gap safety (design brief §4): positions are the AUTOINCREMENT rowid, assigned inside the write
 * transaction, and SQLite admits one writer at a time across all connections and processes. So a
 * transaction that took position p commits (or rolls back, freeing p) before any other transaction
 * can take a position at all: a reader that has seen position p can never later meet a newly
 * committed event below p, and `readAll({ after })` cannot skip a late commit.
 *
 * Group commit (ADR 0018, on by default, `groupCommit: false` turns it off): `appendToStream` and
 * `appendToStreams` validate their arguments (a bad call is rejected at once, never queued), then
 * queue. A flush scheduled with `setImmediate` (never a timer: a lone append waits for one turn of
 * the event loop, not for company) takes up to `maxGroupCalls` calls in queue order, opens ONE
 * `BEGIN IMMEDIATE` transaction and runs each call under its own `SAVEPOINT`: its revision checks
 * and inserts, exactly as the call would alone. An error in a call (a stale revision →
 * {@link WrongExpectedRevisionError}, a bad event, anything) rolls back that savepoint only and
 * rejects that caller only. Then ONE `COMMIT`, and only after it returns are the callers resolved:
 * no caller learns of success before its rows are durable at the configured `synchronous`. If the
 * COMMIT (or the BEGIN) fails, the transaction is rolled back and every caller of the group is
 * rejected with that error; nothing of the group is written. Positions stay gap-free and in queue
 * order: one writer, and a rolled-back savepoint frees its AUTOINCREMENT values. `recordedAt` is
 * one instant per call (taken when its savepoint runs, just before the group's commit), so every
 * event of one call shares it as before. {@link close} flushes what is queued before closing.
 *
 * Durability: WAL journal with `synchronous` = NORMAL by default (see {@link SqliteSynchronous}).
 * Positions and revisions are read with `safeIntegers`, so they are exact 64-bit `bigint`s.
 *
 * One process should hold one store per file. Other code may use {@link dataSource} for its own
 * tables (never for `events`); an append waits until the shared connection is outside any TypeORM
 * transaction rather than silently joining it.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: BetterSqlite3.Database;
  private readonly now: () => Date;
  private readonly busyTimeoutMs: number;
  private closed = false;
  private readonly groupCommit: boolean;
  private readonly maxGroupCalls: number;
  private readonly queue: QueuedAppend[] = [];
  /** The flush scheduled or running, `null` when none is: at most one at a time. */
  private flushing: Promise<void> | null = null;
  private readonly stats: SqliteCommitStats = { commits: 0, calls: 0 };
  private readonly subscriptions = new OpenSubscriptions();
  private readonly selectRevision: BetterSqlite3.Statement<[string], { revision: bigint }>;
  private readonly insertEvent: BetterSqlite3.Statement<[string, bigint, string, string, string, string]>;
  private readonly selectStream: BetterSqlite3.Statement<[string, bigint, number], EventRow>;
  private readonly selectAll: BetterSqlite3.Statement<[bigint, number], EventRow>;
  private readonly selectAllWithPrefix: BetterSqlite3.Statement<
    { after: bigint; prefix: string; limit: number },
    EventRow
  >;
  private readonly selectHead: BetterSqlite3.Statement<[], { position: bigint }>;
  private readonly appendTransaction: BetterSqlite3.Transaction<
    (streamName: string, expected: ExpectedRevision, events: NewEvent[]) => AppendResult
  >;
  private readonly multiAppendTransaction: BetterSqlite3.Transaction<
    (batches: StreamAppendBatch[], progress: { stream: string; expected: ExpectedRevision }) => AppendResult[]
  >;
  private readonly multiAppend: (
    batches: StreamAppendBatch[],
    progress: { stream: string; expected: ExpectedRevision },
  ) => AppendResult[];
  private readonly beginImmediate: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly rollback: BetterSqlite3.Statement;
  private readonly savepoint: BetterSqlite3.Statement;
  private readonly releaseSavepoint: BetterSqlite3.Statement;
  private readonly rollbackToSavepoint: BetterSqlite3.Statement;

  private constructor(
    private readonly source: DataSource,
    options: { now?: () => Date; busyTimeoutMs: number; groupCommit: boolean; maxGroupCalls: number },
  ) {
    this.now = options.now ?? (() => new Date());
    this.busyTimeoutMs = options.busyTimeoutMs;
    this.groupCommit = options.groupCommit;
    this.maxGroupCalls = options.maxGroupCalls;
    // TypeORM's better-sqlite3 driver keeps exactly one native connection.
    this.db = (source.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    const prepare = <P extends unknown[] | object, R = unknown>(sql: string) =>
      this.db.prepare<P, R>(sql).safeIntegers(true);
    this.selectRevision = prepare(
      'SELECT revision FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insertEvent = prepare(
      'INSERT INTO events (stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectStream = prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
    this.selectAll = prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    // substr/length count characters on both sides; LIKE would treat _ and % as wildcards and
    // ignore ASCII case.
    this.selectAllWithPrefix = prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > @after ` +
        'AND substr(stream_name, 1, length(@prefix)) = @prefix ORDER BY position LIMIT @limit',
    );
    this.selectHead = prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1');
    this.appendTransaction = this.db.transaction((streamName, expected, events) =>
      this.appendInTransaction(streamName, expected, events),
    );
    this.multiAppend = (batches, progress) => {
      const recordedAt = this.now().toISOString();
      const results: AppendResult[] = [];
      for (const batch of batches) {
        progress.stream = batch.streamName;
        progress.expected = batch.expectedRevision;
        results.push(this.appendInTransaction(batch.streamName, batch.expectedRevision, resolveBatchEvents(batch, results), recordedAt));
      }
      return results;
    };
    this.multiAppendTransaction = this.db.transaction(this.multiAppend);
    this.beginImmediate = this.db.prepare('BEGIN IMMEDIATE');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
    this.savepoint = this.db.prepare('SAVEPOINT group_commit_call');
    this.releaseSavepoint = this.db.prepare('RELEASE group_commit_call');
    this.rollbackToSavepoint = this.db.prepare('ROLLBACK TO group_commit_call');
  }

  /**
   * Opens (creating if needed) the SQLite file at `options.path`: creates the parent directory,
   * opens a TypeORM DataSource (journal_mode=WAL, the chosen `synchronous`, `busy_timeout`), runs
   * the event store's migrations and `extraMigrations` in one `BEGIN IMMEDIATE` transaction (all or
   * nothing, safe against another process migrating the same file), and returns the open store.
   * @throws RangeError for an unknown `synchronous`, a negative `busyTimeoutMs` or a
   *   `maxGroupCalls` below 1.
   * @throws Error (the driver's or a migration's) when the file cannot be opened or migrated; the
   *   DataSource is closed again in that case.
   */
  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const synchronous = options.synchronous ?? 'NORMAL';
    if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
      throw new RangeError(`synchronous must be 'FULL' or 'NORMAL', got ${String(synchronous)}`);
    }
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
      throw new RangeError(`busyTimeoutMs must be a non-negative integer, got ${String(busyTimeoutMs)}`);
    }
    const groupCommit = options.groupCommit ?? true;
    const maxGroupCalls = options.maxGroupCalls ?? DEFAULT_MAX_GROUP_CALLS;
    if (!Number.isSafeInteger(maxGroupCalls) || maxGroupCalls < 1) {
      throw new RangeError(`maxGroupCalls must be a whole number ≥ 1, got ${String(maxGroupCalls)}`);
    }
    if (options.path !== ':memory:') makeParentDirectories(resolve(options.path));

    const source = new DataSource({
      type: 'better-sqlite3',
      database: options.path,
      synchronize: false,
      migrationsRun: false,
      logging: false,
      entities: [...SQLITE_EVENT_STORE_ENTITIES, ...(options.extraEntities ?? [])],
      migrations: [...SQLITE_EVENT_STORE_MIGRATIONS, ...(options.extraMigrations ?? [])],
      timeout: busyTimeoutMs, // better-sqlite3 sets SQLite's busy_timeout from it
      prepareDatabase: (db: BetterSqlite3.Database) => {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${synchronous}`);
      },
    });

    const run = openQueue.then(async () => {
      await source.initialize();
      try {
        await SqliteEventStore.migrate(source);
        return new SqliteEventStore(source, { now: options.now, busyTimeoutMs, groupCommit, maxGroupCalls });
      } catch (error) {
        await source.destroy();
        throw error;
      }
    });
    openQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs pending migrations inside one `BEGIN IMMEDIATE` transaction (TypeORM itself would use a
   * deferred `BEGIN`, which in WAL mode fails with SQLITE_BUSY when two processes migrate at once).
   */
  private static async migrate(source: DataSource): Promise<void> {
    const db = (source.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    db.exec('BEGIN IMMEDIATE');
    try {
      await source.runMigrations({ transaction: 'none' });
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * The TypeORM DataSource on the store's file, for read models that keep their tables next to the
   * log (their migrations go in `extraMigrations`). Closed by {@link close}.
   */
  get dataSource(): DataSource {
    return this.source;
  }

  /**
   * Counters of committed write transactions and the append calls they carried, since open: with
   * group commit, `calls / commits` is the mean group size. A copy.
   */
  get commitStats(): SqliteCommitStats {
    return { ...this.stats };
  }

  /**
   * See {@link EventStore.appendToStream}; atomic and serialised as described on the class, and
   * with group commit resolved only after the group's COMMIT.
   * @throws Error (rejects) at once, queueing nothing, for invalid arguments or a closed store.
   */
  async appendToStream(
    streamName: string,
    expectedRevision: ExpectedRevision,
    events: NewEvent[],
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendArguments(streamName, expectedRevision, events);
    const failure = (error: unknown) =>
      isStreamRevisionConflict(error)
        ? new WrongExpectedRevisionError(streamName, expectedRevision, this.currentRevision(streamName))
        : error;
    if (this.groupCommit) {
      return this.enqueue(() => this.appendInTransaction(streamName, expectedRevision, events), failure);
    }
    await this.waitUntilOutsideTransaction();
    this.assertOpen();
    try {
      const result = this.appendTransaction.immediate(streamName, expectedRevision, events);
      this.countCommit(1);
      return result;
    } catch (error) {
      throw failure(error);
    }
  }

  /**
   * See {@link EventStore.appendToStreams}: every batch in ONE `BEGIN IMMEDIATE` transaction
   * (one commit, one fsync; with group commit one savepoint of the group's transaction), each
   * expected revision checked inside it, in order.
   * @throws Error (rejects) at once, queueing nothing, for invalid batches or a closed store.
   */
  async appendToStreams(batches: StreamAppendBatch[]): Promise<AppendResult[]> {
    this.assertOpen();
    assertAppendBatches(batches);
    // The batch being written when the transaction failed, to name its stream in a conflict.
    const progress: { stream: string; expected: ExpectedRevision } = { stream: batches[0]!.streamName, expected: batches[0]!.expectedRevision };
    const failure = (error: unknown) =>
      isStreamRevisionConflict(error)
        ? new WrongExpectedRevisionError(progress.stream, progress.expected, this.currentRevision(progress.stream))
        : error;
    if (this.groupCommit) return this.enqueue(() => this.multiAppend(batches, progress), failure);
    await this.waitUntilOutsideTransaction();
    this.assertOpen();
    try {
      const results = this.multiAppendTransaction.immediate(batches, progress);
      this.countCommit(1);
      return results;
    } catch (error) {
      throw failure(error);
    }
  }

  /** Queues one append call for the next group commit and schedules the flush if none is. */
  private enqueue<T>(write: () => T, failure: (error: unknown) => unknown): Promise<T> {
    return new Promise<T>((resolveCall, rejectCall) => {
      this.queue.push({ write, failure, resolve: resolveCall as (value: unknown) => void, reject: rejectCall });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushing !== null) return;
    this.flushing = new Promise<void>((resolveFlush) => {
      setImmediate(() => {
        this.flushGroup()
          .catch(() => undefined) // flushGroup settles every caller itself
          .finally(() => {
            this.flushing = null;
            if (this.queue.length > 0) this.scheduleFlush();
            resolveFlush();
          });
      });
    });
  }

  /**
   * One group commit: up to `maxGroupCalls` queued calls, in queue order, in one `BEGIN IMMEDIATE`
   * transaction, each under a savepoint, one COMMIT; then the callers learn their results. Settles
   * every call it takes; never throws.
   */
  private async flushGroup(): Promise<void> {
    const group = this.queue.splice(0, this.maxGroupCalls);
    if (group.length === 0) return;
    try {
      await this.waitUntilOutsideTransaction();
      if (!this.db.open) throw new Error('SqliteEventStore is closed');
    } catch (error) {
      for (const call of group) call.reject(error);
      return;
    }
    if (this.db.inTransaction) {
      // A TypeORM transaction began between the wait and now: back to the front of the queue, in
      // order; the next flush (scheduled when this one ends) waits again.
      this.queue.unshift(...group);
      return;
    }
    if (group.length === 1) {
      this.commitAlone(group[0]!);
      return;
    }
    // From here to the end of the loop below, nothing awaits: the transaction is the connection's.
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.beginImmediate.run();
      for (const call of group) {
        this.savepoint.run();
        try {
          const value = call.write();
          this.releaseSavepoint.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          // SQLITE_FULL, an I/O error, NOMEM, BUSY or an interrupt can make SQLite roll back the
          // whole transaction itself: there is no savepoint left to roll back to, and the group
          // fails with this error (not with "no such savepoint").
          if (!this.db.inTransaction) throw error;
          this.rollbackToSavepoint.run();
          this.releaseSavepoint.run();
          // The raw error: mapped (a conflict's current revision read) only once the group is settled.
          outcomes.push({ ok: false, error });
        }
      }
      this.commit.run();
    } catch (error) {
      // BEGIN, a savepoint statement or COMMIT failed: nothing of the group is written.
      try {
        if (this.db.inTransaction) this.rollback.run();
      } catch {
        // The connection is unusable (closed, I/O error): the callers still learn the first error.
      }
      // A call that failed on its own keeps its own error, mapped against the state after the
      // rollback (a conflict names the stream's committed revision, not one a rolled-back call of
      // the group had written); every other call learns the group's error.
      group.forEach((call, index) => {
        const own = outcomes[index];
        call.reject(own !== undefined && !own.ok ? this.mapFailure(call, own.error, true) : error);
      });
      return;
    }
    const committed = outcomes.filter((o) => o.ok).length;
    if (committed > 0) this.countCommit(committed);
    group.forEach((call, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) call.resolve(outcome.value);
      else call.reject(this.mapFailure(call, outcome.error));
    });
  }

  /**
   * A failed call's error as its caller sees it ({@link QueuedAppend.failure}). After a rolled-back
   * group (`rolledBack`), a stale revision names the stream's committed revision: the
   * in-transaction check saw rows of earlier calls of the group that the rollback undid. Never throws.
   */
  private mapFailure(call: QueuedAppend, error: unknown, rolledBack = false): unknown {
    try {
      if (rolledBack && error instanceof WrongExpectedRevisionError) {
        return new WrongExpectedRevisionError(error.streamName, error.expected, this.currentRevision(error.streamName));
      }
      return call.failure(error);
    } catch {
      return error;
    }
  }

  /**
   * A group of one call: its own `BEGIN IMMEDIATE` transaction without a savepoint (a failure rolls
   * the transaction back, which is the same as rolling back the savepoint of a lone call); spares a
   * lone sequential writer two statements per append.
   */
  private commitAlone(call: QueuedAppend): void {
    let value: unknown;
    try {
      this.beginImmediate.run();
      value = call.write();
      this.commit.run();
    } catch (error) {
      try {
        if (this.db.inTransaction) this.rollback.run();
        call.reject(call.failure(error));
      } catch (secondError) {
        call.reject(secondError);
      }
      return;
    }
    this.countCommit(1);
    call.resolve(value);
  }

  private countCommit(calls: number): void {
    this.stats.commits++;
    this.stats.calls += calls;
  }

  /** See {@link EventStore.readStream}. */
  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamName);
    const { fromRevision, maxCount } = normaliseReadStreamOptions(options);
    return this.selectStream.all(streamName, fromRevision, maxCount ?? -1).map(toRecordedEvent);
  }

  /** See {@link EventStore.streamRevision}. */
  async streamRevision(streamName: string): Promise<bigint | 'no_stream'> {
    this.assertOpen();
    assertStreamName(streamName);
    return this.currentRevision(streamName);
  }

  /** See {@link EventStore.readAll}; gap-safe by the single-writer design (see the class). */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, streamPrefix } = normaliseReadAllOptions(options);
    const rows =
      streamPrefix === undefined
        ? this.selectAll.all(after, maxCount)
        : this.selectAllWithPrefix.all({ after, prefix: streamPrefix, limit: maxCount });
    return rows.map(toRecordedEvent);
  }

  /** See {@link EventStore.headPosition}. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    const row = this.selectHead.get();
    return row === undefined ? 0n : exactBigint(row.position, 'position');
  }

  /**
   * See {@link EventStore.subscribeToAll}: polls {@link readAll} (`pollingSubscription`, every
   * 100 ms once caught up); gap-free because `readAll` is (see the class).
   */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    this.assertOpen();
    const { after, streamPrefix } = normaliseSubscribeToAllOptions(options);
    return this.subscriptions.track((onClosed) =>
      pollingSubscription((page) => this.readAll(page), { after, streamPrefix, onClosed }),
    );
  }

  /**
   * Closes the store: later calls reject at once; append calls already queued for a group commit
   * are flushed (committed or rejected as usual) and awaited; then the subscriptions, the
   * DataSource and its connection are closed. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing !== null) await this.flushing;
    await this.subscriptions.closeAll();
    if (this.source.isInitialized) await this.source.destroy();
  }

  /** Body of the append transaction; runs synchronously inside `BEGIN IMMEDIATE`. */
  private appendInTransaction(
    streamName: string,
    expected: ExpectedRevision,
    events: NewEvent[],
    recordedAt: string = this.now().toISOString(),
  ): AppendResult {
    const actual = this.currentRevision(streamName);
    if (actual !== expected) throw new WrongExpectedRevisionError(streamName, expected, actual);

    const positions: bigint[] = [];
    let revision = actual === 'no_stream' ? 0n : actual + 1n;
    events.forEach((event, index) => {
      // Serialised row by row inside the transaction: a bad event rolls back the rows before it.
      const what = `event #${index} of stream ${streamName}`;
      const data = serialiseJsonObject(event.data, `${what}: data`);
      const metadata = serialiseJsonObject(event.metadata, `${what}: metadata`);
      const info = this.insertEvent.run(streamName, revision, event.type, data, metadata, recordedAt);
      positions.push(exactBigint(info.lastInsertRowid, 'position'));
      revision += 1n;
    });
    return {
      nextExpectedRevision: revision - 1n,
      lastPosition: positions[positions.length - 1],
      positions,
      recordedAt,
    };
  }

  private currentRevision(streamName: string): bigint | 'no_stream' {
    const row = this.selectRevision.get(streamName);
    return row === undefined ? 'no_stream' : exactBigint(row.revision, 'revision');
  }

  /**
   * better-sqlite3 turns a transaction started while the connection is already inside one (for
   * example a TypeORM transaction of a read model awaiting between statements) into a SAVEPOINT:
   * the append would commit or roll back with someone else's work. Wait for it to end instead.
   * @throws Error when the connection stays inside a transaction for longer than the busy timeout.
   */
  private async waitUntilOutsideTransaction(): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    while (this.db.open && this.db.inTransaction) {
      if (Date.now() > deadline) {
        throw new Error(
          `SqliteEventStore: the shared connection stayed inside another transaction for more than ${this.busyTimeoutMs} ms`,
        );
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 1));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    revision: exactBigint(row.revision, 'revision'),
    position: exactBigint(row.position, 'position'),
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: sqliteTimestampToIso(row.recorded_at),
  };
}

/** Guards the "never through a JS number" rule: statements read with safeIntegers give bigints. */
function exactBigint(value: number | bigint, what: string): bigint {
  if (typeof value !== 'bigint') throw new TypeError(`${what} was read as a ${typeof value}, not a bigint`);
  return value;
}

function isStreamRevisionConflict(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes('events.stream_name') &&
    message.includes('events.revision')
  );
}

/**
 * Creates the missing folders above `file`, one level at a time. (Node 20's
 * `mkdirSync(dir, { recursive: true })` never returns for a path under a folder that refuses new
 * entries with ENOENT, such as /proc; this fails at once with the system's error instead.)
 * @throws Error naming the folder that could not be created.
 */
function makeParentDirectories(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(`cannot create the folder ${dir} for the event store ${file}: ${(error as Error).message}`);
    }
  }
}
