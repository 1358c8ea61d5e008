import { MpanCore } from '../mpan/mpan-core';
import { CommandContext } from '../registration/commands';
import { LocalDate } from '../shared/local-date';

/**
 * Commands of the meter technical details process (IF-005 from the metering service → IF-006).
 *
 * **One command, `RecordMeterTechnicalDetails`, with `data` discriminated by `kind`** (the IF-005
 * event code without brackets). Each variant carries exactly the blocks its official schema
 * (`IF-005-<kind>`, schema 011) allows, so a block/event mismatch the schema already refuses
 * (B039 on `[MeterInstall]`, B906 on `[MeterRemoval]`) cannot be expressed; the one the schema
 * lets through — B039 on `[MeterUpdate]` — is a domain rule (REG0001).
 *
 * Built at the edge from a validated DIP message: every DT-003 date-time is converted to the UK
 * settlement day it denotes ({@link LocalDate}); the MPAN core is parsed.
 *
 * **Event date** (the date the sender must be the appointed metering service on, REG1002/REG1012;
 * see `meterEventDateOf`):
 * - `MeterInstall`: `meter.details.meterInstallationDate`;
 * - `MeterRemoval`: `removedMeter.meterRemovalDate` (when null, REG1028, the receipt day);
 * - `MeterExchange`: the exchange date = `removedMeter.meterRemovalDate` (must equal the new
 *   meter's installation date, REG1008/LOC030; the installation date when the removal date is null);
 * - `MeterUpdate` / `MeterHistoryUpdate`: `receivedOn` (corrections are made by the metering
 *   service appointed when they are sent).
 */

/**
 * Meter types (DI-059 `meterType`, the official enumeration of schema 011). `S1` is SMETS1, `S2…`
 * and `2…F` are SMETS2 variants: together the {@link SMART_METER_TYPES}.
 */
export const METER_TYPES = [
  'CHECK', 'H', 'K', 'LAG_', 'LEAD_', 'MAIN_', 'N', 'NCAMR', 'NSS', 'RCAMR', 'RCAMY', 'S', 'S1',
  'S2A', 'S2AD', 'S2ADE', 'S2B', 'S2BD', 'S2BDE', 'S2C', 'S2CD', 'S2CDE', 'SPECL', 'T',
  '2ADF', '2ADEF', '2AEF', '2AF', '2BF', '2BDF', '2BDEF', '2BEF', '2CDEF', '2CF', '2CDF', '2CEF',
] as const;
export type MeterType = (typeof METER_TYPES)[number];

/**
 * The smart meter types: DCC-enrolled SMETS1 (`S1`) and SMETS2 (`S2A`…`S2CDE`, `2ADF`…`2CEF`).
 * A smart meter has an ESME GUID and a number of displayed register digits (REG1046–REG1048);
 * every other type (AMR `RCAMR`/`RCAMY`/`NCAMR`, `NSS` non-SMETS "smart", traditional `N`, `H`,
 * `K`, `T`, `S`, CT `MAIN_`/`CHECK`/`LAG_`/`LEAD_`, `SPECL`) has no ESME GUID.
 */
export const SMART_METER_TYPES: readonly MeterType[] = METER_TYPES.filter((t) => t === 'S1' || t.startsWith('S2') || t.startsWith('2'));

/** True when `meterType` is one of the {@link SMART_METER_TYPES}. */
export function isSmartMeterType(meterType: string): boolean {
  return (SMART_METER_TYPES as readonly string[]).includes(meterType);
}

/** Meter location (DI-090): one letter A–Z except Q. */
export type MeterLocation = string;

