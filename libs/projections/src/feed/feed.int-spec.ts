import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateTraffic, loadOfficialSchemas, OfficialSchemas } from '@app/dip-wire';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import type { PublicationIssued, ReferenceData } from '@app/registration-domain';
import {
  FixedClock,
  loadRegistryConfig,
  MessageOutcomeData,
  REFERENCE_DATA,
  RegistrationAppModule,
  RegistryConfig,
  TrafficLoader,
} from '@app/registration-app';
import { DataSource } from 'typeorm';
import { digestViews, Projection, Projector, ProjectionsModule, VIEW_DATABASE, VIEW_MIGRATIONS, ViewDatabase } from '@app/projections';
import { createFeedProjection, FeedItemEntity, feedItemsOf, FeedRecipientEntity, FeedService } from '@app/projections/feed';
import { servedFeedItems } from '@app/projections/feed/testing/projected-log';

/**
 * Integration: the notification feed built by the real projector from a real SQLite event store
 * into a real SQLite view database, after generated traffic (120 MPANs: creations, registrations,
 * changes of supplier, appointments and answers, meters, energisation, LDSO and supplier data,
 * segment changes, disconnections, ~20% of MPANs with a realistic mistake) replayed through the
 * real intake with the registry's clock following each message's senderTimestamp.
 *
 * Checks: every recipient's sequence is 1…n without gaps, in log order; each PublicationIssued
 * reaches exactly its recipients and each rejection exactly its originator; every item is rendered
 * (no render error) and every stored message validates against its official schema (and each
 * egress run as the DIP's webhook body `DIPMessageEgressArray`); a rebuild from zero in a fresh
 * file has the same feed digest.
 */
