import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FixedClock, loadRegistryConfig, RegistryConfig } from '@app/registration-app';
import { createApiApp } from '../../apps/registration-api/src/bootstrap';

/** The instant every e2e app starts at: 11:00 BST on 2025-06-15 (settlement day 2025-06-15). */
export const PINNED_NOW = '2025-06-15T10:00:00Z';

/** The repository root (reference data paths are resolved against it). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** A running registry for one e2e test file. */
export interface TestApp {
  app: INestApplication;
  /** supertest agent bound to the listening server. */
  http: request.Agent;
  clock: FixedClock;
  config: RegistryConfig;
  /** The SQLite file of this app (inside a temporary directory removed by {@link close}). */
  sqlitePath: string;
  /** Closes the app (and its store) and deletes the temporary directory. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the real HTTP app (`createApiApp`, the same bootstrap as `npm start`) on a fresh SQLite
 * file under `os.tmpdir()`, with a {@link FixedClock} pinned at {@link PINNED_NOW} and no logger.
 * The server listens on an ephemeral port on 127.0.0.1 so that concurrent supertest requests share
 * one listener. `options.env` adds configuration variables (e.g. `REGISTRY_WEBHOOK_*`), read with
 * `loadRegistryConfig` as at a real start; `process.env` is not read.
 */
export async function startTestApp(options: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'regs-e2e-'));
  const sqlitePath = join(dir, 'registry.sqlite');
  const config = loadRegistryConfig({ ...options.env, REGISTRY_SQLITE_PATH: sqlitePath, REGISTRY_DAY_START: 'off' }, REPO_ROOT);
  const clock = new FixedClock(options.now ?? PINNED_NOW);
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(config, { clock }, { logger: false });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const started = app;
  let closed = false;
  return {
    app: started,
    http: request.agent(started.getHttpServer() as Server),
    clock,
    config,
    sqlitePath,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await started.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
