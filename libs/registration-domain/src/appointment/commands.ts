import { MpanCore } from '../mpan/mpan-core';
import { CommandContext } from '../registration/commands';
import { LocalDate } from '../shared/local-date';

/**
 * Commands of the registration-mediated service appointment process (IF-031 → IF-037).
 * Built at the edge from validated DIP messages; dates are UK settlement days.
 */

/** The two appointed services of an MPAN: metering service and data service. */
export type ServiceType = 'MS' | 'DS';

/** Appointment scenario (DI-800). */
export type AppointmentScenario = 'COS' | 'CSP' | 'USP' | 'SEG' | 'MCA' | 'MCS' | 'ALG';

/** De-appointment reason (DI-819) used by the registry's own de-appointments (IF-037). */
export type DeAppointmentReason = 'CSUPP' | 'CSERV' | 'CSEGM' | 'DEREG' | 'CCONN' | 'IMPEXP' | 'RELATED';

/**
 * DI-838 supplier proposed consent granularity, as the official enumeration has it: `H`
 * half-hourly, `D` daily, `M` monthly, `N` none, and the placeholder `x` (which IF-031 accepts and
 * the registry records as sent).
 */
export type ProposedConsentGranularity = 'H' | 'D' | 'M' | 'N' | 'x';

/**
 * DI-126 traditional / fall-back read frequency: `W` weekly, `F` fortnightly, `M` monthly, `Q`
 * quarterly, `S` six-monthly, `A` annual, and the placeholder `x`.
 */
export type ReadFrequency = 'W' | 'F' | 'M' | 'Q' | 'S' | 'A' | 'x';

/**
 * The meter data retriever a supplier nominates in B071: `supplierNominatedMDRDIPID`,
 * `supplierNominatedMDRMPID` and `supplierNominatedMDREffectiveFromDate` (a settlement day), each
 * nullable on the wire and kept as sent.
 */
export interface NominatedMdr {
  dipId: string | null;
  mpid: string | null;
  effectiveFromDate: string | null;
}

/**
 * What a supplier proposes for a data service besides the provider and its date (IF-031 `[DSApp]`
 * B071), recorded under these names in `ServiceAppointmentRequested` and echoed in B071 of IF-032,
 * IF-033 and IF-035 `[DS…]` (and B015's read frequency in IF-036 `[DSAppActive]`).
 */
export interface DataServiceProposal {
  /** B071 `supplierProposedConsentGranularity` (required on the wire). */
  supplierProposedConsentGranularity: ProposedConsentGranularity;
  /** B071 `supplierProposedDomesticIndicator` (DI-837, required on the wire). */
  supplierProposedDomesticIndicator: boolean;
  /** The nominated MDR, or `null` when B071 names none (all three items `null`). */
  supplierNominatedMdr: NominatedMdr | null;
  /** B071 `traditionalFallBackReadFrequency` (nullable). */
  traditionalFallBackReadFrequency: ReadFrequency | null;
}

/**
 * IF-031 `[MSApp]` / `[DSApp]` from a supplier: asks the registry to appoint a provider
 * (blocks B013, B070 / B071).
 */
export interface RequestServiceAppointment {
  type: 'RequestServiceAppointment';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    serviceType: ServiceType;
    /** `proposedMeteringServiceDIPID` / `proposedDataServiceDIPID`. */
    providerDipId: string;
    providerMpid: string;
    /** The settlement day the appointment is to start (`…DIPEffectiveFromDate`). */
    effectiveFromDate: LocalDate;
    /** Whether the wire value was UK local midnight (REG1032 requires it). */
    effectiveFromIsLocalMidnight: boolean;
    contractReference: string;
    appointmentScenario: AppointmentScenario;
    /** B013 `CSSRegistrationID`, or `null` when the block was not sent. */
    cssRegistrationId: string | null;
    /** UK settlement day the request was received (for REG1034 "no backdating" and lapse timers). */
    requestedOn: LocalDate;
    /**
     * B071's proposal details of a `[DSApp]` (the MDR's date a settlement day); `null` for `[MSApp]`,
     * and ignored on an MS request.
     */
    dataServiceProposal: DataServiceProposal | null;
  };
}

/**
 * IF-034 `[MSAppSPResponse]` / `[DSAppSPResponse]` from the proposed provider: accepts or rejects a
 * pending appointment (B007 outcome, B012 requesting supplier, B070 / B071 the proposal answered).
 */
export interface RespondToServiceAppointment {
  type: 'RespondToServiceAppointment';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    serviceType: ServiceType;
    providerDipId: string;
    providerMpid: string;
    effectiveFromDate: LocalDate;
    requestingSupplierDipId: string;
    requestingSupplierMpid: string;
    /** B007 `responseCode`: `A` accepts, `R` rejects. */
    responseCode: 'A' | 'R';
    /** B007 `proposedAppointmentResponseCode`, e.g. `SP000 - Proposed Appointment ACCEPTED`, `SP002 - …`. */
    proposedAppointmentResponseCode: string;
    /** UK settlement day the answer was received. */
    respondedOn: LocalDate;
  };
}

/**
 * The day-start process for one MPAN on one settlement day: activates appointments whose
 * effective-from date has come (IF-036) and de-appoints the outgoing providers (IF-037), lapses
 * requests nobody answered in time (IF-035 Lapsed). Idempotent: a day run twice changes nothing.
 * Sent by the registry itself (context.senderRoleId `REGS`).
 */
export interface RunDayStart {
  type: 'RunDayStart';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    settlementDate: LocalDate;
    /** A request with no provider answer lapses after this many days (configuration). */
    lapseAfterDays: number;
  };
}

export type AppointmentCommand = RequestServiceAppointment | RespondToServiceAppointment | RunDayStart;
