/**
 * A UK settlement day, `YYYY-MM-DD` (a calendar date, not an instant).
 *
 * Effective-from dates are dates; recorded-at times are UTC instants (ISO strings). Keeping the two
 * as different types stops a time zone from ever moving a date (design brief §5).
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** A UTC instant as an ISO 8601 string ending in `Z`, e.g. `2025-04-01T09:30:00.000Z`. */
export type UtcInstant = string & { readonly __brand: 'UtcInstant' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses `YYYY-MM-DD` into a {@link LocalDate}, checking it is a real calendar date
 * (no 2025-02-30). Returns `null` when it is not.
 */
export function parseLocalDate(raw: string): LocalDate | null {
  const m = DATE_RE.exec(raw);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return raw as LocalDate;
}

/**
 * Like {@link parseLocalDate} but throws.
 * @throws RangeError when `raw` is not a calendar-valid `YYYY-MM-DD`.
 */
export function localDate(raw: string): LocalDate {
  const d = parseLocalDate(raw);
  if (d === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(raw)}`);
  return d;
}

/** `date` plus `days` calendar days (negative to go back). Pure calendar arithmetic, no zones. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10) as LocalDate;
}

/** Whole calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const toUtc = (s: LocalDate) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** -1, 0 or 1: ISO dates compare correctly as strings. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
