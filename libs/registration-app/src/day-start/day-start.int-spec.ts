import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { changeOfSupplierMessage, initialRegistrationMessage, mpanCreationMessage, SAMPLE, senderUniqueReference } from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { LocalDate, mpanCheckDigit, MpanCore } from '@app/registration-domain';
import {
  acceptanceOf,
  appointmentRequest,
  brweCosRequests,
  BuiltMessage,
  during,
  RequestSpec,
} from '../../../../test/support/appointment-messages';
import { FixedClock } from '../clock/clock';
import { loadRegistryConfig } from '../config/registry-config';
import { IntakeService } from '../intake/intake.service';
import { RegistrationAppModule } from '../registration-app.module';
import { DAY_START_STREAM, DayStartCompleted, DayStartInFutureError, DayStartService } from './day-start.service';

/**
 * Integration: DayStartService on a real SQLite file inside a real Nest application context
 * (RegistrationAppModule.forRoot with a FixedClock, REGISTRY_DAY_START off so only the test runs
 * day-start). MPANs are set up through IntakeService, exactly as messages arrive.
 */

const REPO_ROOT = resolve(__dirname, '../../../..');
const D = '2025-06-15' as LocalDate;
const REGISTRY = SAMPLE.registryDipId;

interface Registry {
  clock: FixedClock;
  intake: IntakeService;
  dayStart: DayStartService;
  store: EventStore;
  close(): Promise<void>;
}

