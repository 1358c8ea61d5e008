import 'reflect-metadata';
import { Type } from 'class-transformer';
import { registerDecorator, ValidateNested } from 'class-validator';
import { dipDateTimeProblem } from '../settlement-day';

/**
 * The validation vocabulary of the DIP DTOs: one decorator per property that checks presence,
 * nullability and the data type together and reports a single, specific message
 * ("must be exactly 10 digits (DT-006 DIP participant id), got \"12345\""), so a wire error names
 * exactly what is wrong. The checks transcribe the data types (`DT-nnn`) and data items (`DI-nnn`)
 * of the official DIP OpenAPI document 2.2.1 (`reference/dip/`).
 */

/** Returns why `value` is unacceptable, or `null` when it is fine. Never throws. */
export type WireCheck = (value: unknown) => string | null;

/**
 * How a property may be absent:
 * - `required`: in the schema's `required` list, not nullable;
 * - `nullable`: required but `nullable: true` (the key must be there; `null` is a value);
 * - `optional`: not required and not nullable (leave it out, never send `null`).
 */
export type Presence = 'required' | 'nullable' | 'optional';

const MAX_SHOWN = 60;
const UNSAFE_IN_MESSAGES = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A short, safe rendering of a wire value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
      // JSON.stringify escapes C0 controls; DEL, C1 controls and bidirectional formatting
      // characters are escaped too, so an error message never carries them.
      return JSON.stringify(shown).replace(UNSAFE_IN_MESSAGES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** A value as it appears in channel messages: bare when it is a short token, else {@link describeValue}. */
export function showToken(value: unknown): string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,60}$/.test(value) && !value.includes('"')
    ? value
    : describeValue(value);
}

function presenceProblem(presence: Presence, value: unknown): string | null | 'check' {
  if (value === undefined) return presence === 'optional' ? null : presence === 'nullable' ? 'is required (null is allowed)' : 'is required';
  if (value === null) return presence === 'nullable' ? null : presence === 'optional' ? 'must not be null (leave the property out instead)' : 'must not be null';
  return 'check';
}

/** Property names declared with wire decorators, per DTO class, in declaration order. */
const declaredProperties = new WeakMap<object, string[]>();
/** Human labels of DTO classes, for "is not a property of …" messages. */
const classLabels = new WeakMap<object, string>();

/** The property names a DTO class accepts (declaration order). */
export function wirePropertiesOf(dto: object): readonly string[] {
  return declaredProperties.get(dto) ?? [];
}

/** The label given to a DTO class with {@link WireLabel} (e.g. `B022 (MPAN Address)`). */
export function wireLabelOf(dto: object): string | undefined {
  return classLabels.get(dto);
}

/** Class decorator: names a DTO class in error messages, e.g. `@WireLabel('B022 (MPAN Address)')`. */
export function WireLabel(label: string): ClassDecorator {
  return (target) => {
    classLabels.set(target, label);
  };
}

/** Labels a class built at run time (the channel-specific envelope classes). */
export function setWireLabel(dto: object, label: string): void {
  classLabels.set(dto, label);
}

/**
 * Property decorator: the property's presence ({@link Presence}) and, when a value is there, its
 * data-type `check`, as one class-validator rule with one message.
 */
export function WireField(presence: Presence, check: WireCheck): PropertyDecorator {
  return (target, propertyKey) => {
    const name = String(propertyKey);
    const problem = (value: unknown): string | null => {
      const p = presenceProblem(presence, value);
      return p === 'check' ? check(value) : p;
    };
    declare(target.constructor, name);
    addRule(target.constructor, { property: name, problem, nested: null });
    registerDecorator({
      name: 'wireField',
      target: target.constructor,
      propertyName: name,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => problem(args?.value) ?? 'is invalid',
      },
    });
  };
}

/**
 * Property decorator for a nested block (`S1`, `M0`, `B022`, …): presence, "is a JSON object (not
 * an array)", then the block's own DTO via `@ValidateNested()` and `@Type(() => dto)`. The nested
 * rules run only when the value is an object (validation uses `stopAtFirstError`).
 */
