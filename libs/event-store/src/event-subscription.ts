/**
 * Catch-up subscriptions shared by the adapters (see `EventSubscription` in the port):
 * - {@link PullSubscription}: the async-iterator plumbing (one consumer, `next()` calls serialised,
 *   `break` closes, `close()` ends a pending `next()`), around one `pull()` per event;
 * - {@link pollingSubscription}: the generic implementation for stores without a push channel
 *   (SQLite, PostgreSQL, the in-memory fake): it pages `readAll` from a cursor and, once caught
 *   up, polls again after a short interval. No gap and no repeat follow from `readAll` being
 *   gap-safe and `after` exclusive: the cursor only moves to positions already delivered or
 *   buffered, in order;
 * - {@link OpenSubscriptions}: what a store closes when it is closed itself.
 */
import { EventSubscription, ReadAllOptions, RecordedEvent } from './event-store.port';

/** Default wait between two `readAll` polls of a caught-up {@link pollingSubscription}, in ms. */
export const DEFAULT_SUBSCRIPTION_POLL_INTERVAL_MS = 100;

/** Default page size of a {@link pollingSubscription}'s `readAll` calls (events). */
export const DEFAULT_SUBSCRIPTION_PAGE_SIZE = 500;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Base of the subscriptions: turns `pull()` (the next event, or `undefined` once closed) into an
 * {@link EventSubscription}. Subclasses implement {@link pull} and {@link stop}.
 */
export abstract class PullSubscription implements EventSubscription {
  private iterated = false;
  private closedFlag = false;
  private queue: Promise<unknown> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private readonly onClosed: (() => void) | undefined;
  /** Resolves when the subscription closes: a `pull()` still waiting then loses the race. */
  private readonly closedSignal: Promise<undefined>;
  private signalClosed: () => void = () => undefined;

  /** @param onClosed called once, when the subscription closes (by `close()`, `break` or an error). */
  protected constructor(onClosed?: () => void) {
    this.onClosed = onClosed;
    this.closedSignal = new Promise((resolve) => {
      this.signalClosed = () => resolve(undefined);
    });
  }

  /** Whether the subscription was closed (no further events will be delivered). */
  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * The iterator of this subscription.
   * @throws Error on a second call: a subscription has one consumer.
   */
  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterated) throw new Error('an EventSubscription can be iterated only once');
    this.iterated = true;
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  /** See {@link EventSubscription.close}. */
  async close(): Promise<void> {
    this.markClosed();
    this.wakeUp?.();
    await this.stop();
  }

  /**
   * The next event (after the caller's previous one), waiting for it if need be; `undefined` once
   * the subscription is closed. Never called concurrently.
   * @throws the store's error; the subscription is then closed.
   */
  protected abstract pull(): Promise<RecordedEvent | undefined>;

  /** Releases what {@link pull} may be waiting on (an in-flight read, a server subscription). */
  protected abstract stop(): Promise<void>;

  /** Waits `ms` milliseconds, or less when the subscription is closed meanwhile. */
  protected sleep(ms: number): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.queue.then(() => this.nextInOrder());
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async nextInOrder(): Promise<IteratorResult<RecordedEvent>> {
    if (this.closedFlag) return DONE;
    let event: RecordedEvent | undefined;
    try {
      // A source that cannot be interrupted (a server stream that ignores its cancellation) must
      // not keep the consumer waiting after close(): whatever it returns later is dropped.
      event = await Promise.race([this.pull(), this.closedSignal]);
    } catch (error) {
      if (this.closedFlag) return DONE;
      this.markClosed();
      await this.stop().catch(() => undefined);
      throw error;
    }
    if (event === undefined || this.closedFlag) return DONE;
    return { done: false, value: event };
  }

  private markClosed(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.signalClosed();
    this.onClosed?.();
  }
}

/** Reads one page of the global log (a store's `readAll`, with every option given). */
export type ReadAllPage = (options: Required<Pick<ReadAllOptions, 'after' | 'maxCount'>> & Pick<ReadAllOptions, 'streamPrefix'>) => Promise<RecordedEvent[]>;

