import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createThrowawayPostgresDatabase } from '@app/event-store/postgres/testing/postgres-test-database';
import { loadRegistryConfig, RegistryConfig } from '@app/registration-app';
import { BenchContext } from './context';
import { Durability } from './options';

/** A registry's stores for one phase: an empty event store (SQLite file or throw-away PostgreSQL database) and a views file. */
export interface RegistryStores {
  /** Configuration variables of a registry on these stores (read by `loadRegistryConfig`). */
  env: Record<string, string>;
  config: RegistryConfig;
  /** The event store file (SQLite), for raw reads; `null` on PostgreSQL. */
  sqlitePath: string | null;
  /** The event store database URL (PostgreSQL, with the durability's session options); `null` on SQLite. */
  postgresUrl: string | null;
  /** Drops the PostgreSQL database (files go with the temporary folder). Safe to call twice. */
  drop(): Promise<void>;
}

/** SQLite `synchronous` of a durability setting (event store and views alike). */
export function sqliteSynchronousOf(durability: Durability): 'FULL' | 'NORMAL' {
  return durability === 'full' ? 'FULL' : 'NORMAL';
}

/**
 * `url` with the PostgreSQL session settings of `durability`: nothing for `full` (the server's
 * `synchronous_commit`, `on` by default), `synchronous_commit=off` for every connection of the pool
 * for `relaxed` (libpq `options`, which node-postgres passes in the startup message).
 */
export function withPostgresDurability(url: string, durability: Durability): string {
  if (durability === 'full') return url;
  const parsed = new URL(url);
  parsed.searchParams.set('options', '-c synchronous_commit=off');
  return parsed.toString();
}

/**
 * Fresh, empty stores named `name` for a registry: on SQLite a new file in the temporary folder
 * (the views in a second file beside it), on PostgreSQL a throw-away database `regs_bench_<random>`
 * on the server of the maintenance URL (the views in the same database, their default). Day-start
 * never runs by itself (the drivers run it at each day turn of the traffic). Group commit follows
 * the run's `groupCommit` option (`REGISTRY_GROUP_COMMIT`). The rate limit per participant is
 * raised to 1 000 000 requests a minute (`REGISTRY_RATE_LIMIT`).
 */
export async function provisionRegistryStores(ctx: BenchContext, name: string): Promise<RegistryStores> {
  const { store, durability, postgresUrl } = ctx.options;
  const common: Record<string, string> = {
    REGISTRY_DAY_START: 'off',
    REGISTRY_SQLITE_SYNCHRONOUS: sqliteSynchronousOf(durability),
    REGISTRY_GROUP_COMMIT: ctx.options.groupCommit ? 'on' : 'off',
    // The participant throttler still runs on every request (its cost is measured) but does not
    // refuse the load generator: one participant sends far more than the default 6 000 requests a
    // minute here (Q1 alone is 5 000 reads as the enquiry service, before F1 polls its feed).
    REGISTRY_RATE_LIMIT: '1000000',
  };
  if (store === 'sqlite') {
    const sqlitePath = join(ctx.tempDir, `${name}.sqlite`);
    const env = { ...common, REGISTRY_STORE: 'sqlite', REGISTRY_SQLITE_PATH: sqlitePath, REGISTRY_VIEWS_SQLITE_PATH: join(ctx.tempDir, `${name}-views.sqlite`) };
    return { env, config: loadRegistryConfig(env, ctx.repoRoot), sqlitePath, postgresUrl: null, drop: async () => undefined };
  }
  const database = await createThrowawayPostgresDatabase('regs_bench_', postgresUrl);
  const url = withPostgresDurability(database.url, durability);
  // The views follow the log into the same database (the default since the views moved to PostgreSQL).
  const env = { ...common, REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: url };
  try {
    return { env, config: loadRegistryConfig(env, ctx.repoRoot), sqlitePath: null, postgresUrl: url, drop: () => database.drop() };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** The log's head position (highest `events.position`, 0 when empty), read with the raw driver beside whoever has the store open. */
export async function headPositionOf(stores: RegistryStores): Promise<number> {
  if (stores.sqlitePath) {
    const db = new Database(stores.sqlitePath, { readonly: true });
    try {
      return (db.prepare('SELECT coalesce(max(position), 0) AS head FROM events').get() as { head: number }).head;
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: stores.postgresUrl! });
  await client.connect();
  try {
    return Number((await client.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM events')).rows[0]!.head);
  } finally {
    await client.end();
  }
}
