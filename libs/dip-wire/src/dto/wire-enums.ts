import { ConnectionType, EnergisationStatus, EnergyDirection, MarketSegment } from '@app/registration-domain';

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
} as const;

/** DT-013 environment tag. */
export type EnvironmentTag = (typeof WIRE_ENUMS.environmentTag)[number];
/** DI-037 GSP group id. */
export type WireGspGroupId = (typeof WIRE_ENUMS.gspGroupId)[number];
/** DI-130 RMP status. */
export type RmpStatus = (typeof WIRE_ENUMS.rmpStatus)[number];
/** DI-131 MP (trading) status. */
export type MpStatus = (typeof WIRE_ENUMS.mpStatus)[number];
