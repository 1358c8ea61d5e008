import {
  consentGranularityMessage,
  DipMessageJson,
  energisationStatusChangeMessage,
  marketSegmentChangeMessage,
  meterExchangeMessage,
  meterInstallMessage,
  meterRemovalMessage,
  mpanDisconnectionMessage,
  SAMPLE,
  smsoMessage,
} from '@app/dip-wire/testing/fixtures';
import { startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, contractOf, during, RequestSpec, ukMidnightWire } from './support/appointment-messages';
import {
  accepted,
  decisionsIn,
  EES,
  establishedMpan,
  EventView,
  LDSO_19,
  LDSO_CHANNEL,
  MDS,
  publicationsIn,
  REQUEST_CHANNEL,
  RESPONSE_CHANNEL,
  runDayStart,
  stateOn,
} from './support/appointments';
import { AckEntry, allEvents, expectRejected, message, mpanCore, postOne, withValues } from './support/dip';

/**
 * Issue 4 over HTTP, on the real app (SQLite file, clock moved with `clock.set`, day-start only on
 * demand): meters from the metering service (IF-005 → IF-006), energisation (IF-007 → IF-008), a
 * change of market segment Smart → Advanced (REGS-LDSO → IF-044, IF-043; day-start IF-045
 * reminders; SEG re-appointments and CSEGM de-appointments), a disconnection (IF-009, IF-050) and
 * the rejections of each family with their exact code and message. Every MPAN is the established
 * one of `establishedMpan`: distributor 19, Smart, created 2025-04-01, BRWE from 2025-04-02 with
 * MSSA (MSS) and SDSA (SDS) appointed (COS) and active from 2025-04-02.
 */

const METER_CHANNEL = 'IF-005';
const ENERGISATION_CHANNEL = 'IF-007';
const SUPPLIER_DATA_CHANNEL = 'IF-025';

const { MSSA, MSSB, SDSA, MSAC, ADSC } = SAMPLE.providers;
const { BRWE, NSTP } = SAMPLE.suppliers;
const SUP_BRWE = `SUP:${BRWE}`;
const MS_A = `MSS:${MSSA}`;
const DS_A = `SDS:${SDSA}`;
const MSA_C = `MSA:${MSAC}`;
const ADS_C = `ADS:${ADSC}`;
const DCC = 'DCC:9000000005';
const LSS = 'LSS:9000000006';
const REGISTRY = '9000000002';

/** IF-006 recipients on a day MSSA, SDSA and BRWE hold the MPAN: MS, DS, supplier, LDSO, EES. */
const IF006 = [MS_A, DS_A, SUP_BRWE, LDSO_19, EES].join(' ');
/** IF-008 recipients then: MS, DS, supplier, LDSO, MDS, EES. */
const IF008 = [MS_A, DS_A, SUP_BRWE, LDSO_19, MDS, EES].join(' ');

const OLD = SAMPLE.meters.installed;
const NEW = SAMPLE.meters.replacement;

/** A meter as recorded (B033 + B034) for the fixtures' SMETS2 meter with `id`, installed on `day`. */
function meterDetails(id: { meterId: string; esmeGuid: string }, day: string) {
  return {
    meterId: id.meterId,
    meterType: 'S2A',
    manufacturersMakeAndType: 'Landis+Gyr E470 5424',
    esmeGuid: id.esmeGuid,
    meterLocation: 'B',
    numberOfDisplayedRegisterDigits: 6,
    meterInstallationDate: day,
    mapHistory: [{ meterAssetProviderId: SAMPLE.meterAssetProviderId, effectiveFromDate: day }],
  };
}
const OLD_METER = meterDetails(OLD, '2025-04-10');
const NEW_METER = meterDetails(NEW, '2025-09-01');

/** The stream as the event type, or for a publication `<interface> <event code>`. */
const shape = (events: EventView[]) =>
  events.map((e) => (e.type === 'PublicationIssued' ? `${e.data.interfaceId as string} ${e.data.eventCode as string}` : e.type));

/** The publications of `events` as `[interface, event code, cause, "ROLE:dipId ..."]`. */
const published = (events: EventView[]) =>
  publicationsIn(events).map((p) => [p.interfaceId, p.eventCode, p.causedByEventType, p.recipients.join(' ')]);

/** What `establishedMpan` records: creation, registration, MSSA and SDSA requested, accepted and activated. */
const ESTABLISHED = [
  'MpanCreated',
  'IF-050 [MPANCreation]',
  'SupplierRegistered',
  'IF-001 [InitialRegistration]',
  'ServiceAppointmentRequested',
  'IF-032 [MSAppInitialResp]',
  'IF-033 [MSAppSPRequest]',
  'ServiceAppointmentRequested',
  'IF-032 [DSAppInitialResp]',
  'IF-033 [DSAppSPRequest]',
  'ServiceAppointmentAccepted',
  'IF-035 [MSAppAccepted]',
  'ServiceAppointmentActivated',
  'IF-036 [MSAppActive]',
  'ServiceAppointmentAccepted',
  'IF-035 [DSAppAccepted]',
  'ServiceAppointmentActivated',
  'IF-036 [DSAppActive]',
];

/** IF-005 `[MeterInstall]` of the fixtures' SMETS2 meter `id` on `day` (IHD `I` from then), from the MS `sender`. */
function meterInstall(core: string, id: { meterId: string; esmeGuid: string }, day: string, sender: string = MSSA): DipMessageJson {
  const wire = ukMidnightWire(day);
  return withValues(message(meterInstallMessage, { mpanCore: core, senderDipId: sender }), {
    'payload.CustomBlock.B906.existingMeter.meterID': id.meterId,
    'payload.CustomBlock.B906.existingMeter.ESMEGUID': id.esmeGuid,
    'payload.CustomBlock.B906.existingMeter.meterInstallationDate': wire,
    'payload.CustomBlock.B906.historyMAP.0.meterAssetProviderEffectiveFromDate': wire,
    'payload.CustomBlock.B030.IHDEffectiveFromDate': wire,
  });
}

/** IF-005 `[MeterRemoval]` by MSSA of the fixtures' installed meter, removed on `day`. */
const meterRemoval = (core: string, day: string): DipMessageJson =>
  withValues(message(meterRemovalMessage, { mpanCore: core }), { 'payload.CustomBlock.B039.meterRemovalDate': ukMidnightWire(day) });

