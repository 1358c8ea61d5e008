import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateTraffic } from '@app/dip-wire/sample-traffic';
import { initialRegistrationMessage, mpanCreationMessage, SAMPLE, senderUniqueReference } from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import {
  FixedClock,
  foldMpanStream,
  IntakeService,
  InvalidMpanCoreError,
  loadRegistryConfig,
  MpanNotFoundError,
  REFERENCE_DATA,
  RegistrationAppModule,
  RegistryConfig,
  TrafficLoader,
} from '@app/registration-app';
import { CreatedMpanState, mpanCheckDigit, MpanSnapshot, MpanTimelines, ReferenceData, snapshotOn, timelinesOf } from '@app/registration-domain';
import { Projector } from '../runtime/projector';
import { rebuildViews } from '../runtime/rebuild';
import { ViewDatabase } from '../runtime/view-database';
import { MpanViewEntity } from './entities';
import { MpanViewQueryService, PageRequest, PortfolioEntry, PortfolioRole, ViewPage } from './mpan-view-query.service';
import { decodeCursor, encodeCursor } from './cursor';
import { createMpanViewProjection } from './projection';
import { normalisePostcode } from './rows';

/**
 * Integration: the real Projector runs the MPAN view projection over a real SQLite event store
 * (filled through the registry's own intake and replaying traffic loader: generated traffic for 120
 * MPANs plus 30 fixture MPANs sharing a postcode and a supplier) into a real SQLite view database;
 * the query service's answers are checked against an independent fold of every MPAN's stream.
 */

const REPO_ROOT = resolve(__dirname, '../../../..');
/** Where the replay stops (fixed, so the test never depends on the real date). */
const REPLAY_END = '2026-06-30T12:00:00.000Z';
/** Settlement days the searches and portfolios are checked on. */
const DAYS = ['2025-06-01', '2025-11-15', '2026-06-30'];
const FIXTURE_MPANS = 30;

let dir: string;
let app: INestApplicationContext;
let config: RegistryConfig;
let store: EventStore;
let referenceData: ReferenceData;
let views: ViewDatabase;
let projector: Projector;
let queries: MpanViewQueryService;
/** Every MPAN in the log, folded independently of the view, with its last record. */
const folds = new Map<string, { state: CreatedMpanState; last: RecordedEvent }>();

/** A distributor-19 core with serial `serial` (check digit computed). */
const core19 = (serial: number) => {
  const first12 = `19${String(serial).padStart(10, '0')}`;
  return `${first12}${mpanCheckDigit(first12)}`;
};

/** Creates a fixture MPAN (postcode TN1 1AA, BRWE from 2025-04-02) through the intake. */
async function createFixtureMpan(core: string, n: number): Promise<void> {
  const intake = app.get(IntakeService);
  const ref = (ifn: string, dip: string, role: string) => senderUniqueReference(ifn, dip, role, '20250401', `INT${n}`);
  for (const [channel, message] of [
    ['REGS-LDSO', mpanCreationMessage({ mpanCore: core, uniqueReference: ref('050', SAMPLE.ldsoDipId, 'LDSO') })],
    ['REGS-CSS', initialRegistrationMessage({ mpanCore: core, uniqueReference: ref('001', SAMPLE.cssDipId, 'CSS') })],
  ] as const) {
    const [result] = await intake.submit(channel, [message]);
    if (result?.status !== 'processed' || result.outcome.responseCode !== 'A') throw new Error(`fixture MPAN ${core}: ${JSON.stringify(result)}`);
  }
}

async function foldEveryMpan(): Promise<void> {
  folds.clear();
  const streams = new Set<string>();
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 5000, streamPrefix: 'mpan-' });
    if (page.length === 0) break;
    for (const e of page) streams.add(e.streamName);
    after = page[page.length - 1]!.position;
  }
  for (const stream of streams) {
    const recorded = await store.readStream(stream);
    const state = foldMpanStream(recorded);
    if (state.status === 'Created') folds.set(state.mpanCore, { state, last: recorded[recorded.length - 1]! });
  }
}

