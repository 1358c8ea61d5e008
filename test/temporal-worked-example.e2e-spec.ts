import { meterInstallMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import { MpanHistoryService } from '@app/registration-app/history';
import { startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, during, RequestSpec } from './support/appointment-messages';
import { accepted, establishedMpan, REQUEST_CHANNEL, RESPONSE_CHANNEL } from './support/appointments';
import { message, mpanCore } from './support/dip';

/**
 * The worked example of docs/temporal-model.md, reproduced over HTTP on a fresh registry (issue #6
 * "done when": the two axes explained with a worked example — here the example is checked, cell by
 * cell, so the document cannot drift from what the registry answers):
 *
 * | recorded at (UTC) | revisions | what was recorded |
 * |---|---|---|
 * | 2025-04-01 10:00 | 0–9   | the LDSO creates MPAN 1900012374324; the CSS registers BRWE; BRWE asks for MSSA and SDSA |
 * | 2025-04-02 10:00 | 10–17 | MSSA and SDSA accept: appointed from 2025-04-02 |
 * | 2025-06-15 10:00 | 18–19 | back-dated: MSSA reports meter 25P0123456 installed on 2025-04-10 |
 * | 2025-06-16 10:00 | 20–22 | future-dated: BRWE asks for MSSB from 2025-07-01 (CSP) |
 * | 2025-06-17 10:00 | 23–24 | MSSB accepts: MSSA now ends 2025-06-30 |
 *
 * Then `GET /mpans/{core}/state?effectiveAt=D&knownAt=T` for the D × T grid of the document, the
 * timeline's provenance of the metering service and the meter, explain and diff.
 */

type Period = { effectiveFromDate: string; effectiveToDate: string | null; value: Record<string, unknown> | null };
type Snapshot = { meters: Array<{ meterId: string; meterInstallationDate: string }>; meteringService: Period; pendingAppointments: Array<{ providerMpid: string; effectiveFromDate: string }> };
type Ref = { revision: string; position: string; type: string; recordedAt: string };

const { MSSA, MSSB } = SAMPLE.providers;
const METER = SAMPLE.meters.installed.meterId;
/** The MPID of the sample provider MSSA (`MSSA` above is its DIP id). */
const MSSA_MPID = 'MSSA';

describe('docs/temporal-model.md worked example, over HTTP', () => {
  const core = mpanCore('19', 1237432);
  const now = '2025-06-20T10:00:00.000Z';
  const change: RequestSpec = { core, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-07-01', scenario: 'CSP' };
  let t: TestApp;

  async function get(path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    const res = await t.http.get(`/mpans/${core}/${path}`).query(query);
    if (res.status !== 200) throw new Error(`GET ${path} ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  }

  /** One cell of the document's table, in its words: "meter from 04-10; MSSA 04-02 → 06-30; MSSB pending". */
  async function cell(effectiveAt: string, knownAt: string): Promise<string> {
    const snapshot = (await get('state', { effectiveAt, knownAt })).snapshot as Snapshot;
    const ms = snapshot.meteringService;
    const short = (d: string | null) => (d === null ? 'open' : d.slice(5));
    const parts = [
      snapshot.meters.length === 0 ? 'no meter' : snapshot.meters.map((m) => `meter ${m.meterId} from ${short(m.meterInstallationDate)}`).join(', '),
      `${ms.value === null ? 'nobody' : String(ms.value.providerMpid)} ${short(ms.effectiveFromDate)} → ${short(ms.effectiveToDate)}`,
      ...snapshot.pendingAppointments.map((p) => `${p.providerMpid} pending`),
    ];
    return parts.join('; ');
  }

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
    expect(core).toBe('1900012374324');
    await establishedMpan(t, core, '2025-06-15T10:00:00Z'); // revisions 0–17
    await accepted(t.http, 'IF-005', message(meterInstallMessage, { mpanCore: core })); // 18–19, meter from 2025-04-10
    t.clock.set('2025-06-16T10:00:00Z');
    await accepted(t.http, REQUEST_CHANNEL, appointmentRequest(change)); // 20–22
    t.clock.set('2025-06-17T10:00:00Z');
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(change)); // 23–24
    t.clock.set(now);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the recorded history has the revisions of the table', async () => {
    const events = (await t.http.get(`/mpans/${core}/events`).query({ limit: 1000 })).body.events as Array<{ revision: string; recordedAt: string }>;
    const byInstant = new Map<string, string[]>();
    for (const e of events) byInstant.set(e.recordedAt, [...(byInstant.get(e.recordedAt) ?? []), e.revision]);
    expect([...byInstant].map(([at, revisions]) => [at, `${revisions[0]}–${revisions[revisions.length - 1]}`])).toEqual([
      ['2025-04-01T10:00:00.000Z', '0–9'],
      ['2025-04-02T10:00:00.000Z', '10–17'],
      ['2025-06-15T10:00:00.000Z', '18–19'],
      ['2025-06-16T10:00:00.000Z', '20–22'],
      ['2025-06-17T10:00:00.000Z', '23–24'],
    ]);
  });

  it('state at every (D, T) of the table: read down a column for what was believed at T, along a row for how knowledge of D grew', async () => {
    const columns = ['2025-06-01T00:00:00Z', '2025-06-15T12:00:00Z', '2025-06-16T12:00:00Z', now];
    const grid: Record<string, string[]> = {};
    for (const d of ['2025-04-05', '2025-05-01', '2025-07-01']) grid[d] = await Promise.all(columns.map((k) => cell(d, k)));
    expect(grid).toEqual({
      '2025-04-05': [
        `no meter; ${MSSA_MPID} 04-02 → open`,
        `no meter; ${MSSA_MPID} 04-02 → open`,
        `no meter; ${MSSA_MPID} 04-02 → open; MSSB pending`,
        `no meter; ${MSSA_MPID} 04-02 → 06-30`,
      ],
      '2025-05-01': [
        `no meter; ${MSSA_MPID} 04-02 → open`,
        `meter ${METER} from 04-10; ${MSSA_MPID} 04-02 → open`,
        `meter ${METER} from 04-10; ${MSSA_MPID} 04-02 → open; MSSB pending`,
        `meter ${METER} from 04-10; ${MSSA_MPID} 04-02 → 06-30`,
      ],
      '2025-07-01': [
        `no meter; ${MSSA_MPID} 04-02 → open`,
        `meter ${METER} from 04-10; ${MSSA_MPID} 04-02 → open`,
        `meter ${METER} from 04-10; ${MSSA_MPID} 04-02 → open; MSSB pending`,
        `meter ${METER} from 04-10; MSSB 07-01 → open`,
      ],
    });
    // The last row of the table: the revision folded and the records ignored, per column.
    const axes = await Promise.all(columns.map(async (knownAt) => get('state', { effectiveAt: '2025-05-01', knownAt })));
    expect(axes.map((a) => [a.lastRevision, a.laterEventsIgnored])).toEqual([
      ['17', 7],
      ['19', 5],
      ['22', 2],
      ['24', 0],
    ]);
  });

  it('each HTTP answer is the library API’s (MpanHistoryService, which `registry state|timeline|diff|explain` print: temporal.commands.int-spec.ts)', async () => {
    const library = t.app.get(MpanHistoryService);
    const state = { effectiveAt: '2025-05-01', knownAt: '2025-06-16T12:00:00Z' };
    expect(await get('state', state)).toEqual(JSON.parse(JSON.stringify(await library.stateAt(core, state))));
    expect(await get('timeline', { knownAt: '2025-06-16T12:00:00Z' })).toEqual(JSON.parse(JSON.stringify(await library.timeline(core, { knownAt: '2025-06-16T12:00:00Z' }))));
    const diff = { fromEffectiveAt: '2025-07-01', fromKnownAt: '2025-06-15T12:00:00Z', toEffectiveAt: '2025-07-01', toKnownAt: now };
    expect(await get('diff', diff)).toEqual(JSON.parse(JSON.stringify(await library.diff(core, diff))));
    const explain = { item: 'meteringService', date: '2025-06-30', knownAt: now };
    expect(await get('explain', explain)).toEqual(JSON.parse(JSON.stringify(await library.explain(core, explain))));
  });

  it('"today" is MSSA on 20 June and MSSB on 2 July, with no event written in between', async () => {
    const on20June = await get('state', {});
    expect(on20June).toMatchObject({ effectiveAt: '2025-06-20', knownAt: now, lastRevision: '24' });
    expect((on20June.snapshot as Snapshot).meteringService).toMatchObject({ effectiveFromDate: '2025-04-02', effectiveToDate: '2025-06-30', value: { providerDipId: MSSA } });
    t.clock.set(during('2025-07-02'));
    try {
      const on2July = await get('state', {});
      expect(on2July).toMatchObject({ effectiveAt: '2025-07-02', lastRevision: '24', laterEventsIgnored: 0 });
      expect((on2July.snapshot as Snapshot).meteringService).toMatchObject({ effectiveFromDate: '2025-07-01', effectiveToDate: null, value: { providerDipId: MSSB } });
    } finally {
      t.clock.set(now);
    }
  });

  it('the timeline names the events that opened and closed the periods (the JSON excerpt of the document)', async () => {
    const items = (await get('timeline', {})).items as Record<string, Array<Period & { openedBy: Ref; closedBy: Ref | null; correctedBy: Ref[] }>>;
    const brief = (r: Ref | null) => (r === null ? null : { revision: r.revision, position: r.position, type: r.type, recordedAt: r.recordedAt });
    expect(items.meteringService!.map((p) => [p.effectiveFromDate, p.effectiveToDate, p.value?.providerMpid, brief(p.openedBy), brief(p.closedBy), p.correctedBy])).toEqual([
      [
        '2025-04-02',
        '2025-06-30',
        MSSA_MPID,
        { revision: '10', position: '20', type: 'ServiceAppointmentAccepted', recordedAt: '2025-04-02T10:00:00.000Z' },
        { revision: '23', position: '41', type: 'ServiceAppointmentAccepted', recordedAt: '2025-06-17T10:00:00.000Z' },
        [],
      ],
      ['2025-07-01', null, 'MSSB', { revision: '23', position: '41', type: 'ServiceAppointmentAccepted', recordedAt: '2025-06-17T10:00:00.000Z' }, null, []],
    ]);
    expect(items.meteringService![0]!.value).toMatchObject({ appointmentScenario: 'COS' });
    expect(items.meteringService![1]!.value).toMatchObject({ appointmentScenario: 'CSP' });
    expect(items.meters!.map((p) => [p.effectiveFromDate, p.effectiveToDate, p.value?.meterId, brief(p.openedBy), p.closedBy])).toEqual([
      ['2025-04-10', null, METER, { revision: '18', position: expect.stringMatching(/^\d+$/), type: 'MeterInstalled', recordedAt: '2025-06-15T10:00:00.000Z' }, null],
    ]);
  });

  it('explain of the metering service on 30 June: opened by revision 10 (MSSA’s IF-034), to-date changed by revision 23 (MSSB’s IF-034)', async () => {
    const answer = await get('explain', { item: 'meteringService', date: '2025-06-30' });
    const [period] = answer.periods as Array<{ chain: Array<{ step: string; effectiveToDate: string | null; event: { revision: string }; message: { eventCode: string; senderDipId: string; receivedAt: string } }> }>;
    expect(period!.chain.map((s) => [s.step, s.event.revision, s.effectiveToDate, s.message.eventCode, s.message.senderDipId, s.message.receivedAt])).toEqual([
      ['opened', '10', null, '[MSAppSPResponse]', MSSA, '2025-04-02T10:00:00.000Z'],
      ['toDateChanged', '23', '2025-06-30', '[MSAppSPResponse]', MSSB, '2025-06-17T10:00:00.000Z'],
    ]);
  });

  it('diff of 1 July as known on 15 June against as known now: meteringService valueChanged, MSSA → MSSB', async () => {
    const answer = await get('diff', { fromEffectiveAt: '2025-07-01', fromKnownAt: '2025-06-15T12:00:00Z', toEffectiveAt: '2025-07-01' });
    const changes = answer.changes as Array<{ item: string; change: string; before: Period; after: Period }>;
    expect(changes.map((c) => [c.item, c.change])).toEqual([['meteringService', 'valueChanged']]);
    expect([changes[0]!.before, changes[0]!.after].map((p) => [p.value?.providerMpid, p.effectiveFromDate, p.effectiveToDate])).toEqual([
      [MSSA_MPID, '2025-04-02', null],
      ['MSSB', '2025-07-01', null],
    ]);
  });
});
