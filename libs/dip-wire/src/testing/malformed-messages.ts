import { validateInputMessage } from '../conformance';
import { Prng } from '../sample-traffic/prng';
import { DipMessageJson, VALID_MESSAGES } from './fixtures';

/**
 * A seeded generator of malformed DIP messages for the intake fuzz test (issue #8 item 4): every
 * message it returns must be refused, and says which field the refusal must name.
 *
 * Each message is a valid fixture (`VALID_MESSAGES`, every channel and event) with ONE mutation.
 * Mutations that could leave a message valid (a missing field may be optional, a long string may
 * have no maximum, an odd character may be allowed in free text) are kept only when Elexon's
 * official DIP schema (`validateInputMessage`, ajv) refuses the result too — the oracle is the
 * official document, not our validator. The others are refused by rules of ours that the official
 * schema does not express, each listed in docs/security.md: calendar-invalid DT-003 dates,
 * control and bidirectional-formatting characters, properties the DIP schema does not name.
 *
 * Body-level mutations (duplicated keys, prototype keys, deep nesting, lone surrogates, NUL) are
 * JSON texts refused as a whole (400 naming the JSONPath) before any message is read.
 */

/**
 * The fuzz generator's random source: the traffic generator's seeded mulberry32 ({@link Prng}),
 * with `int(n)` in [0, n); `next()` in [0, 1). Same seed, same sequence.
 */
export class SeededRandom {
  private readonly prng: Prng;

  constructor(readonly seed: number) {
    this.prng = new Prng(seed);
  }

  next(): number {
    return this.prng.next();
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** @throws RangeError on an empty list. */
  pick<T>(items: readonly T[]): T {
    return this.prng.pick(items);
  }
}

/**
 * The fuzz seed: `REGISTRY_FUZZ_SEED` (a whole number) when set, else a fresh random one. Print
 * it, so that a failing run can be repeated with `REGISTRY_FUZZ_SEED=<seed>`.
 * @throws Error when `REGISTRY_FUZZ_SEED` is not a whole number from 0 to 2^32 − 1.
 */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REGISTRY_FUZZ_SEED;
  if (raw === undefined || raw === '') return Math.floor(Math.random() * 2 ** 32);
  if (!/^\d+$/.test(raw) || Number(raw) >= 2 ** 32) throw new Error(`REGISTRY_FUZZ_SEED must be a whole number from 0 to 4294967295, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A path into a message: object keys and array indexes. */
export type Path = ReadonlyArray<string | number>;

/** `payload.CommonBlock.A0.primaryRecipients[0]`: the path form of the registry's schema errors. */
export function dottedPath(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? key : `${out}.${key}`), '');
}

/** `$[3].payload.CommonBlock`: the JSONPath form of the body-level errors, for the message at `index` of the body. */
export function jsonPath(index: number, path: Path): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`),
    `$[${index}]`,
  );
}

/** One malformed message, refused on its own (a `MSG1001` entry) with an error naming {@link field}. */
export interface MalformedMessage {
  kind: string;
  channel: string;
  eventCode: string;
  /** `S1.senderDIPID` of the valid message before the mutation: the participant to sign the request as. */
  sender: string;
  message: unknown;
  /** Where the mutation is; a refusal names this path, a path inside it, or (for an array item) its array. */
  field: Path;
  /** What was done, for failure messages. */
  description: string;
}

