import { IhdInstallStatus } from '../metering/commands';
import { MpanCore } from '../mpan/mpan-core';
import { CommandContext } from '../registration/commands';
import { LocalDate } from '../shared/local-date';

/**
 * Supplier-maintained data (IF-025 from the current supplier → IF-026), built at the edge from a
 * validated DIP message. Every command carries `receivedOn`, the UK settlement day the registry
 * received it (REG1024: at most 5 days retrospective), and `cssRegistrationId` (optional B013).
 */

/** Consent granularity (DI-017): `H` half-hourly, `D` daily, `M` monthly reads only, `N` none. */
export type ConsentGranularity = 'H' | 'D' | 'M' | 'N';
export const CONSENT_GRANULARITIES: readonly ConsentGranularity[] = ['H', 'D', 'M', 'N'];

interface SupplierDataCommon {
  /** B013 `CSSRegistrationID` when sent, else `null` (informational). */
  cssRegistrationId: string | null;
  receivedOn: LocalDate;
}

/**
 * `[SSCandProfileClass]` (B032): legacy profile class (DI-122, 1–2 digits) and SSC (DI-123, 4
 * digits), each with its own effective-from date. A `null` value with a date clears the item from
 * that date (REG0009 when already null); a `null` date means the item is not being changed.
 */
export interface ChangeSscAndProfileClass {
  type: 'ChangeSscAndProfileClass';
  mpanCore: MpanCore;
  context: CommandContext;
  data: SupplierDataCommon & {
    profileClass: string | null;
    profileClassEffectiveFromDate: LocalDate | null;
    ssc: string | null;
    sscEffectiveFromDate: LocalDate | null;
  };
}

/** `[ConsentGranularity]` (B068). The wire refuses the schema's stray `x` value. */
export interface ChangeConsentGranularity {
  type: 'ChangeConsentGranularity';
  mpanCore: MpanCore;
  context: CommandContext;
  data: SupplierDataCommon & { consentGranularity: ConsentGranularity; effectiveFromDate: LocalDate };
}

/** `[IHDInfo]` (B030): in-home display install status (`null`: none) from a date. */
export interface ChangeIhdInfo {
  type: 'ChangeIhdInfo';
  mpanCore: MpanCore;
  context: CommandContext;
  data: SupplierDataCommon & { ihdInstallStatus: IhdInstallStatus | null; effectiveFromDate: LocalDate };
}

/** `[SMSO]` (B031): smart metering system operator MPID (≤ 4 characters; `null`: none) from a date. */
export interface ChangeSmso {
  type: 'ChangeSmso';
  mpanCore: MpanCore;
  context: CommandContext;
  data: SupplierDataCommon & { smsoId: string | null; effectiveFromDate: LocalDate };
}

export type SupplierDataCommand = ChangeSscAndProfileClass | ChangeConsentGranularity | ChangeIhdInfo | ChangeSmso;