/** IF-007 `[EnergisationStatusChange]` by MSSA: `status` from `day`. */
const energisation = (core: string, status: 'E' | 'D', day: string): DipMessageJson =>
  withValues(message(energisationStatusChangeMessage, { mpanCore: core }), {
    'payload.CustomBlock.B025.energisationStatus': status,
    'payload.CustomBlock.B025.energisationStatusEffectiveFromDate': ukMidnightWire(day),
  });

/** Moves the clock to 10:00 UTC on `day`. */
const on = (t: TestApp, day: string) => t.clock.set(during(day));

/** An established MPAN on which MSSA installs the fixtures' meter and energises it, both on 2025-04-10. */
async function meteredMpan(t: TestApp, core: string): Promise<{ msId: string; dsId: string }> {
  const ids = await establishedMpan(t, core, during('2025-04-10'));
  on(t, '2025-04-10');
  await accepted(t.http, METER_CHANNEL, message(meterInstallMessage, { mpanCore: core }));
  await accepted(t.http, ENERGISATION_CHANNEL, message(energisationStatusChangeMessage, { mpanCore: core }));
  return ids;
}

type Reason = { code: string; rule: string; message: string };

/** Posts `msg` on `channel`: rejected with exactly `reasons` (in order), naming the revision read, and nothing appended. */
async function rejected(t: TestApp, channel: string, msg: DipMessageJson, core: string, reasons: Reason[]): Promise<AckEntry> {
  const before = await allEvents(t.http, core);
  const entry = await postOne(t.http, channel, msg, 201);
  expectRejected(entry, msg, reasons.map((r) => r.code));
  expect(entry.outcome!.responseMessages).toEqual(reasons);
  expect(entry.outcome).toMatchObject({ streamName: `mpan-${core}`, streamRevision: before[before.length - 1]!.revision });
  expect(await allEvents(t.http, core)).toEqual(before);
  return entry;
}

describe('a meter exchange on an energised Smart MPAN (IF-005 → IF-006, IF-007 → IF-008)', () => {
  let t: TestApp;
  const core = mpanCore('19', 9101);

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
    await establishedMpan(t, core, during('2025-04-10'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the appointed MS installs a smart meter (IF-005 [MeterInstall]) and energises the MPAN (IF-007 E), both on 2025-04-10', async () => {
    on(t, '2025-04-10');
    const install = await accepted(t.http, METER_CHANNEL, message(meterInstallMessage, { mpanCore: core }));
    expect(install.outcome).toMatchObject({ streamRevision: '19', eventTypes: ['MeterInstalled', 'PublicationIssued'] });
    const energise = await accepted(t.http, ENERGISATION_CHANNEL, message(energisationStatusChangeMessage, { mpanCore: core }));
    expect(energise.outcome).toMatchObject({ streamRevision: '21', eventTypes: ['EnergisationStatusChanged', 'PublicationIssued'] });

    const { snapshot } = await stateOn(t, core, '2025-04-10');
    expect(snapshot.meters).toEqual([{ ...OLD_METER, meterRemovalDate: null }]);
    expect(snapshot.energisationStatus).toEqual({ effectiveFromDate: '2025-04-10', effectiveToDate: null, value: 'E' });
    expect(snapshot.ihdInstallStatus).toEqual({ effectiveFromDate: '2025-04-10', effectiveToDate: null, value: 'I' });
  });

  it('later the MS exchanges the meter (IF-005 [MeterExchange] on 2025-09-01): one event, old meter out and new meter in on one date', async () => {
    on(t, '2025-09-01');
    const exchange = await accepted(t.http, METER_CHANNEL, message(meterExchangeMessage, { mpanCore: core }));
    expect(exchange.outcome).toMatchObject({ streamRevision: '23', eventTypes: ['MeterExchanged', 'PublicationIssued'] });
    const events = await allEvents(t.http, core);
    expect(events[22]).toMatchObject({
      type: 'MeterExchanged',
      data: {
        mpanCore: core,
        exchangeDate: '2025-09-01',
        removedMeterId: OLD.meterId,
        removedMeterInstallationDate: '2025-04-10',
        meter: NEW_METER,
        ihd: null,
        meteringServiceDipId: MSSA,
        receivedOn: '2025-09-01',
      },
    });
  });

  it('GET /mpans: exactly the old meter up to the day before the exchange, exactly the new one from the exchange date; energised throughout', async () => {
    expect((await stateOn(t, core, '2025-04-09')).snapshot.meters).toEqual([]);
    for (const day of ['2025-04-10', '2025-08-31']) {
      const { snapshot } = await stateOn(t, core, day);
      expect({ day, meters: snapshot.meters }).toEqual({ day, meters: [{ ...OLD_METER, meterRemovalDate: '2025-09-01' }] });
      expect(snapshot.energisationStatus).toEqual({ effectiveFromDate: '2025-04-10', effectiveToDate: null, value: 'E' });
    }
    for (const day of ['2025-09-01', '2025-09-02']) {
      const { snapshot } = await stateOn(t, core, day);
      expect({ day, meters: snapshot.meters }).toEqual({ day, meters: [{ ...NEW_METER, meterRemovalDate: null }] });
      expect(snapshot.energisationStatus).toEqual({ effectiveFromDate: '2025-04-10', effectiveToDate: null, value: 'E' });
    }
    const { timelines } = await stateOn(t, core, '2025-09-01');
    expect(timelines.meters).toEqual([
      {
        ...OLD_METER,
        meterRemovalDate: '2025-09-01',
        history: [
          { change: 'MeterInstall', receivedOn: '2025-04-10', before: null },
          { change: 'MeterExchange', receivedOn: '2025-09-01', before: { ...OLD_METER, meterRemovalDate: null } },
        ],
      },
      { ...NEW_METER, meterRemovalDate: null, history: [{ change: 'MeterExchange', receivedOn: '2025-09-01', before: null }] },
    ]);
    expect(timelines.energisationStatus).toEqual([
      { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-09', value: 'D' },
      { effectiveFromDate: '2025-04-10', effectiveToDate: null, value: 'E' },
    ]);
  });

  it('the whole stream, and IF-006 / IF-008 to the MS, DS, supplier, LDSO (and MDS), EES on the event date', async () => {
    const events = await allEvents(t.http, core);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => String(i)));
    expect(shape(events)).toEqual([
      ...ESTABLISHED,
      'MeterInstalled',
      'IF-006 [MeterInstall]',
      'EnergisationStatusChanged',
      'IF-008 [EnergisationStatusChange]',
      'MeterExchanged',
      'IF-006 [MeterExchange]',
    ]);
    expect(published(events.slice(ESTABLISHED.length))).toEqual([
      ['IF-006', '[MeterInstall]', 'MeterInstalled', IF006],
      ['IF-008', '[EnergisationStatusChange]', 'EnergisationStatusChanged', IF008],
      ['IF-006', '[MeterExchange]', 'MeterExchanged', IF006],
    ]);
    expect(decisionsIn(events.slice(ESTABLISHED.length)).map((e) => e.data)).toEqual([
      {
        mpanCore: core,
        meter: OLD_METER,
        ihd: { ihdInstallStatus: 'I', effectiveFromDate: '2025-04-10' },
        meteringServiceDipId: MSSA,
        receivedOn: '2025-04-10',
      },
      {
        mpanCore: core,
        energisationStatus: 'E',
        effectiveFromDate: '2025-04-10',
        previousEnergisationStatus: 'D',
        meteringServiceDipId: MSSA,
        receivedOn: '2025-04-10',
      },
      expect.objectContaining({ exchangeDate: '2025-09-01' }),
    ]);
    // Each publication is appended with the event that caused it, under the same message.
    for (const [i, e] of events.entries()) {
      if (e.type === 'PublicationIssued') expect(e.metadata.messageKey).toBe(events[i - 1]!.metadata.messageKey);
    }
  });
});