async function openRegistry(): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), 'regs-day-start-int-'));
  const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off' }, REPO_ROOT);
  const clock = new FixedClock(during(D));
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock }), { logger: false });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const started = app;
  return {
    clock,
    intake: started.get(IntakeService),
    dayStart: started.get(DayStartService),
    store: started.get<EventStore>(EVENT_STORE),
    async close() {
      try {
        await started.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function core(serial: number): MpanCore {
  const first12 = `19${String(serial).padStart(10, '0')}`;
  return `${first12}${mpanCheckDigit(first12)}` as MpanCore;
}

const plus = (day: string, n: number): LocalDate => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10) as LocalDate;
};

let refs = 0;

/** Submits one message on `channel` at the clock's current instant; it must be accepted. */
async function submit(r: Registry, channel: string, built: BuiltMessage | BuiltMessage['msg']): Promise<void> {
  const msg = 'msg' in built ? built.msg : built;
  const [result] = await r.intake.submit(channel, [msg]);
  if (result?.status !== 'processed' || result.outcome.responseCode !== 'A') {
    throw new Error(`${channel} message not accepted: ${JSON.stringify(result)}`);
  }
}

/**
 * An MPAN with BRWE from 2025-04-02 and MSSA + SDSA appointed (COS, accepted on 2025-04-02, so
 * active from then); then, today (D), BRWE's accepted CSPs: MSSB from `msFrom`, SDSB from `dsFrom`.
 * @returns the appointment ids: `ms`/`ds` of BRWE's first providers, `cspMs`/`cspDs` of the changes.
 */
async function mpanWithChanges(r: Registry, mpan: MpanCore, changes: { msFrom?: string; dsFrom?: string }): Promise<Record<string, string>> {
  const ref = (ifNumber: string, dipId: string, role: string) => senderUniqueReference(ifNumber, dipId, role, '20250401', `DS${++refs}`);
  r.clock.set(during('2025-04-01'));
  await submit(r, 'REGS-LDSO', mpanCreationMessage({ mpanCore: mpan, uniqueReference: ref('050', SAMPLE.ldsoDipId, 'LDSO') }));
  await submit(r, 'REGS-CSS', initialRegistrationMessage({ mpanCore: mpan, uniqueReference: ref('001', SAMPLE.cssDipId, 'CSS') }));
  const { ms, ds } = brweCosRequests(mpan);
  const msReq = appointmentRequest(ms);
  const dsReq = appointmentRequest(ds);
  await submit(r, 'IF-031', msReq);
  await submit(r, 'IF-031', dsReq);
  r.clock.set(during('2025-04-02'));
  await submit(r, 'IF-034', acceptanceOf(ms));
  await submit(r, 'IF-034', acceptanceOf(ds));
  const ids: Record<string, string> = { ms: msReq.key, ds: dsReq.key };
  r.clock.set(during(D));
  const csp = async (spec: RequestSpec, name: string) => {
    const built = appointmentRequest(spec);
    await submit(r, 'IF-031', built);
    await submit(r, 'IF-034', acceptanceOf(spec));
    ids[name] = built.key;
  };
  const base = { core: mpan, supplier: 'BRWE', scenario: 'CSP' as const };
  if (changes.msFrom) await csp({ ...base, service: 'MS', provider: 'MSSB', from: changes.msFrom }, 'cspMs');
  if (changes.dsFrom) await csp({ ...base, service: 'DS', provider: 'SDSB', from: changes.dsFrom }, 'cspDs');
  return ids;
}

async function mpanEvents(r: Registry, mpan: string): Promise<RecordedEvent[]> {
  return r.store.readStream(`mpan-${mpan}`);
}

async function checkpoints(r: Registry): Promise<Array<DayStartCompleted['data']>> {
  if ((await r.store.streamRevision(DAY_START_STREAM)) === 'no_stream') return [];
  return (await r.store.readStream(DAY_START_STREAM)).map((e) => e.data as unknown as DayStartCompleted['data']);
}

/** Position of the last event of any MPAN stream. */
async function lastMpanPosition(r: Registry): Promise<bigint> {
  let last = 0n;
  for (;;) {
    const page = await r.store.readAll({ after: last, maxCount: 1000, streamPrefix: 'mpan-' });
    if (page.length === 0) return last;
    last = page[page.length - 1]!.position;
  }
}

const decisions = (events: RecordedEvent[]) => events.filter((e) => e.type !== 'PublicationIssued');

/** The message key of a day-start run of `day` (each run is keyed by its day and instant). */
const dayStartKey = (day: string) => expect.stringMatching(new RegExp(`^${REGISTRY}:day-start-${day}@\\d{4}-`));

describe('DayStartService catching up after downtime', () => {
  let r: Registry;
  const x = core(8001);
  const y = core(8002);
  let xIds: Record<string, string>;
  let yIds: Record<string, string>;

  beforeAll(async () => {
    r = await openRegistry();
    // X: MS changes on D+5, DS on D+12; Y: MS changes on D+12. All accepted on D.
    xIds = await mpanWithChanges(r, x, { msFrom: plus(D, 5), dsFrom: plus(D, 12) });
    yIds = await mpanWithChanges(r, y, { msFrom: plus(D, 12) });
  });

  afterAll(async () => {
    await r?.close();
  });

  it('the last run is day D: nothing is due yet, both MPANs stay open', async () => {
    expect(await r.dayStart.runThrough(D)).toEqual({ fromDate: D, through: D, mpansExamined: 2, mpansChanged: 0, eventsAppended: 0 });
    expect(await r.dayStart.lastCompletedDay()).toBe(D);
    const [first] = await checkpoints(r);
    // Scanned up to the last MPAN event (message ledgers and the checkpoint stream are not scanned).
    expect(first).toMatchObject({ settlementDate: D, fromDate: D, openMpanCores: [x, y], scannedToPosition: String(await lastMpanPosition(r)) });
  });

  it('the next run, through D+20, runs each MPAN on each of its due days in order: every activation carries its own date', async () => {
    r.clock.set(during(plus(D, 20)));
    const xBefore = (await mpanEvents(r, x)).length;
    const yBefore = (await mpanEvents(r, y)).length;

    const report = await r.dayStart.runThrough(plus(D, 20));

    expect(report).toEqual({ fromDate: plus(D, 1), through: plus(D, 20), mpansExamined: 2, mpansChanged: 2, eventsAppended: 12 });
    const xAdded = (await mpanEvents(r, x)).slice(xBefore);
    const yAdded = (await mpanEvents(r, y)).slice(yBefore);
    const summary = (events: RecordedEvent[]) =>
      decisions(events).map((e) => [e.type, e.data.appointmentId, e.data.activatedOn ?? e.data.effectiveToDate, e.data.reason ?? null, e.metadata.messageKey]);
    expect(summary(xAdded)).toEqual([
      ['ServiceAppointmentActivated', xIds.cspMs, plus(D, 5), null, dayStartKey(plus(D, 5))],
      ['ServiceProviderDeappointed', xIds.ms, plus(D, 4), 'CSERV', dayStartKey(plus(D, 5))],
      ['ServiceAppointmentActivated', xIds.cspDs, plus(D, 12), null, dayStartKey(plus(D, 12))],
      ['ServiceProviderDeappointed', xIds.ds, plus(D, 11), 'CSERV', dayStartKey(plus(D, 12))],
    ]);
    expect(summary(yAdded)).toEqual([
      ['ServiceAppointmentActivated', yIds.cspMs, plus(D, 12), null, dayStartKey(plus(D, 12))],
      ['ServiceProviderDeappointed', yIds.ms, plus(D, 11), 'CSERV', dayStartKey(plus(D, 12))],
    ]);
    // The activations' and de-appointments' dates come from the due days, not from the run's day.
    expect(decisions(xAdded).map((e) => e.data.effectiveFromDate)).toEqual([plus(D, 5), '2025-04-02', plus(D, 12), '2025-04-02']);
  });

  it('records exactly one checkpoint for the whole catch-up', async () => {
    const all = await checkpoints(r);
    expect(all).toHaveLength(2);
    expect(all[1]).toEqual({
      settlementDate: plus(D, 20),
      fromDate: plus(D, 1),
      completedAt: new Date(during(plus(D, 20))).toISOString(),
      mpansExamined: 2,
      mpansChanged: 2,
      eventsAppended: 12,
      scannedToPosition: all[0]!.scannedToPosition,
      openMpanCores: [],
    });
    expect(await r.dayStart.lastCompletedDay()).toBe(plus(D, 20));
  });

  it('is idempotent: running D+20 again, or any of its days again for one MPAN, appends nothing', async () => {
    const before = [await mpanEvents(r, x), await mpanEvents(r, y)];
    expect(await r.dayStart.runThrough(plus(D, 20))).toMatchObject({ through: plus(D, 20), mpansChanged: 0, eventsAppended: 0 });
    expect(await r.dayStart.catchUp(x, D, plus(D, 20))).toEqual({ eventsAppended: 0, laterWork: false });
    expect(await r.dayStart.runMpan(x, plus(D, 5))).toMatchObject({ kind: 'already-applied' });
    // A day nobody ran for this MPAN changes nothing either: its work is done.
    expect(await r.dayStart.runMpan(x, plus(D, 6))).toMatchObject({ kind: 'appended', eventTypes: [] });
    expect([await mpanEvents(r, x), await mpanEvents(r, y)]).toEqual(before);
  });
});

describe('DayStartService carrying open MPANs over between runs', () => {
  let r: Registry;
  const z = core(8101);
  let ids: Record<string, string>;

  beforeAll(async () => {
    r = await openRegistry();
    ids = await mpanWithChanges(r, z, { msFrom: plus(D, 3) });
  });

  afterAll(async () => {
    await r?.close();
  });

  it('an MPAN with a future activation is left open by the run of D', async () => {
    expect(await r.dayStart.runThrough(D)).toMatchObject({ mpansExamined: 1, eventsAppended: 0 });
    expect((await checkpoints(r)).at(-1)).toMatchObject({ settlementDate: D, openMpanCores: [z] });
  });

  it('the next run examines it again although no new event was written, and keeps it open', async () => {
    const head = await r.store.headPosition();
    const scanned = await lastMpanPosition(r);
    r.clock.set(during(plus(D, 1)));
    expect(await r.dayStart.runThrough(plus(D, 1))).toEqual({ fromDate: plus(D, 1), through: plus(D, 1), mpansExamined: 1, mpansChanged: 0, eventsAppended: 0 });
    expect(await r.store.headPosition()).toBe(head + 1n); // only the checkpoint itself
    expect((await checkpoints(r)).at(-1)).toMatchObject({ settlementDate: plus(D, 1), openMpanCores: [z], scannedToPosition: String(scanned) });
  });

  it('on its date the carried-over MPAN is activated with that date, and is no longer open', async () => {
    r.clock.set(during(plus(D, 3)));
    expect(await r.dayStart.runThrough(plus(D, 3))).toMatchObject({ fromDate: plus(D, 2), mpansExamined: 1, mpansChanged: 1, eventsAppended: 4 });
    const activated = decisions(await mpanEvents(r, z)).filter((e) => e.type === 'ServiceAppointmentActivated').at(-1)!;
    expect(activated.data).toEqual({ mpanCore: z, appointmentId: ids.cspMs, serviceType: 'MS', effectiveFromDate: plus(D, 3), activatedOn: plus(D, 3) });
    expect((await checkpoints(r)).at(-1)).toMatchObject({ openMpanCores: [] });

    r.clock.set(during(plus(D, 4)));
    expect(await r.dayStart.runThrough(plus(D, 4))).toMatchObject({ mpansExamined: 0, eventsAppended: 0 });
  });
});

describe('DayStartService concurrent runs', () => {
  let r: Registry;
  const w = core(8201);
  let ids: Record<string, string>;

  beforeAll(async () => {
    r = await openRegistry();
    ids = await mpanWithChanges(r, w, { msFrom: plus(D, 1) });
    await r.dayStart.runThrough(D);
    r.clock.set(during(plus(D, 1)));
  });

  afterAll(async () => {
    await r?.close();
  });

  it('a second runThrough while one is running shares that run: one set of events, one checkpoint', async () => {
    const before = (await checkpoints(r)).length;
    const first = r.dayStart.runThrough(plus(D, 1));
    const second = r.dayStart.runThrough(plus(D, 1));
    expect(second).toBe(first);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ fromDate: plus(D, 1), through: plus(D, 1), mpansExamined: 1, mpansChanged: 1, eventsAppended: 4 });
    expect(b).toBe(a);
    expect(await checkpoints(r)).toHaveLength(before + 1);
    const activations = decisions(await mpanEvents(r, w)).filter((e) => e.data.appointmentId === ids.cspMs && e.type === 'ServiceAppointmentActivated');
    expect(activations).toHaveLength(1);
  });

  it('once it has finished, the next call starts a new run (and finds nothing to do)', async () => {
    const before = (await checkpoints(r)).length;
    const again = r.dayStart.runThrough(plus(D, 1));
    await expect(again).resolves.toMatchObject({ eventsAppended: 0 });
    expect(await checkpoints(r)).toHaveLength(before + 1);
  });

  it('a call for another day while one runs gets its own run, after it', async () => {
    const before = (await checkpoints(r)).length;
    const first = r.dayStart.runThrough(plus(D, 1));
    const other = r.dayStart.runThrough(D);
    expect(other).not.toBe(first);
    const [a, b] = await Promise.all([first, other]);
    expect(a.through).toBe(plus(D, 1));
    // Run after the first, D is then before the last completed day: nothing run, and it says so.
    expect(b).toMatchObject({ through: D, alreadyRunThrough: plus(D, 1), eventsAppended: 0 });
    expect(await checkpoints(r)).toHaveLength(before + 1);
  });

  it('refuses a day that has not come yet, and records nothing', async () => {
    const before = (await checkpoints(r)).length;
    await expect(r.dayStart.runThrough(plus(D, 2))).rejects.toBeInstanceOf(DayStartInFutureError);
    expect(await checkpoints(r)).toHaveLength(before);
  });
});

