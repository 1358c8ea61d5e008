import { publicationsFor } from '../appointment/publications-for';
import {
  ADVANCED_DATA,
  ADVANCED_METERING,
  activated,
  BRWE_DS,
  BRWE_MS,
  deappointed,
  HALFHOUR,
  HISTORY,
  idOf,
  METERWISE,
  requestAppointment,
  respond,
  runDayStart,
} from '../appointment/testing/fixtures';
import { dayStartDueDates } from '../appointment/due-dates';
import { CreatedMpanState, MpanState } from '../registration/state';
import { BRIGHTWATER, d, given, givenState, ref } from '../registration/testing/fixtures';
import { IncompatibleAppointment, RegistrationReminderIssued } from './events';
import { changeMarketSegment, receivedOn } from './testing/fixtures';

/**
 * A change of market segment from Smart to Advanced, end to end in the domain: the LDSO changes the
 * segment from 2025-05-01 (with the CT connection that goes with it), day-start reminds the
 * supplier every day (IF-045) while Meterwise (MSS) and Halfhour (SDS) no longer fit, Brightwater
 * re-appoints with scenario SEG (Advanced Metering as MSA, Advanced Data as ADS), the new providers
 * accept, and the old ones are de-appointed with reason CSEGM; the reminders stop.
 */

const MS: IncompatibleAppointment = {
  serviceType: 'MS',
  appointmentId: BRWE_MS,
  providerDipId: METERWISE.dipId,
  providerMpid: METERWISE.mpid,
  providerRole: 'MSS',
  requiredRole: 'MSA',
};
const DS: IncompatibleAppointment = {
  serviceType: 'DS',
  appointmentId: BRWE_DS,
  providerDipId: HALFHOUR.dipId,
  providerMpid: HALFHOUR.mpid,
  providerRole: 'SDS',
  requiredRole: 'ADS',
};
const MS_TEXT = 'the appointed MS 2000000001 (MSSA) acts as MSS, not MSA';
const DS_TEXT = 'the appointed DS 2000000011 (SDSA) acts as SDS, not ADS';

function reminders(date: string, providers: IncompatibleAppointment[]): RegistrationReminderIssued[] {
  const base = { mpanCore: '1012345678903', settlementDate: date, marketSegment: 'A' as const, supplierDipId: BRIGHTWATER.dipId };
  const text = (p: IncompatibleAppointment) => (p.serviceType === 'MS' ? MS_TEXT : DS_TEXT);
  return [
    {
      type: 'RegistrationReminderIssued',
      data: {
        ...base,
        reminder: 'InvalidMarketSegment',
        serviceType: null,
        providers,
        additionalInformation: `the market segment of MPAN 1012345678903 is A from 2025-05-01, but ${providers.map(text).join(' and ')}: re-appoint with scenario SEG from 2025-05-01`,
      },
    },
    ...providers.map(
      (p): RegistrationReminderIssued => ({
        type: 'RegistrationReminderIssued',
        data: {
          ...base,
          reminder: p.serviceType === 'MS' ? 'NoMSAppointed' : 'NoDSAppointed',
          serviceType: p.serviceType,
          providers: [p],
          additionalInformation: `no ${p.serviceType === 'MS' ? 'metering' : 'data'} service fit for market segment A is appointed on ${date}: ${text(p)}; appoint a provider acting as ${p.requiredRole} with scenario SEG from 2025-05-01`,
        },
      }),
    ),
  ];
}

const SEG_MS = idOf(BRIGHTWATER, 'S-SEG-MS');
const SEG_DS = idOf(BRIGHTWATER, 'S-SEG-DS');
const segRequest = (serviceType: 'MS' | 'DS') =>
  requestAppointment(
    {
      serviceType,
      appointmentScenario: 'SEG',
      providerDipId: serviceType === 'MS' ? ADVANCED_METERING.dipId : ADVANCED_DATA.dipId,
      providerMpid: serviceType === 'MS' ? ADVANCED_METERING.mpid : ADVANCED_DATA.mpid,
      effectiveFromDate: d('2025-05-01'),
      contractReference: `CON-${serviceType}-ADV`,
      requestedOn: d('2025-05-02'),
    },
    { ref: `S-SEG-${serviceType}` },
  );
const segResponse = (serviceType: 'MS' | 'DS') =>
  respond(
    { serviceType, providerDipId: serviceType === 'MS' ? ADVANCED_METERING.dipId : ADVANCED_DATA.dipId, providerMpid: serviceType === 'MS' ? ADVANCED_METERING.mpid : ADVANCED_DATA.mpid, effectiveFromDate: d('2025-05-01'), respondedOn: d('2025-05-02') },
    { provider: serviceType === 'MS' ? ADVANCED_METERING : ADVANCED_DATA, role: serviceType === 'MS' ? 'MSA' : 'ADS', ref: `S-IF-034-${serviceType}` },
  );

const created = (s: MpanState) => {
  expect(s.status).toBe('Created');
  return s as CreatedMpanState;
};

