/**
 * A strict look at JSON text before `JSON.parse` (which silently keeps the last of duplicated keys,
 * makes `__proto__` an own property and accepts lone surrogates): one iterative pass over the
 * text, with an explicit stack, so that no nesting depth can overflow the call stack.
 *
 * Why our own scanner: no JSON parser among the project's dependencies reports duplicated keys
 * (`secure-json-parse`/`@hapi/bourne` handle only prototype keys; `jsonc-parser`, installed only as
 * a tool's dependency, recurses). This one does not parse values: `JSON.parse` still decides the
 * syntax and builds the value; the scanner only adds the rules below, and returns `null` (no
 * problem) on text that is not JSON so that the parser's own error is reported.
 */

/** One problem found in a JSON text: where (a JSONPath such as `$[0].payload.CommonBlock.S1`) and what. */
export interface JsonTextProblem {
  /** JSONPath of the offending value or key (`$` is the whole body; `$[3]` an array item; `$.a["b c"]` a key that is no identifier). */
  path: string;
  /** What is wrong, e.g. `duplicate key "senderDIPID"`. */
  message: string;
}

/** Options of {@link findJsonTextProblem}. */
export interface StrictJsonOptions {
  /** Deepest nesting of arrays and objects allowed; the whole body is level 1. */
  maxDepth: number;
}

/** Keys that reach (or replace) an object's prototype once parsed; never field names of our APIs. */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Longest key or excerpt quoted in a problem, in characters. */
const QUOTE_MAX = 60;

type Frame =
  | { kind: 'object'; keys: Set<string>; key: string | null; expectKey: boolean }
  | { kind: 'array'; index: number };

/**
 * The first problem of `text` under these rules, or `null`:
 *
 * - nesting deeper than `options.maxDepth` levels (found when the container opens, so nothing
 *   past it is read);
 * - a key `__proto__`, `constructor` or `prototype` (after unescaping: `"\u005f_proto__"` counts);
 * - a key repeated in one object (after unescaping);
 * - a string (key or value) holding a lone UTF-16 surrogate (`"\ud800"`): not a Unicode
 *   character, JSON text must be well-formed Unicode (RFC 8259 §8.2), and no store takes it
 *   (PostgreSQL refuses it in `jsonb`);
 * - a string holding U+0000 (`"\u0000"`), which PostgreSQL text and `jsonb` cannot hold.
 *
 * Text that is not JSON gives `null` or a problem found before the syntax error; never throws
 * for any string.
 */
export function findJsonTextProblem(text: string, options: StrictJsonOptions): JsonTextProblem | null {
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    switch (c) {
      case 0x7b /* { */:
      case 0x5b /* [ */: {
        if (stack.length + 1 > options.maxDepth) {
          return { path: pathOf(stack), message: `nests deeper than ${options.maxDepth} levels of arrays and objects` };
        }
        stack.push(c === 0x7b ? { kind: 'object', keys: new Set(), key: null, expectKey: true } : { kind: 'array', index: 0 });
        i++;
        break;
      }
      case 0x7d /* } */:
      case 0x5d /* ] */:
        stack.pop();
        i++;
        break;
      case 0x2c /* , */:
        if (top?.kind === 'object') top.expectKey = true;
        else if (top?.kind === 'array') top.index++;
        i++;
        break;
      case 0x3a /* : */:
        if (top?.kind === 'object') top.expectKey = false;
        i++;
        break;
      case 0x22 /* " */: {
        const isKey = top?.kind === 'object' && top.expectKey;
        const str = readString(text, i, isKey);
        if (str === null) return null; // unterminated or bad escape: JSON.parse says so
        if (isKey) {
          const key = str.value!;
          const where = pathOf(stack);
          if (FORBIDDEN_JSON_KEYS.has(key)) {
            return { path: where, message: `has the key ${quoteKey(key)}, a reserved JavaScript name that no field of this API has` };
          }
          if (top.keys.has(key)) {
            return { path: where, message: `has the key ${quoteKey(key)} twice (a JSON object's keys must be unique)` };
          }
          top.keys.add(key);
          top.key = key;
        }
        if (str.problem !== null) {
          return { path: pathOf(stack), message: `${isKey ? 'has a key that holds' : 'holds'} ${str.problem}` };
        }
        i = str.end;
        break;
      }
      default:
        i++;
    }
  }
  return null;
}

/**
 * Reads the string literal starting at `text[start]` (a `"`). Returns where it ends (index after
 * the closing quote), its decoded value when `decode` (for keys) and its first Unicode problem,
 * or `null` when the literal is unterminated or has an invalid escape.
 */
function readString(text: string, start: number, decode: boolean): { end: number; value: string | null; problem: string | null } | null {
  const n = text.length;
  let value = '';
  let runStart = start + 1;
  let problem: string | null = null;
  let pendingHigh = false;
  let i = start + 1;
  const unit = (u: number): void => {
    if (problem !== null) return;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (pendingHigh) problem = 'a lone UTF-16 surrogate (a high surrogate not followed by a low one): not a Unicode character';
      pendingHigh = true;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      if (!pendingHigh) problem = 'a lone UTF-16 surrogate (a low surrogate without a high one): not a Unicode character';
      pendingHigh = false;
    } else {
      if (pendingHigh) problem = 'a lone UTF-16 surrogate (a high surrogate not followed by a low one): not a Unicode character';
      pendingHigh = false;
      if (u === 0) problem = 'U+0000 (NUL), which no field of this API allows';
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      if (pendingHigh && problem === null) problem = 'a lone UTF-16 surrogate (a high surrogate at the end of the string): not a Unicode character';
      if (decode) value += text.slice(runStart, i);
      return { end: i + 1, value: decode ? value : null, problem };
    }
    if (c === 0x5c /* \ */) {
      if (decode) value += text.slice(runStart, i);
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
        const u = parseInt(hex, 16);
        unit(u);
        if (decode) value += String.fromCharCode(u);
        i += 6;
      } else {
        const simple = SIMPLE_ESCAPES[e];
        if (simple === undefined) return null;
        unit(simple.charCodeAt(0));
        if (decode) value += simple;
        i += 2;
      }
      runStart = i;
      continue;
    }
    // Fast path: an ordinary character (no surrogate pending, not a surrogate, not NUL).
    if (!pendingHigh && c !== 0 && (c < 0xd800 || c > 0xdfff)) {
      i++;
      continue;
    }
    unit(c);
    i++;
  }
  return null;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

/** The JSONPath of the value being read: `$`, `$[0].payload`, `$.a["b c"]`. */
function pathOf(stack: readonly Frame[]): string {
  let path = '$';
  for (const frame of stack) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== null && !frame.expectKey) path += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(frame.key) ? `.${frame.key}` : `[${quoteKey(frame.key)}]`;
  }
  return path;
}

/** A key quoted as JSON, cut to {@link QUOTE_MAX} characters (`"aaa…" (70 characters)`). */
function quoteKey(key: string): string {
  if (key.length <= QUOTE_MAX) return JSON.stringify(key);
  return `${JSON.stringify(key.slice(0, QUOTE_MAX))}… (${key.length} characters)`;
}
