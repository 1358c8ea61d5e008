/**
 * A broken business rule, as reported to the originator (IF-032-style R0 `responseMessages`).
 *
 * - `code`: the REG code from the MHHS catalogue where one exists (e.g. `REG0000`), otherwise a
 *   local code `LOCnnn` documented in `docs/rules.md`;
 * - `rule`: a stable machine name for the rule (e.g. `SupplyStartBeforeMpanEffectiveFrom`);
 * - `message`: a precise human sentence naming the values involved.
 */
export interface RejectionReason {
  code: string;
  rule: string;
  message: string;
}

/** Outcome of a decision: the events to append, or every broken rule (never just the first). */
export type Decision<E> =
  | { readonly kind: 'accepted'; readonly events: E[] }
  | { readonly kind: 'rejected'; readonly reasons: RejectionReason[] };

/** Builds an accepted decision. */
export const accept = <E>(events: E[]): Decision<E> => ({ kind: 'accepted', events });

/** Builds a rejected decision. @throws Error when `reasons` is empty (a rejection needs a reason). */
export const reject = <E>(reasons: RejectionReason[]): Decision<E> => {
  if (reasons.length === 0) throw new Error('a rejection needs at least one reason');
  return { kind: 'rejected', reasons };
};
