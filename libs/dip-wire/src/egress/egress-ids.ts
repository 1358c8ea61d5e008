import { hash } from 'node:crypto';
import { EgressRenderError } from './egress-types';

/**
 * Deterministic identifiers of egress messages, in the official formats (DIP OpenAPI 2.2.1):
 * a rebuild of the feed from the log gives the same ids for the same messages.
 */

/** DT-014 `DIPTransactionID`: a string of at most 65 characters (no pattern in the schema). */
export const TRANSACTION_ID_MAX_LENGTH = 65;
/** DI-986 `Publication-ID`, 7–8 characters, e.g. `PUB-001` (the format we emit: `PUB-` + the interface number). */
export const PUBLICATION_ID_PATTERN = /^PUB-\d{3}[A-Z]?$/;

const INTERFACE_ID = /^(IF|REP)-(\d{3}[AB]?)$/;

/**
 * The DT-995 sender unique reference of one egress message:
 * `S-<interfaceId>-<registryDipId>-REGS-<yyyymmdd>-p<positionOrSeq>i<index>`,
 * e.g. `S-IF-037-9000000002-REGS-20250401-p1234i0`.
 *
 * @param interfaceId `IF-nnn` (or `REP-nnn`), the interface of the message.
 * @param registryDipId the registry's DIP id (10 hexadecimal digits; DIP ids are 10 decimal digits).
 * @param positionOrSeq the log position (or another non-negative sequence) of the `PublicationIssued`
 *   or outcome event the message renders: unique per event.
 * @param index the message's index within that event (e.g. the recipient's index): unique per message.
 * @param recordedAt optional UTC instant (ISO 8601, `Z`) the event was recorded: its UTC date fills
 *   the date field, as the DIP's examples show. Without it the date field is `00000000`.
 * @throws EgressRenderError when an argument cannot make a valid reference.
 */
export function egressSenderReference(
  interfaceId: string,
  registryDipId: string,
  positionOrSeq: bigint,
  index: number,
  recordedAt?: string,
): string {
  if (!INTERFACE_ID.test(interfaceId)) throw new EgressRenderError(`interface id ${JSON.stringify(interfaceId)} is not IF-nnn or REP-nnn`);
  if (!/^[0-9a-fA-F]{10}$/.test(registryDipId)) {
    throw new EgressRenderError(`registry DIP id ${JSON.stringify(registryDipId)} is not 10 digits (DT-006)`);
  }
  if (positionOrSeq < 0n) throw new EgressRenderError(`position ${positionOrSeq} is negative`);
  if (!Number.isSafeInteger(index) || index < 0) throw new EgressRenderError(`index ${index} is not a non-negative integer`);
  const day = recordedAt === undefined ? '00000000' : utcDateDigits(recordedAt);
  const reference = `S-${interfaceId}-${registryDipId}-REGS-${day}-p${positionOrSeq.toString()}i${index}`;
  if (reference.length > 200) throw new EgressRenderError(`sender unique reference ${reference} is longer than 200 characters (DT-995)`);
  return reference;
}

/** The shape of a DIP-style transaction id (see {@link deterministicTransactionId}). */
export interface TransactionIdShape {
  /** `IF-nnn` of the message. */
  interfaceId: string;
  /** DIP id of the sender (the registry). */
  senderDipId: string;
  /** Role of the sender, e.g. `REGS`. */
  senderRoleId: string;
  /** UTC instant (ISO 8601, `Z`) or settlement day (`YYYY-MM-DD`) whose date goes in the id. */
  on: string;
}

/**
 * A transaction id (DT-014: a string of at most 65 characters; the schema has no pattern, so it is
 * not a UUID by definition) derived from `seed` by SHA-256: the same seed always gives the same id.
 *
 * - without `shape`: UUID-shaped (RFC 9562 version 8, "custom"): 8-4-4-4-12 lower-case hex digits of
 *   the hash, e.g. `3f2a…-…-8…-…`, 36 characters;
 * - with `shape`: the DIP's own style (`T-IF-006-0123456789-SUP-20220401-1234CC0123456789` in the
 *   document): `T-<interfaceId>-<senderDipId>-<senderRoleId>-<yyyymmdd>-<16 hex digits of the hash>`.
 *
 * @param seed anything unique to the message and stable across rebuilds, e.g.
 *   `<log position>:<recipient DIP id>`.
 * @throws EgressRenderError when `seed` is empty or the shaped id would exceed 65 characters.
 */
export function deterministicTransactionId(seed: string, shape?: TransactionIdShape): string {
  if (typeof seed !== 'string' || seed.length === 0) throw new EgressRenderError('a transaction id needs a non-empty seed');
  // One-shot SHA-256 (UTF-8 of the seed, hex): the same digest as createHash, without the Hash object.
  const hex = hash('sha256', seed, 'hex');
  if (shape === undefined) {
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
  const day = /^\d{4}-\d{2}-\d{2}$/.test(shape.on) ? shape.on.replace(/-/g, '') : utcDateDigits(shape.on);
  const id = `T-${shape.interfaceId}-${shape.senderDipId}-${shape.senderRoleId}-${day}-${hex.slice(0, 16)}`;
  if (id.length > TRANSACTION_ID_MAX_LENGTH) throw new EgressRenderError(`transaction id ${id} is longer than ${TRANSACTION_ID_MAX_LENGTH} characters (DT-014)`);
  return id;
}

/**
 * The DI-986 publication id of an interface: `PUB-` and the interface number (mhhs-domain.md §3:
 * each `IF-nnn` is published as `PUB-nnn`), e.g. `IF-037` → `PUB-037`.
 * @throws EgressRenderError when `interfaceId` is not `IF-nnn`.
 */
export function egressPublicationId(interfaceId: string): string {
  const m = /^IF-(\d{3})$/.exec(interfaceId);
  if (!m) throw new EgressRenderError(`interface id ${JSON.stringify(interfaceId)} is not IF-nnn, so it has no PUB-nnn publication id`);
  return `PUB-${m[1]}`;
}

/** The last instant {@link utcDateDigits} accepted and its digits (the copies of one publication share their instant). */
let lastUtcDate: { instant: string; digits: string } | undefined;

/** `YYYYMMDD` of the UTC date of an ISO 8601 instant ending in `Z` (pure; the last answer is remembered). */
function utcDateDigits(instant: string): string {
  if (lastUtcDate !== undefined && lastUtcDate.instant === instant) return lastUtcDate.digits;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(instant) || Number.isNaN(Date.parse(instant))) {
    throw new EgressRenderError(`${JSON.stringify(instant)} is not a UTC instant (ISO 8601 ending in Z)`);
  }
  const digits = instant.slice(0, 10).replace(/-/g, '');
  lastUtcDate = { instant, digits };
  return digits;
}
