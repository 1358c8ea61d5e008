import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { channelOf, CustomBlockOf, DipChannelId, DipEventCodeOf, eventCodesOf } from './channels';
import { EnvironmentTag, WireGspGroupId } from './dto/wire-enums';
import { dipMessageDtoFor } from './dto/envelope.dto';
import { conformsToWireRules, describeValue, wireLabelOf, wirePropertiesOf } from './dto/wire-rules';
import { installValidationMetadataCache } from './validation-metadata-cache';

// class-validator's per-object metadata look-ups, memoised (ADR 0021): same results, less CPU.
installValidationMetadataCache();

/**
 * One structural (schema-level) problem of an inbound DIP message.
 * `path` is a dotted JSON path from the message element, e.g.
 * `payload.CustomBlock.B022.addressLine1` (`''` is the message itself; array items `[i]`);
 * `message` says what is wrong and what was received.
 */
export interface WireError {
  path: string;
  message: string;
}

/** The sender block of a validated message (`CommonBlock.S1`), as sent. */
export interface DipSender {
  /** `S1.senderDIPID` (10 digits). */
  dipId: string;
  /** `S1.senderRoleID` (3–5 characters; not checked against the channel here). */
  roleId: string;
  /** `S1.senderUniqueReference` (DT-995); with `dipId`, the idempotency key. */
  uniqueReference: string;
  /** `S1.senderTimestamp`: a DT-003 date-time with offset (an instant, as sent). */
  timestamp: string;
  /** `S1.senderCorrelationID`, or `null`. */
  correlationId: string | null;
  /** `S1.DIPConnectionProviderID`, or `null`. */
  connectionProviderId: string | null;
  /** `S1.environmentTag`. */
  environmentTag: EnvironmentTag;
}

/** The MPAN block of a validated message (`CommonBlock.M0`), as sent. */
export interface DipMpanRef {
  /** `M0.MPANCore`: 13 digits, not yet checked for distributor or check digit (see `MpanCore.parse`). */
  mpanCore: string;
  /** `M0.distributorDIPID` (10 digits). */
  distributorDipId: string;
  /** `M0.GSPGroupID` (`_A`…`_P`). */
  gspGroupId: WireGspGroupId;
}

/** A message of event `E` on channel `C` that passed {@link validateDipMessage}. */
export interface ValidatedDipMessageOf<C extends DipChannelId, E extends DipEventCodeOf<C>> {
  channelId: C;
  /** Bracketed `S0.eventCode`, e.g. `[MPANCreation]`. */
  eventCode: E;
  /** `S0.schemaVersion`, e.g. `011`. */
  schemaVersion: string;
  sender: DipSender;
  mpan: DipMpanRef;
  /** The validated `CustomBlock`: the plain JSON object as received (dates still DT-003 strings). */
  customBlock: CustomBlockOf<C, E>;
  /** The original `payload` object (`{ CommonBlock, CustomBlock }`), untouched. */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * A message that passed structural validation: a union over every channel and event of the
 * catalogue, discriminated by `channelId` and `eventCode`.
 */
export type ValidatedDipMessage = {
  [C in DipChannelId]: { [E in DipEventCodeOf<C>]: ValidatedDipMessageOf<C, E> }[DipEventCodeOf<C>];
}[DipChannelId];

/**
 * Outcome of {@link validateDipMessage}. On failure, `senderUniqueReference` and `senderDipId`
 * are what `S1` carried when they are strings of at most their schema length (200 / 10
 * characters), else `null` — enough to address a schema-failure acknowledgement.
 */
export type WireValidation =
  | { ok: true; message: ValidatedDipMessage }
  | { ok: false; errors: WireError[]; senderUniqueReference: string | null; senderDipId: string | null };

/** class-validator options: the global ValidationPipe settings of conventions §7, plus one message per field. */
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: true, value: false },
} as const;

