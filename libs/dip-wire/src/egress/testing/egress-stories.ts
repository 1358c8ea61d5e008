import {
  ChangeConsentGranularity,
  ChangeEnergisationStatus,
  ChangeIhdInfo,
  ChangeSmso,
  ChangeSscAndProfileClass,
  MpanCore,
  ReportEnergisationFailure,
} from '@app/registration-domain';
import {
  ADVANCED_DATA,
  HALFHOUR,
  KESTREL,
  METERWISE,
  Party,
  requestAppointment,
  respond,
  runDayStart,
  SETTLEMENT_DATA,
} from '@app/registration-domain/appointment/testing/fixtures';
import { meterBlock, recordMeter, SMART_METER } from '@app/registration-domain/metering/testing/fixtures';
import {
  changeConnectionType,
  changeDomesticPremiseIndicator,
  changeMarketSegment,
  disconnectMpan,
  reconnectMpan,
} from '@app/registration-domain/network/testing/fixtures';
import {
  BRIGHTWATER,
  changeDuosTariffId,
  changeEnergyDirection,
  changeGspGroup,
  changeMpanAddress,
  createMpan,
  d,
  IDNO_MPAN,
  NORTHSTAR,
  registerSupplier,
} from '@app/registration-domain/registration/testing/fixtures';
import { contextOf, DNO_MPAN, MpanStory } from './egress-story';

/**
 * The stories that drive the real decider through every publication type the registry issues
 * (MPAN 1012345678903, Eastern, Smart, unless said otherwise):
 *
 * 1. 2025-04-01: the LDSO creates the MPAN and sets the domestic premise indicator; Brightwater
 *    registers (initial registration), sets consent granularity, appoints Meterwise (MS) and Halfhour
 *    (DS) with scenario COS; both accept; day-start activates them.
 * 2. April: Meterwise installs, updates, exchanges and removes meters and corrects a removed one's
 *    history; energisation changes and a failure; supplier data (PC/SSC, IHD, SMSO); LDSO changes
 *    (address, DUoS tariff, energy direction, connection type).
 * 3. The LDSO changes the segment to Advanced from 2025-04-20; day-start reminds (IF-045);
 *    Brightwater asks Kestrel (CSP, rejected) and Advanced Data (SEG, never answered: lapses).
 * 4. Northstar switches in from 2025-05-01 (change of supplier); day-start de-appoints the
 *    outgoing providers (IF-037); the LDSO disconnects and reconnects the MPAN.
 * A second, IDNO MPAN (2900000000016) has its GSP group changed (IF-018 `[GSPChg]`).
 */
