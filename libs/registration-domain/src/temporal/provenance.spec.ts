import {
  accepted,
  appointed,
  BRWE_DS,
  BRWE_MS,
  HALFHOUR,
  HISTORY,
  KESTREL,
  METERWISE,
  NORTHSTAR_SWITCH,
  REQUEST_ID,
  requested,
  service,
} from '../appointment/testing/fixtures';
import { details, meterBlock, meterInstalled } from '../metering/testing/fixtures';
import { disconnected, reconnected, segmentChangedTo } from '../network/testing/fixtures';
import { MpanEvent } from '../registration/mpan-messages';
import { timelinesOf } from '../registration/snapshot';
import { CreatedMpanState } from '../registration/state';
import { ADDRESS, BRIGHTWATER, d, DNO_MPAN, mpanCreated, NEW_ADDRESS, NORTHSTAR, supplierRegistered } from '../registration/testing/fixtures';
import { PERIOD_ITEM_NAMES, TIMELINE_ITEM_NAMES } from './items';
import { MpanProvenance, PeriodProvenance, provenanceFold, provenanceOf } from './provenance';

/** Each event is referred to by its index in the list (the application uses revision, position …). */
function provenance(events: MpanEvent[]): MpanProvenance<number> {
  const p = provenanceOf(provenanceFold(events.map((event, by) => ({ event, by }))));
  if (p === null) throw new Error('MPAN not created');
  return p;
}

/** A period without its steps, for compact expectations. */
const brief = ({ steps: _steps, ...p }: PeriodProvenance<number>) => p;

const duos = (duosTariffId: string, effectiveFromDate: string): MpanEvent => ({
  type: 'DuosTariffIdChanged',
  data: { mpanCore: DNO_MPAN, duosTariffId, effectiveFromDate },
});
const address = (value: typeof ADDRESS, effectiveFromDate: string): MpanEvent => ({
  type: 'MpanAddressChanged',
  data: { mpanCore: DNO_MPAN, address: value, effectiveFromDate },
});