/** Every page of a list, following `nextCursor` (the service takes the decoded core as `after`). */
async function walk<T extends { mpanCore: string }>(limit: number, read: (page: PageRequest) => Promise<ViewPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await read({ after, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    expect(page.items).toHaveLength(limit);
    after = page.items[page.items.length - 1]!.mpanCore;
    // The cursor is opaque, but it must continue exactly after the last item.
    expect(decodeCursor(page.nextCursor)).toBe(after);
  }
  throw new Error('cursor walk did not end');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regs-mpan-view-int-'));
  config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off' }, REPO_ROOT);
  const clock = new FixedClock('2025-01-01T00:00:00Z');
  app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock }), { logger: false });
  store = app.get<EventStore>(EVENT_STORE);
  referenceData = app.get<ReferenceData>(REFERENCE_DATA);
  const loader = app.get(TrafficLoader);
  for (const line of generateTraffic({ mpans: 120, seed: 11, startDate: '2025-03-01' })) {
    await loader.load({ channel: line.channel, message: line.message }, { replayClock: true, notAfter: REPLAY_END });
  }
  await loader.finish({ replayClock: true, notAfter: REPLAY_END });
  clock.set('2025-04-01T09:00:00Z');
  for (let i = 0; i < FIXTURE_MPANS; i++) await createFixtureMpan(core19(1000 + i * 7), i);

  views = await ViewDatabase.openSqlite({ path: join(dir, 'registry-views.sqlite') });
  projector = new Projector({
    store,
    views,
    projections: [createMpanViewProjection()],
    referenceData,
    registryDipId: config.registryDipId,
    batchSize: 250,
  });
  await projector.catchUp();
  queries = new MpanViewQueryService(views, referenceData);
  await foldEveryMpan();
}, 600_000);

