import { MpanCore } from '../../mpan/mpan-core';
import { CommandContext } from '../../registration/commands';
import { evolve } from '../../registration/evolve';
import { MpanEvent } from '../../registration/mpan-messages';
import { CreatedMpanState, initialState } from '../../registration/state';
import { BRIGHTWATER, d, DNO_MPAN, EASTERN_LDSO, mpanCreated, NORTHSTAR, supplierRegistered } from '../../registration/testing/fixtures';
import { RequestServiceAppointment, RespondToServiceAppointment, RunDayStart, ServiceType } from '../commands';
import {
  ServiceAppointmentAccepted,
  ServiceAppointmentActivated,
  ServiceAppointmentRequested,
  ServiceProviderDeappointed,
} from '../events';

/**
 * Fixtures for appointment specs, on the sample reference data. The story they share:
 * MPAN 1012345678903 (Eastern, Smart) created 2025-04-01; Brightwater supplies from 2025-04-01 with
 * Meterwise (MS) and Halfhour (DS) appointed and active from that day ({@link HISTORY}).
 */

export interface Party {
  dipId: string;
  mpid: string;
}
/** MSS. */
export const METERWISE: Party = { dipId: '2000000001', mpid: 'MSSA' };
/** MSS and MSA. */
export const KESTREL: Party = { dipId: '2000000002', mpid: 'MSSB' };
/** MSA only. */
export const ADVANCED_METERING: Party = { dipId: '2000000003', mpid: 'MSAC' };
/** UMSO. */
export const STREETLIGHT: Party = { dipId: '2000000004', mpid: 'UMSA' };
/** SDS. */
export const HALFHOUR: Party = { dipId: '2000000011', mpid: 'SDSA' };
/** SDS and ADS. */
export const SETTLEMENT_DATA: Party = { dipId: '2000000012', mpid: 'SDSB' };
/** ADS only. */
export const ADVANCED_DATA: Party = { dipId: '2000000013', mpid: 'ADSC' };
/** UMSDS. */
export const UNMETERED_DATA: Party = { dipId: '2000000014', mpid: 'UMDS' };
/** MDR only (no MS or DS role). */
export const SMART_RETRIEVAL: Party = { dipId: '2000000021', mpid: 'MDRA' };
export const REGS = '9000000002';
export const EES = '9000000003';
export const MDS = '9000000004';

export const idOf = (party: Party, ref: string) => `${party.dipId}:${ref}`;
/** Brightwater's initial appointments (active from 2025-04-01). */
export const BRWE_MS = idOf(BRIGHTWATER, 'S-MS-0001');
export const BRWE_DS = idOf(BRIGHTWATER, 'S-DS-0001');
/** The default IF-031 of {@link requestAppointment}. */
export const REQUEST_REF = 'S-IF-031-0001';
export const REQUEST_ID = idOf(BRIGHTWATER, REQUEST_REF);

function context(sender: string, role: string, ref: string, overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    senderDipId: sender,
    senderRoleId: role,
    senderUniqueReference: ref,
    messageKey: `${sender}:${ref}`,
    distributorDipId: EASTERN_LDSO,
    ...overrides,
  };
}

interface Opts {
  supplier?: Party;
  ref?: string;
  context?: Partial<CommandContext>;
  mpanCore?: MpanCore;
}

/**
 * IF-031 defaults: Brightwater asks on 2025-04-10 for a change of MS provider (CSP) to Kestrel from
 * 2025-04-20, local midnight, contract CON-MS-2, no CSS id.
 */
export function requestAppointment(data: Partial<RequestServiceAppointment['data']> = {}, opts: Opts = {}): RequestServiceAppointment {
  const supplier = opts.supplier ?? BRIGHTWATER;
  return {
    type: 'RequestServiceAppointment',
    mpanCore: opts.mpanCore ?? DNO_MPAN,
    context: context(supplier.dipId, 'SUP', opts.ref ?? REQUEST_REF, opts.context),
    data: {
      serviceType: 'MS',
      providerDipId: KESTREL.dipId,
      providerMpid: KESTREL.mpid,
      effectiveFromDate: d('2025-04-20'),
      effectiveFromIsLocalMidnight: true,
      contractReference: 'CON-MS-2',
      appointmentScenario: 'CSP',
      cssRegistrationId: null,
      requestedOn: d('2025-04-10'),
      dataServiceProposal: null,
      ...data,
    },
  };
}

