import { Pool, PoolClient } from 'pg';
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
import {
  EVENTS_STREAM_REVISION_CONSTRAINT,
  POSTGRES_APPEND_LOCK_KEY,
  POSTGRES_EVENT_STORE_MIGRATIONS,
  PostgresMigration,
  runPostgresMigrations,
} from './postgres-migrations';
import { ImportResult, importInTransaction, importRows } from './postgres-import';

/** Options of {@link PostgresEventStore.open}. */
export interface PostgresEventStoreOptions {
  /** libpq-style URL, e.g. `postgres://user:password@host:5432/registry`. */
  connectionString: string;
  /** Largest number of pooled connections; default 10. */
  maxConnections?: number;
  /**
   * How long an append waits for the append lock (another append's transaction), in ms; default
   * 5000. Past it the append fails with the server's `lock_timeout` error (SQLSTATE 55P03).
   */
  lockTimeoutMs?: number;
  /** Source of the commit instant (`recordedAt`); default the system clock. */
  now?: () => Date;
  /** Further plain-SQL migrations (read models in the same database), run after the store's own. */
  extraMigrations?: readonly PostgresMigration[];
  /** How long opening a connection may take, in ms; default 0 (no limit: the system's TCP timeout). */
  connectTimeoutMs?: number;
}

/** One row of `events` as node-postgres returns it: `bigint` (int8) columns arrive as strings. */
interface EventRow {
  position: string;
  stream_name: string;
  revision: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const COLUMNS = 'position, stream_name, revision, type, data, metadata, recorded_at';

/**
 * The EventStore on a PostgreSQL server (15 or later), through a node-postgres pool. Same table,
 * same JSON text and same timestamps as {@link SqliteEventStore}, so digests agree across stores.
 *
 * Appends are atomic and serialised (ADR 0007): each runs in one transaction that first takes the
 * transaction-scoped advisory lock {@link POSTGRES_APPEND_LOCK_KEY}, then checks the stream's
 * revision, then assigns positions `max(position) + 1 …` and inserts every row in one statement,
 * then commits. The lock is released only after the commit is visible, so transactions take and
 * commit positions one at a time: position p + 1 cannot exist before p has committed or rolled back
 * (a rollback frees p for the next append: no gaps either). `readAll({ after })` therefore never
 * skips a late commit, the same guarantee as SQLite's single writer (ADR 0002), at the same cost:
 * one append at a time per database.
 *
 * A unique violation (SQLSTATE 23505) on (stream_name, revision), from a writer that bypassed the
 * lock, is reported as {@link WrongExpectedRevisionError}. Positions and revisions are read as
 * strings and converted to `bigint` (never through a JS `number`) and written as strings.
 */
export class PostgresEventStore implements EventStore {
  private readonly now: () => Date;
  private readonly lockTimeoutMs: number;
  private closed = false;
  private readonly subscriptions = new OpenSubscriptions();

  private constructor(
    private readonly pool: Pool,
    options: { now?: () => Date; lockTimeoutMs: number },
  ) {
    this.now = options.now ?? (() => new Date());
    this.lockTimeoutMs = options.lockTimeoutMs;
  }

