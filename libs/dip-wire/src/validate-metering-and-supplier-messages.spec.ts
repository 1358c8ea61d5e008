import {
  addressChgMessage,
  connectionTypeChangeMessage,
  consentGranularityMessage,
  DipMessageJson,
  domPremIndMessage,
  energisationStatusChangeMessage,
  energisationStatusFailureMessage,
  ihdInfoMessage,
  marketSegmentChangeMessage,
  meterExchangeMessage,
  meterHistoryUpdateMessage,
  meterInstallMessage,
  meterRemovalMessage,
  meterUpdateMessage,
  mpanCreationMessage,
  msAppMessage,
  mpanDisconnectionMessage,
  mpanReconnectionMessage,
  SAMPLE,
  smsoMessage,
  sscAndProfileClassMessage,
  withValue,
  without,
} from './testing/fixtures';
import { formatWireError, validateDipMessage, WireError } from './validate-dip-message';

/**
 * validateDipMessage on the DIP interfaces IF-005 (meter technical details), IF-007 (energisation)
 * and IF-025 (supplier data), and on the REGS-LDSO events that mirror IF-044, IF-043,
 * IF-018-DomPremInd and IF-009: the DTOs mirror the official schemas (blocks B906/B906a with B033
 * and B034, B039, B030, B025, B040, B032, B068, B031, B026, B023, B028, B041, B098), with one
 * failing case per kind of constraint; and the screening of free text (control and bidirectional
 * formatting characters), B022 included.
 */

const CB = 'payload.CommonBlock';
const CU = 'payload.CustomBlock';
const METER = `${CU}.B906.existingMeter`;

type Build = () => DipMessageJson;

/** Moves the builder (a function) to the end of each case, so that test titles print the other items. */
function buildLast<T extends unknown[]>(cases: [string, Build, ...T][]): [string, ...T, Build][] {
  return cases.map(([channel, build, ...rest]) => [channel, ...rest, build] as [string, ...T, Build]);
}

function accepts(channel: string, message: unknown): void {
  const result = validateDipMessage(channel, message);
  if (!result.ok) throw new Error(result.errors.map(formatWireError).join('\n'));
}

