import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Distributor, LocalDate, Participant, ReferenceData, RoleCode } from '@app/registration-domain';

/**
 * Test fixtures for the inbound channels: realistic DIP messages, one per channel event, built
 * with the participants of the sample reference data (`reference-data/participants.json`):
 * the LDSO of distributor 19 (South East, GSP group `_J`) is `3000000019`, the CSS `9000000001`,
 * suppliers `1000000001`…`1000000005` (BRWE, NSTP, GFSL, HRBE, LUMN — LUMN's role ends 2025-06-30),
 * metering services `2000000001`…`2000000004` (MSSA MSS, MSSB MSS+MSA, MSAC MSA, UMSA UMSO), data
 * services `2000000011`…`2000000014` (SDSA SDS, SDSB SDS+ADS, ADSC ADS, UMDS UMSDS), the meter data
 * retriever `2000000021` (MDRA).
 *
 * The story of the fixtures, on MPAN `1900012374324`: created 2025-04-01 (Smart, whole current,
 * de-energised), BRWE supplies from 2025-04-02 (domestic premises, B004) with MSSA (MSS) and SDSA
 * (SDS) appointed from that day; MSSA installs a SMETS2 meter and energises on 2025-04-10,
 * exchanges it on 2025-09-01; BRWE maintains its supplier data in May 2025; NSTP takes over from
 * 2025-05-15 (still domestic); the LDSO changes the domestic indicator (not domestic, June 2025),
 * the connection type and segment (Smart → Advanced, 2025-11-01), disconnects (2026-01-15) and
 * reconnects (2026-03-02). Each builder's senderTimestamp fits that story.
 *
 * Builders return fresh plain JSON objects; tweak them with {@link withValue}/{@link without}.
 */

/** A DIP message element as posted: `{ payload: { CommonBlock, CustomBlock } }`. */
export type DipMessageJson = { payload: { CommonBlock: Record<string, unknown>; CustomBlock: Record<string, unknown> } };

/** Participants and identifiers of the sample reference data used by the fixtures. */
export const SAMPLE = {
  distributorId: '19',
  gspGroupId: '_J',
  ldsoDipId: '3000000019',
  cssDipId: '9000000001',
  registryDipId: '9000000002',
  suppliers: {
    BRWE: '1000000001',
    NSTP: '1000000002',
    GFSL: '1000000003',
    HRBE: '1000000004',
    LUMN: '1000000005',
  },
  /** Service providers by MPID: metering services, data services and the meter data retriever. */
  providers: {
    MSSA: '2000000001',
    MSSB: '2000000002',
    MSAC: '2000000003',
    UMSA: '2000000004',
    SDSA: '2000000011',
    SDSB: '2000000012',
    ADSC: '2000000013',
    UMDS: '2000000014',
    MDRA: '2000000021',
  },
  /** A 10-digit DIP id that no participant of the reference data has. */
  unknownProviderDipId: '2000000099',
  /** CSS registration ids of {@link initialRegistrationMessage} and {@link changeOfSupplierMessage}. */
  cssRegistrationIds: {
    initial: 'a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c',
    changeOfSupplier: 'b7d2f3a5-1c8e-4d9f-8a6b-2e3f4a5b6c7d',
  },
  /** The meters of the fixtures: installed 2025-04-10, and its replacement of 2025-09-01 ({@link meterExchangeMessage}). */
  meters: {
    installed: { meterId: '25P0123456', esmeGuid: '00-1B-6A-FF-FE-01-23-45' },
    replacement: { meterId: '25P0456789', esmeGuid: '00-1B-6A-FF-FE-04-56-78' },
  },
  /** The meter asset provider (DI-055, 4 characters) of the fixtures' meters. */
  meterAssetProviderId: 'MAPA',
  /** MPAN cores of distributor 19 with correct check digits. */
  mpanCores: ['1900012374324', '1900012374333', '1900012374342', '1900012374351'],
  /** Distributor 19, wrong check digit (the correct one is 4). */
  mpanCoreBadCheckDigit: '1900012374325',
  /** Distributor 99 is not in the reference data. */
  mpanCoreUnknownDistributor: '9900012374320',
} as const;