/** The `ServiceAppointmentRequested` of the default {@link requestAppointment} (same overrides by field). */
export function requested(data: Partial<ServiceAppointmentRequested['data']> = {}): ServiceAppointmentRequested {
  return {
    type: 'ServiceAppointmentRequested',
    data: {
      mpanCore: DNO_MPAN,
      appointmentId: REQUEST_ID,
      serviceType: 'MS',
      providerRole: 'MSS',
      providerDipId: KESTREL.dipId,
      providerMpid: KESTREL.mpid,
      requestingSupplierDipId: BRIGHTWATER.dipId,
      requestingSupplierMpid: BRIGHTWATER.mpid,
      effectiveFromDate: '2025-04-20',
      contractReference: 'CON-MS-2',
      appointmentScenario: 'CSP',
      cssRegistrationId: null,
      requestedOn: '2025-04-10',
      supersedesAppointmentId: null,
      ...data,
    },
  };
}

/** IF-034 defaults: Kestrel (as MSS) accepts on 2025-04-10 Brightwater's MS request from 2025-04-20. */
export function respond(
  data: Partial<RespondToServiceAppointment['data']> = {},
  opts: { provider?: Party; role?: string; ref?: string; context?: Partial<CommandContext> } = {},
): RespondToServiceAppointment {
  const provider = opts.provider ?? KESTREL;
  return {
    type: 'RespondToServiceAppointment',
    mpanCore: DNO_MPAN,
    context: context(provider.dipId, opts.role ?? 'MSS', opts.ref ?? 'S-IF-034-0001', opts.context),
    data: {
      serviceType: 'MS',
      providerDipId: provider.dipId,
      providerMpid: provider.mpid,
      effectiveFromDate: d('2025-04-20'),
      requestingSupplierDipId: BRIGHTWATER.dipId,
      requestingSupplierMpid: BRIGHTWATER.mpid,
      responseCode: 'A',
      proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED',
      respondedOn: d('2025-04-10'),
      ...data,
    },
  };
}

/** Day-start for `settlementDate`, sent by the registry (REGS), lapsing after 5 days. */
export function runDayStart(settlementDate: string, opts: { lapseAfterDays?: number; context?: Partial<CommandContext> } = {}): RunDayStart {
  return {
    type: 'RunDayStart',
    mpanCore: DNO_MPAN,
    context: context(REGS, 'REGS', `S-DAYSTART-${settlementDate}`, opts.context),
    data: { settlementDate: d(settlementDate), lapseAfterDays: opts.lapseAfterDays ?? 5 },
  };
}

