import { evolve } from './evolve';
import { RegistrationEvent } from './events';
import { snapshotOn, timelinesOf } from './snapshot';
import { CreatedMpanState, initialState } from './state';
import { ADDRESS, d, DNO_MPAN, mpanCreated, NEW_ADDRESS, NORTHSTAR, supplierRegistered } from './testing/fixtures';

const fold = (events: RegistrationEvent[]) => events.reduce(evolve, initialState()) as CreatedMpanState;
const state = fold([
  mpanCreated({ duosTariffIdEffectiveFromDate: d('2025-05-01') }),
  supplierRegistered(),
  supplierRegistered({ registrationKind: 'ChangeOfSupplier', cssRegistrationId: 'CSS-2', supplierDipId: NORTHSTAR.dipId, supplierMpid: NORTHSTAR.mpid, supplyStartDate: '2025-10-26' }),
  { type: 'MpanAddressChanged', data: { mpanCore: DNO_MPAN, address: NEW_ADDRESS, effectiveFromDate: '2025-06-01' } },
]);
const brightwater = { supplierDipId: '1000000001', supplierMpid: 'BRWE', cssRegistrationId: 'CSS-REG-0001', registrationKind: 'InitialRegistration' };
const northstar = { supplierDipId: '1000000002', supplierMpid: 'NSTP', cssRegistrationId: 'CSS-2', registrationKind: 'ChangeOfSupplier' };

describe('snapshotOn: the data effective on a settlement day', () => {
  it('gives each item with its period on that day (the day before a change is the last day of the old value)', () => {
    expect(snapshotOn(state, '2025-10-25')).toEqual({
      mpanCore: DNO_MPAN,
      distributorId: '10',
      effectiveFromDate: '2025-04-01',
      settlementDate: '2025-10-25',
      gspGroupId: { value: '_A', effectiveFromDate: '2025-04-01', effectiveToDate: null },
      address: { value: NEW_ADDRESS, effectiveFromDate: '2025-06-01', effectiveToDate: null },
      connectionType: { value: 'W', effectiveFromDate: '2025-04-01', effectiveToDate: null },
      energyDirection: { value: 'I', effectiveFromDate: '2025-04-01', effectiveToDate: null },
      meteredIndicator: { value: true, effectiveFromDate: '2025-04-01', effectiveToDate: null },
      marketSegment: { value: 'S', effectiveFromDate: '2025-04-01', effectiveToDate: null },
      duosTariffId: { value: '1A', effectiveFromDate: '2025-05-01', effectiveToDate: null },
      energisationStatus: { value: 'E', effectiveFromDate: '2025-04-01', effectiveToDate: null },
      supplier: { value: brightwater, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25' },
      meteringService: null,
      dataService: null,
      pendingAppointments: [],
      meters: [],
      ihdInstallStatus: null,
      domesticPremiseIndicator: null,
      disconnectionStatus: null,
      profileClass: null,
      ssc: null,
      consentGranularity: null,
      smso: null,
    });
    expect(snapshotOn(state, '2025-10-26').supplier).toEqual({ value: northstar, effectiveFromDate: '2025-10-26', effectiveToDate: null });
    expect(snapshotOn(state, '2025-05-31').address).toEqual({ value: ADDRESS, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-05-31' });
  });

  it('an item with no value yet on that day is null', () => {
    const early = snapshotOn(state, '2025-04-30');
    expect([early.duosTariffId, early.gspGroupId?.value]).toEqual([null, '_A']);
    expect(snapshotOn(fold([mpanCreated()]), '2025-04-01').supplier).toBeNull();
    expect(Object.values(snapshotOn(state, '2025-03-31')).filter((v) => v === null)).toHaveLength(18);
  });

  it('is plain JSON, not shared with the state', () => {
    const snap = snapshotOn(state, '2025-10-25');
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    snap.address!.value.lines[0] = 'changed';
    expect(snapshotOn(state, '2025-10-25').address!.value.lines[0]).toBe('2 Mill Road');
  });

  it('throws a RangeError for a date that is not YYYY-MM-DD', () => {
    expect(() => snapshotOn(state, '2025-02-29')).toThrow(RangeError);
  });
});

describe('timelinesOf: every item as periods', () => {
  it('gives contiguous periods, the last open-ended', () => {
    const t = timelinesOf(state);
    expect(t.suppliers).toEqual([
      { value: brightwater, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25' },
      { value: northstar, effectiveFromDate: '2025-10-26', effectiveToDate: null },
    ]);
    expect(t.address).toEqual([
      { value: ADDRESS, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-05-31' },
      { value: NEW_ADDRESS, effectiveFromDate: '2025-06-01', effectiveToDate: null },
    ]);
    expect({ ...t, suppliers: undefined, address: undefined }).toEqual({
      mpanCore: DNO_MPAN,
      distributorId: '10',
      effectiveFromDate: '2025-04-01',
      gspGroupId: [{ value: '_A', effectiveFromDate: '2025-04-01', effectiveToDate: null }],
      connectionType: [{ value: 'W', effectiveFromDate: '2025-04-01', effectiveToDate: null }],
      energyDirection: [{ value: 'I', effectiveFromDate: '2025-04-01', effectiveToDate: null }],
      meteredIndicator: [{ value: true, effectiveFromDate: '2025-04-01', effectiveToDate: null }],
      marketSegment: [{ value: 'S', effectiveFromDate: '2025-04-01', effectiveToDate: null }],
      duosTariffId: [{ value: '1A', effectiveFromDate: '2025-05-01', effectiveToDate: null }],
      energisationStatus: [{ value: 'E', effectiveFromDate: '2025-04-01', effectiveToDate: null }],
      suppliers: undefined,
      address: undefined,
      meteringServices: [],
      dataServices: [],
      pendingAppointments: [],
      meters: [],
      ihdInstallStatus: [],
      domesticPremiseIndicator: [],
      disconnectionStatus: [],
      profileClass: [],
      ssc: [],
      consentGranularity: [],
      smso: [],
    });
  });
});