/** Sender unique reference in the DT-995 pattern: `S-IF-<nnn>-<DIP id>-<ROLE>-<YYYYMMDD>-<suffix>`. */
export function senderUniqueReference(ifNumber: string, dipId: string, role: string, yyyymmdd: string, suffix: string): string {
  return `S-IF-${ifNumber}-${dipId}-${role}-${yyyymmdd}-${suffix}`;
}

/** Options common to every message builder. */
export interface FixtureOptions {
  mpanCore?: string;
  senderDipId?: string;
  senderRoleId?: string;
  uniqueReference?: string;
  /** `S1.senderTimestamp` (DT-003); each builder has a default that fits the fixtures' story. */
  senderTimestamp?: string;
  gspGroupId?: string;
  distributorDipId?: string;
  correlationId?: string | null;
}

/** The default sender of each channel: DIP id and role. */
const DEFAULT_SENDER: Record<FixtureChannel, { dipId: string; role: string }> = {
  'REGS-LDSO': { dipId: SAMPLE.ldsoDipId, role: 'LDSO' },
  'REGS-CSS': { dipId: SAMPLE.cssDipId, role: 'CSS' },
  'IF-005': { dipId: SAMPLE.providers.MSSA, role: 'MSS' },
  'IF-007': { dipId: SAMPLE.providers.MSSA, role: 'MSS' },
  'IF-025': { dipId: SAMPLE.suppliers.BRWE, role: 'SUP' },
  'IF-031': { dipId: SAMPLE.suppliers.BRWE, role: 'SUP' },
  'IF-034': { dipId: SAMPLE.providers.MSSA, role: 'MSS' },
};

type FixtureChannel = 'REGS-LDSO' | 'REGS-CSS' | 'IF-005' | 'IF-007' | 'IF-025' | 'IF-031' | 'IF-034';

/** senderTimestamp of the builders that do not set their own. */
const DEFAULT_SENDER_TIMESTAMP = '2025-03-20T10:15:00+00:00';

function envelope(
  channelId: FixtureChannel,
  eventCode: string,
  ifNumber: string,
  customBlock: Record<string, unknown>,
  o: FixtureOptions,
  sender: { dipId: string; role: string } = DEFAULT_SENDER[channelId],
  sentAt: string = DEFAULT_SENDER_TIMESTAMP,
): DipMessageJson {
  const senderDipId = o.senderDipId ?? sender.dipId;
  const role = o.senderRoleId ?? sender.role;
  const senderTimestamp = o.senderTimestamp ?? sentAt;
  const sendDate = senderTimestamp.slice(0, 10).replace(/-/g, '');
  return {
    payload: {
      CommonBlock: {
        S0: { interfaceID: channelId, schemaVersion: '011', eventCode },
        S1: {
          environmentTag: 'DEV',
          subText: null,
          senderUniqueReference: o.uniqueReference ?? senderUniqueReference(ifNumber, senderDipId, role, sendDate, `${eventCode.slice(1, -1).replace(/[^A-Za-z0-9]/g, '')}0001`),
          senderTimestamp,
          senderDIPID: senderDipId,
          senderRoleID: role,
          senderCorrelationID: o.correlationId === undefined ? null : o.correlationId,
          DIPConnectionProviderID: null,
        },
        A0: { primaryRecipients: [SAMPLE.registryDipId], secondaryRecipients: [], always: [] },
        M0: {
          MPANCore: o.mpanCore ?? SAMPLE.mpanCores[0],
          distributorDIPID: o.distributorDipId ?? SAMPLE.ldsoDipId,
          GSPGroupID: o.gspGroupId ?? SAMPLE.gspGroupId,
        },
      },
      CustomBlock: customBlock,
    },
  };
}

