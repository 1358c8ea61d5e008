import { join } from 'node:path';
import { EventStore, NewEvent, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { foldMpanStream, loadReferenceDataFile } from '@app/registration-app';
import {
  CreatedMpanState,
  evolve,
  initialState,
  MpanEvent,
  MpanState,
  publicationsFor,
  snapshotOn,
  timelinesOf,
} from '@app/registration-domain';
import { mpanCreated, supplierRegistered } from '@app/registration-domain/registration/testing/fixtures';
import { digestViews, nativeSqlite, rebuildViews, registryProjections, ViewDatabase } from '@app/projections';
import { MpanViewQueryService } from '@app/projections/mpan-view';
import { AuditRegistry, REPO_ROOT, startAuditRegistry, trafficSplitAt } from './testing/audit-registry';

/**
 * `registry rebuild --known-at` (issue #6 item 6): the views rebuilt from the events recorded at or
 * before an instant, by the real projector runtime with its `include` filter, on real SQLite files.
 */

const TRAFFIC = { mpans: 90, seed: 23, startDate: '2025-03-01', mistakeRate: 0.1 };
/** Phase A of the traffic ends here (noon UTC): the registry's knowledge at this instant is the live views after phase A. */
const CUT = '2025-09-15T12:00:00.000Z';
const END = '2026-04-30T12:00:00.000Z';

describe('rebuild as known at an instant, after generated traffic', () => {
  let r: AuditRegistry;
  let liveAtCut: Awaited<ReturnType<typeof digestViews>>;

  beforeAll(async () => {
    r = await startAuditRegistry('regs-known-at-int-');
    const { before, after } = trafficSplitAt(TRAFFIC, CUT);
    await r.load(before, CUT);
    await r.project();
    liveAtCut = await digestViews(r.views, registryProjections());
    r.clock.set(CUT);
    await r.load(after, END);
    await r.project();
  }, 600_000);

  afterAll(async () => {
    await r?.close();
  });

  it('at the end of phase A it equals, table by table, the live views as they stood then (same checkpoint)', async () => {
    const report = await rebuildViews({
      store: r.store,
      referenceData: r.referenceData,
      registryDipId: r.config.registryDipId,
      environmentTag: r.config.environmentTag,
      projections: registryProjections(),
      outPath: join(r.dir, 'known-at-cut.sqlite'),
      knownAt: CUT,
    });
    expect(report.knownAt).toBe(CUT);
    expect(report.position).toBe(liveAtCut.position);
    expect(report.rebuilt.tables).toEqual(liveAtCut.tables);
    expect(report.rebuilt.sha256).toBe(liveAtCut.sha256);
    // Everything after the cut was read and left out; the head is well beyond the position reached.
    const head = await r.store.headPosition();
    expect(report.leftOut).toBe(Number(head - report.position));
    expect(report.events).toBe(Number(report.position));
    expect(report.matches).toBeNull();
  }, 300_000);

  it('at any instant, every MPAN equals an independent fold of its events recorded up to then, and the feed holds exactly their publications', async () => {
    const knownAt = '2025-07-01T08:30:00.000Z';
    const outPath = join(r.dir, 'known-at-july.sqlite');
    const report = await rebuildViews({
      store: r.store,
      referenceData: r.referenceData,
      registryDipId: r.config.registryDipId,
      environmentTag: r.config.environmentTag,
      projections: registryProjections(),
      outPath,
      knownAt,
      batchSize: 333,
    });
    const expected = await knownAtFolds(r.store, knownAt);
    const views = await ViewDatabase.openSqlite({ path: outPath });
    try {
      const queries = new MpanViewQueryService(views, r.referenceData);
      const db = nativeSqlite(views.reader);
      const inView = (db.prepare('SELECT mpan_core FROM mpan_view ORDER BY mpan_core').all() as Array<{ mpan_core: string }>).map((x) => x.mpan_core);
      expect(inView).toEqual([...expected.states.keys()].sort());
      expect(inView.length).toBeGreaterThan(20);
      for (const [core, state] of expected.states) {
        for (const day of ['2025-06-30', '2025-07-01', '2025-10-01']) {
          const answer = await queries.current(core, day);
          expect({ core, day, snapshot: answer.snapshot }).toEqual({ core, day, snapshot: snapshotOn(state, day) });
        }
        expect((await queries.current(core, '2025-07-01')).timelines).toEqual(timelinesOf(state));
      }
      const items = db.prepare('SELECT count(*) AS n, max(recorded_at) AS latest FROM feed_items').get() as { n: number; latest: string };
      expect(items.n).toBe(expected.feedItems);
      expect(items.latest <= knownAt).toBe(true);
      expect(report.position).toBe(expected.lastPosition);
      const checkpoint = db.prepare("SELECT position, event_recorded_at AS at FROM projection_checkpoints WHERE name = 'mpan-view'").get() as { position: string; at: string };
      expect(checkpoint.position).toBe(String(expected.lastPosition));
      expect(checkpoint.at <= knownAt).toBe(true);
      // Replayed traffic runs day-start at past midnights: the recording clock steps back, and the
      // rebuild reads past the first later event to find what was recorded earlier.
      console.log(`known at ${knownAt}: position ${report.position}, ${report.events} events applied, ${report.leftOut} left out, ${report.outOfClockOrder} recorded after it but before that position in the log`);
    } finally {
      await views.close();
    }
  }, 300_000);
});

/**
 * The test's own answer, independent of the projector: each MPAN stream folded over its events up
 * to (not including) the first one recorded after `knownAt`; the feed items those prefixes and the
 * rejections recorded by then produce; and the last position applied.
 */
async function knownAtFolds(store: EventStore, knownAt: string) {
  const limit = Date.parse(knownAt);
  const prefixes = new Map<string, RecordedEvent[]>();
  const cut = new Set<string>();
  let feedItems = 0;
  let lastPosition = 0n;
  const receipts = new Map<string, RecordedEvent>();
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 2000 });
    if (page.length === 0) break;
    for (const e of page) {
      after = e.position;
      if (cut.has(e.streamName)) continue;
      if (Date.parse(e.recordedAt) > limit) {
        cut.add(e.streamName);
        continue;
      }
      lastPosition = e.position;
      if (e.streamName.startsWith('mpan-')) {
        prefixes.set(e.streamName, [...(prefixes.get(e.streamName) ?? []), e]);
        if (e.type === 'PublicationIssued') feedItems += (e.data.recipients as unknown[]).length;
      } else if (e.streamName.startsWith('message-')) {
        if (e.type === 'InboundMessageReceived') receipts.set(e.streamName, e);
        if (e.type === 'InboundMessageRejected' && receipts.has(e.streamName)) feedItems += 1;
      }
    }
  }
  const states = new Map<string, CreatedMpanState>();
  for (const [stream, events] of prefixes) {
    const state = foldMpanStream(events);
    if (state.status === 'Created') states.set(stream.slice('mpan-'.length), state);
  }
  return { states, feedItems, lastPosition };
}

