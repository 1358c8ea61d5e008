import { changeOfSupplierMessage, initialRegistrationMessage, mpanCreationMessage, SAMPLE, withSupplyStart } from '@app/dip-wire/testing/fixtures';
import { PINNED_NOW, startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, BuiltMessage, during, RequestSpec } from './support/appointment-messages';
import {
  accepted,
  CSS_CHANNEL,
  decisionsIn,
  EES,
  establishedMpan,
  LDSO_19,
  LDSO_CHANNEL,
  MDS,
  publicationsIn,
  REQUEST_CHANNEL,
  RESPONSE_CHANNEL,
  runDayStart,
  stateOn,
} from './support/appointments';
import { AckEntry, allEvents, expectRejected, message, mpanCore, postOne, streamRevisionOf, withValues } from './support/dip';

/**
 * Service appointments over HTTP (IF-031 → IF-037) on the real app: every IF-031 rejection kind
 * with its exact REG code and message, REG1089 supersede, IF-034 answers (wrong provider,
 * rejection), an in-advance change of provider activated by day-start, a lapse, and the
 * `/day-start` endpoints. Today is 2025-06-15 (the pinned clock) unless a test moves the clock.
 */

const TODAY = '2025-06-15';
const BRWE = SAMPLE.suppliers.BRWE;
const NSTP = SAMPLE.suppliers.NSTP;
const { MSSA, MSSB, SDSA } = SAMPLE.providers;

type Reason = { code: string; rule: string; message: string };

/** Posts `built`, expects it rejected with exactly `reasons` (in order) and the MPAN stream untouched. */
async function rejected(t: TestApp, channel: string, built: BuiltMessage, core: string, reasons: Reason[]): Promise<AckEntry> {
  const before = await streamRevisionOf(t.http, core);
  const entry = await postOne(t.http, channel, built.msg, 201);
  expectRejected(entry, built.msg, reasons.map((r) => r.code));
  expect(entry.outcome!.responseMessages).toEqual(reasons);
  expect(await streamRevisionOf(t.http, core)).toBe(before);
  return entry;
}

