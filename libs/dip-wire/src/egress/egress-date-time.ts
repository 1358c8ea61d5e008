import { parseLocalDate } from '@app/registration-domain';
import { isUkLocalMidnight } from '../settlement-day';
import { EgressRenderError } from './egress-types';

/**
 * How the registry's dates and instants become DT-003 date-times on egress (exactly 25 characters,
 * `YYYY-MM-DDTHH:MM:SS±HH:MM`):
 *
 * - a **settlement day** D (every effective-from / effective-to date, installation and removal
 *   date) renders as the start of D in UK local time, with the UK offset of that instant:
 *   `2025-01-15` → `2025-01-15T00:00:00+00:00` (GMT), `2025-07-01` → `2025-07-01T00:00:00+01:00`
 *   (BST). The inbound edge reads any DT-003 value as the Europe/London day containing it
 *   (`settlementDayOf`), so this round-trips exactly, and it is local midnight as REG1032 requires.
 *   An inclusive end date ("effective to D") renders the same way: the start of its last day.
 * - a **UTC instant** (when the event was recorded) renders in UTC, truncated to the second:
 *   `2025-04-01T09:30:00.123Z` → `2025-04-01T09:30:00+00:00`.
 */

/**
 * Settlement days already rendered (a pure function of the date; the Europe/London lookup it
 * needs is costly and a feed renders the same few dates over and over). Bounded: emptied when
 * it reaches {@link RENDERED_DAYS_MAX} entries.
 */
const renderedDays = new Map<string, string>();
const RENDERED_DAYS_MAX = 20_000;

/**
 * DT-003 value of the start of UK settlement day `date` (`YYYY-MM-DD`).
 * @param what names the item, for the error message.
 * @throws EgressRenderError when `date` is not a calendar date from 1900 to 9999.
 */
export function dipDateTimeOfSettlementDay(date: string, what = 'date'): string {
  const known = typeof date === 'string' ? renderedDays.get(date) : undefined;
  if (known !== undefined) return known;
  const rendered = renderSettlementDay(date, what);
  if (renderedDays.size >= RENDERED_DAYS_MAX) renderedDays.clear();
  renderedDays.set(date, rendered);
  return rendered;
}

function renderSettlementDay(date: string, what: string): string {
  if (typeof date !== 'string' || parseLocalDate(date) === null) {
    throw new EgressRenderError(`${what} ${JSON.stringify(date)} is not a settlement day (YYYY-MM-DD)`);
  }
  const bst = `${date}T00:00:00+01:00`;
  try {
    // UK clocks change at 01:00 UTC, never at midnight: local midnight is either +01:00 or +00:00.
    return isUkLocalMidnight(bst) ? bst : `${date}T00:00:00+00:00`;
  } catch (e) {
    throw new EgressRenderError(`${what} ${date} cannot be written as a DT-003 date-time: ${(e as Error).message}`);
  }
}

/** Like {@link dipDateTimeOfSettlementDay}, `null` for `null`. */
export function dipDateTimeOrNull(date: string | null, what?: string): string | null {
  return date === null ? null : dipDateTimeOfSettlementDay(date, what);
}

/**
 * DT-003 value of a UTC instant (ISO 8601 ending in `Z`): `YYYY-MM-DDTHH:MM:SS+00:00`, fractions of
 * a second dropped.
 * @throws EgressRenderError when `instant` is not such an instant.
 */
export function dipDateTimeOfInstant(instant: string, what = 'instant'): string {
  const m = typeof instant === 'string' ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(instant) : null;
  if (!m || Number.isNaN(Date.parse(instant)) || parseLocalDate(instant.slice(0, 10)) === null) {
    throw new EgressRenderError(`${what} ${JSON.stringify(instant)} is not a UTC instant (ISO 8601 ending in Z)`);
  }
  return `${m[1]}+00:00`;
}
