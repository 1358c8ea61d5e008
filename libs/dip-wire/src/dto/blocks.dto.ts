import { ConnectionType, EnergisationStatus, EnergyDirection, MarketSegment } from '@app/registration-domain';
import type { AppointmentScenario } from '@app/registration-domain/appointment/commands';
import {
  ConsentGranularity,
  FailureEnergiseDeEnergiseReasonCode,
  IhdInstallStatus,
  MeterLocation,
  MeterType,
  MpStatus,
  PROVIDER_RESPONSE_CODES,
  ProviderResponseCode,
  ReadFrequency,
  RECORDED_CONSENT_GRANULARITIES,
  RecordedConsentGranularity,
  RmpStatus,
  SiteVisitCheckCode,
  WIRE_ENUMS,
} from './wire-enums';
import {
  booleanCheck,
  dateTimeCheck,
  describeValue,
  dipIdCheck,
  enumCheck,
  integerCheck,
  mpidCheck,
  stringCheck,
  WireBlock,
  WireBlockList,
  WireCheck,
  WireField,
  WireLabel,
} from './wire-rules';

/**
 * DTOs of the custom-block data blocks used by the inbound channels, transcribed from the
 * official schemas (DIP OpenAPI document 2.2.1, `components.schemas.B0nn`): required lists,
 * nullability, lengths, patterns and enumerations as written there. Every date is a DT-003
 * date-time (an instant with offset); the settlement day is derived later (`settlementDayOf`).
 *
 * Deliberate differences:
 * - the official `B013` and `B025` lack `additionalProperties: false`; we refuse unknown
 *   properties in them too (one rule for every block, conventions §7);
 * - `B007.responseCode` (DI-979 lists `A`, `R`, `L`, `W`, `x`) only takes `A` or `R`: B007 reaches
 *   the registry only in a provider's IF-034 answer, and lapsing (`L`) or warning (`W`) is the
 *   registry's own outcome, never a provider's.
 * - free-text items (B022 postcode and address lines, meter ids, make and type, the B040 and B041
 *   descriptions) refuse control characters (C0 with NUL, DEL, C1) and bidirectional embeddings,
 *   overrides and isolates (U+202A–U+202E, U+2066–U+2069), which the official schemas (lengths
 *   only) allow; the 2,000-character "additional information" items may hold tabs and line breaks
 *   (`TextScreen` in wire-rules.ts; docs/adr/0003).
 * - `B068.consentGranularity` (DI-017 lists `H`, `D`, `M`, `N`, `x`) refuses the placeholder `x`:
 *   the registry records the supplier's granularity, and `x` is none (`N` says "no consent").
 * - `B025` and `B013` lack `additionalProperties: false` in the official document (so does the
 *   official `B013` everywhere); we refuse unknown properties in them too.
 */

const addressLine = stringCheck({ type: 'DT-001N address line', min: 0, max: 40, screen: 'single-line' });
/** DT-029 meter id: the official type has a maximum length (10) and no minimum. */
const meterId = stringCheck({ type: 'DT-029 meter id', min: 0, max: 10, screen: 'single-line' });

/** `B001` GSP group effective-from: when the GSP group (`M0.GSPGroupID`) holds from. */
@WireLabel('B001 (GSP Effective From)')
export class B001Dto {
  @WireField('required', dateTimeCheck)
  GSPGroupEffectiveFromDate!: string;
}

/** `B002` incoming supplier: DIP id, MPID and supply start (`supplierEffectiveFromDate`). */
@WireLabel('B002 (Incoming Supplier Information)')
export class B002Dto {
  @WireField('required', dipIdCheck)
  incomingSupplierDIPID!: string;

  @WireField('required', mpidCheck)
  incomingSupplierMPID!: string;

  @WireField('required', dateTimeCheck)
  supplierEffectiveFromDate!: string;
}

/** `B003` outgoing supplier: DIP id, MPID and end of supply (`supplierEffectiveToDate`). */
@WireLabel('B003 (Outgoing Supplier Information)')
export class B003Dto {
  @WireField('required', dipIdCheck)
  outgoingSupplierDIPID!: string;

  @WireField('required', mpidCheck)
  outgoingSupplierMPID!: string;

  @WireField('required', dateTimeCheck)
  supplierEffectiveToDate!: string;
}

/**
 * `B004` the domestic premise indicator (DI-030, a boolean) with its effective-from date, as the
 * official IF-001 carries it ("MPAN CSS Dom Indicator": the indicator the supplier stated to the
 * switching service). Both keys required; same items as B028.
 */
