import { LocalDate } from '@app/registration-domain';
import {
  connectionTypeChangeMessage,
  consentGranularityMessage,
  DipMessageJson,
  domPremIndMessage,
  energisationStatusChangeMessage,
  energisationStatusFailureMessage,
  FixtureOptions,
  ihdInfoMessage,
  marketSegmentChangeMessage,
  meterExchangeMessage,
  meterHistoryUpdateMessage,
  meterInstallMessage,
  meterRemovalMessage,
  meterUpdateMessage,
  mpanDisconnectionMessage,
  mpanReconnectionMessage,
  SAMPLE,
  sampleReferenceData,
  smsoMessage,
  sscAndProfileClassMessage,
  VALID_MESSAGES,
  withValue,
  without,
} from './testing/fixtures';
import { DipCommand, toRegistrationCommand } from './to-command';
import { formatWireError, validateDipMessage } from './validate-dip-message';

/**
 * toRegistrationCommand for the issue-4 events: IF-005 → RecordMeterTechnicalDetails (one command,
 * `data.kind` per event), IF-007 → ChangeEnergisationStatus / ReportEnergisationFailure, IF-025 →
 * the supplier-data commands, and the new REGS-LDSO events → the network commands. Every DT-003
 * date becomes its UK settlement day; `receivedOn` is the day received.
 */

const ref = sampleReferenceData();
const CU = 'payload.CustomBlock';
const METER = `${CU}.B906.existingMeter`;
const RECEIVED = '2025-04-11' as LocalDate;

function commandOf(channel: string, raw: DipMessageJson, today: LocalDate = RECEIVED): DipCommand {
  const validation = validateDipMessage(channel, raw);
  if (!validation.ok) throw new Error(validation.errors.map(formatWireError).join('\n'));
  const result = toRegistrationCommand(validation.message, ref, { today });
  if (!result.ok) throw new Error(JSON.stringify(result.reasons));
  return result.command;
}

function contextOf(raw: DipMessageJson) {
  const s1 = raw.payload.CommonBlock.S1 as { senderDIPID: string; senderRoleID: string; senderUniqueReference: string };
  return {
    senderDipId: s1.senderDIPID,
    senderRoleId: s1.senderRoleID,
    senderUniqueReference: s1.senderUniqueReference,
    messageKey: `${s1.senderDIPID}:${s1.senderUniqueReference}`,
    distributorDipId: SAMPLE.ldsoDipId,
  };
}

const smartMeter = {
  meterId: SAMPLE.meters.installed.meterId,
  modifiedMeterId: null,
  meterType: 'S2A',
  manufacturersMakeAndType: 'Landis+Gyr E470 5424',
  esmeGuid: SAMPLE.meters.installed.esmeGuid,
  meterLocation: 'B',
  numberOfDisplayedRegisterDigits: 6,
  meterInstallationDate: '2025-04-10',
};

