import { decide } from '../registration/decide';
import { evolve } from '../registration/evolve';
import { MpanCommand, MpanEvent } from '../registration/mpan-messages';
import { snapshotOn, timelinesOf } from '../registration/snapshot';
import { CreatedMpanState, initialState, MpanState } from '../registration/state';
import { BRIGHTWATER, ctx, d, NORTHSTAR, ref, registerSupplier } from '../registration/testing/fixtures';
import { publicationsFor } from './publications-for';
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
  requestAppointment,
  requested,
  respond,
  runDayStart,
  service,
  SETTLEMENT_DATA,
} from './testing/fixtures';

/** Decides `command` on `state`, expects an acceptance, and returns its events and the state after. */
function step(state: MpanState, command: MpanCommand): { events: MpanEvent[]; state: CreatedMpanState } {
  const decision = decide(command, state, ctx, ref);
  if (decision.kind !== 'accepted') throw new Error(`rejected: ${JSON.stringify(decision.reasons)}`);
  return { events: decision.events, state: decision.events.reduce(evolve, state) as CreatedMpanState };
}

const MS_ID = idOf(NORTHSTAR, 'S-IF-031-MS');
const DS_ID = idOf(NORTHSTAR, 'S-IF-031-DS');
const cos = { appointmentScenario: 'COS' as const, cssRegistrationId: 'CSS-REG-0002', effectiveFromDate: d('2025-05-01') };
const northstar = { requestingSupplierDipId: NORTHSTAR.dipId, requestingSupplierMpid: NORTHSTAR.mpid };
const kestrel = service(KESTREL, MS_ID, { supplier: NORTHSTAR, contractReference: 'CON-NSTP-MS' });
const settlement = service(SETTLEMENT_DATA, DS_ID, { supplier: NORTHSTAR, role: 'SDS', contractReference: 'CON-NSTP-DS' });
const meterwise = service(METERWISE, BRWE_MS);
const halfhour = service(HALFHOUR, BRWE_DS, { role: 'SDS', contractReference: 'CON-DS-1' });