@WireLabel('B004 (MPAN CSS Dom Indicator)')
export class B004Dto {
  @WireField('required', booleanCheck('DI-030 domestic premise indicator'))
  domesticPremiseIndicator!: boolean;

  @WireField('required', dateTimeCheck)
  domesticPremiseIndicatorEffectiveFromDate!: string;
}

/** `B013` CSS registration id (DI-849, at most 36 characters). */
@WireLabel('B013 (CSS Registration Request Id)')
export class B013Dto {
  @WireField('required', stringCheck({ type: 'DI-849 CSS registration id', min: 0, max: 36 }))
  CSSRegistrationID!: string;
}

/**
 * `B022` metering point address: postcode (DT-007N, 1–10 characters) and nine lines (DT-001N,
 * 0–40 characters). All ten keys are required and all are nullable in the official schema — a
 * `null` postcode passes here; the domain requires a postcode. Postcode and lines refuse control
 * and bidirectional formatting characters (a deliberate tightening, see above).
 */
@WireLabel('B022 (MPAN Address)')
export class B022Dto {
  @WireField('nullable', stringCheck({ type: 'DT-007N UK postcode', min: 1, max: 10, screen: 'single-line' }))
  meteringPointPostcode!: string | null;

  @WireField('nullable', addressLine)
  addressLine1!: string | null;

  @WireField('nullable', addressLine)
  addressLine2!: string | null;

  @WireField('nullable', addressLine)
  addressLine3!: string | null;

  @WireField('nullable', addressLine)
  addressLine4!: string | null;

  @WireField('nullable', addressLine)
  addressLine5!: string | null;

  @WireField('nullable', addressLine)
  addressLine6!: string | null;

  @WireField('nullable', addressLine)
  addressLine7!: string | null;

  @WireField('nullable', addressLine)
  addressLine8!: string | null;

  @WireField('nullable', addressLine)
  addressLine9!: string | null;
}

/** `B023` connection: connection type with its effective-from date, energy direction, metered. */
@WireLabel('B023 (MPAN Connection Info)')
export class B023Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.connectionType, 'DI-015 connection type indicator'))
  connectionTypeIndicator!: ConnectionType;

  @WireField('required', dateTimeCheck)
  connectionTypeEffectiveFromDate!: string;

  @WireField('required', enumCheck(WIRE_ENUMS.energyDirection, 'DI-035 energy direction'))
  energyDirection!: EnergyDirection;

  @WireField('required', booleanCheck('DI-127 metered indicator'))
  meteredIndicator!: boolean;
}

/** `B024` DUoS tariff id (DI-128, 1–3 characters) with its effective-from date. */
@WireLabel('B024 (MPAN DUOS Tariff ID)')
export class B024Dto {
  @WireField('required', stringCheck({ type: 'DI-128 DUoS tariff id', min: 1, max: 3 }))
  DUOSTariffID!: string;

  @WireField('required', dateTimeCheck)
  DUOSTariffIDEffectiveFromDate!: string;
}

/** `B025` energisation status (DI-033 `D`/`E`/`U`) with its effective-from date. */
@WireLabel('B025 (MPAN Energisation Info)')
export class B025Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.energisationStatus, 'DI-033 energisation status'))
  energisationStatus!: EnergisationStatus;

  @WireField('required', dateTimeCheck)
  energisationStatusEffectiveFromDate!: string;
}

/** `B026` market segment (DI-050 `U`/`S`/`A`) with its effective-from date. */
@WireLabel('B026 (MPAN Segment Info)')
export class B026Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.marketSegment, 'DI-050 market segment indicator'))
  marketSegmentIndicator!: MarketSegment;

  @WireField('required', dateTimeCheck)
  marketSegmentIndicatorEffectiveFromDate!: string;
}

/** `B079` registration statuses: RMP status (DI-130) and MP/trading status (DI-131), each dated. */
@WireLabel('B079 (Meter Point Registration Statuses)')
export class B079Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.rmpStatus, 'DI-130 RMP status'))
  RMPStatus!: RmpStatus;

  @WireField('required', dateTimeCheck)
  RMPStatusEffectiveFromDate!: string;

  @WireField('required', enumCheck(WIRE_ENUMS.mpStatus, 'DI-131 MP status'))
  MPStatus!: MpStatus;

  @WireField('required', dateTimeCheck)
  MPStatusEffectiveFromDate!: string;
}

const appointmentScenarioCheck = enumCheck(WIRE_ENUMS.appointmentScenario, 'DI-800 appointment scenario');

