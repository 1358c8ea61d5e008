/**
 * The resilient half of the EventStoreDB subscription: whatever delivers events (the server's
 * catch-up subscription, see `EventStoreDbEventStore.subscribeToAll`) may drop; this re-opens it
 * from the last delivered position after a bounded backoff, and drops anything at or below that
 * position, so the consumer sees every event once, in order. Pure: no client import, unit-tested
 * with a scripted source.
 */
import { RecordedEvent } from '../event-store.port';
import { PullSubscription } from '../event-subscription';

/** A running server subscription: its events in position order, and how to stop it. */
export interface SubscriptionSource {
  /** The next event; rejects when the subscription drops; `done` when the server ended it. */
  next(): Promise<IteratorResult<RecordedEvent>>;
  /** Stops it (idempotent); a pending `next()` may then reject or end. */
  cancel(): Promise<void>;
}

/** Delays between re-subscriptions: `initialMs`, doubling after each failure in a row, at most `maxMs`. */
export interface ResubscribeBackoff {
  initialMs: number;
  maxMs: number;
}

/** Default backoff: 100 ms, doubling to at most 5 s. */
export const DEFAULT_RESUBSCRIBE_BACKOFF: Readonly<ResubscribeBackoff> = { initialMs: 100, maxMs: 5000 };

/** Options of {@link ResubscribingSubscription}. */
export interface ResubscribingSubscriptionOptions {
  /** Deliver events with a position strictly above this. */
  after: bigint;
  /**
   * Opens a server subscription delivering events after `after`. `delivered` says whether `after`
   * is the position of an event this subscription delivered (a valid server position) or the
   * consumer's initial checkpoint (any value: the opener finds a valid start itself).
   */
  open: (after: bigint, delivered: boolean) => SubscriptionSource;
  /** Whether a drop with this error is worth a re-subscription (else the iteration fails with it). */
  isRetryable: (error: unknown) => boolean;
  backoff?: ResubscribeBackoff;
  /** Called once when the subscription closes. */
  onClosed?: () => void;
  /** Called at each drop that will be retried, with the delay (for logs and tests). */
  onDrop?: (error: unknown, delayMs: number) => void;
}

/** Raised by a source whose server subscription ended without an error (treated as a drop). */
export class SubscriptionEndedError extends Error {
  constructor() {
    super('the EventStoreDB subscription ended');
    this.name = 'SubscriptionEndedError';
  }
}

/**
 * The {@link delay} before re-subscription attempt `failures` (1, 2, …): `initialMs · 2^(failures-1)`,
 * capped at `maxMs`.
 */
export function resubscribeDelay(failures: number, backoff: ResubscribeBackoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
}

/**
 * A subscription that survives drops: see the file comment. Its checkpoint is the position of the
 * last event it delivered; a re-subscription starts after it, and events the new server
 * subscription repeats (at or below it) are skipped. A drop whose error is not retryable ends the
 * iteration with that error.
 * @throws RangeError for a backoff with `initialMs` below 1 or `maxMs` below `initialMs`.
 */
export class ResubscribingSubscription extends PullSubscription {
  private checkpoint: bigint;
  private delivered = false;
  private source: SubscriptionSource | undefined;
  private failures = 0;
  private readonly backoff: ResubscribeBackoff;

  constructor(private readonly options: ResubscribingSubscriptionOptions) {
    super(options.onClosed);
    this.backoff = options.backoff ?? DEFAULT_RESUBSCRIBE_BACKOFF;
    if (!(this.backoff.initialMs >= 1) || !(this.backoff.maxMs >= this.backoff.initialMs)) {
      throw new RangeError(`resubscribe backoff needs 1 <= initialMs <= maxMs, got ${JSON.stringify(this.backoff)}`);
    }
    this.checkpoint = options.after;
  }

  protected async pull(): Promise<RecordedEvent | undefined> {
    while (!this.closed) {
      try {
        this.source ??= this.options.open(this.checkpoint, this.delivered);
        const result = await this.source.next();
        if (this.closed) return undefined;
        if (result.done) throw new SubscriptionEndedError();
        if (result.value.position <= this.checkpoint) continue; // a repeat after a re-subscription
        this.checkpoint = result.value.position;
        this.delivered = true;
        this.failures = 0;
        return result.value;
      } catch (error) {
        if (this.closed) return undefined;
        const dropped = this.source;
        this.source = undefined;
        await dropped?.cancel().catch(() => undefined);
        if (!(error instanceof SubscriptionEndedError) && !this.options.isRetryable(error)) throw error;
        this.failures += 1;
        const delayMs = resubscribeDelay(this.failures, this.backoff);
        this.options.onDrop?.(error, delayMs);
        await this.sleep(delayMs);
      }
    }
    return undefined;
  }

  protected async stop(): Promise<void> {
    const source = this.source;
    this.source = undefined;
    await source?.cancel().catch(() => undefined);
  }
}
