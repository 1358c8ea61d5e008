import { BadRequestException } from '@nestjs/common';
import { decodeCursor, MpanSearchCriteria, normalisePostcode, PageRequest, PortfolioRole } from '@app/projections/mpan-view';
import { parseLocalDate } from '@app/registration-domain';

/**
 * Validation of the query parameters of the view reads (`GET /mpans/{core}`, `GET /mpans`,
 * `GET /participants/{dipId}/portfolio`). Every failure is a 400 whose message names the
 * parameter, what it must be and what was sent.
 */

/** Read-your-writes parameters every view read accepts (checked by `ReadYourWrites.await`). */
export const WAIT_PARAMS = ['minPosition', 'maxWaitMs'] as const;

/** Default and largest page size. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/**
 * The query as single strings: each parameter at most once, none but `allowed`.
 * @throws BadRequestException for an unknown parameter, a repeated one or a structured one (`a[b]=`).
 */
export function singleValued(query: Record<string, unknown>, allowed: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) {
      throw new BadRequestException(`unknown query parameter ${JSON.stringify(name)}; this endpoint accepts ${allowed.join(', ')}`);
    }
    if (typeof value !== 'string') {
      throw new BadRequestException(`query parameter ${name} must be given once, as a plain value`);
    }
    out[name] = value;
  }
  return out;
}

/**
 * A settlement day `YYYY-MM-DD` (calendar-valid), or `fallback` when absent.
 * @throws BadRequestException otherwise.
 */
export function dateParam(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  const day = parseLocalDate(raw);
  if (day === null) throw new BadRequestException(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return day;
}

/**
 * `limit` (1–1000, default 100) and `cursor` (a `nextCursor` of an earlier page) as a page request.
 * @throws BadRequestException for a limit out of range or not a whole number, or a cursor this API did not issue.
 */
export function pageParams(limit: string | undefined, cursor: string | undefined): PageRequest {
  const size = limit ?? String(DEFAULT_LIMIT);
  if (!/^\d{1,4}$/.test(size) || Number(size) < 1 || Number(size) > MAX_LIMIT) {
    throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(size)}`);
  }
  let after: string | null = null;
  if (cursor !== undefined) {
    after = decodeCursor(cursor);
    if (after === null) {
      throw new BadRequestException(`cursor ${JSON.stringify(cursor)} is not a cursor this API issued; pass a nextCursor from an earlier page unchanged`);
    }
  }
  return { after, limit: Number(size) };
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
    throw new BadRequestException(`${name} must be 1 to ${max} characters${name === 'postcode' ? ' (once normalised)' : ''}, got ${JSON.stringify(raw)}`);
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
  throw new BadRequestException(`role must be SUP, MS or DS, got ${JSON.stringify(raw)}`);
}
