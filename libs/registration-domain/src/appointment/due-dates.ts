import { addDays, LocalDate } from '../shared/local-date';
import { reminderDueDates } from '../network/reminders';
import { CreatedMpanState } from '../registration/state';

/**
 * The settlement days in (`after`, `through`] on which the day-start process has something to do
 * for this MPAN, ascending: the effective-from dates of accepted appointments not yet active (IF-036,
 * IF-037), the supply start dates (CSUPP de-appointments), and the first day a pending request is
 * past its answer time (`requestedOn + lapseAfterDays + 1`, IF-035 lapse), and every day IF-045
 * reminders are due after a change of market segment (`reminderDueDates`: while an appointed
 * provider does not fit the segment, so such an MPAN stays due). Running `RunDayStart` on
 * exactly these days gives each activation, de-appointment and lapse its true date when catching up
 * over a long gap (replays, downtime), without running every day in between.
 */
export function dayStartDueDates(state: CreatedMpanState, after: string, through: string, lapseAfterDays: number): LocalDate[] {
  const dates = new Set<string>();
  const add = (date: string) => {
    if (date > after && date <= through) dates.add(date);
  };
  for (const request of state.appointmentRequests) {
    if (request.status === 'Accepted' || request.status === 'Pending') add(request.effectiveFromDate);
    if (request.status === 'Pending') add(addDays(request.requestedOn as LocalDate, lapseAfterDays + 1));
  }
  for (const supply of state.suppliers) add(supply.effectiveFromDate);
  for (const day of reminderDueDates(state, after, through)) add(day);
  return [...dates].sort() as LocalDate[];
}