/** A B022 address in the South East (lines 4–9 null). */
export function sampleB022(): Record<string, string | null> {
  return {
    meteringPointPostcode: 'TN1 1AA',
    addressLine1: 'Flat 2',
    addressLine2: '14 Mount Pleasant Road',
    addressLine3: 'Tunbridge Wells',
    addressLine4: null,
    addressLine5: null,
    addressLine6: null,
    addressLine7: null,
    addressLine8: null,
    addressLine9: null,
  };
}

/**
 * `REGS-LDSO [MPANCreation]` (IF-050-MPANCreation): a whole-current, import, smart, de-energised
 * MPAN created (RMPStatus C) from 2025-04-01; DUoS tariff 801.
 */
export function mpanCreationMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[MPANCreation]',
    '050',
    {
      B001: { GSPGroupEffectiveFromDate: '2025-04-01T00:00:00+01:00' },
      B022: sampleB022(),
      B023: {
        connectionTypeIndicator: 'W',
        connectionTypeEffectiveFromDate: '2025-04-01T00:00:00+01:00',
        energyDirection: 'I',
        meteredIndicator: true,
      },
      B024: { DUOSTariffID: '801', DUOSTariffIDEffectiveFromDate: '2025-04-01T00:00:00+01:00' },
      B025: { energisationStatus: 'D', energisationStatusEffectiveFromDate: '2025-04-01T00:00:00+01:00' },
      B026: { marketSegmentIndicator: 'S', marketSegmentIndicatorEffectiveFromDate: '2025-04-01T00:00:00+01:00' },
      B079: {
        RMPStatus: 'C',
        RMPStatusEffectiveFromDate: '2025-04-01T00:00:00+01:00',
        MPStatus: 'N',
        MPStatusEffectiveFromDate: '2025-04-01T00:00:00+01:00',
      },
    },
    o,
  );
}

/** `REGS-LDSO [AddressChg]` (IF-018-AddressChg): a corrected address from 2025-05-01 (given as 23:00 GMT the day before). */
export function addressChgMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[AddressChg]',
    '018',
    {
      B001: { GSPGroupEffectiveFromDate: '2025-04-30T23:00:00+00:00' },
      B022: { ...sampleB022(), addressLine1: 'Flat 3' },
    },
    o,
  );
}

/** `REGS-LDSO [GSPChg]` (IF-018-GSPChg): GSP group `M0.GSPGroupID` (default `_J`) from 2025-05-01; B013 present. */
export function gspChgMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[GSPChg]',
    '018',
    {
      B013: { CSSRegistrationID: '5f2d6c1e-8a4b-4e57-9a51-3c0d2b7e9f10' },
      B001: { GSPGroupEffectiveFromDate: '2025-05-01T00:00:00+01:00' },
      B022: sampleB022(),
    },
    o,
  );
}

/** `REGS-LDSO [DUOSTariffIDChg]` (IF-018-DUOSTariffIDChg): tariff 802 from 2025-06-01. */
export function duosTariffIdChgMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[DUOSTariffIDChg]',
    '018',
    { B024: { DUOSTariffID: '802', DUOSTariffIDEffectiveFromDate: '2025-06-01T00:00:00+01:00' } },
    o,
  );
}

/** `REGS-LDSO [EnergyDirection]` (IF-018-EnergyDirection): export from 2025-10-26 (the BST→GMT day). */
export function energyDirectionMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[EnergyDirection]',
    '018',
    {
      B023: {
        connectionTypeIndicator: 'W',
        connectionTypeEffectiveFromDate: '2025-10-26T00:00:00+01:00',
        energyDirection: 'E',
        meteredIndicator: true,
      },
    },
    o,
  );
}

/**
 * `REGS-CSS [InitialRegistration]` (IF-001 B013 + B002 + B004): BRWE supplies from 2025-04-02; the
 * premises are domestic from that day (the optional B004; leave it out with {@link without}).
 */
export function initialRegistrationMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-CSS',
    '[InitialRegistration]',
    '001',
    {
      B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial },
      B002: {
        incomingSupplierDIPID: SAMPLE.suppliers.BRWE,
        incomingSupplierMPID: 'BRWE',
        supplierEffectiveFromDate: '2025-04-02T00:00:00+01:00',
      },
      B004: { domesticPremiseIndicator: true, domesticPremiseIndicatorEffectiveFromDate: '2025-04-02T00:00:00+01:00' },
    },
    o,
  );
}