describe('toRegistrationCommand: IF-005 meter technical details', () => {
  it('[MeterInstall] → RecordMeterTechnicalDetails MeterInstall: B906 meter and MAP history, B030 IHD, the day received', () => {
    const raw = meterInstallMessage();
    expect(commandOf('IF-005', raw)).toEqual({
      type: 'RecordMeterTechnicalDetails',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: {
        kind: 'MeterInstall',
        meter: { details: smartMeter, mapHistory: [{ meterAssetProviderId: 'MAPA', effectiveFromDate: '2025-04-10' }] },
        ihd: { ihdInstallStatus: 'I', effectiveFromDate: '2025-04-10' },
        receivedOn: '2025-04-11',
      },
    });
    expect(contextOf(raw)).toMatchObject({ senderDipId: SAMPLE.providers.MSSA, senderRoleId: 'MSS' });
  });

  it('[MeterInstall] without B030 has a null ihd; an installation date in GMT before midnight BST is the UK day', () => {
    const raw = withValue(without(meterInstallMessage(), `${CU}.B030`), `${METER}.meterInstallationDate`, '2025-04-09T23:00:00+00:00');
    expect(commandOf('IF-005', raw)).toMatchObject({
      data: { kind: 'MeterInstall', ihd: null, meter: { details: { meterInstallationDate: '2025-04-10' } } },
    });
  });

  it('[MeterRemoval] → MeterRemoval with the removed meter and its removal day; a null removal date stays null', () => {
    expect(commandOf('IF-005', meterRemovalMessage(), '2025-09-02' as LocalDate)).toMatchObject({
      type: 'RecordMeterTechnicalDetails',
      data: { kind: 'MeterRemoval', removedMeter: { meterId: SAMPLE.meters.installed.meterId, meterRemovalDate: '2025-09-01' }, receivedOn: '2025-09-02' },
    });
    const undated = withValue(meterRemovalMessage(), `${CU}.B039.meterRemovalDate`, null);
    expect(commandOf('IF-005', undated)).toMatchObject({ data: { removedMeter: { meterRemovalDate: null } } });
  });

  it('[MeterExchange] → MeterExchange: the new meter (B906), the old one (B039), no IHD', () => {
    expect(commandOf('IF-005', meterExchangeMessage(), '2025-09-01' as LocalDate)).toEqual({
      type: 'RecordMeterTechnicalDetails',
      mpanCore: '1900012374324',
      context: contextOf(meterExchangeMessage()),
      data: {
        kind: 'MeterExchange',
        meter: {
          details: { ...smartMeter, meterId: SAMPLE.meters.replacement.meterId, esmeGuid: SAMPLE.meters.replacement.esmeGuid, meterInstallationDate: '2025-09-01' },
          mapHistory: [{ meterAssetProviderId: 'MAPA', effectiveFromDate: '2025-09-01' }],
        },
        removedMeter: { meterId: SAMPLE.meters.installed.meterId, meterRemovalDate: '2025-09-01' },
        ihd: null,
        receivedOn: '2025-09-01',
      },
    });
  });

  it('[MeterUpdate] → MeterUpdate: no MAP history sent is [], no B039 / B030 is null; a modified meter id is passed', () => {
    expect(commandOf('IF-005', meterUpdateMessage())).toMatchObject({
      data: { kind: 'MeterUpdate', meter: { details: { ...smartMeter, meterLocation: 'K' }, mapHistory: [] }, removedMeter: null, ihd: null, receivedOn: '2025-04-11' },
    });
    const renamed = withValue(
      withValue(meterUpdateMessage(), `${METER}.modifiedMeterID`, '25P0123465'),
      `${CU}.B039`,
      { meterIDRemoved: SAMPLE.meters.installed.meterId, meterRemovalDate: null },
    );
    expect(commandOf('IF-005', renamed)).toMatchObject({
      data: { meter: { details: { meterId: SAMPLE.meters.installed.meterId, modifiedMeterId: '25P0123465' } }, removedMeter: { meterId: SAMPLE.meters.installed.meterId, meterRemovalDate: null } },
    });
  });

  it('[MeterHistoryUpdate] → MeterHistoryUpdate with the removed meter and its corrected details; B039 optional', () => {
    expect(commandOf('IF-005', meterHistoryUpdateMessage())).toMatchObject({
      data: {
        kind: 'MeterHistoryUpdate',
        meter: { details: { manufacturersMakeAndType: 'Landis+Gyr E470 5424 (variant 2)' }, mapHistory: [{ meterAssetProviderId: 'MAPA', effectiveFromDate: '2025-04-10' }] },
        removedMeter: { meterId: SAMPLE.meters.installed.meterId, meterRemovalDate: '2025-09-01' },
      },
    });
    expect(commandOf('IF-005', without(meterHistoryUpdateMessage(), `${CU}.B039`))).toMatchObject({ data: { removedMeter: null } });
    const command = commandOf('IF-005', meterHistoryUpdateMessage());
    expect(command.type === 'RecordMeterTechnicalDetails' && 'ihd' in command.data).toBe(false);
  });

  it('keeps an advanced meter\'s nulls (no ESME GUID, no displayed digits) for the domain rules REG1046–REG1048', () => {
    let raw = withValue(meterInstallMessage(), `${METER}.meterType`, 'RCAMR');
    raw = withValue(withValue(raw, `${METER}.ESMEGUID`, null), `${METER}.numberOfDisplayedRegisterDigits`, null);
    expect(commandOf('IF-005', raw)).toMatchObject({ data: { meter: { details: { meterType: 'RCAMR', esmeGuid: null, numberOfDisplayedRegisterDigits: null } } } });
  });
});

