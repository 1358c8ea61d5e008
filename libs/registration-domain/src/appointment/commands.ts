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
