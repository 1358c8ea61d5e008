import { broken } from '../registration/rules';
import { CreatedMpanState } from '../registration/state';
import { RejectionReason } from '../shared/rejection';
import { periodOn, valueOn } from '../shared/timeline';

/**
 * The commands a disconnected MPAN still accepts (IF-009: "it is no longer possible to register an
 * MPAN following this point"): the reconnection itself, taking meters out and correcting removed
 * meters' history (`[MeterRemoval]`, `[MeterHistoryUpdate]`), de-energisation and energisation
 * failures from the metering service, a provider's answer to a pending appointment (IF-034) and
 * the registry's own day-start. Everything else is rejected with REG1001 ({@link disconnectedReasons}).
 */
export const ALLOWED_AFTER_DISCONNECTION = [
  'ReconnectMpan',
  '[MeterRemoval]',
  '[MeterHistoryUpdate]',
  'ChangeEnergisationStatus to D',
  'ReportEnergisationFailure',
  'RespondToServiceAppointment',
  'RunDayStart',
] as const;

/** True when the MPAN is disconnected (MP status `X`) on settlement day `date`. */
export function isDisconnectedOn(state: CreatedMpanState, date: string): boolean {
  return valueOn(state.disconnectionStatus, date) === 'Disconnected';
}

/**
 * REG1001 (MP/RMP status must be Created/Operational): the MPAN is disconnected on `today`, the
 * settlement day the message is received, so `what` (e.g. `[MeterInstall]`) is refused. `[]` when
 * it is not disconnected on that day.
 */
export function disconnectedReasons(state: CreatedMpanState, today: string, what: string): RejectionReason[] {
  const period = periodOn(state.disconnectionStatus, today);
  if (period?.value !== 'Disconnected') return [];
  return [
    broken(
      'MpanDisconnected',
      `MPAN ${state.mpanCore} is disconnected (MP status X) from ${period.effectiveFromDate}: ${what} is not accepted after disconnection`,
    ),
  ];
}