/**
 * `REGS-CSS [ChangeOfSupplier]` (IF-001 B013 + B002 + B003 + B004): NSTP replaces BRWE from
 * 2025-05-15; the premises are domestic from that day (the optional B004).
 */
export function changeOfSupplierMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-CSS',
    '[ChangeOfSupplier]',
    '001',
    {
      B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.changeOfSupplier },
      B002: {
        incomingSupplierDIPID: SAMPLE.suppliers.NSTP,
        incomingSupplierMPID: 'NSTP',
        supplierEffectiveFromDate: '2025-05-15T00:00:00+01:00',
      },
      B003: {
        outgoingSupplierDIPID: SAMPLE.suppliers.BRWE,
        outgoingSupplierMPID: 'BRWE',
        supplierEffectiveToDate: '2025-05-14T00:00:00+01:00',
      },
      B004: { domesticPremiseIndicator: true, domesticPremiseIndicatorEffectiveFromDate: '2025-05-15T00:00:00+01:00' },
    },
    o,
  );
}

/**
 * B070 of the fixtures: BRWE proposes MSSA (smart metering service) under contract `BRWE-MSSA-0001`
 * from 2025-04-02 (BRWE's supply start in {@link initialRegistrationMessage}), scenario `COS`.
 */
export function sampleB070(): Record<string, unknown> {
  return {
    proposedMeteringServiceDIPID: SAMPLE.providers.MSSA,
    proposedMeteringServiceMPID: 'MSSA',
    proposedMeteringServiceDIPEffectiveFromDate: '2025-04-02T00:00:00+01:00',
    contractReferenceMeteringService: 'BRWE-MSSA-0001',
    appointmentScenario: 'COS',
  };
}

/**
 * B071 of the fixtures: BRWE proposes SDSA (smart data service) under contract `BRWE-SDSA-0001`
 * from 2025-04-02, scenario `COS`, nominating MDRA as meter data retriever from the same day;
 * half-hourly consent, domestic, quarterly fall-back reads.
 */
export function sampleB071(): Record<string, unknown> {
  return {
    proposedDataServiceDIPID: SAMPLE.providers.SDSA,
    proposedDataServiceMPID: 'SDSA',
    proposedDataServiceDIPEffectiveFromDate: '2025-04-02T00:00:00+01:00',
    contractReferenceDataService: 'BRWE-SDSA-0001',
    appointmentScenario: 'COS',
    supplierNominatedMDRDIPID: SAMPLE.providers.MDRA,
    supplierNominatedMDRMPID: 'MDRA',
    supplierNominatedMDREffectiveFromDate: '2025-04-02T00:00:00+01:00',
    supplierProposedConsentGranularity: 'H',
    supplierProposedDomesticIndicator: true,
    traditionalFallBackReadFrequency: 'Q',
  };
}

/** B012 of the fixtures' IF-034 answers: BRWE asked. */
function sampleB012(): Record<string, string> {
  return { serviceProviderAppointmentRequestingSupplierDIPID: SAMPLE.suppliers.BRWE, serviceProviderAppointmentRequestingSupplierMPID: 'BRWE' };
}

/**
 * `IF-031 [MSApp]` (official `IF-031-MSApp`): BRWE, gaining the MPAN from 2025-04-02 under CSS
 * registration `a3c1e2f4-…` ({@link initialRegistrationMessage}), asks for MSSA from that day (COS).
 */
export function msAppMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope('IF-031', '[MSApp]', '031', { B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial }, B070: sampleB070() }, o);
}

/** `IF-031 [DSApp]` (official `IF-031-DSApp`): BRWE asks for SDSA from 2025-04-02 (COS, B013 quoted). */
export function dsAppMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope('IF-031', '[DSApp]', '031', { B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial }, B071: sampleB071() }, o);
}