export function WireBlock(presence: Presence, dto: () => new () => object, blockName: string): PropertyDecorator {
  return (target, propertyKey) => {
    WireField(presence, objectCheck(blockName))(target, propertyKey);
    ValidateNested()(target, propertyKey as string);
    Type(dto)(target, propertyKey as string);
    nestRule(target.constructor, String(propertyKey), { dto, list: false });
  };
}

/**
 * Property decorator for a list of nested blocks (`B906.historyMAP`, items `B034`): presence, "is an
 * array of at least `minItems` JSON objects", then each item against the block's DTO. Errors inside
 * an item are reported under `<property>[<index>]`.
 */
export function WireBlockList(presence: Presence, dto: () => new () => object, blockName: string, minItems: number): PropertyDecorator {
  return (target, propertyKey) => {
    WireField(presence, blockListCheck(blockName, minItems))(target, propertyKey);
    ValidateNested({ each: true })(target, propertyKey as string);
    Type(dto)(target, propertyKey as string);
    nestRule(target.constructor, String(propertyKey), { dto, list: true });
  };
}

/**
 * Property decorator for a block that must not be sent at all (`D0`: the DIP adds it on egress).
 * Any value, `null` included, is refused with `message`.
 */
export function WireAbsent(message: string): PropertyDecorator {
  return (target, propertyKey) => {
    declare(target.constructor, String(propertyKey));
    addRule(target.constructor, { property: String(propertyKey), problem: (value) => (value === undefined ? null : message), nested: null });
    registerDecorator({
      name: 'wireAbsent',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: { validate: (value: unknown) => value === undefined, defaultMessage: () => message },
    });
  };
}

/**
 * One property rule of a DTO class as its wire decorator declared it: the one check class-validator
 * runs on it (`problem`, `null` when fine), and for a block or list of blocks the nested DTO.
 */
interface WireRule {
  property: string;
  problem: WireCheck;
  nested: { dto: () => new () => object; list: boolean } | null;
}

/** The wire rules of each DTO class, by property (declaration order). */
const wireRules = new WeakMap<object, Map<string, WireRule>>();

function addRule(ctor: object, rule: WireRule): void {
  let rules = wireRules.get(ctor);
  if (!rules) wireRules.set(ctor, (rules = new Map()));
  // A second decorator on one property would be a second class-validator rule: not covered here.
  rules.set(rule.property, rules.has(rule.property) ? { ...rule, problem: () => 'declared twice' } : rule);
}

function nestRule(ctor: object, property: string, nested: WireRule['nested']): void {
  const rule = wireRules.get(ctor)?.get(property);
  if (rule) rule.nested = nested;
}

/**
 * Whether `value` — a JSON object as `validateDipMessage` receives it, already scanned (only plain
 * objects, arrays and JSON scalars; no reserved keys) — certainly passes the wire rules of DTO class
 * `dto`: class-validator (with `validateDipMessage`'s options: whitelist, forbidNonWhitelisted,
 * forbidUnknownValues) would report nothing for `plainToInstance(dto, value)`.
 *
 * It runs the very checks the wire decorators registered with class-validator, on the same values,
 * without building class instances (ADR 0021): every key must be a declared property; every
 * declared property's check must pass; a block must be absent or a plain object conforming to its
 * DTO, a list of blocks absent or an array of such objects. Anything it does not cover says `false`
 * (a block that is `null`, an object in a scalar field, a class it has no rules for): the caller
 * then validates with class-validator, which gives the errors. `true` is never a guess.
 * Never throws (a check that throws counts as `false`).
 */
export function conformsToWireRules(dto: object, value: unknown): boolean {
  try {
    return conforms(dto, value, 0);
  } catch {
    return false;
  }
}

/** The deepest nesting {@link conformsToWireRules} follows; a legal message is 5 levels deep. */
const MAX_CONFORMS_DEPTH = 16;

