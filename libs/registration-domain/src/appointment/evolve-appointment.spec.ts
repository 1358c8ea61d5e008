import { evolve } from '../registration/evolve';
import { MpanEvent } from '../registration/mpan-messages';
import { CreatedMpanState, initialState } from '../registration/state';
import { mpanCreated, NORTHSTAR, supplierRegistered } from '../registration/testing/fixtures';
import {
  accepted,
  activated,
  BRWE_DS,
  BRWE_MS,
  deappointed,
  HALFHOUR,
  HISTORY,
  idOf,
  KESTREL,
  METERWISE,
  NORTHSTAR_SWITCH,
  REQUEST_ID,
  requested,
  service,
} from './testing/fixtures';
import { dataServiceProposalOf } from './state';

const fold = (events: MpanEvent[]) => events.reduce(evolve, initialState()) as CreatedMpanState;
const meterwise = service(METERWISE, BRWE_MS);
const halfhour = service(HALFHOUR, BRWE_DS, { role: 'SDS', contractReference: 'CON-DS-1' });
const kestrel = service(KESTREL, REQUEST_ID, { scenario: 'CSP', contractReference: 'CON-MS-2' });
const statuses = (s: CreatedMpanState) => s.appointmentRequests.map((r) => `${r.appointmentId} ${r.status}`);