describe('a de-energisation and a re-energisation (IF-007 D then E → IF-008)', () => {
  let t: TestApp;
  const core = mpanCore('19', 9201);
  let before: EventView[] = [];

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
    await meteredMpan(t, core);
    before = await allEvents(t.http, core);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the MS de-energises from 2025-06-01 and re-energises from 2025-06-10, each accepted with its IF-008', async () => {
    on(t, '2025-06-01');
    const off = await accepted(t.http, ENERGISATION_CHANNEL, energisation(core, 'D', '2025-06-01'));
    expect(off.outcome).toMatchObject({ streamRevision: String(before.length + 1), eventTypes: ['EnergisationStatusChanged', 'PublicationIssued'] });
    on(t, '2025-06-10');
    const back = await accepted(t.http, ENERGISATION_CHANNEL, energisation(core, 'E', '2025-06-10'));
    expect(back.outcome).toMatchObject({ streamRevision: String(before.length + 3), eventTypes: ['EnergisationStatusChanged', 'PublicationIssued'] });

    const added = (await allEvents(t.http, core)).slice(before.length);
    expect(shape(added)).toEqual([
      'EnergisationStatusChanged',
      'IF-008 [EnergisationStatusChange]',
      'EnergisationStatusChanged',
      'IF-008 [EnergisationStatusChange]',
    ]);
    expect(decisionsIn(added).map((e) => e.data)).toEqual([
      { mpanCore: core, energisationStatus: 'D', effectiveFromDate: '2025-06-01', previousEnergisationStatus: 'E', meteringServiceDipId: MSSA, receivedOn: '2025-06-01' },
      { mpanCore: core, energisationStatus: 'E', effectiveFromDate: '2025-06-10', previousEnergisationStatus: 'D', meteringServiceDipId: MSSA, receivedOn: '2025-06-10' },
    ]);
    expect(published(added)).toEqual([
      ['IF-008', '[EnergisationStatusChange]', 'EnergisationStatusChanged', IF008],
      ['IF-008', '[EnergisationStatusChange]', 'EnergisationStatusChanged', IF008],
    ]);
  });

  it('GET /mpans on each date: energised to 2025-05-31, de-energised 2025-06-01 … 2025-06-09, energised again from 2025-06-10', async () => {
    const expected: Array<[string, { effectiveFromDate: string; effectiveToDate: string | null; value: string }]> = [
      ['2025-05-31', { effectiveFromDate: '2025-04-10', effectiveToDate: '2025-05-31', value: 'E' }],
      ['2025-06-01', { effectiveFromDate: '2025-06-01', effectiveToDate: '2025-06-09', value: 'D' }],
      ['2025-06-09', { effectiveFromDate: '2025-06-01', effectiveToDate: '2025-06-09', value: 'D' }],
      ['2025-06-10', { effectiveFromDate: '2025-06-10', effectiveToDate: null, value: 'E' }],
    ];
    for (const [day, period] of expected) {
      const { snapshot } = await stateOn(t, core, day);
      expect({ day, status: snapshot.energisationStatus }).toEqual({ day, status: period });
      // The meter stays installed throughout.
      expect({ day, meters: (snapshot.meters as Array<{ meterId: string }>).map((m) => m.meterId) }).toEqual({ day, meters: [OLD.meterId] });
    }
    const { timelines } = await stateOn(t, core, '2025-06-10');
    expect(timelines.energisationStatus).toEqual([
      { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-09', value: 'D' },
      { effectiveFromDate: '2025-04-10', effectiveToDate: '2025-05-31', value: 'E' },
      { effectiveFromDate: '2025-06-01', effectiveToDate: '2025-06-09', value: 'D' },
      { effectiveFromDate: '2025-06-10', effectiveToDate: null, value: 'E' },
    ]);
  });

  it('energising again while energised: LOC022 naming the status and the date, nothing appended', async () => {
    on(t, '2025-06-12');
    await rejected(t, ENERGISATION_CHANNEL, energisation(core, 'E', '2025-06-12'), core, [
      { code: 'LOC022', rule: 'NoChange', message: 'energisation status is already E on 2025-06-12' },
    ]);
  });
});