function conforms(dto: object, value: unknown, depth: number): boolean {
  const rules = wireRules.get(dto);
  if (!rules || depth > MAX_CONFORMS_DEPTH || !isJsonObject(value)) return false;
  for (const key of Object.keys(value)) if (!rules.has(key)) return false;
  for (const rule of rules.values()) {
    const item = Object.hasOwn(value, rule.property) ? value[rule.property] : undefined;
    if (rule.problem(item) !== null) return false;
    if (item === undefined) continue;
    if (rule.nested === null) {
      // A scalar, or an array of scalars (A0's lists), reaches the check as sent (class-transformer
      // copies an array item by item); an object, or an array holding one, is left to class-validator.
      if (item !== null && typeof item === 'object' && !(Array.isArray(item) && item.every((x) => x === null || typeof x !== 'object'))) return false;
    } else if (rule.nested.list) {
      if (!Array.isArray(item)) return false;
      const itemDto = rule.nested.dto();
      for (const element of item) if (!conforms(itemDto, element, depth + 1)) return false;
    } else if (!conforms(rule.nested.dto(), item, depth + 1)) {
      return false;
    }
  }
  return true;
}

/** A plain JSON object (`Object.prototype` or `null` prototype, not an array). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function declare(ctor: object, name: string): void {
  const names = declaredProperties.get(ctor) ?? [];
  if (!names.includes(name)) names.push(name);
  declaredProperties.set(ctor, names);
}

// ---------------------------------------------------------------------------------------------
// Data-type checks
// ---------------------------------------------------------------------------------------------

/** A JSON object (not an array, not null): the shape of every block. */
export function objectCheck(blockName: string): WireCheck {
  return (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? null
      : `must be a JSON object (${blockName}), got ${describeValue(value)}`;
}

/**
 * How a free-text data item is screened for characters that are invisible or that change how text
 * around them is displayed (a deliberate tightening of the official schemas, which only bound the
 * length; docs/adr/0003):
 * - `single-line` (every string item but the two below: codes, references, addresses, postcodes, meter ids, …): no C0
 *   control character (U+0000–U+001F, NUL included), no DEL (U+007F), no C1 control character
 *   (U+0080–U+009F), no bidirectional embedding, override or isolate (U+202A–U+202E,
 *   U+2066–U+2069);
 * - `multi-line` (the 2,000-character "additional information" items): the same, except that tab,
 *   line feed and carriage return are allowed.
 */
export type TextScreen = 'single-line' | 'multi-line';

const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};
const MULTI_LINE_ALLOWED = new Set([0x09, 0x0a, 0x0d]);

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `text` holds a character its {@link TextScreen} refuses (naming the first one, its code point
 * and its 1-based position), or `null` when it holds none.
 */
export function textScreenProblem(text: string, screen: TextScreen): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    if (control && !(screen === 'multi-line' && MULTI_LINE_ALLOWED.has(code))) {
      const name = code === 0 ? 'NUL' : code <= 0x1f || code === 0x7f ? 'a control character' : 'a C1 control character';
      return `must not contain control characters: ${code === 0 ? `NUL (${codePoint(code)})` : `${name} ${codePoint(code)}`} at character ${i + 1}`;
    }
    const bidi = BIDI_NAMES[code];
    if (bidi) {
      return `must not contain bidirectional formatting characters: ${codePoint(code)} ${bidi} at character ${i + 1}`;
    }
  }
  return null;
}

/**
 * A string of `min`–`max` characters, optionally matching `pattern` (described by `patternText`),
 * passing the `screen` ({@link TextScreen}; `single-line` unless the item is multi-line free text:
 * every string field is screened, codes and references as well as addresses — issue #8, where a
 * sender role id or a contract reference holding a right-to-left override was found accepted).
 */