afterAll(async () => {
  await views?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('current(mpanCore, effectiveAt)', () => {
  it('for every MPAN of the log: timelines, requests and the snapshot on every change day equal a fold of its stream', async () => {
    expect(folds.size).toBeGreaterThanOrEqual(120 + FIXTURE_MPANS - 10);
    const head = (await store.headPosition()).toString();
    let compared = 0;
    for (const [core, { state, last }] of folds) {
      const timelines = timelinesOf(state);
      const days = [...changeDays(timelines), '2026-06-30'];
      for (const day of days) {
        const answer = await queries.current(core, day);
        expect({ core, day, snapshot: answer.snapshot }).toEqual({ core, day, snapshot: snapshotOn(state, day) as MpanSnapshot });
        compared += 1;
        if (day === days[0]) {
          expect(answer.timelines).toEqual(timelines);
          expect(answer.appointmentRequests).toEqual(state.appointmentRequests);
          expect(answer).toMatchObject({
            mpanCore: core,
            effectiveAt: day,
            position: head,
            streamRevision: last.revision.toString(),
            streamPosition: last.position.toString(),
            streamRecordedAt: last.recordedAt,
          });
        }
      }
    }
    expect(compared).toBeGreaterThan(folds.size * 5);
  });

  it('reads its rows and the checkpoint in one transaction: an open, uncommitted batch is invisible', async () => {
    const [core] = folds.keys();
    const before = await queries.current(core!, '2026-06-30');
    const rolledBack = new Error('roll back');
    await expect(
      views.writeTransaction(async (manager) => {
        await manager.delete(MpanViewEntity, { mpanCore: core });
        await manager.query(`UPDATE projection_checkpoints SET position = '999999999' WHERE name = 'mpan-view'`);
        // The writer's transaction is open: the reader still sees the last committed batch.
        expect(await queries.current(core!, '2026-06-30')).toEqual(before);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await queries.current(core!, '2026-06-30')).toEqual(before);
  });

  it('InvalidMpanCoreError (REG0000) for a malformed core, MpanNotFoundError for one the view does not hold', async () => {
    await expect(queries.current('190000000001', '2026-06-30')).rejects.toBeInstanceOf(InvalidMpanCoreError);
    await expect(queries.current(`${core19(5)}`.replace(/\d$/, (d) => String((Number(d) + 1) % 10)), '2026-06-30')).rejects.toMatchObject({
      reason: { code: 'REG0000' },
    });
    await expect(queries.current(core19(999_999), '2026-06-30')).rejects.toBeInstanceOf(MpanNotFoundError);
  });
});

describe('search', () => {
  it('by postcode: a cursor walk returns exactly the MPANs whose address on the day has that postcode (normalised), each once, in core order', async () => {
    const samples = [...new Set([...folds.values()].map(({ state }) => state.address[state.address.length - 1]!.value.postcode))].slice(0, 5);
    for (const postcode of ['TN1 1AA', ...samples]) {
      for (const day of DAYS) {
        const expected = [...folds.values()]
          .filter(({ state }) => {
            const address = snapshotOn(state, day).address;
            return address !== null && normalisePostcode(address.value.postcode) === normalisePostcode(postcode);
          })
          .map(({ state }) => state.mpanCore)
          .sort();
        const asTyped = postcode.toLowerCase().replace(' ', '');
        const found = await walk(7, (page) => queries.search({ postcode: asTyped }, day, page));
        expect({ postcode, day, cores: found.map((i) => i.mpanCore) }).toEqual({ postcode, day, cores: expected });
        for (const item of found) {
          const { state } = folds.get(item.mpanCore)!;
          expect(item.matches).toEqual([snapshotOn(state, day).address]);
        }
      }
    }
    const shared = await walk(1000, (page) => queries.search({ postcode: 'tn1 1aa' }, '2026-06-30', page));
    expect(shared.length).toBeGreaterThanOrEqual(FIXTURE_MPANS);
  });

  it('by meter id and by ESME GUID: exactly the MPANs with such a meter installed on the day', async () => {
    const meters = [...folds.values()].flatMap(({ state }) => state.meters);
    expect(meters.length).toBeGreaterThan(20);
    const guids = [...new Set(meters.map((m) => m.esmeGuid).filter((g): g is string => g !== null))].slice(0, 8);
    const ids = [...new Set(meters.map((m) => m.meterId))].slice(0, 8);
    expect(guids.length).toBeGreaterThan(0);
    for (const day of DAYS) {
      for (const [field, values] of [['meterId', ids], ['esmeGuid', guids]] as const) {
        for (const value of values) {
          const expected = [...folds.values()]
            .map(({ state }) => ({ core: state.mpanCore, installed: snapshotOn(state, day).meters.filter((m) => m[field] === value) }))
            .filter((e) => e.installed.length > 0);
          const found = await walk(2, (page) => queries.search(field === 'meterId' ? { meterId: value } : { esmeGuid: value }, day, page));
          expect(found.map((i) => i.mpanCore)).toEqual(expected.map((e) => e.core).sort());
          for (const item of found) {
            expect(item.matches.map((m) => m.value)).toEqual(expected.find((e) => e.core === item.mpanCore)!.installed);
          }
        }
      }
    }
  });
});

describe('portfolio', () => {
  const participants = [...Object.values(SAMPLE.suppliers), ...Object.values(SAMPLE.providers)];

  /** What a fold says participant `dipId` holds on each MPAN on `day`. */
  function expectedPortfolio(dipId: string, day: string, role: PortfolioRole | null): Map<string, PortfolioRole[]> {
    const out = new Map<string, PortfolioRole[]>();
    for (const { state } of [...folds.values()].sort((a, b) => (a.state.mpanCore < b.state.mpanCore ? -1 : 1))) {
      const s = snapshotOn(state, day);
      const roles: PortfolioRole[] = [];
      if (s.supplier?.value.supplierDipId === dipId) roles.push('SUP');
      if (s.meteringService?.value.providerDipId === dipId) roles.push('MS');
      if (s.dataService?.value.providerDipId === dipId) roles.push('DS');
      const kept = roles.filter((r) => role === null || r === role);
      if (kept.length > 0) out.set(state.mpanCore, kept);
    }
    return out;
  }

  it('a cursor walk (pages of 5) returns every MPAN of the portfolio exactly once, in core order, with the roles held on the day', async () => {
    let nonEmpty = 0;
    for (const dipId of participants) {
      for (const day of DAYS) {
        const expected = expectedPortfolio(dipId, day, null);
        const found = await walk(5, (page) => queries.portfolio(dipId, day, null, page));
        expect(new Set(found.map((i) => i.mpanCore)).size).toBe(found.length);
        expect({ dipId, day, items: found.map((i) => [i.mpanCore, i.roles.map((r) => r.role)]) }).toEqual({ dipId, day, items: [...expected] });
        if (found.length > 0) nonEmpty += 1;
        for (const item of found) {
          const s = snapshotOn(folds.get(item.mpanCore)!.state, day);
          for (const entry of item.roles) expect(entry).toEqual(entryFrom(s, entry.role));
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('role filters to one role; limit 1 and limit 1000 walks agree', async () => {
    const supplier = SAMPLE.suppliers.BRWE;
    const day = '2026-06-30';
    const sup = await walk(1000, (page) => queries.portfolio(supplier, day, 'SUP', page));
    expect(sup.map((i) => i.mpanCore)).toEqual([...expectedPortfolio(supplier, day, 'SUP').keys()]);
    expect(sup.length).toBeGreaterThanOrEqual(FIXTURE_MPANS);
    const one = await walk(1, (page) => queries.portfolio(supplier, day, 'SUP', page));
    expect(one).toEqual(sup);
    const ms = SAMPLE.providers.MSSA;
    const msOnly = await walk(3, (page) => queries.portfolio(ms, day, 'MS', page));
    expect(msOnly.map((i) => i.mpanCore)).toEqual([...expectedPortfolio(ms, day, 'MS').keys()]);
    expect(msOnly.every((i) => i.roles.every((r) => r.role === 'MS'))).toBe(true);
    expect(await queries.portfolio(ms, day, 'SUP', { after: null, limit: 10 })).toMatchObject({ items: [], nextCursor: null });
  });

  it('the cursor is stable while the view changes: MPANs added behind it are not shown, those ahead are, none twice', async () => {
    const supplier = SAMPLE.suppliers.BRWE;
    const day = '2026-06-30';
    const before = await walk(1000, (page) => queries.portfolio(supplier, day, 'SUP', page));
    // The first page ends at the first fixture MPAN (core19(1000)): its cursor continues after it.
    const cut = before.findIndex((i) => i.mpanCore === core19(1000)) + 1;
    expect(cut).toBeGreaterThan(0);
    const first = await queries.portfolio(supplier, day, 'SUP', { after: null, limit: cut });
    expect(first.nextCursor).toBe(encodeCursor(core19(1000)));
    // Two new BRWE MPANs: one sorting behind the cursor, one ahead of it.
    const behind = core19(1);
    const ahead = core19(9_999_999_990);
    await createFixtureMpan(behind, 900);
    await createFixtureMpan(ahead, 901);
    await projector.catchUp();
    const rest: typeof before = [];
    for (let cursor: string | null = first.nextCursor; cursor !== null; ) {
      const page = await queries.portfolio(supplier, day, 'SUP', { after: decodeCursor(cursor), limit: 10 });
      rest.push(...page.items);
      cursor = page.nextCursor;
    }
    const all = [...first.items, ...rest].map((i) => i.mpanCore);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort());
    expect(all).not.toContain(behind);
    expect(all.filter((c) => c !== ahead)).toEqual(before.map((i) => i.mpanCore));
    expect(all).toContain(ahead);
    await foldEveryMpan();
  });
});

describe('rebuild', () => {
  it('rebuilding the view from zero (other batch size) gives the live digest at the same position', async () => {
    const report = await rebuildViews({
      store,
      referenceData,
      registryDipId: config.registryDipId,
      projections: [createMpanViewProjection()],
      outPath: join(dir, 'rebuilt-views.sqlite'),
      live: views,
      batchSize: 37,
    });
    expect(report.differingTables).toEqual([]);
    expect(report.matches).toBe(true);
    expect(report.rebuilt.tables.find((t) => t.table === 'mpan_view')!.rows).toBe(folds.size);
    // The workload fills every table (the generator sends no IF-025 [SMSO]; the unit specs cover that table).
    expect(report.rebuilt.tables.filter((t) => t.rows === 0 && t.table !== 'mpan_view_smsos').map((t) => t.table)).toEqual([]);
  });
});

/** Every effective-from date of every timeline, and the day before each (sorted, unique). */
function changeDays(t: MpanTimelines): string[] {
  const days = new Set<string>();
  const add = (d: string) => {
    days.add(d);
    const prev = new Date(`${d}T00:00:00Z`);
    prev.setUTCDate(prev.getUTCDate() - 1);
    days.add(prev.toISOString().slice(0, 10));
  };
  for (const value of Object.values(t)) {
    if (!Array.isArray(value)) continue;
    for (const p of value as Array<{ effectiveFromDate?: string; meterInstallationDate?: string; meterRemovalDate?: string | null }>) {
      if (p.effectiveFromDate) add(p.effectiveFromDate);
      if (p.meterInstallationDate) add(p.meterInstallationDate);
      if (p.meterRemovalDate) add(p.meterRemovalDate);
    }
  }
  return [...days].sort();
}

/** The portfolio entry a snapshot implies for `role`. */
function entryFrom(s: MpanSnapshot, role: PortfolioRole): PortfolioEntry {
  if (role === 'SUP') {
    const p = s.supplier!;
    return {
      role,
      effectiveFromDate: p.effectiveFromDate,
      effectiveToDate: p.effectiveToDate,
      supplierMpid: p.value.supplierMpid,
      cssRegistrationId: p.value.cssRegistrationId,
      registrationKind: p.value.registrationKind,
    };
  }
  const p = (role === 'MS' ? s.meteringService : s.dataService)!;
  return {
    role,
    effectiveFromDate: p.effectiveFromDate,
    effectiveToDate: p.effectiveToDate,
    appointmentId: p.value.appointmentId,
    providerMpid: p.value.providerMpid,
    providerRole: p.value.providerRole,
    appointmentScenario: p.value.appointmentScenario,
    requestingSupplierDipId: p.value.requestingSupplierDipId,
    requestingSupplierMpid: p.value.requestingSupplierMpid,
  };
}
