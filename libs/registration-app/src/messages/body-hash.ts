import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted at every level, no insignificant white space, so two bodies
 * that differ only in key order or spacing hash alike.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** SHA-256 (hex) of the canonical JSON of a message: compares a resend with the original. */
export function bodyHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * The idempotency hash of a DIP message: {@link bodyHash} of the message without the parts a
 * sender may legitimately change when it retransmits the same message — `S1.senderTimestamp`
 * (when it was sent) and `A0` (addressing, filled in by the DIP). Two transmissions with the same
 * key and this hash are the same message (ADR 0004).
 */
export function messageHash(message: unknown): string {
  const m = message as { payload?: { CommonBlock?: { S1?: Record<string, unknown>; A0?: unknown } } };
  const commonBlock = m?.payload?.CommonBlock;
  if (!commonBlock || typeof commonBlock !== 'object') return bodyHash(message);
  const { A0: _addressing, ...rest } = commonBlock;
  const s1 = rest.S1 && typeof rest.S1 === 'object' ? { ...rest.S1 } : rest.S1;
  if (s1 && typeof s1 === 'object') delete (s1 as Record<string, unknown>).senderTimestamp;
  return bodyHash({ ...(message as object), payload: { ...m.payload, CommonBlock: { ...rest, S1: s1 } } });
}
