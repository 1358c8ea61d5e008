import { assertNever } from '../registration/decide-common';
import { MpanEvent } from '../registration/mpan-messages';
import { CreatedMpanState } from '../registration/state';
import { dataPublicationsFor } from '../registration/data-publications';
import { ReferenceData } from '../reference-data/reference-data';
import { addDays, LocalDate } from '../shared/local-date';
import { valueOn } from '../shared/timeline';
import { ServiceType } from './commands';
import { AppointmentEvent, ServiceAppointmentActivated, ServiceProviderDeappointed } from './events';
import { holders, ldsoOf, providerOf, providersOn, publication as issue } from './publication-recipients';
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
 * - `ServiceAppointmentSuperseded` → none (REG1089 is a note on the superseding request's IF-032);
 * - every other event (creation, LDSO data, meters, energisation, segment, disconnection,
 *   reminders, supplier data) → `dataPublicationsFor` (registration/data-publications.ts):
 *   IF-001, IF-002, IF-006, IF-007, IF-008, IF-009, IF-018, IF-026, IF-043, IF-044, IF-045, IF-050.
 * Recipients are de-duplicated by DIP id, first mention kept, in the order listed.
 *
 * @throws Error when `ref` cannot list participants (no `participants()`): the MDS and EES of
 *   IF-036/IF-037 would be unknown. An event whose appointment `stateAfter` does not hold yields [].
 */
export function publicationsFor(event: MpanEvent, stateAfter: CreatedMpanState, ref: ReferenceData): PublicationIssued[] {
  switch (event.type) {
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
    case 'MpanCreated':
    case 'SupplierRegistered':
    case 'MpanAddressChanged':
    case 'GspGroupChanged':
    case 'DuosTariffIdChanged':
    case 'EnergyDirectionChanged':
    case 'MeterInstalled':
    case 'MeterRemoved':
    case 'MeterExchanged':
    case 'MeterDetailsUpdated':
    case 'MeterHistoryUpdated':
    case 'EnergisationStatusChanged':
    case 'EnergisationFailureReported':
    case 'MarketSegmentChanged':
    case 'ConnectionTypeChanged':
    case 'DomesticPremiseIndicatorChanged':
    case 'MpanDisconnected':
    case 'MpanReconnected':
    case 'RegistrationReminderIssued':
    case 'SscAndProfileClassChanged':
    case 'ConsentGranularityChanged':
    case 'IhdInfoChanged':
    case 'SmsoChanged':
      return dataPublicationsFor(event, stateAfter, ref);
    default:
      return assertNever(event);
  }
}

/** A publication of an appointment event (with its appointment id). */
function publication(
  event: AppointmentEvent,
  interfaceId: string,
  eventCode: string,
  recipients: PublicationRecipient[],
): PublicationIssued {
  return issue(event, interfaceId, eventCode, recipients, event.data.appointmentId);
}

const supplierOf = (r: Pick<AppointmentRequest, 'requestingSupplierDipId'>): PublicationRecipient => ({
  role: 'SUP',
  dipId: r.requestingSupplierDipId,
});

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
