import { AppointmentScenario, DataServiceProposal, DeAppointmentReason, ServiceType } from './commands';

/**
 * Events of the service appointment process, in the MPAN's stream. Past-tense facts; `type`
 * strings never change once shipped. Dates are `YYYY-MM-DD` settlement days.
 * `appointmentId` is the message key of the IF-031 that asked for the appointment.
 */

/**
 * The provider proposed by a supplier, as recorded. A data service request also records what the
 * supplier proposed in B071 ({@link DataServiceProposal}: `supplierProposedConsentGranularity`,
 * `supplierProposedDomesticIndicator`, `supplierNominatedMdr`, `traditionalFallBackReadFrequency`);
 * those fields are absent on metering service requests and on data service requests recorded
 * before the registry kept them.
 */
export interface ProposedAppointment extends Partial<DataServiceProposal> {
  appointmentId: string;
  serviceType: ServiceType;
  /** Role the provider acts in: MSS/MSA/UMSO for MS, SDS/ADS/UMSDS for DS (from the segment). */
  providerRole: string;
  providerDipId: string;
  providerMpid: string;
  requestingSupplierDipId: string;
  requestingSupplierMpid: string;
  effectiveFromDate: string;
  contractReference: string;
  appointmentScenario: AppointmentScenario;
  cssRegistrationId: string | null;
  /** Settlement day the request was received (lapse timer starts here). */
  requestedOn: string;
}

/** IF-031 accepted by the registry (IF-032 accepted to the supplier, IF-033 to the provider). */
export interface ServiceAppointmentRequested {
  type: 'ServiceAppointmentRequested';
  data: ProposedAppointment & {
    mpanCore: string;
    /** A pending request of the same service type this one replaces (REG1089), or `null`. */
    supersedesAppointmentId: string | null;
  };
}

/** The provider accepted (IF-034 A → IF-035 `…Accepted`). The appointment holds from its date. */
export interface ServiceAppointmentAccepted {
  type: 'ServiceAppointmentAccepted';
  data: { mpanCore: string; appointmentId: string; serviceType: ServiceType; proposedAppointmentResponseCode: string };
}

/** The provider rejected (IF-034 R → IF-035 `…Rejected`). */
export interface ServiceAppointmentRejected {
  type: 'ServiceAppointmentRejected';
  data: { mpanCore: string; appointmentId: string; serviceType: ServiceType; proposedAppointmentResponseCode: string };
}

/** Nobody answered in time, or the switch it depended on did not go ahead (IF-035 `…Lapsed`). */
export interface ServiceAppointmentLapsed {
  type: 'ServiceAppointmentLapsed';
  data: {
    mpanCore: string;
    appointmentId: string;
    serviceType: ServiceType;
    reason: 'NoProviderResponse' | 'SupplierNotRegistered';
    lapsedOn: string;
  };
}

/** A pending request was replaced by a later one of the same service type (REG1089). */
export interface ServiceAppointmentSuperseded {
  type: 'ServiceAppointmentSuperseded';
  data: { mpanCore: string; appointmentId: string; serviceType: ServiceType; supersededByAppointmentId: string };
}

/** The appointment took effect on its date (IF-036 `…Active`), recorded by day-start or on acceptance. */
export interface ServiceAppointmentActivated {
  type: 'ServiceAppointmentActivated';
  data: { mpanCore: string; appointmentId: string; serviceType: ServiceType; effectiveFromDate: string; activatedOn: string };
}

/** The registry ended a provider's appointment (IF-037 `MSDeApp` / `DSDeApp`). */
export interface ServiceProviderDeappointed {
  type: 'ServiceProviderDeappointed';
  data: {
    mpanCore: string;
    serviceType: ServiceType;
    appointmentId: string;
    providerDipId: string;
    providerMpid: string;
    effectiveFromDate: string;
    /** Last day of the appointment (inclusive). */
    effectiveToDate: string;
    reason: DeAppointmentReason;
    /** The appointment (or supply registration) that replaced it, if any. */
    replacedByAppointmentId: string | null;
  };
}

export type AppointmentEvent =
  | ServiceAppointmentRequested
  | ServiceAppointmentAccepted
  | ServiceAppointmentRejected
  | ServiceAppointmentLapsed
  | ServiceAppointmentSuperseded
  | ServiceAppointmentActivated
  | ServiceProviderDeappointed;
