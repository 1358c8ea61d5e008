/**
 * UK civil time for DT-003 date-times (`2025-04-01T09:15:00+01:00`), by arithmetic: British Summer
 * Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 * Days are handled as day numbers (whole days since 1970-01-01), a calendar date with no zone.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of a calendar date `YYYY-MM-DD`.
 * @throws RangeError when `date` is not a calendar-valid `YYYY-MM-DD`.
 */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  }
  return ms / DAY_MS;
}

/** Formatted days, memoised: traffic uses a few hundred distinct days over millions of values. */
const isoCache = new Map<number, string>();
const ISO_CACHE_LIMIT = 20_000;

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size >= ISO_CACHE_LIMIT) isoCache.clear();
    isoCache.set(day, iso);
  }
  return iso;
}

/** `YYYYMMDD` of a day number (the date part of a DT-995 sender unique reference). */
export function compactDate(day: number): string {
  return isoDate(day).replace(/-/g, '');
}

const bstCache = new Map<number, readonly [number, number]>();

/** Day numbers of the last Sundays of March and October of `year` (the BST change days). */
export function bstChangeDays(year: number): readonly [number, number] {
  let days = bstCache.get(year);
  if (!days) {
    const lastSunday = (month0: number) => {
      const last = Date.UTC(year, month0 + 1, 0) / DAY_MS;
      return last - new Date(last * DAY_MS).getUTCDay();
    };
    days = [lastSunday(2), lastSunday(9)] as const;
    bstCache.set(year, days);
  }
  return days;
}

/**
 * UTC offset in minutes (0 GMT, 60 BST) of UK local time `minuteOfDay` (0–1439) on `day`.
 * On the spring change day local 01:00–01:59 does not exist (treated as BST); on the autumn change
 * day 01:00–01:59 happens twice (the first, BST, is taken). The generator only uses 07:00–23:59
 * and midnight, where there is no ambiguity.
 */
export function ukOffsetMinutes(day: number, minuteOfDay: number): 0 | 60 {
  const [start, end] = bstChangeDays(Number(isoDate(day).slice(0, 4)));
  if (day < start || day > end) return 0;
  if (day > start && day < end) return 60;
  if (day === start) return minuteOfDay < 60 ? 0 : 60;
  return minuteOfDay < 120 ? 60 : 0;
}

/**
 * DT-003 date-time (25 characters) of UK local time `minuteOfDay` on `day`, with the UK offset of
 * that moment, e.g. `2025-04-01T09:15:00+01:00`.
 */
export function dt003(day: number, minuteOfDay: number): string {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  const offset = ukOffsetMinutes(day, minuteOfDay) === 60 ? '+01:00' : '+00:00';
  return `${isoDate(day)}T${hh}:${mm}:00${offset}`;
}

/** DT-003 of UK local midnight starting `day` (an effective-from date), e.g. `2025-04-01T00:00:00+01:00`. */
export function dt003Midnight(day: number): string {
  return dt003(day, 0);
}