/** One malformed body (a JSON text of one message), refused whole: 400 naming {@link where}. */
export interface MalformedBody {
  kind: string;
  channel: string;
  /** `S1.senderDIPID` of the message (not mutated): the participant to sign the request as. */
  sender: string;
  text: string;
  /** The JSONPath the 400's message must contain. */
  where: string;
  /** A fragment the 400's message must contain (what is wrong). */
  says: string;
  description: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const CHANNELS = Object.keys(VALID_MESSAGES) as Array<keyof typeof VALID_MESSAGES>;
const ALL_EVENT_CODES = CHANNELS.flatMap((c) => Object.keys(VALID_MESSAGES[c]));

/** DT-003 date-times that are not real instants (well-formed lengths, so only a calendar check refuses them). */
const IMPOSSIBLE_DATE_TIMES = [
  '2025-02-29T00:00:00+00:00', // not a leap year
  '2025-02-30T00:00:00+00:00',
  '2025-04-31T00:00:00+01:00',
  '2025-13-01T00:00:00+00:00',
  '2025-00-10T00:00:00+00:00',
  '2025-06-00T00:00:00+01:00',
  '2025-06-15T24:00:00+01:00',
  '2025-06-15T23:60:00+01:00',
  '2025-06-15T23:59:60+01:00',
  '2025-06-15T10:00:00+24:00',
  '2025-06-15T10:00:00+01:60',
  '0000-01-01T00:00:00+00:00',
];

/** Characters that no identifier, code, date or enumerated value of the DIP schemas allows. */
const ODD_CHARACTERS = ['\u200b', '\u200f', '\u202e', '\ufeff', '\u0301', '\u00a0', '１', '٣', '𝟏', 'é', ' ', '\t', 'ﬁ', 'Ⅻ', '\u2028'];
/** Characters we refuse in any string, free text included (control and bidirectional formatting). */
const ALWAYS_REFUSED_CHARACTERS = ['\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u0007', '\u001b', '\u0085', '\u007f'];
/** Values of the wrong JSON type for any field of the DIP schemas (all fields are strings, arrays or objects). */
const WRONG_TYPE_VALUES: Json[] = [42, -1.5, 0, true, false, {}, [], 1e308, -1e308, 5e-324, ['x'], { value: 'x' }];
/** Numbers beyond what any field takes (every DIP field is a string: these are also of the wrong type). */
const HUGE_NUMBERS = [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, 1.2345678901234568e29, -0, Number.MIN_VALUE];

type Mutation = (base: DipMessageJson, channel: string) => { message: unknown; field: Path; description: string; oracle: boolean } | null;

/**
 * Generates malformed messages and bodies from `seed` (same seed, same sequence).
 * See the module comment for what "malformed" covers and how the official schema is the oracle.
 */
export class MalformedMessageGenerator {
  private readonly random: SeededRandom;
  /** How many candidates the official schema accepted and that were therefore not used (mutations that left the message valid). */
  discarded = 0;

  constructor(readonly seed: number) {
    this.random = new SeededRandom(seed);
  }

  /** The mutation kinds of {@link message}, with their weights. */
  private readonly mutations: Array<[string, number, Mutation]> = [
    ['wrong type', 18, (m) => this.wrongType(m)],
    ['missing', 12, (m) => this.missing(m)],
    ['null', 5, (m) => this.nullified(m)],
    ['wrong container', 6, (m) => this.wrongContainer(m)],
    ['oversize', 10, (m) => this.oversize(m)],
    ['odd unicode', 14, (m) => this.oddUnicode(m)],
    ['control or bidi character', 6, (m) => this.alwaysRefusedCharacter(m)],
    ['impossible date', 10, (m) => this.impossibleDate(m)],
    ['wrong event code', 7, (m, c) => this.wrongEventCode(m, c)],
    ['unknown property', 7, (m) => this.unknownProperty(m)],
    ['huge number', 5, (m) => this.hugeNumber(m)],
  ];

  /** The next malformed message (a valid fixture of a random channel and event, mutated once). */
  message(): MalformedMessage {
    const total = this.mutations.reduce((sum, [, weight]) => sum + weight, 0);
    for (;;) {
      let roll = this.random.int(total);
      const [kind, , mutate] = this.mutations.find(([, weight]) => (roll -= weight) < 0)!;
      const { channel, eventCode, base } = this.base();
      const candidate = mutate(base, channel);
      if (candidate === null) continue;
      if (candidate.oracle && validateInputMessage(candidate.message, channel as never).valid) {
        this.discarded++;
        continue;
      }
      return { kind, channel, eventCode, sender: senderOf(base), message: candidate.message, field: candidate.field, description: candidate.description };
    }
  }

