import { labelOf } from '../appointment/appointment-common';
import { SERVICE_NAMES } from '../appointment/state';
import { CreatedMpanState } from '../registration/state';
import { addDays, LocalDate } from '../shared/local-date';
import { entryOn, valueOn } from '../shared/timeline';
import { incompatibleAppointments } from './decide-network-changes';
import { IncompatibleAppointment, RegistrationReminderIssued } from './events';

/** How many days ahead `reminderDueDates` looks (a catch-up longer than this issues the first year's reminders). */
export const MAX_REMINDER_SCAN_DAYS = 366;

/**
 * The IF-045 reminders day-start issues on settlement day `date` (mhhs-domain.md §2.2, §3.1): when
 * a supplier is registered on `date` and a provider appointed on it acts in a role the market
 * segment on `date` does not allow (after a change of segment, until the supplier re-appoints with
 * scenario SEG): `[InvalidMarketSegment]`, then `[NoMSAppointed]` and/or `[NoDSAppointed]` for each
 * service whose provider is incompatible. None when reminders were already issued on or after
 * `date` (`lastReminderDate`), so a day run twice issues them once.
 */
export function remindersOn(state: CreatedMpanState, date: string): RegistrationReminderIssued[] {
  if (state.lastReminderDate !== null && date <= state.lastReminderDate) return [];
  const supplier = valueOn(state.suppliers, date);
  const segment = entryOn(state.marketSegment, date);
  if (!supplier || !segment) return [];
  const incompatible = incompatibleAppointments(state, date, segment.value);
  if (incompatible.length === 0) return [];
  const base = { mpanCore: state.mpanCore, settlementDate: date, marketSegment: segment.value, supplierDipId: supplier.supplierDipId };
  const segmentText = `the market segment of MPAN ${state.mpanCore} is ${segment.value} from ${segment.effectiveFromDate}`;
  return [
    {
      type: 'RegistrationReminderIssued',
      data: {
        ...base,
        reminder: 'InvalidMarketSegment',
        serviceType: null,
        providers: incompatible,
        additionalInformation: `${segmentText}, but ${incompatible.map(acting).join(' and ')}: re-appoint with scenario SEG from ${segment.effectiveFromDate}`,
      },
    },
    ...incompatible.map(
      (p): RegistrationReminderIssued => ({
        type: 'RegistrationReminderIssued',
        data: {
          ...base,
          reminder: p.serviceType === 'MS' ? 'NoMSAppointed' : 'NoDSAppointed',
          serviceType: p.serviceType,
          providers: [p],
          additionalInformation: `no ${SERVICE_NAMES[p.serviceType]} fit for market segment ${segment.value} is appointed on ${date}: ${acting(p)}; appoint a provider acting as ${p.requiredRole} with scenario SEG from ${segment.effectiveFromDate}`,
        },
      }),
    ),
  ];
}

/**
 * The days in (`after`, `through`] on which {@link remindersOn} has reminders to issue, ascending,
 * looking at most {@link MAX_REMINDER_SCAN_DAYS} days from the first candidate day (the day after
 * `after`, after the last reminders, and not before the first change of market segment).
 */
export function reminderDueDates(state: CreatedMpanState, after: string, through: string): LocalDate[] {
  const firstChange = state.marketSegment[1]?.effectiveFromDate;
  if (!firstChange) return [];
  const starts = [firstChange, after === '' ? '' : addDays(after as LocalDate, 1)];
  if (state.lastReminderDate !== null) starts.push(addDays(state.lastReminderDate as LocalDate, 1));
  const start = starts.reduce((a, b) => (a > b ? a : b)) as LocalDate;
  const dates: LocalDate[] = [];
  for (let i = 0, day = start; i < MAX_REMINDER_SCAN_DAYS && day <= through; i++, day = addDays(day, 1)) {
    if (remindersOn(state, day).length > 0) dates.push(day);
  }
  return dates;
}

const acting = (p: IncompatibleAppointment) =>
  `the appointed ${p.serviceType} ${labelOf(p.providerDipId, p.providerMpid)} acts as ${p.providerRole}, not ${p.requiredRole}`;