describe('evolve: appointment events and the change of supplier', () => {
  it('the initial appointments: requested, accepted into the timeline, activated as the active appointment', () => {
    const s = fold(HISTORY);
    expect(s.appointments).toEqual({ MS: [{ effectiveFromDate: '2025-04-01', value: meterwise }], DS: [{ effectiveFromDate: '2025-04-01', value: halfhour }] });
    expect(statuses(s)).toEqual([`${BRWE_MS} Activated`, `${BRWE_DS} Activated`]);
    expect(s.activeAppointments.MS).toEqual({ ...meterwise, effectiveFromDate: '2025-04-01', providerSince: '2025-04-01' });
  });

  it('ServiceAppointmentRequested records a Pending request; the same id again is ignored', () => {
    const once = fold([...HISTORY, requested()]);
    expect(statuses(once).at(-1)).toBe(`${REQUEST_ID} Pending`);
    expect(evolve(once, requested())).toBe(once);
  });

  it('a data service request keeps the B071 proposal details in the pending request (absent on MS and older DS requests)', () => {
    const proposal = {
      supplierProposedConsentGranularity: 'M' as const,
      supplierProposedDomesticIndicator: false,
      supplierNominatedMdr: { dipId: '2000000021', mpid: null, effectiveFromDate: '2025-04-20' },
      traditionalFallBackReadFrequency: null,
    };
    const ds = requested({ serviceType: 'DS', providerRole: 'SDS', providerDipId: HALFHOUR.dipId, providerMpid: HALFHOUR.mpid, ...proposal });
    const s = fold([...HISTORY, ds]);
    const pending = s.appointmentRequests.at(-1)!;
    expect(pending).toMatchObject({ appointmentId: REQUEST_ID, status: 'Pending', ...proposal });
    expect(dataServiceProposalOf(pending)).toEqual(proposal);
    // The appointed service in the timeline carries the provider only.
    const acceptedState = evolve(s, accepted(REQUEST_ID, 'DS'));
    expect(acceptedState.status === 'Created' && acceptedState.appointments.DS.at(-1)!.value).not.toHaveProperty('supplierProposedConsentGranularity');
    // MS requests, and DS requests recorded before the details were kept, have none.
    expect(dataServiceProposalOf(fold([...HISTORY, requested()]).appointmentRequests.at(-1)!)).toBeNull();
    expect(dataServiceProposalOf(fold(HISTORY).appointmentRequests.find((r) => r.appointmentId === BRWE_DS)!)).toBeNull();
  });

  it('ServiceAppointmentAccepted puts the provider in the timeline from its date; a same-date accepted one is superseded', () => {
    const s = fold([...HISTORY, requested(), accepted(REQUEST_ID)]);
    expect(s.appointments.MS).toEqual([
      { effectiveFromDate: '2025-04-01', value: meterwise },
      { effectiveFromDate: '2025-04-20', value: kestrel },
    ]);
    const uspId = 'usp';
    const usp = fold([...HISTORY, requested(), accepted(REQUEST_ID), requested({ appointmentId: uspId, appointmentScenario: 'USP', contractReference: 'CON-MS-3' }), accepted(uspId)]);
    expect(statuses(usp).slice(2)).toEqual([`${REQUEST_ID} Superseded`, `${uspId} Accepted`]);
    expect(usp.appointments.MS[1]?.value?.contractReference).toBe('CON-MS-3');
  });

  it('ServiceAppointmentRejected closes the request and leaves the timelines alone', () => {
    const before = fold([...HISTORY, requested()]);
    const after = evolve(before, { type: 'ServiceAppointmentRejected', data: { mpanCore: before.mpanCore, appointmentId: REQUEST_ID, serviceType: 'MS', proposedAppointmentResponseCode: 'SP001' } }) as CreatedMpanState;
    expect([statuses(after).at(-1), after.appointments]).toEqual([`${REQUEST_ID} Rejected`, before.appointments]);
  });

  it('ServiceAppointmentLapsed closes the request; an accepted one still in a timeline leaves nobody from its date', () => {
    const s = fold([
      ...HISTORY,
      requested(),
      accepted(REQUEST_ID),
      { type: 'ServiceAppointmentLapsed', data: { mpanCore: '1012345678903', appointmentId: REQUEST_ID, serviceType: 'MS', reason: 'SupplierNotRegistered', lapsedOn: '2025-04-11' } },
    ]);
    expect([statuses(s).at(-1), s.appointments.MS]).toEqual([
      `${REQUEST_ID} Lapsed`,
      [
        { effectiveFromDate: '2025-04-01', value: meterwise },
        { effectiveFromDate: '2025-04-20', value: null },
      ],
    ]);
  });

  it('ServiceProviderDeappointed clears the active appointment it names, and only that one', () => {
    const s = fold([...HISTORY, requested(), accepted(REQUEST_ID), activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20')]);
    const old = deappointed({
      serviceType: 'MS',
      appointmentId: BRWE_MS,
      providerDipId: METERWISE.dipId,
      providerMpid: METERWISE.mpid,
      effectiveFromDate: '2025-04-01',
      effectiveToDate: '2025-04-19',
      reason: 'CSERV',
      replacedByAppointmentId: REQUEST_ID,
    });
    expect(evolve(s, old)).toBe(s);
    const current = deappointed({ ...old.data, appointmentId: REQUEST_ID });
    expect((evolve(s, current) as CreatedMpanState).activeAppointments).toEqual({ MS: null, DS: s.activeAppointments.DS });
  });

  describe('SupplierRegistered (ChangeOfSupplier) ends the outgoing supplier\'s providers the day before the start', () => {
    it('nobody is appointed from the supply start date until the new supplier appoints', () => {
      const s = fold([...HISTORY, NORTHSTAR_SWITCH]);
      expect(s.appointments).toEqual({
        MS: [
          { effectiveFromDate: '2025-04-01', value: meterwise },
          { effectiveFromDate: '2025-05-01', value: null },
        ],
        DS: [
          { effectiveFromDate: '2025-04-01', value: halfhour },
          { effectiveFromDate: '2025-05-01', value: null },
        ],
      });
    });

    it("an incoming supplier's appointment already starting on that day stays; an outgoing one starting on or after it goes", () => {
      const nstpId = idOf(NORTHSTAR, 'S-1');
      const incoming = requested({ appointmentId: nstpId, requestingSupplierDipId: NORTHSTAR.dipId, requestingSupplierMpid: NORTHSTAR.mpid, effectiveFromDate: '2025-05-01', appointmentScenario: 'COS' });
      const s = fold([...HISTORY, incoming, accepted(nstpId), NORTHSTAR_SWITCH]);
      expect(s.appointments.MS.map((e) => [e.effectiveFromDate, e.value?.providerDipId ?? null])).toEqual([
        ['2025-04-01', METERWISE.dipId],
        ['2025-05-01', KESTREL.dipId],
      ]);
      const onStart = fold([...HISTORY, requested({ effectiveFromDate: '2025-05-01' }), accepted(REQUEST_ID), NORTHSTAR_SWITCH]);
      const after = fold([...HISTORY, requested({ effectiveFromDate: '2025-05-05' }), accepted(REQUEST_ID), NORTHSTAR_SWITCH]);
      for (const state of [onStart, after]) {
        expect(state.appointments.MS).toEqual([
          { effectiveFromDate: '2025-04-01', value: meterwise },
          { effectiveFromDate: '2025-05-01', value: null },
        ]);
      }
    });

    it('an MPAN with nobody appointed gets no null entry', () => {
      const s = fold([mpanCreated(), supplierRegistered(), NORTHSTAR_SWITCH]);
      expect(s.appointments).toEqual({ MS: [], DS: [] });
    });
  });

  it('appointment events on an Absent MPAN, or naming unknown appointments, leave the state as it is', () => {
    expect(evolve(initialState(), requested())).toEqual({ status: 'Absent' });
    const s = fold(HISTORY);
    for (const e of [accepted('unknown'), activated('unknown', 'MS', '2025-04-20', '2025-04-20')]) expect(evolve(s, e)).toBe(s);
  });

  it('never mutates the state it is given', () => {
    const s = fold([...HISTORY, requested()]);
    const before = JSON.stringify(s);
    [accepted(REQUEST_ID), NORTHSTAR_SWITCH, activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20')].reduce(evolve, s);
    expect(JSON.stringify(s)).toBe(before);
  });
});