  /** The next malformed body: one valid message written with a duplicated key, a prototype key, too deep a value, a lone surrogate or NUL. */
  body(): MalformedBody {
    const { channel, eventCode, base } = this.base();
    const kind = this.random.pick(['duplicated key', 'prototype key', 'deep nesting', 'lone surrogate', 'NUL']);
    const describe = (what: string) => `${channel} ${eventCode}: ${what}`;
    const sender = senderOf(base);
    if (kind === 'duplicated key' || kind === 'prototype key') {
      const objects = objectPaths(base).filter((p) => Object.keys(get(base, p) as object).length > 0);
      const at = this.random.pick(objects);
      const target = get(base, at) as Record<string, Json>;
      const key = kind === 'duplicated key' ? this.random.pick(Object.keys(target)) : this.random.pick(['__proto__', 'constructor', 'prototype']);
      const value: Json = kind === 'duplicated key' ? this.random.pick<Json>([target[key]!, 'x', null, 1]) : this.random.pick<Json>([{}, { polluted: true }, 'x', null]);
      const escapedKey = this.random.next() < 0.2 ? `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}` : key;
      const text = `[${serialise(base as unknown as Json, [], { at, extra: `"${escapedKey}":${JSON.stringify(value)}` })}]`;
      return {
        kind,
        channel,
        sender,
        text,
        where: jsonPath(0, at),
        says: kind === 'duplicated key' ? `"${key}" twice` : `the key "${key}"`,
        description: describe(`${kind} ${key} in ${dottedPath(at) || '(message)'}`),
      };
    }
    const leaf = this.random.pick(leafPaths(base));
    if (kind === 'deep nesting') {
      const depth = 40 + this.random.int(5000);
      const open = this.random.next() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      const message = set(base, leaf, '@@DEEP@@');
      const text = `[${JSON.stringify(message).replace('"@@DEEP@@"', `${open.repeat(depth)}1${close.repeat(depth)}`)}]`;
      return { kind, channel, sender, text, where: jsonPath(0, leaf), says: 'nests deeper than 32 levels', description: describe(`${depth} levels in ${dottedPath(leaf)}`) };
    }
    const original = get(base, leaf);
    const prefix = typeof original === 'string' ? original.slice(0, 3) : '';
    const value = kind === 'NUL' ? `${prefix}\u0000` : `${prefix}${this.random.pick(['\ud800', '\udfff', '\udbff\u0041', '\ud83d'])}`;
    return {
      kind,
      channel,
      sender,
      text: JSON.stringify([set(base, leaf, value)]),
      where: jsonPath(0, leaf),
      says: kind === 'NUL' ? 'U+0000' : 'lone UTF-16 surrogate',
      description: describe(`${kind} in ${dottedPath(leaf)}`),
    };
  }

  private base(): { channel: string; eventCode: string; base: DipMessageJson } {
    const channel = this.random.pick(CHANNELS);
    const events = VALID_MESSAGES[channel] as Record<string, () => DipMessageJson>;
    const eventCode = this.random.pick(Object.keys(events));
    return { channel, eventCode, base: events[eventCode]!() };
  }

