import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createThrowawayPostgresDatabase, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { FixedClock, loadRegistryConfig, RegistryConfig } from '@app/registration-app';
import { createApiApp } from '../../apps/registration-api/src/bootstrap';
import { signingAgent } from './signing';

/** The instant every e2e app starts at: 11:00 BST on 2025-06-15 (settlement day 2025-06-15). */
export const PINNED_NOW = '2025-06-15T10:00:00Z';

/** The repository root (reference data paths are resolved against it). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** A running registry for one e2e test file. */
export interface TestApp {
  app: INestApplication;
  /**
   * supertest agent bound to the listening server that SIGNS every request (DIP signature headers,
   * sample keys, dated by {@link clock}) as the participant the request implies: the sender of the
   * messages posted, the `{dipId}` of `/participants/{dipId}/…`, the `participant` of a history
   * replay, the operator on operator endpoints, else the enquiry service (test/support/signing.ts).
   */
  http: request.Agent;
  /** An agent signing every request as the sample participant `dipId`, whatever the request says. */
  as(dipId: string): request.Agent;
  /** An agent signing every request with the operator credential (the registry's own DIP id). */
  asOperator(): request.Agent;
  /** An agent sending requests without any signature header. */
  unsigned(): request.Agent;
  clock: FixedClock;
  config: RegistryConfig;
  /** The SQLite file of this app (inside a temporary directory removed by {@link close}); unused on PostgreSQL. */
  sqlitePath: string;
  /** The event store (and view database) this app runs on ({@link e2eStore}). */
  store: 'sqlite' | 'postgres';
  /** Closes the app (and its store), deletes the temporary directory and drops its PostgreSQL database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The event store the e2e apps run on: `REGISTRY_E2E_STORE=postgres` (set by the jest project
 * `e2e-postgres`, test/support/e2e-postgres.setup.js) runs the same tests on PostgreSQL.
 */
export function e2eStore(): 'sqlite' | 'postgres' {
  const store = process.env.REGISTRY_E2E_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`REGISTRY_E2E_STORE must be sqlite or postgres, got ${JSON.stringify(store)}`);
  return store;
}

/**
 * Starts the real HTTP app (`createApiApp`, the same bootstrap as `npm start`) on a fresh SQLite
 * file under `os.tmpdir()`, with a {@link FixedClock} pinned at {@link PINNED_NOW} and no logger.
 * The server listens on an ephemeral port on 127.0.0.1 so that concurrent supertest requests share
 * one listener. `options.env` adds configuration variables (e.g. `REGISTRY_WEBHOOK_*`), read with
 * `loadRegistryConfig` as at a real start; `process.env` is not read, except `REGISTRY_E2E_STORE`:
 * with `postgres` the event store AND the views (they follow it by default) are a throw-away
 * database `regs_e2e_<random>` created on the server of `REGISTRY_TEST_POSTGRES_URL` (default
 * `postgres://postgres@127.0.0.1:5432/postgres`) and dropped by {@link TestApp.close}. With
 * `options.logs`, the app logs its pino JSON lines (level info) to that stream instead of nothing.
 */
export async function startTestApp(options: { now?: string; env?: Record<string, string>; logs?: DestinationStream } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'regs-e2e-'));
  const sqlitePath = join(dir, 'registry.sqlite');
  const store = e2eStore();
  let database: ThrowawayPostgresDatabase | undefined;
  let app: INestApplication | undefined;
  const cleanUp = async () => {
    try {
      await database?.drop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  let config: RegistryConfig;
  const clock = new FixedClock(options.now ?? PINNED_NOW);
  try {
    database = store === 'postgres' ? await createThrowawayPostgresDatabase('regs_e2e_') : undefined;
    const storeEnv: Record<string, string> = database
      ? { REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: database.url }
      : { REGISTRY_SQLITE_PATH: sqlitePath };
    config = loadRegistryConfig({ ...options.env, ...storeEnv, REGISTRY_DAY_START: 'off' }, REPO_ROOT);
    // The views follow the event store: e2e-postgres runs them on PostgreSQL too, never by accident on SQLite.
    if (config.viewsStore !== store) throw new Error(`the e2e views should follow the event store (${store}), got ${config.viewsStore}`);
    // Quiet, unless a test reads the log lines (`logs`: pino JSON lines at info).
    app = await createApiApp(config, { clock }, options.logs ? { logLevel: 'info', logDestination: options.logs } : { logger: false });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await cleanUp().catch(() => undefined);
    throw error;
  }
  const started = app;
  const server = started.getHttpServer() as Server;
  const context = { operatorDipId: config.registryDipId };
  const now = () => clock.now();
  let closed = false;
  return {
    app: started,
    http: signingAgent(server, 'infer', now, context),
    as: (dipId) => signingAgent(server, dipId, now, context),
    asOperator: () => signingAgent(server, config.registryDipId, now, context),
    unsigned: () => request.agent(server),
    clock,
    config,
    sqlitePath,
    store,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await started.close();
      } finally {
        await cleanUp();
      }
    },
  };
}