export function stringCheck(opts: {
  type: string;
  min: number;
  max: number;
  pattern?: RegExp;
  patternText?: string;
  screen?: TextScreen;
}): WireCheck {
  const { type, min, max, pattern, patternText, screen = 'single-line' } = opts;
  const lengthText = min === max ? `exactly ${min} characters` : min === 0 ? `at most ${max} characters` : `${min}–${max} characters`;
  return (value) => {
    if (typeof value !== 'string') return `must be a string of ${lengthText} (${type}), got ${describeValue(value)}`;
    if (value.length < min || value.length > max) {
      return `must be ${lengthText} (${type}), got ${value.length}: ${describeValue(value)}`;
    }
    if (pattern && !pattern.test(value)) {
      return `must match ${patternText ?? pattern.source} (${type}), got ${describeValue(value)}`;
    }
    const problem = textScreenProblem(value, screen);
    if (problem) return `${problem} (${type}), got ${describeValue(value)}`;
    return null;
  };
}

/** A JSON integer from `min` to `max` (a number with a fraction, or a numeric string, is not one). */
export function integerCheck(min: number, max: number, type: string): WireCheck {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? null
      : `must be an integer from ${min} to ${max} (${type}), got ${describeValue(value)}`;
}

/** A JSON array of at least `minItems` JSON objects (`blockName` items); reports the first bad item with its index. */
export function blockListCheck(blockName: string, minItems: number): WireCheck {
  return (value) => {
    if (!Array.isArray(value)) return `must be an array of ${blockName} objects (at least ${minItems}), got ${describeValue(value)}`;
    if (value.length < minItems) return `must hold at least ${minItems} ${blockName} object${minItems === 1 ? '' : 's'}, got an empty array`;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return `item [${i}] must be a JSON object (${blockName}), got ${describeValue(item)}`;
      }
    }
    return null;
  };
}

/** One of the enumerated `values` (strings). */
export function enumCheck(values: readonly string[], type: string): WireCheck {
  return (value) =>
    typeof value === 'string' && values.includes(value)
      ? null
      : `must be one of ${values.join(', ')} (${type}), got ${describeValue(value)}`;
}

/** A JSON boolean (`true`/`false`; the string "true" is not one). */
export function booleanCheck(type: string): WireCheck {
  return (value) => (typeof value === 'boolean' ? null : `must be true or false (${type}), got ${describeValue(value)}`);
}

/** DT-003 date-time: 25 characters, `YYYY-MM-DDTHH:MM:SS±HH:MM`, a real calendar date-time and offset. */
export const dateTimeCheck: WireCheck = (value) => {
  const problem = dipDateTimeProblem(value);
  return problem === null ? null : `${problem} (DT-003 date-time, e.g. 2025-04-01T00:00:00+01:00), got ${describeValue(value)}`;
};

const DIP_ID_RE = /^[0-9]{10}$/;

/**
 * DT-006 DIP participant id: the schema says 10 characters; every DIP id is 10 ASCII digits, so we
 * require digits too.
 */
export const dipIdCheck: WireCheck = (value) =>
  typeof value === 'string' && DIP_ID_RE.test(value)
    ? null
    : `must be exactly 10 digits (DT-006 DIP participant id), got ${describeValue(value)}`;

/**
 * An array of DT-006N DIP participant ids (`A0` recipients): each item is a 10-digit id or `null`.
 * Reports the first bad item with its index.
 */
export const dipIdListCheck: WireCheck = (value) => {
  if (!Array.isArray(value)) return `must be an array of DIP participant ids (DT-006N), got ${describeValue(value)}`;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (item !== null && dipIdCheck(item) !== null) {
      return `item [${i}] must be exactly 10 digits or null (DT-006N DIP participant id), got ${describeValue(item)}`;
    }
  }
  return null;
};

/**
 * DT-002 MPAN core: exactly 13 ASCII digits. The check digit and the distributor id are business
 * rules (REG0000, checked by `MpanCore.parse` in the domain), not schema rules.
 */
export const mpanCoreCheck: WireCheck = (value) =>
  typeof value === 'string' && /^[0-9]{13}$/.test(value)
    ? null
    : `must be exactly 13 digits (DT-002 MPAN core), got ${describeValue(value)}`;

/** DT-027 MPID: 4 upper-case letters. */
export const mpidCheck = stringCheck({ type: 'DT-027 MPID', min: 4, max: 4, pattern: /^[A-Z]{4}$/, patternText: '^[A-Z]{4}$' });