  /**
   * Connects a pool to `options.connectionString`, runs the store's migrations and
   * `extraMigrations` in one transaction under a migration advisory lock (safe against another
   * process migrating at once), and returns the open store.
   * @throws RangeError for a `maxConnections` below 1 or a negative `lockTimeoutMs`.
   * @throws Error (the driver's or the server's) when the server cannot be reached or a migration
   *   fails; the pool is closed again in that case.
   */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const maxConnections = options.maxConnections ?? 10;
    if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) {
      throw new RangeError(`maxConnections must be an integer >= 1, got ${String(maxConnections)}`);
    }
    const lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 0) {
      throw new RangeError(`lockTimeoutMs must be a non-negative integer, got ${String(lockTimeoutMs)}`);
    }
    const pool = new Pool({ connectionString: options.connectionString, max: maxConnections, connectionTimeoutMillis: options.connectTimeoutMs ?? 0 });
    // An idle pooled connection that the server drops emits 'error'; without a listener the process
    // would crash. The pool discards that client and the next query opens a new connection.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await runPostgresMigrations(client, [...POSTGRES_EVENT_STORE_MIGRATIONS, ...(options.extraMigrations ?? [])]);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, { now: options.now, lockTimeoutMs });
  }

  /** See {@link EventStore.appendToStream}; atomic and serialised as described on the class. */
  async appendToStream(
    streamName: string,
    expectedRevision: ExpectedRevision,
    events: NewEvent[],
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendArguments(streamName, expectedRevision, events);
    // Serialised before the transaction: a bad event writes nothing and never takes the lock.
    const rows = events.map((event, index) => {
      const what = `event #${index} of stream ${streamName}`;
      return {
        type: event.type,
        data: serialiseJsonObject(event.data, `${what}: data`),
        metadata: serialiseJsonObject(event.metadata, `${what}: metadata`),
      };
    });
    return this.inAppendTransaction(
      (client) => this.appendInTransaction(client, streamName, expectedRevision, rows),
      () => ({ streamName, expectedRevision }),
    );
  }

  /**
   * See {@link EventStore.appendToStreams}: every batch in ONE transaction under the append lock
   * (ADR 0007: taken once, before the first revision check), each expected revision checked inside
   * it, in order; one commit. Batches given as lists are serialised before the lock is taken.
   */
  async appendToStreams(batches: StreamAppendBatch[]): Promise<AppendResult[]> {
    this.assertOpen();
    assertAppendBatches(batches);
    const prepared = batches.map((batch) => (typeof batch.events === 'function' ? undefined : rowsOf(batch.streamName, batch.events)));
    let current = batches[0]!;
    return this.inAppendTransaction(async (client) => {
      const recordedAt = this.now().toISOString();
      const results: AppendResult[] = [];
      for (const [index, batch] of batches.entries()) {
        current = batch;
        const rows = prepared[index] ?? rowsOf(batch.streamName, resolveBatchEvents(batch, results));
        results.push(await this.appendInTransaction(client, batch.streamName, batch.expectedRevision, rows, { recordedAt, locked: index > 0 }));
      }
      return results;
    }, () => current);
  }

  /**
   * Runs `work` in one transaction on a pooled connection (BEGIN … COMMIT, ROLLBACK on any error)
   * and turns a revision conflict into a {@link WrongExpectedRevisionError} for the stream
   * `conflictOn()` names, with that stream's current revision.
   * @throws WrongExpectedRevisionError, or whatever `work` or the database threw.
   */
  private async inAppendTransaction<T>(
    work: (client: PoolClient) => Promise<T>,
    conflictOn: () => { streamName: string; expectedRevision: ExpectedRevision },
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken = false; // a connection whose ROLLBACK failed is destroyed, not pooled again
    try {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } catch (error) {
      if (!broken && isStreamRevisionConflict(error)) {
        const { streamName, expectedRevision } = conflictOn();
        throw new WrongExpectedRevisionError(streamName, expectedRevision, await this.currentRevision(client, streamName));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Writes events that were recorded elsewhere — e.g. read from the SQLite store by
   * `registry copy-store` (docs/scaling.md) — with their own positions, revisions and `recordedAt`,
   * in ONE transaction under the append lock (so appends cannot interleave, ADR 0007). Not for the
   * service's writers: they append with {@link appendToStream}.
   *
   * `events` must continue the log: positions strictly increasing and all above the log's head
   * (holes below the first one are allowed, as in the source), and each stream's revisions
   * consecutive, its first one in the batch following the stream's last stored revision (0 for a
   * new stream). Otherwise nothing is written.
   * @returns the number of events written and the position of the last.
   * @throws LogImportRefusedError (postgres-import.ts) naming the first event that does not
   *   continue the log, or when `events` is empty or malformed; nothing written.
   * @throws the server's errors (e.g. `lock_timeout` 55P03 after `lockTimeoutMs`); nothing written.
   */
  async importRecorded(events: RecordedEvent[]): Promise<ImportResult> {
    this.assertOpen();
    const rows = importRows(events);
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const result = await importInTransaction(client, rows, this.lockTimeoutMs);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  /** See {@link EventStore.readStream}. */
  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamName);
    const { fromRevision, maxCount } = normaliseReadStreamOptions(options);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = $1 AND revision >= $2::bigint ORDER BY revision LIMIT $3`,
      [streamName, String(fromRevision), maxCount ?? null], // LIMIT NULL = no limit
    );
    return rows.map(toRecordedEvent);
  }

  /** See {@link EventStore.streamRevision}. */
  async streamRevision(streamName: string): Promise<bigint | 'no_stream'> {
    this.assertOpen();
    assertStreamName(streamName);
    return this.currentRevision(this.pool, streamName);
  }

  /** See {@link EventStore.readAll}; gap-safe by the serialised appends (see the class). */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, streamPrefix } = normaliseReadAllOptions(options);
    // starts_with compares exactly: LIKE would treat _ and % as wildcards.
    const { rows } =
      streamPrefix === undefined
        ? await this.pool.query<EventRow>(
            `SELECT ${COLUMNS} FROM events WHERE position > $1::bigint ORDER BY position LIMIT $2`,
            [String(after), maxCount],
          )
        : await this.pool.query<EventRow>(
            `SELECT ${COLUMNS} FROM events WHERE position > $1::bigint AND starts_with(stream_name, $3) ` +
              'ORDER BY position LIMIT $2',
            [String(after), maxCount, streamPrefix],
          );
    return rows.map(toRecordedEvent);
  }

  /** See {@link EventStore.headPosition}. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ position: string | null }>('SELECT max(position) AS position FROM events');
    return rows[0].position === null ? 0n : toBigint(rows[0].position, 'position');
  }

  /**
   * See {@link EventStore.subscribeToAll}: polls {@link readAll} (`pollingSubscription`, one query
   * every 100 ms once caught up); gap-free because `readAll` is (see the class).
   */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    this.assertOpen();
    const { after, streamPrefix } = normaliseSubscribeToAllOptions(options);
    return this.subscriptions.track((onClosed) =>
      pollingSubscription((page) => this.readAll(page), { after, streamPrefix, onClosed }),
    );
  }

  /**
   * Closes the store's subscriptions, then ends the pool (waits for checked-out connections);
   * idempotent. Later calls reject.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
    await this.pool.end();
  }

  /** Body of the append transaction (after BEGIN, before COMMIT). */
  private async appendInTransaction(
    client: PoolClient,
    streamName: string,
    expected: ExpectedRevision,
    rows: Array<{ type: string; data: string; metadata: string }>,
    /** `locked`: the append lock is already held by this transaction (a later batch of `appendToStreams`). */
    batch: { recordedAt?: string; locked?: boolean } = {},
  ): Promise<AppendResult> {
    if (!batch.locked) {
      await client.query(`SET LOCAL lock_timeout = ${this.lockTimeoutMs}`);
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(POSTGRES_APPEND_LOCK_KEY)]);
    }
    // READ COMMITTED: every statement below sees all appends committed before the lock was ours.
    const actual = await this.currentRevision(client, streamName);
    if (actual !== expected) throw new WrongExpectedRevisionError(streamName, expected, actual);

    const head = await client.query<{ position: string }>(
      'SELECT coalesce(max(position), 0)::text AS position FROM events',
    );
    const first = toBigint(head.rows[0].position, 'position') + 1n;
    const firstRevision = actual === 'no_stream' ? 0n : actual + 1n;
    const recordedAt = batch.recordedAt ?? this.now().toISOString();
    const positions = rows.map((_, i) => first + BigInt(i));
    // One statement for the whole batch: arrays zipped by unnest, int8 sent as text.
    await client.query(
      `INSERT INTO events (${COLUMNS})
       SELECT p, $1, r, t, d, m, $2 FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[])
         AS batch(p, r, t, d, m)`,
      [
        streamName,
        recordedAt,
        positions.map(String),
        rows.map((_, i) => String(firstRevision + BigInt(i))),
        rows.map((row) => row.type),
        rows.map((row) => row.data),
        rows.map((row) => row.metadata),
      ],
    );
    return {
      nextExpectedRevision: firstRevision + BigInt(rows.length - 1),
      lastPosition: positions[positions.length - 1],
      positions,
      recordedAt,
    };
  }

  /** The stream's last revision as seen by `queryable` (the pool, or the append's connection). */
  private async currentRevision(queryable: Pool | PoolClient, streamName: string): Promise<bigint | 'no_stream'> {
    // A union of the two overloaded `query` signatures is not callable; both run the same query.
    const { rows } = await (queryable as Pool).query<{ revision: string }>(
      'SELECT revision FROM events WHERE stream_name = $1 ORDER BY revision DESC LIMIT 1',
      [streamName],
    );
    return rows.length === 0 ? 'no_stream' : toBigint(rows[0].revision, 'revision');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    revision: toBigint(row.revision, 'revision'),
    position: toBigint(row.position, 'position'),
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
  };
}

/** int8 arrives as decimal text from node-postgres; anything else means a changed type parser. */
function toBigint(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw new TypeError(`${what} was read as ${typeof value} ${String(value)}, not as int8 text`);
  }
  return BigInt(value);
}

function isStreamRevisionConflict(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === EVENTS_STREAM_REVISION_CONSTRAINT;
}

/** An append's events as the rows it inserts (data and metadata as JSON text). */
function rowsOf(streamName: string, events: NewEvent[]): Array<{ type: string; data: string; metadata: string }> {
  return events.map((event, index) => {
    const what = `event #${index} of stream ${streamName}`;
    return {
      type: event.type,
      data: serialiseJsonObject(event.data, `${what}: data`),
      metadata: serialiseJsonObject(event.metadata, `${what}: metadata`),
    };
  });
}