export const accepted = (appointmentId: string, serviceType: ServiceType = 'MS'): ServiceAppointmentAccepted => ({
  type: 'ServiceAppointmentAccepted',
  data: { mpanCore: DNO_MPAN, appointmentId, serviceType, proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' },
});

export const activated = (appointmentId: string, serviceType: ServiceType, effectiveFromDate: string, activatedOn: string): ServiceAppointmentActivated => ({
  type: 'ServiceAppointmentActivated',
  data: { mpanCore: DNO_MPAN, appointmentId, serviceType, effectiveFromDate, activatedOn },
});

export function deappointed(data: Omit<ServiceProviderDeappointed['data'], 'mpanCore'>): ServiceProviderDeappointed {
  return { type: 'ServiceProviderDeappointed', data: { mpanCore: DNO_MPAN, ...data } };
}

/** A COS appointment of `provider` requested, accepted and (when `activatedOn` is given) activated. */
export function appointed(
  serviceType: ServiceType,
  provider: Party,
  appointmentId: string,
  opts: {
    supplier?: Party;
    from?: string;
    role?: string;
    cssRegistrationId?: string;
    activatedOn?: string | null;
    contractReference?: string;
  } = {},
): MpanEvent[] {
  const supplier = opts.supplier ?? BRIGHTWATER;
  const from = opts.from ?? '2025-04-01';
  const events: MpanEvent[] = [
    requested({
      appointmentId,
      serviceType,
      providerRole: opts.role ?? (serviceType === 'MS' ? 'MSS' : 'SDS'),
      providerDipId: provider.dipId,
      providerMpid: provider.mpid,
      requestingSupplierDipId: supplier.dipId,
      requestingSupplierMpid: supplier.mpid,
      effectiveFromDate: from,
      contractReference: opts.contractReference ?? `CON-${serviceType}-1`,
      appointmentScenario: 'COS',
      cssRegistrationId: opts.cssRegistrationId ?? 'CSS-REG-0001',
      requestedOn: from,
    }),
    accepted(appointmentId, serviceType),
  ];
  const on = opts.activatedOn === undefined ? from : opts.activatedOn;
  if (on !== null) events.push(activated(appointmentId, serviceType, from, on));
  return events;
}

/** MPAN created 2025-04-01; Brightwater from 2025-04-01 with Meterwise (MS) and Halfhour (DS) active. */
export const HISTORY: MpanEvent[] = [
  mpanCreated(),
  supplierRegistered(),
  ...appointed('MS', METERWISE, BRWE_MS),
  ...appointed('DS', HALFHOUR, BRWE_DS),
];

/** Northstar's change of supplier from 2025-05-01 (CSS registration CSS-REG-0002). */
export const NORTHSTAR_SWITCH = supplierRegistered({
  registrationKind: 'ChangeOfSupplier',
  cssRegistrationId: 'CSS-REG-0002',
  supplierDipId: NORTHSTAR.dipId,
  supplierMpid: NORTHSTAR.mpid,
  supplyStartDate: '2025-05-01',
  outgoingSupplier: { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, supplyEndDate: '2025-04-30' },
});

/** The appointment timeline value of a provider as the fixtures record it. */
export function service(
  provider: Party,
  appointmentId: string,
  opts: { role?: string; supplier?: Party; scenario?: 'COS' | 'CSP' | 'USP' | 'SEG'; contractReference?: string } = {},
) {
  const supplier = opts.supplier ?? BRIGHTWATER;
  return {
    appointmentId,
    providerDipId: provider.dipId,
    providerMpid: provider.mpid,
    providerRole: opts.role ?? 'MSS',
    requestingSupplierDipId: supplier.dipId,
    requestingSupplierMpid: supplier.mpid,
    appointmentScenario: opts.scenario ?? 'COS',
    contractReference: opts.contractReference ?? 'CON-MS-1',
  };
}

/** Northstar's COS appointment id (its default IF-031 reference). */
export const NSTP_ID = idOf(NORTHSTAR, REQUEST_REF);

/** Northstar's COS request for its switch from 2025-05-01 (CSS-REG-0002), sent 2025-04-10 (Kestrel as MS). */
export const northstarCos = (data: Partial<RequestServiceAppointment['data']> = {}) =>
  requestAppointment(
    { appointmentScenario: 'COS', cssRegistrationId: 'CSS-REG-0002', effectiveFromDate: d('2025-05-01'), ...data },
    { supplier: NORTHSTAR },
  );

/** {@link HISTORY} and Northstar's change of supplier from 2025-05-01. */
export const SWITCHED: MpanEvent[] = [...HISTORY, NORTHSTAR_SWITCH];

/** `events` folded, then the market segment changed from S to A on 2025-04-20 (no event does this yet). */
export function segmentChanged(events: MpanEvent[]): CreatedMpanState {
  const s = events.reduce(evolve, initialState()) as CreatedMpanState;
  return { ...s, marketSegment: [...s.marketSegment, { effectiveFromDate: '2025-04-20', value: 'A' }] };
}
