/**
 * The stored form of a publication's copies (issue #9, P1; docs/adr/0023-feed-copies-share-one-stored-text.md).
 *
 * A `PublicationIssued` goes to about three recipients, and its DIP egress copies differ only in two
 * identity fields of the CommonBlock: `S1.senderUniqueReference` (it names the copy's index) and
 * `D0.transactionID` (derived from the position and the recipient). So the feed stores the JSON
 * text of ONE copy — the carrier, the first rendered copy of the publication in recipient order —
 * in that item's `message`, and every other copy whose text is exactly the carrier's with its own
 * two values in their place stores no text: only its `sender_unique_reference` and a reference to
 * the carrier's row (`body_recipient_dip_id`, `body_sequence`); its `transaction_id` column is
 * already there. A copy that is anything else keeps its whole text, so what is served never
 * depends on an assumption about the renderer: sharing is decided by comparing the texts.
 *
 * Pure functions over JSON texts and plain JSON values, used by the feed projection and the page
 * reader. The migration that converted existing view databases (`ShareFeedCopyText1764480009000`,
 * ./feed.migrations.ts) keeps frozen private copies of `copyIdentityOf` and `withCopyIdentity`, so
 * a change here changes the rows a rebuild writes, not what that migration did: a change that
 * alters the stored form needs a new migration (and the digest equality of migrate vs rebuild
 * re-checked in feed.int-spec.ts).
 */

/** The two per-copy values of a shared copy, as in `CommonBlock.S1` and `CommonBlock.D0`. */
export interface CopyIdentity {
  senderUniqueReference: string;
  transactionId: string;
}

/** A plain JSON object (not an array, not null). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The per-copy values of an egress message `{ CommonBlock: { S1: { senderUniqueReference }, D0: {
 * transactionID } } }`, or null when it has not that shape (a status message, …) or either value is
 * not a string.
 */
export function copyIdentityOf(message: unknown): CopyIdentity | null {
  if (!isObject(message) || !isObject(message.CommonBlock)) return null;
  const { S1, D0 } = message.CommonBlock;
  if (!isObject(S1) || !isObject(D0)) return null;
  const senderUniqueReference = S1.senderUniqueReference;
  const transactionId = D0.transactionID;
  if (typeof senderUniqueReference !== 'string' || typeof transactionId !== 'string') return null;
  return { senderUniqueReference, transactionId };
}

/** An object `JSON.stringify` writes member by member: its prototype is `Object.prototype` and it has no `toJSON` function. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/**
 * Whether a rendered message may carry its publication's text: it has the egress shape
 * ({@link copyIdentityOf}) and the objects on the way to the two per-copy values — the message
 * itself, `CommonBlock`, `S1` and `D0` — are plain ({@link isPlainRecord}). Then its text is those
 * objects' members written one by one, so the text of {@link withCopyIdentity}'s result is the
 * carrier's stored text with the two values replaced, which is what the reader serves; and
 * {@link sameJsonValue} on such a result implies equal texts. A carrier with a `toJSON` or a class
 * instance on that path would break both, so the projection shares nothing with it.
 */
export function isPlainCarrier(message: unknown): boolean {
  if (copyIdentityOf(message) === null || !isPlainRecord(message)) return false;
  const common = message.CommonBlock;
  return isPlainRecord(common) && isPlainRecord(common.S1) && isPlainRecord(common.D0);
}

/**
 * `message` (a copy's message, parsed or as rendered) with `identity`'s values in place of its own:
 * a new object, the same members in the same order, `message` left untouched.
 * @throws TypeError when `message` has not the egress shape ({@link copyIdentityOf} is null).
 */
export function withCopyIdentity(message: unknown, identity: CopyIdentity): Record<string, unknown> {
  if (copyIdentityOf(message) === null) throw new TypeError('not a DIP egress message with S1.senderUniqueReference and D0.transactionID');
  const m = message as { CommonBlock: Record<string, unknown> & { S1: object; D0: object } };
  return {
    ...m,
    CommonBlock: {
      ...m.CommonBlock,
      S1: { ...m.CommonBlock.S1, senderUniqueReference: identity.senderUniqueReference },
      D0: { ...m.CommonBlock.D0, transactionID: identity.transactionId },
    },
  };
}

/**
 * Whether two values have the same JSON text, decided without writing it: the same primitive
 * (`===`), or arrays / plain objects with the same members in the same order, each the same by
 * this test. True implies `JSON.stringify(a) === JSON.stringify(b)`; false says nothing (a value
 * of another kind — a class instance, NaN — is simply not judged equal), so callers compare the
 * texts when it is false. Copies of one prepared publication share their CustomBlock object, which
 * the first test (`===`) settles at once.
 */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b) || (proto !== Object.prototype && proto !== Array.prototype)) return false;
  // A toJSON (even a non-enumerable one) decides the text itself: equal members prove nothing.
  if (typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJsonValue(a[i], other[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== otherKeys[i] || !sameJsonValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Whether a copy of a publication stores no text of its own: its text is exactly the carrier's
 * message with the copy's identity (`identity`: its own `S1.senderUniqueReference` and its item's
 * `transaction_id`) in place, as `stringify` writes it — what the reader serves for a shared copy.
 * `copy` is the copy's message; `copyText()` its own text, asked for only when the values are not
 * the same by {@link sameJsonValue} (the usual case for copies of one prepared publication), so a
 * shared copy's text is never written. The carrier must pass {@link isPlainCarrier} (the caller
 * checks it once per publication); otherwise the value short cut does not imply equal texts.
 */
export function sharesCarrierText(
  carrier: unknown,
  identity: CopyIdentity,
  copy: unknown,
  copyText: () => string,
  stringify: (message: unknown) => string = JSON.stringify,
): boolean {
  const served = withCopyIdentity(carrier, identity);
  return sameJsonValue(copy, served) || stringify(served) === copyText();
}