/** Most errors reported for one message; the rest are summarised in one last error. */
export const MAX_WIRE_ERRORS = 100;
/** The deepest nesting inspected; a legal message is at most 5 levels deep. */
const MAX_DEPTH = 32;
/** Keys that could reach an object's prototype; never official field names. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Validates one element of a DIP submission (`{ payload: { CommonBlock, CustomBlock } }`) posted
 * on `channelId` (the `{channelId}` of `POST /dip-channel/{channelId}`), against the channel
 * catalogue ({@link DIP_CHANNELS}) and the DTOs transcribed from the official DIP schemas.
 *
 * Checks, all reported together (ordered: message shape, `S0`, `S1`, `A0`, `D0`, `M0`,
 * `CustomBlock`):
 * - the message and `payload` are objects with exactly the envelope's properties;
 * - `S0.interfaceID` equals `channelId`, `S0.schemaVersion` is the channel's, `S0.eventCode` is
 *   one of the channel's event codes; `D0` is absent; `S1`, `M0`, `A0` match the official blocks;
 * - the `CustomBlock` matches the event's DTO (only checked to be an object when the event code is
 *   not the channel's).
 *
 * Business rules are not checked here: the MPAN check digit and distributor (REG0000), the
 * sender's role on the channel, reference-data look-ups, date rules.
 *
 * Never throws: any JSON value (or any JS value) gives a result.
 */
export function validateDipMessage(channelId: string, raw: unknown): WireValidation {
  try {
    return validate(channelId, raw);
  } catch (error) {
    return failure([{ path: '', message: `the message could not be validated (${safeString(error)})` }], raw);
  }
}

/** `path: message`, the one-line form of a {@link WireError}. */
export function formatWireError(error: WireError): string {
  return `${error.path === '' ? '(message)' : error.path}: ${error.message}`;
}

function validate(channelId: string, raw: unknown): WireValidation {
  const channel = channelOf(channelId);
  if (!channel) {
    return failure([{ path: '', message: `${describeValue(channelId)} is not a known inbound channel` }], raw);
  }
  if (!isPlainObject(raw)) {
    return failure(
      [{ path: '', message: `a DIP message must be a JSON object { "payload": { "CommonBlock": …, "CustomBlock": … } }, got ${describeValue(raw)}` }],
      raw,
    );
  }
  const scan = scanJson(raw);
  if (scan.fatal) return failure(capped(scan.errors), raw);

  const eventCode = at(raw, 'payload', 'CommonBlock', 'S0', 'eventCode');
  const knownEvent = typeof eventCode === 'string' && eventCodesOf(channelId).includes(eventCode) ? eventCode : null;
  const dto = dipMessageDtoFor(channelId, channel, knownEvent);
  // A message that certainly passes the DTOs' rules needs no class instances (ADR 0021); any other
  // is validated by class-validator, which reports every problem.
  if (scan.errors.length === 0 && conformsToWireRules(dto, raw)) {
    return { ok: true, message: toValidatedMessage(channelId as DipChannelId, raw) };
  }
  const instance = plainToInstance(dto, raw) as object;
  const scanned = new Set(scan.errors.map((e) => e.path));
  const validated = flatten(validateSync(instance, VALIDATOR_OPTIONS), '').filter((e) => !scanned.has(e.path));
  const errors = [...scan.errors, ...validated];
  if (errors.length > 0) return failure(capped(inCheckOrder(errors)), raw);
  return { ok: true, message: toValidatedMessage(channelId as DipChannelId, raw) };
}

function toValidatedMessage(channelId: DipChannelId, raw: Record<string, unknown>): ValidatedDipMessage {
  const payload = raw.payload as Record<string, unknown>;
  const common = payload.CommonBlock as Record<string, Record<string, unknown>>;
  const s0 = common.S0!;
  const s1 = common.S1!;
  const m0 = common.M0!;
  return {
    channelId,
    eventCode: s0.eventCode,
    schemaVersion: s0.schemaVersion,
    sender: {
      dipId: s1.senderDIPID,
      roleId: s1.senderRoleID,
      uniqueReference: s1.senderUniqueReference,
      timestamp: s1.senderTimestamp,
      correlationId: s1.senderCorrelationID,
      connectionProviderId: s1.DIPConnectionProviderID,
      environmentTag: s1.environmentTag,
    },
    mpan: { mpanCore: m0.MPANCore, distributorDipId: m0.distributorDIPID, gspGroupId: m0.GSPGroupID },
    customBlock: payload.CustomBlock,
    raw: payload,
  } as ValidatedDipMessage;
}

