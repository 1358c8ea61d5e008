import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted at every level, no insignificant white space, so two bodies
 * that differ only in key order or spacing hash alike.
 *
 * The text is exactly `JSON.stringify` with a replacer that rebuilds every object from its entries
 * sorted by key (UTF-16 code units) — the definition the stored body hashes were made with. Values
 * as `JSON.parse` makes them (plain objects whose keys are not array indices, arrays, strings,
 * finite numbers, booleans, `null`) are written directly, which is several times cheaper; anything
 * else (e.g. `undefined`, a `toJSON` method, an integer-like key, a class instance) is left to
 * that definition, so the text is the same for every value.
 * @throws TypeError as `JSON.stringify` does (a `bigint`, a cycle).
 */
export function canonicalJson(value: unknown): string {
  const fast = fastCanonicalJson(value);
  return fast ?? stringifyWithSortedKeys(value);
}

/** The definition of {@link canonicalJson}: `JSON.stringify` rebuilding objects with sorted keys. */
function stringifyWithSortedKeys(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** The deepest nesting written directly; deeper values take the general path. */
const FAST_MAX_DEPTH = 64;

/**
 * {@link canonicalJson} of JSON-parsed data written directly, or `undefined` when `value` holds
 * anything the direct writer does not cover (see there) — the caller then uses the definition.
 */
function fastCanonicalJson(value: unknown): string | undefined {
  const parts: string[] = [];
  return write(value, 0) ? parts.join('') : undefined;

  function write(v: unknown, depth: number): boolean {
    if (v === null) {
      parts.push('null');
      return true;
    }
    switch (typeof v) {
      case 'string':
        parts.push(JSON.stringify(v));
        return true;
      case 'boolean':
        parts.push(v ? 'true' : 'false');
        return true;
      case 'number':
        if (!Number.isFinite(v)) return false;
        parts.push(JSON.stringify(v));
        return true;
      case 'object':
        break;
      default:
        return false;
    }
    if (depth >= FAST_MAX_DEPTH) return false;
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return false;
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        if (!(i in v) || !write(v[i], depth + 1)) return false;
      }
      parts.push(']');
      return true;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    for (const key of keys) {
      // Integer-like keys come first in an object's own key order; `toJSON` would be called.
      if (key === 'toJSON' || isArrayIndexLike(key)) return false;
    }
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    parts.push('{');
    let first = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) return false;
      parts.push(first ? '' : ',', JSON.stringify(key), ':');
      first = false;
      if (!write(item, depth + 1)) return false;
    }
    parts.push('}');
    return true;
  }
}

/** Whether `key` starts like an array index (a digit): such keys are ordered apart by JS objects. */
function isArrayIndexLike(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
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
