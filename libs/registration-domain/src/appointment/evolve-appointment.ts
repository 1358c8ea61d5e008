import { SupplierRegistered } from '../registration/events';
import { CreatedMpanState } from '../registration/state';
import { entryOn, setFrom, Timeline } from '../shared/timeline';
import { ServiceType } from './commands';
import { AppointmentEvent } from './events';
import {
  AppointedService,
  AppointmentRequest,
  AppointmentRequestStatus,
  appointedServiceOf,
  requestById,
} from './state';

type Services = Timeline<AppointedService | null>;

/**
 * Folds one appointment event into a created MPAN's state. Total and pure: it never throws, and an
 * event that does not fit the state (an unknown appointment id, a status already moved on) leaves
 * the state as it is.
 *
 * - `ServiceAppointmentRequested` records the request as `Pending` (and marks the request it
 *   supersedes `Superseded`); `ServiceAppointmentSuperseded` does the same for its id.
 * - `ServiceAppointmentAccepted` puts the provider in the service's timeline from the
 *   effective-from date (a same-date entry is replaced; an `Accepted` request it displaces becomes
 *   `Superseded`), so the state on any date is known before day-start runs.
 * - `ServiceAppointmentRejected` / `ServiceAppointmentLapsed` close the request; a lapsed request
 *   still in a timeline leaves `null` (nobody) from its date.
 * - `ServiceAppointmentActivated` marks it `Activated` and makes it the service's active appointment;
 *   `ServiceProviderDeappointed` clears the active appointment it names.
 */
export function evolveAppointment(state: CreatedMpanState, event: AppointmentEvent): CreatedMpanState {
  switch (event.type) {
    case 'ServiceAppointmentRequested': {
      const { mpanCore: _mpanCore, supersedesAppointmentId, ...proposal } = event.data;
      if (requestById(state, proposal.appointmentId)) return state;
      const requests = moveStatus(state.appointmentRequests, supersedesAppointmentId, ['Pending'], 'Superseded');
      return { ...state, appointmentRequests: [...requests, { ...proposal, status: 'Pending' }] };
    }
    case 'ServiceAppointmentSuperseded':
      return withRequests(state, moveStatus(state.appointmentRequests, event.data.appointmentId, ['Pending'], 'Superseded'));
    case 'ServiceAppointmentAccepted':
      return accepted(state, event.data.appointmentId);
    case 'ServiceAppointmentRejected':
      return withRequests(state, moveStatus(state.appointmentRequests, event.data.appointmentId, ['Pending'], 'Rejected'));
    case 'ServiceAppointmentLapsed':
      return lapsed(state, event.data.appointmentId);
    case 'ServiceAppointmentActivated':
      return activated(state, event.data.appointmentId, event.data.effectiveFromDate);
    case 'ServiceProviderDeappointed': {
      const t = event.data.serviceType;
      if (state.activeAppointments[t]?.appointmentId !== event.data.appointmentId) return state;
      return { ...state, activeAppointments: { ...state.activeAppointments, [t]: null } };
    }
    default:
      return unknownEvent(event, state);
  }
}

/**
 * Change of supplier (`SupplierRegistered` with `ChangeOfSupplier`): the outgoing supplier's
 * providers end the day before the supply start date `S`. Appointments of other suppliers that
 * would start after `S` are dropped (they can no longer hold; day-start lapses their requests), and
 * `null` is set from `S` unless nobody is appointed on `S` anyway or an appointment of the incoming
 * supplier already starts on `S`. The state on any date is then right without day-start.
 */
export function endOutgoingProviders(state: CreatedMpanState, e: SupplierRegistered['data']): CreatedMpanState {
  if (e.registrationKind !== 'ChangeOfSupplier') return state;
  const start = e.supplyStartDate;
  const incoming = (v: AppointedService | null) => v !== null && v.requestingSupplierDipId === e.supplierDipId;
  const end = (timeline: Services): Services => {
    const kept = timeline.filter((x) => x.effectiveFromDate <= start || x.value === null || incoming(x.value));
    const onStart = entryOn(kept, start);
    if (!onStart || onStart.value === null) return kept;
    if (onStart.effectiveFromDate === start && incoming(onStart.value)) return kept;
    return setFrom(kept, start, null);
  };
  return { ...state, appointments: { MS: end(state.appointments.MS), DS: end(state.appointments.DS) } };
}

function accepted(state: CreatedMpanState, appointmentId: string): CreatedMpanState {
  const request = requestById(state, appointmentId);
  if (!request || request.status !== 'Pending') return state;
  const t = request.serviceType;
  const displaced = state.appointments[t].find((x) => x.effectiveFromDate === request.effectiveFromDate)?.value;
  let requests = moveStatus(state.appointmentRequests, appointmentId, ['Pending'], 'Accepted');
  if (displaced) requests = moveStatus(requests, displaced.appointmentId, ['Accepted'], 'Superseded');
  const timeline = setFrom(state.appointments[t], request.effectiveFromDate, appointedServiceOf(request));
  return { ...state, appointmentRequests: requests, appointments: { ...state.appointments, [t]: timeline } };
}

function lapsed(state: CreatedMpanState, appointmentId: string): CreatedMpanState {
  const requests = moveStatus(state.appointmentRequests, appointmentId, ['Pending', 'Accepted'], 'Lapsed');
  if (requests === state.appointmentRequests) return state;
  const clear = (timeline: Services): Services =>
    timeline.map((x) => (x.value?.appointmentId === appointmentId ? { effectiveFromDate: x.effectiveFromDate, value: null } : x));
  return { ...state, appointmentRequests: requests, appointments: { MS: clear(state.appointments.MS), DS: clear(state.appointments.DS) } };
}

function activated(state: CreatedMpanState, appointmentId: string, effectiveFromDate: string): CreatedMpanState {
  const request = requestById(state, appointmentId);
  if (!request || request.status !== 'Accepted') return state;
  const t: ServiceType = request.serviceType;
  const previous = state.activeAppointments[t];
  const providerSince =
    previous && previous.providerDipId === request.providerDipId ? previous.providerSince : effectiveFromDate;
  return {
    ...state,
    appointmentRequests: moveStatus(state.appointmentRequests, appointmentId, ['Accepted'], 'Activated'),
    activeAppointments: {
      ...state.activeAppointments,
      [t]: { ...appointedServiceOf(request), effectiveFromDate, providerSince },
    },
  };
}

/** `requests` with the one of `appointmentId` moved to `to` if its status is one of `from` (same array otherwise). */
function moveStatus(
  requests: ReadonlyArray<AppointmentRequest>,
  appointmentId: string | null,
  from: AppointmentRequestStatus[],
  to: AppointmentRequestStatus,
): ReadonlyArray<AppointmentRequest> {
  const i = requests.findIndex((r) => r.appointmentId === appointmentId && from.includes(r.status));
  if (i < 0) return requests;
  return requests.map((r, j) => (j === i ? { ...r, status: to } : r));
}

function withRequests(state: CreatedMpanState, requests: ReadonlyArray<AppointmentRequest>): CreatedMpanState {
  return requests === state.appointmentRequests ? state : { ...state, appointmentRequests: requests };
}

/** Exhaustive at compile time; at run time an unknown event type leaves the state as it is. */
function unknownEvent(_event: never, state: CreatedMpanState): CreatedMpanState {
  return state;
}