describe('toRegistrationCommand: IF-007 energisation', () => {
  it('[EnergisationStatusChange] → ChangeEnergisationStatus, effective from B025, with the day received', () => {
    const raw = energisationStatusChangeMessage();
    expect(commandOf('IF-007', raw)).toEqual({
      type: 'ChangeEnergisationStatus',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: { energisationStatus: 'E', effectiveFromDate: '2025-04-10', receivedOn: '2025-04-11' },
    });
  });

  it('passes D, and U for the decider to refuse', () => {
    for (const status of ['D', 'U']) {
      expect(commandOf('IF-007', withValue(energisationStatusChangeMessage(), `${CU}.B025.energisationStatus`, status))).toMatchObject({
        data: { energisationStatus: status },
      });
    }
  });

  it('[EnergisationStatusFailure] → ReportEnergisationFailure with B040 as sent (no date of its own)', () => {
    const raw = energisationStatusFailureMessage();
    expect(commandOf('IF-007', raw, '2025-04-08' as LocalDate)).toEqual({
      type: 'ReportEnergisationFailure',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: {
        failureReasonCode: '09',
        siteVisitCheckCode: '18',
        natureOfMaintenance: 'No access to the meter position',
        additionalInformation: 'Customer not at home; calling card left.\nSecond visit booked for 2025-04-10.',
        receivedOn: '2025-04-08',
      },
    });
    let nulls = energisationStatusFailureMessage();
    for (const f of ['siteVisitCheckCode', 'natureofMaintenanceEnergisationStatus', 'additionalInformationSiteVisit']) nulls = withValue(nulls, `${CU}.B040.${f}`, null);
    expect(commandOf('IF-007', nulls)).toMatchObject({ data: { siteVisitCheckCode: null, natureOfMaintenance: null, additionalInformation: null } });
  });
});

describe('toRegistrationCommand: IF-025 supplier data', () => {
  const received = '2025-05-14' as LocalDate;

  it('[SSCandProfileClass] → ChangeSscAndProfileClass, each item with its own day; B013 absent is null', () => {
    const raw = sscAndProfileClassMessage();
    expect(commandOf('IF-025', raw, received)).toEqual({
      type: 'ChangeSscAndProfileClass',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: {
        cssRegistrationId: null,
        receivedOn: '2025-05-14',
        profileClass: '01',
        profileClassEffectiveFromDate: '2025-05-12',
        ssc: '0393',
        sscEffectiveFromDate: '2025-05-12',
      },
    });
  });

  it('[SSCandProfileClass] keeps null values and null dates (clearing, or not changing, an item)', () => {
    let raw = withValue(sscAndProfileClassMessage(), `${CU}.B032.profileClass`, null);
    raw = withValue(raw, `${CU}.B032.SSC`, null);
    raw = withValue(raw, `${CU}.B032.SSCEffectiveFromDate`, null);
    expect(commandOf('IF-025', raw, received)).toMatchObject({
      data: { profileClass: null, profileClassEffectiveFromDate: '2025-05-12', ssc: null, sscEffectiveFromDate: null },
    });
  });

  it('[ConsentGranularity] → ChangeConsentGranularity with B013 as the CSS registration id', () => {
    const raw = consentGranularityMessage();
    expect(commandOf('IF-025', raw, received)).toEqual({
      type: 'ChangeConsentGranularity',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: { cssRegistrationId: SAMPLE.cssRegistrationIds.initial, receivedOn: '2025-05-14', consentGranularity: 'D', effectiveFromDate: '2025-05-12' },
    });
  });

  it('[IHDInfo] → ChangeIhdInfo; [SMSO] → ChangeSmso (null values kept)', () => {
    expect(commandOf('IF-025', ihdInfoMessage(), received)).toMatchObject({
      type: 'ChangeIhdInfo',
      data: { cssRegistrationId: null, receivedOn: '2025-05-14', ihdInstallStatus: 'D', effectiveFromDate: '2025-05-12' },
    });
    expect(commandOf('IF-025', smsoMessage(), received)).toMatchObject({
      type: 'ChangeSmso',
      data: { cssRegistrationId: null, receivedOn: '2025-05-14', smsoId: 'TRIL', effectiveFromDate: '2025-05-12' },
    });
    expect(commandOf('IF-025', withValue(smsoMessage(), `${CU}.B031.SMSOID`, null), received)).toMatchObject({ data: { smsoId: null } });
    expect(commandOf('IF-025', withValue(ihdInfoMessage(), `${CU}.B030.IHDInstallStatus`, null), received)).toMatchObject({ data: { ihdInstallStatus: null } });
  });
});

