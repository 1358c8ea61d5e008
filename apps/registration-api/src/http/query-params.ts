import { BadRequestException } from '@nestjs/common';
import { quoteInput } from '@app/registration-app';

/**
 * Query-parameter checks shared by every read of the API (the MPAN views, the portfolio, the
 * notification feed), so that an unknown, repeated or malformed parameter is worded the same
 * everywhere. Every failure is a 400 whose message names the parameter, what it must be and (cut
 * to a short excerpt) what was sent.
 */

/** Read-your-writes parameters every view read accepts (checked by `ReadYourWrites.await`). */
export const WAIT_PARAMS = ['minPosition', 'maxWaitMs'] as const;

/** Default and largest page size. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/**
 * The query as single strings: each parameter at most once, none but `allowed` (none at all when
 * `allowed` is empty).
 * @throws BadRequestException for an unknown parameter, a repeated one or a structured one (`a[b]=`).
 */
export function singleValued(query: Record<string, unknown>, allowed: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) {
      const accepted = allowed.length > 0 ? `this endpoint accepts ${allowed.join(', ')}` : 'this endpoint takes no query parameter';
      throw new BadRequestException(`unknown query parameter ${quoteInput(name)}; ${accepted}`);
    }
    if (typeof value !== 'string') {
      throw new BadRequestException(`query parameter ${name} must be given once, as a plain value`);
    }
    out[name] = value;
  }
  return out;
}

/**
 * `limit`: a page size from 1 to {@link MAX_LIMIT}, {@link DEFAULT_LIMIT} when absent.
 * @throws BadRequestException otherwise.
 */
export function limitParam(raw: string | undefined): number {
  const size = raw ?? String(DEFAULT_LIMIT);
  if (!/^\d{1,4}$/.test(size) || Number(size) < 1 || Number(size) > MAX_LIMIT) {
    throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${quoteInput(size)}`);
  }
  return Number(size);
}
