import { evolve } from './evolve';
import { RegistrationEvent } from './events';
import { CreatedMpanState, initialState, MpanState } from './state';
import { ADDRESS, BRIGHTWATER, d, DNO_MPAN, mpanCreated, NEW_ADDRESS, NORTHSTAR, supplierRegistered } from './testing/fixtures';

const fold = (events: RegistrationEvent[]): MpanState => events.reduce(evolve, initialState());
const created = mpanCreated({
  connectionTypeEffectiveFromDate: d('2025-04-02'),
  marketSegmentEffectiveFromDate: d('2025-04-03'),
  duosTariffIdEffectiveFromDate: d('2025-04-04'),
  energisationStatusEffectiveFromDate: d('2025-04-05'),
  gspGroupEffectiveFromDate: d('2025-04-06'),
});
const createdState = fold([created]) as CreatedMpanState;

describe('evolve', () => {
  it('MpanCreated fills every timeline at its own date (energy direction and metered indicator at the connection type date)', () => {
    expect(createdState).toEqual({
      status: 'Created',
      mpanCore: DNO_MPAN,
      distributorId: '10',
      effectiveFromDate: '2025-04-01',
      gspGroup: [{ effectiveFromDate: '2025-04-06', value: '_A' }],
      address: [{ effectiveFromDate: '2025-04-01', value: ADDRESS }],
      connectionType: [{ effectiveFromDate: '2025-04-02', value: 'W' }],
      energyDirection: [{ effectiveFromDate: '2025-04-02', value: 'I' }],
      meteredIndicator: [{ effectiveFromDate: '2025-04-02', value: true }],
      marketSegment: [{ effectiveFromDate: '2025-04-03', value: 'S' }],
      duosTariffId: [{ effectiveFromDate: '2025-04-04', value: '1A' }],
      energisationStatus: [{ effectiveFromDate: '2025-04-05', value: 'E' }],
      suppliers: [],
      meters: [],
      ihd: [],
      domesticPremiseIndicator: [],
      disconnectionStatus: [],
      profileClass: [],
      ssc: [],
      consentGranularity: [],
      smso: [],
      lastReminderDate: null,
      appointments: { MS: [], DS: [] },
      appointmentRequests: [],
      activeAppointments: { MS: null, DS: null },
    });
  });

  it('SupplierRegistered adds the supplier from its supply start date; the same date again replaces it', () => {
    const cos = supplierRegistered({ registrationKind: 'ChangeOfSupplier', cssRegistrationId: 'CSS-2', supplierDipId: NORTHSTAR.dipId, supplierMpid: NORTHSTAR.mpid, supplyStartDate: '2025-06-01' });
    const state = fold([created, supplierRegistered(), cos]);
    expect(state.status === 'Created' && state.suppliers).toEqual([
      { effectiveFromDate: '2025-04-01', value: { supplierDipId: BRIGHTWATER.dipId, supplierMpid: 'BRWE', cssRegistrationId: 'CSS-REG-0001', registrationKind: 'InitialRegistration' } },
      { effectiveFromDate: '2025-06-01', value: { supplierDipId: NORTHSTAR.dipId, supplierMpid: 'NSTP', cssRegistrationId: 'CSS-2', registrationKind: 'ChangeOfSupplier' } },
    ]);
    const corrected = fold([created, supplierRegistered(), supplierRegistered({ cssRegistrationId: 'CSS-3' })]);
    expect(corrected.status === 'Created' && corrected.suppliers.map((e) => e.value.cssRegistrationId)).toEqual(['CSS-3']);
  });

  it('each change event sets its item from its effective-from date, leaving earlier periods in place', () => {
    const state = fold([
      created,
      { type: 'MpanAddressChanged', data: { mpanCore: DNO_MPAN, address: NEW_ADDRESS, effectiveFromDate: '2025-06-01' } },
      { type: 'GspGroupChanged', data: { mpanCore: DNO_MPAN, gspGroupId: '_B', effectiveFromDate: '2025-06-02' } },
      { type: 'DuosTariffIdChanged', data: { mpanCore: DNO_MPAN, duosTariffId: '2B', effectiveFromDate: '2025-06-03' } },
      { type: 'EnergyDirectionChanged', data: { mpanCore: DNO_MPAN, energyDirection: 'E', effectiveFromDate: '2025-06-04' } },
    ]);
    expect(state).toEqual({
      ...createdState,
      address: [...createdState.address, { effectiveFromDate: '2025-06-01', value: NEW_ADDRESS }],
      gspGroup: [{ effectiveFromDate: '2025-04-06', value: '_A' }, { effectiveFromDate: '2025-06-02', value: '_B' }],
      duosTariffId: [{ effectiveFromDate: '2025-04-04', value: '1A' }, { effectiveFromDate: '2025-06-03', value: '2B' }],
      energyDirection: [{ effectiveFromDate: '2025-04-02', value: 'I' }, { effectiveFromDate: '2025-06-04', value: 'E' }],
    });
  });

  it('events other than MpanCreated on an Absent MPAN leave it Absent', () => {
    const events: RegistrationEvent[] = [
      supplierRegistered(),
      { type: 'MpanAddressChanged', data: { mpanCore: DNO_MPAN, address: NEW_ADDRESS, effectiveFromDate: '2025-06-01' } },
      { type: 'GspGroupChanged', data: { mpanCore: DNO_MPAN, gspGroupId: '_B', effectiveFromDate: '2025-06-01' } },
      { type: 'DuosTariffIdChanged', data: { mpanCore: DNO_MPAN, duosTariffId: '2B', effectiveFromDate: '2025-06-01' } },
      { type: 'EnergyDirectionChanged', data: { mpanCore: DNO_MPAN, energyDirection: 'E', effectiveFromDate: '2025-06-01' } },
    ];
    for (const e of events) expect(evolve(initialState(), e)).toEqual({ status: 'Absent' });
  });

  it('a second MpanCreated is ignored (decide never emits one); an unknown event type leaves the state as it is', () => {
    expect(evolve(createdState, mpanCreated({ gspGroupId: '_Z' }))).toBe(createdState);
    expect(evolve(createdState, { type: 'MpanTerminated', data: {} } as unknown as RegistrationEvent)).toBe(createdState);
  });

  it('never mutates the state it is given', () => {
    const before = JSON.stringify(createdState);
    evolve(createdState, supplierRegistered());
    expect(JSON.stringify(createdState)).toBe(before);
  });
});
