import { CreatedMpanState } from '../registration/state';
import { addDays, LocalDate } from '../shared/local-date';
import { valueOn } from '../shared/timeline';
import { DeAppointmentReason, ServiceType } from './commands';
import { AppointmentEvent, ServiceAppointmentLapsed, ServiceProviderDeappointed } from './events';
import { ActiveAppointment, AppointedService, requestById } from './state';

/**
 * What day-start publishes for one service on settlement day `date` (IF-036 and IF-037), given
 * what it published before (`activeAppointments`): walking the service's timeline up to `date` in
 * date order,
 * - an entry whose request is still `Accepted` is activated (`ServiceAppointmentActivated`), and the
 *   active provider before it, if a different provider, is de-appointed the day before
 *   (`ServiceProviderDeappointed`, after the activation);
 * - a `null` entry (nobody appointed from a change of supplier) de-appoints the active provider if
 *   it started earlier, reason `CSUPP`.
 * Entries already activated are skipped, so running the same day twice yields nothing.
 *
 * De-appointment reason: `CSUPP` when the next provider was requested by another supplier (or
 * nobody follows), `CSEGM` when it was requested with scenario `SEG`, `CSERV` otherwise.
 */
export function activationsOn(state: CreatedMpanState, serviceType: ServiceType, date: LocalDate): AppointmentEvent[] {
  const events: AppointmentEvent[] = [];
  let active = state.activeAppointments[serviceType];
  for (const entry of state.appointments[serviceType]) {
    const from = entry.effectiveFromDate;
    if (from > date) break;
    const next = entry.value;
    if (next === null) {
      if (active && active.effectiveFromDate < from) {
        events.push(deappointed(state.mpanCore, serviceType, active, from, 'CSUPP', null));
        active = null;
      }
      continue;
    }
    const request = requestById(state, next.appointmentId);
    // Not yet accepted, or asked for after `date` (a re-run of an earlier day must not announce it).
    if (request?.status !== 'Accepted' || request.requestedOn > date) continue;
    events.push({
      type: 'ServiceAppointmentActivated',
      data: { mpanCore: state.mpanCore, appointmentId: next.appointmentId, serviceType, effectiveFromDate: from, activatedOn: date },
    });
    const continues = active !== null && active.providerDipId === next.providerDipId;
    if (active && !continues) {
      events.push(deappointed(state.mpanCore, serviceType, active, from, reasonFor(active, next), next.appointmentId));
    }
    active = { ...next, effectiveFromDate: from, providerSince: continues && active ? active.providerSince : from };
  }
  return events;
}

/**
 * Requests that lapse on day-start of `date` (IF-035 `…Lapsed`), in request order:
 * - `SupplierNotRegistered`: a `Pending` or `Accepted` (not yet active) request whose requesting
 *   supplier is not the supplier registered on its effective-from date (its switch did not go
 *   ahead, or a later change of supplier took that date);
 * - `NoProviderResponse`: a `Pending` request with `requestedOn + lapseAfterDays < date`.
 * Requests made after `date` are left alone: re-running an earlier day announces nothing new.
 */
export function lapsesOn(state: CreatedMpanState, date: LocalDate, lapseAfterDays: number): ServiceAppointmentLapsed[] {
  const lapses: ServiceAppointmentLapsed[] = [];
  for (const r of state.appointmentRequests) {
    if (r.status !== 'Pending' && r.status !== 'Accepted') continue;
    if (r.requestedOn > date) continue; // a request cannot lapse before it was made (re-runs of earlier days)
    const lapse = (reason: ServiceAppointmentLapsed['data']['reason']) =>
      lapses.push({
        type: 'ServiceAppointmentLapsed',
        data: { mpanCore: state.mpanCore, appointmentId: r.appointmentId, serviceType: r.serviceType, reason, lapsedOn: date },
      });
    if (valueOn(state.suppliers, r.effectiveFromDate)?.supplierDipId !== r.requestingSupplierDipId) lapse('SupplierNotRegistered');
    else if (r.status === 'Pending' && addDays(r.requestedOn as LocalDate, lapseAfterDays) < date) lapse('NoProviderResponse');
  }
  return lapses;
}

function reasonFor(outgoing: AppointedService, incoming: AppointedService): DeAppointmentReason {
  if (outgoing.requestingSupplierDipId !== incoming.requestingSupplierDipId) return 'CSUPP';
  return incoming.appointmentScenario === 'SEG' ? 'CSEGM' : 'CSERV';
}

function deappointed(
  mpanCore: string,
  serviceType: ServiceType,
  active: ActiveAppointment,
  nextFrom: string,
  reason: DeAppointmentReason,
  replacedByAppointmentId: string | null,
): ServiceProviderDeappointed {
  return {
    type: 'ServiceProviderDeappointed',
    data: {
      mpanCore,
      serviceType,
      appointmentId: active.appointmentId,
      providerDipId: active.providerDipId,
      providerMpid: active.providerMpid,
      effectiveFromDate: active.providerSince,
      effectiveToDate: addDays(nextFrom as LocalDate, -1),
      reason,
      replacedByAppointmentId,
    },
  };
}
