import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamSubscription, Position, ResolvedEvent } from '@eventstore/db-client';
import {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import {
  assertAppendArguments,
  assertStreamName,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  normaliseSubscribeToAllOptions,
  serialiseJsonObject,
} from '../event-store.validation';
import { OpenSubscriptions } from '../event-subscription';
import { filteredReadAll } from './eventstoredb-filtered-read';
import {
  decodeRecordedEvent,
  encodeEventMetadata,
  esdbPositionOf,
  isRetryableSubscriptionError,
  mayBeInvalidPosition,
  positionFromEsdb,
  StreamNamespace,
  toWrongExpectedRevision,
} from './eventstoredb-mapping';
import { ResubscribeBackoff, ResubscribingSubscription, SubscriptionSource } from './eventstoredb-subscription';

/** Options of {@link EventStoreDbEventStore.open}. */
export interface EventStoreDbEventStoreOptions {
  /**
   * The client's connection string: `esdb://host:2113?tls=false` (insecure single node),
   * `esdb://admin:changeit@host:2113` (TLS with credentials), `esdb+discover://host:2113` (cluster
   * by DNS discovery); see the EventStoreDB client documentation.
   */
  connectionString: string;
  /**
   * Prefix of every stream name on the server (`''` by default): stores with different namespaces
   * share a server without seeing each other's streams (the test runs use a fresh one each).
   */
  namespace?: string;
  /** Source of the commit instant (`recordedAt`); default the system clock. */
  now?: () => Date;
  /** Source of the server event ids (UUIDs), a fresh one per event of each append; default `randomUUID`. */
  newEventId?: () => string;
  /** Delays between re-subscriptions after a dropped subscription; default 100 ms doubling to 5 s. */
  resubscribeBackoff?: ResubscribeBackoff;
}

/** Events per page when the adapter pages the log itself (backward scans, head search). */
const SCAN_PAGE = 500;

/**
 * The EventStore on an EventStoreDB server (22.6 or later; `@eventstore/db-client` 6.2.1 over
 * gRPC). Streams keep the names the port gives them (`mpan-<core>`, `message-<DIP id>-<ref>`,
 * `day-start`), behind an optional namespace prefix (ADR 0009).
 *
 * - Appends send the exact expected revision, or `no_stream`; never `any`. The server checks it
 *   atomically per stream, so concurrency needs no lock; its WrongExpectedVersion becomes our
 *   {@link WrongExpectedRevisionError} with the actual revision.
 * - Every append gives each event a fresh server event id (not `metadata.eventId`): the server
 *   treats a write whose ids match events already in the stream as an idempotent success, which
 *   would turn a resent `no_stream` reservation (ADR 0004) into a silent success instead of the
 *   conflict our idempotency relies on.
 * - The event metadata on the server is our metadata plus `recordedAt`, the commit instant the
 *   adapter stamps on the whole batch from `now` (UTC ISO with `Z`); reads strip it again.
 * - Positions are the events' transaction-log positions (commit = prepare for every gRPC append):
 *   unique per event, increasing in `$all` order, gap-safe (the server only exposes committed
 *   records, in log order). After an append, the batch is read back from the leader to learn each
 *   event's position (the append answer carries one position for the whole batch).
 * - `readAll` and `subscribeToAll` use server-side stream-name filters (namespace + prefix, no
 *   system streams); `subscribeToAll` is the server's catch-up subscription, re-established from
 *   the last delivered position after a drop.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly namespace: StreamNamespace;
  private readonly now: () => Date;
  private readonly newEventId: () => string;
  private readonly resubscribeBackoff: ResubscribeBackoff | undefined;
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: Omit<EventStoreDbEventStoreOptions, 'connectionString'>,
  ) {
    this.namespace = new StreamNamespace(options.namespace ?? '');
    this.now = options.now ?? (() => new Date());
    this.newEventId = options.newEventId ?? randomUUID;
    this.resubscribeBackoff = options.resubscribeBackoff;
  }

  /**
   * Connects to the server of `options.connectionString` and checks that it answers a read of
   * `$all` (the adapter needs read access to `$all`: an admin or ops user on a secure server).
   * @throws TypeError / RangeError for a bad `namespace` (see `StreamNamespace`).
   * @throws Error (the client's) for a malformed connection string, or when the server cannot be
   *   reached or refuses the read; the client is disposed again in that case.
   */
  static async open(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    const { connectionString, ...rest } = options;
    new StreamNamespace(rest.namespace ?? ''); // validate before connecting
    const client = EventStoreDBClient.connectionString(connectionString);
    const store = EventStoreDbEventStore.withClient(client, rest);
    try {
      await store.headPosition();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /**
   * A store on an existing client, without checking the connection (for tests and tools that
   * manage the client); {@link close} disposes the client.
   * @throws TypeError / RangeError for a bad `namespace`.
   */
  static withClient(client: EventStoreDBClient, options: Omit<EventStoreDbEventStoreOptions, 'connectionString'> = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(client, options);
  }

  /**
   * See {@link EventStore.appendToStream}. Arguments and every event's JSON are checked before
   * anything is sent, so a bad batch writes nothing.
   * @throws RangeError for a stream name starting with `$` without a namespace (a system stream).
   * @throws TypeError when an event's metadata has its own `recordedAt` (reserved here).
   * @throws Error when the appended batch cannot be read back (the append HAS committed then; a
   *   retry meets WrongExpectedRevisionError and re-reads, as after any conflict).
   */
  async appendToStream(streamName: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    this.assertOpen();
    assertAppendArguments(streamName, expectedRevision, events);
    const serverName = this.namespace.toServer(streamName);
    const recordedAt = this.now().toISOString();
    const proposed = events.map((event, index) => {
      const what = `event #${index} of stream ${streamName}`;
      const data = serialiseJsonObject(event.data, `${what}: data`);
      const metadata = serialiseJsonObject(event.metadata, `${what}: metadata`);
      return jsonEvent({
        id: this.newEventId(),
        type: event.type,
        data: JSON.parse(data) as Record<string, unknown>,
        metadata: encodeEventMetadata(metadata, recordedAt, what),
      });
    });
    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await this.client.appendToStream(serverName, proposed, {
        expectedRevision: expectedRevision === 'no_stream' ? NO_STREAM : expectedRevision,
      }));
    } catch (error) {
      throw toWrongExpectedRevision(error, streamName, expectedRevision) ?? error;
    }
    const firstRevision = nextExpectedRevision - BigInt(events.length - 1);
    const positions = await this.positionsOfAppended(serverName, firstRevision, proposed.map((event) => event.id));
    return { nextExpectedRevision, lastPosition: positions[positions.length - 1], positions, recordedAt };
  }

  /** See {@link EventStore.readStream}. */
  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamName);
    const { fromRevision, maxCount } = normaliseReadStreamOptions(options);
    const serverName = this.namespace.toServer(streamName);
    if (maxCount === 0) return [];
    return this.readServerStream(serverName, { fromRevision, maxCount: maxCount ?? Number.MAX_SAFE_INTEGER });
  }

  /** See {@link EventStore.streamRevision}: the revision of the stream's last event. */
  async streamRevision(streamName: string): Promise<bigint | 'no_stream'> {
    this.assertOpen();
    assertStreamName(streamName);
    const serverName = this.namespace.toServer(streamName);
    try {
      const [last] = await readToEnd(this.client.readStream(serverName, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }));
      return last?.event ? last.event.revision : 'no_stream';
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no_stream';
      throw error;
    }
  }

  /**
   * See {@link EventStore.readAll}: a server-side filtered read of `$all` (this store's namespace
   * and `streamPrefix`, no system streams) from `after`. The server accepts only positions where a
   * record starts, which every position this store returns is; for any other `after` (say
   * `position - 1n`) it refuses the read, and the adapter then scans the filtered log backwards
   * from its end down to `after` instead (correct, but slower the further back `after` lies).
   */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, streamPrefix } = normaliseReadAllOptions(options);
    if (maxCount === 0) return [];
    return this.readAllAfter(after, maxCount, streamPrefix);
  }

  /** See {@link EventStore.headPosition}: the position of this namespace's last event, or `0n`. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    const regex = this.namespace.filterRegex(undefined);
    let from: 'end' | bigint = 'end';
    let pageSize = 1; // the last record is ours nearly always; a `$` event type (tombstone) needs more
    for (;;) {
      const page = await filteredReadAll(this.client, { from, direction: BACKWARDS, maxCount: pageSize, streamNameRegex: regex });
      for (const resolved of page) {
        const event = resolved.event && decodeRecordedEvent(resolved.event, this.namespace);
        if (event) return event.position;
      }
      if (page.length < pageSize) return 0n;
      from = rawPosition(page[page.length - 1]);
      pageSize = SCAN_PAGE;
    }
  }

  /**
   * See {@link EventStore.subscribeToAll}: the server's catch-up subscription to `$all` with a
   * stream-name filter; after a drop it is re-established from the last delivered position with
   * a bounded backoff (`ResubscribingSubscription`). An `after` that is not one of this store's
   * positions is handled as in {@link readAll}.
   */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    this.assertOpen();
    const { after, streamPrefix } = normaliseSubscribeToAllOptions(options);
    return this.subscriptions.track(
      (onClosed) =>
        new ResubscribingSubscription({
          after,
          onClosed,
          backoff: this.resubscribeBackoff,
          isRetryable: isRetryableSubscriptionError,
          open: (from, delivered) => this.serverSubscription(from, delivered, streamPrefix),
        }),
    );
  }

  /** Closes the store's subscriptions and disposes the client; idempotent. Later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
    await this.client.dispose();
  }

  /** Events of a server stream as our events; `[]` when it does not exist. */
  private async readServerStream(
    serverName: string,
    options: { fromRevision: bigint; maxCount: number; requiresLeader?: boolean },
  ): Promise<RecordedEvent[]> {
    let read: ResolvedEvent[];
    try {
      read = await readToEnd(this.client.readStream(serverName, { ...options, direction: FORWARDS, resolveLinkTos: false }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    const events: RecordedEvent[] = [];
    for (const resolved of read) {
      const event = resolved.event && decodeRecordedEvent(resolved.event, this.namespace);
      if (event) events.push(event);
    }
    return events;
  }

  /**
   * The positions of the events just appended at `firstRevision…`, read back from the leader and
   * checked against the server ids the append gave them.
   */
  private async positionsOfAppended(serverName: string, firstRevision: bigint, ids: string[]): Promise<bigint[]> {
    const read = await readToEnd(
      this.client.readStream(serverName, { fromRevision: firstRevision, maxCount: ids.length, direction: FORWARDS, requiresLeader: true }),
    );
    const events: Array<{ id: string; position: bigint }> = [];
    for (const { event } of read) {
      if (event) events.push({ id: event.id, position: positionFromEsdb(event.position, `${serverName}@${event.revision}`) });
    }
    if (events.length !== ids.length || events.some((event, i) => event.id !== ids[i])) {
      throw new Error(
        `appended ${ids.length} events to ${serverName} at revision ${firstRevision}, but reading them back found other events: ` +
          'the append has committed; its positions are unknown',
      );
    }
    return events.map((event) => event.position);
  }

  /** `readAll` after validation: see {@link readAll}. */
  private async readAllAfter(after: bigint, maxCount: number, streamPrefix: string | undefined): Promise<RecordedEvent[]> {
    if (after <= 0n) return this.readForward('start', after, maxCount, streamPrefix);
    try {
      return await this.readForward(after, after, maxCount, streamPrefix);
    } catch (error) {
      if (!mayBeInvalidPosition(error)) throw error;
      return this.readBackwardDownTo(after, maxCount, streamPrefix);
    }
  }

  /** Up to `maxCount` of our events above `after`, reading forwards from `from` (inclusive). */
  private async readForward(
    from: 'start' | bigint,
    after: bigint,
    maxCount: number,
    streamPrefix: string | undefined,
  ): Promise<RecordedEvent[]> {
    const regex = this.namespace.filterRegex(streamPrefix);
    const result: RecordedEvent[] = [];
    let last = after;
    let cursor = from;
    for (;;) {
      // One more than needed: a read from a position returns the event at that position again.
      const want = maxCount - result.length + 1;
      const page = await filteredReadAll(this.client, { from: cursor, direction: FORWARDS, maxCount: want, streamNameRegex: regex });
      for (const resolved of page) {
        const event = this.ours(resolved, streamPrefix);
        if (event === undefined || event.position <= last) continue;
        result.push(event);
        last = event.position;
        if (result.length === maxCount) return result;
      }
      if (page.length < want) return result;
      cursor = rawPosition(page[page.length - 1]);
    }
  }

  /** Up to `maxCount` of our events above `after` (any value), by scanning backwards from the end. */
  private async readBackwardDownTo(after: bigint, maxCount: number, streamPrefix: string | undefined): Promise<RecordedEvent[]> {
    const regex = this.namespace.filterRegex(streamPrefix);
    const newestFirst: RecordedEvent[] = [];
    let cursor: 'end' | bigint = 'end';
    for (;;) {
      const page = await filteredReadAll(this.client, { from: cursor, direction: BACKWARDS, maxCount: SCAN_PAGE, streamNameRegex: regex });
      for (const resolved of page) {
        if (rawPosition(resolved) <= after) return newestFirst.reverse().slice(0, maxCount);
        const event = this.ours(resolved, streamPrefix);
        const previous = newestFirst[newestFirst.length - 1];
        if (event !== undefined && (previous === undefined || event.position < previous.position)) newestFirst.push(event);
      }
      if (page.length < SCAN_PAGE) return newestFirst.reverse().slice(0, maxCount);
      cursor = rawPosition(page[page.length - 1]);
    }
  }

  /** Our event of a read result, or `undefined` (not ours, or outside the exact prefix). */
  private ours(resolved: ResolvedEvent, streamPrefix: string | undefined): RecordedEvent | undefined {
    const event = resolved.event && decodeRecordedEvent(resolved.event, this.namespace);
    if (event === undefined) return undefined;
    // The server's regex is exact already; checked again so no filter quirk can leak an event.
    return streamPrefix === undefined || event.streamName.startsWith(streamPrefix) ? event : undefined;
  }

  /**
   * One server subscription for {@link subscribeToAll}. From a delivered position it subscribes
   * right after it. From the consumer's initial `after` (any value) it first looks for our first
   * event above it: found, it yields it and subscribes after it; not found, it subscribes after
   * the log's last record, read before that look-up so that nothing appended in between is missed.
   */
  private serverSubscription(after: bigint, delivered: boolean, streamPrefix: string | undefined): SubscriptionSource {
    const handle: ServerSubscriptionHandle = { cancelled: false };
    const events = this.serverEvents(after, delivered, streamPrefix, handle);
    return {
      next: () => events.next(),
      cancel: async () => {
        handle.cancelled = true;
        const running = handle.subscription;
        handle.subscription = undefined;
        if (running !== undefined) {
          await running.unsubscribe().catch(() => undefined);
          running.destroy();
        }
      },
    };
  }

  /** The events of {@link serverSubscription}; `handle` lets it be cancelled from outside. */
  private async *serverEvents(
    after: bigint,
    delivered: boolean,
    streamPrefix: string | undefined,
    handle: ServerSubscriptionHandle,
  ): AsyncGenerator<RecordedEvent> {
    let from: Position | typeof START;
    if (delivered) from = esdbPositionOf(after);
    else if (after <= 0n) from = START;
    else {
      const last = await this.lastRecordOfAll();
      const [first] = await this.readAllAfter(after, 1, streamPrefix);
      if (first !== undefined) {
        yield first;
        from = esdbPositionOf(first.position);
      } else from = last ?? START;
    }
    if (handle.cancelled) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: from,
      resolveLinkTos: false,
      filter: streamNameFilter({ regex: this.namespace.filterRegex(streamPrefix) }),
    });
    handle.subscription = subscription;
    for await (const resolved of subscription as AsyncIterable<ResolvedEvent>) {
      const event = this.ours(resolved, streamPrefix);
      if (event !== undefined) yield event;
    }
  }

  /** The `$all` position of the log's last record (any stream), or `undefined` for an empty log. */
  private async lastRecordOfAll(): Promise<Position | undefined> {
    const [last] = await readToEnd(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    return last?.event?.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
  }
}

/**
 * Every item of a client read, read to its end. Never leave a client read early (`break` or `return`
 * inside `for await`): that destroys only the client's transform stream, the gRPC call under it stays
 * paused and unfinished, and `client.dispose()` then waits for it forever.
 */
async function readToEnd<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** A running server subscription of {@link EventStoreDbEventStore.subscribeToAll}, for its cancellation. */
interface ServerSubscriptionHandle {
  cancelled: boolean;
  subscription?: AllStreamSubscription;
}

/** The log position of a read result (a record's start: a valid read position). */
function rawPosition(resolved: ResolvedEvent): bigint {
  const event = resolved.event;
  return positionFromEsdb(event?.position, event ? `${event.streamId}@${event.revision}` : 'a link without its event');
}
