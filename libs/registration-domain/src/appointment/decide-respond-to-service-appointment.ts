import { mpanUnknown, participantLabel } from '../registration/decide-common';
import { DecisionContext } from '../registration/commands';
import { broken } from '../registration/rules';
import { CreatedMpanState, MpanState } from '../registration/state';
import { ReferenceData, RoleCode, isRoleCode } from '../reference-data/reference-data';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { valueOn } from '../shared/timeline';
import { RespondToServiceAppointment } from './commands';
import { activationsOn } from './activation';
import { appointmentSenderReasons, labelOf } from './appointment-common';
import { AppointmentEvent, ServiceAppointmentAccepted } from './events';
import { evolveAppointment } from './evolve-appointment';
import { AppointmentRequest, pendingRequestFor, SERVICE_NAMES, SERVICE_ROLES } from './state';

/** B007 `proposedAppointmentResponseCode` that accepts (`SP000 - Proposed Appointment ACCEPTED`). */
export const SP_ACCEPTED = 'SP000';

/**
 * IF-034 `[MSAppSPResponse]` / `[DSAppSPResponse]`: the proposed provider accepts or rejects the
 * pending request of a service.
 *
 * Accepted:
 * - `R` → `ServiceAppointmentRejected` (IF-035 `…Rejected`);
 * - `A` → `ServiceAppointmentAccepted` (IF-035 `…Accepted`); when the effective-from date is on or
 *   before `respondedOn`, the service is brought up to date at once (`activationsOn`):
 *   `ServiceAppointmentActivated` and, for a different outgoing provider, `ServiceProviderDeappointed`;
 * - `A` for a request whose supplier is no longer the supplier registered on its effective-from
 *   date → `ServiceAppointmentLapsed` (`SupplierNotRegistered`) instead: it can no longer hold.
 *
 * Rejected with every broken rule: sender (LOC001 role id not the pending request's provider role,
 * or not a role of the service when none is pending; LOC002; LOC004; REG0000), MPAN unknown
 * (REG0000), no pending request of the service (LOC026), sender not its proposed provider (LOC027),
 * the B070/B071 + B012 echo not matching it (LOC028), `A` without `SP000` or `R` with it (LOC029).
 */
export function decideRespondToServiceAppointment(
  command: RespondToServiceAppointment,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<AppointmentEvent> {
  const d = command.data;
  const t = d.serviceType;
  const pending = state.status === 'Created' ? pendingRequestFor(state, t) : undefined;
  const allowed: readonly RoleCode[] = pending && isRoleCode(pending.providerRole) ? [pending.providerRole] : SERVICE_ROLES[t];
  const roleText = allowed.length === 1 ? allowed.join('') : `a ${SERVICE_NAMES[t]} role (${allowed.join(', ')})`;
  const reasons = appointmentSenderReasons(command, allowed, roleText, d.effectiveFromDate, ref);
  if (state.status === 'Absent') {
    reasons.push(mpanUnknown(command.mpanCore));
  } else if (!pending) {
    reasons.push(broken('NoPendingAppointmentRequest', `no ${t} appointment request is pending for MPAN ${command.mpanCore}`));
  } else {
    reasons.push(...pendingReasons(command, pending, ref));
  }
  reasons.push(...responseCodeReasons(command));
  if (reasons.length > 0 || state.status === 'Absent' || !pending) return reject(reasons);

  const ids = { mpanCore: command.mpanCore, appointmentId: pending.appointmentId, serviceType: t };
  if (d.responseCode === 'R') {
    return accept([{ type: 'ServiceAppointmentRejected', data: { ...ids, proposedAppointmentResponseCode: d.proposedAppointmentResponseCode } }]);
  }
  if (valueOn(state.suppliers, pending.effectiveFromDate)?.supplierDipId !== pending.requestingSupplierDipId) {
    return accept([{ type: 'ServiceAppointmentLapsed', data: { ...ids, reason: 'SupplierNotRegistered', lapsedOn: d.respondedOn } }]);
  }
  const accepted: ServiceAppointmentAccepted = {
    type: 'ServiceAppointmentAccepted',
    data: { ...ids, proposedAppointmentResponseCode: d.proposedAppointmentResponseCode },
  };
  const after: CreatedMpanState = evolveAppointment(state, accepted);
  const now = pending.effectiveFromDate <= d.respondedOn ? activationsOn(after, t, d.respondedOn) : [];
  return accept([accepted, ...now]);
}

/** LOC027 (sender is not the proposed provider) and LOC028 (the echoed proposal differs). */
function pendingReasons(command: RespondToServiceAppointment, pending: AppointmentRequest, ref: ReferenceData): RejectionReason[] {
  const d = command.data;
  const t = d.serviceType;
  const reasons: RejectionReason[] = [];
  const proposed = labelOf(pending.providerDipId, pending.providerMpid);
  if (command.context.senderDipId !== pending.providerDipId) {
    reasons.push(
      broken(
        'ResponderNotProposedProvider',
        `sender ${participantLabel(command.context.senderDipId, ref)} is not ${proposed}, the proposed ${t} of pending request ${pending.appointmentId}`,
      ),
    );
  }
  const pendingText = `${proposed} from ${pending.effectiveFromDate} requested by ${labelOf(pending.requestingSupplierDipId, pending.requestingSupplierMpid)}`;
  const answeredText = `${labelOf(d.providerDipId, d.providerMpid)} from ${d.effectiveFromDate} requested by ${labelOf(d.requestingSupplierDipId, d.requestingSupplierMpid)}`;
  if (pendingText !== answeredText) {
    reasons.push(
      broken('PendingAppointmentMismatch', `the pending ${t} request ${pending.appointmentId} is for ${pendingText}, not for ${answeredText}`),
    );
  }
  return reasons;
}

/** LOC029: B007 `responseCode` `A` comes with an `SP000` code and `R` with any other. */
function responseCodeReasons(command: RespondToServiceAppointment): RejectionReason[] {
  const { responseCode, proposedAppointmentResponseCode: sp } = command.data;
  const accepts = sp.trim().startsWith(SP_ACCEPTED);
  if (responseCode === 'A' && !accepts) {
    return [broken('ResponseCodeVsSpCode', `response code A (accepted) needs proposed appointment response code ${SP_ACCEPTED}, not ${JSON.stringify(sp)}`)];
  }
  if (responseCode === 'R' && accepts) {
    return [broken('ResponseCodeVsSpCode', `response code R (rejected) cannot come with proposed appointment response code ${JSON.stringify(sp)}`)];
  }
  return [];
}
