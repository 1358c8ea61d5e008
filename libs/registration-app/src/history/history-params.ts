import { LocalDate, parseLocalDate, UtcInstant } from '@app/registration-domain';
import { isMpanItemName, MPAN_ITEM_NAMES, MpanItemName } from '@app/registration-domain/temporal';
import { quoteInput } from '../errors/quote-input';

/**
 * The parameters of the temporal queries (issue #6), checked the same way for the HTTP API and the
 * CLI: `knownAt` (recorded-time axis, a UTC instant), `effectiveAt` / `date` (effective-time axis,
 * a UK settlement day) and `item` (a data item of the snapshot). Each parser takes the name the
 * caller knows the parameter by (`knownAt`, `--known-at`) so the message names it.
 */

/** A temporal query parameter was malformed (the API answers 400, the CLI prints the message). */
export class InvalidHistoryQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidHistoryQueryError';
  }
}

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with an explicit offset or `Z` (`2025-06-01T09:30:00Z`,
 * `2025-06-01T10:30:00.250+01:00`; seconds and fractions optional, fractions beyond milliseconds
 * truncated), normalised to UTC (`2025-06-01T09:30:00.000Z`). A date alone or a local time without
 * an offset is refused: it does not name one instant.
 * @throws InvalidHistoryQueryError naming `name` otherwise (with a hint when a `+` arrived as a space,
 *   as an unencoded `+` in a URL query does).
 */
export function parseKnownAt(name: string, raw: string): UtcInstant {
  const m = INSTANT_RE.exec(raw);
  const fail = (why: string) =>
    new InvalidHistoryQueryError(
      `${name} must be an ISO 8601 instant with an explicit offset or Z, e.g. 2025-06-01T09:30:00Z or 2025-06-01T10:30:00+01:00; got ${quoteInput(raw)}${why}`,
    );
  if (!m) throw fail(/ \d{2}:\d{2}$/.test(raw) ? " (a '+' in a URL query must be sent as %2B)" : '');
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  if (parseLocalDate(`${y}-${mo}-${d}`) === null) throw fail(' (not a calendar date)');
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) throw fail(' (not a time of day)');
  if (sign !== undefined && (Number(oh) > 14 || Number(om) > 59)) throw fail(' (not a UTC offset)');
  const at = new Date(0);
  at.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  at.setUTCHours(Number(h), Number(mi), Number(s ?? 0), Number((frac ?? '0').padEnd(3, '0').slice(0, 3)));
  const offsetMinutes = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(at.getTime() - offsetMinutes * 60_000).toISOString() as UtcInstant;
}

/**
 * A UK settlement day `YYYY-MM-DD` (calendar-valid).
 * @throws InvalidHistoryQueryError naming `name` otherwise.
 */
export function parseSettlementDay(name: string, raw: string): LocalDate {
  const day = parseLocalDate(raw);
  if (day === null) throw new InvalidHistoryQueryError(`${name} must be a calendar date YYYY-MM-DD (a UK settlement day), got ${quoteInput(raw)}`);
  return day;
}

/**
 * One of the snapshot's item names ({@link MPAN_ITEM_NAMES}, case as listed).
 * @throws InvalidHistoryQueryError naming `name` and listing the valid names otherwise.
 */
export function parseItemName(name: string, raw: string): MpanItemName {
  if (isMpanItemName(raw)) return raw;
  throw new InvalidHistoryQueryError(`${name} must be one of ${MPAN_ITEM_NAMES.join(', ')}; got ${quoteInput(raw)}`);
}