function onlyError(channel: string, message: unknown): WireError {
  const result = validateDipMessage(channel, message);
  if (result.ok) throw new Error('expected the message to fail validation');
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

const EVENTS: [string, string, Build][] = [
  ['IF-005', '[MeterInstall]', meterInstallMessage],
  ['IF-005', '[MeterRemoval]', meterRemovalMessage],
  ['IF-005', '[MeterExchange]', meterExchangeMessage],
  ['IF-005', '[MeterUpdate]', meterUpdateMessage],
  ['IF-005', '[MeterHistoryUpdate]', meterHistoryUpdateMessage],
  ['IF-007', '[EnergisationStatusChange]', energisationStatusChangeMessage],
  ['IF-007', '[EnergisationStatusFailure]', energisationStatusFailureMessage],
  ['IF-025', '[SSCandProfileClass]', sscAndProfileClassMessage],
  ['IF-025', '[ConsentGranularity]', consentGranularityMessage],
  ['IF-025', '[IHDInfo]', ihdInfoMessage],
  ['IF-025', '[SMSO]', smsoMessage],
  ['REGS-LDSO', '[MarketSegmentChange]', marketSegmentChangeMessage],
  ['REGS-LDSO', '[ConnectionTypeChange]', connectionTypeChangeMessage],
  ['REGS-LDSO', '[DomPremInd]', domPremIndMessage],
  ['REGS-LDSO', '[MPANDisconnection]', mpanDisconnectionMessage],
  ['REGS-LDSO', '[MPANReconnection]', mpanReconnectionMessage],
];

describe('validateDipMessage: IF-005, IF-007, IF-025 and the new REGS-LDSO events, valid messages', () => {
  it.each(EVENTS)('accepts the %s %s fixture', (channel, eventCode, build) => {
    const result = validateDipMessage(channel, build());
    if (!result.ok) throw new Error(result.errors.map(formatWireError).join('\n'));
    expect([result.message.channelId, result.message.eventCode]).toEqual([channel, eventCode]);
  });

  it('types the custom block by channel and event code', () => {
    const result = validateDipMessage('IF-005', meterExchangeMessage());
    if (!result.ok || result.message.channelId !== 'IF-005' || result.message.eventCode !== '[MeterExchange]') {
      throw new Error('expected a valid [MeterExchange]');
    }
    const removed: string = result.message.customBlock.B039.meterIDRemoved;
    const digits: number | null = result.message.customBlock.B906.existingMeter.numberOfDisplayedRegisterDigits;
    // @ts-expect-error B025 is not a block of [MeterExchange]
    expect(result.message.customBlock.B025).toBeUndefined();
    expect([removed, digits]).toEqual([SAMPLE.meters.installed.meterId, 6]);
  });

  it.each<[string, string, DipMessageJson]>([
    ['IF-005', '[MeterInstall] without the optional B030', without(meterInstallMessage(), `${CU}.B030`)],
    ['IF-005', '[MeterInstall] with a null IHD install status (DI-137 is nullable)', withValue(meterInstallMessage(), `${CU}.B030.IHDInstallStatus`, null)],
    ['IF-005', '[MeterInstall] of an advanced meter: no ESME GUID, no make, no displayed digits', (() => {
      let m = withValue(meterInstallMessage(), `${METER}.meterType`, 'RCAMR');
      for (const f of ['ESMEGUID', 'manufacturersMakeAndType', 'numberOfDisplayedRegisterDigits']) m = withValue(m, `${METER}.${f}`, null);
      return m;
    })()],
    ['IF-005', '[MeterInstall] with two MAPs in the history', withValue(meterInstallMessage(), `${CU}.B906.historyMAP`, [
      { meterAssetProviderID: 'MAPA', meterAssetProviderEffectiveFromDate: '2025-04-10T00:00:00+01:00' },
      { meterAssetProviderID: 'MAPB', meterAssetProviderEffectiveFromDate: '2025-06-01T00:00:00+01:00' },
    ])],
    ['IF-005', 'an empty meter id (DT-029 has no minimum length; the domain decides)', withValue(meterInstallMessage(), `${METER}.meterID`, '')],
    ['IF-005', 'displayed register digits 0 and 9', withValue(withValue(meterInstallMessage(), `${METER}.numberOfDisplayedRegisterDigits`, 0), `${METER}.numberOfDisplayedRegisterDigits`, 9)],
    ['IF-005', '[MeterRemoval] with a null removal date (DT-003N; REG1028 is the domain\'s)', withValue(meterRemovalMessage(), `${CU}.B039.meterRemovalDate`, null)],
    ['IF-005', '[MeterUpdate] with a corrected meter id (modifiedMeterID)', withValue(meterUpdateMessage(), `${METER}.modifiedMeterID`, '25P0123465')],
    ['IF-005', '[MeterUpdate] with the optional MAP history, B039 and B030', (() => {
      let m = withValue(meterUpdateMessage(), `${CU}.B906.historyMAP`, (meterInstallMessage().payload.CustomBlock.B906 as { historyMAP: unknown }).historyMAP);
      m = withValue(m, `${CU}.B039`, meterRemovalMessage().payload.CustomBlock.B039);
      return withValue(m, `${CU}.B030`, { IHDInstallStatus: 'E', IHDEffectiveFromDate: '2025-04-10T00:00:00+01:00' });
    })()],
    ['IF-005', '[MeterHistoryUpdate] without B039 and MAP history', without(without(meterHistoryUpdateMessage(), `${CU}.B039`), `${CU}.B906.historyMAP`)],
    ['IF-005', 'a UMSO sender (the wire does not check roles)', meterInstallMessage({ senderDipId: SAMPLE.providers.UMSA, senderRoleId: 'UMSO' })],
    ['IF-007', 'de-energisation (D) and the status U', withValue(energisationStatusChangeMessage(), `${CU}.B025.energisationStatus`, 'U')],
    ['IF-007', 'a failure with nulls where DI-096, DI-092 and DI-093 allow them', (() => {
      let m = energisationStatusFailureMessage();
      for (const f of ['siteVisitCheckCode', 'natureofMaintenanceEnergisationStatus', 'additionalInformationSiteVisit']) m = withValue(m, `${CU}.B040.${f}`, null);
      return m;
    })()],
    ['IF-007', 'a 2,000-character note with tabs and line breaks', withValue(energisationStatusFailureMessage(), `${CU}.B040.additionalInformationSiteVisit`, `Visit 1:\tno access\r\n${'x'.repeat(1980)}`)],
    ['IF-025', 'a cleared profile class and SSC (four nulls)', (() => {
      let m = sscAndProfileClassMessage();
      for (const f of ['profileClass', 'profileClassEffectiveFromDate', 'SSC', 'SSCEffectiveFromDate']) m = withValue(m, `${CU}.B032.${f}`, null);
      return m;
    })()],
    ['IF-025', 'a one-digit profile class', withValue(sscAndProfileClassMessage(), `${CU}.B032.profileClass`, '8')],
    ['IF-025', '[SSCandProfileClass] with B013', withValue(sscAndProfileClassMessage(), `${CU}.B013`, { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial })],
    ['IF-025', '[ConsentGranularity] without B013', without(consentGranularityMessage(), `${CU}.B013`)],
    ['IF-025', 'a null SMSO (DI-134 is nullable)', withValue(smsoMessage(), `${CU}.B031.SMSOID`, null)],
    ['IF-025', 'a null IHD install status', withValue(ihdInfoMessage(), `${CU}.B030.IHDInstallStatus`, null)],
    ['REGS-LDSO', '[DomPremInd] with B013', withValue(domPremIndMessage(), `${CU}.B013`, { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial })],
    ['REGS-LDSO', '[DomPremInd] domestic (true)', withValue(domPremIndMessage(), `${CU}.B028.domesticPremiseIndicator`, true)],
    ['REGS-LDSO', '[MPANDisconnection] without a note (DI-120 is nullable)', withValue(mpanDisconnectionMessage(), `${CU}.B041.additionalInformation`, null)],
    ['REGS-LDSO', '[ConnectionTypeChange] to unmetered', withValue(withValue(connectionTypeChangeMessage(), `${CU}.B023.connectionTypeIndicator`, 'U'), `${CU}.B023.meteredIndicator`, false)],
  ])('%s: accepts %s', (channel, _, message) => {
    accepts(channel, message);
  });

  it.each([...'ABCDEFGHIJKLMNOPRSTUVWXYZ'])('accepts the DI-090 meter location %s', (location) => {
    accepts('IF-005', withValue(meterInstallMessage(), `${METER}.meterLocation`, location));
  });

  it.each(['S1', 'S2A', 'S2ADE', 'NCAMR', 'RCAMY', 'H', 'N', 'LAG_', '2CDEF'])('accepts the DI-059 meter type %s', (type) => {
    accepts('IF-005', withValue(meterInstallMessage(), `${METER}.meterType`, type));
  });
});

describe('validateDipMessage: the new events on their channels', () => {
  it('refuses an IF-005 event on IF-007 and a REGS-LDSO event on IF-025', () => {
    expect(validateDipMessage('IF-007', meterInstallMessage())).toMatchObject({
      ok: false,
      errors: [
        { path: `${CB}.S0.interfaceID`, message: 'S0.interfaceID IF-005 does not match the channel IF-007 in the URL' },
        {
          path: `${CB}.S0.eventCode`,
          message: '[MeterInstall] is not an event code of channel IF-007 (expected one of [EnergisationStatusChange], [EnergisationStatusFailure])',
        },
      ],
    });
    expect(onlyError('IF-025', withValue(domPremIndMessage(), `${CB}.S0.interfaceID`, 'IF-025'))).toEqual({
      path: `${CB}.S0.eventCode`,
      message: '[DomPremInd] is not an event code of channel IF-025 (expected one of [SSCandProfileClass], [ConsentGranularity], [IHDInfo], [SMSO])',
    });
  });

  it('refuses the official IF-018 and IF-009 events the LDSO channel does not mirror', () => {
    expect(onlyError('REGS-LDSO', withValue(mpanDisconnectionMessage(), `${CB}.S0.eventCode`, '[CSSDeRegistration]')).message).toMatch(
      /^\[CSSDeRegistration\] is not an event code of channel REGS-LDSO \(expected one of \[MPANCreation\], .*\[MPANReconnection\]\)$/,
    );
  });
});

describe('validateDipMessage: unknown properties of the new blocks', () => {
  it.each(buildLast<[string, string]>([
    ['IF-005', meterInstallMessage, `${CU}.B039`, 'the [MeterInstall] CustomBlock (IF-005-MeterInstall) (expected: B906, B030)'],
    ['IF-005', meterRemovalMessage, `${CU}.B906`, 'the [MeterRemoval] CustomBlock (IF-005-MeterRemoval) (expected: B039)'],
    ['IF-005', meterHistoryUpdateMessage, `${CU}.B030`, 'the [MeterHistoryUpdate] CustomBlock (IF-005-MeterHistoryUpdate) (expected: B906, B039)'],
    ['IF-005', meterInstallMessage, `${CU}.B906.B033`, 'B906 (Meter Group) (expected: existingMeter, historyMAP)'],
    ['IF-005', meterUpdateMessage, `${CU}.B906.B034`, 'B906 (Meter Group for updates, official B906a) (expected: existingMeter, historyMAP)'],
    [
      'IF-005',
      meterInstallMessage,
      `${METER}.meterIdentifier`,
      'B033 (Meter Details) (expected: meterID, modifiedMeterID, meterType, manufacturersMakeAndType, ESMEGUID, meterLocation, numberOfDisplayedRegisterDigits, meterInstallationDate)',
    ],
    ['IF-005', meterInstallMessage, `${CU}.B906.historyMAP.0.mapId`, 'B034 (Meter Asset Provider) (expected: meterAssetProviderID, meterAssetProviderEffectiveFromDate)'],
    ['IF-005', meterRemovalMessage, `${CU}.B039.meterID`, 'B039 (Removed Meter) (expected: meterIDRemoved, meterRemovalDate)'],
    ['IF-007', energisationStatusChangeMessage, `${CU}.B025.reason`, 'B025 (MPAN Energisation Info) (expected: energisationStatus, energisationStatusEffectiveFromDate)'],
    [
      'IF-007',
      energisationStatusFailureMessage,
      `${CU}.B040.reasonCode`,
      'B040 (Energisation Failure) (expected: failureEnergiseDeEnergiseReasonCode, siteVisitCheckCode, natureofMaintenanceEnergisationStatus, additionalInformationSiteVisit)',
    ],
    ['IF-025', consentGranularityMessage, `${CU}.B071`, 'the [ConsentGranularity] CustomBlock (IF-025-ConsentGranularity) (expected: B013, B068)'],
    ['IF-025', sscAndProfileClassMessage, `${CU}.B032.PC`, 'B032 (Legacy Profile Class and SSC) (expected: profileClass, profileClassEffectiveFromDate, SSC, SSCEffectiveFromDate)'],
    ['IF-025', smsoMessage, `${CU}.B031.SMSO`, 'B031 (SMSO) (expected: SMSOID, SMSOEffectiveFromDate)'],
    ['IF-025', ihdInfoMessage, `${CU}.B030.IHDStatus`, 'B030 (IHD Info) (expected: IHDInstallStatus, IHDEffectiveFromDate)'],
    ['REGS-LDSO', marketSegmentChangeMessage, `${CU}.B025`, 'the [MarketSegmentChange] CustomBlock (IF-044-Payload) (expected: B026, B023)'],
    ['REGS-LDSO', connectionTypeChangeMessage, `${CU}.B026`, 'the [ConnectionTypeChange] CustomBlock (IF-043-Payload) (expected: B023)'],
    ['REGS-LDSO', domPremIndMessage, `${CU}.B028.domestic`, 'B028 (Domestic Premise Indicator) (expected: domesticPremiseIndicator, domesticPremiseIndicatorEffectiveFromDate)'],
    ['REGS-LDSO', mpanDisconnectionMessage, `${CU}.B098`, 'the [MPANDisconnection] CustomBlock (IF-009-MPANDisconnection) (expected: B041)'],
    ['REGS-LDSO', mpanReconnectionMessage, `${CU}.B098.reason`, 'B098 (MPAN Reconnection) (expected: reconnectionEffectiveFromDate)'],
  ]))('%s refuses %s: %s', (channel, path, label, build) => {
    const error = onlyError(channel, withValue(build(), path, 'x'));
    expect(error.path).toBe(path.replace('.historyMAP.0.', '.historyMAP[0].'));
    expect(error.message.replace(/^is not a property of /, '')).toEqual(label);
  });
});

describe('validateDipMessage: required blocks and fields of the new events', () => {
  it.each<[string, string, string, Build]>([
    ['IF-005', '[MeterInstall]', 'B906', meterInstallMessage],
    ['IF-005', '[MeterRemoval]', 'B039', meterRemovalMessage],
    ['IF-005', '[MeterExchange]', 'B906', meterExchangeMessage],
    ['IF-005', '[MeterExchange]', 'B039', meterExchangeMessage],
    ['IF-005', '[MeterUpdate]', 'B906', meterUpdateMessage],
    ['IF-005', '[MeterHistoryUpdate]', 'B906', meterHistoryUpdateMessage],
    ['IF-007', '[EnergisationStatusChange]', 'B025', energisationStatusChangeMessage],
    ['IF-007', '[EnergisationStatusFailure]', 'B040', energisationStatusFailureMessage],
    ['IF-025', '[SSCandProfileClass]', 'B032', sscAndProfileClassMessage],
    ['IF-025', '[ConsentGranularity]', 'B068', consentGranularityMessage],
    ['IF-025', '[IHDInfo]', 'B030', ihdInfoMessage],
    ['IF-025', '[SMSO]', 'B031', smsoMessage],
    ['REGS-LDSO', '[MarketSegmentChange]', 'B026', marketSegmentChangeMessage],
    ['REGS-LDSO', '[MarketSegmentChange]', 'B023', marketSegmentChangeMessage],
    ['REGS-LDSO', '[ConnectionTypeChange]', 'B023', connectionTypeChangeMessage],
    ['REGS-LDSO', '[DomPremInd]', 'B028', domPremIndMessage],
    ['REGS-LDSO', '[MPANDisconnection]', 'B041', mpanDisconnectionMessage],
    ['REGS-LDSO', '[MPANReconnection]', 'B098', mpanReconnectionMessage],
  ])('%s %s requires %s', (channel, _event, block, build) => {
    expect(onlyError(channel, without(build(), `${CU}.${block}`))).toEqual({ path: `${CU}.${block}`, message: 'is required' });
  });

  it.each(buildLast<[string, string]>([
    ['IF-005', meterInstallMessage, `${CU}.B906.existingMeter`, 'is required'],
    ['IF-005', meterInstallMessage, `${CU}.B906.historyMAP`, 'is required'],
    ['IF-005', meterInstallMessage, `${METER}.meterID`, 'is required'],
    ['IF-005', meterInstallMessage, `${METER}.modifiedMeterID`, 'is required (null is allowed)'],
    ['IF-005', meterInstallMessage, `${METER}.ESMEGUID`, 'is required (null is allowed)'],
    ['IF-005', meterInstallMessage, `${METER}.numberOfDisplayedRegisterDigits`, 'is required (null is allowed)'],
    ['IF-005', meterInstallMessage, `${METER}.meterInstallationDate`, 'is required'],
    ['IF-005', meterInstallMessage, `${CU}.B030.IHDInstallStatus`, 'is required (null is allowed)'],
    ['IF-005', meterRemovalMessage, `${CU}.B039.meterRemovalDate`, 'is required (null is allowed)'],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.additionalInformationSiteVisit`, 'is required (null is allowed)'],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.failureEnergiseDeEnergiseReasonCode`, 'is required'],
    ['IF-025', sscAndProfileClassMessage, `${CU}.B032.SSCEffectiveFromDate`, 'is required (null is allowed)'],
    ['IF-025', consentGranularityMessage, `${CU}.B068.consentGranularityEffectiveFromDate`, 'is required'],
    ['IF-025', smsoMessage, `${CU}.B031.SMSOID`, 'is required (null is allowed)'],
    ['REGS-LDSO', domPremIndMessage, `${CU}.B028.domesticPremiseIndicator`, 'is required'],
    ['REGS-LDSO', mpanDisconnectionMessage, `${CU}.B041.additionalInformation`, 'is required (null is allowed)'],
    ['REGS-LDSO', mpanReconnectionMessage, `${CU}.B098.reconnectionEffectiveFromDate`, 'is required'],
  ]))('%s: %s %s', (channel, path, message, build) => {
    expect(onlyError(channel, without(build(), path))).toEqual({ path, message });
  });

  it.each(buildLast<[string]>([
    ['IF-005', meterInstallMessage, `${METER}.meterID`],
    ['IF-005', meterInstallMessage, `${METER}.meterType`],
    ['IF-005', meterInstallMessage, `${METER}.meterInstallationDate`],
    ['IF-005', meterInstallMessage, `${CU}.B906.historyMAP`],
    ['IF-005', meterInstallMessage, `${CU}.B030`],
    ['IF-005', meterUpdateMessage, `${CU}.B906.historyMAP`],
    ['IF-005', meterRemovalMessage, `${CU}.B039.meterIDRemoved`],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.failureEnergiseDeEnergiseReasonCode`],
    ['IF-025', consentGranularityMessage, `${CU}.B068.consentGranularity`],
    ['IF-025', consentGranularityMessage, `${CU}.B013`],
    ['IF-025', smsoMessage, `${CU}.B031.SMSOEffectiveFromDate`],
    ['REGS-LDSO', domPremIndMessage, `${CU}.B028.domesticPremiseIndicator`],
    ['REGS-LDSO', mpanDisconnectionMessage, `${CU}.B041.disconnectionEffectiveFromDate`],
  ]))('%s refuses null at %s (required, not nullable)', (channel, path, build) => {
    const error = onlyError(channel, withValue(build(), path, null));
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/^must not be null/);
  });
});

describe('validateDipMessage: data types of the new blocks, one failing case per kind of constraint', () => {
  it.each(buildLast<[string, unknown, string | RegExp]>([
    // enumerations
    ['IF-005', meterInstallMessage, `${METER}.meterType`, 'SMETS2', /^must be one of CHECK, H, K, .* \(DI-059 meter type\), got "SMETS2"$/],
    ['IF-005', meterInstallMessage, `${METER}.meterLocation`, 'Q', /^must be one of A, B, .*, Z \(DI-090 meter location\), got "Q"$/],
    ['IF-005', meterInstallMessage, `${CU}.B030.IHDInstallStatus`, 'X', 'must be one of I, D, E, F (DI-137 IHD install status), got "X"'],
    ['IF-007', energisationStatusChangeMessage, `${CU}.B025.energisationStatus`, 'e', 'must be one of D, E, U (DI-033 energisation status), got "e"'],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.failureEnergiseDeEnergiseReasonCode`, '04', /^must be one of 01, 02, 03, 05, .* \(DI-097 failure energise \/ de-energise reason code\), got "04"$/],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.siteVisitCheckCode`, '12', /^must be one of 01, .* \(DI-096 site visit check code\), got "12"$/],
    ['IF-025', consentGranularityMessage, `${CU}.B068.consentGranularity`, 'h', 'must be one of H, D, M, N (DI-017 consent granularity), got "h"'],
    [
      'IF-025',
      consentGranularityMessage,
      `${CU}.B068.consentGranularity`,
      'x',
      "must be one of H, D, M, N (DI-017 consent granularity), got \"x\": x is the official enumeration's placeholder, not a granularity (N means no consent)",
    ],
    ['REGS-LDSO', marketSegmentChangeMessage, `${CU}.B026.marketSegmentIndicator`, 'X', 'must be one of U, S, A (DI-050 market segment indicator), got "X"'],
    ['REGS-LDSO', connectionTypeChangeMessage, `${CU}.B023.connectionTypeIndicator`, 'C', 'must be one of W, L, H, E, U (DI-015 connection type indicator), got "C"'],
    // lengths
    ['IF-005', meterInstallMessage, `${METER}.meterID`, '25P01234567', 'must be at most 10 characters (DT-029 meter id), got 11: "25P01234567"'],
    ['IF-005', meterUpdateMessage, `${METER}.modifiedMeterID`, '', 'must be 1–10 characters (DT-029N meter id), got 0: ""'],
    ['IF-005', meterInstallMessage, `${METER}.ESMEGUID`, '00-1B-6A-FF-FE-01-23-45-6', /^must be 1–23 characters \(DI-085 ESME GUID\), got 25/],
    ['IF-005', meterInstallMessage, `${METER}.manufacturersMakeAndType`, 'M'.repeat(61), /^must be 1–60 characters \(DI-048 manufacturers make and type\), got 61/],
    ['IF-005', meterInstallMessage, `${CU}.B906.historyMAP[0].meterAssetProviderID`, 'MAP', 'must be exactly 4 characters (DI-055 meter asset provider id), got 3: "MAP"'],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.natureofMaintenanceEnergisationStatus`, 'n'.repeat(201), /^must be 1–200 characters \(DI-092 nature of maintenance \(energisation status\)\), got 201/],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.additionalInformationSiteVisit`, 'a'.repeat(2001), /^must be 1–2000 characters \(DI-093 additional information \(site visit\)\), got 2001/],
    ['IF-025', smsoMessage, `${CU}.B031.SMSOID`, 'TRILL', 'must be 1–4 characters (DI-134 SMSO id), got 5: "TRILL"'],
    ['REGS-LDSO', mpanDisconnectionMessage, `${CU}.B041.additionalInformation`, '', 'must be 1–2000 characters (DI-120 additional information), got 0: ""'],
    // patterns
    ['IF-025', sscAndProfileClassMessage, `${CU}.B032.profileClass`, '1A', 'must match ^\\d{1,2}$ (DI-122 profile class), got "1A"'],
    ['IF-025', sscAndProfileClassMessage, `${CU}.B032.SSC`, '039A', 'must match ^\\d{4,4}$ (DI-123 standard settlement configuration), got "039A"'],
    ['IF-025', sscAndProfileClassMessage, `${CU}.B032.SSC`, '393', 'must be exactly 4 characters (DI-123 standard settlement configuration), got 3: "393"'],
    // integers
    ['IF-005', meterInstallMessage, `${METER}.numberOfDisplayedRegisterDigits`, 10, 'must be an integer from 0 to 9 (DI-091 number of displayed register digits), got number 10'],
    ['IF-005', meterInstallMessage, `${METER}.numberOfDisplayedRegisterDigits`, 5.5, 'must be an integer from 0 to 9 (DI-091 number of displayed register digits), got number 5.5'],
    ['IF-005', meterInstallMessage, `${METER}.numberOfDisplayedRegisterDigits`, '6', 'must be an integer from 0 to 9 (DI-091 number of displayed register digits), got "6"'],
    ['IF-005', meterInstallMessage, `${METER}.numberOfDisplayedRegisterDigits`, -1, 'must be an integer from 0 to 9 (DI-091 number of displayed register digits), got number -1'],
    // booleans
    ['REGS-LDSO', domPremIndMessage, `${CU}.B028.domesticPremiseIndicator`, 'false', 'must be true or false (DI-030 domestic premise indicator), got "false"'],
    ['REGS-LDSO', marketSegmentChangeMessage, `${CU}.B023.meteredIndicator`, 1, 'must be true or false (DI-127 metered indicator), got number 1'],
    // DT-003 date-times
    ['IF-005', meterInstallMessage, `${METER}.meterInstallationDate`, '2025-04-10', /^must be exactly 25 characters .*\(DT-003 date-time/],
    ['IF-005', meterRemovalMessage, `${CU}.B039.meterRemovalDate`, '2025-02-30T00:00:00+00:00', /^2025-02-30 is not a calendar date \(DT-003 date-time/],
    ['IF-007', energisationStatusChangeMessage, `${CU}.B025.energisationStatusEffectiveFromDate`, '2025-04-10T00:00:00Z', /DT-003 date-time/],
    ['IF-025', sscAndProfileClassMessage, `${CU}.B032.profileClassEffectiveFromDate`, '2025-05-12T00:00:00.000Z', /DT-003 date-time/],
    ['REGS-LDSO', mpanReconnectionMessage, `${CU}.B098.reconnectionEffectiveFromDate`, '2026-03-02T24:00:00+00:00', /is not a time of day \(DT-003 date-time/],
    // block shapes
    ['IF-005', meterInstallMessage, `${CU}.B906.existingMeter`, [], 'must be a JSON object (block B033), got an array'],
  ]))('%s %s = %p is refused', (channel, path, value, message, build) => {
    const target = path.replace('historyMAP[0]', 'historyMAP.0');
    const error = onlyError(channel, withValue(build(), target, value));
    expect(error.path).toBe(path);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  describe('B906.historyMAP (a list of B034, at least one)', () => {
    it.each<[string, unknown, string]>([
      ['an empty list', [], 'must hold at least 1 B034 object, got an empty array'],
      ['one object instead of a list', { meterAssetProviderID: 'MAPA', meterAssetProviderEffectiveFromDate: '2025-04-10T00:00:00+01:00' }, 'must be an array of B034 objects (at least 1), got an object'],
      ['a list with a string item', [{ meterAssetProviderID: 'MAPA', meterAssetProviderEffectiveFromDate: '2025-04-10T00:00:00+01:00' }, 'MAPB'], 'item [1] must be a JSON object (B034), got "MAPB"'],
    ])('refuses %s', (_, value, message) => {
      expect(onlyError('IF-005', withValue(meterInstallMessage(), `${CU}.B906.historyMAP`, value))).toEqual({ path: `${CU}.B906.historyMAP`, message });
    });

    it('names the index of the item whose field is wrong', () => {
      const list = [
        { meterAssetProviderID: 'MAPA', meterAssetProviderEffectiveFromDate: '2025-04-10T00:00:00+01:00' },
        { meterAssetProviderID: 'MAPB', meterAssetProviderEffectiveFromDate: '2025-06-01' },
      ];
      const error = onlyError('IF-005', withValue(meterInstallMessage(), `${CU}.B906.historyMAP`, list));
      expect(error.path).toBe(`${CU}.B906.historyMAP[1].meterAssetProviderEffectiveFromDate`);
      expect(error.message).toMatch(/DT-003 date-time/);
    });

    it('refuses null for the optional list of [MeterUpdate] (leave it out instead)', () => {
      expect(onlyError('IF-005', withValue(meterUpdateMessage(), `${CU}.B906.historyMAP`, null))).toEqual({
        path: `${CU}.B906.historyMAP`,
        message: 'must not be null (leave the property out instead)',
      });
    });
  });
});

describe('validateDipMessage: free text refuses control and bidirectional formatting characters (a deliberate tightening)', () => {
  it.each(buildLast<[string, string, string]>([
    ['REGS-LDSO', mpanCreationMessage, `${CU}.B022.addressLine1`, 'Flat 2\u0000', 'must not contain control characters: NUL (U+0000) at character 7 (DT-001N address line), got "Flat 2\\u0000"'],
    [
      'REGS-LDSO',
      addressChgMessage,
      `${CU}.B022.addressLine2`,
      '14 \u202eDAOR tnasaelP tnuoM',
      'must not contain bidirectional formatting characters: U+202E RIGHT-TO-LEFT OVERRIDE at character 4 (DT-001N address line), got "14 \\u202eDAOR tnasaelP tnuoM"',
    ],
    ['REGS-LDSO', mpanCreationMessage, `${CU}.B022.meteringPointPostcode`, 'TN1\t1AA', 'must not contain control characters: a control character U+0009 at character 4 (DT-007N UK postcode), got "TN1\\t1AA"'],
    ['REGS-LDSO', mpanCreationMessage, `${CU}.B022.addressLine3`, 'Tunbridge\u0085Wells', 'must not contain control characters: a C1 control character U+0085 at character 10 (DT-001N address line), got "Tunbridge\\u0085Wells"'],
    ['REGS-LDSO', mpanCreationMessage, `${CU}.B022.addressLine3`, 'Tunbridge Wells\u007f', 'must not contain control characters: a control character U+007F at character 16 (DT-001N address line), got "Tunbridge Wells\\u007f"'],
    ['REGS-LDSO', mpanCreationMessage, `${CU}.B022.addressLine3`, '\u2067Tunbridge Wells', 'must not contain bidirectional formatting characters: U+2067 RIGHT-TO-LEFT ISOLATE at character 1 (DT-001N address line), got "\\u2067Tunbridge Wells"'],
    ['REGS-LDSO', mpanCreationMessage, `${CU}.B022.addressLine4`, 'Line one\nLine two', 'must not contain control characters: a control character U+000A at character 9 (DT-001N address line), got "Line one\\nLine two"'],
    ['IF-005', meterInstallMessage, `${METER}.meterID`, '25P\u00000123', 'must not contain control characters: NUL (U+0000) at character 4 (DT-029 meter id), got "25P\\u00000123"'],
    ['IF-005', meterInstallMessage, `${METER}.manufacturersMakeAndType`, 'Landis+Gyr \u202dE470', 'must not contain bidirectional formatting characters: U+202D LEFT-TO-RIGHT OVERRIDE at character 12 (DI-048 manufacturers make and type), got "Landis+Gyr \\u202dE470"'],
    ['IF-005', meterRemovalMessage, `${CU}.B039.meterIDRemoved`, '25P\u001b[0m', 'must not contain control characters: a control character U+001B at character 4 (DT-029 meter id), got "25P\\u001b[0m"'],
    ['IF-007', energisationStatusFailureMessage, `${CU}.B040.additionalInformationSiteVisit`, 'ok\r\nbut \u0000', 'must not contain control characters: NUL (U+0000) at character 9 (DI-093 additional information (site visit)), got "ok\\r\\nbut \\u0000"'],
    ['REGS-LDSO', mpanDisconnectionMessage, `${CU}.B041.additionalInformation`, 'Cable \u2066cut\u2069', 'must not contain bidirectional formatting characters: U+2066 LEFT-TO-RIGHT ISOLATE at character 7 (DI-120 additional information), got "Cable \\u2066cut\\u2069"'],
  ]))('%s %s = %j is refused', (channel, path, value, message, build) => {
    expect(onlyError(channel, withValue(build(), path, value))).toEqual({ path, message });
  });

  it.each<[string, string, string, () => DipMessageJson]>([
    ['REGS-LDSO', `${CB}.S1.senderRoleID`, 'LD\u202eSO', mpanCreationMessage],
    ['IF-025', `${CB}.S1.senderRoleID`, 'SUP\u0007', smsoMessage],
    ['IF-031', `${CU}.B070.contractReferenceMeteringService`, 'BRWE-MSSA-00\u202e01', msAppMessage],
    ['IF-031', `${CU}.B070.contractReferenceMeteringService`, 'BRWE-\u001bMSSA-0001', msAppMessage],
  ])('screens every string item, not only free text (found by the intake fuzz): %s %s = %j', (channel, path, value, build) => {
    const error = onlyError(channel, withValue(build(), path, value));
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/^must not contain (control|bidirectional formatting) characters: /);
  });

  it.each(['Flat 2 – 1st floor', "St John's Wood", 'Ynys Môn', 'Façade House', '東京 1', ''])('accepts ordinary text in an address line: %j', (line) => {
    accepts('REGS-LDSO', withValue(mpanCreationMessage(), `${CU}.B022.addressLine1`, line));
  });

  it('never echoes a refused character in the message', () => {
    const error = onlyError('REGS-LDSO', withValue(mpanCreationMessage(), `${CU}.B022.addressLine1`, '\u202e\u0085\u2069x'));
    // eslint-disable-next-line no-control-regex -- the point: no control character may appear
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