describe('toRegistrationCommand: the new REGS-LDSO events', () => {
  it('[MarketSegmentChange] → ChangeMarketSegment: B026 segment and date; B023 type, metered indicator and date as the connection', () => {
    const raw = marketSegmentChangeMessage();
    expect(commandOf('REGS-LDSO', raw)).toEqual({
      type: 'ChangeMarketSegment',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: {
        marketSegment: 'A',
        effectiveFromDate: '2025-11-01',
        connection: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2025-11-01' },
      },
    });
  });

  it('[MarketSegmentChange] reads the two dates separately', () => {
    const raw = withValue(marketSegmentChangeMessage(), `${CU}.B023.connectionTypeEffectiveFromDate`, '2024-06-01T00:00:00+01:00');
    expect(commandOf('REGS-LDSO', raw)).toMatchObject({ data: { effectiveFromDate: '2025-11-01', connection: { effectiveFromDate: '2024-06-01' } } });
  });

  it('[ConnectionTypeChange] → ChangeConnectionType (the energy direction is not mapped)', () => {
    const raw = withValue(connectionTypeChangeMessage(), `${CU}.B023.energyDirection`, 'E');
    expect(commandOf('REGS-LDSO', raw)).toEqual({
      type: 'ChangeConnectionType',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2025-11-01' },
    });
  });

  it('[DomPremInd] → ChangeDomesticPremiseIndicator, effective from B028', () => {
    const raw = domPremIndMessage();
    expect(commandOf('REGS-LDSO', raw)).toEqual({
      type: 'ChangeDomesticPremiseIndicator',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: { domesticPremiseIndicator: false, effectiveFromDate: '2025-06-01' },
    });
  });

  it('[MPANDisconnection] → DisconnectMpan with the note; [MPANReconnection] → ReconnectMpan', () => {
    const raw = mpanDisconnectionMessage();
    expect(commandOf('REGS-LDSO', raw)).toEqual({
      type: 'DisconnectMpan',
      mpanCore: '1900012374324',
      context: contextOf(raw),
      data: { effectiveFromDate: '2026-01-15', additionalInformation: 'Premises demolished; service cable removed at the cut-out.' },
    });
    expect(commandOf('REGS-LDSO', withValue(raw, `${CU}.B041.additionalInformation`, null))).toMatchObject({ data: { additionalInformation: null } });
    expect(commandOf('REGS-LDSO', mpanReconnectionMessage())).toEqual({
      type: 'ReconnectMpan',
      mpanCore: '1900012374324',
      context: contextOf(mpanReconnectionMessage()),
      data: { effectiveFromDate: '2026-03-02' },
    });
  });
});

describe('toRegistrationCommand: every event of the catalogue', () => {
  const all = Object.entries(VALID_MESSAGES).flatMap(([channel, events]) =>
    Object.entries(events).map(([eventCode, build]) => [channel, eventCode, build as (o?: FixtureOptions) => DipMessageJson] as const),
  );

  it.each(all)('maps %s %s, and refuses its MPAN core with a wrong check digit (REG0000)', (channel, _eventCode, build) => {
    expect(commandOf(channel, build()).mpanCore).toBe('1900012374324');
    const validation = validateDipMessage(channel, build({ mpanCore: SAMPLE.mpanCoreBadCheckDigit }));
    if (!validation.ok) throw new Error('expected a valid message');
    expect(toRegistrationCommand(validation.message, ref, { today: RECEIVED })).toMatchObject({ ok: false, reasons: [{ code: 'REG0000' }] });
  });
});