/**
 * `IF-034 [MSAppSPResponse]` (official `IF-034-MSAppSPResponse`): MSSA (role MSS) accepts BRWE's
 * proposal of {@link msAppMessage} (B007 `A`, `SP000 - Proposed Appointment ACCEPTED`).
 */
export function msAppSpResponseMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-034',
    '[MSAppSPResponse]',
    '034',
    {
      B007: { responseCode: 'A', proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' },
      B012: sampleB012(),
      B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial },
      B070: sampleB070(),
    },
    o,
    { dipId: SAMPLE.providers.MSSA, role: 'MSS' },
  );
}

/**
 * `IF-034 [DSAppSPResponse]` (official `IF-034-DSAppSPResponse`): SDSA (role SDS) accepts BRWE's
 * proposal of {@link dsAppMessage}; the optional B013 is sent, B070 and B018 are not.
 */
export function dsAppSpResponseMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-034',
    '[DSAppSPResponse]',
    '034',
    {
      B007: { responseCode: 'A', proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' },
      B012: sampleB012(),
      B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial },
      B071: sampleB071(),
    },
    o,
    { dipId: SAMPLE.providers.SDSA, role: 'SDS' },
  );
}

/** `REGS-LDSO [MarketSegmentChange]` (IF-044-Payload): Smart → Advanced from 2025-11-01, with the LV CT connection (B023) it goes with. */
export function marketSegmentChangeMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[MarketSegmentChange]',
    '044',
    {
      B026: { marketSegmentIndicator: 'A', marketSegmentIndicatorEffectiveFromDate: '2025-11-01T00:00:00+00:00' },
      B023: {
        connectionTypeIndicator: 'L',
        connectionTypeEffectiveFromDate: '2025-11-01T00:00:00+00:00',
        energyDirection: 'I',
        meteredIndicator: true,
      },
    },
    o,
    undefined,
    '2025-10-28T11:05:00+00:00',
  );
}

/** `REGS-LDSO [ConnectionTypeChange]` (IF-043-Payload): whole current → LV with CT from 2025-11-01, import, metered. */
export function connectionTypeChangeMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[ConnectionTypeChange]',
    '043',
    {
      B023: {
        connectionTypeIndicator: 'L',
        connectionTypeEffectiveFromDate: '2025-11-01T00:00:00+00:00',
        energyDirection: 'I',
        meteredIndicator: true,
      },
    },
    o,
    undefined,
    '2025-10-28T11:00:00+00:00',
  );
}

/** `REGS-LDSO [DomPremInd]` (IF-018-DomPremInd): the premises are not domestic from 2025-06-01 (B013 left out). */
export function domPremIndMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[DomPremInd]',
    '018',
    { B028: { domesticPremiseIndicator: false, domesticPremiseIndicatorEffectiveFromDate: '2025-06-01T00:00:00+01:00' } },
    o,
    undefined,
    '2025-05-29T14:30:00+01:00',
  );
}

/** `REGS-LDSO [MPANDisconnection]` (IF-009-MPANDisconnection): disconnected from 2026-01-15, with a note. */
export function mpanDisconnectionMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[MPANDisconnection]',
    '009',
    {
      B041: {
        disconnectionEffectiveFromDate: '2026-01-15T00:00:00+00:00',
        additionalInformation: 'Premises demolished; service cable removed at the cut-out.',
      },
    },
    o,
    undefined,
    '2026-01-14T09:40:00+00:00',
  );
}

/** `REGS-LDSO [MPANReconnection]` (IF-009-MPANReconnection): reconnected from 2026-03-02. */
export function mpanReconnectionMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'REGS-LDSO',
    '[MPANReconnection]',
    '009',
    { B098: { reconnectionEffectiveFromDate: '2026-03-02T00:00:00+00:00' } },
    o,
    undefined,
    '2026-02-27T10:10:00+00:00',
  );
}

/**
 * B033 of the fixtures' smart meter ({@link SAMPLE}.meters.installed): SMETS2 single element
 * (`S2A`), under the stairs (`B`), 6 displayed digits, installed 2025-04-10.
 */