describe('change of market segment Smart → Advanced, SEG re-appointments, IF-045 reminders and CSEGM de-appointments', () => {
  const changed = receivedOn('2025-04-25').given(HISTORY).when(
    changeMarketSegment({ connection: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: d('2025-05-01') } }),
  );
  const afterChange = changed.stateAfter as CreatedMpanState;

  it('the segment change is accepted and flags both providers as incompatible', () => {
    expect(changed.decision.kind === 'accepted' && changed.decision.events.map((e) => e.type)).toEqual(['MarketSegmentChanged', 'ConnectionTypeChanged']);
    const e = changed.decision.kind === 'accepted' ? changed.decision.events[0] : undefined;
    expect(e?.type === 'MarketSegmentChanged' && e.data.incompatibleAppointments).toEqual([MS, DS]);
  });

  it('no reminder before the segment changes; on each day from it, one set of reminders (idempotent per day)', () => {
    givenState(afterChange).when(runDayStart('2025-04-30')).then([]);
    const first = givenState(afterChange).when(runDayStart('2025-05-01'));
    first.then(reminders('2025-05-01', [MS, DS]));
    givenState(first.stateAfter).when(runDayStart('2025-05-01')).then([]);
    givenState(first.stateAfter).when(runDayStart('2025-05-02')).then(reminders('2025-05-02', [MS, DS]));
  });

  it('MPANs needing reminders stay due every day (dayStartDueDates), and only from the segment change', () => {
    expect(dayStartDueDates(afterChange, '2025-04-25', '2025-05-03', 5)).toEqual(['2025-05-01', '2025-05-02', '2025-05-03']);
    const reminded = givenState(afterChange).when(runDayStart('2025-05-01')).stateAfter as CreatedMpanState;
    expect(dayStartDueDates(reminded, '2025-04-25', '2025-05-02', 5)).toEqual(['2025-05-02']);
    expect(dayStartDueDates(reminded, '2025-05-02', '9999-12-31', 5).length).toBeGreaterThan(0);
  });

  it('SEG re-appointments take effect on the segment change date and de-appoint the old providers with CSEGM; reminders stop', () => {
    const day1 = givenState(afterChange).when(runDayStart('2025-05-01')).stateAfter;

    // The MS first: accepted on 2025-05-02 for 2025-05-01, so activated at once.
    const msRequested = givenState(day1).when(segRequest('MS'));
    expect(msRequested.decision.kind).toBe('accepted');
    const msResponse = givenState(msRequested.stateAfter).when(segResponse('MS'));
    expect(msResponse.decision.kind === 'accepted' && msResponse.decision.events.slice(1)).toEqual([
      activated(SEG_MS, 'MS', '2025-05-01', '2025-05-02'),
      deappointed({
        serviceType: 'MS',
        appointmentId: BRWE_MS,
        providerDipId: METERWISE.dipId,
        providerMpid: METERWISE.mpid,
        effectiveFromDate: '2025-04-01',
        effectiveToDate: '2025-04-30',
        reason: 'CSEGM',
        replacedByAppointmentId: SEG_MS,
      }),
    ]);
    const msDone = created(msResponse.stateAfter);
    // Only the DS is still reminded about.
    givenState(msDone).when(runDayStart('2025-05-02')).then(reminders('2025-05-02', [DS]));

    const dsRequested = givenState(msDone).when(segRequest('DS'));
    const dsResponse = givenState(dsRequested.stateAfter).when(segResponse('DS'));
    expect(dsResponse.decision.kind === 'accepted' && dsResponse.decision.events.slice(1)).toEqual([
      activated(SEG_DS, 'DS', '2025-05-01', '2025-05-02'),
      deappointed({
        serviceType: 'DS',
        appointmentId: BRWE_DS,
        providerDipId: HALFHOUR.dipId,
        providerMpid: HALFHOUR.mpid,
        effectiveFromDate: '2025-04-01',
        effectiveToDate: '2025-04-30',
        reason: 'CSEGM',
        replacedByAppointmentId: SEG_DS,
      }),
    ]);
    const done = created(dsResponse.stateAfter);
    givenState(done).when(runDayStart('2025-05-02')).then([]);
    givenState(done).when(runDayStart('2025-05-03')).then([]);
    expect(dayStartDueDates(done, '2025-05-02', '9999-12-31', 5)).toEqual([]);
  });

  it('reminders are published as IF-045 to the supplier and the provider concerned', () => {
    const [invalid, noMs, noDs] = reminders('2025-05-01', [MS, DS]);
    const brief = (e: RegistrationReminderIssued) =>
      publicationsFor(e, afterChange, ref).map((p) => [p.data.interfaceId, p.data.eventCode, p.data.recipients.map((r) => `${r.role}:${r.dipId}`).join(' ')]);
    expect([invalid, noMs, noDs].flatMap((e) => (e ? brief(e) : []))).toEqual([
      ['IF-045', '[InvalidMarketSegment]', 'SUP:1000000001 MSS:2000000001 SDS:2000000011'],
      ['IF-045', '[NoMSAppointed]', 'SUP:1000000001 MSS:2000000001'],
      ['IF-045', '[NoDSAppointed]', 'SUP:1000000001 SDS:2000000011'],
    ]);
  });

  it('a SEG request still needs a change of segment on its date (LOC025), which the event now provides', () => {
    const wrongDay = requestAppointment({ ...segRequest('MS').data, effectiveFromDate: d('2025-05-02') }, { ref: 'S-SEG-X' });
    const decision = givenState(afterChange).when(wrongDay).decision;
    expect(decision.kind === 'rejected' && decision.reasons.map((r) => r.code)).toEqual(['LOC025']);
    expect(given(HISTORY).when(segRequest('MS')).decision.kind).toBe('rejected');
  });
});