describe('IF-031 rejections: the exact REG code and message, nothing appended', () => {
  let t: TestApp;
  /** BRWE from 2025-04-02 with MSSA and SDSA appointed (COS) from 2025-04-02. */
  const established = mpanCore('19', 6001);
  /** BRWE from 2025-04-02, nobody appointed. */
  const bare = mpanCore('19', 6002);
  /** BRWE from 2025-04-02; NSTP switches in from 2025-06-25 (registered today). */
  const futureSwitch = mpanCore('19', 6003);
  /** BRWE from 2025-04-02; NSTP switched in on 2025-05-15. */
  const pastSwitch = mpanCore('19', 6004);
  /** Never created. */
  const unknown = mpanCore('19', 6999);
  const NSTP_CSS_ID = SAMPLE.cssRegistrationIds.changeOfSupplier;

  /** A CSP request by BRWE for `provider` from 2025-06-20 on `established` (a valid one for MSSB). */
  const csp = (over: Partial<RequestSpec> = {}): RequestSpec => ({
    core: established,
    service: 'MS',
    supplier: 'BRWE',
    provider: 'MSSB',
    from: '2025-06-20',
    scenario: 'CSP',
    ...over,
  });
  /** NSTP's COS request on `futureSwitch` from its supply start, quoting its CSS registration. */
  const nstpCos = (over: Partial<RequestSpec> = {}): RequestSpec => ({
    core: futureSwitch,
    service: 'MS',
    supplier: 'NSTP',
    provider: 'MSSB',
    from: '2025-06-25',
    scenario: 'COS',
    cssId: NSTP_CSS_ID,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    await establishedMpan(t, established, PINNED_NOW);
    await establishedMpan(t, bare, PINNED_NOW, { withProviders: false });
    await establishedMpan(t, futureSwitch, PINNED_NOW, { withProviders: false });
    await accepted(
      t.http,
      CSS_CHANNEL,
      withValues(withSupplyStart(message(changeOfSupplierMessage, { mpanCore: futureSwitch }), '2025-06-25T00:00:00+01:00'), {
        'payload.CustomBlock.B003.supplierEffectiveToDate': '2025-06-24T00:00:00+01:00',
      }),
    );
    t.clock.set(during('2025-04-20'));
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: pastSwitch }));
    await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: pastSwitch }));
    await accepted(t.http, CSS_CHANNEL, message(changeOfSupplierMessage, { mpanCore: pastSwitch }));
    t.clock.set(PINNED_NOW);
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(() => {
    t.clock.set(PINNED_NOW);
  });

  it('REG0005: a COS request without the B013 block, or with a blank CSS registration id', async () => {
    const reason = { code: 'REG0005', rule: 'CssRegistrationIdMissing', message: `COS request for MPAN ${futureSwitch} has no CSS registration id (B013)` };
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(nstpCos({ cssId: null })), futureSwitch, [reason]);
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(nstpCos({ cssId: '' })), futureSwitch, [reason]);
  });

  it("REG0006: a COS request quoting another supplier's CSS registration, or one of no registration of the MPAN", async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(nstpCos({ cssId: SAMPLE.cssRegistrationIds.initial })), futureSwitch, [
      {
        code: 'REG0006',
        rule: 'CssRegistrationIdNotSenders',
        message: `CSS registration id ${SAMPLE.cssRegistrationIds.initial} registers ${BRWE} (BRWE), not the sender ${NSTP} (NSTP)`,
      },
    ]);
    const stranger = '0f0e0d0c-0b0a-4098-8776-655443322110';
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(nstpCos({ service: 'DS', provider: 'SDSB', cssId: stranger })), futureSwitch, [
      { code: 'REG0006', rule: 'CssRegistrationIdNotSenders', message: `CSS registration id ${stranger} is not a registration of MPAN ${futureSwitch}` },
    ]);
  });

  it('REG1032: a COS request effective from another day than the supply start of its CSS registration', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(nstpCos({ from: '2025-06-26' })), futureSwitch, [
      {
        code: 'REG1032',
        rule: 'CosEffectiveFromNotSupplyStart',
        message: `COS MS effective-from date 2025-06-26 is not 2025-06-25, the supply start date of CSS registration ${NSTP_CSS_ID}`,
      },
    ]);
  });

  it.each(['CSP', 'USP'] as const)('REG1033: %s by a supplier that is not the supplier registered on the effective-from date', async (scenario) => {
    const provider = scenario === 'CSP' ? 'MSSB' : 'MSSA';
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ supplier: 'NSTP', scenario, provider })), established, [
      {
        code: 'REG1033',
        rule: 'RequesterNotSupplierOnEffectiveDate',
        message: `${scenario} is only for the supplier registered on 2025-06-20, not ${NSTP} (NSTP): that is ${BRWE} (BRWE)`,
      },
    ]);
  });

  it('REG1025: USP naming a provider other than the appointed one', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ scenario: 'USP', provider: 'MSSB' })), established, [
      {
        code: 'REG1025',
        rule: 'UspNotCurrentProvider',
        message: `USP must name the appointed MS, but proposes ${MSSB} (MSSB): the MS appointed on 2025-06-20 is ${MSSA} (MSSA)`,
      },
    ]);
  });

  it('REG1026: CSP proposing the provider already appointed (MS and DS)', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ provider: 'MSSA' })), established, [
      { code: 'REG1026', rule: 'CspSameProvider', message: `CSP must propose a different MS, but ${MSSA} (MSSA) is already the MS appointed on 2025-06-20` },
    ]);
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ service: 'DS', provider: 'SDSA' })), established, [
      { code: 'REG1026', rule: 'CspSameProvider', message: `CSP must propose a different DS, but ${SDSA} (SDSA) is already the DS appointed on 2025-06-20` },
    ]);
  });

  it('REG1099: effective-from more than 28 days after today (29 days rejected)', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ from: '2025-07-14' })), established, [
      {
        code: 'REG1099',
        rule: 'EffectiveFromTooFarAhead',
        message: `MS effective-from date 2025-07-14 is more than 28 days after today ${TODAY} (latest 2025-07-13)`,
      },
    ]);
  });

  it('REG1034: a gaining supplier (COS) may not backdate its appointment', async () => {
    await rejected(
      t,
      REQUEST_CHANNEL,
      appointmentRequest({ core: pastSwitch, service: 'MS', supplier: 'NSTP', provider: 'MSSB', from: '2025-05-15', scenario: 'COS', cssId: NSTP_CSS_ID }),
      pastSwitch,
      [
        {
          code: 'REG1034',
          rule: 'GainingSupplierBackdated',
          message: `MS effective-from date 2025-05-15 is before today ${TODAY}: a gaining supplier's appointment cannot be backdated`,
        },
      ],
    );
  });

  it('REG1032: an effective-from date-time that is not UK local midnight (00:00Z in BST is 01:00 UK)', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ fromWire: '2025-06-20T00:00:00+00:00' })), established, [
      { code: 'REG1032', rule: 'EffectiveFromNotLocalMidnight', message: 'MS effective-from date 2025-06-20 was not sent as UK local midnight' },
    ]);
  });

  it('REG1032: a gap after the supply start (nobody appointed the day before)', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ core: bare, provider: 'MSSA' })), bare, [
      {
        code: 'REG1032',
        rule: 'AppointmentNotContiguous',
        message: 'MS effective-from date 2025-06-20 leaves a gap: no MS is appointed on 2025-06-19 and the supply start date is 2025-04-02',
      },
    ]);
  });

  it('every broken rule is reported, in the documented order: REG1032 gap before REG1025', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ core: bare, scenario: 'USP', provider: 'MSSA' })), bare, [
      {
        code: 'REG1032',
        rule: 'AppointmentNotContiguous',
        message: 'MS effective-from date 2025-06-20 leaves a gap: no MS is appointed on 2025-06-19 and the supply start date is 2025-04-02',
      },
      { code: 'REG1025', rule: 'UspNotCurrentProvider', message: `USP must name the appointed MS, but proposes ${MSSA} (MSSA): no MS is appointed on 2025-06-20` },
    ]);
  });

  it('REG1031: a provider whose role does not fit the market segment (MSA and ADS on a smart MPAN)', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ provider: 'MSAC' })), established, [
      {
        code: 'REG1031',
        rule: 'ProviderIncompatibleWithSegment',
        message: `proposed MS ${SAMPLE.providers.MSAC} (MSAC) does not hold role MSS on 2025-06-20, the metering service role for market segment S`,
      },
    ]);
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ service: 'DS', provider: 'ADSC' })), established, [
      {
        code: 'REG1031',
        rule: 'ProviderIncompatibleWithSegment',
        message: `proposed DS ${SAMPLE.providers.ADSC} (ADSC) does not hold role SDS on 2025-06-20, the data service role for market segment S`,
      },
    ]);
  });

  it('REG1090: the proposed MPID is not the MPID of the proposed DIP id, or the DIP id is unknown', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ provider: 'MSSB', providerMpid: 'MSSA' })), established, [
      { code: 'REG1090', rule: 'ProposedMsMpidMismatch', message: `proposed MS MPID MSSA does not match DIP id ${MSSB}, whose MPID is MSSB` },
    ]);
    const stranger = SAMPLE.unknownProviderDipId;
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ providerDipId: stranger, providerMpid: 'ZZZZ' })), established, [
      { code: 'REG1090', rule: 'ProposedMsMpidMismatch', message: `proposed MS DIP id ${stranger} is not a known participant, so MPID ZZZZ cannot be its MPID` },
    ]);
  });

  it('REG1092 / REG1093: the proposed provider holds no role of the service', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ provider: 'SDSA' })), established, [
      { code: 'REG1092', rule: 'ProposedMsRoleMissing', message: `proposed MS ${SDSA} (SDSA) holds no metering service role (MSS, MSA, UMSO) on 2025-06-20` },
    ]);
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ service: 'DS', provider: 'MSSB' })), established, [
      { code: 'REG1093', rule: 'ProposedDsRoleMissing', message: `proposed DS ${MSSB} (MSSB) holds no data service role (SDS, ADS, UMSDS) on 2025-06-20` },
    ]);
  });

  it('REG0000: an MPAN the registry does not hold', async () => {
    await rejected(t, REQUEST_CHANNEL, appointmentRequest(csp({ core: unknown })), unknown, [
      { code: 'REG0000', rule: 'MpanUnknown', message: `MPAN ${unknown} is not known to the registry` },
    ]);
    await t.http.get(`/mpans/${unknown}`).expect(404);
  });

  it('the same COS request, correctly quoting the gaining supplier’s registration and start date, is accepted', async () => {
    const request = appointmentRequest(nstpCos());
    const entry = await accepted(t.http, REQUEST_CHANNEL, request);
    expect(entry.outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued']);
    const { snapshot } = await stateOn(t, futureSwitch, TODAY);
    expect(snapshot.pendingAppointments).toEqual([
      expect.objectContaining({ appointmentId: request.key, providerDipId: MSSB, providerRole: 'MSS', requestingSupplierDipId: NSTP, effectiveFromDate: '2025-06-25', appointmentScenario: 'COS', cssRegistrationId: NSTP_CSS_ID, requestedOn: TODAY }),
    ]);
  });
});