export function sampleB033(): Record<string, unknown> {
  return {
    meterID: SAMPLE.meters.installed.meterId,
    modifiedMeterID: null,
    meterType: 'S2A',
    manufacturersMakeAndType: 'Landis+Gyr E470 5424',
    ESMEGUID: SAMPLE.meters.installed.esmeGuid,
    meterLocation: 'B',
    numberOfDisplayedRegisterDigits: 6,
    meterInstallationDate: '2025-04-10T00:00:00+01:00',
  };
}

/** B906 of the fixtures: {@link sampleB033} with its meter asset provider from the installation date. */
export function sampleB906(): Record<string, unknown> {
  return {
    existingMeter: sampleB033(),
    historyMAP: [{ meterAssetProviderID: SAMPLE.meterAssetProviderId, meterAssetProviderEffectiveFromDate: '2025-04-10T00:00:00+01:00' }],
  };
}

/** `IF-005 [MeterInstall]` (official `IF-005-MeterInstall`): MSSA installs the smart meter on 2025-04-10, with an IHD (B030 `I`). */
export function meterInstallMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-005',
    '[MeterInstall]',
    '005',
    { B906: sampleB906(), B030: { IHDInstallStatus: 'I', IHDEffectiveFromDate: '2025-04-10T00:00:00+01:00' } },
    o,
    undefined,
    '2025-04-10T16:20:00+01:00',
  );
}

/** `IF-005 [MeterRemoval]` (official `IF-005-MeterRemoval`): MSSA removes the installed meter on 2025-09-01. */
export function meterRemovalMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-005',
    '[MeterRemoval]',
    '005',
    { B039: { meterIDRemoved: SAMPLE.meters.installed.meterId, meterRemovalDate: '2025-09-01T00:00:00+01:00' } },
    o,
    undefined,
    '2025-09-01T15:40:00+01:00',
  );
}

/** `IF-005 [MeterExchange]` (official `IF-005-MeterExchange`): on 2025-09-01 MSSA replaces the installed meter by another SMETS2 meter (no B030). */
export function meterExchangeMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-005',
    '[MeterExchange]',
    '005',
    {
      B906: {
        existingMeter: {
          ...sampleB033(),
          meterID: SAMPLE.meters.replacement.meterId,
          ESMEGUID: SAMPLE.meters.replacement.esmeGuid,
          meterInstallationDate: '2025-09-01T00:00:00+01:00',
        },
        historyMAP: [{ meterAssetProviderID: SAMPLE.meterAssetProviderId, meterAssetProviderEffectiveFromDate: '2025-09-01T00:00:00+01:00' }],
      },
      B039: { meterIDRemoved: SAMPLE.meters.installed.meterId, meterRemovalDate: '2025-09-01T00:00:00+01:00' },
    },
    o,
    undefined,
    '2025-09-01T15:40:00+01:00',
  );
}

/** `IF-005 [MeterUpdate]` (official `IF-005-MeterUpdate`, B906a): MSSA corrects the installed meter's location to `K` (no MAP history, no B039/B030). */
export function meterUpdateMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope('IF-005', '[MeterUpdate]', '005', { B906: { existingMeter: { ...sampleB033(), meterLocation: 'K' } } }, o, undefined, '2025-04-14T10:05:00+01:00');
}

/**
 * `IF-005 [MeterHistoryUpdate]` (official `IF-005-MeterHistoryUpdate`, B906a): after the exchange
 * MSSA corrects the removed meter's make and type, quoting its removal (B039).
 */
export function meterHistoryUpdateMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-005',
    '[MeterHistoryUpdate]',
    '005',
    {
      B906: {
        existingMeter: { ...sampleB033(), manufacturersMakeAndType: 'Landis+Gyr E470 5424 (variant 2)' },
        historyMAP: [{ meterAssetProviderID: SAMPLE.meterAssetProviderId, meterAssetProviderEffectiveFromDate: '2025-04-10T00:00:00+01:00' }],
      },
      B039: { meterIDRemoved: SAMPLE.meters.installed.meterId, meterRemovalDate: '2025-09-01T00:00:00+01:00' },
    },
    o,
    undefined,
    '2025-09-10T09:15:00+01:00',
  );
}

