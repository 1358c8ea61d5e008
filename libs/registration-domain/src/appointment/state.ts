import { MarketSegment } from '../registration/commands';
import { assertNever } from '../registration/decide-common';
import { RoleCode } from '../reference-data/reference-data';
import { Timeline } from '../shared/timeline';
import { AppointmentScenario, DataServiceProposal, ServiceType } from './commands';
import { ProposedAppointment } from './events';

/** The two appointed services, in the order every multi-service output uses (MS first). */
export const SERVICE_TYPES: readonly ServiceType[] = ['MS', 'DS'];

/** The roles that can act as each service (mhhs-domain.md §2.2). */
export const SERVICE_ROLES: Readonly<Record<ServiceType, readonly RoleCode[]>> = {
  MS: ['MSS', 'MSA', 'UMSO'],
  DS: ['SDS', 'ADS', 'UMSDS'],
};

/** `metering service` / `data service`, for messages. */
export const SERVICE_NAMES: Readonly<Record<ServiceType, string>> = { MS: 'metering service', DS: 'data service' };

/**
 * The role a provider of `serviceType` must hold on an MPAN of `segment` (mhhs-domain.md §2.2):
 * Smart → MSS / SDS, Advanced → MSA / ADS, Unmetered → UMSO / UMSDS.
 */
export function serviceRoleFor(serviceType: ServiceType, segment: MarketSegment): RoleCode {
  switch (segment) {
    case 'S':
      return serviceType === 'MS' ? 'MSS' : 'SDS';
    case 'A':
      return serviceType === 'MS' ? 'MSA' : 'ADS';
    case 'U':
      return serviceType === 'MS' ? 'UMSO' : 'UMSDS';
    default:
      return assertNever(segment);
  }
}

/**
 * The provider appointed to one service of an MPAN from a date: the value of the appointment
 * timelines (`null` there means nobody is appointed from that date).
 */
export interface AppointedService {
  appointmentId: string;
  providerDipId: string;
  providerMpid: string;
  /** MSS/MSA/UMSO or SDS/ADS/UMSDS: the role the provider acts in (from the segment). */
  providerRole: string;
  requestingSupplierDipId: string;
  requestingSupplierMpid: string;
  appointmentScenario: AppointmentScenario;
  contractReference: string;
}

/**
 * Where an IF-031 request the registry accepted stands:
 * `Pending` (awaiting the provider's IF-034) → `Accepted` (in the timeline from its date) →
 * `Activated` (IF-036 issued); or `Rejected` by the provider, `Lapsed`, or `Superseded` by a later
 * request (or by a later acceptance on the same date for the same provider).
 */
export type AppointmentRequestStatus = 'Pending' | 'Accepted' | 'Activated' | 'Rejected' | 'Lapsed' | 'Superseded';

/** An IF-031 request as recorded, with where it stands. */
export interface AppointmentRequest extends ProposedAppointment {
  status: AppointmentRequestStatus;
}

/**
 * The appointment last published active (IF-036) for a service and not yet de-appointed
 * (IF-037): what day-start compares the timeline with, so that it is idempotent.
 */
export interface ActiveAppointment extends AppointedService {
  /** The timeline entry's effective-from date. */
  effectiveFromDate: string;
  /** When this provider's unbroken appointment began (earlier than `effectiveFromDate` after a USP). */
  providerSince: string;
}

/** The appointment part of a created MPAN's state (see registration/state.ts). */
export interface AppointmentState {
  /** Per service, the effective-dated provider; `null` = nobody appointed from that date. */
  readonly appointments: Readonly<Record<ServiceType, Timeline<AppointedService | null>>>;
  /** Every IF-031 the registry accepted, oldest first, with its status. */
  readonly appointmentRequests: ReadonlyArray<AppointmentRequest>;
  /** Per service, the appointment published active and not yet de-appointed, or `null`. */
  readonly activeAppointments: Readonly<Record<ServiceType, ActiveAppointment | null>>;
}

/** The appointment state of a newly created MPAN: nobody appointed, nothing requested. */
export const initialAppointmentState = (): AppointmentState => ({
  appointments: { MS: [], DS: [] },
  appointmentRequests: [],
  activeAppointments: { MS: null, DS: null },
});

/** The request with `appointmentId`, or `undefined`. */
export function requestById(state: AppointmentState, appointmentId: string): AppointmentRequest | undefined {
  return state.appointmentRequests.find((r) => r.appointmentId === appointmentId);
}

/** The request of `serviceType` awaiting its provider (at most one: a later one supersedes it). */
export function pendingRequestFor(state: AppointmentState, serviceType: ServiceType): AppointmentRequest | undefined {
  return state.appointmentRequests.find((r) => r.status === 'Pending' && r.serviceType === serviceType);
}

/** The timeline value an accepted request puts in place from its effective-from date. */
export function appointedServiceOf(r: ProposedAppointment): AppointedService {
  return {
    appointmentId: r.appointmentId,
    providerDipId: r.providerDipId,
    providerMpid: r.providerMpid,
    providerRole: r.providerRole,
    requestingSupplierDipId: r.requestingSupplierDipId,
    requestingSupplierMpid: r.requestingSupplierMpid,
    appointmentScenario: r.appointmentScenario,
    contractReference: r.contractReference,
  };
}

/**
 * The B071 proposal details a data service request records ({@link DataServiceProposal}), copied
 * in a fixed key order, or `null` when it records none: metering service requests, and data service
 * requests recorded before the registry kept them (`supplierProposedConsentGranularity` and
 * `supplierProposedDomesticIndicator` absent).
 */
export function dataServiceProposalOf(p: Partial<DataServiceProposal>): DataServiceProposal | null {
  if (p.supplierProposedConsentGranularity === undefined || p.supplierProposedDomesticIndicator === undefined) return null;
  const mdr = p.supplierNominatedMdr ?? null;
  return {
    supplierProposedConsentGranularity: p.supplierProposedConsentGranularity,
    supplierProposedDomesticIndicator: p.supplierProposedDomesticIndicator,
    supplierNominatedMdr: mdr && { dipId: mdr.dipId, mpid: mdr.mpid, effectiveFromDate: mdr.effectiveFromDate },
    traditionalFallBackReadFrequency: p.traditionalFallBackReadFrequency ?? null,
  };
}
