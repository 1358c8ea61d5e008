/**
 * Argument checks and JSON handling shared by every EventStore adapter, so that all adapters reject
 * the same bad input with the same errors (the contract suite asserts them).
 */
import {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppendBatch,
  SubscribeToAllOptions,
} from './event-store.port';

/** Default page size of `readAll` when `maxCount` is not given (see `ReadAllOptions`). */
export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/**
 * Checks the arguments of `appendToStreams` before anything is written: a non-empty array of
 * batches, each with the checks of {@link assertAppendArguments} (a batch whose events are a
 * function is checked when {@link resolveBatchEvents} runs it).
 * @throws Error when `batches` is empty / not an array, or a batch is invalid (as `appendToStream`).
 */
export function assertAppendBatches(batches: StreamAppendBatch[]): void {
  if (!Array.isArray(batches) || batches.length === 0) {
    throw new Error('appendToStreams: batches must be a non-empty array');
  }
  for (const batch of batches) {
    if (typeof batch?.events === 'function') {
      assertStreamName(batch.streamName);
      assertExpectedRevision(batch.expectedRevision);
    } else {
      assertAppendArguments(batch?.streamName, batch?.expectedRevision, batch?.events);
    }
  }
}

/**
 * The events of one batch of `appendToStreams`: the list, or what its function builds from the
 * results of the batches before it; checked as `appendToStream` checks its events.
 * @throws Error / TypeError as {@link assertAppendArguments}, or what the function throws.
 */
export function resolveBatchEvents(batch: StreamAppendBatch, earlier: readonly AppendResult[]): NewEvent[] {
  const events = typeof batch.events === 'function' ? batch.events(earlier) : batch.events;
  assertAppendArguments(batch.streamName, batch.expectedRevision, events);
  return events;
}

function assertExpectedRevision(expectedRevision: ExpectedRevision): void {
  if (expectedRevision !== 'no_stream' && typeof expectedRevision !== 'bigint') {
    throw new TypeError(
      `expectedRevision must be a bigint or 'no_stream', got ${typeof expectedRevision} ${String(expectedRevision)}`,
    );
  }
}

/**
 * Checks the arguments of `appendToStream`.
 * @throws Error when `streamName` is empty or `events` is empty / not an array.
 * @throws TypeError when `expectedRevision` is neither a `bigint` nor `'no_stream'`, or an event
 *   has no non-empty string `type` (a JS `number` revision is refused: it would never compare equal
 *   to a stored `bigint`).
 */
export function assertAppendArguments(
  streamName: string,
  expectedRevision: ExpectedRevision,
  events: NewEvent[],
): void {
  assertStreamName(streamName);
  if (expectedRevision !== 'no_stream' && typeof expectedRevision !== 'bigint') {
    throw new TypeError(
      `expectedRevision must be a bigint or 'no_stream', got ${typeof expectedRevision} ${String(expectedRevision)}`,
    );
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(`appendToStream(${streamName}): events must be a non-empty array`);
  }
  events.forEach((event, index) => {
    if (typeof event?.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`appendToStream(${streamName}): event #${index} has no type`);
    }
  });
}

/** @throws Error when `streamName` is not a non-empty string. */
export function assertStreamName(streamName: string): void {
  if (typeof streamName !== 'string' || streamName.length === 0) {
    throw new Error('streamName must be a non-empty string');
  }
}

/**
 * Normalises `ReadStreamOptions`: `fromRevision` defaults to `0n`, `maxCount` to `undefined` (all).
 * @throws RangeError when `fromRevision` is negative / not a bigint, or `maxCount` is not a
 *   non-negative safe integer.
 */
export function normaliseReadStreamOptions(options: ReadStreamOptions = {}): {
  fromRevision: bigint;
  maxCount: number | undefined;
} {
  const fromRevision = options.fromRevision ?? 0n;
  if (typeof fromRevision !== 'bigint' || fromRevision < 0n) {
    throw new RangeError(`fromRevision must be a bigint >= 0n, got ${String(fromRevision)}`);
  }
  if (options.maxCount !== undefined) assertMaxCount(options.maxCount);
  return { fromRevision, maxCount: options.maxCount };
}

/**
 * Normalises `ReadAllOptions`: `after` defaults to `0n` (positions start above 0), `maxCount` to
 * {@link DEFAULT_READ_ALL_MAX_COUNT}, `streamPrefix` to `undefined` (every stream).
 * @throws RangeError when `after` is not a bigint or `maxCount` is not a non-negative safe integer.
 * @throws TypeError when `streamPrefix` is given but not a string.
 */
export function normaliseReadAllOptions(options: ReadAllOptions = {}): {
  after: bigint;
  maxCount: number;
  streamPrefix: string | undefined;
} {
  const after = options.after ?? 0n;
  if (typeof after !== 'bigint') {
    throw new RangeError(`after must be a bigint, got ${typeof after} ${String(after)}`);
  }
  const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
  assertMaxCount(maxCount);
  if (options.streamPrefix !== undefined && typeof options.streamPrefix !== 'string') {
    throw new TypeError('streamPrefix must be a string');
  }
  const streamPrefix = options.streamPrefix === '' ? undefined : options.streamPrefix;
  return { after, maxCount, streamPrefix };
}

/**
 * Normalises `SubscribeToAllOptions` like {@link normaliseReadAllOptions}: `after` defaults to `0n`
 * (from the start), `streamPrefix` to `undefined` (every stream).
 * @throws RangeError when `after` is not a bigint.
 * @throws TypeError when `streamPrefix` is given but not a string.
 */
export function normaliseSubscribeToAllOptions(options: SubscribeToAllOptions = {}): {
  after: bigint;
  streamPrefix: string | undefined;
} {
  const { after, streamPrefix } = normaliseReadAllOptions({ after: options.after, streamPrefix: options.streamPrefix });
  return { after, streamPrefix };
}

function assertMaxCount(maxCount: number): void {
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${String(maxCount)}`);
  }
}

/**
 * Serialises an event's `data` or `metadata` to JSON text.
 * @param what names the field in the error message, e.g. `event #3 data of stream mpan-1`.
 * @throws TypeError when the value is not a JSON object (e.g. contains a `bigint`, is circular, or
 *   is `undefined`), with the original error as `cause`.
 */
export function serialiseJsonObject(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new TypeError(`${what} cannot be serialised as JSON: ${(cause as Error).message}`, { cause });
  }
  if (text === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${what} must be a plain JSON object`);
  }
  return text;
}
