import {
  AppendResult,
  EventMetadata,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppendBatch,
  SubscribeToAllOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';
import {
  assertAppendArguments,
  assertAppendBatches,
  resolveBatchEvents,
  assertStreamName,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  normaliseSubscribeToAllOptions,
  serialiseJsonObject,
} from '../event-store.validation';
import { OpenSubscriptions, pollingSubscription } from '../event-subscription';

/** Options of {@link InMemoryEventStore}. */
export interface InMemoryEventStoreOptions {
  /**
   * Global position given to the first event; default `1n`. Lets tests exercise positions above
   * 2^53 without writing 2^53 events.
   */
  firstPosition?: bigint;
  /** Source of the commit instant; default the system clock. Pin it in tests. */
  now?: () => Date;
}

/** One stored event; data and metadata are kept as JSON text so nothing aliases caller objects. */
interface StoredEvent {
  streamName: string;
  revision: bigint;
  position: bigint;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/**
 * In-memory EventStore **for unit tests of other layers only** (command loop, projections,
 * handlers): nothing is persisted and there is one process-local log. Production code uses
 * `SqliteEventStore` (or the server adapters).
 *
 * It passes the same contract suite as the real adapters: appends are atomic (every event is
 * serialised before anything is written) and serialised (check-and-write happens in one
 * synchronous step, so concurrent callers cannot interleave), data and metadata are stored as JSON
 * text so reads return fresh copies with exactly the round-trip a real store gives (a `bigint` or a
 * circular value is refused; `undefined` properties disappear).
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition: bigint;
  private readonly now: () => Date;
  private closed = false;
  private readonly subscriptions = new OpenSubscriptions();

  /** @throws RangeError when `firstPosition` is below `1n`. */
  constructor(options: InMemoryEventStoreOptions = {}) {
    const firstPosition = options.firstPosition ?? 1n;
    if (firstPosition < 1n) throw new RangeError('firstPosition must be >= 1n');
    this.nextPosition = firstPosition;
    this.now = options.now ?? (() => new Date());
  }

  /** See {@link EventStore.appendToStream}. */
  async appendToStream(
    streamName: string,
    expectedRevision: ExpectedRevision,
    events: NewEvent[],
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendArguments(streamName, expectedRevision, events);
    await Promise.resolve(); // behave asynchronously like a real store; the write below is atomic
    this.assertOpen();

    const [result] = this.commit([{ streamName, expectedRevision, events }]);
    return result!;
  }

  /**
   * See {@link EventStore.appendToStreams}: every batch is checked and serialised first, then all
   * are written in one synchronous step (all or nothing).
   */
  async appendToStreams(batches: StreamAppendBatch[]): Promise<AppendResult[]> {
    this.assertOpen();
    assertAppendBatches(batches);
    await Promise.resolve(); // behave asynchronously like a real store; the write below is atomic
    this.assertOpen();
    return this.commit(batches);
  }

  /** Checks, stages and then writes the batches in one synchronous step. */
  private commit(batches: StreamAppendBatch[]): AppendResult[] {
    const recordedAt = this.now().toISOString();
    const pending = new Map<string, StoredEvent[]>(); // streams as they will be after the commit
    const staged: StoredEvent[] = [];
    const results: AppendResult[] = [];
    let nextPosition = this.nextPosition;
    for (const batch of batches) {
      const { streamName, expectedRevision } = batch;
      const events = resolveBatchEvents(batch, results);
      const stream = pending.get(streamName) ?? [...(this.streams.get(streamName) ?? [])];
      const actual = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
      if (actual !== expectedRevision) {
        throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
      }
      // Serialise everything first: a failure here leaves the store untouched (all or nothing).
      const written: StoredEvent[] = events.map((event, index) => ({
        streamName,
        revision: BigInt(stream.length + index),
        position: nextPosition + BigInt(index),
        type: event.type,
        data: serialiseJsonObject(event.data, `event #${index} data of stream ${streamName}`),
        metadata: serialiseJsonObject(event.metadata, `event #${index} metadata of stream ${streamName}`),
        recordedAt,
      }));
      nextPosition += BigInt(written.length);
      stream.push(...written);
      pending.set(streamName, stream);
      staged.push(...written);
      const last = written[written.length - 1]!;
      results.push({
        nextExpectedRevision: last.revision,
        lastPosition: last.position,
        positions: written.map((e) => e.position),
        recordedAt,
      });
    }
    this.nextPosition = nextPosition;
    for (const [streamName, stream] of pending) this.streams.set(streamName, stream);
    this.log.push(...staged);
    return results;
  }

  /** See {@link EventStore.readStream}. */
  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamName);
    const { fromRevision, maxCount } = normaliseReadStreamOptions(options);
    const stream = this.streams.get(streamName) ?? [];
    const from = fromRevision > BigInt(stream.length) ? stream.length : Number(fromRevision);
    const to = maxCount === undefined ? stream.length : from + maxCount;
    return stream.slice(from, to).map(toRecorded);
  }

  /** See {@link EventStore.streamRevision}. */
  async streamRevision(streamName: string): Promise<bigint | 'no_stream'> {
    this.assertOpen();
    assertStreamName(streamName);
    const stream = this.streams.get(streamName);
    return stream === undefined ? 'no_stream' : BigInt(stream.length - 1);
  }

  /** See {@link EventStore.readAll}. */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, streamPrefix } = normaliseReadAllOptions(options);
    const result: RecordedEvent[] = [];
    for (const event of this.log) {
      if (result.length >= maxCount) break;
      if (event.position <= after) continue;
      if (streamPrefix !== undefined && !event.streamName.startsWith(streamPrefix)) continue;
      result.push(toRecorded(event));
    }
    return result;
  }

  /** See {@link EventStore.headPosition}. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.log.length === 0 ? 0n : this.log[this.log.length - 1].position;
  }

  /**
   * See {@link EventStore.subscribeToAll}: polls {@link readAll} every 10 ms once caught up
   * (`pollingSubscription`).
   */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    this.assertOpen();
    const { after, streamPrefix } = normaliseSubscribeToAllOptions(options);
    return this.subscriptions.track((onClosed) =>
      pollingSubscription((page) => this.readAll(page), { after, streamPrefix, pollIntervalMs: 10, onClosed }),
    );
  }

  /** Marks the store closed and closes its subscriptions; later calls reject. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.closeAll();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

function toRecorded(event: StoredEvent): RecordedEvent {
  return {
    streamName: event.streamName,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: JSON.parse(event.data) as Record<string, unknown>,
    metadata: JSON.parse(event.metadata) as EventMetadata,
    recordedAt: event.recordedAt,
  };
}
