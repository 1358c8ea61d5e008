import { DomesticPremiseIndicatorChanged } from '../network/events';
import { evolve } from './evolve';
import { RegistrationEvent } from './events';
import { MpanEvent } from './mpan-messages';
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

  describe('SupplierRegistered and the domestic premise indicator (B004)', () => {
    const foldAll = (events: MpanEvent[]) => events.reduce(evolve, initialState()) as CreatedMpanState;
    const domesticOf = (events: MpanEvent[]) => foldAll(events).domesticPremiseIndicator;
    const dpi = (domesticPremiseIndicator: boolean, effectiveFromDate: string): DomesticPremiseIndicatorChanged => ({
      type: 'DomesticPremiseIndicatorChanged',
      data: { mpanCore: DNO_MPAN, domesticPremiseIndicator, effectiveFromDate },
    });
    const cos = (domesticPremiseIndicator: boolean | null) =>
      supplierRegistered({
        registrationKind: 'ChangeOfSupplier',
        cssRegistrationId: 'CSS-2',
        supplierDipId: NORTHSTAR.dipId,
        supplierMpid: NORTHSTAR.mpid,
        supplyStartDate: '2025-06-01',
        domesticPremiseIndicator,
      });

    it('sets the indicator from the supply start date when the registration carries one', () => {
      expect(domesticOf([created, supplierRegistered({ domesticPremiseIndicator: true }), cos(false)])).toEqual([
        { effectiveFromDate: '2025-04-01', value: true },
        { effectiveFromDate: '2025-06-01', value: false },
      ]);
    });

    it('leaves it as it is when the registration carries null, or no field at all (events recorded before B004 was kept)', () => {
      const old = supplierRegistered();
      delete (old.data as { domesticPremiseIndicator?: unknown }).domesticPremiseIndicator;
      expect('domesticPremiseIndicator' in old.data).toBe(false);
      expect(domesticOf([created, old])).toEqual([]);
      expect(domesticOf([created, dpi(true, '2025-04-10'), old, cos(null)])).toEqual([{ effectiveFromDate: '2025-04-10', value: true }]);
      expect(foldAll([created, old, cos(null)]).suppliers.map((e) => e.effectiveFromDate)).toEqual(['2025-04-01', '2025-06-01']);
    });

    it('a later-dated [DomPremInd] holds from its own date, whichever was recorded first', () => {
      const expected = [
        { effectiveFromDate: '2025-06-01', value: true },
        { effectiveFromDate: '2025-07-01', value: false },
      ];
      expect(domesticOf([created, supplierRegistered(), cos(true), dpi(false, '2025-07-01')])).toEqual(expected);
      expect(domesticOf([created, supplierRegistered(), dpi(false, '2025-07-01'), cos(true)])).toEqual(expected);
    });

    it('an earlier-dated [DomPremInd] holds until the supply start, whichever was recorded first (a back-dated change holds until the next entry)', () => {
      const expected = [
        { effectiveFromDate: '2025-05-01', value: false },
        { effectiveFromDate: '2025-06-01', value: true },
      ];
      expect(domesticOf([created, supplierRegistered(), cos(true), dpi(false, '2025-05-01')])).toEqual(expected);
      expect(domesticOf([created, supplierRegistered(), dpi(false, '2025-05-01'), cos(true)])).toEqual(expected);
    });

    it('on the supply start date itself the later-recorded of the registration and the [DomPremInd] wins', () => {
      expect(domesticOf([created, supplierRegistered(), cos(true), dpi(false, '2025-06-01')])).toEqual([{ effectiveFromDate: '2025-06-01', value: false }]);
      expect(domesticOf([created, supplierRegistered(), dpi(false, '2025-06-01'), cos(true)])).toEqual([{ effectiveFromDate: '2025-06-01', value: true }]);
    });
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
