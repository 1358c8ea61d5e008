import { CreatedMpanState, evolve, initialState, MpanEvent } from '@app/registration-domain';
import {
  HISTORY,
  METERWISE,
  NORTHSTAR_SWITCH,
  requested,
  SETTLEMENT_DATA,
} from '@app/registration-domain/appointment/testing/fixtures';
import { details, meterBlock, meterInstalled } from '@app/registration-domain/metering/testing/fixtures';
import { disconnected, reconnected, segmentChangedTo } from '@app/registration-domain/network/testing/fixtures';
import { BRIGHTWATER, d, DNO_MPAN, NEW_ADDRESS } from '@app/registration-domain/registration/testing/fixtures';

/**
 * A history of one MPAN (1012345678903, distributor 10) that touches every table of the view, built
 * on the domain's own fixtures and folded by the domain's `evolve`:
 * created 2025-04-01 with Brightwater, Meterwise (MS) and Halfhour (DS) from that day; a smart meter
 * installed 2025-04-05 and exchanged for a traditional one on 2025-04-08 (IHD `D`); de-energised
 * 2025-04-12; supplier data (profile class, SSC, consent, SMSO, later cleared; an IHD status cleared);
 * disconnected 2025-04-15 and reconnected 2025-04-20; a new address from 2025-06-01; a pending
 * Kestrel request, a DS request Settlement Data rejected; Northstar's switch from 2025-05-01 (nobody
 * appointed from then: `null` service periods); segment changed to Advanced from 2025-05-01.
 */
export const RICH_EVENTS: MpanEvent[] = [
  ...HISTORY,
  meterInstalled(),
  {
    type: 'MeterExchanged',
    data: {
      mpanCore: DNO_MPAN,
      exchangeDate: '2025-04-08',
      removedMeterId: 'S95A01234',
      removedMeterInstallationDate: '2025-04-05',
      meter: details(
        meterBlock({ meterId: 'K12345678', meterType: 'N', esmeGuid: null, numberOfDisplayedRegisterDigits: null, meterInstallationDate: d('2025-04-08') }),
      ),
      ihd: { ihdInstallStatus: 'D', effectiveFromDate: '2025-04-08' },
      meteringServiceDipId: METERWISE.dipId,
      receivedOn: '2025-04-10',
    },
  },
  {
    type: 'EnergisationStatusChanged',
    data: {
      mpanCore: DNO_MPAN,
      energisationStatus: 'D',
      effectiveFromDate: '2025-04-12',
      previousEnergisationStatus: 'E',
      meteringServiceDipId: METERWISE.dipId,
      receivedOn: '2025-04-12',
    },
  },
  { type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: DNO_MPAN, domesticPremiseIndicator: true, effectiveFromDate: '2025-04-01' } },
  { type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: DNO_MPAN, domesticPremiseIndicator: false, effectiveFromDate: '2025-04-10' } },
  {
    type: 'SscAndProfileClassChanged',
    data: { mpanCore: DNO_MPAN, profileClass: '01', profileClassEffectiveFromDate: '2025-04-08', ssc: '0393', sscEffectiveFromDate: '2025-04-09', supplierDipId: BRIGHTWATER.dipId },
  },
  {
    type: 'SscAndProfileClassChanged',
    data: { mpanCore: DNO_MPAN, profileClass: null, profileClassEffectiveFromDate: '2025-04-11', ssc: null, sscEffectiveFromDate: null, supplierDipId: BRIGHTWATER.dipId },
  },
  { type: 'ConsentGranularityChanged', data: { mpanCore: DNO_MPAN, consentGranularity: 'D', effectiveFromDate: '2025-04-08', supplierDipId: BRIGHTWATER.dipId } },
  { type: 'SmsoChanged', data: { mpanCore: DNO_MPAN, smsoId: 'SMSA', effectiveFromDate: '2025-04-08', supplierDipId: BRIGHTWATER.dipId } },
  { type: 'SmsoChanged', data: { mpanCore: DNO_MPAN, smsoId: null, effectiveFromDate: '2025-04-14', supplierDipId: BRIGHTWATER.dipId } },
  { type: 'IhdInfoChanged', data: { mpanCore: DNO_MPAN, ihdInstallStatus: null, effectiveFromDate: '2025-04-13', supplierDipId: BRIGHTWATER.dipId } },
  disconnected('2025-04-15'),
  reconnected('2025-04-20', '2025-04-15'),
  { type: 'MpanAddressChanged', data: { mpanCore: DNO_MPAN, address: NEW_ADDRESS, effectiveFromDate: '2025-06-01' } },
  requested({ requestedOn: '2025-04-10' }),
  requested({
    appointmentId: `${BRIGHTWATER.dipId}:S-IF-031-0002`,
    serviceType: 'DS',
    providerRole: 'SDS',
    providerDipId: SETTLEMENT_DATA.dipId,
    providerMpid: SETTLEMENT_DATA.mpid,
    contractReference: 'CON-DS-2',
  }),
  {
    type: 'ServiceAppointmentRejected',
    data: {
      mpanCore: DNO_MPAN,
      appointmentId: `${BRIGHTWATER.dipId}:S-IF-031-0002`,
      serviceType: 'DS',
      proposedAppointmentResponseCode: 'SP002 - Contract Reference not valid',
    },
  },
  NORTHSTAR_SWITCH,
  segmentChangedTo('A', '2025-05-01'),
];

/** The state after the first `n` events of {@link RICH_EVENTS} (all of them by default). */
export function richState(n = RICH_EVENTS.length): CreatedMpanState {
  return RICH_EVENTS.slice(0, n).reduce(evolve, initialState()) as CreatedMpanState;
}

/** Days around every date of the history (before creation, on change days, the day before, far future). */
export const PROBE_DAYS = [
  '2025-03-31', '2025-04-01', '2025-04-04', '2025-04-05', '2025-04-07', '2025-04-08', '2025-04-09', '2025-04-10',
  '2025-04-11', '2025-04-12', '2025-04-13', '2025-04-14', '2025-04-15', '2025-04-19', '2025-04-20', '2025-04-30',
  '2025-05-01', '2025-05-31', '2025-06-01', '2030-01-01',
];
