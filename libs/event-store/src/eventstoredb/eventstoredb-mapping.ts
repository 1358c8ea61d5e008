/**
 * The pure half of the EventStoreDB adapter: how our positions, stream names, metadata and errors
 * map to the server's (ADR 0009). No network here, so all of it is unit-tested without a server.
 */
import { ErrorType, isCommandError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { Position } from '@eventstore/db-client';
import { EventMetadata, ExpectedRevision, RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';

/** Largest int64: ESDB log positions are C# `long`s, so a real position never exceeds it. */
export const INT64_MAX = 2n ** 63n - 1n;

/** The metadata key the adapter adds to every event: the commit instant of its append. */
export const RECORDED_AT_KEY = 'recordedAt';

/**
 * Our position of an ESDB event: its transaction-file log position, which ESDB reports as both
 * the commit and the prepare position of every event written outside an explicit transaction
 * (every gRPC append), unique per event and increasing in `$all` order (ADR 0009).
 * @throws Error when the position is missing or not a real one (a server older than 22.6 leaves
 *   stream reads without it: `2^64 - 1`), or when commit and prepare differ (an event written in a
 *   legacy explicit TCP transaction, whose events share a commit position: not ours to read).
 */
export function positionFromEsdb(position: Position | undefined, where: string): bigint {
  if (position === undefined || position.commit < 0n || position.commit > INT64_MAX) {
    throw new Error(
      `EventStoreDB gave no $all position for ${where} (got ${position === undefined ? 'none' : String(position.commit)}): ` +
        'the adapter needs EventStoreDB 22.6 or later, which reports positions on stream reads',
    );
  }
  if (position.commit !== position.prepare) {
    throw new Error(
      `EventStoreDB event ${where} has commit position ${position.commit} but prepare position ${position.prepare}: ` +
        'it was written in an explicit (legacy TCP) transaction, which this adapter does not support',
    );
  }
  return position.commit;
}

/**
 * The ESDB `$all` position of one of our positions (commit = prepare = the event's log position).
 * Only positions of real events are valid read/subscribe starts on the server (see
 * `EventStoreDbEventStore.readAll` for other values).
 * @throws RangeError for a negative position or one above {@link INT64_MAX}.
 */
export function esdbPositionOf(position: bigint): Position {
  if (position < 0n || position > INT64_MAX) throw new RangeError(`an EventStoreDB position is 0..2^63-1, got ${position}`);
  return { commit: position, prepare: position };
}

/**
 * The stream namespace of a store: a prefix the adapter puts before every stream name on the
 * server and removes again on read, so that several stores (test runs, environments) can share
 * one server without seeing each other's streams. `''` (the default) is no namespace.
 */
export class StreamNamespace {
  /**
   * @throws TypeError when `prefix` is not a string.
   * @throws RangeError when it starts with `$` (the server's system streams).
   */
  constructor(readonly prefix: string = '') {
    if (typeof prefix !== 'string') throw new TypeError('namespace must be a string');
    if (prefix.startsWith('$')) throw new RangeError(`namespace must not start with $ (system streams), got ${JSON.stringify(prefix)}`);
  }

  /**
   * The server's name of stream `streamName`.
   * @throws RangeError when there is no namespace and the name starts with `$`: it would be a
   *   system stream on the server (and `readAll` would never see it).
   */
  toServer(streamName: string): string {
    if (this.prefix === '' && streamName.startsWith('$')) {
      throw new RangeError(`streamName must not start with $ on EventStoreDB (a system stream), got ${JSON.stringify(streamName)}`);
    }
    return `${this.prefix}${streamName}`;
  }

  /** Our name of server stream `serverName`, or `undefined` when it is not in this namespace (or a system stream). */
  fromServer(serverName: string): string | undefined {
    if (serverName.startsWith('$') || !serverName.startsWith(this.prefix)) return undefined;
    return serverName.slice(this.prefix.length);
  }

  /**
   * The server-side stream-name filter (a .NET regular expression) for our streams starting with
   * `streamPrefix`: `^` and the literal namespace + prefix, or `^[^$]` (no system stream) when both
   * are empty. Exact and case-sensitive: every character but `[A-Za-z0-9]` is escaped as `\uXXXX`.
   */
  filterRegex(streamPrefix: string | undefined): string {
    const literal = `${this.prefix}${streamPrefix ?? ''}`;
    return literal === '' ? '^[^$]' : `^${escapeRegexLiteral(literal)}`;
  }
}

/**
 * `text` as a regular-expression literal matching exactly itself, in the syntax both .NET (the
 * server) and JavaScript share: letters and digits as they are, every other UTF-16 code unit as
 * `\uXXXX` (so `.`, `_`, `%`, `$`, `\` and astral characters carry no meaning).
 */
export function escapeRegexLiteral(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    out += /[A-Za-z0-9]/.test(ch) ? ch : `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/**
 * The ESDB event metadata of one of our events: our metadata's keys, plus `recordedAt` (the commit
 * instant the adapter stamps on the whole batch, UTC ISO with `Z`).
 * @param metadataJson our metadata as validated JSON text (`serialiseJsonObject`).
 * @throws TypeError when our metadata already has a `recordedAt` key (reserved by this adapter).
 */
export function encodeEventMetadata(metadataJson: string, recordedAt: string, what: string): Record<string, unknown> {
  const metadata = JSON.parse(metadataJson) as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(metadata, RECORDED_AT_KEY)) {
    throw new TypeError(`${what}: metadata.${RECORDED_AT_KEY} is reserved by the EventStoreDB adapter`);
  }
  return { ...metadata, [RECORDED_AT_KEY]: recordedAt };
}

/** The fields of a client `RecordedEvent` the adapter reads (JSON or binary). */
export interface EsdbRecordedEventLike {
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  created: Date;
  position?: Position;
}

/**
 * Our {@link RecordedEvent} of an event read from the server, or `undefined` when it is not one of
 * this store's (outside the namespace, a system stream, or a `$` system event type such as a
 * tombstone). `recordedAt` comes from the metadata the adapter wrote; an event without it (written
 * by another client) falls back to the server's `created` instant.
 * @throws TypeError when one of our events is not a JSON object event with JSON object metadata.
 * @throws Error from {@link positionFromEsdb}.
 */
export function decodeRecordedEvent(event: EsdbRecordedEventLike, namespace: StreamNamespace): RecordedEvent | undefined {
  const streamName = namespace.fromServer(event.streamId);
  if (streamName === undefined || event.type.startsWith('$')) return undefined;
  const where = `${event.streamId}@${event.revision}`;
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new TypeError(`EventStoreDB event ${where} (${event.type}) is not a JSON object event`);
  }
  if (!isPlainObject(event.metadata)) {
    throw new TypeError(`EventStoreDB event ${where} (${event.type}) has no JSON object metadata`);
  }
  const { [RECORDED_AT_KEY]: stamped, ...metadata } = event.metadata;
  return {
    streamName,
    revision: event.revision,
    position: positionFromEsdb(event.position, where),
    type: event.type,
    data: event.data,
    metadata: metadata as EventMetadata,
    recordedAt: typeof stamped === 'string' ? stamped : event.created.toISOString(),
  };
}

/**
 * Our {@link WrongExpectedRevisionError} for the client's `WrongExpectedVersionError` (with the
 * stream's actual revision, or `no_stream`), or `undefined` for any other error.
 */
export function toWrongExpectedRevision(
  error: unknown,
  streamName: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError | undefined {
  if (!(error instanceof WrongExpectedVersionError)) return undefined;
  const actual = error.actualVersion;
  return new WrongExpectedRevisionError(streamName, expected, typeof actual === 'bigint' ? actual : 'no_stream');
}

/** Client errors of the connection rather than of the request: the server could not be asked. */
const TRANSPORT_ERRORS: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.CANCELLED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/**
 * Whether a failed `$all` read from a position may be the server refusing the position itself
 * (ESDB answers "invalid position" for an offset that is not the start of a record): a client
 * error that is neither about the connection nor about access.
 */
export function mayBeInvalidPosition(error: unknown): boolean {
  return (
    error instanceof Error &&
    isCommandError(error) &&
    !TRANSPORT_ERRORS.has(error.type) &&
    error.type !== ErrorType.ACCESS_DENIED
  );
}

/**
 * Whether a dropped subscription should be re-established: connection problems and server-side
 * drops are; refusals (access denied, invalid argument, unsupported) and our own decoding errors
 * (a foreign event in our streams) are not: retrying would fail the same way forever.
 */
export function isRetryableSubscriptionError(error: unknown): boolean {
  if (!(error instanceof Error) || !isCommandError(error)) return false;
  return !([ErrorType.ACCESS_DENIED, ErrorType.INVALID_ARGUMENT, ErrorType.UNSUPPORTED] as ErrorType[]).includes(error.type);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
