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
  /** DI-838 `supplierProposedConsentGranularity`: half-hourly, daily, monthly, none (and the placeholder `x`). */
  consentGranularity: ['H', 'D', 'M', 'N', 'x'],
  /** DI-126 `traditionalFallBackReadFrequency` (nullable): weekly, fortnightly, monthly, quarterly, six-monthly, annual (and `x`). */
  readFrequency: ['W', 'F', 'M', 'Q', 'S', 'A', 'x'],
} as const;

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

/** DT-013 environment tag. */
export type EnvironmentTag = (typeof WIRE_ENUMS.environmentTag)[number];
/** DI-037 GSP group id. */
export type WireGspGroupId = (typeof WIRE_ENUMS.gspGroupId)[number];
/** DI-130 RMP status. */
export type RmpStatus = (typeof WIRE_ENUMS.rmpStatus)[number];
/** DI-131 MP (trading) status. */
export type MpStatus = (typeof WIRE_ENUMS.mpStatus)[number];
