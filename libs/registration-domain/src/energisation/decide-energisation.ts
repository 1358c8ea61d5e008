import { appointmentSenderReasons } from '../appointment/appointment-common';
import { SERVICE_ROLES } from '../appointment/state';
import { appointedSenderReasons, futureReasons } from '../metering/meter-rules';
import { disconnectedReasons } from '../network/disconnection';
import { DecisionContext } from '../registration/commands';
import { mpanUnknown, notBeforeMpan } from '../registration/decide-common';
import { broken } from '../registration/rules';
import { MpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { addDays } from '../shared/local-date';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { valueOn } from '../shared/timeline';
import { ChangeEnergisationStatus, ReportEnergisationFailure } from './commands';
import { EnergisationEvent } from './events';

const MS_ROLES_TEXT = 'MSS, MSA or UMSO';

/**
 * IF-007 `[EnergisationStatusChange]`: the metering service (de-)energised the metering point.
 *
 * Accepted: `EnergisationStatusChanged` (IF-008 to the MS, DS, supplier, LDSO, MDS, EES).
 * Rejected with every broken rule: sender (LOC001 role id not MSS/MSA/UMSO, LOC002 on the
 * effective-from date, LOC004, REG0000), MPAN unknown (REG0000), disconnected on the receipt day
 * (REG1001, unless the change is to `D`), sender not the MS appointed on the effective-from date
 * (REG1002), status `U` (LOC032), the status already effective on that date (LOC022), before the
 * MPAN (LOC012), dated after the receipt day (REG1020: the MS reports what it did on site).
 */
export function decideChangeEnergisationStatus(
  command: ChangeEnergisationStatus,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<EnergisationEvent> {
  const d = command.data;
  const what = '[EnergisationStatusChange]';
  const sender = command.context.senderDipId;
  const reasons: RejectionReason[] = appointmentSenderReasons(command, SERVICE_ROLES.MS, MS_ROLES_TEXT, d.effectiveFromDate, ref);
  const created = state.status === 'Created' ? state : undefined;
  if (!created) reasons.push(mpanUnknown(command.mpanCore));
  else {
    if (d.energisationStatus !== 'D') reasons.push(...disconnectedReasons(created, d.receivedOn, what));
    reasons.push(...appointedSenderReasons(sender, created, d.effectiveFromDate, what, false, ref));
  }
  if (d.energisationStatus === 'U') {
    reasons.push(broken('EnergisationStatusNotSettable', `energisation status U is not a status a metering service sets: send E (energised) or D (de-energised)`));
  }
  const current = created ? valueOn(created.energisationStatus, d.effectiveFromDate) : undefined;
  if (current === d.energisationStatus) {
    reasons.push(broken('NoChange', `energisation status is already ${current} on ${d.effectiveFromDate}`));
  }
  if (created) reasons.push(...notBeforeMpan('energisation status effective-from date', d.effectiveFromDate, created.effectiveFromDate));
  reasons.push(...futureReasons(d.effectiveFromDate, d.receivedOn, what));
  if (reasons.length > 0 || !created) return reject(reasons);
  return accept([
    {
      type: 'EnergisationStatusChanged',
      data: {
        mpanCore: command.mpanCore,
        energisationStatus: d.energisationStatus,
        effectiveFromDate: d.effectiveFromDate,
        previousEnergisationStatus: valueOn(created.energisationStatus, addDays(d.effectiveFromDate, -1)) ?? null,
        meteringServiceDipId: sender,
        receivedOn: d.receivedOn,
      },
    },
  ]);
}

/**
 * IF-007 `[EnergisationStatusFailure]`: the metering service could not (de-)energise. B040 has no
 * date, so the event date is the receipt day.
 *
 * Accepted: `EnergisationFailureReported` (IF-007 passed on to the supplier only). Rejected:
 * sender (LOC001, LOC002 on the receipt day, LOC004, REG0000), MPAN unknown (REG0000), sender not
 * the MS appointed on the receipt day (REG1002). Allowed after disconnection.
 */
export function decideReportEnergisationFailure(
  command: ReportEnergisationFailure,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<EnergisationEvent> {
  const d = command.data;
  const sender = command.context.senderDipId;
  const reasons: RejectionReason[] = appointmentSenderReasons(command, SERVICE_ROLES.MS, MS_ROLES_TEXT, d.receivedOn, ref);
  if (state.status === 'Absent') reasons.push(mpanUnknown(command.mpanCore));
  else reasons.push(...appointedSenderReasons(sender, state, d.receivedOn, '[EnergisationStatusFailure]', false, ref));
  if (reasons.length > 0) return reject(reasons);
  return accept([
    {
      type: 'EnergisationFailureReported',
      data: {
        mpanCore: command.mpanCore,
        failureReasonCode: d.failureReasonCode,
        siteVisitCheckCode: d.siteVisitCheckCode,
        natureOfMaintenance: d.natureOfMaintenance,
        additionalInformation: d.additionalInformation,
        meteringServiceDipId: sender,
        reportedOn: d.receivedOn,
      },
    },
  ]);
}