/** `IF-007 [EnergisationStatusChange]` (official `IF-007-EnergisationStatusChange`): MSSA energises (E) from 2025-04-10. */
export function energisationStatusChangeMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-007',
    '[EnergisationStatusChange]',
    '007',
    { B025: { energisationStatus: 'E', energisationStatusEffectiveFromDate: '2025-04-10T00:00:00+01:00' } },
    o,
    undefined,
    '2025-04-10T16:25:00+01:00',
  );
}

/**
 * `IF-007 [EnergisationStatusFailure]` (official `IF-007-EnergisationStatusFailure`): MSSA could
 * not energise on its first visit (reason `09`, site visit check `18`, as in the official
 * example), with a two-line note.
 */
export function energisationStatusFailureMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-007',
    '[EnergisationStatusFailure]',
    '007',
    {
      B040: {
        failureEnergiseDeEnergiseReasonCode: '09',
        siteVisitCheckCode: '18',
        natureofMaintenanceEnergisationStatus: 'No access to the meter position',
        additionalInformationSiteVisit: 'Customer not at home; calling card left.\nSecond visit booked for 2025-04-10.',
      },
    },
    o,
    undefined,
    '2025-04-08T15:00:00+01:00',
  );
}

/** `IF-025 [SSCandProfileClass]` (official `IF-025-SSCandProfileClass`): BRWE records profile class 01 and SSC 0393 from 2025-05-12 (no B013). */
export function sscAndProfileClassMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-025',
    '[SSCandProfileClass]',
    '025',
    {
      B032: {
        profileClass: '01',
        profileClassEffectiveFromDate: '2025-05-12T00:00:00+01:00',
        SSC: '0393',
        SSCEffectiveFromDate: '2025-05-12T00:00:00+01:00',
      },
    },
    o,
    undefined,
    '2025-05-14T11:00:00+01:00',
  );
}

/** `IF-025 [ConsentGranularity]` (official `IF-025-ConsentGranularity`): BRWE records daily consent (`D`) from 2025-05-12, quoting its CSS registration (B013). */
export function consentGranularityMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-025',
    '[ConsentGranularity]',
    '025',
    {
      B013: { CSSRegistrationID: SAMPLE.cssRegistrationIds.initial },
      B068: { consentGranularity: 'D', consentGranularityEffectiveFromDate: '2025-05-12T00:00:00+01:00' },
    },
    o,
    undefined,
    '2025-05-14T11:00:00+01:00',
  );
}

/** `IF-025 [IHDInfo]` (official `IF-025-IHDInfo`): BRWE records the customer declined the IHD (`D`) from 2025-05-12. */
export function ihdInfoMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-025',
    '[IHDInfo]',
    '025',
    { B030: { IHDInstallStatus: 'D', IHDEffectiveFromDate: '2025-05-12T00:00:00+01:00' } },
    o,
    undefined,
    '2025-05-14T11:00:00+01:00',
  );
}

/** `IF-025 [SMSO]` (official `IF-025-SMSO`): BRWE names SMSO `TRIL` (the official example) from 2025-05-12. */
export function smsoMessage(o: FixtureOptions = {}): DipMessageJson {
  return envelope(
    'IF-025',
    '[SMSO]',
    '025',
    { B031: { SMSOID: 'TRIL', SMSOEffectiveFromDate: '2025-05-12T00:00:00+01:00' } },
    o,
    undefined,
    '2025-05-14T11:00:00+01:00',
  );
}

