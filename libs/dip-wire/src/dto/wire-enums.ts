import { ConnectionType, EnergisationStatus, EnergyDirection, MarketSegment } from '@app/registration-domain';
import type { AppointmentScenario } from '@app/registration-domain/appointment/commands';

/**
 * Enumerations of the DIP data items and data types used by the inbound channels, transcribed
 * from the official DIP OpenAPI document 2.2.1 (`components.schemas`). Order as in the document.
 */
export const WIRE_ENUMS = {
  /** DT-013 `environmentTag`. */
  environmentTag: ['PRD', 'SITB', 'SIT', 'UIT', 'DEV'],
  /** DI-037 `GSPGroupID`: `_A`…`_P` without `_I` and `_O`. */
  gspGroupId: ['_A', '_B', '_C', '_D', '_E', '_F', '_G', '_H', '_J', '_K', '_L', '_M', '_N', '_P'],
  /** DI-015 `connectionTypeIndicator`: whole current, LV/HV/EHV with CT, unmetered. */
  connectionType: ['W', 'L', 'H', 'E', 'U'] satisfies readonly ConnectionType[],
  /** DI-035 `energyDirection`: import, export. */
  energyDirection: ['I', 'E'] satisfies readonly EnergyDirection[],
  /** DI-050 `marketSegmentIndicator`: unmetered, smart, advanced. */
  marketSegment: ['U', 'S', 'A'] satisfies readonly MarketSegment[],
  /** DI-033 `energisationStatus`: de-energised, energised, unknown. */
  energisationStatus: ['D', 'E', 'U'] satisfies readonly EnergisationStatus[],
  /** DI-130 `RMPStatus`: operational, created, terminated. */
  rmpStatus: ['O', 'C', 'T'],
  /** DI-131 `MPStatus` (trading status): new, registered, traded, disconnected. */
  mpStatus: ['N', 'R', 'T', 'X'],
  /**
   * DI-979 `responseCode` as the official enumeration lists it (accepted, rejected, lapsed,
   * warning, and a placeholder `x`). A provider's IF-034 answer may only be `A` or `R`
   * ({@link PROVIDER_RESPONSE_CODES}).
   */
  responseCode: ['A', 'R', 'L', 'W', 'x'],
  /** DI-800 `appointmentScenario`: change of supplier / of provider, update, segment change, migration, alignment. */
  appointmentScenario: ['COS', 'CSP', 'USP', 'SEG', 'MCA', 'MCS', 'ALG'] satisfies readonly AppointmentScenario[],
  /**
   * DI-838 `supplierProposedConsentGranularity` and DI-017 `consentGranularity` (the same
   * enumeration): half-hourly, daily, monthly, none (and the placeholder `x`).
   */
  consentGranularity: ['H', 'D', 'M', 'N', 'x'],
  /** DI-126 `traditionalFallBackReadFrequency` (nullable): weekly, fortnightly, monthly, quarterly, six-monthly, annual (and `x`). */
  readFrequency: ['W', 'F', 'M', 'Q', 'S', 'A', 'x'],
  /** DI-059 `meterType`: the meter's capabilities (AMR, SMETS1 `S1`, SMETS2 `S2A`…, traditional `N`, `H` …). */
  meterType: [
    'CHECK', 'H', 'K', 'LAG_', 'LEAD_', 'MAIN_', 'N', 'NCAMR', 'NSS', 'RCAMR', 'RCAMY', 'S', 'S1', 'S2A', 'S2AD', 'S2ADE', 'S2B',
    'S2BD', 'S2BDE', 'S2C', 'S2CD', 'S2CDE', 'SPECL', 'T', '2ADF', '2ADEF', '2AEF', '2AF', '2BF', '2BDF', '2BDEF', '2BEF', '2CDEF',
    '2CF', '2CDF', '2CEF',
  ],
  /** DI-090 `meterLocation`: one letter, `A`…`Z` without `Q`. */
  meterLocation: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'],
  /** DI-137 `IHDInstallStatus` (nullable): the supplier's in-home display status. */
  ihdInstallStatus: ['I', 'D', 'E', 'F'],
  /** DI-097 `failureEnergiseDeEnergiseReasonCode`: why an energisation or de-energisation was not carried out. */
  failureEnergiseDeEnergiseReasonCode: ['01', '02', '03', '05', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19'],
  /** DI-096 `siteVisitCheckCode` (nullable): checks made on site, or why readings were not obtained. */
  siteVisitCheckCode: [
    '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23',
    '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43', '44', '50',
    '51', '52', '53', '54', '55', '56', '57', '58', '88', '89',
  ],
} as const;

/**
 * The DI-017 consent granularities the registry records from IF-025 `[ConsentGranularity]` (B068):
 * `H`, `D`, `M`, `N`. The official enumeration's placeholder `x` is not a granularity; the wire
 * refuses it there.
 */
export const RECORDED_CONSENT_GRANULARITIES = ['H', 'D', 'M', 'N'] as const;
/** A DI-017 consent granularity the registry records (no placeholder `x`). */
export type RecordedConsentGranularity = (typeof RECORDED_CONSENT_GRANULARITIES)[number];

/**
 * The DI-979 codes a service provider may answer with in IF-034 B007: `A` accepts the proposed
 * appointment, `R` rejects it. `L` (lapsed) and `W` (warning) are outcomes the registry issues,
 * never a provider's answer; the wire refuses them (and `x`).
 */
export const PROVIDER_RESPONSE_CODES = ['A', 'R'] as const;
/** A provider's IF-034 answer (DI-979 `A` or `R`). */
export type ProviderResponseCode = (typeof PROVIDER_RESPONSE_CODES)[number];
/** DI-838 supplier proposed consent granularity. */
export type ConsentGranularity = (typeof WIRE_ENUMS.consentGranularity)[number];
/** DI-126 traditional / fall-back read frequency. */
export type ReadFrequency = (typeof WIRE_ENUMS.readFrequency)[number];
/** DI-059 meter type. */
export type MeterType = (typeof WIRE_ENUMS.meterType)[number];
/** DI-090 meter location. */
export type MeterLocation = (typeof WIRE_ENUMS.meterLocation)[number];
/** DI-137 IHD install status. */
export type IhdInstallStatus = (typeof WIRE_ENUMS.ihdInstallStatus)[number];
/** DI-097 failure to energise / de-energise reason code. */
export type FailureEnergiseDeEnergiseReasonCode = (typeof WIRE_ENUMS.failureEnergiseDeEnergiseReasonCode)[number];
/** DI-096 site visit check code. */
export type SiteVisitCheckCode = (typeof WIRE_ENUMS.siteVisitCheckCode)[number];

/** DT-013 environment tag. */
export type EnvironmentTag = (typeof WIRE_ENUMS.environmentTag)[number];
/** DI-037 GSP group id. */
export type WireGspGroupId = (typeof WIRE_ENUMS.gspGroupId)[number];
/** DI-130 RMP status. */
export type RmpStatus = (typeof WIRE_ENUMS.rmpStatus)[number];
/** DI-131 MP (trading) status. */
export type MpStatus = (typeof WIRE_ENUMS.mpStatus)[number];
