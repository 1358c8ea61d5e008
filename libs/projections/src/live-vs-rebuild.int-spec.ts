import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateTraffic } from '@app/dip-wire';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { FixedClock, loadRegistryConfig, REFERENCE_DATA, RegistrationAppModule, RegistryConfig, TrafficLoader } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { digestViews, Projector, ProjectionsModule, rebuildViews, registryProjections, VIEW_DATABASE, ViewDatabase } from '@app/projections';

/**
 * Issue #5 "done when": after a generated workload of thousands of messages, projected LIVE by the
 * in-process projector while the messages arrive (batches interleaved with appends, woken by each
 * append), a rebuild from zero of every registry projection into a fresh file has exactly the live
 * digest at the same position — table by table.
 */
describe('live projections vs a rebuild from zero, after thousands of generated messages', () => {
  let dir: string;
  let app: INestApplicationContext;
  let config: RegistryConfig;
  let messages = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-live-rebuild-'));
    config = loadRegistryConfig(
      { REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off', REGISTRY_PROJECTOR: 'in-process' },
      resolve(__dirname, '../../..'),
    );
    app = await NestFactory.createApplicationContext(
      {
        module: class LiveRebuildModule {},
        imports: [RegistrationAppModule.forRoot(config, { clock: new FixedClock('2000-01-01T00:00:00Z') }), ProjectionsModule.forRoot()],
      },
      { logger: false },
    );
    await app.init();
    const loader = app.get(TrafficLoader);
    const replay = { replayClock: true, notAfter: '2026-06-30T00:00:00Z' };
    for (const line of generateTraffic({ mpans: 220, seed: 29, startDate: '2025-03-01', mistakeRate: 0.1 })) {
      await loader.load({ channel: line.channel, message: line.message }, replay);
      messages += 1;
    }
    await loader.finish(replay);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds every table to the live digest', async () => {
    expect(messages).toBeGreaterThan(2000);
    const store = app.get<EventStore>(EVENT_STORE);
    const projector = app.get(Projector);
    const views = app.get<ViewDatabase>(VIEW_DATABASE);
    // The live projector ran during the load; let it finish the tail.
    await projector.waitForPosition(await store.headPosition(), 120_000);

    const report = await rebuildViews({
      store,
      referenceData: app.get<ReferenceData>(REFERENCE_DATA),
      registryDipId: config.registryDipId,
      environmentTag: config.environmentTag,
      projections: registryProjections(),
      outPath: join(dir, 'rebuilt-views.sqlite'),
      live: views,
      batchSize: 1500,
    });

    expect(report.live!.position).toBe(await store.headPosition());
    expect(report.events).toBe(Number(report.position));
    expect(report.differingTables).toEqual([]);
    expect(report.matches).toBe(true);
    const rows = Object.fromEntries(report.rebuilt.tables.map((t) => [t.table, t.rows]));
    expect(rows.mpan_view).toBeGreaterThan(200);
    expect(rows.feed_items).toBeGreaterThan(5000);
    // The same digest again from the live database: reading it does not change it.
    expect((await digestViews(views, registryProjections())).sha256).toBe(report.live!.sha256);
  }, 300_000);

  it('the per-event path (Projection.apply) leaves the rows the per-batch appliers (openBatch) leave', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const views = app.get<ViewDatabase>(VIEW_DATABASE);
    await app.get(Projector).waitForPosition(await store.headPosition(), 120_000);
    // The live views were written through openBatch; this rebuild calls apply event by event.
    const perEvent = registryProjections().map((p) => ({ name: p.name, tables: p.tables, apply: p.apply }));
    expect(registryProjections().every((p) => p.openBatch !== undefined)).toBe(true);
    const report = await rebuildViews({
      store,
      referenceData: app.get<ReferenceData>(REFERENCE_DATA),
      registryDipId: config.registryDipId,
      environmentTag: config.environmentTag,
      projections: perEvent,
      outPath: join(dir, 'rebuilt-per-event.sqlite'),
      live: views,
      batchSize: 700,
    });
    expect(report.differingTables).toEqual([]);
    expect(report.matches).toBe(true);
  }, 300_000);
});
