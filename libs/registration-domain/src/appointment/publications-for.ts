import { assertNever } from '../registration/decide-common';
import { MpanEvent } from '../registration/mpan-messages';
import { CreatedMpanState } from '../registration/state';
import { ReferenceData, RoleCode } from '../reference-data/reference-data';
import { addDays, LocalDate } from '../shared/local-date';
import { valueOn } from '../shared/timeline';
import { ServiceType } from './commands';
import { ServiceAppointmentActivated, ServiceProviderDeappointed } from './events';
import { PublicationIssued, PublicationRecipient } from './publications';
import { AppointmentRequest, requestById } from './state';

/**
 * The outbound publications an MPAN event causes (MHHS interface catalogue, mhhs-domain.md §3.1),
 * to append with it as `PublicationIssued` events. `stateAfter` is the MPAN's state with the event
 * folded in; recipients come from it and from reference data (LDSO = the distributor's
 * `ldsoDipId`; MDS and EES = every participant holding that role on the effective date).
 *
 * - `ServiceAppointmentRequested` → IF-032 `[MSAppInitialResp]`/`[DSAppInitialResp]` to the
 *   requesting supplier, then IF-033 `[MSAppSPRequest]`/`[DSAppSPRequest]` to the proposed provider;
 * - `…Accepted` / `…Rejected` / `…Lapsed` → IF-035 `[MSAppAccepted]`, `[MSAppRejected]`,
 *   `[MSAppLapsed]` (DS alike) to the requesting supplier and the proposed provider;
 * - `ServiceAppointmentActivated` → IF-036 `[MSAppActive]`/`[DSAppActive]` to the requesting
 *   supplier, the MS and DS appointed on the effective-from date, the LDSO, MDS, EES;
 * - `ServiceProviderDeappointed` → IF-037 `[MSDeApp]`/`[DSDeApp]` to the supplier that appointed the
 *   provider and the supplier registered the day after it ends, the de-appointed provider, the
 *   other service's provider on its last day and on the day after, MDS, LDSO, EES (on the day after);
 * - `ServiceAppointmentSuperseded` and the registration events → none here (REG1089 is a note on
 *   the superseding request's IF-032; IF-001/IF-018/IF-050 come with the notification feed).
 * Recipients are de-duplicated by DIP id, first mention kept, in the order listed.
 *
 * @throws Error when `ref` cannot list participants (no `participants()`): the MDS and EES of
 *   IF-036/IF-037 would be unknown. An event whose appointment `stateAfter` does not hold yields [].
 */
export function publicationsFor(event: MpanEvent, stateAfter: CreatedMpanState, ref: ReferenceData): PublicationIssued[] {
  switch (event.type) {
    case 'MpanCreated':
    case 'SupplierRegistered':
    case 'MpanAddressChanged':
    case 'GspGroupChanged':
    case 'DuosTariffIdChanged':
    case 'EnergyDirectionChanged':
    case 'ServiceAppointmentSuperseded':
      return [];
    case 'ServiceAppointmentRequested': {
      const r = event.data;
      return [
        publication(event, 'IF-032', `[${r.serviceType}AppInitialResp]`, [supplierOf(r)]),
        publication(event, 'IF-033', `[${r.serviceType}AppSPRequest]`, [providerOf(r)]),
      ];
    }
    case 'ServiceAppointmentAccepted':
    case 'ServiceAppointmentRejected':
    case 'ServiceAppointmentLapsed': {
      const r = requestById(stateAfter, event.data.appointmentId);
      const outcome = event.type.replace('ServiceAppointment', '');
      return r ? [publication(event, 'IF-035', `[${r.serviceType}App${outcome}]`, [supplierOf(r), providerOf(r)])] : [];
    }
    case 'ServiceAppointmentActivated':
      return activeNotice(event, stateAfter, ref);
    case 'ServiceProviderDeappointed':
      return deappointmentNotice(event, stateAfter, ref);
    default:
      return assertNever(event);
  }
}

function activeNotice(event: ServiceAppointmentActivated, state: CreatedMpanState, ref: ReferenceData): PublicationIssued[] {
  const e = event.data;
  const r = requestById(state, e.appointmentId);
  if (!r) return [];
  const date = e.effectiveFromDate as LocalDate;
  const recipients = [
    supplierOf(r),
    ...providersOn(state, 'MS', date),
    ...providersOn(state, 'DS', date),
    ...ldsoOf(state, ref),
    ...holders(ref, 'MDS', date),
    ...holders(ref, 'EES', date),
  ];
  return [publication(event, 'IF-036', `[${e.serviceType}AppActive]`, recipients)];
}

function deappointmentNotice(event: ServiceProviderDeappointed, state: CreatedMpanState, ref: ReferenceData): PublicationIssued[] {
  const e = event.data;
  const r = requestById(state, e.appointmentId);
  if (!r) return [];
  const lastDay = e.effectiveToDate as LocalDate;
  const dayAfter = addDays(lastDay, 1);
  const other: ServiceType = e.serviceType === 'MS' ? 'DS' : 'MS';
  const next = valueOn(state.suppliers, dayAfter);
  const recipients = [
    supplierOf(r),
    ...(next ? [{ role: 'SUP' as const, dipId: next.supplierDipId }] : []),
    providerOf(r),
    ...providersOn(state, other, lastDay),
    ...providersOn(state, other, dayAfter),
    ...holders(ref, 'MDS', dayAfter),
    ...ldsoOf(state, ref),
    ...holders(ref, 'EES', dayAfter),
  ];
  return [publication(event, 'IF-037', `[${e.serviceType}DeApp]`, recipients)];
}

function publication(
  event: MpanEvent & { data: { mpanCore: string; appointmentId: string } },
  interfaceId: string,
  eventCode: string,
  recipients: PublicationRecipient[],
): PublicationIssued {
  return {
    type: 'PublicationIssued',
    data: {
      mpanCore: event.data.mpanCore,
      interfaceId,
      eventCode,
      recipients: unique(recipients),
      causedByEventType: event.type,
      appointmentId: event.data.appointmentId,
    },
  };
}

const supplierOf = (r: Pick<AppointmentRequest, 'requestingSupplierDipId'>): PublicationRecipient => ({
  role: 'SUP',
  dipId: r.requestingSupplierDipId,
});

// The role was set by the decider from the segment (serviceRoleFor), so it is a role code.
const providerOf = (r: Pick<AppointmentRequest, 'providerRole' | 'providerDipId'>): PublicationRecipient => ({
  role: r.providerRole as RoleCode,
  dipId: r.providerDipId,
});

function providersOn(state: CreatedMpanState, serviceType: ServiceType, date: LocalDate): PublicationRecipient[] {
  const appointed = valueOn(state.appointments[serviceType], date);
  return appointed ? [providerOf(appointed)] : [];
}

function ldsoOf(state: CreatedMpanState, ref: ReferenceData): PublicationRecipient[] {
  const distributor = ref.distributor(state.distributorId);
  return distributor ? [{ role: 'LDSO', dipId: distributor.ldsoDipId }] : [];
}

function holders(ref: ReferenceData, role: RoleCode, date: LocalDate): PublicationRecipient[] {
  if (!ref.participants) {
    throw new Error(`reference data ${ref.version} cannot list participants, so the ${role} recipients are unknown`);
  }
  return ref.participants().filter((p) => ref.holdsRole(p.dipId, role, date)).map((p) => ({ role, dipId: p.dipId }));
}

function unique(recipients: PublicationRecipient[]): PublicationRecipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(r.dipId) && (seen.add(r.dipId), true));
}