function failure(errors: WireError[], raw: unknown): WireValidation {
  const s1 = safe(() => at(raw, 'payload', 'CommonBlock', 'S1'));
  const str = (key: string, max: number): string | null => {
    const v = safe(() => at(s1, key));
    return typeof v === 'string' && v.length <= max ? v : null;
  };
  return { ok: false, errors, senderUniqueReference: str('senderUniqueReference', 200), senderDipId: str('senderDIPID', 10) };
}

/** Flattens class-validator's error tree into path/message pairs. */
function flatten(errors: readonly ValidationError[], parent: string): WireError[] {
  const out: WireError[] = [];
  for (const e of errors) {
    // An item of a list of blocks (B906.historyMAP) is reported as `<list>[<index>]`.
    const path = e.property === undefined ? parent : Array.isArray(e.target) ? `${parent}[${e.property}]` : join(parent, e.property);
    for (const [kind, message] of Object.entries(e.constraints ?? {})) {
      out.push({ path, message: kind === 'whitelistValidation' ? unknownPropertyMessage(e.target) : message });
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

function unknownPropertyMessage(target: unknown): string {
  const ctor = typeof target === 'object' && target !== null ? target.constructor : undefined;
  const label = (ctor && wireLabelOf(ctor)) ?? 'its parent';
  const known = ctor ? wirePropertiesOf(ctor) : [];
  return `is not a property of ${label}${known.length ? ` (expected: ${known.join(', ')})` : ''}`;
}

const SECTION_ORDER = [
  '',
  'payload',
  'payload.CommonBlock',
  'payload.CommonBlock.S0',
  'payload.CommonBlock.S1',
  'payload.CommonBlock.A0',
  'payload.CommonBlock.D0',
  'payload.CommonBlock.M0',
  'payload.CustomBlock',
];

/** Stable sort by section (shape, S0, S1, A0, D0, M0, CustomBlock), keeping the order within one. */
function inCheckOrder(errors: WireError[]): WireError[] {
  const rank = (path: string): number => {
    let best = 0;
    SECTION_ORDER.forEach((section, i) => {
      if (path === section || (section !== '' && path.startsWith(`${section}.`)) || path.startsWith(`${section}[`)) best = i;
    });
    return best;
  };
  return errors.map((e, i) => ({ e, i, r: rank(e.path) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e);
}

function capped(errors: WireError[]): WireError[] {
  if (errors.length <= MAX_WIRE_ERRORS) return errors;
  const shown = errors.slice(0, MAX_WIRE_ERRORS - 1);
  return [...shown, { path: '', message: `… and ${errors.length - shown.length} more errors` }];
}

/**
 * Walks the raw value before class-transformer sees it: prototype-reaching keys (`__proto__`,
 * `constructor`, `prototype`) are reported as unknown properties (class-transformer would drop
 * them silently); values that are not JSON or nest deeper than {@link MAX_DEPTH} stop validation.
 */
function scanJson(root: unknown): { errors: WireError[]; fatal: boolean } {
  const errors: WireError[] = [];
  let fatal = false;
  const visit = (value: unknown, path: string, depth: number): void => {
    if (value === null || value === undefined) return;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return;
    if (type !== 'object' || !(Array.isArray(value) || isPlainObject(value))) {
      errors.push({ path, message: `is not a JSON value (got ${describeValue(value)})` });
      fatal = true;
      return;
    }
    if (depth > MAX_DEPTH) {
      errors.push({ path, message: `nests deeper than ${MAX_DEPTH} levels` });
      fatal = true;
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) errors.push({ path: join(path, key), message: 'is not a property of the DIP schema (a reserved JavaScript name)' });
      visit((value as Record<string, unknown>)[key], join(path, key), depth + 1);
      if (fatal) return;
    }
  };
  visit(root, '', 0);
  return { errors, fatal };
}

/** A plain object as JSON.parse makes (from any realm): `Object.prototype` or `null` as prototype. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

/** Reads nested own properties of plain objects; `undefined` when any step is missing. */
function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function safeString(value: unknown): string {
  try {
    return value instanceof Error ? value.message : String(value);
  } catch {
    return 'unprintable error';
  }
}
