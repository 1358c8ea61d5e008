import { MpanCore } from '../mpan/mpan-core';
import { CommandContext, EnergisationStatus } from '../registration/commands';
import { LocalDate } from '../shared/local-date';

/**
 * Commands of the energisation process (IF-007 from the metering service → IF-008), built at the
 * edge from a validated DIP message (dates as UK settlement days).
 */

/**
 * IF-007 `[EnergisationStatusChange]` (B025): the appointed metering service energised (`E`) or
 * de-energised (`D`) the metering point from a date. `U` passes the official schema but is not a
 * status a metering service sets (LOC rule in the decider).
 */
export interface ChangeEnergisationStatus {
  type: 'ChangeEnergisationStatus';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    energisationStatus: EnergisationStatus;
    /** `energisationStatusEffectiveFromDate` as a settlement day: the event date. */
    effectiveFromDate: LocalDate;
    /** UK settlement day the registry received the message (REG1020: no future-dated change). */
    receivedOn: LocalDate;
  };
}

/** DI-097 failure to energise / de-energise reason codes (official enumeration, schema 011). */
export const ENERGISATION_FAILURE_REASON_CODES = [
  '01', '02', '03', '05', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19',
] as const;
export type EnergisationFailureReasonCode = (typeof ENERGISATION_FAILURE_REASON_CODES)[number];

/**
 * IF-007 `[EnergisationStatusFailure]` (B040): the metering service could not (de-)energise.
 * B040 has no date: the event date is `receivedOn` (the sender must be the MS appointed then).
 * Recorded and passed on to the supplier only (IF-007 publication, not IF-008).
 */
export interface ReportEnergisationFailure {
  type: 'ReportEnergisationFailure';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    /** `failureEnergiseDeEnergiseReasonCode` (DI-097). */
    failureReasonCode: EnergisationFailureReasonCode;
    /** `siteVisitCheckCode` (DI-096, two digits) or `null`. */
    siteVisitCheckCode: string | null;
    /** `natureofMaintenanceEnergisationStatus` (DI-092, ≤ 200) or `null`. */
    natureOfMaintenance: string | null;
    /** `additionalInformationSiteVisit` (DI-093, ≤ 2000) or `null`. */
    additionalInformation: string | null;
    receivedOn: LocalDate;
  };
}

export type EnergisationCommand = ChangeEnergisationStatus | ReportEnergisationFailure;