/** DI-979 in a provider's answer: `A` or `R` only, with a message that says why `L`/`W` are refused. */
const providerResponseCodeCheck: WireCheck = (value) => {
  if (typeof value === 'string' && (PROVIDER_RESPONSE_CODES as readonly string[]).includes(value)) return null;
  const base = `must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got ${describeValue(value)}`;
  if (value === 'L' || value === 'W') {
    return `${base}: ${value === 'L' ? 'L (lapsed)' : 'W (warning)'} is an outcome the registry issues, not a provider's answer`;
  }
  return base;
};

/**
 * `B007` the provider's answer to a proposed appointment: `responseCode` (`A`/`R`, see the note
 * above) and `proposedAppointmentResponseCode` (DI-143, free text of 1–200 characters, nullable,
 * e.g. `SP000 - Proposed Appointment ACCEPTED`; the official document gives no enumeration).
 */
@WireLabel('B007 (New SP Outcome)')
export class B007Dto {
  @WireField('required', providerResponseCodeCheck)
  responseCode!: ProviderResponseCode;

  @WireField('nullable', stringCheck({ type: 'DI-143 proposed appointment response code', min: 1, max: 200 }))
  proposedAppointmentResponseCode!: string | null;
}

/** `B012` the supplier that asked for the appointment being answered: DIP id and MPID. */
@WireLabel('B012 (Service Provider Appointment Requesting Supplier)')
export class B012Dto {
  @WireField('required', dipIdCheck)
  serviceProviderAppointmentRequestingSupplierDIPID!: string;

  @WireField('required', mpidCheck)
  serviceProviderAppointmentRequestingSupplierMPID!: string;
}

/** `B018` the meter data retriever an SDS nominates, with the requested effective-from date. */
@WireLabel('B018 (SDS Nominated MDR)')
export class B018Dto {
  @WireField('required', dipIdCheck)
  SDSNominatedMDRDIPID!: string;

  @WireField('required', mpidCheck)
  SDSNominatedMDRMPID!: string;

  @WireField('required', dateTimeCheck)
  SDSNominatedMDRRequestedEffectiveFromDate!: string;
}

/**
 * `B070` proposed metering service: DIP id, MPID, effective-from date, contract reference (DI-019,
 * 1–50 characters, nullable) and appointment scenario (DI-800). All five keys required.
 */
@WireLabel('B070 (Proposed MeteringService)')
export class B070Dto {
  @WireField('required', dipIdCheck)
  proposedMeteringServiceDIPID!: string;

  @WireField('required', mpidCheck)
  proposedMeteringServiceMPID!: string;

  @WireField('required', dateTimeCheck)
  proposedMeteringServiceDIPEffectiveFromDate!: string;

  @WireField('nullable', stringCheck({ type: 'DI-019 metering service contract reference', min: 1, max: 50 }))
  contractReferenceMeteringService!: string | null;

  @WireField('required', appointmentScenarioCheck)
  appointmentScenario!: AppointmentScenario;
}

/**
 * `B071` proposed data service: DIP id, MPID, effective-from date, contract reference (DI-020,
 * nullable), appointment scenario, the supplier-nominated MDR (DIP id, MPID, date: all nullable),
 * proposed consent granularity (DI-838), proposed domestic indicator (DI-837) and the traditional /
 * fall-back read frequency (DI-126, nullable). All eleven keys required.
 */
@WireLabel('B071 (Proposed Data Service)')
export class B071Dto {
  @WireField('required', dipIdCheck)
  proposedDataServiceDIPID!: string;

  @WireField('required', mpidCheck)
  proposedDataServiceMPID!: string;

  @WireField('required', dateTimeCheck)
  proposedDataServiceDIPEffectiveFromDate!: string;

  @WireField('nullable', stringCheck({ type: 'DI-020 data service contract reference', min: 1, max: 50 }))
  contractReferenceDataService!: string | null;

  @WireField('required', appointmentScenarioCheck)
  appointmentScenario!: AppointmentScenario;

  @WireField('nullable', dipIdCheck)
  supplierNominatedMDRDIPID!: string | null;

  @WireField('nullable', mpidCheck)
  supplierNominatedMDRMPID!: string | null;

  @WireField('nullable', dateTimeCheck)
  supplierNominatedMDREffectiveFromDate!: string | null;

  @WireField('required', enumCheck(WIRE_ENUMS.consentGranularity, 'DI-838 supplier proposed consent granularity'))
  supplierProposedConsentGranularity!: ConsentGranularity;