describe('notification feed on SQLite files (real projector, generated traffic)', () => {
  let dir: string;
  let app: INestApplicationContext;
  let store: EventStore;
  let views: ViewDatabase;
  let projector: Projector;
  let referenceData: ReferenceData;
  let config: RegistryConfig;
  let schemas: OfficialSchemas;
  let log: RecordedEvent[];
  let items: FeedItemEntity[];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-feed-int-'));
    config = loadRegistryConfig(
      { REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off', REGISTRY_PROJECTOR: 'off' },
      resolve(__dirname, '../../../..'),
    );
    app = await NestFactory.createApplicationContext(
      {
        module: class FeedIntegrationModule {},
        imports: [RegistrationAppModule.forRoot(config, { clock: new FixedClock('2000-01-01T00:00:00Z') }), ProjectionsModule.forRoot()],
      },
      { logger: false },
    );
    store = app.get<EventStore>(EVENT_STORE);
    views = app.get<ViewDatabase>(VIEW_DATABASE);
    projector = app.get(Projector);
    referenceData = app.get<ReferenceData>(REFERENCE_DATA);
    schemas = loadOfficialSchemas();

    const loader = app.get(TrafficLoader);
    const replay = { replayClock: true, notAfter: '2026-06-30T00:00:00Z' };
    let started = Date.now();
    let messages = 0;
    for (const line of generateTraffic({ mpans: 120, seed: 11, startDate: '2025-04-01', mistakeRate: 0.2 })) {
      await loader.load({ channel: line.channel, message: line.message }, replay);
      messages += 1;
    }
    await loader.finish(replay);
    timings.messages = messages;
    timings.loadMs = Date.now() - started;

    started = Date.now();
    timings.eventsProjected = await projector.catchUp();
    timings.projectMs = Date.now() - started;

    log = [];
    for (let after = 0n; ; ) {
      const page = await store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      log.push(...page);
      after = page[page.length - 1]!.position;
    }
    items = await views.reader.getRepository(FeedItemEntity).find({ order: { recipientDipId: 'ASC', sequence: 'ASC' } });
    timings.items = items.length;
  }, 300_000);

  /**
   * The text each rendered copy had in the previous stored form — `JSON.stringify` of the message
   * `feedItemsOf` renders — by recipient, source position and index, from a projector run over the
   * same log with a projection that only collects them.
   */
  let renderedCache: Map<string, string> | undefined;
  async function renderedTexts(): Promise<Map<string, string>> {
    if (renderedCache) return renderedCache;
    const rendered = new Map<string, string>();
    const collect: Projection = {
      name: 'feed',
      tables: [],
      async apply(event, context) {
        for (const d of feedItemsOf(event, context.referenceData, { registryDipId: context.registryDipId, environmentTag: context.environmentTag })) {
          if (d.message !== null) rendered.set(`${d.recipientDipId}#${d.sourcePosition}#${d.itemIndex}`, JSON.stringify(d.message));
        }
      },
    };
    const scratch = await ViewDatabase.openSqlite({ path: join(dir, 'rendered-texts.sqlite') });
    try {
      await new Projector({ store, views: scratch, projections: [collect], referenceData, registryDipId: config.registryDipId, environmentTag: config.environmentTag }).catchUp(
        BigInt(items.reduce((max, i) => Math.max(max, Number(i.sourcePosition)), 0)),
      );
    } finally {
      await scratch.close();
    }
    renderedCache = rendered;
    return rendered;
  }

  afterAll(async () => {
    console.log(`feed integration: ${JSON.stringify(timings)}`);
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects the whole log, with a realistic mix of publications and rejections', () => {
    expect(log.length).toBeGreaterThan(3000);
    expect(timings.eventsProjected).toBe(log.length);
    const rejected = log.filter((e) => e.type === 'InboundMessageRejected');
    expect(rejected.length).toBeGreaterThan(5);
    expect(new Set(items.map((i) => i.interfaceId)).size).toBeGreaterThan(12);
  });

  it('numbers every recipient\'s items 1…n without gaps, in log order', async () => {
    const byRecipient = new Map<string, FeedItemEntity[]>();
    for (const i of items) byRecipient.set(i.recipientDipId, [...(byRecipient.get(i.recipientDipId) ?? []), i]);
    const lasts = new Map((await views.reader.getRepository(FeedRecipientEntity).find()).map((r) => [r.recipientDipId, r.lastSequence]));
    expect(byRecipient.size).toBeGreaterThan(10);
    for (const [recipient, list] of byRecipient) {
      expect(list.map((i) => i.sequence)).toEqual(list.map((_, n) => n + 1));
      const order = list.map((i) => [BigInt(i.sourcePosition), i.itemIndex] as const);
      expect(order.every(([p], n) => n === 0 || p > order[n - 1]![0])).toBe(true);
      expect(lasts.get(recipient)).toBe(list.length);
    }
    expect(lasts.size).toBe(byRecipient.size);
  });

  it('sends each publication to exactly its recipients and each rejection to its originator only', () => {
    const bySource = new Map<string, FeedItemEntity[]>();
    for (const i of items) bySource.set(i.sourcePosition, [...(bySource.get(i.sourcePosition) ?? []), i]);
    let publications = 0;
    let rejections = 0;
    for (const e of log) {
      const copies = bySource.get(e.position.toString()) ?? [];
      if (e.type === 'PublicationIssued') {
        publications += 1;
        const recipients = (e.data as unknown as PublicationIssued['data']).recipients.map((r) => r.dipId);
        expect(copies.map((c) => c.recipientDipId).sort()).toEqual([...recipients].sort());
        expect(copies.every((c) => c.kind === 'publication')).toBe(true);
      } else if (e.type === 'InboundMessageRejected') {
        rejections += 1;
        const outcome = e.data as unknown as MessageOutcomeData;
        expect(copies.map((c) => [c.recipientDipId, c.kind])).toEqual([[outcome.senderDipId, 'rejection']]);
      } else {
        expect(copies).toEqual([]);
      }
    }
    expect(publications + rejections).toBe(bySource.size);
  });

  it('stores every message in a form its official schema accepts', async () => {
    const problems: string[] = [];
    for (const i of await servedFeedItems(views.reader.manager)) {
      if (i.served === null) continue;
      const result = schemas.validate(i.schemaName, i.served);
      if (!result.valid) problems.push(`${i.recipientDipId}#${i.sequence} ${i.interfaceId} ${i.eventCode} (${i.schemaName}): ${result.errors.slice(0, 3).join('; ')}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const schemasSeen = new Set(items.map((i) => i.schemaName));
    expect(schemasSeen).toContain('StandardResponseBodyType');
    expect(schemasSeen).toContain('IF-032-MSAppInitialResp');
    expect(schemasSeen).toContain('IF-036-MSAppActive');
  });

  it('renders every item of the generated traffic: no render error', async () => {
    // The official IF-001 / IF-036 schemas require the domestic premise indicator (B004 / B028) and
    // B071 of IF-032 / IF-033 / IF-035 [DS…] the proposed consent granularity and domestic indicator.
    // The registry records the first from the registrations' B004 (REGS-CSS) and the LDSO's
    // [DomPremInd], the second from the supplier's IF-031 [DSApp] B071, so valid traffic leaves
    // nothing the renderer must refuse. (An item that cannot be rendered keeps its sequence and its
    // error, push skipping it: feed-page.spec.ts, feed.projection.spec.ts.)
    const unrendered = items.filter((i) => i.message === null && i.bodySequence === null);
    const reasons = new Map<string, number>();
    for (const i of unrendered) {
      const reason = `${i.interfaceId} ${i.eventCode}: ${(i.renderError ?? '').replace(/MPAN \d{13}/, 'MPAN …')}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    timings.unrendered = unrendered.length;
    console.log(`items the renderer refused (${unrendered.length} of ${items.length}):\n${[...reasons].map(([r, n]) => `  ${n} × ${r}`).join('\n')}`);
    expect([...reasons.keys()]).toEqual([]);
    const [{ n }] = (await views.reader.query('SELECT COUNT(*) AS n FROM "feed_items" WHERE "render_error" IS NOT NULL')) as [{ n: number }];
    expect(Number(n)).toBe(0);
  });

  it('gives webhook bodies the DIP accepts as DIPMessageEgressArray', async () => {
    const feed = app.get(FeedService);
    const recipients = [...new Set(items.map((i) => i.recipientDipId))].filter((r) => referenceData.participant(r));
    let checked = 0;
    for (const recipient of recipients) {
      const page = await feed.pull(recipient, 0, 50);
      const body = page.items.filter((i) => i.format === 'egress' && i.message !== null).map((i) => ({ payload: i.message }));
      if (body.length === 0) continue;
      const result = schemas.validate('DIPMessageEgressArray', body);
      expect({ recipient, errors: result.errors.slice(0, 3) }).toEqual({ recipient, errors: [] });
      checked += body.length;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('serves every copy byte for byte as rendered, the text each item stored in full before copies shared it (pull API)', async () => {
    const rendered = await renderedTexts();
    const feed = app.get(FeedService);
    let compared = 0;
    for (const recipient of [...new Set(items.map((i) => i.recipientDipId))].filter((r) => referenceData.participant(r))) {
      for (let after = 0; ; ) {
        const page = await feed.pull(recipient, after, 500);
        for (const i of page.items) {
          const index = items.find((x) => x.recipientDipId === recipient && x.sequence === i.sequence)!.itemIndex;
          expect(JSON.stringify(i.message)).toBe(rendered.get(`${recipient}#${i.sourcePosition}#${index}`) ?? 'null');
          compared += 1;
        }
        if (page.nextAfter >= page.lastSequence) break;
        after = page.nextAfter;
      }
    }
    expect(compared).toBeGreaterThan(3000);
    // The stored form: most copies keep no text of their own.
    const shared = items.filter((i) => i.bodySequence !== null).length;
    expect(shared).toBeGreaterThan(items.length / 3);
  });

  it('migrates a view database of the previous version (full text per copy) to rows equal to the projection\'s, and back', async () => {
    const rendered = await renderedTexts();
    const path = join(dir, 'previous-version-views.sqlite');
    // The previous version: the migrations before the share one (whatever comes after it).
    const shareAt = VIEW_MIGRATIONS.findIndex((m) => m.name === 'ShareFeedCopyText1764480009000');
    expect(shareAt).toBeGreaterThan(0);
    const previous = new DataSource({ type: 'better-sqlite3', database: path, migrations: VIEW_MIGRATIONS.slice(0, shareAt), logging: false });
    await previous.initialize();
    await previous.runMigrations({ transaction: 'all' });
    // The rows the previous version wrote: every column as now, each copy's whole text in `message`.
    const columns = ['recipient_dip_id', 'sequence', 'source_position', 'item_index', 'kind', 'format', 'interface_id', 'event_code', 'mpan_core', 'publication_id', 'transaction_id', 'recorded_at', 'schema_name', 'message', 'render_error'];
    await previous.transaction(async (manager) => {
      for (const i of items) {
        const text = rendered.get(`${i.recipientDipId}#${i.sourcePosition}#${i.itemIndex}`) ?? null;
        const row = [i.recipientDipId, i.sequence, i.sourcePosition, i.itemIndex, i.kind, i.format, i.interfaceId, i.eventCode, i.mpanCore, i.publicationId, i.transactionId, i.recordedAt, i.schemaName, text, i.renderError];
        await manager.query(`INSERT INTO "feed_items" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, row);
      }
      for (const r of await views.reader.getRepository(FeedRecipientEntity).find()) {
        await manager.query('INSERT INTO "feed_recipients" ("recipient_dip_id", "last_sequence") VALUES (?, ?)', [r.recipientDipId, r.lastSequence]);
      }
      const [checkpoint] = (await views.reader.query(`SELECT "position" FROM "projection_checkpoints" WHERE "name" = 'feed'`)) as [{ position: string }];
      await manager.query(`INSERT INTO "projection_checkpoints" ("name", "position") VALUES ('feed', ?)`, [checkpoint.position]);
    });
    await previous.destroy();

    const feedOnly = [createFeedProjection()];
    const migrated = await ViewDatabase.openSqlite({ path });
    try {
      const feedTables = (d: { tables: Array<{ table: string }> }) => d.tables.filter((t) => t.table.startsWith('feed_'));
      const [after, live] = [await digestViews(migrated, feedOnly), await digestViews(views, feedOnly)];
      expect(after.position).toBe(live.position);
      expect(feedTables(after)).toEqual(feedTables(live));
    } finally {
      await migrated.close();
    }

    // down (undone until the share migration is gone): every copy's own text back, as the previous version stored it.
    const current = new DataSource({ type: 'better-sqlite3', database: path, migrations: VIEW_MIGRATIONS, logging: false });
    await current.initialize();
    try {
      const applied = async () => ((await current.query('SELECT "name" FROM "migrations"')) as Array<{ name: string }>).map((m) => m.name);
      while ((await applied()).includes('ShareFeedCopyText1764480009000')) await current.undoLastMigration({ transaction: 'all' });
      const texts = (await current.query('SELECT "recipient_dip_id", "source_position", "item_index", "message" FROM "feed_items"')) as Array<{ recipient_dip_id: string; source_position: string; item_index: number; message: string | null }>;
      expect(texts).toHaveLength(items.length);
      for (const t of texts) expect(t.message).toBe(rendered.get(`${t.recipient_dip_id}#${t.source_position}#${t.item_index}`) ?? null);
      expect(((await current.query(`PRAGMA table_info("feed_items")`)) as Array<{ name: string }>).map((c) => c.name)).toEqual(columns);
    } finally {
      await current.destroy();
    }
  });

  it('rebuilds from zero into a fresh file with the same feed digest', async () => {
    const fresh = await ViewDatabase.openSqlite({ path: join(dir, 'rebuilt-views.sqlite') });
    try {
      const feedOnly = [createFeedProjection()];
      const rebuild = new Projector({ store, views: fresh, projections: feedOnly, referenceData, registryDipId: config.registryDipId, batchSize: 700 });
      const live = await digestViews(views, feedOnly);
      await rebuild.catchUp(live.position);
      const rebuilt = await digestViews(fresh, feedOnly);
      expect(rebuilt.position).toBe(live.position);
      expect(rebuilt.tables.filter((t) => t.table.startsWith('feed_'))).toEqual(live.tables.filter((t) => t.table.startsWith('feed_')));
    } finally {
      await fresh.close();
    }
  });
});