describe('the projector runtime with a filter keeps every fold a prefix of its stream', () => {
  it('leaves out an event recorded at or before the instant when an earlier event of its stream was recorded after it', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'regs-known-at-prefix-'));
    const ref = loadReferenceDataFile(join(REPO_ROOT, 'reference-data', 'participants.json'));
    let now = new Date('2025-04-01T10:00:00Z');
    const store = await SqliteEventStore.open({ path: join(dir, 'registry.sqlite'), now: () => now });
    try {
      let state: MpanState = initialState();
      const append = async (event: MpanEvent, at: string) => {
        now = new Date(at);
        state = evolve(state, event);
        const publications = publicationsFor(event, state as CreatedMpanState, ref);
        const revision = await store.streamRevision('mpan-1012345678903');
        await store.appendToStream('mpan-1012345678903', revision, [event, ...publications].map((e) => newEvent(e.type, e.data)));
        return publications.length;
      };
      const createdWith = await append(mpanCreated(), '2025-04-01T10:00:00Z');
      await append(supplierRegistered(), '2025-04-01T12:00:00Z');
      // The clock steps back: recorded "at 11:00", after the 12:00 registration.
      await append({ type: 'MpanAddressChanged', data: { mpanCore: '1012345678903', address: mpanCreated().data.address, effectiveFromDate: '2025-05-01' } }, '2025-04-01T11:00:00Z');

      const report = await rebuildViews({
        store,
        referenceData: ref,
        registryDipId: '9000000002',
        projections: registryProjections(),
        outPath: join(dir, 'known-at.sqlite'),
        knownAt: '2025-04-01T11:30:00Z',
      });
      // Applied: the creation and its publications (one append, one recordedAt). Left out: the
      // registration (12:00) and, although recorded "at 11:00", the address change after it.
      expect(report.events).toBe(1 + createdWith);
      expect(report.position).toBe(BigInt(1 + createdWith));
      expect(report.outOfClockOrder).toBeGreaterThan(0);
      const views = await ViewDatabase.openSqlite({ path: join(dir, 'known-at.sqlite') });
      try {
        const fold = nativeSqlite(views.reader).prepare('SELECT revision FROM projection_mpan_state').all();
        expect(fold).toEqual([{ revision: String(createdWith) }]);
        const suppliers = nativeSqlite(views.reader).prepare('SELECT count(*) AS n FROM mpan_view_supplier_periods').get();
        expect(suppliers).toEqual({ n: 0 });
      } finally {
        await views.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function newEvent(type: string, data: unknown): NewEvent {
  return { type, data: data as Record<string, unknown>, metadata: { schemaVersion: 1, eventId: `${type}-${Math.random()}`, correlationId: 'c', causationId: 'c' } };
}