/** B033: the technical details of one meter. */
export interface MeterTechnicalDetails {
  /** `meterID` (DT-029, ≤ 10 characters): the meter the message is about. */
  meterId: string;
  /** `modifiedMeterID`: the corrected id on `[MeterUpdate]`/`[MeterHistoryUpdate]`; `null` otherwise (REG1029). */
  modifiedMeterId: string | null;
  meterType: MeterType;
  /** `manufacturersMakeAndType` (≤ 60 characters), or `null`. */
  manufacturersMakeAndType: string | null;
  /** `ESMEGUID` (≤ 23 characters): required for a smart meter type, `null` otherwise (REG1046/REG1047). */
  esmeGuid: string | null;
  meterLocation: MeterLocation;
  /** `numberOfDisplayedRegisterDigits`: required for a smart meter type (REG1048). */
  numberOfDisplayedRegisterDigits: number | null;
  /** `meterInstallationDate` as a settlement day. */
  meterInstallationDate: LocalDate;
}

/** B034: a meter asset provider (MPID, 4 characters) from a date. */
export interface MeterAssetProviderPeriod {
  meterAssetProviderId: string;
  effectiveFromDate: LocalDate;
}

/** B906 / B906a: a meter (B033) and its meter asset provider history (B034 list; ≥ 1 in B906). */
export interface MeterBlock {
  details: MeterTechnicalDetails;
  /** Oldest first as sent; may be empty only where the schema allows it (B906a: update events). */
  mapHistory: MeterAssetProviderPeriod[];
}

/** B039: the meter removed and when (`meterRemovalDate` is nullable on the wire; null is REG1028). */
export interface RemovedMeter {
  meterId: string;
  meterRemovalDate: LocalDate | null;
}

/** IHD install status (DI-137): `I` installed, `D` declined, `E` existing, `F` failed. */
export type IhdInstallStatus = 'I' | 'D' | 'E' | 'F';

/** B030: in-home display status from a date (`null` status: none recorded). */
export interface IhdInfo {
  ihdInstallStatus: IhdInstallStatus | null;
  effectiveFromDate: LocalDate;
}

/** The IF-005 event codes (`S0.eventCode` without brackets). */
export type MeterEventKind = 'MeterInstall' | 'MeterRemoval' | 'MeterExchange' | 'MeterUpdate' | 'MeterHistoryUpdate';

/** The blocks of each IF-005 event, as its official schema allows them. */
export type MeterTechnicalDetailsData =
  /** `[MeterInstall]`: B906 (meter + MAP history ≥ 1), optional B030. */
  | { kind: 'MeterInstall'; meter: MeterBlock; ihd: IhdInfo | null; receivedOn: LocalDate }
  /** `[MeterRemoval]`: B039. */
  | { kind: 'MeterRemoval'; removedMeter: RemovedMeter; receivedOn: LocalDate }
  /** `[MeterExchange]`: B906 (the new meter), B039 (the old one), optional B030; one date for both. */
  | { kind: 'MeterExchange'; meter: MeterBlock; removedMeter: RemovedMeter; ihd: IhdInfo | null; receivedOn: LocalDate }
  /** `[MeterUpdate]`: B906a (an installed meter; `modifiedMeterId` renames it), optional B039 (REG0001), optional B030. */
  | { kind: 'MeterUpdate'; meter: MeterBlock; removedMeter: RemovedMeter | null; ihd: IhdInfo | null; receivedOn: LocalDate }
  /** `[MeterHistoryUpdate]`: B906a (a removed meter), optional B039 (its corrected removal date). */
  | { kind: 'MeterHistoryUpdate'; meter: MeterBlock; removedMeter: RemovedMeter | null; receivedOn: LocalDate };

/**
 * IF-005 from the metering service (MSS, MSA or UMSO): install, remove, exchange or correct a meter.
 * `receivedOn` is the UK settlement day the registry received the message.
 */
export interface RecordMeterTechnicalDetails {
  type: 'RecordMeterTechnicalDetails';
  mpanCore: MpanCore;
  context: CommandContext;
  data: MeterTechnicalDetailsData;
}

export type MeteringCommand = RecordMeterTechnicalDetails;
