import { RejectionReason } from '../shared/rejection';

/** A validated 13-digit MPAN core (DI-063 `MPANCore`). Build one with {@link MpanCore.parse}. */
export type MpanCore = string & { readonly __brand: 'MpanCore' };

/** Weights of the MPAN check digit: the primes from 3 upward with 11 left out. */
export const MPAN_CHECK_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;

/**
 * The check digit of a 12-digit MPAN core prefix: Σ dᵢ·wᵢ, then mod 11, then mod 10
 * (a remainder of 10 gives 0). Source: MRA/MDD MPAN definition; see docs/rules.md.
 * @throws RangeError when `first12` is not exactly 12 ASCII digits.
 */
export function mpanCheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`expected 12 digits, got ${JSON.stringify(first12)}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * MPAN_CHECK_WEIGHTS[i]!;
  return (sum % 11) % 10;
}

/** Result of parsing a raw MPAN core. */
export type MpanCoreParseResult =
  | { ok: true; value: MpanCore; distributorId: string }
  | { ok: false; reason: RejectionReason };

/** Known distributor ids are looked up through this predicate (reference data). */
export type DistributorIdKnown = (distributorId: string) => boolean;

/** Value-object helpers for {@link MpanCore}. */
export const MpanCore = {
  /**
   * Parses a raw MPAN core: exactly 13 ASCII digits, a distributor id (first two digits) known to
   * the reference data (DNO 10–23, IDNO 24 upward), and the mod-11 check digit.
   * Every failure is REG0000 ("MPAN invalid or unknown") with a message naming the value.
   */
  parse(raw: string, isKnownDistributor: DistributorIdKnown): MpanCoreParseResult {
    if (typeof raw !== 'string' || !/^[0-9]{13}$/.test(raw)) {
      return fail('MpanCoreFormat', `MPAN core ${JSON.stringify(raw)} must be exactly 13 digits`);
    }
    const distributorId = raw.slice(0, 2);
    if (!isKnownDistributor(distributorId)) {
      return fail(
        'MpanCoreDistributorUnknown',
        `MPAN core ${raw} has distributor id ${distributorId}, which is not a known DNO or IDNO`,
      );
    }
    const expected = mpanCheckDigit(raw.slice(0, 12));
    const actual = Number(raw[12]);
    if (expected !== actual) {
      return fail(
        'MpanCoreCheckDigit',
        `MPAN core ${raw} fails the check digit: expected ${expected}, got ${actual}`,
      );
    }
    return { ok: true, value: raw as MpanCore, distributorId };
  },

  /** The 2-digit distributor id of a parsed core. */
  distributorId(core: MpanCore): string {
    return core.slice(0, 2);
  },
};

function fail(rule: string, message: string): MpanCoreParseResult {
  return { ok: false, reason: { code: 'REG0000', rule, message } };
}

/** Prefix of every MPAN stream name. */
export const MPAN_STREAM_PREFIX = 'mpan-';

/** The event stream of an MPAN: `mpan-<13-digit core>`. The only place stream names are built. */
export function mpanStreamName(core: MpanCore): string {
  return `${MPAN_STREAM_PREFIX}${core}`;
}

/** The MPAN core of an MPAN stream name (the inverse of {@link mpanStreamName}). */
export function mpanCoreOfStream(streamName: string): MpanCore {
  return streamName.slice(MPAN_STREAM_PREFIX.length) as MpanCore;
}
