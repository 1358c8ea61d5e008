import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateTraffic, TrafficLine } from '@app/dip-wire';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { FixedClock, loadRegistryConfig, REFERENCE_DATA, RegistrationAppModule, RegistryConfig, TrafficLoader } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { Projector, ProjectionsModule, VIEW_DATABASE, ViewDatabase } from '@app/projections';

/**
 * Integration-test support for the audit tools: a real registry (SQLite event store and view
 * database in a temporary folder, the real intake, deciders and projectors) fed with generated
 * traffic through the replaying traffic loader, its views kept by the projector like the service's
 * (`REGISTRY_PROJECTOR=off` here: the test moves it with {@link AuditRegistry.project}).
 * Integration specs only: no mocks, real files.
 */
export interface AuditRegistry {
  dir: string;
  app: INestApplicationContext;
  config: RegistryConfig;
  clock: FixedClock;
  store: EventStore;
  views: ViewDatabase;
  projector: Projector;
  referenceData: ReferenceData;
  /** Loads traffic lines with the clock replaying their sender timestamps, never past `notAfter`, then runs day-start up to it. */
  load(lines: Iterable<TrafficLine>, notAfter: string): Promise<number>;
  /** Lets the projector apply the log up to its head; returns the views' checkpoint. */
  project(): Promise<bigint>;
  /** Closes the application (store and views) but keeps the files, e.g. for the CLI to open them. */
  stop(): Promise<void>;
  /** Closes the application if still open and deletes the folder. */
  close(): Promise<void>;
}

export const REPO_ROOT = resolve(__dirname, '../../../../..');

/** Starts an empty registry in a new temporary folder. */
export async function startAuditRegistry(prefix: string): Promise<AuditRegistry> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const config = loadRegistryConfig(
    { REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off', REGISTRY_PROJECTOR: 'off' },
    REPO_ROOT,
  );
  const clock = new FixedClock('2025-01-01T00:00:00Z');
  const app = await NestFactory.createApplicationContext(
    { module: class AuditTestModule {}, imports: [RegistrationAppModule.forRoot(config, { clock }), ProjectionsModule.forRoot()] },
    { logger: false },
  );
  await app.init();
  const loader = app.get(TrafficLoader);
  const projector = app.get(Projector);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    dir,
    app,
    config,
    clock,
    store: app.get<EventStore>(EVENT_STORE),
    views: app.get<ViewDatabase>(VIEW_DATABASE),
    projector,
    referenceData: app.get<ReferenceData>(REFERENCE_DATA),
    async load(lines, notAfter) {
      let n = 0;
      for (const line of lines) {
        await loader.load({ channel: line.channel, message: line.message }, { replayClock: true, notAfter });
        n += 1;
      }
      await loader.finish({ replayClock: true, notAfter });
      return n;
    },
    async project() {
      await projector.catchUp();
      return projector.position();
    },
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Generated traffic split at an instant: the lines sent at or before it, and those after (each in order). */
export function trafficSplitAt(options: Parameters<typeof generateTraffic>[0], cut: string): { before: TrafficLine[]; after: TrafficLine[] } {
  const before: TrafficLine[] = [];
  const after: TrafficLine[] = [];
  const limit = Date.parse(cut);
  for (const line of generateTraffic(options)) {
    const sent = Date.parse(line.message.payload.CommonBlock.S1.senderTimestamp);
    (sent <= limit ? before : after).push(line);
  }
  return { before, after };
}