  @WireField('required', booleanCheck('DI-837 supplier proposed domestic indicator'))
  supplierProposedDomesticIndicator!: boolean;

  @WireField('nullable', enumCheck(WIRE_ENUMS.readFrequency, 'DI-126 traditional / fall-back read frequency'))
  traditionalFallBackReadFrequency!: ReadFrequency | null;
}

/** `B028` domestic premise indicator (DI-030, a boolean) with its effective-from date. */
@WireLabel('B028 (Domestic Premise Indicator)')
export class B028Dto {
  @WireField('required', booleanCheck('DI-030 domestic premise indicator'))
  domesticPremiseIndicator!: boolean;

  @WireField('required', dateTimeCheck)
  domesticPremiseIndicatorEffectiveFromDate!: string;
}

/** `B030` in-home display: install status (DI-137 `I`/`D`/`E`/`F`, nullable) with its effective-from date. */
@WireLabel('B030 (IHD Info)')
export class B030Dto {
  @WireField('nullable', enumCheck(WIRE_ENUMS.ihdInstallStatus, 'DI-137 IHD install status'))
  IHDInstallStatus!: IhdInstallStatus | null;

  @WireField('required', dateTimeCheck)
  IHDEffectiveFromDate!: string;
}

/** `B031` smart meter system operator: SMSO id (DI-134, 1–4 characters, nullable) with its effective-from date. */
@WireLabel('B031 (SMSO)')
export class B031Dto {
  @WireField('nullable', stringCheck({ type: 'DI-134 SMSO id', min: 1, max: 4 }))
  SMSOID!: string | null;

  @WireField('required', dateTimeCheck)
  SMSOEffectiveFromDate!: string;
}

/**
 * `B032` legacy profile class (DI-122, 1–2 digits) and standard settlement configuration (DI-123,
 * 4 digits), each with its effective-from date (DT-003N). All four keys required, all nullable.
 */
@WireLabel('B032 (Legacy Profile Class and SSC)')
export class B032Dto {
  @WireField('nullable', stringCheck({ type: 'DI-122 profile class', min: 1, max: 2, pattern: /^\d{1,2}$/, patternText: '^\\d{1,2}$' }))
  profileClass!: string | null;

  @WireField('nullable', dateTimeCheck)
  profileClassEffectiveFromDate!: string | null;

  @WireField('nullable', stringCheck({ type: 'DI-123 standard settlement configuration', min: 4, max: 4, pattern: /^\d{4,4}$/, patternText: '^\\d{4,4}$' }))
  SSC!: string | null;

  @WireField('nullable', dateTimeCheck)
  SSCEffectiveFromDate!: string | null;
}

/**
 * `B033` a meter (`existingMeter` of B906): meter id (DT-029, at most 10 characters), the corrected
 * id of a `[MeterUpdate]` (DT-029N, nullable), meter type (DI-059), make and type (DI-048,
 * nullable), ESME GUID (DI-085, nullable: smart meters only), location (DI-090), displayed register
 * digits (DI-091, an integer 0–9, nullable) and installation date. All eight keys required.
 */
@WireLabel('B033 (Meter Details)')
export class B033Dto {
  @WireField('required', meterId)
  meterID!: string;

  @WireField('nullable', stringCheck({ type: 'DT-029N meter id', min: 1, max: 10, screen: 'single-line' }))
  modifiedMeterID!: string | null;

  @WireField('required', enumCheck(WIRE_ENUMS.meterType, 'DI-059 meter type'))
  meterType!: MeterType;

  @WireField('nullable', stringCheck({ type: 'DI-048 manufacturers make and type', min: 1, max: 60, screen: 'single-line' }))
  manufacturersMakeAndType!: string | null;

  @WireField('nullable', stringCheck({ type: 'DI-085 ESME GUID', min: 1, max: 23, screen: 'single-line' }))
  ESMEGUID!: string | null;

  @WireField('required', enumCheck(WIRE_ENUMS.meterLocation, 'DI-090 meter location'))
  meterLocation!: MeterLocation;

  @WireField('nullable', integerCheck(0, 9, 'DI-091 number of displayed register digits'))
  numberOfDisplayedRegisterDigits!: number | null;

  @WireField('required', dateTimeCheck)
  meterInstallationDate!: string;
}

/** `B034` meter asset provider: MAP id (DI-055, exactly 4 characters) with its effective-from date. */
@WireLabel('B034 (Meter Asset Provider)')
export class B034Dto {
  @WireField('required', stringCheck({ type: 'DI-055 meter asset provider id', min: 4, max: 4 }))
  meterAssetProviderID!: string;

