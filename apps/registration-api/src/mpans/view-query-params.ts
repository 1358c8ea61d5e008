import { BadRequestException } from '@nestjs/common';
import { decodeCursor, MpanSearchCriteria, normalisePostcode, PageRequest, PortfolioRole } from '@app/projections/mpan-view';
import { quoteInput } from '@app/registration-app';
import { parseLocalDate } from '@app/registration-domain';
import { limitParam } from '../http/query-params';

/**
 * Validation of the query parameters of the view reads (`GET /mpans/{core}`, `GET /mpans`,
 * `GET /participants/{dipId}/portfolio`). Every failure is a 400 whose message names the
 * parameter, what it must be and what was sent (cut to a short excerpt). The checks every read
 * shares (each parameter once, none unknown; `limit`) are in ../http/query-params.ts.
 */

/**
 * A settlement day `YYYY-MM-DD` (calendar-valid), or `fallback` when absent.
 * @throws BadRequestException otherwise.
 */
export function dateParam(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  const day = parseLocalDate(raw);
  if (day === null) throw new BadRequestException(`${name} must be a calendar date YYYY-MM-DD, got ${quoteInput(raw)}`);
  return day;
}

/**
 * `limit` (1–1000, default 100) and `cursor` (a `nextCursor` of an earlier page) as a page request.
 * @throws BadRequestException for a limit out of range or not a whole number, or a cursor this API did not issue.
 */
export function pageParams(limit: string | undefined, cursor: string | undefined): PageRequest {
  const size = limitParam(limit);
  let after: string | null = null;
  if (cursor !== undefined) {
    after = decodeCursor(cursor);
    if (after === null) {
      throw new BadRequestException(`cursor ${quoteInput(cursor)} is not a cursor this API issued; pass a nextCursor from an earlier page unchanged`);
    }
  }
  return { after, limit: size };
}

/** The search parameters of `GET /mpans`, with the wire's length limits (B022 postcode DT-007N, meter id DT-029, ESME GUID DI-085). */
const SEARCH_FIELDS = [
  { name: 'postcode', max: 10 },
  { name: 'meterId', max: 10 },
  { name: 'esmeGuid', max: 23 },
] as const;

/** The search parameter names, for the allowed-parameter list. */
export const SEARCH_PARAMS = SEARCH_FIELDS.map((f) => f.name);

/**
 * Exactly one of `postcode` (compared normalised: upper case, one space before the inward code),
 * `meterId` or `esmeGuid` (compared exactly), non-empty, single-line and within the wire's length.
 * @throws BadRequestException when none or several are given, or the value is empty, too long or has control characters.
 */
export function searchCriteria(params: Record<string, string | undefined>): MpanSearchCriteria {
  const given = SEARCH_FIELDS.filter((f) => params[f.name] !== undefined);
  if (given.length !== 1) {
    const names = SEARCH_FIELDS.map((f) => f.name).join(', ');
    throw new BadRequestException(
      given.length === 0 ? `give one search parameter: ${names}` : `give only one search parameter of ${names}; got ${given.map((f) => f.name).join(' and ')}`,
    );
  }
  const { name, max } = given[0]!;
  const raw = params[name]!;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new BadRequestException(`${name} must not contain control characters`);
  const value = name === 'postcode' ? normalisePostcode(raw) : raw;
  if (value.trim().length === 0 || value.length > max) {
    throw new BadRequestException(`${name} must be 1 to ${max} characters${name === 'postcode' ? ' (once normalised)' : ''}, got ${quoteInput(raw)}`);
  }
  return { [name]: value } as MpanSearchCriteria;
}

/**
 * `role`: `SUP`, `MS` or `DS` (case as given), or `null` when absent (every role).
 * @throws BadRequestException otherwise.
 */
export function roleParam(raw: string | undefined): PortfolioRole | null {
  if (raw === undefined) return null;
  if (raw === 'SUP' || raw === 'MS' || raw === 'DS') return raw;
  throw new BadRequestException(`role must be SUP, MS or DS, got ${quoteInput(raw)}`);
}