describe('DayStartService with work recorded after the run of its day', () => {
  let r: Registry;
  const v = core(8301);
  let ids: Record<string, string>;
  const S = '2025-05-15' as LocalDate;

  beforeAll(async () => {
    r = await openRegistry();
    ids = await mpanWithChanges(r, v, {});
  });

  afterAll(async () => {
    await r?.close();
  });

  it('a change of supplier registered on its supply start date after that day’s run: the next run de-appoints the outgoing providers (CSUPP)', async () => {
    r.clock.set(during(S));
    expect(await r.dayStart.runThrough(S)).toMatchObject({ eventsAppended: 0 });
    // NSTP from S (the fixture's switch), recorded later on S; NSTP appoints nobody.
    await submit(r, 'REGS-CSS', changeOfSupplierMessage({ mpanCore: v, uniqueReference: senderUniqueReference('001', SAMPLE.cssDipId, 'CSS', '20250515', 'LATE1') }));
    const before = (await mpanEvents(r, v)).length;

    r.clock.set(during(plus(S, 1)));
    expect(await r.dayStart.runThrough(plus(S, 1))).toMatchObject({ fromDate: plus(S, 1), mpansChanged: 1, eventsAppended: 4 });

    const added = decisions((await mpanEvents(r, v)).slice(before));
    expect(added.map((e) => [e.type, e.data.appointmentId, e.data.effectiveToDate, e.data.reason, e.data.replacedByAppointmentId, e.metadata.messageKey])).toEqual([
      ['ServiceProviderDeappointed', ids.ms, plus(S, -1), 'CSUPP', null, dayStartKey(plus(S, 1))],
      ['ServiceProviderDeappointed', ids.ds, plus(S, -1), 'CSUPP', null, dayStartKey(plus(S, 1))],
    ]);
    // Done once: later runs find nothing more.
    r.clock.set(during(plus(S, 2)));
    expect(await r.dayStart.runThrough(plus(S, 2))).toMatchObject({ mpansExamined: 0, eventsAppended: 0 });
  });

  it('a day before the last completed one is not run: the report says the days were run already; nothing is written, not even a checkpoint', async () => {
    const last = await r.dayStart.lastCompletedDay();
    expect(last).toBe(plus(S, 2));
    const events = await mpanEvents(r, v);
    const runs = (await checkpoints(r)).length;
    expect(await r.dayStart.runThrough(S)).toEqual({ fromDate: null, through: S, mpansExamined: 0, mpansChanged: 0, eventsAppended: 0, alreadyRunThrough: plus(S, 2) });
    expect(await checkpoints(r)).toHaveLength(runs);
    expect(await r.dayStart.lastCompletedDay()).toBe(last);
    expect(await mpanEvents(r, v)).toEqual(events);
    // The next run continues after the last completed day, not after the re-run one.
    r.clock.set(during(plus(S, 3)));
    expect(await r.dayStart.runThrough(plus(S, 3))).toMatchObject({ fromDate: plus(S, 3), through: plus(S, 3) });
  });
});
