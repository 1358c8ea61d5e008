import {
  addressChgMessage,
  DipMessageJson,
  duosTariffIdChgMessage,
  energyDirectionMessage,
  FixtureOptions,
  meterInstallMessage,
  mpanCreationMessage,
  SAMPLE,
} from '@app/dip-wire/testing/fixtures';
import { addDays, LocalDate } from '@app/registration-domain';
import { startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, during, RequestSpec } from './support/appointment-messages';
import { accepted, establishedMpan, LDSO_CHANNEL, REQUEST_CHANNEL, RESPONSE_CHANNEL } from './support/appointments';
import { message, mpanCore, s1Of, withValues } from './support/dip';

/**
 * Issue #6 items 1–4 over HTTP on the real app (SQLite file, FixedClock moved between posts so that
 * each record's `recordedAt` is the instant we choose): the MPAN's state effective on a settlement
 * day as known at an instant, its timeline with provenance, diffs and explanations — with a
 * back-dated meter installation, an in-advance appointment, a change recorded after an auditor's
 * `knownAt`, effective dates across both BST change days, and every timeline checked for gaps and
 * overlaps.
 */

type Period = { effectiveFromDate: string; effectiveToDate: string | null; value: unknown };
type Ref = { revision: string; position: string; type: string; recordedAt: string; messageKey: string | null; senderDipId: string | null; correlationId: string | null };
type TimelinePeriod = Period & { openedBy: Ref; closedBy: Ref | null; correctedBy: Ref[] };

const { MSSA, MSSB } = SAMPLE.providers;