export function fullStory(): MpanStory {
  const s = registeredMpan();
  // 1. COS appointments.
  const cos = { appointmentScenario: 'COS' as const, cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: d('2025-04-01'), requestedOn: d('2025-04-01') };
  s.send(requestAppointment({ ...cos, providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, contractReference: 'CON-MS-1' }, { ref: 'S-IF-031-MS-1' }), '2025-04-01');
  s.send(respond({ effectiveFromDate: d('2025-04-01'), respondedOn: d('2025-04-01') }, { provider: METERWISE, ref: 'S-IF-034-MS-1' }), '2025-04-01');
  s.send(
    requestAppointment({ ...cos, serviceType: 'DS', providerDipId: HALFHOUR.dipId, providerMpid: HALFHOUR.mpid, contractReference: 'CON-DS-1' }, { ref: 'S-IF-031-DS-1' }),
    '2025-04-01',
  );
  s.send(respond({ serviceType: 'DS', effectiveFromDate: d('2025-04-01'), respondedOn: d('2025-04-01') }, { provider: HALFHOUR, role: 'SDS', ref: 'S-IF-034-DS-1' }), '2025-04-01');
  s.send(runDayStart('2025-04-01'), '2025-04-01');

  // 2. Meters, energisation, supplier data, LDSO data.
  const received = d('2025-04-10');
  s.send(recordMeter({ kind: 'MeterInstall', meter: meterBlock(), ihd: { ihdInstallStatus: 'I', effectiveFromDate: d('2025-04-05') }, receivedOn: received }), '2025-04-10');
  s.send(recordMeter({ kind: 'MeterInstall', meter: meterBlock({ meterId: 'CHK0001', meterType: 'N', esmeGuid: null, numberOfDisplayedRegisterDigits: null, manufacturersMakeAndType: null }), ihd: null, receivedOn: received }), '2025-04-10');
  s.send(recordMeter({ kind: 'MeterUpdate', meter: meterBlock({ meterLocation: 'B' }), removedMeter: null, ihd: null, receivedOn: received }), '2025-04-10');
  const k1 = meterBlock({ meterId: 'K1', meterInstallationDate: d('2025-04-08'), esmeGuid: '00-11-22-33-44-55-66-88' });
  s.send(recordMeter({ kind: 'MeterExchange', meter: k1, removedMeter: { meterId: SMART_METER.meterId, meterRemovalDate: d('2025-04-08') }, ihd: null, receivedOn: received }), '2025-04-10');
  s.send(recordMeter({ kind: 'MeterRemoval', removedMeter: { meterId: 'CHK0001', meterRemovalDate: d('2025-04-09') }, receivedOn: received }), '2025-04-10');
  s.send(
    recordMeter({
      kind: 'MeterHistoryUpdate',
      meter: meterBlock({ meterLocation: 'C', meterId: 'CHK0001', meterType: 'N', esmeGuid: null, numberOfDisplayedRegisterDigits: null, manufacturersMakeAndType: null }, []),
      removedMeter: null,
      receivedOn: received,
    }),
    '2025-04-10',
  );
  s.send(energisation({ energisationStatus: 'D', effectiveFromDate: d('2025-04-10'), receivedOn: received }), '2025-04-10');
  s.send(energisationFailure(received), '2025-04-10');
  s.send(supplierData('ChangeSscAndProfileClass', { profileClass: '01', profileClassEffectiveFromDate: received, ssc: '0393', sscEffectiveFromDate: received }, '2025-04-10'), '2025-04-10');
  s.send(supplierData('ChangeIhdInfo', { ihdInstallStatus: 'E', effectiveFromDate: received }, '2025-04-10'), '2025-04-10');
  s.send(supplierData('ChangeSmso', { smsoId: 'SMSA', effectiveFromDate: received }, '2025-04-10'), '2025-04-10');
  s.send(changeMpanAddress({ effectiveFromDate: d('2025-04-12') }), '2025-04-10');
  s.send(changeDuosTariffId({ effectiveFromDate: d('2025-04-12') }), '2025-04-10');
  s.send(changeEnergyDirection({ energyDirection: 'E', effectiveFromDate: d('2025-04-12') }), '2025-04-10');
  s.send(changeConnectionType({ connectionType: 'L', meteredIndicator: true, effectiveFromDate: d('2025-04-15') }), '2025-04-10');

  // 3. Segment change, reminders, a rejected and a lapsed request.
  s.send(changeMarketSegment({ marketSegment: 'A', effectiveFromDate: d('2025-04-20'), connection: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: d('2025-04-15') } }), '2025-04-18');
  s.send(runDayStart('2025-04-20'), '2025-04-20');
  s.send(
    requestAppointment({ providerDipId: KESTREL.dipId, providerMpid: KESTREL.mpid, effectiveFromDate: d('2025-04-20'), requestedOn: d('2025-04-20'), appointmentScenario: 'SEG' }, { ref: 'S-IF-031-MS-2' }),
    '2025-04-20',
  );
  s.send(
    respond(
      { effectiveFromDate: d('2025-04-20'), respondedOn: d('2025-04-20'), responseCode: 'R', proposedAppointmentResponseCode: 'SP005 - Market segment not supported' },
      { provider: KESTREL, role: 'MSA', ref: 'S-IF-034-MS-2' },
    ),
    '2025-04-20',
  );
  s.send(
    requestAppointment(
      { serviceType: 'DS', providerDipId: ADVANCED_DATA.dipId, providerMpid: ADVANCED_DATA.mpid, effectiveFromDate: d('2025-04-20'), requestedOn: d('2025-04-20'), appointmentScenario: 'SEG', contractReference: 'CON-DS-2' },
      { ref: 'S-IF-031-DS-2' },
    ),
    '2025-04-20',
  );
  s.send(runDayStart('2025-04-26', { lapseAfterDays: 5 }), '2025-04-26');

  // 4. Change of supplier, de-appointments, disconnection and reconnection.
  s.send(
    registerSupplier({
      registrationKind: 'ChangeOfSupplier',
      cssRegistrationId: 'CSS-REG-0002',
      supplierDipId: NORTHSTAR.dipId,
      supplierMpid: NORTHSTAR.mpid,
      supplyStartDate: d('2025-05-01'),
      outgoing: { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, supplyEndDate: d('2025-04-30') },
    }, { context: { senderUniqueReference: 'S-CSS-0002', messageKey: '9000000001:S-CSS-0002' } }),
    '2025-04-27',
  );
  s.send(runDayStart('2025-05-01'), '2025-05-01');
  s.send(disconnectMpan({ effectiveFromDate: d('2025-05-05') }), '2025-05-05');
  s.send(reconnectMpan({ effectiveFromDate: d('2025-05-10') }), '2025-05-10');
  return s;
}

