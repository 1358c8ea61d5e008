import { evolve } from '../registration/evolve';
import { MpanEvent } from '../registration/mpan-messages';
import { snapshotOn } from '../registration/snapshot';
import { CreatedMpanState, initialState } from '../registration/state';
import { BRIGHTWATER, given, givenState, GREENFIELD, LONDON_LDSO, NORTHSTAR, supplierRegistered } from '../registration/testing/fixtures';
import { ServiceAppointmentLapsed } from './events';
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
  runDayStart,
} from './testing/fixtures';

const fold = (events: MpanEvent[], from = initialState()) => events.reduce(evolve, from) as CreatedMpanState;
const lapsed = (appointmentId: string, reason: ServiceAppointmentLapsed['data']['reason'], lapsedOn: string): ServiceAppointmentLapsed => ({
  type: 'ServiceAppointmentLapsed',
  data: { mpanCore: '1012345678903', appointmentId, serviceType: 'MS', reason, lapsedOn },
});
/** Brightwater's CSP to Kestrel, accepted on 2025-04-10 for 2025-04-20 (ten days ahead). */
const inAdvance = [...HISTORY, requested(), accepted(REQUEST_ID)];
const meterwiseEnds = (to: string, reason: 'CSERV' | 'CSUPP' | 'CSEGM', replacedBy: string | null) =>
  deappointed({
    serviceType: 'MS',
    appointmentId: BRWE_MS,
    providerDipId: METERWISE.dipId,
    providerMpid: METERWISE.mpid,
    effectiveFromDate: '2025-04-01',
    effectiveToDate: to,
    reason,
    replacedByAppointmentId: replacedBy,
  });
const halfhourEnds = (to: string) =>
  deappointed({
    serviceType: 'DS',
    appointmentId: BRWE_DS,
    providerDipId: HALFHOUR.dipId,
    providerMpid: HALFHOUR.mpid,
    effectiveFromDate: '2025-04-01',
    effectiveToDate: to,
    reason: 'CSUPP',
    replacedByAppointmentId: null,
  });