/** Options of {@link pollingSubscription}. */
export interface PollingSubscriptionOptions {
  /** Deliver events with a position strictly above this (already validated). */
  after: bigint;
  /** Only streams with this name prefix (already validated). */
  streamPrefix?: string;
  /** Events per `readAll` call; default {@link DEFAULT_SUBSCRIPTION_PAGE_SIZE}. */
  pageSize?: number;
  /** Wait between polls once caught up, ms; default {@link DEFAULT_SUBSCRIPTION_POLL_INTERVAL_MS}. */
  pollIntervalMs?: number;
  /** Called once when the subscription closes (see {@link OpenSubscriptions}). */
  onClosed?: () => void;
}

/**
 * A catch-up subscription that polls `readAll`: it reads pages of up to `pageSize` events after
 * its cursor and delivers them one by one; when a read comes back empty it waits
 * `pollIntervalMs` and reads again. Correct (no gap, no repeat, position order) for any store whose
 * `readAll({ after })` is gap-safe (ADR 0002, 0007). A failed read ends the iteration with that
 * error.
 * @throws RangeError for a `pageSize` below 1 or a negative `pollIntervalMs`.
 */
export function pollingSubscription(readAll: ReadAllPage, options: PollingSubscriptionOptions): EventSubscription {
  return new PollingSubscription(readAll, options);
}

class PollingSubscription extends PullSubscription {
  private readonly buffer: RecordedEvent[] = [];
  /** Position of the last event read into the buffer (or delivered). */
  private cursor: bigint;
  private readonly streamPrefix: string | undefined;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly readAll: ReadAllPage,
    options: PollingSubscriptionOptions,
  ) {
    super(options.onClosed);
    const pageSize = options.pageSize ?? DEFAULT_SUBSCRIPTION_PAGE_SIZE;
    const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_SUBSCRIPTION_POLL_INTERVAL_MS;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be an integer >= 1, got ${pageSize}`);
    if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs < 0) {
      throw new RangeError(`pollIntervalMs must be a non-negative integer, got ${pollIntervalMs}`);
    }
    this.cursor = options.after;
    this.streamPrefix = options.streamPrefix;
    this.pageSize = pageSize;
    this.pollIntervalMs = pollIntervalMs;
  }

  protected async pull(): Promise<RecordedEvent | undefined> {
    while (!this.closed) {
      const buffered = this.buffer.shift();
      if (buffered !== undefined) return buffered;
      const read = this.readAll({ after: this.cursor, maxCount: this.pageSize, streamPrefix: this.streamPrefix });
      this.inFlight = read.catch(() => undefined);
      const page = await read;
      if (this.closed) return undefined;
      // readAll returns positions above the cursor in order; keep only those, defensively.
      for (const event of page) {
        if (event.position > this.cursor) {
          this.buffer.push(event);
          this.cursor = event.position;
        }
      }
      if (this.buffer.length === 0) await this.sleep(this.pollIntervalMs);
    }
    return undefined;
  }

  protected async stop(): Promise<void> {
    await this.inFlight;
  }
}

/**
 * The open subscriptions of a store, so that closing the store closes them (their consumers see
 * the end of the iteration rather than a "store is closed" error).
 */
export class OpenSubscriptions {
  private readonly open = new Set<EventSubscription>();

  /**
   * Registers the subscription `create` builds; `create` receives the callback to pass as its
   * `onClosed`, which forgets it again.
   */
  track(create: (onClosed: () => void) => EventSubscription): EventSubscription {
    // A subscription may close before `create` returns (an immediate failure): remember that.
    const state: { subscription?: EventSubscription; closedEarly: boolean } = { closedEarly: false };
    const subscription = create(() => {
      if (state.subscription === undefined) state.closedEarly = true;
      else this.open.delete(state.subscription);
    });
    state.subscription = subscription;
    if (!state.closedEarly) this.open.add(subscription);
    return subscription;
  }

  /** Number of subscriptions not yet closed. */
  get size(): number {
    return this.open.size;
  }

  /** Closes every open subscription and waits until none reads any more. */
  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.all(all.map((subscription) => subscription.close()));
  }
}