/** One valid message builder per channel event: `VALID_MESSAGES['REGS-LDSO']['[MPANCreation]']()`. */
export const VALID_MESSAGES = {
  'REGS-LDSO': {
    '[MPANCreation]': mpanCreationMessage,
    '[AddressChg]': addressChgMessage,
    '[GSPChg]': gspChgMessage,
    '[DUOSTariffIDChg]': duosTariffIdChgMessage,
    '[EnergyDirection]': energyDirectionMessage,
    '[MarketSegmentChange]': marketSegmentChangeMessage,
    '[ConnectionTypeChange]': connectionTypeChangeMessage,
    '[DomPremInd]': domPremIndMessage,
    '[MPANDisconnection]': mpanDisconnectionMessage,
    '[MPANReconnection]': mpanReconnectionMessage,
  },
  'REGS-CSS': {
    '[InitialRegistration]': initialRegistrationMessage,
    '[ChangeOfSupplier]': changeOfSupplierMessage,
  },
  'IF-005': {
    '[MeterInstall]': meterInstallMessage,
    '[MeterRemoval]': meterRemovalMessage,
    '[MeterExchange]': meterExchangeMessage,
    '[MeterUpdate]': meterUpdateMessage,
    '[MeterHistoryUpdate]': meterHistoryUpdateMessage,
  },
  'IF-007': {
    '[EnergisationStatusChange]': energisationStatusChangeMessage,
    '[EnergisationStatusFailure]': energisationStatusFailureMessage,
  },
  'IF-025': {
    '[SSCandProfileClass]': sscAndProfileClassMessage,
    '[ConsentGranularity]': consentGranularityMessage,
    '[IHDInfo]': ihdInfoMessage,
    '[SMSO]': smsoMessage,
  },
  'IF-031': {
    '[MSApp]': msAppMessage,
    '[DSApp]': dsAppMessage,
  },
  'IF-034': {
    '[MSAppSPResponse]': msAppSpResponseMessage,
    '[DSAppSPResponse]': dsAppSpResponseMessage,
  },
} as const;

/**
 * A deep copy of `message` with the value at dotted `path` (e.g.
 * `payload.CustomBlock.B022.addressLine1`) set to `value`; intermediate objects are created.
 */
export function withValue<T>(message: T, path: string, value: unknown): T {
  const copy = clone(message);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return copy as T;
}

/** A deep copy of `message` without the property at dotted `path`. */
export function without<T>(message: T, path: string): T {
  const copy = clone(message);
  const keys = path.split('.');
  let node: Record<string, unknown> | undefined = copy;
  for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  if (node) delete node[keys[keys.length - 1]!];
  return copy as T;
}

/**
 * A deep copy of a REGS-CSS registration with the supply start `dateTime` (DT-003): it sets
 * `B002.supplierEffectiveFromDate` and, when the message carries B004, its
 * `domesticPremiseIndicatorEffectiveFromDate` too (a switching service dates B004 with the supply
 * start; LOC035). B003's end date is left to the caller.
 */
export function withSupplyStart<T extends DipMessageJson>(message: T, dateTime: string): T {
  const moved = withValue(message, 'payload.CustomBlock.B002.supplierEffectiveFromDate', dateTime);
  return message.payload.CustomBlock.B004 === undefined
    ? moved
    : withValue(moved, 'payload.CustomBlock.B004.domesticPremiseIndicatorEffectiveFromDate', dateTime);
}

/** JSON round trip: a deep copy made of this realm's plain objects (like a parsed request body). */
function clone(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

interface ParticipantsFile {
  version: string;
  distributors: Distributor[];
  participants: Participant[];
}

/**
 * The sample reference data (`reference-data/participants.json` at the repository root) as a
 * {@link ReferenceData}, for tests. Reads the file synchronously; no validation (the file is the
 * repository's own sample).
 */
export function sampleReferenceData(): ReferenceData {
  const file = JSON.parse(readFileSync(join(__dirname, '../../../../reference-data/participants.json'), 'utf8')) as ParticipantsFile;
  const participants = new Map(file.participants.map((p) => [p.dipId, p]));
  const distributors = new Map(file.distributors.map((d) => [d.distributorId, d]));
  return {
    version: file.version,
    participant: (dipId) => participants.get(dipId),
    distributor: (id) => distributors.get(id),
    holdsRole: (dipId: string, role: RoleCode, date: LocalDate) =>
      (participants.get(dipId)?.roles ?? []).some(
        (r) => r.role === role && r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo),
      ),
  };
}
