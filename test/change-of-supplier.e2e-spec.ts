import { EVENT_STORE, EventStore } from '@app/event-store';
import { changeOfSupplierMessage, initialRegistrationMessage, mpanCreationMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import { startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, during, RequestSpec } from './support/appointment-messages';
import {
  accepted,
  CSS_CHANNEL,
  decisionsIn,
  EES,
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
import { allEvents, message, mpanCore } from './support/dip';

/**
 * A full change of supplier over HTTP, on the real app (SQLite file, clock pinned and moved with
 * `clock.set`, day-start only on demand): supplier A = BRWE registers and appoints MSSA + SDSA
 * (COS), day-start activates them on A's start date; then CSS switches the MPAN to B = NSTP from
 * 2025-05-15, B appoints MSSB + SDSB (COS, quoting B's CSS registration), the providers accept, and
 * day-start runs on the days before, on and after B's start date. Only the HTTP API is used.
 */

const A_START = '2025-04-02';
const B_START = '2025-05-15';
const DAY_BEFORE = '2025-05-14';
const DAY_AFTER = '2025-05-16';
const SUP = (mpid: 'BRWE' | 'NSTP') => `SUP:${SAMPLE.suppliers[mpid]}`;
const MSS = (mpid: 'MSSA' | 'MSSB') => `MSS:${SAMPLE.providers[mpid]}`;
const SDS = (mpid: 'SDSA' | 'SDSB') => `SDS:${SAMPLE.providers[mpid]}`;

let t: TestApp;
const core = mpanCore('19', 5001);

const aCos = { core, supplier: 'BRWE', from: A_START, scenario: 'COS' as const, cssId: SAMPLE.cssRegistrationIds.initial };
const bCos = { core, supplier: 'NSTP', from: B_START, scenario: 'COS' as const, cssId: SAMPLE.cssRegistrationIds.changeOfSupplier };
const aMs: RequestSpec = { ...aCos, service: 'MS', provider: 'MSSA', contract: 'BRWE-MS-0001' };
const aDs: RequestSpec = { ...aCos, service: 'DS', provider: 'SDSA', contract: 'BRWE-DS-0001' };
const bMs: RequestSpec = { ...bCos, service: 'MS', provider: 'MSSB', contract: 'NSTP-MS-0001' };
const bDs: RequestSpec = { ...bCos, service: 'DS', provider: 'SDSB', contract: 'NSTP-DS-0001' };
const ids = { aMs: '', aDs: '', bMs: '', bDs: '' };

/** The appointed-service value of a request as the snapshot shows it. */
function appointed(spec: RequestSpec, appointmentId: string, providerRole: string) {
  return {
    appointmentId,
    providerDipId: SAMPLE.providers[spec.provider as keyof typeof SAMPLE.providers],
    providerMpid: spec.provider,
    providerRole,
    requestingSupplierDipId: SAMPLE.suppliers[spec.supplier as keyof typeof SAMPLE.suppliers],
    requestingSupplierMpid: spec.supplier,
    appointmentScenario: 'COS',
    contractReference: spec.contract,
  };
}

/** The stream as `[type, what]` pairs: the event type, or for a publication its interface and event code. */
const shape = (events: EventView[]) =>
  events.map((e) => (e.type === 'PublicationIssued' ? `${e.data.interfaceId as string} ${e.data.eventCode as string}` : e.type));

beforeAll(async () => {
  t = await startTestApp({ now: during('2025-04-01') });
});

afterAll(async () => {
  await t?.close();
});

describe('change of supplier end to end over HTTP', () => {
  let eventsBeforeBStart: EventView[] = [];

  it("supplier A: MPAN creation, initial registration, A's COS requests and the providers' acceptances (2025-04-01)", async () => {
    t.clock.set(during('2025-04-01'));
    expect((await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: core }))).outcome!.eventTypes).toEqual(['MpanCreated', 'PublicationIssued']);
    expect((await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: core }))).outcome!.eventTypes).toEqual(['SupplierRegistered', 'PublicationIssued']);
    const ms = appointmentRequest(aMs);
    const ds = appointmentRequest(aDs);
    ids.aMs = ms.key;
    ids.aDs = ds.key;
    expect((await accepted(t.http, REQUEST_CHANNEL, ms)).outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued']);
    expect((await accepted(t.http, REQUEST_CHANNEL, ds)).outcome!.eventTypes).toEqual(['ServiceAppointmentRequested', 'PublicationIssued', 'PublicationIssued']);
    // Accepted the day before the start date: not activated on acceptance.
    expect((await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(aMs))).outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);
    expect((await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(aDs))).outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);
  });

  it("day-start across A's start date: nothing on 2025-04-01, both appointments activated on 2025-04-02", async () => {
    t.clock.set(during('2025-04-01'));
    expect(await runDayStart(t.http, '2025-04-01')).toEqual({ fromDate: '2025-04-01', through: '2025-04-01', mpansExamined: 1, mpansChanged: 0, eventsAppended: 0 });
    t.clock.set(during(A_START));
    expect(await runDayStart(t.http, A_START)).toEqual({ fromDate: A_START, through: A_START, mpansExamined: 1, mpansChanged: 1, eventsAppended: 4 });

    const activations = decisionsIn(await allEvents(t.http, core)).filter((e) => e.type === 'ServiceAppointmentActivated');
    expect(activations.map((e) => e.data)).toEqual([
      { mpanCore: core, appointmentId: ids.aMs, serviceType: 'MS', effectiveFromDate: A_START, activatedOn: A_START },
      { mpanCore: core, appointmentId: ids.aDs, serviceType: 'DS', effectiveFromDate: A_START, activatedOn: A_START },
    ]);
  });

  it('change of supplier to B (REGS-CSS [ChangeOfSupplier] with B003), B’s two COS requests and the acceptances by B’s providers', async () => {
    t.clock.set(during('2025-04-20'));
    const switched = await accepted(t.http, CSS_CHANNEL, message(changeOfSupplierMessage, { mpanCore: core }));
    // IF-002 [GainMPANInfo] to B, then IF-001 [ChangeOfSupplier] to B, the MDS and the LDSO.
    expect(switched.outcome!.eventTypes).toEqual(['SupplierRegistered', 'PublicationIssued', 'PublicationIssued']);

    t.clock.set(during('2025-05-01'));
    const ms = appointmentRequest(bMs);
    const ds = appointmentRequest(bDs);
    ids.bMs = ms.key;
    ids.bDs = ds.key;
    await accepted(t.http, REQUEST_CHANNEL, ms);
    await accepted(t.http, REQUEST_CHANNEL, ds);

    t.clock.set(during('2025-05-02'));
    expect((await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(bMs))).outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);
    expect((await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(bDs))).outcome!.eventTypes).toEqual(['ServiceAppointmentAccepted', 'PublicationIssued']);
  });

  it('day-start on the day before the start date activates and de-appoints nothing', async () => {
    t.clock.set(during(DAY_BEFORE));
    const before = await allEvents(t.http, core);
    // Covers every day since the last run (2025-04-03 … 2025-05-14); the MPAN has nothing due in it.
    expect(await runDayStart(t.http, DAY_BEFORE)).toEqual({ fromDate: '2025-04-03', through: DAY_BEFORE, mpansExamined: 1, mpansChanged: 0, eventsAppended: 0 });
    eventsBeforeBStart = await allEvents(t.http, core);
    expect(eventsBeforeBStart).toEqual(before);
    expect(eventsBeforeBStart.filter((e) => e.type === 'ServiceProviderDeappointed')).toEqual([]);
    expect(await t.http.get('/day-start').expect(200)).toMatchObject({ body: { lastCompletedDay: DAY_BEFORE } });
  });

  it('the appointments effective the day before the start date: A’s providers, ending the day before B’s start', async () => {
    const { effectiveAt, snapshot, timelines } = await stateOn(t, core, DAY_BEFORE);
    expect(effectiveAt).toBe(DAY_BEFORE);
    expect(snapshot.supplier).toMatchObject({ effectiveFromDate: A_START, effectiveToDate: DAY_BEFORE, value: { supplierDipId: SAMPLE.suppliers.BRWE } });
    expect(snapshot.meteringService).toEqual({ effectiveFromDate: A_START, effectiveToDate: DAY_BEFORE, value: appointed(aMs, ids.aMs, 'MSS') });
    expect(snapshot.dataService).toEqual({ effectiveFromDate: A_START, effectiveToDate: DAY_BEFORE, value: appointed(aDs, ids.aDs, 'SDS') });
    expect(snapshot.pendingAppointments).toEqual([]);
    expect(timelines.meteringServices).toEqual([
      { effectiveFromDate: A_START, effectiveToDate: DAY_BEFORE, value: appointed(aMs, ids.aMs, 'MSS') },
      { effectiveFromDate: B_START, effectiveToDate: null, value: appointed(bMs, ids.bMs, 'MSS') },
    ]);
    expect(timelines.dataServices).toEqual([
      { effectiveFromDate: A_START, effectiveToDate: DAY_BEFORE, value: appointed(aDs, ids.aDs, 'SDS') },
      { effectiveFromDate: B_START, effectiveToDate: null, value: appointed(bDs, ids.bDs, 'SDS') },
    ]);
  });

  it('on the start date the state shows B’s providers before day-start has run (queries do not depend on it)', async () => {
    const { snapshot } = await stateOn(t, core, B_START);
    expect(snapshot.meteringService).toEqual({ effectiveFromDate: B_START, effectiveToDate: null, value: appointed(bMs, ids.bMs, 'MSS') });
    expect(snapshot.dataService).toEqual({ effectiveFromDate: B_START, effectiveToDate: null, value: appointed(bDs, ids.bDs, 'SDS') });
  });

  it('day-start on the start date activates B’s providers and de-appoints A’s (CSUPP, to the day before)', async () => {
    t.clock.set(during(B_START));
    expect(await runDayStart(t.http, B_START)).toEqual({ fromDate: B_START, through: B_START, mpansExamined: 1, mpansChanged: 1, eventsAppended: 8 });

    const events = await allEvents(t.http, core);
    const added = events.slice(eventsBeforeBStart.length);
    expect(shape(added)).toEqual([
      'ServiceAppointmentActivated',
      'IF-036 [MSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [MSDeApp]',
      'ServiceAppointmentActivated',
      'IF-036 [DSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [DSDeApp]',
    ]);
    expect(decisionsIn(added).map((e) => e.data)).toEqual([
      { mpanCore: core, appointmentId: ids.bMs, serviceType: 'MS', effectiveFromDate: B_START, activatedOn: B_START },
      {
        mpanCore: core,
        serviceType: 'MS',
        appointmentId: ids.aMs,
        providerDipId: SAMPLE.providers.MSSA,
        providerMpid: 'MSSA',
        effectiveFromDate: A_START,
        effectiveToDate: DAY_BEFORE,
        reason: 'CSUPP',
        replacedByAppointmentId: ids.bMs,
      },
      { mpanCore: core, appointmentId: ids.bDs, serviceType: 'DS', effectiveFromDate: B_START, activatedOn: B_START },
      {
        mpanCore: core,
        serviceType: 'DS',
        appointmentId: ids.aDs,
        providerDipId: SAMPLE.providers.SDSA,
        providerMpid: 'SDSA',
        effectiveFromDate: A_START,
        effectiveToDate: DAY_BEFORE,
        reason: 'CSUPP',
        replacedByAppointmentId: ids.bDs,
      },
    ]);
    // Recorded by the registry's own day-start, in one append, keyed by the day and the run's instant.
    for (const e of added) {
      expect(e.metadata).toMatchObject({
        senderDipId: '9000000002',
        senderRoleId: 'REGS',
        channelId: 'REGS-DAY-START',
        eventCode: '[DayStart]',
        messageKey: `9000000002:day-start-${B_START}@${during(B_START).replace('Z', '.000Z')}`,
        receivedAt: during(B_START).replace('Z', '.000Z'),
      });
    }
  });

  it('the appointments effective on and after the start date: B’s providers, requested by B with scenario COS', async () => {
    for (const day of [B_START, DAY_AFTER]) {
      const { effectiveAt, snapshot } = await stateOn(t, core, day);
      expect(effectiveAt).toBe(day);
      expect(snapshot.supplier).toMatchObject({ effectiveFromDate: B_START, effectiveToDate: null, value: { supplierDipId: SAMPLE.suppliers.NSTP, registrationKind: 'ChangeOfSupplier' } });
      expect(snapshot.meteringService).toEqual({ effectiveFromDate: B_START, effectiveToDate: null, value: appointed(bMs, ids.bMs, 'MSS') });
      expect(snapshot.dataService).toEqual({ effectiveFromDate: B_START, effectiveToDate: null, value: appointed(bDs, ids.bDs, 'SDS') });
      expect(snapshot.pendingAppointments).toEqual([]);
    }
  });

  it('running the same day-start again appends nothing; the day after appends nothing either', async () => {
    t.clock.set(during(B_START));
    const before = await allEvents(t.http, core);
    const again = await runDayStart(t.http, B_START);
    expect(again).toMatchObject({ through: B_START, mpansChanged: 0, eventsAppended: 0 });
    t.clock.set(during(DAY_AFTER));
    expect(await runDayStart(t.http, DAY_AFTER)).toMatchObject({ fromDate: DAY_AFTER, through: DAY_AFTER, mpansChanged: 0, eventsAppended: 0 });
    expect(await allEvents(t.http, core)).toEqual(before);
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: DAY_AFTER });
  });

  it('day-start through a day before the last completed one: 200 saying the days were run already; nothing written', async () => {
    const before = await allEvents(t.http, core);
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await runDayStart(t.http, '2020-01-01')).toEqual({
      fromDate: null,
      through: '2020-01-01',
      mpansExamined: 0,
      mpansChanged: 0,
      eventsAppended: 0,
      alreadyRunThrough: DAY_AFTER,
    });
    expect(await allEvents(t.http, core)).toEqual(before);
    expect(await t.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
    expect((await t.http.get('/day-start').expect(200)).body).toEqual({ lastCompletedDay: DAY_AFTER });
  });

  it('the whole stream, in order', async () => {
    const events = await allEvents(t.http, core);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => String(i)));
    const requested = ['ServiceAppointmentRequested', 'IF-032 [MSAppInitialResp]', 'IF-033 [MSAppSPRequest]'];
    const requestedDs = ['ServiceAppointmentRequested', 'IF-032 [DSAppInitialResp]', 'IF-033 [DSAppSPRequest]'];
    const acceptedPair = ['ServiceAppointmentAccepted', 'IF-035 [MSAppAccepted]', 'ServiceAppointmentAccepted', 'IF-035 [DSAppAccepted]'];
    expect(shape(events)).toEqual([
      'MpanCreated',
      'IF-050 [MPANCreation]',
      'SupplierRegistered',
      'IF-001 [InitialRegistration]',
      ...requested,
      ...requestedDs,
      ...acceptedPair,
      'ServiceAppointmentActivated',
      'IF-036 [MSAppActive]',
      'ServiceAppointmentActivated',
      'IF-036 [DSAppActive]',
      'SupplierRegistered',
      'IF-002 [GainMPANInfo]',
      'IF-001 [ChangeOfSupplier]',
      ...requested,
      ...requestedDs,
      ...acceptedPair,
      'ServiceAppointmentActivated',
      'IF-036 [MSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [MSDeApp]',
      'ServiceAppointmentActivated',
      'IF-036 [DSAppActive]',
      'ServiceProviderDeappointed',
      'IF-037 [DSDeApp]',
    ]);
    const decisions = decisionsIn(events);
    expect(decisions.filter((e) => e.type === 'ServiceAppointmentRequested').map((e) => e.data)).toEqual(
      [
        [aMs, ids.aMs, 'MSS'],
        [aDs, ids.aDs, 'SDS'],
        [bMs, ids.bMs, 'MSS'],
        [bDs, ids.bDs, 'SDS'],
      ].map(([spec, id, role]) => {
        const s = spec as RequestSpec;
        const { appointmentScenario: _s, ...value } = appointed(s, id as string, role as string);
        return {
          mpanCore: core,
          ...value,
          serviceType: s.service,
          effectiveFromDate: s.from,
          appointmentScenario: 'COS',
          cssRegistrationId: s.cssId,
          requestedOn: s.supplier === 'BRWE' ? '2025-04-01' : '2025-05-01',
          supersedesAppointmentId: null,
          // A data service request records what the supplier proposed in B071 (the fixtures' MDRA from the same day).
          ...(s.service === 'DS'
            ? {
                supplierProposedConsentGranularity: 'H',
                supplierProposedDomesticIndicator: true,
                supplierNominatedMdr: { dipId: SAMPLE.providers.MDRA, mpid: 'MDRA', effectiveFromDate: s.from },
                traditionalFallBackReadFrequency: 'Q',
              }
            : {}),
        };
      }),
    );
    // Both registrations record the domestic premise indicator the switching service passed on (B004).
    expect(decisions.filter((e) => e.type === 'SupplierRegistered').map((e) => [e.data.registrationKind, e.data.domesticPremiseIndicator])).toEqual([
      ['InitialRegistration', true],
      ['ChangeOfSupplier', true],
    ]);
    expect(decisions.filter((e) => e.type === 'ServiceAppointmentAccepted').map((e) => e.data)).toEqual(
      [
        [ids.aMs, 'MS'],
        [ids.aDs, 'DS'],
        [ids.bMs, 'MS'],
        [ids.bDs, 'DS'],
      ].map(([appointmentId, serviceType]) => ({ mpanCore: core, appointmentId, serviceType, proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' })),
    );
    expect(decisions.filter((e) => e.type === 'ServiceProviderDeappointed').map((e) => [e.data.providerMpid, e.data.reason, e.data.effectiveToDate])).toEqual([
      ['MSSA', 'CSUPP', DAY_BEFORE],
      ['SDSA', 'CSUPP', DAY_BEFORE],
    ]);
  });

  it('the recorded publications match the interface catalogue: event codes and recipients (DIP ids and roles)', async () => {
    const events = await allEvents(t.http, core);
    const published = publicationsIn(events).map((p) => [p.interfaceId, p.eventCode, p.causedByEventType, p.appointmentId, p.recipients.join(' ')]);
    const aActive = [SUP('BRWE'), MSS('MSSA'), SDS('SDSA'), LDSO_19, MDS, EES].join(' ');
    const bActive = [SUP('NSTP'), MSS('MSSB'), SDS('SDSB'), LDSO_19, MDS, EES].join(' ');
    expect(published).toEqual([
      // IF-050 to the enquiry service on creation.
      ['IF-050', '[MPANCreation]', 'MpanCreated', null, EES],
      // IF-001 [InitialRegistration] to the incoming supplier, the MDS and the LDSO on registration.
      ['IF-001', '[InitialRegistration]', 'SupplierRegistered', null, [SUP('BRWE'), MDS, LDSO_19].join(' ')],
      // IF-032 to the requesting supplier and IF-033 to the proposed provider, per request.
      ['IF-032', '[MSAppInitialResp]', 'ServiceAppointmentRequested', ids.aMs, SUP('BRWE')],
      ['IF-033', '[MSAppSPRequest]', 'ServiceAppointmentRequested', ids.aMs, MSS('MSSA')],
      ['IF-032', '[DSAppInitialResp]', 'ServiceAppointmentRequested', ids.aDs, SUP('BRWE')],
      ['IF-033', '[DSAppSPRequest]', 'ServiceAppointmentRequested', ids.aDs, SDS('SDSA')],
      // IF-035 to the supplier and the provider, per answer.
      ['IF-035', '[MSAppAccepted]', 'ServiceAppointmentAccepted', ids.aMs, `${SUP('BRWE')} ${MSS('MSSA')}`],
      ['IF-035', '[DSAppAccepted]', 'ServiceAppointmentAccepted', ids.aDs, `${SUP('BRWE')} ${SDS('SDSA')}`],
      // IF-036 per activation: supplier, MS and DS on the date, LDSO, MDS, EES.
      ['IF-036', '[MSAppActive]', 'ServiceAppointmentActivated', ids.aMs, aActive],
      ['IF-036', '[DSAppActive]', 'ServiceAppointmentActivated', ids.aDs, aActive],
      // The switch to NSTP: IF-002 [GainMPANInfo] to the gaining supplier, IF-001 [ChangeOfSupplier] to it, the MDS and the LDSO.
      ['IF-002', '[GainMPANInfo]', 'SupplierRegistered', null, SUP('NSTP')],
      ['IF-001', '[ChangeOfSupplier]', 'SupplierRegistered', null, [SUP('NSTP'), MDS, LDSO_19].join(' ')],
      ['IF-032', '[MSAppInitialResp]', 'ServiceAppointmentRequested', ids.bMs, SUP('NSTP')],
      ['IF-033', '[MSAppSPRequest]', 'ServiceAppointmentRequested', ids.bMs, MSS('MSSB')],
      ['IF-032', '[DSAppInitialResp]', 'ServiceAppointmentRequested', ids.bDs, SUP('NSTP')],
      ['IF-033', '[DSAppSPRequest]', 'ServiceAppointmentRequested', ids.bDs, SDS('SDSB')],
      ['IF-035', '[MSAppAccepted]', 'ServiceAppointmentAccepted', ids.bMs, `${SUP('NSTP')} ${MSS('MSSB')}`],
      ['IF-035', '[DSAppAccepted]', 'ServiceAppointmentAccepted', ids.bDs, `${SUP('NSTP')} ${SDS('SDSB')}`],
      ['IF-036', '[MSAppActive]', 'ServiceAppointmentActivated', ids.bMs, bActive],
      // IF-037 per de-appointment: the outgoing and incoming suppliers, the de-appointed provider, the
      // other service's provider on the last day and the day after, MDS, LDSO, EES.
      [
        'IF-037',
        '[MSDeApp]',
        'ServiceProviderDeappointed',
        ids.aMs,
        [SUP('BRWE'), SUP('NSTP'), MSS('MSSA'), SDS('SDSA'), SDS('SDSB'), MDS, LDSO_19, EES].join(' '),
      ],
      ['IF-036', '[DSAppActive]', 'ServiceAppointmentActivated', ids.bDs, bActive],
      [
        'IF-037',
        '[DSDeApp]',
        'ServiceProviderDeappointed',
        ids.aDs,
        [SUP('BRWE'), SUP('NSTP'), SDS('SDSA'), MSS('MSSA'), MSS('MSSB'), MDS, LDSO_19, EES].join(' '),
      ],
    ]);
  });

  it('every publication is one the catalogue (mhhs-domain.md §3.1) allows: interface per cause, recipients only of its roles', async () => {
    const catalogue: Record<string, { interfaceId: string; roles: string[]; codes: string[] }> = {
      MpanCreated: { interfaceId: 'IF-050', roles: ['EES'], codes: ['[MPANCreation]'] },
      SupplierRegistered: { interfaceId: 'IF-001|IF-002', roles: ['SUP', 'MDS', 'LDSO'], codes: ['[InitialRegistration]', '[ChangeOfSupplier]', '[GainMPANInfo]'] },
      ServiceAppointmentRequested: { interfaceId: 'IF-032|IF-033', roles: ['SUP', 'MSS', 'MSA', 'UMSO', 'SDS', 'ADS', 'UMSDS'], codes: [] },
      ServiceAppointmentAccepted: { interfaceId: 'IF-035', roles: ['SUP', 'MSS', 'MSA', 'UMSO', 'SDS', 'ADS', 'UMSDS'], codes: ['[MSAppAccepted]', '[DSAppAccepted]'] },
      ServiceAppointmentActivated: { interfaceId: 'IF-036', roles: ['SUP', 'MSS', 'SDS', 'LDSO', 'MDS', 'EES'], codes: ['[MSAppActive]', '[DSAppActive]'] },
      ServiceProviderDeappointed: { interfaceId: 'IF-037', roles: ['SUP', 'MSS', 'SDS', 'MDS', 'LDSO', 'EES'], codes: ['[MSDeApp]', '[DSDeApp]'] },
    };
    const events = await allEvents(t.http, core);
    const publications = publicationsIn(events);
    for (const p of publications) {
      const entry = catalogue[p.causedByEventType]!;
      expect(entry.interfaceId.split('|')).toContain(p.interfaceId);
      if (entry.codes.length > 0) expect(entry.codes).toContain(p.eventCode);
      for (const r of p.recipients) expect(entry.roles).toContain(r.split(':')[0]);
      expect(new Set(p.recipients.map((r) => r.split(':')[1])).size).toBe(p.recipients.length);
    }
    // One publication per event, two per request and per change of supplier (IF-002 and IF-001).
    const decisions = decisionsIn(events);
    const count = (type: string) => decisions.filter((e) => e.type === type).length;
    expect(publications.filter((p) => p.interfaceId === 'IF-032').length).toBe(count('ServiceAppointmentRequested'));
    expect(publications.filter((p) => p.interfaceId === 'IF-033').length).toBe(count('ServiceAppointmentRequested'));
    expect(publications.filter((p) => p.interfaceId === 'IF-035').length).toBe(count('ServiceAppointmentAccepted'));
    expect(publications.filter((p) => p.interfaceId === 'IF-036').length).toBe(count('ServiceAppointmentActivated'));
    expect(publications.filter((p) => p.interfaceId === 'IF-037').length).toBe(count('ServiceProviderDeappointed'));
    expect(publications.filter((p) => p.interfaceId === 'IF-050').length).toBe(count('MpanCreated'));
    expect(publications.filter((p) => p.interfaceId === 'IF-001').length).toBe(count('SupplierRegistered'));
    expect(publications.filter((p) => p.interfaceId === 'IF-002').length).toBe(1);
    expect(publications).toHaveLength(1 + 2 * 4 + 4 + 4 + 2 + 3);
    // Each publication directly follows the event that caused it (same append).
    events.forEach((e, i) => {
      if (e.type !== 'PublicationIssued') return;
      const cause = events.slice(0, i).reverse().find((x) => x.type !== 'PublicationIssued')!;
      expect([cause.type, BigInt(cause.position) < BigInt(e.position)]).toEqual([e.data.causedByEventType, true]);
      expect(e.metadata.messageKey).toBe(cause.metadata.messageKey);
    });
  });
});