describe('a change of market segment Smart → Advanced: IF-044/IF-043, IF-045 reminders, SEG re-appointments, CSEGM de-appointments', () => {
  let t: TestApp;
  /** Its supplier re-appoints only after day-start has reminded it for three days. */
  const late = mpanCore('19', 9301);
  /** Its supplier re-appoints ahead of the segment change date. */
  const ahead = mpanCore('19', 9302);
  const SEGMENT_DATE = '2025-06-10';
  const THE_DAY_BEFORE = '2025-06-09';
  const ids = { late: { msId: '', dsId: '' }, ahead: { msId: '', dsId: '' } };
  const segKeys = { late: { ms: '', ds: '' }, ahead: { ms: '', ds: '' } };
  const seg = (core: string, service: 'MS' | 'DS'): RequestSpec => ({
    core,
    service,
    supplier: 'BRWE',
    provider: service === 'MS' ? 'MSAC' : 'ADSC',
    from: SEGMENT_DATE,
    scenario: 'SEG',
  });
  const segAcceptance = (core: string, service: 'MS' | 'DS') => acceptanceOf(seg(core, service), { senderRole: service === 'MS' ? 'MSA' : 'ADS' });
  let lateBefore: EventView[] = [];
  let aheadBefore: EventView[] = [];
  const dayStartKey = (day: string) => `${REGISTRY}:day-start-${day}@${during(day).replace('Z', '.000Z')}`;

  /** The appointed-service value of an appointment as the snapshot shows it. */
  const appointed = (appointmentId: string, provider: 'MSSA' | 'SDSA' | 'MSAC' | 'ADSC', providerRole: string, scenario: 'COS' | 'SEG', contractReference: string) => ({
    appointmentId,
    providerDipId: SAMPLE.providers[provider],
    providerMpid: provider,
    providerRole,
    requestingSupplierDipId: BRWE,
    requestingSupplierMpid: 'BRWE',
    appointmentScenario: scenario,
    contractReference,
  });

  /** The reminders of one day on `late` while MSSA (MSS) and SDSA (SDS) no longer fit segment A. */
  function remindersOn(day: string) {
    const providers = [
      { serviceType: 'MS', appointmentId: ids.late.msId, providerDipId: MSSA, providerMpid: 'MSSA', providerRole: 'MSS', requiredRole: 'MSA' },
      { serviceType: 'DS', appointmentId: ids.late.dsId, providerDipId: SDSA, providerMpid: 'SDSA', providerRole: 'SDS', requiredRole: 'ADS' },
    ];
    const base = { mpanCore: late, settlementDate: day, marketSegment: 'A', supplierDipId: BRWE };
    const ms = `the appointed MS ${MSSA} (MSSA) acts as MSS, not MSA`;
    const ds = `the appointed DS ${SDSA} (SDSA) acts as SDS, not ADS`;
    return [
      {
        ...base,
        reminder: 'InvalidMarketSegment',
        serviceType: null,
        providers,
        additionalInformation: `the market segment of MPAN ${late} is A from ${SEGMENT_DATE}, but ${ms} and ${ds}: re-appoint with scenario SEG from ${SEGMENT_DATE}`,
      },
      {
        ...base,
        reminder: 'NoMSAppointed',
        serviceType: 'MS',
        providers: [providers[0]],
        additionalInformation: `no metering service fit for market segment A is appointed on ${day}: ${ms}; appoint a provider acting as MSA with scenario SEG from ${SEGMENT_DATE}`,
      },
      {
        ...base,
        reminder: 'NoDSAppointed',
        serviceType: 'DS',
        providers: [providers[1]],
        additionalInformation: `no data service fit for market segment A is appointed on ${day}: ${ds}; appoint a provider acting as ADS with scenario SEG from ${SEGMENT_DATE}`,
      },
    ];
  }
  const REMINDER_SHAPE = [
    'RegistrationReminderIssued',
    'IF-045 [InvalidMarketSegment]',
    'RegistrationReminderIssued',
    'IF-045 [NoMSAppointed]',
    'RegistrationReminderIssued',
    'IF-045 [NoDSAppointed]',
  ];
  const REMINDER_PUBLICATIONS = [
    ['IF-045', '[InvalidMarketSegment]', 'RegistrationReminderIssued', [SUP_BRWE, MS_A, DS_A].join(' ')],
    ['IF-045', '[NoMSAppointed]', 'RegistrationReminderIssued', [SUP_BRWE, MS_A].join(' ')],
    ['IF-045', '[NoDSAppointed]', 'RegistrationReminderIssued', [SUP_BRWE, DS_A].join(' ')],
  ];

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
    ids.late = await establishedMpan(t, late, during('2025-06-02'));
    ids.ahead = await establishedMpan(t, ahead, during('2025-06-02'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the LDSO changes both MPANs to Advanced from 2025-06-10 with an LV CT connection (REGS-LDSO [MarketSegmentChange], 2025-06-02)', async () => {
    on(t, '2025-06-02');
    for (const core of [late, ahead]) {
      const before = await allEvents(t.http, core);
      const msg = withValues(message(marketSegmentChangeMessage, { mpanCore: core }), {
        'payload.CustomBlock.B026.marketSegmentIndicatorEffectiveFromDate': ukMidnightWire(SEGMENT_DATE),
        'payload.CustomBlock.B023.connectionTypeEffectiveFromDate': ukMidnightWire(SEGMENT_DATE),
      });
      const entry = await accepted(t.http, LDSO_CHANNEL, msg);
      expect(entry.outcome!.eventTypes).toEqual(['MarketSegmentChanged', 'PublicationIssued', 'ConnectionTypeChanged', 'PublicationIssued']);
      const added = (await allEvents(t.http, core)).slice(before.length);
      const mine = core === late ? ids.late : ids.ahead;
      expect(decisionsIn(added).map((e) => e.data)).toEqual([
        {
          mpanCore: core,
          marketSegment: 'A',
          effectiveFromDate: SEGMENT_DATE,
          previousMarketSegment: 'S',
          incompatibleAppointments: [
            { serviceType: 'MS', appointmentId: mine.msId, providerDipId: MSSA, providerMpid: 'MSSA', providerRole: 'MSS', requiredRole: 'MSA' },
            { serviceType: 'DS', appointmentId: mine.dsId, providerDipId: SDSA, providerMpid: 'SDSA', providerRole: 'SDS', requiredRole: 'ADS' },
          ],
        },
        { mpanCore: core, connectionType: 'L', meteredIndicator: true, effectiveFromDate: SEGMENT_DATE, previousConnectionType: 'W' },
      ]);
      // IF-044 to the supplier, MDS, LDSO, EES on the segment date; IF-043 to the DCC.
      expect(published(added)).toEqual([
        ['IF-044', '[MarketSegmentChange]', 'MarketSegmentChanged', [SUP_BRWE, MDS, LDSO_19, EES].join(' ')],
        ['IF-043', '[ConnectionTypeChange]', 'ConnectionTypeChanged', DCC],
      ]);
    }
  });

  it('the supplier of one MPAN re-appoints ahead: SEG for MSAC (MSA) and ADSC (ADS) from 2025-06-10, accepted on 2025-06-04, not active yet', async () => {
    on(t, '2025-06-03');
    const ms = appointmentRequest(seg(ahead, 'MS'));
    const ds = appointmentRequest(seg(ahead, 'DS'));
    segKeys.ahead = { ms: ms.key, ds: ds.key };
    expect((await accepted(t.http, REQUEST_CHANNEL, ms)).outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued']);
    expect((await accepted(t.http, REQUEST_CHANNEL, ds)).outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued']);
    on(t, '2025-06-04');
    expect((await accepted(t.http, RESPONSE_CHANNEL, segAcceptance(ahead, 'MS'))).outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);
    expect((await accepted(t.http, RESPONSE_CHANNEL, segAcceptance(ahead, 'DS'))).outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);
    const events = await allEvents(t.http, ahead);
    expect(published(events).slice(-6)).toEqual([
      ['IF-032', '[MSAppInitialResp]', 'ServiceAppointmentRequested', SUP_BRWE],
      ['IF-033', '[MSAppSPRequest]', 'ServiceAppointmentRequested', MSA_C],
      ['IF-032', '[DSAppInitialResp]', 'ServiceAppointmentRequested', SUP_BRWE],
      ['IF-033', '[DSAppSPRequest]', 'ServiceAppointmentRequested', ADS_C],
      ['IF-035', '[MSAppAccepted]', 'ServiceAppointmentAccepted', `${SUP_BRWE} ${MSA_C}`],
      ['IF-035', '[DSAppAccepted]', 'ServiceAppointmentAccepted', `${SUP_BRWE} ${ADS_C}`],
    ]);
    // Accepted for a later date: in the timeline from 2025-06-10, activated by day-start then.
    expect(decisionsIn(events).filter((e) => e.type === 'ServiceAppointmentActivated').map((e) => e.data.appointmentId)).toEqual([ids.ahead.msId, ids.ahead.dsId]);
  });

  it('day-start before the segment change date reminds nobody (2025-06-09)', async () => {
    lateBefore = await allEvents(t.http, late);
    aheadBefore = await allEvents(t.http, ahead);
    on(t, THE_DAY_BEFORE);
    expect(await runDayStart(t.http, THE_DAY_BEFORE)).toEqual({ fromDate: THE_DAY_BEFORE, through: THE_DAY_BEFORE, mpansExamined: 2, mpansChanged: 0, eventsAppended: 0 });
    expect(await allEvents(t.http, late)).toEqual(lateBefore);
    expect(await allEvents(t.http, ahead)).toEqual(aheadBefore);
  });

  it('day-start on 2025-06-10 activates the SEG appointments made ahead and de-appoints MSSA and SDSA with CSEGM (to 2025-06-09), and reminds the other supplier (IF-045)', async () => {
    on(t, SEGMENT_DATE);
    expect(await runDayStart(t.http, SEGMENT_DATE)).toEqual({ fromDate: SEGMENT_DATE, through: SEGMENT_DATE, mpansExamined: 2, mpansChanged: 2, eventsAppended: 8 + 6 });

    const aheadAdded = (await allEvents(t.http, ahead)).slice(aheadBefore.length);
    expect(shape(aheadAdded)).toEqual([
      'ServiceAppointmentActivated',
      'IF-036 [MSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [MSDeApp]',
      'ServiceAppointmentActivated',
      'IF-036 [DSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [DSDeApp]',
    ]);
    expect(decisionsIn(aheadAdded).map((e) => e.data)).toEqual([
      { mpanCore: ahead, appointmentId: segKeys.ahead.ms, serviceType: 'MS', effectiveFromDate: SEGMENT_DATE, activatedOn: SEGMENT_DATE },
      {
        mpanCore: ahead,
        serviceType: 'MS',
        appointmentId: ids.ahead.msId,
        providerDipId: MSSA,
        providerMpid: 'MSSA',
        effectiveFromDate: '2025-04-02',
        effectiveToDate: THE_DAY_BEFORE,
        reason: 'CSEGM',
        replacedByAppointmentId: segKeys.ahead.ms,
      },
      { mpanCore: ahead, appointmentId: segKeys.ahead.ds, serviceType: 'DS', effectiveFromDate: SEGMENT_DATE, activatedOn: SEGMENT_DATE },
      {
        mpanCore: ahead,
        serviceType: 'DS',
        appointmentId: ids.ahead.dsId,
        providerDipId: SDSA,
        providerMpid: 'SDSA',
        effectiveFromDate: '2025-04-02',
        effectiveToDate: THE_DAY_BEFORE,
        reason: 'CSEGM',
        replacedByAppointmentId: segKeys.ahead.ds,
      },
    ]);
    const active = [SUP_BRWE, MSA_C, ADS_C, LDSO_19, MDS, EES].join(' ');
    expect(published(aheadAdded)).toEqual([
      ['IF-036', '[MSAppActive]', 'ServiceAppointmentActivated', active],
      ['IF-037', '[MSDeApp]', 'ServiceProviderDeappointed', [SUP_BRWE, MS_A, DS_A, ADS_C, MDS, LDSO_19, EES].join(' ')],
      ['IF-036', '[DSAppActive]', 'ServiceAppointmentActivated', active],
      ['IF-037', '[DSDeApp]', 'ServiceProviderDeappointed', [SUP_BRWE, DS_A, MS_A, MSA_C, MDS, LDSO_19, EES].join(' ')],
    ]);
    for (const e of aheadAdded) expect(e.metadata).toMatchObject({ senderDipId: REGISTRY, senderRoleId: 'REGS', channelId: 'REGS-DAY-START', messageKey: dayStartKey(SEGMENT_DATE) });

    const lateAdded = (await allEvents(t.http, late)).slice(lateBefore.length);
    expect(shape(lateAdded)).toEqual(REMINDER_SHAPE);
    expect(decisionsIn(lateAdded).map((e) => e.data)).toEqual(remindersOn(SEGMENT_DATE));
    expect(published(lateAdded)).toEqual(REMINDER_PUBLICATIONS);
    for (const e of lateAdded) expect(e.metadata.messageKey).toBe(dayStartKey(SEGMENT_DATE));
  });

  it('day-start reminds again on each following day until the supplier re-appoints (2025-06-11, 2025-06-12)', async () => {
    for (const day of ['2025-06-11', '2025-06-12']) {
      const before = await allEvents(t.http, late);
      const aheadNow = await allEvents(t.http, ahead);
      on(t, day);
      expect(await runDayStart(t.http, day)).toEqual({ fromDate: day, through: day, mpansExamined: 1, mpansChanged: 1, eventsAppended: 6 });
      const added = (await allEvents(t.http, late)).slice(before.length);
      expect(shape(added)).toEqual(REMINDER_SHAPE);
      expect(decisionsIn(added).map((e) => e.data)).toEqual(remindersOn(day));
      expect(published(added)).toEqual(REMINDER_PUBLICATIONS);
      expect(await allEvents(t.http, ahead)).toEqual(aheadNow);
    }
  });

  it('on 2025-06-12 the reminded supplier re-appoints with SEG from the segment date; each acceptance activates at once and de-appoints the old provider with CSEGM', async () => {
    on(t, '2025-06-12');
    const before = await allEvents(t.http, late);
    const ms = appointmentRequest(seg(late, 'MS'));
    const ds = appointmentRequest(seg(late, 'DS'));
    segKeys.late = { ms: ms.key, ds: ds.key };
    await accepted(t.http, REQUEST_CHANNEL, ms);
    await accepted(t.http, REQUEST_CHANNEL, ds);
    const activatedAtOnce = ['ServiceAppointmentAccepted', 'PublicationIssued', 'ServiceAppointmentActivated', 'PublicationIssued', 'ServiceProviderDeappointed', 'PublicationIssued'];
    expect((await accepted(t.http, RESPONSE_CHANNEL, segAcceptance(late, 'MS'))).outcome!.eventTypes).toEqual(activatedAtOnce);
    expect((await accepted(t.http, RESPONSE_CHANNEL, segAcceptance(late, 'DS'))).outcome!.eventTypes).toEqual(activatedAtOnce);

    const added = (await allEvents(t.http, late)).slice(before.length);
    expect(shape(added)).toEqual([
      'ServiceAppointmentRequested',
      'IF-032 [MSAppInitialResp]',
      'IF-033 [MSAppSPRequest]',
      'ServiceAppointmentRequested',
      'IF-032 [DSAppInitialResp]',
      'IF-033 [DSAppSPRequest]',
      'ServiceAppointmentAccepted',
      'IF-035 [MSAppAccepted]',
      'ServiceAppointmentActivated',
      'IF-036 [MSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [MSDeApp]',
      'ServiceAppointmentAccepted',
      'IF-035 [DSAppAccepted]',
      'ServiceAppointmentActivated',
      'IF-036 [DSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [DSDeApp]',
    ]);
    expect(decisionsIn(added).filter((e) => e.type === 'ServiceAppointmentRequested').map((e) => [e.data.appointmentScenario, e.data.providerMpid, e.data.providerRole, e.data.effectiveFromDate, e.data.requestedOn])).toEqual([
      ['SEG', 'MSAC', 'MSA', SEGMENT_DATE, '2025-06-12'],
      ['SEG', 'ADSC', 'ADS', SEGMENT_DATE, '2025-06-12'],
    ]);
    expect(decisionsIn(added).filter((e) => e.type !== 'ServiceAppointmentRequested').map((e) => e.data)).toEqual([
      { mpanCore: late, appointmentId: segKeys.late.ms, serviceType: 'MS', proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' },
      { mpanCore: late, appointmentId: segKeys.late.ms, serviceType: 'MS', effectiveFromDate: SEGMENT_DATE, activatedOn: '2025-06-12' },
      {
        mpanCore: late,
        serviceType: 'MS',
        appointmentId: ids.late.msId,
        providerDipId: MSSA,
        providerMpid: 'MSSA',
        effectiveFromDate: '2025-04-02',
        effectiveToDate: THE_DAY_BEFORE,
        reason: 'CSEGM',
        replacedByAppointmentId: segKeys.late.ms,
      },
      { mpanCore: late, appointmentId: segKeys.late.ds, serviceType: 'DS', proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' },
      { mpanCore: late, appointmentId: segKeys.late.ds, serviceType: 'DS', effectiveFromDate: SEGMENT_DATE, activatedOn: '2025-06-12' },
      {
        mpanCore: late,
        serviceType: 'DS',
        appointmentId: ids.late.dsId,
        providerDipId: SDSA,
        providerMpid: 'SDSA',
        effectiveFromDate: '2025-04-02',
        effectiveToDate: THE_DAY_BEFORE,
        reason: 'CSEGM',
        replacedByAppointmentId: segKeys.late.ds,
      },
    ]);
    expect(published(added)).toEqual([
      ['IF-032', '[MSAppInitialResp]', 'ServiceAppointmentRequested', SUP_BRWE],
      ['IF-033', '[MSAppSPRequest]', 'ServiceAppointmentRequested', MSA_C],
      ['IF-032', '[DSAppInitialResp]', 'ServiceAppointmentRequested', SUP_BRWE],
      ['IF-033', '[DSAppSPRequest]', 'ServiceAppointmentRequested', ADS_C],
      ['IF-035', '[MSAppAccepted]', 'ServiceAppointmentAccepted', `${SUP_BRWE} ${MSA_C}`],
      // When the MS is activated, SDSA is still the DS on the segment date.
      ['IF-036', '[MSAppActive]', 'ServiceAppointmentActivated', [SUP_BRWE, MSA_C, DS_A, LDSO_19, MDS, EES].join(' ')],
      ['IF-037', '[MSDeApp]', 'ServiceProviderDeappointed', [SUP_BRWE, MS_A, DS_A, MDS, LDSO_19, EES].join(' ')],
      ['IF-035', '[DSAppAccepted]', 'ServiceAppointmentAccepted', `${SUP_BRWE} ${ADS_C}`],
      ['IF-036', '[DSAppActive]', 'ServiceAppointmentActivated', [SUP_BRWE, MSA_C, ADS_C, LDSO_19, MDS, EES].join(' ')],
      ['IF-037', '[DSDeApp]', 'ServiceProviderDeappointed', [SUP_BRWE, DS_A, MS_A, MSA_C, MDS, LDSO_19, EES].join(' ')],
    ]);
  });

  it('the reminders stop: day-start on the following days appends nothing', async () => {
    const lateNow = await allEvents(t.http, late);
    const aheadNow = await allEvents(t.http, ahead);
    on(t, '2025-06-13');
    expect(await runDayStart(t.http, '2025-06-13')).toEqual({ fromDate: '2025-06-13', through: '2025-06-13', mpansExamined: 1, mpansChanged: 0, eventsAppended: 0 });
    on(t, '2025-06-14');
    expect(await runDayStart(t.http, '2025-06-14')).toEqual({ fromDate: '2025-06-14', through: '2025-06-14', mpansExamined: 0, mpansChanged: 0, eventsAppended: 0 });
    expect(await allEvents(t.http, late)).toEqual(lateNow);
    expect(await allEvents(t.http, ahead)).toEqual(aheadNow);
    expect(decisionsIn(lateNow).filter((e) => e.type === 'RegistrationReminderIssued').map((e) => e.data.settlementDate)).toEqual([
      ...Array(3).fill(SEGMENT_DATE),
      ...Array(3).fill('2025-06-11'),
      ...Array(3).fill('2025-06-12'),
    ]);
    expect(decisionsIn(aheadNow).filter((e) => e.type === 'RegistrationReminderIssued')).toEqual([]);
  });

  it('GET /mpans: Smart with MSSA and SDSA up to 2025-06-09, Advanced with MSAC (MSA) and ADSC (ADS) from 2025-06-10, on both MPANs', async () => {
    for (const [core, mine, keys] of [
      [late, ids.late, segKeys.late],
      [ahead, ids.ahead, segKeys.ahead],
    ] as const) {
      const cosMs = appointed(mine.msId, 'MSSA', 'MSS', 'COS', contractOf({ supplier: 'BRWE', provider: 'MSSA', from: '2025-04-02' }));
      const cosDs = appointed(mine.dsId, 'SDSA', 'SDS', 'COS', contractOf({ supplier: 'BRWE', provider: 'SDSA', from: '2025-04-02' }));
      const segMs = appointed(keys.ms, 'MSAC', 'MSA', 'SEG', contractOf(seg(core, 'MS')));
      const segDs = appointed(keys.ds, 'ADSC', 'ADS', 'SEG', contractOf(seg(core, 'DS')));

      const before = await stateOn(t, core, THE_DAY_BEFORE);
      expect(before.snapshot).toMatchObject({
        marketSegment: { effectiveFromDate: '2025-04-01', effectiveToDate: THE_DAY_BEFORE, value: 'S' },
        connectionType: { effectiveFromDate: '2025-04-01', effectiveToDate: THE_DAY_BEFORE, value: 'W' },
        meteringService: { effectiveFromDate: '2025-04-02', effectiveToDate: THE_DAY_BEFORE, value: cosMs },
        dataService: { effectiveFromDate: '2025-04-02', effectiveToDate: THE_DAY_BEFORE, value: cosDs },
      });
      const from = await stateOn(t, core, SEGMENT_DATE);
      expect(from.snapshot).toMatchObject({
        marketSegment: { effectiveFromDate: SEGMENT_DATE, effectiveToDate: null, value: 'A' },
        connectionType: { effectiveFromDate: SEGMENT_DATE, effectiveToDate: null, value: 'L' },
        meteringService: { effectiveFromDate: SEGMENT_DATE, effectiveToDate: null, value: segMs },
        dataService: { effectiveFromDate: SEGMENT_DATE, effectiveToDate: null, value: segDs },
        pendingAppointments: [],
      });
      expect(from.timelines.meteringServices).toEqual([
        { effectiveFromDate: '2025-04-02', effectiveToDate: THE_DAY_BEFORE, value: cosMs },
        { effectiveFromDate: SEGMENT_DATE, effectiveToDate: null, value: segMs },
      ]);
      expect(from.timelines.dataServices).toEqual([
        { effectiveFromDate: '2025-04-02', effectiveToDate: THE_DAY_BEFORE, value: cosDs },
        { effectiveFromDate: SEGMENT_DATE, effectiveToDate: null, value: segDs },
      ]);
    }
  });
});

describe('a disconnection (REGS-LDSO [MPANDisconnection]) followed by a rejected meter install', () => {
  let t: TestApp;
  const core = mpanCore('19', 9401);
  const DISCONNECTION = '2025-06-01';

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
    await meteredMpan(t, core);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the LDSO disconnects the MPAN from 2025-06-01 (IF-009 and IF-050 [MPStatusChange])', async () => {
    on(t, '2025-05-28');
    const before = await allEvents(t.http, core);
    const msg = withValues(message(mpanDisconnectionMessage, { mpanCore: core }), {
      'payload.CustomBlock.B041.disconnectionEffectiveFromDate': ukMidnightWire(DISCONNECTION),
    });
    const entry = await accepted(t.http, LDSO_CHANNEL, msg);
    expect(entry.outcome!.eventTypes).toEqual(['MpanDisconnected', 'PublicationIssued', 'PublicationIssued']);
    const added = (await allEvents(t.http, core)).slice(before.length);
    expect(decisionsIn(added).map((e) => e.data)).toEqual([
      { mpanCore: core, effectiveFromDate: DISCONNECTION, additionalInformation: 'Premises demolished; service cable removed at the cut-out.', mpStatus: 'X' },
    ]);
    expect(published(added)).toEqual([
      ['IF-009', '[MPANDisconnection]', 'MpanDisconnected', [SUP_BRWE, LDSO_19, MDS, EES].join(' ')],
      ['IF-050', '[MPStatusChange]', 'MpanDisconnected', EES],
    ]);
  });

  it('after the disconnection the MS may still remove the meter and de-energise (2025-06-02)', async () => {
    on(t, '2025-06-02');
    const before = await allEvents(t.http, core);
    expect((await accepted(t.http, METER_CHANNEL, meterRemoval(core, '2025-06-02'))).outcome!.eventTypes).toEqual(['MeterRemoved', 'PublicationIssued']);
    expect((await accepted(t.http, ENERGISATION_CHANNEL, energisation(core, 'D', '2025-06-02'))).outcome!.eventTypes).toEqual(['EnergisationStatusChanged', 'PublicationIssued']);
    const added = (await allEvents(t.http, core)).slice(before.length);
    expect(decisionsIn(added).map((e) => e.data)).toEqual([
      { mpanCore: core, meterId: OLD.meterId, meterInstallationDate: '2025-04-10', meterRemovalDate: '2025-06-02', meteringServiceDipId: MSSA, receivedOn: '2025-06-02' },
      { mpanCore: core, energisationStatus: 'D', effectiveFromDate: '2025-06-02', previousEnergisationStatus: 'E', meteringServiceDipId: MSSA, receivedOn: '2025-06-02' },
    ]);
    expect(published(added)).toEqual([
      ['IF-006', '[MeterRemoval]', 'MeterRemoved', IF006],
      ['IF-008', '[EnergisationStatusChange]', 'EnergisationStatusChanged', IF008],
    ]);
  });

  it('a meter install dated after the disconnection: REG1001 naming the disconnection date and REG1007 naming both dates; nothing appended', async () => {
    on(t, '2025-06-03');
    await rejected(t, METER_CHANNEL, meterInstall(core, NEW, '2025-06-03'), core, [
      {
        code: 'REG1001',
        rule: 'MpanDisconnected',
        message: `MPAN ${core} is disconnected (MP status X) from ${DISCONNECTION}: [MeterInstall] is not accepted after disconnection`,
      },
      {
        code: 'REG1007',
        rule: 'MeterInstallationWhileDisconnected',
        message: `installation date 2025-06-03 for meter ${NEW.meterId} is not before the disconnection date ${DISCONNECTION} of MPAN ${core}`,
      },
    ]);
  });

  it('a meter install dated before the disconnection but sent after it: REG1001 alone; nothing appended', async () => {
    on(t, '2025-06-03');
    const other = { meterId: '25P0777777', esmeGuid: '00-1B-6A-FF-FE-07-77-77' };
    await rejected(t, METER_CHANNEL, meterInstall(core, other, '2025-05-20'), core, [
      {
        code: 'REG1001',
        rule: 'MpanDisconnected',
        message: `MPAN ${core} is disconnected (MP status X) from ${DISCONNECTION}: [MeterInstall] is not accepted after disconnection`,
      },
    ]);
  });

  it('GET /mpans: disconnected from 2025-06-01, no meter and de-energised from 2025-06-02', async () => {
    const { snapshot } = await stateOn(t, core, '2025-06-03');
    expect(snapshot.disconnectionStatus).toEqual({ effectiveFromDate: DISCONNECTION, effectiveToDate: null, value: 'Disconnected' });
    expect(snapshot.meters).toEqual([]);
    expect(snapshot.energisationStatus).toEqual({ effectiveFromDate: '2025-06-02', effectiveToDate: null, value: 'D' });
    const earlier = await stateOn(t, core, '2025-05-31');
    expect(earlier.snapshot.disconnectionStatus).toBeNull();
    expect(earlier.snapshot.meters).toEqual([{ ...OLD_METER, meterRemovalDate: '2025-06-02' }]);
  });
});

describe('rejections per family: the exact code and message, nothing appended', () => {
  let t: TestApp;
  const core = mpanCore('19', 9501);

  beforeAll(async () => {
    t = await startTestApp({ now: during('2025-04-01') });
    await meteredMpan(t, core);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('IF-005 [MeterRemoval] dated before the meter was installed: REG1005 naming the meter id and both dates', async () => {
    on(t, '2025-04-12');
    await rejected(t, METER_CHANNEL, meterRemoval(core, '2025-04-08'), core, [
      { code: 'REG1005', rule: 'MeterRemovalBeforeInstallation', message: `meter removal date 2025-04-08 is before installation date 2025-04-10 for meter ${OLD.meterId}` },
    ]);
  });

  it('IF-005 [MeterInstall] from a metering service that is not the appointed one: REG1002 naming the sender, the date and the appointed MS', async () => {
    on(t, '2025-04-12');
    await rejected(t, METER_CHANNEL, meterInstall(core, NEW, '2025-04-12', MSSB), core, [
      {
        code: 'REG1002',
        rule: 'MeteringServiceNotAppointed',
        message: `sender ${MSSB} (MSSB) is not the metering service appointed on 2025-04-12, the date of [MeterInstall]: that is ${MSSA} (MSSA)`,
      },
    ]);
  });

  it('IF-025 more than 5 days retrospective: REG1024 naming the dates; 5 days back is accepted with its IF-026 (to the LSS too)', async () => {
    on(t, '2025-05-20');
    const consent = (day: string) =>
      withValues(message(consentGranularityMessage, { mpanCore: core }), {
        'payload.CustomBlock.B068.consentGranularityEffectiveFromDate': ukMidnightWire(day),
      });
    await rejected(t, SUPPLIER_DATA_CHANNEL, consent('2025-05-14'), core, [
      {
        code: 'REG1024',
        rule: 'SupplierDataTooRetrospective',
        message: '[ConsentGranularity] effective-from date 2025-05-14 is more than 5 days before 2025-05-20, the day it was received (earliest 2025-05-15)',
      },
    ]);

    const before = await allEvents(t.http, core);
    const entry = await accepted(t.http, SUPPLIER_DATA_CHANNEL, consent('2025-05-15'));
    expect(entry.outcome!.eventTypes).toEqual(['ConsentGranularityChanged', 'PublicationIssued']);
    const added = (await allEvents(t.http, core)).slice(before.length);
    expect(published(added)).toEqual([['IF-026', '[ConsentGranularity]', 'ConsentGranularityChanged', [SUP_BRWE, DS_A, LSS, LDSO_19, MS_A, EES].join(' ')]]);
    expect((await stateOn(t, core, '2025-05-15')).snapshot.consentGranularity).toEqual({ effectiveFromDate: '2025-05-15', effectiveToDate: null, value: 'D' });
  });

  it('IF-025 from a supplier that is not the current one: REG1021 naming the sender and the registered supplier', async () => {
    on(t, '2025-05-14');
    await rejected(t, SUPPLIER_DATA_CHANNEL, message(smsoMessage, { mpanCore: core, senderDipId: NSTP }), core, [
      {
        code: 'REG1021',
        rule: 'RequesterNotCurrentSupplier',
        message: `[SMSO] is only for the supplier registered on 2025-05-12, not ${NSTP} (NSTP): that is ${BRWE} (BRWE)`,
      },
    ]);
  });
});
