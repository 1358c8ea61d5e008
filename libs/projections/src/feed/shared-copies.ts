/**
 * The stored form of a publication's copies (issue #9, P1; docs/adr/00P-feed-copies-share-one-stored-text.md).
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
 * Pure functions over JSON texts and plain JSON values; the feed projection and the migration of
 * an existing view database use the same ones, so both store the same rows.
 */

/** The two per-copy values of a shared copy, as in `CommonBlock.S1` and `CommonBlock.D0`. */
export interface CopyIdentity {
  senderUniqueReference: string;
  transactionId: string;
}

/** The carrier's text with the per-copy values cut out: `text(identity)` gives a copy's text. */
export interface CopyTemplate {
  /**
   * The JSON text of the carrier's message with `identity`'s values in place of its own, character
   * for character what `JSON.stringify` gives for that message.
   */
  textOf(identity: CopyIdentity): string;
}

/** Stand-ins no JSON.stringify output of a message holds: the NUL characters are escaped in JSON. */
const REFERENCE_MARK = '\u0000sender-unique-reference\u0000';
const TRANSACTION_MARK = '\u0000transaction-id\u0000';

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
 * The template of the copies of `carrier` (a rendered egress message): its JSON text with the two
 * per-copy values cut out. `stringify` is how the caller turns a message into its stored text
 * (`JSON.stringify`, or the feed's equivalent that reuses a shared CustomBlock's text).
 * Returns null when `carrier` has not the egress shape, or when its text does not hold each stand-in
 * exactly once (then nothing is shared).
 */
export function copyTemplateOf(carrier: unknown, stringify: (message: unknown) => string = JSON.stringify): CopyTemplate | null {
  if (copyIdentityOf(carrier) === null) return null;
  const text = stringify(withCopyIdentity(carrier, { senderUniqueReference: REFERENCE_MARK, transactionId: TRANSACTION_MARK }));
  const referenceMark = JSON.stringify(REFERENCE_MARK);
  const transactionMark = JSON.stringify(TRANSACTION_MARK);
  const r = text.indexOf(referenceMark);
  const t = text.indexOf(transactionMark);
  if (r < 0 || t < 0 || text.indexOf(referenceMark, r + 1) >= 0 || text.indexOf(transactionMark, t + 1) >= 0) return null;
  const referenceFirst = r < t;
  const [first, second] = referenceFirst ? [r, t] : [t, r];
  const [firstLength, secondLength] = referenceFirst ? [referenceMark.length, transactionMark.length] : [transactionMark.length, referenceMark.length];
  const before = text.slice(0, first);
  const between = text.slice(first + firstLength, second);
  const after = text.slice(second + secondLength);
  return {
    textOf({ senderUniqueReference, transactionId }: CopyIdentity): string {
      const reference = JSON.stringify(senderUniqueReference);
      const transaction = JSON.stringify(transactionId);
      return referenceFirst ? before + reference + between + transaction + after : before + transaction + between + reference + after;
    },
  };
}

/** One rendered copy of a publication, as {@link shareCopies} judges it. */
export interface RenderedCopy {
  /** The stored text the copy would have on its own (`JSON.stringify` of its message). */
  text: string;
  /** Its `CommonBlock.S1.senderUniqueReference` (null when the message has not the egress shape). */
  senderUniqueReference: string | null;
  /** Its item's `transaction_id` column: what the reader puts in `D0.transactionID`. */
  transactionId: string;
}

/**
 * Which copies of one publication share the carrier's stored text: `copies` are the publication's
 * rendered copies stored together, in recipient order; the carrier is the first. Returns, per copy,
 * true when it stores no text of its own — its text is exactly the carrier's template with its own
 * two values — and false when it keeps its text (the carrier itself always keeps its text).
 * `template` is the carrier's ({@link copyTemplateOf}); with null nothing is shared. The carrier's
 * own text must come out of its template with its own values, else nothing is shared either (so a
 * carrier whose text is not the canonical JSON of its message never lends it).
 */
export function shareCopies(copies: readonly RenderedCopy[], template: CopyTemplate | null): boolean[] {
  const shared = copies.map(() => false);
  if (template === null || copies.length < 2) return shared;
  const carrier = copies[0]!;
  if (!sharesTemplate(carrier, template)) return shared;
  for (let i = 1; i < copies.length; i++) shared[i] = sharesTemplate(copies[i]!, template);
  return shared;
}

function sharesTemplate(copy: RenderedCopy, template: CopyTemplate): boolean {
  return copy.senderUniqueReference !== null && template.textOf({ senderUniqueReference: copy.senderUniqueReference, transactionId: copy.transactionId }) === copy.text;
}
