import { HISTORY, METERWISE } from '../appointment/testing/fixtures';
import { details, meterBlock, meterInstalled } from '../metering/testing/fixtures';
import { disconnected, reconnected, segmentChangedTo } from '../network/testing/fixtures';
import { d, DNO_MPAN } from './testing/fixtures';
import { evolve } from './evolve';
import { MpanEvent } from './mpan-messages';
import { snapshotOn, timelinesOf } from './snapshot';
import { CreatedMpanState, initialState } from './state';

const smart = meterInstalled();
const traditional = meterBlock({ meterId: 'K12345678', meterType: 'N', esmeGuid: null, numberOfDisplayedRegisterDigits: null, meterInstallationDate: d('2025-04-08') });
const by = { supplierDipId: '1000000001' };
const events: MpanEvent[] = [
  ...HISTORY,
  smart,
  {
    type: 'MeterExchanged',
    data: {
      mpanCore: DNO_MPAN,
      exchangeDate: '2025-04-08',
      removedMeterId: 'S95A01234',
      removedMeterInstallationDate: '2025-04-05',
      meter: details(traditional),
      ihd: { ihdInstallStatus: 'D', effectiveFromDate: '2025-04-08' },
      meteringServiceDipId: METERWISE.dipId,
      receivedOn: '2025-04-10',
    },
  },
  {
    type: 'EnergisationStatusChanged',
    data: { mpanCore: DNO_MPAN, energisationStatus: 'D', effectiveFromDate: '2025-04-12', previousEnergisationStatus: 'E', meteringServiceDipId: METERWISE.dipId, receivedOn: '2025-04-12' },
  },
  { type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: DNO_MPAN, domesticPremiseIndicator: true, effectiveFromDate: '2025-04-01' } },
  { type: 'SscAndProfileClassChanged', data: { mpanCore: DNO_MPAN, profileClass: '01', profileClassEffectiveFromDate: '2025-04-08', ssc: '0393', sscEffectiveFromDate: '2025-04-09', ...by } },
  { type: 'ConsentGranularityChanged', data: { mpanCore: DNO_MPAN, consentGranularity: 'D', effectiveFromDate: '2025-04-08', ...by } },
  { type: 'SmsoChanged', data: { mpanCore: DNO_MPAN, smsoId: 'SMSA', effectiveFromDate: '2025-04-08', ...by } },
  disconnected('2025-04-15'),
  reconnected('2025-04-20', '2025-04-15'),
  segmentChangedTo('A', '2025-05-01'),
  { type: 'ConnectionTypeChanged', data: { mpanCore: DNO_MPAN, connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2025-05-01', previousConnectionType: 'W' } },
];
const state = events.reduce(evolve, initialState()) as CreatedMpanState;
const smartMeter = { ...details(), meterRemovalDate: null };

describe('snapshotOn / timelinesOf: meters, energisation, network and supplier data', () => {
  it('shows the meters installed on the day, with their details: the old one up to the exchange, the new one from it', () => {
    expect(snapshotOn(state, '2025-04-07').meters).toEqual([{ ...smartMeter, meterRemovalDate: '2025-04-08' }]);
    expect(snapshotOn(state, '2025-04-08').meters).toEqual([{ ...details(traditional), meterRemovalDate: null }]);
    expect(snapshotOn(state, '2025-04-04').meters).toEqual([]);
  });

  it('each new item with its period on the day', () => {
    const s = snapshotOn(state, '2025-04-16');
    expect({
      energisationStatus: s.energisationStatus,
      ihdInstallStatus: s.ihdInstallStatus,
      domesticPremiseIndicator: s.domesticPremiseIndicator,
      disconnectionStatus: s.disconnectionStatus,
      profileClass: s.profileClass,
      ssc: s.ssc,
      consentGranularity: s.consentGranularity,
      smso: s.smso,
    }).toEqual({
      energisationStatus: { value: 'D', effectiveFromDate: '2025-04-12', effectiveToDate: null },
      ihdInstallStatus: { value: 'D', effectiveFromDate: '2025-04-08', effectiveToDate: null },
      domesticPremiseIndicator: { value: true, effectiveFromDate: '2025-04-01', effectiveToDate: null },
      disconnectionStatus: { value: 'Disconnected', effectiveFromDate: '2025-04-15', effectiveToDate: '2025-04-19' },
      profileClass: { value: '01', effectiveFromDate: '2025-04-08', effectiveToDate: null },
      ssc: { value: '0393', effectiveFromDate: '2025-04-09', effectiveToDate: null },
      consentGranularity: { value: 'D', effectiveFromDate: '2025-04-08', effectiveToDate: null },
      smso: { value: 'SMSA', effectiveFromDate: '2025-04-08', effectiveToDate: null },
    });
    expect(snapshotOn(state, '2025-04-14').disconnectionStatus).toBeNull();
    const may = snapshotOn(state, '2025-05-01');
    expect([may.marketSegment?.value, may.connectionType?.value, may.disconnectionStatus?.value]).toEqual(['A', 'L', 'Reconnected']);
  });

  it('timelines give every meter with its change history and each new item as periods', () => {
    const t = timelinesOf(state);
    expect(t.meters.map((m) => [m.meterId, m.meterRemovalDate, m.history.map((h) => h.change)])).toEqual([
      ['S95A01234', '2025-04-08', ['MeterInstall', 'MeterExchange']],
      ['K12345678', null, ['MeterExchange']],
    ]);
    expect(t.disconnectionStatus).toEqual([
      { value: 'Disconnected', effectiveFromDate: '2025-04-15', effectiveToDate: '2025-04-19' },
      { value: 'Reconnected', effectiveFromDate: '2025-04-20', effectiveToDate: null },
    ]);
    expect(t.energisationStatus.map((p) => p.value)).toEqual(['E', 'D']);
    expect([t.ihdInstallStatus.length, t.domesticPremiseIndicator.length, t.profileClass.length, t.ssc.length, t.consentGranularity.length, t.smso.length]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });
});
