import { DataSource } from 'typeorm';
import { msAppMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import type { MpanEvent } from '@app/registration-domain';
import { HISTORY, NORTHSTAR_SWITCH } from '@app/registration-domain/appointment/testing/fixtures';
import { ref } from '@app/registration-domain/registration/testing/fixtures';
import type { ProjectedEvent } from '../runtime/projection';
import { FeedItemEntity, FeedRecipientEntity } from './feed.entities';
import { createFeedProjection, FEED_PROJECTED_TABLES } from './feed.projection';
import { feedItemsOf } from './feed-items';
import { readFeedPage } from './feed-page';
import { contextOn, openFeedTestDatabase, ProjectedLog, REGISTRY_DIP_ID, servedFeedItems } from './testing/projected-log';

/**
 * The feed projection (./feed.projection.ts) on an in-memory SQLite database, fed the projected
 * events of the domain fixtures' story (MPAN created, Brightwater registered with Meterwise and
 * Halfhour appointed and active, Northstar's change of supplier), each followed by the
 * `PublicationIssued` records the real `publicationsFor` gives.
 */
describe('feed projection', () => {
  let db: DataSource;
  const projection = createFeedProjection();
  const story: MpanEvent[] = [...HISTORY, NORTHSTAR_SWITCH];

  beforeEach(async () => {
    db = await openFeedTestDatabase();
  });

  afterEach(async () => {
    await db.destroy();
  });

  const logOf = (events: MpanEvent[]): ProjectedEvent[] => {
    const log = new ProjectedLog(ref);
    return events.flatMap((e) => log.mpanEvent(e));
  };

  async function apply(events: ProjectedEvent[], target: DataSource = db, environmentTag = 'PRD'): Promise<void> {
    await target.transaction(async (manager) => {
      for (const e of events) await projection.apply(e, contextOn(manager, ref, environmentTag));
    });
  }

  async function rows(target: DataSource = db): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of FEED_PROJECTED_TABLES) {
      out[t.name] = await target.query(`SELECT * FROM "${t.name}" ORDER BY ${t.orderBy.map((c) => `"${c}"`).join(', ')}`);
    }
    return out;
  }

  const items = () => db.getRepository(FeedItemEntity).find({ order: { recipientDipId: 'ASC', sequence: 'ASC' } });
  const served = () => servedFeedItems(db.manager);

  it('lists its projected tables with a unique, stable order', () => {
    expect(projection.name).toBe('feed');
    expect(projection.tables).toEqual([
      { name: 'feed_recipients', orderBy: ['recipient_dip_id'] },
      { name: 'feed_items', orderBy: ['recipient_dip_id', 'sequence'] },
    ]);
  });

  it('applying every event twice leaves the same rows as applying it once', async () => {
    const log = logOf(story);
    await apply(log);
    const once = await rows();
    await apply(log);
    expect(await rows()).toEqual(once);
    // Each event applied twice in a row, in a fresh database: the same rows again.
    const other = await openFeedTestDatabase();
    try {
      await apply(log.flatMap((e) => [e, e]), other);
      expect(await rows(other)).toEqual(once);
    } finally {
      await other.destroy();
    }
  });

  it('gives one item per recipient of each PublicationIssued, and none for other events', async () => {
    const log = logOf(story);
    await apply(log);
    const stored = await items();
    const issued = log.filter((e) => e.kind === 'mpan' && e.event === null);
    expect(issued.length).toBeGreaterThan(5);
    for (const e of issued) {
      const recipients = (e.recorded.data as { recipients: Array<{ dipId: string }> }).recipients.map((r) => r.dipId);
      const copies = stored.filter((i) => i.sourcePosition === e.recorded.position.toString());
      expect(copies.map((i) => i.recipientDipId).sort()).toEqual([...recipients].sort());
      expect(copies.map((i) => i.itemIndex).sort()).toEqual(recipients.map((_, i) => i).sort());
    }
    const positions = new Set(issued.map((e) => e.recorded.position.toString()));
    expect(stored.every((i) => positions.has(i.sourcePosition))).toBe(true);
  });

  it('numbers each recipient\'s items 1, 2, 3 … without gaps, in log order, and keeps the last in feed_recipients', async () => {
    await apply(logOf(story));
    const stored = await items();
    const byRecipient = new Map<string, FeedItemEntity[]>();
    for (const i of stored) byRecipient.set(i.recipientDipId, [...(byRecipient.get(i.recipientDipId) ?? []), i]);
    expect(byRecipient.size).toBeGreaterThan(4);
    const lasts = await db.getRepository(FeedRecipientEntity).find();
    for (const [recipient, list] of byRecipient) {
      expect(list.map((i) => i.sequence)).toEqual(list.map((_, n) => n + 1));
      const positions = list.map((i) => BigInt(i.sourcePosition));
      expect(positions.every((p, n) => n === 0 || p > positions[n - 1]!)).toBe(true);
      expect(lasts.find((l) => l.recipientDipId === recipient)?.lastSequence).toBe(list.length);
    }
  });

  it('continues each recipient\'s sequence across batches', async () => {
    const log = logOf(story);
    const cut = Math.floor(log.length / 2);
    await apply(log.slice(0, cut));
    await apply(log.slice(cut));
    const whole = await rows();
    const other = await openFeedTestDatabase();
    try {
      await apply(log, other);
      expect(await rows(other)).toEqual(whole);
    } finally {
      await other.destroy();
    }
  });

  it('derives every row from the log: recorded-at and ids from the event, the same in a second database', async () => {
    const log = logOf(story);
    await apply(log);
    for (const i of await served()) {
      expect(i.recordedAt).toBe('2025-04-01T09:00:00.000Z');
      expect(i.transactionId).toMatch(new RegExp(`^T-${i.interfaceId}-9000000002-REGS-20250401-[0-9a-f]{16}$`));
      expect(i.served === null).toBe(i.renderError !== null);
    }
    const other = await openFeedTestDatabase();
    try {
      await apply(logOf(story), other);
      expect(await rows(other)).toEqual(await rows());
    } finally {
      await other.destroy();
    }
  });

  it('renders each copy as a DIP egress message for its recipient (S0, D0 from the log)', async () => {
    const log = logOf(story);
    await apply(log);
    const rendered = (await served()).filter((i) => i.served !== null);
    expect(rendered.length).toBeGreaterThan(0);
    for (const i of rendered) {
      const m = i.served as { CommonBlock: { S0: { interfaceID: string; eventCode: string }; D0: Record<string, unknown>; S1: Record<string, unknown> } };
      expect(m.CommonBlock.S0).toMatchObject({ interfaceID: i.interfaceId, eventCode: i.eventCode });
      expect(m.CommonBlock.D0).toMatchObject({
        transactionID: i.transactionId,
        publicationID: `PUB-${i.interfaceId.slice(3)}`,
        transactionTimestamp: '2025-04-01T09:00:00+00:00',
        replayIndicator: false,
        initialCorrelationID: 'CI-TEST-1',
      });
      expect(m.CommonBlock.S1).toMatchObject({ senderDIPID: '9000000002', senderRoleID: 'REGS', senderCorrelationID: 'CI-TEST-1' });
      expect(i.publicationId).toBe(m.CommonBlock.D0.publicationID);
    }
  });

  it('stamps S1.environmentTag with the registry\'s environment (REGISTRY_ENVIRONMENT_TAG, from the context)', async () => {
    await apply(logOf(story), db, 'SIT');
    const rendered = (await served()).filter((i) => i.served !== null);
    expect(rendered.length).toBeGreaterThan(0);
    for (const i of rendered) {
      expect((i.served as { CommonBlock: { S1: { environmentTag: string } } }).CommonBlock.S1.environmentTag).toBe('SIT');
    }
    // The tag is part of the rows: the same log and tag give the same rows, another tag other messages.
    const other = await openFeedTestDatabase();
    try {
      await apply(logOf(story), other, 'SIT');
      expect(await rows(other)).toEqual(await rows());
    } finally {
      await other.destroy();
    }
  });

  it('stores each publication\'s text once: the first copy carries it, every other copy its identity and the carrier\'s key', async () => {
    const log = logOf(story);
    await apply(log);
    const stored = await items();
    const bySource = new Map<string, FeedItemEntity[]>();
    for (const i of stored.filter((x) => x.renderError === null)) bySource.set(i.sourcePosition, [...(bySource.get(i.sourcePosition) ?? []), i]);
    let shared = 0;
    for (const copies of bySource.values()) {
      const [carrier, ...others] = [...copies].sort((a, b) => a.itemIndex - b.itemIndex);
      expect(carrier).toMatchObject({ message: expect.any(String), senderUniqueReference: null, bodyRecipientDipId: null, bodySequence: null });
      for (const copy of others) {
        expect(copy).toMatchObject({ message: null, bodyRecipientDipId: carrier!.recipientDipId, bodySequence: carrier!.sequence });
        expect(copy.senderUniqueReference).toBe(`S-${copy.interfaceId}-9000000002-REGS-20250401-p${copy.sourcePosition}i${copy.itemIndex}`);
        shared += 1;
      }
    }
    expect(shared).toBeGreaterThan(0); // the story renders few copies; feed.int-spec.ts has thousands
  });

  it('serves every copy byte for byte as it was rendered (the text stored in full before copies shared it)', async () => {
    const log = logOf(story);
    await apply(log);
    const rendered = new Map<string, string>();
    for (const e of log) {
      for (const d of feedItemsOf(e, ref, { registryDipId: REGISTRY_DIP_ID, environmentTag: 'PRD' })) {
        if (d.message !== null) rendered.set(`${d.recipientDipId}#${d.sourcePosition}#${d.itemIndex}`, JSON.stringify(d.message));
      }
    }
    const items = await served();
    expect(items.filter((i) => i.served !== null).length).toBe(rendered.size);
    for (const i of items) {
      if (i.served !== null) expect(JSON.stringify(i.served)).toBe(rendered.get(`${i.recipientDipId}#${i.sourcePosition}#${i.itemIndex}`));
    }
    // And through the page reader, recipient by recipient.
    for (const recipient of new Set(items.map((i) => i.recipientDipId))) {
      const page = await readFeedPage(db.manager, recipient, 0, 1000, null);
      for (const i of page.items.filter((x) => x.message !== null)) expect(JSON.stringify(i.message)).toBe(rendered.get(`${recipient}#${i.sourcePosition}#${items.find((x) => x.recipientDipId === recipient && x.sequence === i.sequence)!.itemIndex}`));
    }
  });

  it('keeps an item the renderer refuses, with its error, its transaction id and its interface\'s publication id', async () => {
    // An environment tag DT-013 does not allow makes every copy unrenderable: the fallback path.
    await apply(logOf(story), db, 'NOPE');
    const stored = await items();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((i) => i.renderError?.includes('environmentTag "NOPE"'))).toBe(true);
    for (const i of stored) {
      expect(i).toMatchObject({ message: null, renderError: expect.any(String) });
      expect(i.publicationId).toBe(`PUB-${i.interfaceId.slice(3)}`);
      expect(i.transactionId).toMatch(new RegExp(`^T-${i.interfaceId}-9000000002-REGS-20250401-[0-9a-f]{16}$`));
    }
  });

  describe('rejections', () => {
    const supplier = SAMPLE.suppliers.BRWE;

    it('a rejected IF-031 reaches only its originator, as IF-032 with R0 R and the reasons', async () => {
      const log = new ProjectedLog(ref, 100n);
      const msg = msAppMessage({ mpanCore: SAMPLE.mpanCores[0], senderDipId: supplier });
      const s1 = msg.payload.CommonBlock.S1 as { senderUniqueReference: string };
      const events = log.messageOutcome(
        {
          channelId: 'IF-031',
          eventCode: '[MSApp]',
          senderDipId: supplier,
          senderRoleId: 'SUP',
          senderUniqueReference: s1.senderUniqueReference,
          mpanCore: SAMPLE.mpanCores[0],
          responseCode: 'R',
          reasons: [{ code: 'REG1034', rule: 'GainingSupplierBackdated', message: 'a gaining supplier may not backdate an appointment' }],
        },
        msg,
      );
      await apply([...events, ...events]);
      const stored = await items();
      expect(stored.map((i) => [i.recipientDipId, i.sequence, i.kind, i.format, i.interfaceId, i.eventCode])).toEqual([
        [supplier, 1, 'rejection', 'egress', 'IF-032', '[MSAppInitialResp]'],
      ]);
      const message = JSON.parse(stored[0]!.message!) as { CommonBlock: { R0: unknown } };
      expect(message.CommonBlock.R0).toEqual({ responseCode: 'R', responseMessages: ['REG1034 - a gaining supplier may not backdate an appointment'] });
    });

    it('an unrenderable rejection names the official response it would have been, with its publication id', async () => {
      const msg = msAppMessage({ mpanCore: SAMPLE.mpanCores[0], senderDipId: supplier });
      const s1 = msg.payload.CommonBlock.S1 as { senderUniqueReference: string };
      const rejected = new ProjectedLog(ref, 150n).messageOutcome(
        { channelId: 'IF-031', eventCode: '[MSApp]', senderDipId: supplier, senderRoleId: 'SUP', senderUniqueReference: s1.senderUniqueReference, mpanCore: SAMPLE.mpanCores[0], responseCode: 'R' },
        msg,
      );
      await apply(rejected, db, 'NOPE');
      const stored = await items();
      expect(stored.map((i) => [i.recipientDipId, i.kind, i.format, i.interfaceId, i.eventCode, i.publicationId, i.schemaName, i.message])).toEqual([
        [supplier, 'rejection', 'egress', 'IF-032', '[MSAppInitialResp]', 'PUB-032', 'IF-032-MSAppInitialResp', null],
      ]);
      expect(stored[0]!.renderError).toContain('environmentTag "NOPE"');
    });

    it('a rejected LDSO message reaches only the LDSO, as a status message', async () => {
      const log = new ProjectedLog(ref, 200n);
      await apply(log.messageOutcome({ senderDipId: SAMPLE.ldsoDipId, responseCode: 'R' }));
      const stored = await items();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ recipientDipId: SAMPLE.ldsoDipId, sequence: 1, kind: 'rejection', format: 'status', interfaceId: 'REGS-LDSO', eventCode: '[MPANCreation]', schemaName: 'StandardResponseBodyType' });
      expect(JSON.parse(stored[0]!.message!)).toMatchObject({ recipientID: SAMPLE.ldsoDipId, senderID: '9000000002', message: 'REG0000 - bad check digit' });
    });

    it('an acceptance and a receipt add nothing (the publications of the accepted events do)', async () => {
      const log = new ProjectedLog(ref, 300n);
      await apply(log.messageOutcome({ senderDipId: SAMPLE.ldsoDipId, responseCode: 'A' }));
      expect(await items()).toEqual([]);
    });

    it('a rejection takes the originator\'s next sequence after its publications', async () => {
      await apply(logOf(HISTORY));
      const before = (await items()).filter((i) => i.recipientDipId === supplier).length;
      expect(before).toBeGreaterThan(0);
      const later = new ProjectedLog(ref, 1000n);
      await apply(later.messageOutcome({ channelId: 'IF-031', eventCode: '[MSApp]', senderDipId: supplier, senderRoleId: 'SUP', responseCode: 'R' }));
      const mine = (await items()).filter((i) => i.recipientDipId === supplier);
      expect(mine.map((i) => i.sequence)).toEqual(mine.map((_, n) => n + 1));
      expect(mine[mine.length - 1]).toMatchObject({ kind: 'rejection', sequence: before + 1, format: 'status' });
    });
  });
});