describe('provenance of periods: a progressive fold comparing the periods before and after each event', () => {
  it('a period is opened by the event that recorded it and stays open-ended until a later period is recorded', () => {
    const p = provenance([mpanCreated(), supplierRegistered()]);
    expect(p.periods.duosTariffId.map(brief)).toEqual([
      { value: '1A', effectiveFromDate: '2025-04-01', effectiveToDate: null, openedBy: 0, closedBy: null, correctedBy: [] },
    ]);
    expect(p.periods.supplier.map(brief)).toEqual([
      {
        value: { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, cssRegistrationId: 'CSS-REG-0001', registrationKind: 'InitialRegistration' },
        effectiveFromDate: '2025-04-01',
        effectiveToDate: null,
        openedBy: 1,
        closedBy: null,
        correctedBy: [],
      },
    ]);
    expect(p.periods.meteringService).toEqual([]);
  });

  it('a future-dated change recorded now closes the current period the day before its date', () => {
    const p = provenance([mpanCreated(), duos('2B', '2025-10-26')]);
    expect(p.periods.duosTariffId.map(brief)).toEqual([
      { value: '1A', effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25', openedBy: 0, closedBy: 1, correctedBy: [] },
      { value: '2B', effectiveFromDate: '2025-10-26', effectiveToDate: null, openedBy: 1, closedBy: null, correctedBy: [] },
    ]);
    expect(p.periods.duosTariffId[0]!.steps).toEqual([
      { kind: 'opened', by: 0, value: '1A', effectiveToDate: null },
      { kind: 'toDateChanged', by: 1, effectiveToDate: '2025-10-25', previousEffectiveToDate: null },
    ]);
  });

  it('a back-dated change splits the period it falls in: the earlier part is closed by it, the new period is born closed by it', () => {
    const p = provenance([mpanCreated(), duos('2B', '2025-06-01'), duos('3C', '2025-05-01')]);
    expect(p.periods.duosTariffId.map(brief)).toEqual([
      { value: '1A', effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30', openedBy: 0, closedBy: 2, correctedBy: [] },
      { value: '3C', effectiveFromDate: '2025-05-01', effectiveToDate: '2025-05-31', openedBy: 2, closedBy: 2, correctedBy: [] },
      { value: '2B', effectiveFromDate: '2025-06-01', effectiveToDate: null, openedBy: 1, closedBy: null, correctedBy: [] },
    ]);
    expect(p.periods.duosTariffId[0]!.steps.map((s) => [s.kind, s.by, 'effectiveToDate' in s ? s.effectiveToDate : null])).toEqual([
      ['opened', 0, null],
      ['toDateChanged', 1, '2025-05-31'],
      ['toDateChanged', 2, '2025-04-30'],
    ]);
    expect(p.periods.duosTariffId[1]!.steps).toEqual([{ kind: 'opened', by: 2, value: '3C', effectiveToDate: '2025-05-31' }]);
  });

  it('a correction (a later-recorded change from the same date) keeps the opener and records the correcting event', () => {
    const corrected = { ...NEW_ADDRESS, lines: ['3 Mill Road', ...NEW_ADDRESS.lines.slice(1)] };
    const p = provenance([mpanCreated(), address(NEW_ADDRESS, '2025-06-01'), duos('2B', '2025-07-01'), address(corrected, '2025-06-01')]);
    expect(p.periods.address.map(brief)).toEqual([
      { value: ADDRESS, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-05-31', openedBy: 0, closedBy: 1, correctedBy: [] },
      { value: corrected, effectiveFromDate: '2025-06-01', effectiveToDate: null, openedBy: 1, closedBy: null, correctedBy: [3] },
    ]);
    expect(p.periods.address[1]!.steps).toEqual([
      { kind: 'opened', by: 1, value: NEW_ADDRESS, effectiveToDate: null },
      { kind: 'corrected', by: 3, value: corrected, previousValue: NEW_ADDRESS },
    ]);
    // The unrelated DUoS change touched no address period.
    expect(p.periods.address.flatMap((x) => x.steps.map((s) => s.by))).not.toContain(2);
  });

  it('an effective-to date is the day before the next period starts: no gap, no overlap, also across the BST change days', () => {
    const p = provenance([mpanCreated({ effectiveFromDate: d('2025-03-01'), duosTariffIdEffectiveFromDate: d('2025-03-01') }), duos('2B', '2025-03-30'), duos('3C', '2025-10-26'), duos('4D', '2025-10-27')]);
    expect(p.periods.duosTariffId.map((x) => [x.effectiveFromDate, x.effectiveToDate])).toEqual([
      ['2025-03-01', '2025-03-29'],
      ['2025-03-30', '2025-10-25'],
      ['2025-10-26', '2025-10-26'],
      ['2025-10-27', null],
    ]);
  });

  it('an in-advance appointment opens its service period at its date when accepted; a change of supplier recorded later closes it', () => {
    const p = provenance([
      ...HISTORY,
      requested({ requestedOn: '2025-04-10' }), // Kestrel from 2025-04-20 (CSP), recorded in advance
      accepted(REQUEST_ID),
      NORTHSTAR_SWITCH, // Northstar from 2025-05-01: Brightwater's providers end 2025-04-30
    ]);
    const firstMs = HISTORY.findIndex((e) => e.type === 'ServiceAppointmentAccepted');
    expect(p.periods.meteringService.map(brief)).toEqual([
      { value: service(METERWISE, BRWE_MS), effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-19', openedBy: firstMs, closedBy: 9, correctedBy: [] },
      { value: service(KESTREL, REQUEST_ID, { scenario: 'CSP', contractReference: 'CON-MS-2' }), effectiveFromDate: '2025-04-20', effectiveToDate: '2025-04-30', openedBy: 9, closedBy: 10, correctedBy: [] },
      { value: null, effectiveFromDate: '2025-05-01', effectiveToDate: null, openedBy: 10, closedBy: null, correctedBy: [] },
    ]);
    expect(p.periods.dataService.map((x) => [x.effectiveFromDate, x.effectiveToDate, x.closedBy])).toEqual([
      ['2025-04-01', '2025-04-30', 10],
      ['2025-05-01', null, null],
    ]);
  });

  it('pending requests carry the event that recorded them; an accepted one is no longer pending', () => {
    expect(provenance([...HISTORY, requested()]).pendingAppointments).toEqual([
      { request: expect.objectContaining({ appointmentId: REQUEST_ID, providerDipId: KESTREL.dipId }), requestedBy: HISTORY.length },
    ]);
    expect(provenance([...HISTORY, requested(), accepted(REQUEST_ID)]).pendingAppointments).toEqual([]);
  });

  it('a meter installed back-dated is a period from its installation date opened by the event; its exchange closes it the day before', () => {
    const installedLate = meterInstalled(meterBlock({ meterInstallationDate: d('2025-04-05') }), '2025-04-20');
    const exchange: MpanEvent = {
      type: 'MeterExchanged',
      data: {
        mpanCore: DNO_MPAN,
        exchangeDate: '2025-04-25',
        removedMeterId: 'S95A01234',
        removedMeterInstallationDate: '2025-04-05',
        meter: details(meterBlock({ meterId: 'K12345678', meterType: 'N', esmeGuid: null, numberOfDisplayedRegisterDigits: null, meterInstallationDate: d('2025-04-25') })),
        ihd: null,
        meteringServiceDipId: METERWISE.dipId,
        receivedOn: '2025-04-25',
      },
    };
    const n = HISTORY.length;
    const p = provenance([...HISTORY, installedLate, exchange]);
    expect(p.periods.meters.map((m) => [(m.value as { meterId: string }).meterId, m.effectiveFromDate, m.effectiveToDate, m.openedBy, m.closedBy])).toEqual([
      ['S95A01234', '2025-04-05', '2025-04-24', n, n + 1],
      ['K12345678', '2025-04-25', null, n + 1, null],
    ]);
    expect(p.periods.meters[0]!.value).toEqual({ ...details(meterBlock()), meterRemovalDate: '2025-04-25' });
  });

  it('a change to a meter\'s details is a correction of its period', () => {
    const n = HISTORY.length;
    const update: MpanEvent = {
      type: 'MeterDetailsUpdated',
      data: {
        mpanCore: DNO_MPAN,
        meterId: 'S95A01234',
        meter: details(meterBlock({ meterLocation: 'B' })),
        ihd: null,
        meteringServiceDipId: METERWISE.dipId,
        receivedOn: '2025-04-12',
      },
    };
    const p = provenance([...HISTORY, meterInstalled(), update]);
    expect(p.periods.meters.map(brief)).toEqual([
      { value: { ...details(meterBlock({ meterLocation: 'B' })), meterRemovalDate: null }, effectiveFromDate: '2025-04-05', effectiveToDate: null, openedBy: n, closedBy: null, correctedBy: [n + 1] },
    ]);
  });

  it('a lapse replaces the lapsed appointment by nobody from its date (a correction by the lapse)', () => {
    const lapse: MpanEvent = { type: 'ServiceAppointmentLapsed', data: { mpanCore: DNO_MPAN, appointmentId: REQUEST_ID, serviceType: 'MS', reason: 'SupplierNotRegistered', lapsedOn: '2025-04-20' } };
    const n = HISTORY.length;
    const p = provenance([...HISTORY, requested(), accepted(REQUEST_ID), lapse]);
    expect(p.periods.meteringService.map(brief)[1]).toEqual({ value: null, effectiveFromDate: '2025-04-20', effectiveToDate: null, openedBy: n + 1, closedBy: null, correctedBy: [n + 2] });
  });

  it('after every event of a rich history, the periods are exactly those of timelinesOf (values, from and to dates)', () => {
    const events: MpanEvent[] = [
      mpanCreated(),
      duos('2B', '2025-09-01'),
      supplierRegistered(),
      ...appointed('MS', METERWISE, BRWE_MS),
      ...appointed('DS', HALFHOUR, BRWE_DS),
      meterInstalled(),
      { type: 'EnergisationStatusChanged', data: { mpanCore: DNO_MPAN, energisationStatus: 'D', effectiveFromDate: '2025-04-12', previousEnergisationStatus: 'E', meteringServiceDipId: METERWISE.dipId, receivedOn: '2025-04-12' } },
      { type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: DNO_MPAN, domesticPremiseIndicator: true, effectiveFromDate: '2025-04-01' } },
      { type: 'SscAndProfileClassChanged', data: { mpanCore: DNO_MPAN, profileClass: '01', profileClassEffectiveFromDate: '2025-04-08', ssc: '0393', sscEffectiveFromDate: '2025-04-09', supplierDipId: BRIGHTWATER.dipId } },
      { type: 'ConsentGranularityChanged', data: { mpanCore: DNO_MPAN, consentGranularity: 'D', effectiveFromDate: '2025-04-08', supplierDipId: BRIGHTWATER.dipId } },
      { type: 'SmsoChanged', data: { mpanCore: DNO_MPAN, smsoId: 'SMSA', effectiveFromDate: '2025-04-08', supplierDipId: BRIGHTWATER.dipId } },
      { type: 'IhdInfoChanged', data: { mpanCore: DNO_MPAN, ihdInstallStatus: 'I', effectiveFromDate: '2025-04-13', supplierDipId: BRIGHTWATER.dipId } },
      disconnected('2025-04-15'),
      reconnected('2025-04-20', '2025-04-15'),
      address(NEW_ADDRESS, '2025-06-01'),
      duos('3C', '2025-05-01'),
      requested({ requestedOn: '2025-04-10' }),
      accepted(REQUEST_ID),
      supplierRegistered({
        registrationKind: 'ChangeOfSupplier',
        cssRegistrationId: 'CSS-REG-0002',
        supplierDipId: NORTHSTAR.dipId,
        supplierMpid: NORTHSTAR.mpid,
        supplyStartDate: '2025-05-01',
        outgoingSupplier: { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, supplyEndDate: '2025-04-30' },
      }),
      segmentChangedTo('A', '2025-05-01'),
      { type: 'GspGroupChanged', data: { mpanCore: DNO_MPAN, gspGroupId: '_B', effectiveFromDate: '2025-07-01' } },
      { type: 'EnergyDirectionChanged', data: { mpanCore: DNO_MPAN, energyDirection: 'E', effectiveFromDate: '2025-07-01' } },
      { type: 'ConnectionTypeChanged', data: { mpanCore: DNO_MPAN, connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2025-07-01', previousConnectionType: 'W' } },
    ];
    for (let n = 1; n <= events.length; n++) {
      const fold = provenanceFold(events.slice(0, n).map((event, by) => ({ event, by })));
      const p = provenanceOf(fold)!;
      const t = timelinesOf(fold.state as CreatedMpanState);
      const expected: Record<string, unknown> = {
        ...Object.fromEntries(TIMELINE_ITEM_NAMES.map((name) => [name, t[TIMELINES_KEY[name] as keyof typeof t]])),
        meters: t.meters.map(({ history: _h, ...m }) => ({
          value: m,
          effectiveFromDate: m.meterInstallationDate,
          effectiveToDate: m.meterRemovalDate === null ? null : expect.any(String),
        })),
      };
      const actual = Object.fromEntries(PERIOD_ITEM_NAMES.map((name) => [name, p.periods[name].map((x) => ({ value: x.value, effectiveFromDate: x.effectiveFromDate, effectiveToDate: x.effectiveToDate }))]));
      expect(actual).toEqual(expected);
      for (const periods of Object.values(p.periods)) {
        for (const x of periods) {
          expect(x.openedBy).toBeLessThan(n);
          expect(x.closedBy === null).toBe(x.effectiveToDate === null);
        }
      }
    }
  });

  it('is null before the MPAN is created, and the answer shares nothing with the state', () => {
    expect(provenanceOf(provenanceFold<number>([]))).toBeNull();
    const fold = provenanceFold([{ event: mpanCreated(), by: 0 }]);
    const p = provenanceOf(fold)!;
    (p.periods.address[0]!.value as typeof ADDRESS).lines[0] = 'changed';
    expect(provenanceOf(fold)!.periods.address[0]!.value).toEqual(ADDRESS);
  });
});

/** The key of `timelinesOf` holding each timeline item (named as in the snapshot). */
const TIMELINES_KEY: Record<string, string> = {
  gspGroupId: 'gspGroupId',
  address: 'address',
  connectionType: 'connectionType',
  energyDirection: 'energyDirection',
  meteredIndicator: 'meteredIndicator',
  marketSegment: 'marketSegment',
  duosTariffId: 'duosTariffId',
  energisationStatus: 'energisationStatus',
  supplier: 'suppliers',
  meteringService: 'meteringServices',
  dataService: 'dataServices',
  ihdInstallStatus: 'ihdInstallStatus',
  domesticPremiseIndicator: 'domesticPremiseIndicator',
  disconnectionStatus: 'disconnectionStatus',
  profileClass: 'profileClass',
  ssc: 'ssc',
  consentGranularity: 'consentGranularity',
  smso: 'smso',
};
