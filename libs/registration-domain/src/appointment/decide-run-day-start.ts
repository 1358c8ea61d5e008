import { mpanUnknown } from '../registration/decide-common';
import { DecisionContext } from '../registration/commands';
import { MpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { accept, Decision, reject } from '../shared/rejection';
import { RunDayStart } from './commands';
import { activationsOn, lapsesOn } from './activation';
import { appointmentSenderReasons } from './appointment-common';
import { MpanEvent } from '../registration/mpan-messages';
import { remindersOn } from '../network/reminders';
import { SERVICE_TYPES } from './state';

/**
 * Day-start of one MPAN for settlement day `D` (sent by the registry itself: `S1.senderRoleID`
 * `REGS`, a sender holding REGS on `D`).
 *
 * Accepted, with the events in this order (possibly none):
 * 1. per service, MS then DS, in date order (`activationsOn`): every accepted appointment with
 *    effective-from ≤ `D` not yet activated → `ServiceAppointmentActivated` (IF-036), followed by
 *    `ServiceProviderDeappointed` (IF-037, to = from − 1) for the different provider it replaces;
 *    and the `CSUPP` de-appointment of an outgoing supplier's provider once the new supply start
 *    is ≤ `D`, even when the new supplier appointed nobody;
 * 2. lapses (`lapsesOn`): requests whose supplier is not registered on their effective-from date
 *    (`SupplierNotRegistered`), pending requests with `requestedOn + lapseAfterDays < D`
 *    (`NoProviderResponse`);
 * 3. IF-045 reminders (`remindersOn`, network/reminders.ts): `RegistrationReminderIssued` for
 *    `[InvalidMarketSegment]` and `[NoMSAppointed]` / `[NoDSAppointed]` while an appointed provider
 *    does not fit the market segment on `D` (after a change of segment, until SEG re-appointment).
 * Idempotent: a day run twice emits nothing the second time. Days missed after downtime are
 * caught up by running each in order (running only the latest also catches up, with every
 * `activatedOn` set to that day).
 *
 * Rejected: LOC001 (role id not REGS), LOC002, LOC004, REG0000.
 */
export function decideRunDayStart(
  command: RunDayStart,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<MpanEvent> {
  const date = command.data.settlementDate;
  const reasons = appointmentSenderReasons(command, ['REGS'], 'REGS', date, ref);
  if (state.status === 'Absent') reasons.push(mpanUnknown(command.mpanCore));
  if (reasons.length > 0 || state.status === 'Absent') return reject(reasons);
  return accept([
    ...SERVICE_TYPES.flatMap((t) => activationsOn(state, t, date)),
    ...lapsesOn(state, date, command.data.lapseAfterDays),
    ...remindersOn(state, date),
  ]);
}
