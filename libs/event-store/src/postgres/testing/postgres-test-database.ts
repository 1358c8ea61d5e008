/**
 * Throw-away PostgreSQL databases for tests (the e2e suite on PostgreSQL, `test/support/app.ts`).
 * Lives beside the adapter because only this folder may import `pg`; excluded from the build
 * (`**\/testing/**`) and re-exported from `@app/event-store/testing`.
 */
import { spawnSync } from 'node:child_process';
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

/** `url` with its password replaced by `***` (an unparseable URL is not shown at all). */
export function redactTestUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/**
 * Whether the PostgreSQL server at `url` answers, checked synchronously (jest registers tests
 * synchronously) by a short child process that connects and runs `SELECT 1` (5 s connect timeout).
 */
export function probePostgres(url: string = testPostgresMaintenanceUrl()): { ok: true } | { ok: false; error: string } {
  const script =
    "const { Client } = require('pg');" +
    'const c = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 5000 });' +
    "c.connect().then(() => c.query('SELECT 1')).then(() => c.end())" +
    '.then(() => process.exit(0), (e) => { process.stderr.write(String((e && e.message) || e)); process.exit(1); });';
  const probe = spawnSync(process.execPath, ['-e', script], {
    cwd: __dirname,
    env: { ...process.env, PROBE_URL: url },
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (probe.status === 0) return { ok: true };
  return { ok: false, error: probe.stderr.trim() || probe.error?.message || `probe exited with ${probe.status}` };
}

/**
 * `describe(title, body)` when the test server (`REGISTRY_TEST_POSTGRES_URL`) answers; otherwise a
 * skipped test with a warning naming the server, or — with `CI=true` — a failing test (the
 * PostgreSQL tiers are required in CI). `body` gets the maintenance URL to create throw-away
 * databases through ({@link createThrowawayPostgresDatabase}).
 */
export function describeWithPostgres(title: string, body: (maintenanceUrl: string) => void): void {
  const url = testPostgresMaintenanceUrl();
  const shown = redactTestUrl(url);
  const probe = probePostgres(url);
  if (probe.ok) {
    describe(title, () => body(url));
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it(`needs PostgreSQL at ${shown} (CI=true)`, () => {
        throw new Error(`PostgreSQL not reachable at ${shown}: ${probe.error}`);
      });
    });
  } else {
    console.warn(`PostgreSQL not reachable at ${shown} (${probe.error}): skipping "${title}"; CI=true makes this a failure. Set REGISTRY_TEST_POSTGRES_URL to point at a server.`);
    describe(title, () => {
      it.skip(`needs PostgreSQL at ${shown}`, () => undefined);
    });
  }
}