/**
 * The other appointment outcomes: on the registered MPAN (no provider yet), Brightwater asks on
 * 2025-04-01 for Kestrel as MS (COS), which nobody answers (lapsed by day-start on 2025-04-07),
 * and for Settlement Data as DS, which rejects it (SP002).
 */
export function outcomesStory(): MpanStory {
  const s = registeredMpan();
  const cos = { appointmentScenario: 'COS' as const, cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: d('2025-04-01'), requestedOn: d('2025-04-01') };
  s.send(requestAppointment({ ...cos }, { ref: 'S-IF-031-MS-9' }), '2025-04-01');
  s.send(
    requestAppointment(
      { ...cos, serviceType: 'DS', providerDipId: SETTLEMENT_DATA.dipId, providerMpid: SETTLEMENT_DATA.mpid, contractReference: 'CON-DS-9' },
      { ref: 'S-IF-031-DS-9' },
    ),
    '2025-04-01',
  );
  s.send(
    respond(
      { serviceType: 'DS', effectiveFromDate: d('2025-04-01'), respondedOn: d('2025-04-01'), responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract reference not valid' },
      { provider: SETTLEMENT_DATA, role: 'SDS', ref: 'S-IF-034-DS-9' },
    ),
    '2025-04-01',
  );
  s.send(runDayStart('2025-04-07', { lapseAfterDays: 5 }), '2025-04-07');
  return s;
}

/**
 * 2025-04-01: the LDSO creates the MPAN and sets the domestic premise indicator; Brightwater
 * registers (initial registration) and sets the consent granularity.
 */
export function registeredMpan(): MpanStory {
  const s = new MpanStory();
  s.send(createMpan(), '2025-04-01');
  s.send(changeDomesticPremiseIndicator({ domesticPremiseIndicator: true, effectiveFromDate: d('2025-04-01') }), '2025-04-01');
  s.send(registerSupplier(), '2025-04-01');
  s.send(supplierData('ChangeConsentGranularity', { consentGranularity: 'D', effectiveFromDate: d('2025-04-01') }, '2025-04-01'), '2025-04-01');
  return s;
}

/** An IDNO MPAN (2900000000016, Harlaxton) created in GSP group `_A` and moved to `_B`. */
export function gspStory(): MpanStory {
  const s = new MpanStory();
  s.send(createMpan({}, { mpanCore: IDNO_MPAN }), '2025-04-01');
  s.send(changeGspGroup(), '2025-05-01');
  return s;
}

function supplierData<T extends (ChangeSscAndProfileClass | ChangeConsentGranularity | ChangeIhdInfo | ChangeSmso)['type']>(
  type: T,
  data: Record<string, unknown>,
  receivedOn: string,
  supplier: Party = BRIGHTWATER,
) {
  return {
    type,
    mpanCore: DNO_MPAN as MpanCore,
    context: contextOf(supplier.dipId, 'SUP', `S-IF-025-${type}-${receivedOn}`),
    data: { cssRegistrationId: null, receivedOn: d(receivedOn), ...data },
  } as unknown as Extract<ChangeSscAndProfileClass | ChangeConsentGranularity | ChangeIhdInfo | ChangeSmso, { type: T }>;
}

function energisation(data: ChangeEnergisationStatus['data']): ChangeEnergisationStatus {
  return { type: 'ChangeEnergisationStatus', mpanCore: DNO_MPAN as MpanCore, context: contextOf(METERWISE.dipId, 'MSS', `S-IF-007-${data.effectiveFromDate}`), data };
}

function energisationFailure(receivedOn: string): ReportEnergisationFailure {
  return {
    type: 'ReportEnergisationFailure',
    mpanCore: DNO_MPAN as MpanCore,
    context: contextOf(METERWISE.dipId, 'MSS', 'S-IF-007-FAIL'),
    data: { failureReasonCode: '03', siteVisitCheckCode: '01', natureOfMaintenance: null, additionalInformation: 'No access to the meter cupboard', receivedOn: d(receivedOn) },
  };
}
