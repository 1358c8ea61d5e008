/**
 * The event store port: an append-only log of streams with a global order.
 *
 * Every adapter (SQLite embedded default, PostgreSQL, EventStoreDB) implements this interface and
 * passes the shared contract suite in `testing/event-store.contract.ts`.
 *
 * Units and shapes:
 * - stream revision: 0-based index of an event inside its stream, as a `bigint`;
 * - global position: 64-bit, strictly increasing in commit order across all streams, as a `bigint`
 *   (never a JS `number`: positions must not lose precision past 2^53);
 * - `recordedAt`: the UTC instant the store committed the event, ISO 8601 string with `Z`.
 */

/** Expected revision for an append: an exact revision, or "the stream must not exist yet". */
export type ExpectedRevision = bigint | 'no_stream';

/** Metadata carried by every event (plain JSON, see docs/events.md). */
export interface EventMetadata {
  /** Version of the event's data shape; bumped only with an upcaster. */
  schemaVersion: number;
  /** Unique id of this event (UUID). */
  eventId: string;
  /** Correlation id of the business conversation (the DIP senderCorrelationID or our own). */
  correlationId: string;
  /** Id of the message or event that caused this event. */
  causationId: string;
  /** Any further plain-JSON metadata (sender DIP id, message key, body hash ...). */
  [key: string]: unknown;
}

/** An event to append: `type` is a stable past-tense name, `data` plain JSON. */
export interface NewEvent<TData = Record<string, unknown>> {
  type: string;
  data: TData;
  metadata: EventMetadata;
}

/** An event as stored, with its place in the stream and in the global log. */
export interface RecordedEvent<TData = Record<string, unknown>> extends NewEvent<TData> {
  streamName: string;
  /** 0-based revision within the stream. */
  revision: bigint;
  /** Position in the global log (commit order). */
  position: bigint;
  /** UTC instant of the append, ISO 8601 with `Z`. */
  recordedAt: string;
}

/** Result of a successful append. */
export interface AppendResult {
  /** Revision of the last event written (the stream's new current revision). */
  nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  lastPosition: bigint;
  /** Global positions of every event written, in order. */
  positions: bigint[];
  /** UTC instant the batch was committed. */
  recordedAt: string;
}

/**
 * Raised when the stream's current revision differs from the expected one.
 * The command loop catches it, re-reads the stream and decides again.
 */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `wrong expected revision for stream ${streamName}: expected ${String(expected)}, actual ${String(actual)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Options for reading a stream. */
export interface ReadStreamOptions {
  /** First revision to return (inclusive); default 0. */
  fromRevision?: bigint;
  /** Maximum number of events to return; default: all. */
  maxCount?: number;
}

/** Options for reading the global log. */
export interface ReadAllOptions {
  /** Return events with position strictly greater than this; default: from the start. */
  after?: bigint;
  /** Maximum number of events to return; default 1000. */
  maxCount?: number;
  /** Only streams whose name starts with this prefix (e.g. `mpan-`). */
  streamPrefix?: string;
}

/** Options of {@link EventStore.subscribeToAll}. */
export interface SubscribeToAllOptions {
  /**
   * Deliver events with position strictly greater than this (a checkpoint: the position of the
   * last event the consumer has handled); default: from the start of the log.
   */
  after?: bigint;
  /** Only streams whose name starts with this prefix (exact and case-sensitive, as in `readAll`). */
  streamPrefix?: string;
}

/**
 * A catch-up subscription to the global log: an async iterable of {@link RecordedEvent}s that first
 * delivers every event already in the log after the start position, in position order, and then
 * each newly committed one as it arrives, never skipping and never repeating one, until closed.
 *
 * One consumer: iterate it once (`for await`). Leaving the loop (`break`, `return`, a throw) closes
 * it. A store error the subscription cannot recover from ends the iteration with that error; the
 * consumer resumes with a new subscription from its last checkpoint.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  /**
   * Stops the subscription: a pending or later `next()` resolves `{ done: true }`. Idempotent;
   * resolves once the subscription no longer reads from the store.
   */
  close(): Promise<void>;
}

/**
 * One stream's part of a multi-stream append ({@link EventStore.appendToStreams}).
 *
 * `events` is the list to append, or a function that builds it from the results of the batches
 * before this one in the same call (their revisions and global positions, in order), run inside the
 * transaction after those batches were written: e.g. an outcome record that names the positions of
 * the events it reports on. The function must be pure and synchronous; what it throws aborts the
 * whole append (nothing is written).
 */
export interface StreamAppendBatch {
  streamName: string;
  /** Checked inside the transaction, after the batches before this one (a stream may appear twice). */
  expectedRevision: ExpectedRevision;
  events: NewEvent[] | ((earlier: readonly AppendResult[]) => NewEvent[]);
}

/** The event store port. */
export interface EventStore {
  /**
   * Appends `events` to `streamName` atomically (all or nothing) if the stream's current revision
   * equals `expectedRevision`.
   * @throws WrongExpectedRevisionError when the stream moved on (or exists for `no_stream`).
   * @throws Error when `events` is empty.
   */
  appendToStream(
    streamName: string,
    expectedRevision: ExpectedRevision,
    events: NewEvent[],
  ): Promise<AppendResult>;

  /**
   * Optional capability (SQLite, PostgreSQL, in-memory; not EventStoreDB, which has no
   * transaction across streams): appends several batches, possibly to several streams, in ONE
   * transaction — all or nothing. Each batch's expected revision is checked inside the
   * transaction, in order (a later batch on the same stream sees the earlier one); global
   * positions are assigned in batch order and are contiguous within the call. Returns one
   * {@link AppendResult} per batch, in order (same `recordedAt` for all). Callers test for the
   * method (`store.appendToStreams !== undefined`) and fall back to one `appendToStream` per
   * stream without it (ADR 0017).
   * @throws WrongExpectedRevisionError naming the first batch's stream whose revision differs
   *   (nothing written).
   * @throws Error when `batches` is empty or a batch's events are empty or invalid (as
   *   `appendToStream`; nothing written).
   */
  appendToStreams?(batches: StreamAppendBatch[]): Promise<AppendResult[]>;

  /** Reads a stream forwards from a revision. Returns `[]` for a stream that does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Current revision of a stream, or `no_stream`. */
  streamRevision(streamName: string): Promise<bigint | 'no_stream'>;

  /**
   * Reads the global log forwards, in commit order. Never skips an event that commits later with
   * a lower position (adapters must be gap-safe, see docs/adr).
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Position of the last committed event in the global log, or `0n` for an empty log. */
  headPosition(): Promise<bigint>;

  /**
   * Starts a catch-up subscription (see {@link EventSubscription}): every event after
   * `options.after` whose stream matches `options.streamPrefix`, in position order, then live ones.
   * Resume after a stop with `after` = the position of the last event handled.
   * @throws RangeError when `after` is not a bigint; TypeError when `streamPrefix` is not a string;
   *   Error when the store is closed (thrown at once, before anything is read).
   */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;

  /** Releases connections and closes the store's open subscriptions (they end: `done`). */
  close(): Promise<void>;
}

/** Injection token for the EventStore port in NestJS modules. */
export const EVENT_STORE = Symbol('EVENT_STORE');