/** GET `path` with `query`; the answer must have `status` (default 200). */
async function read(t: TestApp, path: string, query: Record<string, string> = {}, status = 200): Promise<Record<string, unknown>> {
  const res = await t.http.get(path).query(query);
  if (res.status !== status) throw new Error(`GET ${path} ${JSON.stringify(query)}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

const stateOf = (t: TestApp, core: string, query: Record<string, string> = {}) => read(t, `/mpans/${core}/state`, query);
const snapshotOf = async (t: TestApp, core: string, query: Record<string, string> = {}) =>
  (await stateOf(t, core, query)).snapshot as Record<string, unknown>;
const timelineOf = async (t: TestApp, core: string, query: Record<string, string> = {}) =>
  (await read(t, `/mpans/${core}/timeline`, query)) as { items: Record<string, TimelinePeriod[]>; pendingAppointments: unknown[] } & Record<string, unknown>;

/** Every timeline item (not meters: several may be installed at once) has contiguous periods: each ends the day before the next starts, the last is open. */
function expectNoGapNoOverlap(items: Record<string, TimelinePeriod[]>): void {
  for (const [name, periods] of Object.entries(items)) {
    if (name === 'meters') continue;
    periods.forEach((p, i) => {
      const next = periods[i + 1];
      const expected = next ? addDays(next.effectiveFromDate as LocalDate, -1) : null;
      expect({ name, from: p.effectiveFromDate, to: p.effectiveToDate }).toEqual({ name, from: p.effectiveFromDate, to: expected });
      if (p.effectiveToDate !== null) expect(p.effectiveToDate >= p.effectiveFromDate).toBe(true);
    });
  }
}

/** An LDSO message of `build` for `core` with `values` set, posted at `at`; it must be accepted. */
async function ldso(t: TestApp, at: string, build: (o: FixtureOptions) => DipMessageJson, core: string, values: Record<string, unknown> = {}): Promise<DipMessageJson> {
  t.clock.set(at);
  const msg = withValues(message(build, { mpanCore: core }), values);
  await accepted(t.http, LDSO_CHANNEL, msg);
  return msg;
}

describe('the MPAN on two time axes over HTTP (issue #6)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('a back-dated meter installation', () => {
    const core = mpanCore('19', 9601);
    const before = '2025-06-15T09:00:00.000Z';
    const recorded = '2025-06-15T10:00:00.000Z';
    let install: DipMessageJson;

    beforeAll(async () => {
      await establishedMpan(t, core, before);
      // MSSA reports on 2025-06-15 a meter it installed on 2025-04-10 (IHD from the same day).
      t.clock.set(recorded);
      install = message(meterInstallMessage, { mpanCore: core });
      await accepted(t.http, 'IF-005', install);
    });

    it('shows on its installation date only as known from when it was recorded', async () => {
      const now = await stateOf(t, core, { effectiveAt: '2025-05-01' });
      expect(now).toMatchObject({ mpanCore: core, effectiveAt: '2025-05-01', knownAt: recorded, lastRevision: '19', lastRecordedAt: recorded, eventsFolded: 20, laterEventsIgnored: 0 });
      expect((now.snapshot as { meters: Array<{ meterId: string; meterInstallationDate: string }> }).meters).toEqual([
        expect.objectContaining({ meterId: SAMPLE.meters.installed.meterId, meterInstallationDate: '2025-04-10', meterRemovalDate: null }),
      ]);
      expect((await snapshotOf(t, core, { effectiveAt: '2025-04-09' })).meters).toEqual([]);
      expect((await snapshotOf(t, core, { effectiveAt: '2025-04-10' })).meters).toHaveLength(1);

      const then = await stateOf(t, core, { effectiveAt: '2025-05-01', knownAt: '2025-06-15T09:59:59.999Z' });
      expect(then).toMatchObject({ knownAt: '2025-06-15T09:59:59.999Z', lastRevision: '17', eventsFolded: 18, laterEventsIgnored: 2 });
      expect((then.snapshot as { meters: unknown[]; ihdInstallStatus: unknown }).meters).toEqual([]);
      expect((then.snapshot as { ihdInstallStatus: unknown }).ihdInstallStatus).toBeNull();
    });

    it('its timeline period starts on the installation date and is opened by the event recorded on 2025-06-15', async () => {
      const timeline = await timelineOf(t, core);
      expect(timeline.items.meters).toEqual([
        {
          effectiveFromDate: '2025-04-10',
          effectiveToDate: null,
          value: expect.objectContaining({ meterId: SAMPLE.meters.installed.meterId }),
          openedBy: {
            revision: '18',
            position: expect.stringMatching(/^\d+$/),
            type: 'MeterInstalled',
            recordedAt: recorded,
            messageKey: `${MSSA}:${s1Of(install).senderUniqueReference}`,
            senderDipId: MSSA,
            correlationId: expect.any(String),
          },
          closedBy: null,
          correctedBy: [],
        },
      ]);
      expectNoGapNoOverlap(timeline.items);
    });

    it('explain gives the message behind it: channel, event code, sender and role, reference, correlation id, received and recorded at', async () => {
      const answer = await read(t, `/mpans/${core}/explain`, { item: 'meters', date: '2025-05-01' });
      const periods = answer.periods as Array<{ chain: Array<Record<string, unknown>> }>;
      expect(periods).toHaveLength(1);
      expect(periods[0]!.chain).toEqual([
        {
          step: 'opened',
          effectiveFromDate: '2025-04-10',
          effectiveToDate: null,
          value: expect.objectContaining({ meterId: SAMPLE.meters.installed.meterId }),
          event: expect.objectContaining({ type: 'MeterInstalled', recordedAt: recorded, channelId: 'IF-005', eventCode: '[MeterInstall]', senderRoleId: 'MSS', receivedAt: recorded }),
          message: {
            messageStream: `message-${MSSA}-${s1Of(install).senderUniqueReference}`,
            channelId: 'IF-005',
            eventCode: '[MeterInstall]',
            senderDipId: MSSA,
            senderRoleId: 'MSS',
            senderUniqueReference: s1Of(install).senderUniqueReference,
            correlationId: expect.any(String),
            receivedAt: recorded,
            recordedAt: recorded,
            dipMessage: install,
          },
        },
      ]);
      const asKnownBefore = await read(t, `/mpans/${core}/explain`, { item: 'meters', date: '2025-05-01', knownAt: before });
      expect(asKnownBefore.periods).toEqual([]);
    });

    it('diff between before and after the report: the meter and its IHD status were added', async () => {
      const answer = await read(t, `/mpans/${core}/diff`, { fromEffectiveAt: '2025-05-01', fromKnownAt: before, toEffectiveAt: '2025-05-01' });
      expect(answer).toMatchObject({
        from: { effectiveAt: '2025-05-01', knownAt: before, known: true, laterEventsIgnored: 2 },
        to: { effectiveAt: '2025-05-01', knownAt: recorded, known: true, laterEventsIgnored: 0 },
      });
      expect((answer.changes as Array<Record<string, unknown>>).map((c) => [c.item, c.key, c.change])).toEqual([
        ['meters', SAMPLE.meters.installed.meterId, 'added'],
        ['ihdInstallStatus', null, 'added'],
      ]);
    });
  });

  describe('an appointment recorded in advance of its date', () => {
    const core = mpanCore('19', 9602);
    const spec: RequestSpec = { core, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-07-01', scenario: 'CSP' };

    beforeAll(async () => {
      await establishedMpan(t, core, during('2025-06-15'));
      await accepted(t.http, REQUEST_CHANNEL, appointmentRequest(spec)); // 2025-06-15
      t.clock.set(during('2025-06-16'));
      await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(spec)); // MSSB accepts on 2025-06-16
    });

    it('queried before its date (today, now) it is not yet in effect; after its date it is, without any new event', async () => {
      t.clock.set(during('2025-06-20'));
      const before = await stateOf(t, core);
      expect(before).toMatchObject({ effectiveAt: '2025-06-20', knownAt: '2025-06-20T10:00:00.000Z' });
      expect((before.snapshot as Record<string, Period>).meteringService).toMatchObject({
        effectiveFromDate: '2025-04-02',
        effectiveToDate: '2025-06-30',
        value: expect.objectContaining({ providerDipId: MSSA }),
      });
      t.clock.set(during('2025-07-02'));
      const after = await stateOf(t, core);
      expect(after).toMatchObject({ effectiveAt: '2025-07-02', lastRevision: before.lastRevision, lastPosition: before.lastPosition, laterEventsIgnored: 0 });
      expect((after.snapshot as Record<string, Period>).meteringService).toMatchObject({
        effectiveFromDate: '2025-07-01',
        effectiveToDate: null,
        value: expect.objectContaining({ providerDipId: MSSB, appointmentScenario: 'CSP' }),
      });
    });

    it('as known before the provider answered, 2025-07-01 still has MSSA and the request is pending', async () => {
      const snap = await snapshotOf(t, core, { effectiveAt: '2025-07-01', knownAt: '2025-06-15T12:00:00Z' });
      expect(snap.meteringService).toMatchObject({ effectiveFromDate: '2025-04-02', effectiveToDate: null, value: expect.objectContaining({ providerDipId: MSSA }) });
      expect(snap.pendingAppointments).toEqual([expect.objectContaining({ providerDipId: MSSB, effectiveFromDate: '2025-07-01' })]);
    });

    it('the timeline and explain name the acceptance that ended MSSA on 2025-06-30 and opened MSSB from 2025-07-01', async () => {
      const timeline = await timelineOf(t, core);
      const ms = timeline.items.meteringService!;
      expect(ms.map((p) => [p.effectiveFromDate, p.effectiveToDate, (p.value as { providerDipId: string }).providerDipId, p.openedBy.type, p.openedBy.recordedAt, p.closedBy?.recordedAt ?? null])).toEqual([
        ['2025-04-02', '2025-06-30', MSSA, 'ServiceAppointmentAccepted', '2025-04-02T10:00:00.000Z', '2025-06-16T10:00:00.000Z'],
        ['2025-07-01', null, MSSB, 'ServiceAppointmentAccepted', '2025-06-16T10:00:00.000Z', null],
      ]);
      expect(ms[0]!.closedBy).toEqual(ms[1]!.openedBy);
      expectNoGapNoOverlap(timeline.items);

      const explained = await read(t, `/mpans/${core}/explain`, { item: 'meteringService', date: '2025-06-30' });
      const chain = (explained.periods as Array<{ chain: Array<{ step: string; effectiveToDate: string | null; message: { eventCode: string; senderDipId: string } }> }>)[0]!.chain;
      expect(chain.map((s) => [s.step, s.effectiveToDate, s.message.eventCode, s.message.senderDipId])).toEqual([
        ['opened', null, '[MSAppSPResponse]', MSSA],
        ['toDateChanged', '2025-06-30', '[MSAppSPResponse]', MSSB],
      ]);
    });
  });

  describe('a change recorded after an auditor\'s knownAt', () => {
    const core = mpanCore('19', 9603);
    const changedAt = '2025-05-20T08:00:00.000Z';

    beforeAll(async () => {
      await ldso(t, during('2025-04-01'), mpanCreationMessage, core); // DUoS 801 from 2025-04-01
      // Recorded on 2025-05-20, back-dated to 2025-05-01.
      await ldso(t, changedAt, duosTariffIdChgMessage, core, { 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': '2025-05-01T00:00:00+01:00' });
      t.clock.set(during('2025-06-15'));
    });

    it('does not appear in the answer as known before it was recorded, and does from its recorded instant on (offsets normalised to UTC)', async () => {
      const events = (await read(t, `/mpans/${core}/events`)).events as Array<{ recordedAt: string }>;
      const later = events.filter((e) => e.recordedAt > '2025-05-20T07:59:59.000Z').length;
      expect(later).toBeGreaterThan(0);
      const auditor = await stateOf(t, core, { effectiveAt: '2025-05-10', knownAt: '2025-05-20T08:59:59+01:00' });
      expect(auditor).toMatchObject({ knownAt: '2025-05-20T07:59:59.000Z', laterEventsIgnored: later, eventsFolded: events.length - later });
      expect((auditor.snapshot as Record<string, Period>).duosTariffId).toEqual({ value: '801', effectiveFromDate: '2025-04-01', effectiveToDate: null });
      const atRecording = await stateOf(t, core, { effectiveAt: '2025-05-10', knownAt: '2025-05-20T09:00:00+01:00' });
      expect(atRecording).toMatchObject({ knownAt: changedAt, laterEventsIgnored: 0, lastRecordedAt: changedAt });
      expect((atRecording.snapshot as Record<string, Period>).duosTariffId).toEqual({ value: '802', effectiveFromDate: '2025-05-01', effectiveToDate: null });
      // As known now, 2025-04-30 is the last day of 801: the back-dated change gave it its end.
      expect((await snapshotOf(t, core, { effectiveAt: '2025-04-30' })).duosTariffId).toEqual({ value: '801', effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' });
    });

    it('diff and timeline tell the same story', async () => {
      const diff = await read(t, `/mpans/${core}/diff`, { fromEffectiveAt: '2025-05-10', fromKnownAt: '2025-05-20T07:59:59Z', toEffectiveAt: '2025-05-10' });
      expect(diff.changes).toEqual([
        {
          item: 'duosTariffId',
          key: null,
          change: 'valueChanged',
          before: { value: '801', effectiveFromDate: '2025-04-01', effectiveToDate: null },
          after: { value: '802', effectiveFromDate: '2025-05-01', effectiveToDate: null },
        },
      ]);
      const timeline = await timelineOf(t, core);
      expect(timeline.items.duosTariffId!.map((p) => [p.value, p.effectiveFromDate, p.effectiveToDate, p.openedBy.recordedAt, p.closedBy?.recordedAt ?? null])).toEqual([
        ['801', '2025-04-01', '2025-04-30', '2025-04-01T10:00:00.000Z', changedAt],
        ['802', '2025-05-01', null, changedAt, null],
      ]);
      const early = await timelineOf(t, core, { knownAt: '2025-05-01T00:00:00Z' });
      expect(early.items.duosTariffId!.map((p) => [p.value, p.effectiveToDate])).toEqual([['801', null]]);
    });

    it('before the MPAN was created it is not known: 404 saying so', async () => {
      const body = await read(t, `/mpans/${core}/state`, { knownAt: '2025-04-01T09:59:59Z' }, 404);
      expect(body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        code: 'REG0000',
        message: `MPAN ${core} was not yet known to this registry at 2025-04-01T09:59:59.000Z: its first event was recorded at 2025-04-01T10:00:00.000Z`,
      });
      const diff = await read(t, `/mpans/${core}/diff`, { fromKnownAt: '2025-04-01T09:00:00Z', fromEffectiveAt: '2025-04-01', toEffectiveAt: '2025-04-01' });
      expect(diff.from).toMatchObject({ known: false, eventsFolded: 0, lastRevision: null });
      expect((diff.changes as Array<{ change: string }>).every((c) => c.change === 'added')).toBe(true);
    });
  });

  describe('effective dates across both BST change days', () => {
    const core = mpanCore('19', 9604);
    const march = '2025-03-01T00:00:00+00:00';

    beforeAll(async () => {
      await ldso(t, '2025-03-01T10:00:00Z', mpanCreationMessage, core, {
        'payload.CustomBlock.B001.GSPGroupEffectiveFromDate': march,
        'payload.CustomBlock.B023.connectionTypeEffectiveFromDate': march,
        'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': march,
        'payload.CustomBlock.B025.energisationStatusEffectiveFromDate': march,
        'payload.CustomBlock.B026.marketSegmentIndicatorEffectiveFromDate': march,
        'payload.CustomBlock.B079.RMPStatusEffectiveFromDate': march,
        'payload.CustomBlock.B079.MPStatusEffectiveFromDate': march,
      });
      // UK midnight of 2025-03-30 (still GMT at 00:00) and of 2025-10-26 (still BST at 00:00).
      await ldso(t, '2025-03-05T10:00:00Z', duosTariffIdChgMessage, core, { 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': '2025-03-30T00:00:00+00:00' });
      await ldso(t, '2025-03-05T11:00:00Z', duosTariffIdChgMessage, core, {
        'payload.CustomBlock.B024.DUOSTariffID': '803',
        'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': '2025-10-26T00:00:00+01:00',
      });
      // 23:00Z on the eve of each change day is local midnight of the next day in BST: 2025-03-31 and 2025-10-26.
      await ldso(t, '2025-03-05T12:00:00Z', addressChgMessage, core, { 'payload.CustomBlock.B001.GSPGroupEffectiveFromDate': '2025-03-30T23:00:00+00:00' });
      await ldso(t, '2025-03-05T13:00:00Z', energyDirectionMessage, core, { 'payload.CustomBlock.B023.connectionTypeEffectiveFromDate': '2025-10-25T23:00:00+00:00' });
      t.clock.set(during('2025-06-15'));
    });

    it('each DT-003 midnight lands on the settlement day it denotes, and the day before keeps the old value', async () => {
      const on = async (day: string) => {
        const s = await snapshotOf(t, core, { effectiveAt: day });
        const p = (name: string) => s[name] as Period;
        return [day, p('duosTariffId').value, p('duosTariffId').effectiveToDate, p('address').effectiveFromDate, p('energyDirection').value];
      };
      expect(await Promise.all(['2025-03-29', '2025-03-30', '2025-03-31', '2025-10-25', '2025-10-26', '2025-10-27'].map(on))).toEqual([
        ['2025-03-29', '801', '2025-03-29', '2025-03-01', 'I'],
        ['2025-03-30', '802', '2025-10-25', '2025-03-01', 'I'],
        ['2025-03-31', '802', '2025-10-25', '2025-03-31', 'I'],
        ['2025-10-25', '802', '2025-10-25', '2025-03-31', 'I'],
        ['2025-10-26', '803', null, '2025-03-31', 'E'],
        ['2025-10-27', '803', null, '2025-03-31', 'E'],
      ]);
    });

    it('the period boundaries leave no gap and no overlap', async () => {
      const timeline = await timelineOf(t, core);
      expect(timeline.items.duosTariffId!.map((p) => [p.effectiveFromDate, p.effectiveToDate])).toEqual([
        ['2025-03-01', '2025-03-29'],
        ['2025-03-30', '2025-10-25'],
        ['2025-10-26', null],
      ]);
      expect(timeline.items.address!.map((p) => [p.effectiveFromDate, p.effectiveToDate])).toEqual([
        ['2025-03-01', '2025-03-30'],
        ['2025-03-31', null],
      ]);
      expect(timeline.items.energyDirection!.map((p) => [p.effectiveFromDate, p.effectiveToDate])).toEqual([
        ['2025-03-01', '2025-10-25'],
        ['2025-10-26', null],
      ]);
      expectNoGapNoOverlap(timeline.items);
    });
  });

  describe('parameters', () => {
    const core = mpanCore('19', 9603);

    it.each([
      ['/state', { knownAt: '2025-06-01' }, /^knownAt must be an ISO 8601 instant with an explicit offset or Z, .*got "2025-06-01"$/],
      ['/state', { knownAt: '2025-06-01T10:00:00' }, /got "2025-06-01T10:00:00"$/],
      ['/state', { knownAt: '2025-06-01T10:00:00 01:00' }, /a '\+' in a URL query must be sent as %2B/],
      ['/state', { knownAt: '2025-02-29T10:00:00Z' }, /not a calendar date/],
      ['/state', { effectiveAt: '2025-02-30' }, /^effectiveAt must be a calendar date YYYY-MM-DD \(a UK settlement day\), got "2025-02-30"$/],
      ['/state', { asAt: '2025-06-01' }, /^unknown query parameter "asAt"; this endpoint accepts effectiveAt, knownAt$/],
      ['/timeline', { effectiveAt: '2025-06-01' }, /^unknown query parameter "effectiveAt"; this endpoint accepts knownAt$/],
      ['/diff', { toKnownAt: 'yesterday' }, /^toKnownAt must be an ISO 8601 instant/],
      ['/explain', {}, /^give item, one of gspGroupId, address, .*, smso$/],
      ['/explain', { item: 'meteringServices' }, /^item must be one of gspGroupId, address, connectionType, .*meteringService, dataService, pendingAppointments, meters, .*smso; got "meteringServices"$/],
      ['/explain', { item: 'supplier', date: '01/06/2025' }, /^date must be a calendar date/],
    ])('GET %s %j is a 400 that says what is wrong', async (path, query, expected) => {
      const body = await read(t, `/mpans/${core}${path}`, query as Record<string, string>, 400);
      expect(body.message).toMatch(expected);
    });

    it('a malformed core is a 400 REG0000; an MPAN without events a 404', async () => {
      expect(await read(t, `/mpans/${SAMPLE.mpanCoreBadCheckDigit}/state`, {}, 400)).toMatchObject({ code: 'REG0000' });
      expect(await read(t, `/mpans/${mpanCore('19', 9699)}/timeline`, {}, 404)).toMatchObject({ code: 'REG0000', message: `MPAN ${mpanCore('19', 9699)} is not known to this registry` });
    });
  });
});