  @WireField('required', dateTimeCheck)
  meterAssetProviderEffectiveFromDate!: string;
}

/**
 * `B906` a meter group, as `[MeterInstall]` and `[MeterExchange]` carry it: the meter (`existingMeter`,
 * B033) and its meter asset providers over time (`historyMAP`, at least one B034). Both required.
 */
@WireLabel('B906 (Meter Group)')
export class B906Dto {
  @WireBlock('required', () => B033Dto, 'block B033')
  existingMeter!: B033Dto;

  @WireBlockList('required', () => B034Dto, 'B034', 1)
  historyMAP!: B034Dto[];
}

/**
 * `B906a` the meter group of `[MeterUpdate]` and `[MeterHistoryUpdate]` (sent under the key `B906`):
 * as B906, but `historyMAP` is optional (when sent, at least one B034; never `null`).
 */
@WireLabel('B906 (Meter Group for updates, official B906a)')
export class B906aDto {
  @WireBlock('required', () => B033Dto, 'block B033')
  existingMeter!: B033Dto;

  @WireBlockList('optional', () => B034Dto, 'B034', 1)
  historyMAP?: B034Dto[];
}

/** `B039` removed meter: its id (DT-029) and removal date (DT-003N: nullable). Both keys required. */
@WireLabel('B039 (Removed Meter)')
export class B039Dto {
  @WireField('required', meterId)
  meterIDRemoved!: string;

  @WireField('nullable', dateTimeCheck)
  meterRemovalDate!: string | null;
}

/**
 * `B040` why an energisation or de-energisation was not carried out: reason (DI-097), site visit
 * check code (DI-096, nullable), nature of maintenance (DI-092, 1–200 characters, nullable) and
 * additional information (DI-093, 1–2,000 characters, nullable). All four keys required.
 */
@WireLabel('B040 (Energisation Failure)')
export class B040Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.failureEnergiseDeEnergiseReasonCode, 'DI-097 failure energise / de-energise reason code'))
  failureEnergiseDeEnergiseReasonCode!: FailureEnergiseDeEnergiseReasonCode;

  @WireField('nullable', enumCheck(WIRE_ENUMS.siteVisitCheckCode, 'DI-096 site visit check code'))
  siteVisitCheckCode!: SiteVisitCheckCode | null;

  @WireField('nullable', stringCheck({ type: 'DI-092 nature of maintenance (energisation status)', min: 1, max: 200, screen: 'single-line' }))
  natureofMaintenanceEnergisationStatus!: string | null;

  @WireField('nullable', stringCheck({ type: 'DI-093 additional information (site visit)', min: 1, max: 2000, screen: 'multi-line' }))
  additionalInformationSiteVisit!: string | null;
}

/** `B041` disconnection: effective-from date and additional information (DI-120, 1–2,000 characters, nullable). */
@WireLabel('B041 (MPAN Disconnection)')
export class B041Dto {
  @WireField('required', dateTimeCheck)
  disconnectionEffectiveFromDate!: string;

  @WireField('nullable', stringCheck({ type: 'DI-120 additional information', min: 1, max: 2000, screen: 'multi-line' }))
  additionalInformation!: string | null;
}

/** DI-017 in B068: `H`, `D`, `M` or `N`, with a message that says why the placeholder `x` is refused. */
const recordedConsentGranularityCheck: WireCheck = (value) => {
  if (typeof value === 'string' && (RECORDED_CONSENT_GRANULARITIES as readonly string[]).includes(value)) return null;
  const base = `must be one of ${RECORDED_CONSENT_GRANULARITIES.join(', ')} (DI-017 consent granularity), got ${describeValue(value)}`;
  return value === 'x' ? `${base}: x is the official enumeration's placeholder, not a granularity (N means no consent)` : base;
};

/** `B068` consent granularity (DI-017 `H`/`D`/`M`/`N`; the placeholder `x` is refused, see above) with its effective-from date. */
@WireLabel('B068 (Consent Granularity)')
export class B068Dto {
  @WireField('required', recordedConsentGranularityCheck)
  consentGranularity!: RecordedConsentGranularity;

  @WireField('required', dateTimeCheck)
  consentGranularityEffectiveFromDate!: string;
}

/** `B098` reconnection: effective-from date. */
@WireLabel('B098 (MPAN Reconnection)')
export class B098Dto {
  @WireField('required', dateTimeCheck)
  reconnectionEffectiveFromDate!: string;
}