describe('change of supplier end to end: registration, COS requests, acceptances, day-start across the supply start date', () => {
  const s0 = HISTORY.reduce(evolve, initialState());
  const registered = step(
    s0,
    registerSupplier({
      registrationKind: 'ChangeOfSupplier',
      cssRegistrationId: 'CSS-REG-0002',
      supplierDipId: NORTHSTAR.dipId,
      supplierMpid: NORTHSTAR.mpid,
      supplyStartDate: d('2025-05-01'),
    }),
  );
  const msRequested = step(registered.state, requestAppointment({ ...cos, contractReference: 'CON-NSTP-MS' }, { supplier: NORTHSTAR, ref: 'S-IF-031-MS' }));
  const dsRequested = step(
    msRequested.state,
    requestAppointment(
      { ...cos, serviceType: 'DS', providerDipId: SETTLEMENT_DATA.dipId, providerMpid: SETTLEMENT_DATA.mpid, contractReference: 'CON-NSTP-DS' },
      { supplier: NORTHSTAR, ref: 'S-IF-031-DS' },
    ),
  );
  const answer = { effectiveFromDate: d('2025-05-01'), ...northstar, respondedOn: d('2025-04-12') };
  const msAccepted = step(dsRequested.state, respond(answer));
  const dsAccepted = step(
    msAccepted.state,
    respond({ ...answer, serviceType: 'DS', providerDipId: SETTLEMENT_DATA.dipId, providerMpid: SETTLEMENT_DATA.mpid }, { provider: SETTLEMENT_DATA, role: 'SDS' }),
  );
  const before = step(dsAccepted.state, runDayStart('2025-04-30'));
  const on = step(before.state, runDayStart('2025-05-01'));
  const again = step(on.state, runDayStart('2025-05-01'));
  const after = step(again.state, runDayStart('2025-05-02'));

  it('records the registration, the two requests and the two acceptances', () => {
    expect(registered.events).toEqual([NORTHSTAR_SWITCH]);
    expect(msRequested.events).toEqual([
      requested({ ...cos, appointmentId: MS_ID, ...northstar, effectiveFromDate: '2025-05-01', contractReference: 'CON-NSTP-MS' }),
    ]);
    expect(dsRequested.events).toEqual([
      requested({
        ...cos,
        appointmentId: DS_ID,
        ...northstar,
        serviceType: 'DS',
        providerRole: 'SDS',
        providerDipId: SETTLEMENT_DATA.dipId,
        providerMpid: SETTLEMENT_DATA.mpid,
        effectiveFromDate: '2025-05-01',
        contractReference: 'CON-NSTP-DS',
      }),
    ]);
    expect([...msAccepted.events, ...dsAccepted.events]).toEqual([accepted(MS_ID), accepted(DS_ID, 'DS')]);
  });

  it('day-start before the supply start date emits nothing', () => {
    expect(before.events).toEqual([]);
  });

  it('day-start on the supply start date activates the new providers and de-appoints the old ones (CSUPP)', () => {
    expect(on.events).toEqual([
      activated(MS_ID, 'MS', '2025-05-01', '2025-05-01'),
      deappointed({
        serviceType: 'MS',
        appointmentId: BRWE_MS,
        providerDipId: METERWISE.dipId,
        providerMpid: METERWISE.mpid,
        effectiveFromDate: '2025-04-01',
        effectiveToDate: '2025-04-30',
        reason: 'CSUPP',
        replacedByAppointmentId: MS_ID,
      }),
      activated(DS_ID, 'DS', '2025-05-01', '2025-05-01'),
      deappointed({
        serviceType: 'DS',
        appointmentId: BRWE_DS,
        providerDipId: HALFHOUR.dipId,
        providerMpid: HALFHOUR.mpid,
        effectiveFromDate: '2025-04-01',
        effectiveToDate: '2025-04-30',
        reason: 'CSUPP',
        replacedByAppointmentId: DS_ID,
      }),
    ]);
  });

  it('day-start on the same day again, and after it, emits nothing', () => {
    expect([again.events, after.events]).toEqual([[], []]);
  });

  it('the appointments on each date are exactly right, before and after day-start alike', () => {
    for (const state of [dsAccepted.state, after.state]) {
      const on = (date: string) => {
        const s = snapshotOn(state, date);
        return [s.supplier?.value.supplierDipId, s.meteringService, s.dataService];
      };
      expect(on('2025-04-30')).toEqual([
        BRIGHTWATER.dipId,
        { value: meterwise, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' },
        { value: halfhour, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' },
      ]);
      for (const date of ['2025-05-01', '2025-05-02']) {
        expect(on(date)).toEqual([
          NORTHSTAR.dipId,
          { value: kestrel, effectiveFromDate: '2025-05-01', effectiveToDate: null },
          { value: settlement, effectiveFromDate: '2025-05-01', effectiveToDate: null },
        ]);
      }
    }
    expect(timelinesOf(after.state).meteringServices).toEqual([
      { value: meterwise, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' },
      { value: kestrel, effectiveFromDate: '2025-05-01', effectiveToDate: null },
    ]);
    expect(after.state.activeAppointments).toEqual({
      MS: { ...kestrel, effectiveFromDate: '2025-05-01', providerSince: '2025-05-01' },
      DS: { ...settlement, effectiveFromDate: '2025-05-01', providerSince: '2025-05-01' },
    });
    expect(snapshotOn(after.state, '2025-05-01').pendingAppointments).toEqual([]);
  });

  it('the pending requests show in the snapshot until the providers answer', () => {
    expect(snapshotOn(dsRequested.state, '2025-04-10').pendingAppointments.map((p) => [p.appointmentId, p.serviceType, p.providerDipId])).toEqual([
      [MS_ID, 'MS', KESTREL.dipId],
      [DS_ID, 'DS', SETTLEMENT_DATA.dipId],
    ]);
  });

  it('the publications of the supply start day match the interface catalogue', () => {
    let state: MpanState = before.state;
    const published = on.events.map((event) => {
      state = evolve(state, event);
      return publicationsFor(event, state as CreatedMpanState, ref).map((p) => [
        p.data.interfaceId,
        p.data.eventCode,
        p.data.recipients.map((r) => `${r.role}:${r.dipId}`).join(' '),
      ]);
    });
    const common = 'LDSO:3000000010 MDS:9000000004 EES:9000000003';
    expect(published).toEqual([
      // The DS on 2025-05-01 is already Settlement Data: its acceptance put it in the timeline.
      [['IF-036', '[MSAppActive]', `SUP:1000000002 MSS:2000000002 SDS:2000000012 ${common}`]],
      [['IF-037', '[MSDeApp]', 'SUP:1000000001 SUP:1000000002 MSS:2000000001 SDS:2000000011 SDS:2000000012 MDS:9000000004 LDSO:3000000010 EES:9000000003']],
      [['IF-036', '[DSAppActive]', `SUP:1000000002 MSS:2000000002 SDS:2000000012 ${common}`]],
      [['IF-037', '[DSDeApp]', 'SUP:1000000001 SUP:1000000002 SDS:2000000011 MSS:2000000001 MSS:2000000002 MDS:9000000004 LDSO:3000000010 EES:9000000003']],
    ]);
  });
});