describe('REG1089 supersede and the IF-034 answers', () => {
  let t: TestApp;
  const core = mpanCore('19', 6101);
  const first: RequestSpec = { core, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-06-25', scenario: 'CSP' };
  const second: RequestSpec = { ...first, from: '2025-06-26' };
  let firstKey = '';
  let secondKey = '';

  beforeAll(async () => {
    t = await startTestApp();
    await establishedMpan(t, core, PINNED_NOW);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('REG1089: a second request of the same service replaces the pending first (ServiceAppointmentSuperseded)', async () => {
    const a = appointmentRequest(first);
    firstKey = a.key;
    expect((await accepted(t.http, REQUEST_CHANNEL, a)).outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued']);
    const before = (await allEvents(t.http, core)).length;

    const b = appointmentRequest(second);
    secondKey = b.key;
    const entry = await accepted(t.http, REQUEST_CHANNEL, b);
    expect(entry.outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued', 'ServiceAppointmentSuperseded']);
    // Accepted (A) with the informational REG1089 in the acknowledgement's responseMessages.
    expect(entry.outcome!.responseCode).toBe('A');
    expect(entry.outcome!.responseMessages).toEqual([
      {
        code: 'REG1089',
        rule: 'PendingRequestSuperseded',
        message: `MS request ${secondKey} supersedes the pending MS request ${firstKey} (2000000002 (MSSB) from 2025-06-25)`,
      },
    ]);

    const added = (await allEvents(t.http, core)).slice(before);
    expect(added[0]!.data).toMatchObject({ appointmentId: secondKey, effectiveFromDate: '2025-06-26', supersedesAppointmentId: firstKey });
    expect(added[3]!.data).toEqual({ mpanCore: core, appointmentId: firstKey, serviceType: 'MS', supersededByAppointmentId: secondKey });
    // The superseded request gets no publication of its own; the new one gets IF-032 and IF-033.
    expect(publicationsIn(added).map((p) => [p.interfaceId, p.eventCode, p.appointmentId, p.recipients])).toEqual([
      ['IF-032', '[MSAppInitialResp]', secondKey, [`SUP:${BRWE}`]],
      ['IF-033', '[MSAppSPRequest]', secondKey, [`MSS:${MSSB}`]],
    ]);
    const { snapshot } = await stateOn(t, core, TODAY);
    expect((snapshot.pendingAppointments as Array<{ appointmentId: string }>).map((p) => p.appointmentId)).toEqual([secondKey]);
  });

  it('IF-034 answering the superseded proposal: LOC028, the echo differs from the pending request', async () => {
    const answer = acceptanceOf(first);
    await rejected(t, RESPONSE_CHANNEL, answer, core, [
      {
        code: 'LOC028',
        rule: 'PendingAppointmentMismatch',
        message: `the pending MS request ${secondKey} is for ${MSSB} (MSSB) from 2025-06-26 requested by ${BRWE} (BRWE), not for ${MSSB} (MSSB) from 2025-06-25 requested by ${BRWE} (BRWE)`,
      },
    ]);
  });

  it('IF-034 by a provider other than the proposed one: LOC027', async () => {
    await rejected(t, RESPONSE_CHANNEL, acceptanceOf(second, { sender: 'MSSA' }), core, [
      { code: 'LOC027', rule: 'ResponderNotProposedProvider', message: `sender ${MSSA} (MSSA) is not ${MSSB} (MSSB), the proposed MS of pending request ${secondKey}` },
    ]);
  });

  it('IF-034 R by the proposed provider: ServiceAppointmentRejected and IF-035 [MSAppRejected] to the supplier and the provider', async () => {
    const before = (await allEvents(t.http, core)).length;
    const entry = await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(second, { code: 'R', sp: 'SP002 - Proposed Appointment REJECTED' }));
    expect(entry.outcome!.eventTypes).toEqual(['ServiceAppointmentRejected', 'PublicationIssued']);
    const added = (await allEvents(t.http, core)).slice(before);
    expect(added[0]!.data).toEqual({ mpanCore: core, appointmentId: secondKey, serviceType: 'MS', proposedAppointmentResponseCode: 'SP002 - Proposed Appointment REJECTED' });
    expect(publicationsIn(added)).toEqual([
      { interfaceId: 'IF-035', eventCode: '[MSAppRejected]', causedByEventType: 'ServiceAppointmentRejected', appointmentId: secondKey, recipients: [`SUP:${BRWE}`, `MSS:${MSSB}`] },
    ]);
    // Nothing pending any more, and MSSA stays appointed on the date asked for.
    const { snapshot } = await stateOn(t, core, '2025-06-26');
    expect(snapshot.pendingAppointments).toEqual([]);
    expect(snapshot.meteringService).toMatchObject({ effectiveFromDate: '2025-04-02', effectiveToDate: null, value: { providerDipId: MSSA } });
    t.clock.set(PINNED_NOW);
  });

  it('IF-034 with nothing pending: LOC026', async () => {
    await rejected(t, RESPONSE_CHANNEL, acceptanceOf(second), core, [
      { code: 'LOC026', rule: 'NoPendingAppointmentRequest', message: `no MS appointment request is pending for MPAN ${core}` },
    ]);
  });
});

describe('day-start over HTTP: an in-advance change of provider, a lapse, GET and POST /day-start', () => {
  let t: TestApp;
  /** MSSA/SDSA from 2025-04-02; BRWE changes the MS to MSSB from 2025-06-25 (CSP accepted today). */
  const inAdvance = mpanCore('19', 7001);
  /** MSSA/SDSA from 2025-04-02; BRWE asks for MSSB from 2025-06-30 and nobody answers. */
  const lapsing = mpanCore('19', 7002);
  const cspSpec: RequestSpec = { core: inAdvance, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-06-25', scenario: 'CSP' };
  const lapseSpec: RequestSpec = { core: lapsing, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-06-30', scenario: 'CSP' };
  let ids = { brweMs: '', csp: '', lapse: '' };
  let inAdvanceEvents = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const established = await establishedMpan(t, inAdvance, PINNED_NOW);
    await establishedMpan(t, lapsing, PINNED_NOW);
    ids = { brweMs: established.msId, csp: '', lapse: '' };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('GET /day-start before any run: no completed day', async () => {
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: null });
  });

  it.each([['2025-02-30'], ['15/06/2025'], ['2025-6-15'], [20250615], [null], ['']])('POST /day-start with through %p: 400 and nothing run', async (through) => {
    const res = await t.http.post('/day-start').send({ through }).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: `through must be a calendar date YYYY-MM-DD, got ${JSON.stringify(through)}` });
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: null });
  });

  it('a CSP accepted today for a date 10 days ahead: in the timeline from its date, not active before it', async () => {
    const request = appointmentRequest(cspSpec);
    ids.csp = request.key;
    await accepted(t.http, REQUEST_CHANNEL, request);
    const answer = await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(cspSpec));
    // Accepted, not activated: its date has not come.
    expect(answer.outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);

    const { snapshot, timelines } = await stateOn(t, inAdvance, TODAY);
    expect(snapshot.meteringService).toMatchObject({ effectiveFromDate: '2025-04-02', effectiveToDate: '2025-06-24', value: { providerDipId: MSSA, appointmentId: ids.brweMs } });
    expect(timelines.meteringServices).toMatchObject([
      { effectiveFromDate: '2025-04-02', effectiveToDate: '2025-06-24', value: { providerDipId: MSSA } },
      { effectiveFromDate: '2025-06-25', effectiveToDate: null, value: { providerDipId: MSSB, appointmentId: ids.csp, appointmentScenario: 'CSP', requestingSupplierDipId: BRWE } },
    ]);
    t.clock.set(PINNED_NOW);

    // Another request overlapping the accepted one is refused (REG1032 overlap).
    await rejected(t, REQUEST_CHANNEL, appointmentRequest({ ...cspSpec, from: '2025-06-20' }), inAdvance, [
      {
        code: 'REG1032',
        rule: 'AppointmentOverlapsRecorded',
        message: `MS effective-from date 2025-06-20 overlaps the recorded MS appointment of ${MSSB} (MSSB) from 2025-06-25, which starts later`,
      },
    ]);
  });

  it('a request nobody answers (lapse timer from today, the configured 7 days)', async () => {
    expect(t.config.appointmentLapseDays).toBe(7);
    const request = appointmentRequest(lapseSpec);
    ids.lapse = request.key;
    await accepted(t.http, REQUEST_CHANNEL, request);
  });

  it('POST /day-start for a day that has not come: 400 naming today, and nothing run', async () => {
    const res = await t.http.post('/day-start').send({ through: '2025-06-16' }).expect(400);
    expect(res.body.message).toBe(
      'day-start cannot run through 2025-06-16: today is 2025-06-15, and announcing a day before it comes is not allowed',
    );
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: null });
  });

  it('POST /day-start refuses a non-JSON body (415), an array or unknown fields (400), and runs nothing', async () => {
    await t.http.post('/day-start').set('content-type', 'text/plain').send('{"through":"2025-06-15"}').expect(415);
    const array = await t.http.post('/day-start').send([{ through: '2025-06-15' }]).expect(400);
    expect(array.body.message).toBe('the body must be a JSON object: {} or {"through": "YYYY-MM-DD"}');
    const extra = await t.http.post('/day-start').send({ through: '2025-06-15', force: true }).expect(400);
    expect(extra.body.message).toBe('unknown field(s) force: the body takes only "through"');
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: null });
  });

  it('POST /day-start without a body runs today; GET /day-start reports it', async () => {
    t.clock.set(PINNED_NOW);
    expect(await runDayStart(t.http)).toEqual({ fromDate: TODAY, through: TODAY, mpansExamined: 2, mpansChanged: 0, eventsAppended: 0 });
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: TODAY });
    inAdvanceEvents = (await allEvents(t.http, inAdvance)).length;
  });

  it('day-start on requestedOn + 7 days does not lapse the request yet', async () => {
    t.clock.set(during('2025-06-22'));
    expect(await runDayStart(t.http, '2025-06-22')).toEqual({ fromDate: '2025-06-16', through: '2025-06-22', mpansExamined: 2, mpansChanged: 0, eventsAppended: 0 });
    const { snapshot } = await stateOn(t, lapsing, '2025-06-22');
    expect((snapshot.pendingAppointments as Array<{ appointmentId: string }>).map((p) => p.appointmentId)).toEqual([ids.lapse]);
  });

  it('day-start on the day after requestedOn + 7: ServiceAppointmentLapsed NoProviderResponse and IF-035 [MSAppLapsed]', async () => {
    t.clock.set(during('2025-06-23'));
    const before = (await allEvents(t.http, lapsing)).length;
    expect(await runDayStart(t.http, '2025-06-23')).toEqual({ fromDate: '2025-06-23', through: '2025-06-23', mpansExamined: 2, mpansChanged: 1, eventsAppended: 2 });
    const added = (await allEvents(t.http, lapsing)).slice(before);
    expect(added.map((e) => e.type)).toEqual(['ServiceAppointmentLapsed', 'PublicationIssued']);
    expect(added[0]!.data).toEqual({ mpanCore: lapsing, appointmentId: ids.lapse, serviceType: 'MS', reason: 'NoProviderResponse', lapsedOn: '2025-06-23' });
    expect(publicationsIn(added)).toEqual([
      { interfaceId: 'IF-035', eventCode: '[MSAppLapsed]', causedByEventType: 'ServiceAppointmentLapsed', appointmentId: ids.lapse, recipients: [`SUP:${BRWE}`, `MSS:${MSSB}`] },
    ]);
    const { snapshot, timelines } = await stateOn(t, lapsing, '2025-06-23');
    expect(snapshot.pendingAppointments).toEqual([]);
    expect(timelines.meteringServices).toMatchObject([{ effectiveFromDate: '2025-04-02', effectiveToDate: null, value: { providerDipId: MSSA } }]);

    // The provider's late answer finds nothing pending.
    await rejected(t, RESPONSE_CHANNEL, acceptanceOf(lapseSpec), lapsing, [
      { code: 'LOC026', rule: 'NoPendingAppointmentRequest', message: `no MS appointment request is pending for MPAN ${lapsing}` },
    ]);
  });

  it('the in-advance appointment is still not active on the day before its date', async () => {
    t.clock.set(during('2025-06-24'));
    expect(await runDayStart(t.http, '2025-06-24')).toMatchObject({ through: '2025-06-24', eventsAppended: 0 });
    const events = await allEvents(t.http, inAdvance);
    expect(events).toHaveLength(inAdvanceEvents);
    expect(decisionsIn(events).filter((e) => e.type === 'ServiceAppointmentActivated').map((e) => e.data.appointmentId)).not.toContain(ids.csp);
    const { snapshot } = await stateOn(t, inAdvance, '2025-06-24');
    expect(snapshot.meteringService).toMatchObject({ effectiveToDate: '2025-06-24', value: { providerDipId: MSSA } });
  });

  it('day-start on its date activates it (IF-036) and de-appoints the previous provider with CSERV (IF-037)', async () => {
    t.clock.set(during('2025-06-25'));
    expect(await runDayStart(t.http, '2025-06-25')).toEqual({ fromDate: '2025-06-25', through: '2025-06-25', mpansExamined: 1, mpansChanged: 1, eventsAppended: 4 });
    const added = (await allEvents(t.http, inAdvance)).slice(inAdvanceEvents);
    expect(decisionsIn(added).map((e) => e.data)).toEqual([
      { mpanCore: inAdvance, appointmentId: ids.csp, serviceType: 'MS', effectiveFromDate: '2025-06-25', activatedOn: '2025-06-25' },
      {
        mpanCore: inAdvance,
        serviceType: 'MS',
        appointmentId: ids.brweMs,
        providerDipId: MSSA,
        providerMpid: 'MSSA',
        effectiveFromDate: '2025-04-02',
        effectiveToDate: '2025-06-24',
        reason: 'CSERV',
        replacedByAppointmentId: ids.csp,
      },
    ]);
    expect(publicationsIn(added).map((p) => [p.interfaceId, p.eventCode, p.recipients.join(' ')])).toEqual([
      ['IF-036', '[MSAppActive]', [`SUP:${BRWE}`, `MSS:${MSSB}`, `SDS:${SDSA}`, LDSO_19, MDS, EES].join(' ')],
      ['IF-037', '[MSDeApp]', [`SUP:${BRWE}`, `MSS:${MSSA}`, `SDS:${SDSA}`, MDS, LDSO_19, EES].join(' ')],
    ]);
    const { snapshot } = await stateOn(t, inAdvance, '2025-06-25');
    expect(snapshot.meteringService).toMatchObject({ effectiveFromDate: '2025-06-25', effectiveToDate: null, value: { providerDipId: MSSB, appointmentId: ids.csp } });
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: '2025-06-25' });
  });
});