  private wrongType(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick(leafPaths(m));
    const value = this.random.pick(WRONG_TYPE_VALUES);
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)} = ${JSON.stringify(value)}`, oracle: true };
  }

  private missing(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick([...leafPaths(m), ...objectPaths(m).filter((p) => p.length > 0)].filter((p) => typeof p[p.length - 1] === 'string'));
    return { message: remove(m, at), field: at, description: `without ${dottedPath(at)}`, oracle: true };
  }

  private nullified(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick([...leafPaths(m), ...objectPaths(m).filter((p) => p.length > 0)]);
    return { message: set(m, at, null), field: at, description: `${dottedPath(at)} = null`, oracle: true };
  }

  private wrongContainer(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick([...objectPaths(m).filter((p) => p.length > 0), ...arrayPaths(m)]);
    const value = this.random.pick<Json>(Array.isArray(get(m, at)) ? [{}, 'x', 0, { 0: 'x' }] : [[], [get(m, at) as Json], 'x', 0, true]);
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)} = ${JSON.stringify(value).slice(0, 40)}`, oracle: true };
  }

  private oversize(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick(stringLeafPaths(m));
    const original = get(m, at) as string;
    const length = this.random.pick([original.length + 1, original.length + 2, 256, 1001, 20_000]);
    const value = original.padEnd(length, original.length > 0 ? original : 'x');
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)}: ${length} characters`, oracle: true };
  }

  private oddUnicode(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick(stringLeafPaths(m));
    const original = get(m, at) as string;
    const char = this.random.pick(ODD_CHARACTERS);
    const position = this.random.int(original.length + 1);
    const value = this.random.next() < 0.3 ? replaceChar(original, position, char) : original.slice(0, position) + char + original.slice(position);
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)} = ${JSON.stringify(value)}`, oracle: true };
  }

  private alwaysRefusedCharacter(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick(stringLeafPaths(m));
    const original = get(m, at) as string;
    const position = this.random.int(original.length + 1);
    const value = original.slice(0, position) + this.random.pick(ALWAYS_REFUSED_CHARACTERS) + original.slice(position);
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)} = ${JSON.stringify(value)}`, oracle: false };
  }

  private impossibleDate(m: DipMessageJson): ReturnType<Mutation> {
    const dates = stringLeafPaths(m).filter((p) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(get(m, p) as string));
    if (dates.length === 0) return null;
    const at = this.random.pick(dates);
    const value = this.random.pick(IMPOSSIBLE_DATE_TIMES);
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)} = ${value}`, oracle: false };
  }

  private wrongEventCode(m: DipMessageJson, channel: string): ReturnType<Mutation> {
    const own = Object.keys(VALID_MESSAGES[channel as keyof typeof VALID_MESSAGES]);
    const others = ALL_EVENT_CODES.filter((e) => !own.includes(e));
    const ownCode = this.random.pick(own);
    const value = this.random.pick([
      this.random.pick(others),
      ownCode.slice(1, -1),
      ownCode.toLowerCase(),
      `${ownCode} `,
      `[${ownCode}]`,
      '[]',
      '',
      '[Unknown]',
    ]);
    const at: Path = ['payload', 'CommonBlock', 'S0', 'eventCode'];
    return { message: set(m, at, value), field: ['payload', 'CommonBlock', 'S0'], description: `eventCode ${JSON.stringify(value)} on ${channel}`, oracle: true };
  }

  private unknownProperty(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick(objectPaths(m));
    const existing = Object.keys(get(m, at) as object);
    const candidates = ['extra', 'B999', 'D0', 'payload2', '$comment', ...existing.map((k) => k.toLowerCase()), ...existing.map((k) => `${k} `)].filter((k) => !existing.includes(k));
    const key = this.random.pick(candidates);
    const field = [...at, key];
    return { message: set(m, field, this.random.pick<Json>(['x', 1, null, {}])), field, description: `unknown property ${dottedPath(field)}`, oracle: false };
  }

  private hugeNumber(m: DipMessageJson): ReturnType<Mutation> {
    const at = this.random.pick(leafPaths(m));
    const value = this.random.pick(HUGE_NUMBERS);
    return { message: set(m, at, value), field: at, description: `${dottedPath(at)} = ${value}`, oracle: true };
  }
}

function senderOf(m: DipMessageJson): string {
  return (m.payload.CommonBlock.S1 as { senderDIPID: string }).senderDIPID;
}

function replaceChar(text: string, position: number, char: string): string {
  if (text.length === 0) return char;
  const i = Math.min(position, text.length - 1);
  return text.slice(0, i) + char + text.slice(i + 1);
}

/** Every path of a value (the root `[]` included), with the value there. */
function walk(value: unknown, path: Path = [], out: Array<[Path, unknown]> = []): Array<[Path, unknown]> {
  out.push([path, value]);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], out);
  return out;
}

function leafPaths(m: unknown): Path[] {
  return walk(m).filter(([p, v]) => p.length > 0 && (v === null || typeof v !== 'object')).map(([p]) => p);
}

function stringLeafPaths(m: unknown): Path[] {
  return walk(m).filter(([, v]) => typeof v === 'string').map(([p]) => p);
}

function objectPaths(m: unknown): Path[] {
  return walk(m).filter(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v)).map(([p]) => p);
}

function arrayPaths(m: unknown): Path[] {
  return walk(m).filter(([, v]) => Array.isArray(v)).map(([p]) => p);
}

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** A deep copy of `value` with `path` set to `replacement` (the parent must exist). */
function set<T>(value: T, path: Path, replacement: unknown): T {
  const copy = structuredClone(value);
  if (path.length === 0) return replacement as T;
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = replacement;
  return copy;
}

/** A deep copy of `value` without the property at `path`. */
function remove<T>(value: T, path: Path): T {
  const copy = structuredClone(value);
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  delete parent[path[path.length - 1]!];
  return copy;
}

/** JSON text of `value`, with `extra` (a `"key":value` pair) written last inside the object at `inject.at`. */
function serialise(value: Json, path: Path, inject: { at: Path; extra: string }): string {
  if (Array.isArray(value)) return `[${value.map((item, i) => serialise(item, [...path, i], inject)).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const pairs = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${serialise(v, [...path, k], inject)}`);
  if (path.length === inject.at.length && path.every((k, i) => k === inject.at[i])) pairs.push(inject.extra);
  return `{${pairs.join(',')}}`;
}
