import { evolve } from '../registration/evolve';
import { MpanEvent } from '../registration/mpan-messages';
import { snapshotOn, timelinesOf } from '../registration/snapshot';
import { CreatedMpanState, initialState } from '../registration/state';
import { HALFHOUR, HISTORY, KESTREL, METERWISE, NORTHSTAR_SWITCH, REQUEST_ID, accepted, requested, service, BRWE_MS, BRWE_DS } from './testing/fixtures';

const fold = (events: MpanEvent[]) => events.reduce(evolve, initialState()) as CreatedMpanState;
const meterwise = service(METERWISE, BRWE_MS);
const halfhour = service(HALFHOUR, BRWE_DS, { role: 'SDS', contractReference: 'CON-DS-1' });

describe('snapshotOn / timelinesOf: metering and data service appointments', () => {
  it('a snapshot gives the appointment period on the day, null when nobody is appointed', () => {
    const state = fold([...HISTORY, NORTHSTAR_SWITCH]);
    expect([snapshotOn(state, '2025-04-30').meteringService, snapshotOn(state, '2025-04-30').dataService]).toEqual([
      { value: meterwise, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' },
      { value: halfhour, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' },
    ]);
    expect([snapshotOn(state, '2025-05-01').meteringService, snapshotOn(state, '2025-05-01').dataService]).toEqual([null, null]);
    expect(snapshotOn(fold(HISTORY.slice(0, 2)), '2025-04-01').meteringService).toBeNull();
  });

  it('timelines show every appointment period, a time with nobody appointed as a null value', () => {
    expect(timelinesOf(fold([...HISTORY, NORTHSTAR_SWITCH])).dataServices).toEqual([
      { value: halfhour, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' },
      { value: null, effectiveFromDate: '2025-05-01', effectiveToDate: null },
    ]);
  });

  it('pending requests are listed as recorded (without status) until answered, on any date', () => {
    const pending = fold([...HISTORY, requested()]);
    const { mpanCore: _m, supersedesAppointmentId: _s, ...proposal } = requested().data;
    expect(snapshotOn(pending, '2025-04-01').pendingAppointments).toEqual([proposal]);
    expect(timelinesOf(pending).pendingAppointments).toEqual([proposal]);
    const answered = evolve(pending, accepted(REQUEST_ID)) as CreatedMpanState;
    expect(snapshotOn(answered, '2025-04-20').pendingAppointments).toEqual([]);
    expect(snapshotOn(answered, '2025-04-20').meteringService?.value.providerDipId).toBe(KESTREL.dipId);
  });
});
