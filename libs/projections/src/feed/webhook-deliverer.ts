import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import type { ViewDatabase } from '../runtime/view-database';
import { VIEW_DATABASE } from '../tokens';
import type { WebhookDeliveryOptions } from './delivery-options';
import { DueDelivery, FeedDeliveryStore } from './delivery-store';
import { FeedItemView, readFeedPage } from './feed-page';
import { HostResolver, WebhookDestinationRefused } from './webhook-destination';
import { describeAnswer, describeFailure, postWebhook } from './webhook-post';

/**
 * The result of one POST to a webhook: `error` is what the participant sees (`lastError`) and the
 * logs carry; `detail` (e.g. the addresses a refused host resolved to) goes to the logs only.
 */
type PostResult = { ok: true } | { ok: false; error: string; aborted: boolean; detail?: string };

/** Injection token of the host resolver webhook delivery checks destinations with (`HostResolver`; provided as the system resolver). */
export const WEBHOOK_HOST_RESOLVER = Symbol('WEBHOOK_HOST_RESOLVER');

/**
 * Push delivery of the notification feed (issue #5; docs/feed.md "Push"): for every participant
 * with a webhook, POSTs JSON arrays of up to `batchSize` egress messages (`[{ "payload": … }]`, the
 * DIP's `DIPMessageEgressArray`) in sequence order, the next batch only after the previous one got
 * a 2xx — at least once, in order. A run of status messages (rejections with no official response
 * interface) goes in its own POST as a `StandardResponseArray` (header `x-regs-body` names which);
 * headers `x-regs-recipient`, `x-regs-first-sequence`, `x-regs-last-sequence` identify the batch. A failure (non-2xx, network error, timeout after `timeoutMs`, a
 * destination the policy refuses — issue #8, ./webhook-destination.ts)
 * is retried after `retryBaseMs`, doubling up to `retryMaxMs`; after `parkAfter` consecutive
 * failures delivery is parked with the last error kept, until a replay
 * (`POST /participants/{dipId}/publications/replay`) un-parks it. Items a replay sends again carry
 * `D0.replayIndicator: true`. Items outside the participant's event-code filter, and items that
 * could not be rendered, are skipped: the delivery cursor moves past them, the participant's
 * acknowledgement does not — a 2xx acknowledges through the last item it delivered, nothing else
 * does (docs/feed.md "What acknowledged means").
 *
 * Runs in the process that runs the projector (`REGISTRY_PROJECTOR=in-process`, or the projector
 * app); looks for work every `pollMs`. One attempt per participant at a time; participants are
 * served independently, so a slow receiver delays only itself. Bookkeeping lives in
 * `feed_deliveries` (./delivery-store.ts). Backoff and parking use the machine's clock.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDeliverer');
  private readonly store: FeedDeliveryStore;
  /** `REGISTRY_WEBHOOK_*`, validated at boot (`RegistryConfig.webhook`). */
  private readonly options: WebhookDeliveryOptions;
  private readonly inFlight = new Map<string, Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private shutdown = new AbortController();

  constructor(
    @Inject(VIEW_DATABASE) private readonly views: ViewDatabase,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(WEBHOOK_HOST_RESOLVER) private readonly resolve: HostResolver,
  ) {
    this.store = new FeedDeliveryStore(views);
    this.options = config.webhook;
  }

  onApplicationBootstrap(): void {
    if (this.config.projector === 'in-process') this.start();
  }

  /** Stops polling, aborts the POSTs in flight (not counted as failures) and waits for them. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.shutdown = new AbortController();
    this.loop = this.runLoop();
  }

  /** Stops the loop; resolves when every attempt in flight has ended. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.shutdown.abort();
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight.values()]);
    this.loop = null;
  }

  /**
   * One pass: starts an attempt for every participant with something due that has none in flight.
   * Resolves when those attempts have been started (not finished).
   */
  async tick(): Promise<void> {
    const due = await this.store.due(new Date().toISOString());
    for (const delivery of due) {
      if (this.inFlight.has(delivery.recipientDipId)) continue;
      const attempt = this.deliver(delivery)
        .catch((error: Error) => this.logger.error(`delivery to ${delivery.recipientDipId} failed unexpectedly: ${error.message}`, error.stack))
        .finally(() => this.inFlight.delete(delivery.recipientDipId));
      this.inFlight.set(delivery.recipientDipId, attempt);
    }
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      try {
        await this.tick();
      } catch (error) {
        this.logger.error(`looking for webhook work failed: ${(error as Error).message}`);
      }
      await this.sleep(this.options.pollMs);
    }
  }

  /** Sends batches to one participant until it is up to date, a POST fails, or the row changes. */
  private async deliver(first: DueDelivery): Promise<void> {
    // Read the row again now that this attempt holds the participant's in-flight slot: `first` came
    // from a query that may have run before the previous attempt committed (it parked the delivery,
    // or moved its backoff), and acting on it would POST once more and count a failure too many.
    let [state] = await this.store.due(new Date().toISOString(), first.recipientDipId);
    while (state && this.running) {
      const r = state.recipientDipId;
      const page = await readFeedPage(this.views.reader.manager, r, state.deliveredSequence, this.options.batchSize, state.eventCodes, {
        renderedOnly: true,
      });
      if (page.items.length === 0) {
        if (page.scannedThrough > state.deliveredSequence) await this.store.skipThrough(r, state.generation, page.scannedThrough);
        return;
      }
      // One POST carries one kind of body: a run of egress messages (DIPMessageEgressArray) or a run
      // of status messages (StandardResponseArray, as the DIP's /statusmessage takes them).
      const run = leadingRun(page.items);
      const through = run.length === page.items.length ? page.scannedThrough : run[run.length - 1]!.sequence;
      const result = await this.post(state, run);
      if (!result.ok) {
        if (result.aborted && !this.running) return; // shutting down: not the receiver's fault
        const detail = result.detail ? `; ${result.detail}` : '';
        const outcome = await this.store.recordFailure(r, state.generation, result.error, Date.now(), this.options);
        if (outcome?.parked) {
          this.logger.warn(`webhook of ${r} parked after ${outcome.failures} consecutive failures (last: ${result.error}${detail}); replay to resume`);
        } else if (outcome) {
          this.logger.warn(`webhook of ${r} failed (${result.error}${detail}); attempt ${outcome.failures + 1} at ${outcome.nextAttemptAt}`);
        }
        return;
      }
      // The acknowledgement follows what was delivered (the run's last item), the cursor what was scanned.
      const deliveredThrough = run[run.length - 1]!.sequence;
      if (!(await this.store.recordSuccess(r, state.generation, through, deliveredThrough, new Date().toISOString()))) return;
      [state] = await this.store.due(new Date().toISOString(), r);
    }
  }

  /**
   * POSTs one batch; any 2xx is a success. Redirects are not followed (a 3xx is a failure). The
   * destination is checked at delivery time on the addresses its host resolves to (issue #8;
   * ./webhook-post.ts); a refused destination is a failure like any other (retried, then parked).
   * The error kept and logged names the status, reason phrase, timing and length, or the error
   * code — never the receiver's body.
   */
  private async post(state: DueDelivery, items: FeedItemView[]): Promise<PostResult> {
    const status = items[0]!.format === 'status';
    const body = status
      ? items.map((item) => item.message)
      : items.map((item) => ({ payload: item.sequence <= state.replayThrough ? asReplay(item.message) : item.message }));
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = AbortSignal.any([timeout, this.shutdown.signal]);
    const started = performance.now();
    try {
      const answer = await postWebhook(
        state.webhookUrl,
        {
          'content-type': 'application/json',
          'x-regs-recipient': state.recipientDipId,
          'x-regs-body': status ? 'StandardResponseArray' : 'DIPMessageEgressArray',
          'x-regs-first-sequence': String(items[0]!.sequence),
          'x-regs-last-sequence': String(items[items.length - 1]!.sequence),
        },
        JSON.stringify(body),
        { policy: this.options, resolve: this.resolve, signal },
      );
      if (answer.status >= 200 && answer.status < 300) return { ok: true };
      return { ok: false, aborted: false, error: describeAnswer(answer) };
    } catch (error) {
      if (this.shutdown.signal.aborted) return { ok: false, aborted: true, error: 'aborted: shutting down' };
      if (timeout.aborted) return { ok: false, aborted: false, error: `no answer within ${this.options.timeoutMs} ms` };
      const described = describeFailure(error, Math.round(performance.now() - started));
      return { ok: false, aborted: false, error: described, detail: error instanceof WebhookDestinationRefused ? error.detail : undefined };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** The first items of `items` that share the first one's format (egress or status). */
export function leadingRun(items: FeedItemView[]): FeedItemView[] {
  const end = items.findIndex((item) => item.format !== items[0]!.format);
  return end === -1 ? items : items.slice(0, end);
}

/** A copy of an egress message with `D0.replayIndicator` true (DI-988: delivered again). */
export function asReplay(message: unknown): unknown {
  const m = message as { CommonBlock?: { D0?: Record<string, unknown> } } | null;
  if (!m?.CommonBlock?.D0) return message;
  return { ...m, CommonBlock: { ...m.CommonBlock, D0: { ...m.CommonBlock.D0, replayIndicator: true } } };
}