describe('decideRunDayStart (the day-start process, IF-035 lapses, IF-036, IF-037)', () => {
  describe('sender and MPAN', () => {
    it('SenderRoleIdMismatch (LOC001): only the registry (REGS) runs day-start', () => {
      given(HISTORY).when(runDayStart('2025-04-20', { context: { senderRoleId: 'SUP' } })).then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not REGS, the role that sends RunDayStart' },
      ]);
    });

    it('SenderDoesNotHoldRole (LOC002): the sender holds REGS on the settlement date', () => {
      given(HISTORY).when(runDayStart('2025-04-20', { context: { senderDipId: BRIGHTWATER.dipId } })).then([
        { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 1000000001 (BRWE) does not hold role REGS on 2025-04-20' },
      ]);
    });

    it("DistributorDipIdMismatch (LOC004): M0.distributorDIPID is the MPAN's LDSO", () => {
      given(HISTORY).when(runDayStart('2025-04-20', { context: { distributorDipId: LONDON_LDSO } })).then([
        { code: 'LOC004', rule: 'DistributorDipIdMismatch', message: 'distributor DIP id 3000000012 is not the LDSO of distributor id 10, which is 3000000010 (EELC)' },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(runDayStart('2025-04-20')).then([{ code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' }]);
    });
  });

  describe('in-advance appointment: CSP accepted today for ten days ahead', () => {
    it('is not activated before its date', () => {
      given(inAdvance).when(runDayStart('2025-04-19')).then([]);
    });

    it('is activated on its date, de-appointing the previous provider the day before (CSERV)', () => {
      given(inAdvance).when(runDayStart('2025-04-20')).then([
        activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20'),
        meterwiseEnds('2025-04-19', 'CSERV', REQUEST_ID),
      ]);
    });

    it('running the same day twice emits nothing, nor does the next day', () => {
      const done = given(inAdvance).when(runDayStart('2025-04-20')).stateAfter;
      givenState(done).when(runDayStart('2025-04-20')).then([]);
      givenState(done).when(runDayStart('2025-04-21')).then([]);
    });
  });

  describe('de-appointment reasons', () => {
    it('CSUPP: the outgoing supplier\'s providers end the day before the new supply start, even when nobody was appointed', () => {
      given([...HISTORY, NORTHSTAR_SWITCH]).when(runDayStart('2025-04-30')).then([]);
      const on = given([...HISTORY, NORTHSTAR_SWITCH]).when(runDayStart('2025-05-01'));
      on.then([meterwiseEnds('2025-04-30', 'CSUPP', null), halfhourEnds('2025-04-30')]);
      givenState(on.stateAfter).when(runDayStart('2025-05-01')).then([]);
    });

    it('CSEGM: a SEG appointment replaces the provider on the segment change', () => {
      const base = fold(HISTORY);
      const segmentChanged = { ...base, marketSegment: [...base.marketSegment, { effectiveFromDate: '2025-04-20', value: 'A' as const }] };
      const seg = fold([requested({ appointmentScenario: 'SEG', providerRole: 'MSA' }), accepted(REQUEST_ID)], segmentChanged);
      const halfhour = {
        serviceType: 'DS' as const,
        appointmentId: BRWE_DS,
        providerDipId: HALFHOUR.dipId,
        providerMpid: HALFHOUR.mpid,
        providerRole: 'SDS',
        requiredRole: 'ADS',
      };
      const reminder = { mpanCore: '1012345678903', settlementDate: '2025-04-20', marketSegment: 'A' as const, supplierDipId: BRIGHTWATER.dipId, providers: [halfhour] };
      // The DS was not re-appointed, so IF-045 reminders follow (network/reminders.spec.ts).
      givenState(seg).when(runDayStart('2025-04-20')).then([
        activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20'),
        meterwiseEnds('2025-04-19', 'CSEGM', REQUEST_ID),
        {
          type: 'RegistrationReminderIssued',
          data: {
            ...reminder,
            reminder: 'InvalidMarketSegment',
            serviceType: null,
            additionalInformation:
              'the market segment of MPAN 1012345678903 is A from 2025-04-20, but the appointed DS 2000000011 (SDSA) acts as SDS, not ADS: re-appoint with scenario SEG from 2025-04-20',
          },
        },
        {
          type: 'RegistrationReminderIssued',
          data: {
            ...reminder,
            reminder: 'NoDSAppointed',
            serviceType: 'DS',
            additionalInformation:
              'no data service fit for market segment A is appointed on 2025-04-20: the appointed DS 2000000011 (SDSA) acts as SDS, not ADS; appoint a provider acting as ADS with scenario SEG from 2025-04-20',
          },
        },
      ]);
    });

    it('no de-appointment while the same provider continues (USP); a later change ends its whole appointment', () => {
      const uspId = idOf(BRIGHTWATER, 'S-USP');
      const usp = [
        ...HISTORY,
        requested({ appointmentId: uspId, appointmentScenario: 'USP', providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, effectiveFromDate: '2025-04-15' }),
        accepted(uspId),
      ];
      const updated = given(usp).when(runDayStart('2025-04-15'));
      updated.then([activated(uspId, 'MS', '2025-04-15', '2025-04-15')]);
      const later = fold([requested({ effectiveFromDate: '2025-04-25' }), accepted(REQUEST_ID)], updated.stateAfter);
      givenState(later).when(runDayStart('2025-04-25')).then([
        activated(REQUEST_ID, 'MS', '2025-04-25', '2025-04-25'),
        deappointed({
          serviceType: 'MS',
          appointmentId: uspId,
          providerDipId: METERWISE.dipId,
          providerMpid: METERWISE.mpid,
          effectiveFromDate: '2025-04-01',
          effectiveToDate: '2025-04-24',
          reason: 'CSERV',
          replacedByAppointmentId: REQUEST_ID,
        }),
      ]);
    });
  });

  describe('lapses', () => {
    it('NoProviderResponse: a pending request lapses once requestedOn + lapseAfterDays < the settlement date', () => {
      given([...HISTORY, requested()]).when(runDayStart('2025-04-15')).then([]);
      given([...HISTORY, requested()]).when(runDayStart('2025-04-16')).then([lapsed(REQUEST_ID, 'NoProviderResponse', '2025-04-16')]);
      given([...HISTORY, requested()]).when(runDayStart('2025-04-12', { lapseAfterDays: 1 })).then([lapsed(REQUEST_ID, 'NoProviderResponse', '2025-04-12')]);
    });

    it('SupplierNotRegistered: a pending COS request whose supplier is no longer registered from its date', () => {
      const nstpId = idOf(NORTHSTAR, 'S-IF-031-0001');
      const cos = requested({
        appointmentId: nstpId,
        requestingSupplierDipId: NORTHSTAR.dipId,
        requestingSupplierMpid: NORTHSTAR.mpid,
        effectiveFromDate: '2025-05-01',
        appointmentScenario: 'COS',
        cssRegistrationId: 'CSS-REG-0002',
      });
      const replaced = supplierRegistered({ ...NORTHSTAR_SWITCH.data, cssRegistrationId: 'CSS-REG-0003', supplierDipId: GREENFIELD.dipId, supplierMpid: GREENFIELD.mpid });
      given([...HISTORY, NORTHSTAR_SWITCH, cos]).when(runDayStart('2025-04-11')).then([]);
      given([...HISTORY, NORTHSTAR_SWITCH, cos, replaced]).when(runDayStart('2025-04-11')).then([lapsed(nstpId, 'SupplierNotRegistered', '2025-04-11')]);
    });

    it('a re-run of a day before a request was made neither lapses nor activates it', () => {
      const nstpId = idOf(NORTHSTAR, 'S-IF-031-0001');
      const cos = requested({
        appointmentId: nstpId,
        requestingSupplierDipId: NORTHSTAR.dipId,
        requestingSupplierMpid: NORTHSTAR.mpid,
        effectiveFromDate: '2025-05-01',
        appointmentScenario: 'COS',
        cssRegistrationId: 'CSS-REG-0002',
      });
      const replaced = supplierRegistered({ ...NORTHSTAR_SWITCH.data, cssRegistrationId: 'CSS-REG-0003', supplierDipId: GREENFIELD.dipId, supplierMpid: GREENFIELD.mpid });
      // The request was made on 2025-04-10 (requestedOn of the fixtures): day 2025-04-09 knows nothing of it.
      given([...HISTORY, NORTHSTAR_SWITCH, cos, replaced]).when(runDayStart('2025-04-09')).then([]);
      given([...inAdvance]).when(runDayStart('2025-04-09')).then([]);
    });

    it("SupplierNotRegistered: the outgoing supplier's accepted appointment dated after the switch lapses and never holds", () => {
      const late = [...HISTORY, requested({ effectiveFromDate: '2025-05-05' }), accepted(REQUEST_ID), NORTHSTAR_SWITCH];
      expect(snapshotOn(fold(late), '2025-05-05').meteringService).toBeNull();
      const day = given(late).when(runDayStart('2025-04-11'));
      day.then([lapsed(REQUEST_ID, 'SupplierNotRegistered', '2025-04-11')]);
      givenState(day.stateAfter).when(runDayStart('2025-05-05')).then([meterwiseEnds('2025-04-30', 'CSUPP', null), halfhourEnds('2025-04-30')]);
    });
  });

  it('a day run after downtime catches up every missed change in date order (MS, then DS, then lapses)', () => {
    given([...inAdvance, NORTHSTAR_SWITCH]).when(runDayStart('2025-05-02')).then([
      activated(REQUEST_ID, 'MS', '2025-04-20', '2025-05-02'),
      meterwiseEnds('2025-04-19', 'CSERV', REQUEST_ID),
      deappointed({
        serviceType: 'MS',
        appointmentId: REQUEST_ID,
        providerDipId: KESTREL.dipId,
        providerMpid: KESTREL.mpid,
        effectiveFromDate: '2025-04-20',
        effectiveToDate: '2025-04-30',
        reason: 'CSUPP',
        replacedByAppointmentId: null,
      }),
      halfhourEnds('2025-04-30'),
    ]);
  });

  it('needs no day-start for the state on a date: the timelines already say who is appointed', () => {
    const state = fold(inAdvance);
    expect([snapshotOn(state, '2025-04-19'), snapshotOn(state, '2025-04-20')].map((s) => s.meteringService?.value.providerDipId)).toEqual([
      METERWISE.dipId,
      KESTREL.dipId,
    ]);
  });
});
