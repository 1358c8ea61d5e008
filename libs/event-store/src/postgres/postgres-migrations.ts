/**
 * The PostgreSQL event store's schema, as plain SQL migrations run by
 * {@link runPostgresMigrations} when a store opens. Frozen once shipped: a schema change is a new
 * entry at the end of {@link POSTGRES_EVENT_STORE_MIGRATIONS}.
 */
import type { PoolClient } from 'pg';

/** One schema step: a unique, sortable name and the SQL statements that apply it. */
export interface PostgresMigration {
  /** Unique name, `<timestamp>-<what>`; recorded in `event_store_migrations` once applied. */
  name: string;
  /** Statements run in order inside the migration transaction. */
  up: string[];
}

/**
 * Key of the transaction-scoped advisory lock that serialises migrations across processes (an
 * arbitrary constant; distinct from {@link POSTGRES_APPEND_LOCK_KEY}).
 */
export const POSTGRES_MIGRATION_LOCK_KEY = 7_007_001n;

/**
 * Key of the transaction-scoped advisory lock held by every append from before its revision check
 * until its COMMIT (see ADR 0007): positions are handed out and committed one transaction at a
 * time. Every writer of `events` must take it.
 */
export const POSTGRES_APPEND_LOCK_KEY = 7_007_002n;

/**
 * The event store's migrations, oldest first.
 *
 * `events` mirrors the SQLite table (ADR 0002): `position` is the global position (assigned by the
 * append under the append lock, no sequence, so a rolled-back append leaves no gap), `revision` the
 * 0-based stream revision, `data`/`metadata` the exact `JSON.stringify` text (not `jsonb`, which
 * reorders keys and refuses `\u0000`), `recorded_at` the ISO 8601 instant with `Z` as text.
 */
export const POSTGRES_EVENT_STORE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: '1760000000000-create-events-table',
    up: [
      `CREATE TABLE events (
         position    bigint PRIMARY KEY CHECK (position > 0),
         stream_name text   NOT NULL,
         revision    bigint NOT NULL CHECK (revision >= 0),
         type        text   NOT NULL,
         data        text   NOT NULL,
         metadata    text   NOT NULL,
         recorded_at text   NOT NULL,
         CONSTRAINT events_stream_name_revision_key UNIQUE (stream_name, revision)
       )`,
    ],
  },
];

/** Name of the unique constraint whose violation means "someone else took that revision". */
export const EVENTS_STREAM_REVISION_CONSTRAINT = 'events_stream_name_revision_key';

/**
 * Applies the pending migrations in one transaction on `client`, first taking the advisory lock
 * {@link POSTGRES_MIGRATION_LOCK_KEY}, so two processes opening a new database at once migrate it
 * exactly once (the second waits, then finds nothing pending). All or nothing.
 * @returns the names of the migrations applied now (empty when the schema was current).
 * @throws the server's error (after ROLLBACK) when a statement fails.
 */
export async function runPostgresMigrations(
  client: PoolClient,
  migrations: readonly PostgresMigration[] = POSTGRES_EVENT_STORE_MIGRATIONS,
): Promise<string[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(POSTGRES_MIGRATION_LOCK_KEY)]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS event_store_migrations (
         name   text PRIMARY KEY,
         run_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM event_store_migrations')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      for (const statement of migration.up) await client.query(statement);
      await client.query('INSERT INTO event_store_migrations (name) VALUES ($1)', [migration.name]);
      applied.push(migration.name);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
