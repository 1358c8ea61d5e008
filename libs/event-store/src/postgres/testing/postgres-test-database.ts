/**
 * Throw-away PostgreSQL databases for tests (the e2e suite on PostgreSQL, `test/support/app.ts`).
 * Lives beside the adapter because only this folder may import `pg`; excluded from the build
 * (`**\/testing/**`) and re-exported from `@app/event-store/testing`.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The maintenance database tests create their databases through (`REGISTRY_TEST_POSTGRES_URL`). */
export function testPostgresMaintenanceUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.REGISTRY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A database created for one test app; {@link drop} removes it (closing any leftover sessions). */
export interface ThrowawayPostgresDatabase {
  name: string;
  /** Connection URL of the new database (same server, user and password as the maintenance URL). */
  url: string;
  /** Drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

async function onMaintenance(maintenanceUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix><12 random hex>` on the server of `maintenanceUrl`. */
export async function createThrowawayPostgresDatabase(
  prefix: string,
  maintenanceUrl: string = testPostgresMaintenanceUrl(),
): Promise<ThrowawayPostgresDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new RangeError(`database prefix must be a lower-case SQL identifier, got ${JSON.stringify(prefix)}`);
  const name = `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await onMaintenance(maintenanceUrl, `CREATE DATABASE "${name}"`);
  const parsed = new URL(maintenanceUrl);
  parsed.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: parsed.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await onMaintenance(maintenanceUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
