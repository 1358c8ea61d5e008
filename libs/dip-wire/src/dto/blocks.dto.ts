import { ConnectionType, EnergisationStatus, EnergyDirection, MarketSegment } from '@app/registration-domain';
import type { AppointmentScenario } from '@app/registration-domain/appointment/commands';
import {
  ConsentGranularity,
  MpStatus,
  PROVIDER_RESPONSE_CODES,
  ProviderResponseCode,
  ReadFrequency,
  RmpStatus,
  WIRE_ENUMS,
} from './wire-enums';
import {
  booleanCheck,
  dateTimeCheck,
  describeValue,
  dipIdCheck,
  enumCheck,
  mpidCheck,
  stringCheck,
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
 */

const addressLine = stringCheck({ type: 'DT-001N address line', min: 0, max: 40 });

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

/** `B013` CSS registration id (DI-849, at most 36 characters). */
@WireLabel('B013 (CSS Registration Request Id)')
export class B013Dto {
  @WireField('required', stringCheck({ type: 'DI-849 CSS registration id', min: 0, max: 36 }))
  CSSRegistrationID!: string;
}

/**
 * `B022` metering point address: postcode (DT-007N, 1–10 characters) and nine lines (DT-001N,
 * 0–40 characters). All ten keys are required and all are nullable in the official schema — a
 * `null` postcode passes here; the domain requires a postcode.
 */
@WireLabel('B022 (MPAN Address)')
export class B022Dto {
  @WireField('nullable', stringCheck({ type: 'DT-007N UK postcode', min: 1, max: 10 }))
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
