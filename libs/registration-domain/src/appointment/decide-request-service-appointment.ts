import { mpanUnknown, notBeforeMpan } from '../registration/decide-common';
import { DecisionContext } from '../registration/commands';
import { broken } from '../registration/rules';
import { MpanState } from '../registration/state';
import { disconnectedReasons } from '../network/disconnection';
import { ReferenceData } from '../reference-data/reference-data';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { valueOn } from '../shared/timeline';
import { AppointmentScenario, RequestServiceAppointment } from './commands';
import { appointmentSenderReasons, labelOf } from './appointment-common';
import { AppointmentEvent, ServiceAppointmentSuperseded } from './events';
import {
  backdatingReasons,
  cosReasons,
  currentSupplierReasons,
  dateReasons,
  overlapReasons,
  providerReasons,
} from './request-rules';
import { dataServiceProposalOf, pendingRequestFor, serviceRoleFor } from './state';

/** The scenarios this registry decides; the migration scenarios (MCA, MCS) and ALG are not supported. */
export const SUPPORTED_SCENARIOS: readonly AppointmentScenario[] = ['COS', 'CSP', 'USP', 'SEG'];

/**
 * IF-031 `[MSApp]` / `[DSApp]`: a supplier asks the registry to appoint a metering or data service.
 *
 * Accepted: `ServiceAppointmentRequested` (the appointment id is the message key; IF-032 accepted to
 * the supplier, IF-033 to the provider; a DS request also records the B071 proposal details,
 * `data.dataServiceProposal`, under their own names), followed by `ServiceAppointmentSuperseded`
 * when it replaces a pending request of the same service (REG1089, informational: see
 * {@link supersededNote}).
 *
 * Rejected with every broken rule, in this order: sender (LOC001 not SUP, LOC002 not holding SUP
 * on the effective-from date, LOC004, REG0000), MPAN unknown (REG0000), the MPAN disconnected on
 * `requestedOn` (REG1001), scenario supported
 * (LOC024), dates (REG1032 local midnight, REG1099, REG1034, LOC012), the scenario's rules (COS:
 * REG0005, REG0006, REG1032, REG1019; CSP/USP/SEG: REG1033, REG1032, REG1025, REG1026, REG1095,
 * LOC025), no overlap (REG1032), the provider (REG1090–REG1093, REG1031, REG1030).
 * "Today" is `data.requestedOn`.
 */
export function decideRequestServiceAppointment(
  command: RequestServiceAppointment,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<AppointmentEvent> {
  const d = command.data;
  const reasons: RejectionReason[] = appointmentSenderReasons(command, ['SUP'], 'SUP', d.effectiveFromDate, ref);
  const created = state.status === 'Created' ? state : undefined;
  if (!created) reasons.push(mpanUnknown(command.mpanCore));
  else reasons.push(...disconnectedReasons(created, d.requestedOn, `[${d.serviceType}App]`));
  const supported = SUPPORTED_SCENARIOS.includes(d.appointmentScenario);
  if (!supported) {
    reasons.push(
      broken(
        'AppointmentScenarioNotSupported',
        `appointment scenario ${d.appointmentScenario} is not supported: this registry decides ${SUPPORTED_SCENARIOS.join(', ')} (every MPAN it holds is migrated)`,
      ),
    );
  }
  reasons.push(...dateReasons(command));
  if (created) {
    reasons.push(...backdatingReasons(command, created));
    reasons.push(...notBeforeMpan(`${d.serviceType} effective-from date`, d.effectiveFromDate, created.effectiveFromDate));
    if (d.appointmentScenario === 'COS') reasons.push(...cosReasons(command, created, ref));
    else if (supported) reasons.push(...currentSupplierReasons(command, created, ref));
    reasons.push(...overlapReasons(command, created));
  }
  reasons.push(...providerReasons(command, created, ref));
  // With no reason, the MPAN exists, its segment on the date is known (else REG1031) and the sender
  // is a known participant (else LOC002).
  const segment = created && valueOn(created.marketSegment, d.effectiveFromDate);
  const supplier = ref.participant(command.context.senderDipId);
  if (reasons.length > 0 || !created || !segment || !supplier) return reject(reasons);

  const appointmentId = command.context.messageKey;
  const pending = pendingRequestFor(created, d.serviceType);
  const events: AppointmentEvent[] = [
    {
      type: 'ServiceAppointmentRequested',
      data: {
        mpanCore: command.mpanCore,
        appointmentId,
        serviceType: d.serviceType,
        providerRole: serviceRoleFor(d.serviceType, segment),
        providerDipId: d.providerDipId,
        providerMpid: d.providerMpid,
        requestingSupplierDipId: supplier.dipId,
        requestingSupplierMpid: supplier.mpid,
        effectiveFromDate: d.effectiveFromDate,
        contractReference: d.contractReference,
        appointmentScenario: d.appointmentScenario,
        cssRegistrationId: d.cssRegistrationId,
        requestedOn: d.requestedOn,
        supersedesAppointmentId: pending?.appointmentId ?? null,
        ...(d.serviceType === 'DS' && d.dataServiceProposal ? dataServiceProposalOf(d.dataServiceProposal) : undefined),
      },
    },
  ];
  if (pending) {
    events.push({
      type: 'ServiceAppointmentSuperseded',
      data: { mpanCore: command.mpanCore, appointmentId: pending.appointmentId, serviceType: d.serviceType, supersededByAppointmentId: appointmentId },
    });
  }
  return accept(events);
}

/**
 * REG1089, informational (not a rejection): the note to put in the IF-032 of the request that
 * superseded a pending one, naming both requests. `state` is the state before or after the event
 * (the superseded request is looked up by id).
 */
export function supersededNote(event: ServiceAppointmentSuperseded, state: MpanState): RejectionReason {
  const e = event.data;
  const old = state.status === 'Created' ? state.appointmentRequests.find((r) => r.appointmentId === e.appointmentId) : undefined;
  const what = old ? ` (${labelOf(old.providerDipId, old.providerMpid)} from ${old.effectiveFromDate})` : '';
  return broken(
    'PendingRequestSuperseded',
    `${e.serviceType} request ${e.supersededByAppointmentId} supersedes the pending ${e.serviceType} request ${e.appointmentId}${what}`,
  );
}
