import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { INestApplication, Logger } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { markExpectedUnavailable } from '@app/registration-app';
import { ProjectionWaitTimeoutError, Projector } from '@app/projections';

/** What a clean shutdown needs to know. */
export interface GracefulShutdownOptions {
  /** `REGISTRY_SHUTDOWN_TIMEOUT_MS`: the whole shutdown's budget, ms; past it the process exits 1 anyway. */
  timeoutMs: number;
  /** Whether this process keeps the views (`REGISTRY_PROJECTOR=in-process`): they are then brought up to the log's head. */
  flushProjections: boolean;
  /** Ends the process (default `process.exit`); tests pass their own. */
  exit?: (code: number) => void;
}

/** The answer to a request that arrives once the shutdown has begun (on a connection kept alive). */
export const SHUTTING_DOWN_MESSAGE = 'the Registration Service is shutting down: nothing was processed, resend this request (to another instance, or once it is back)';

/** The part of the grace period kept for closing the app after flushing the views: a quarter, at most 5 s. */
function closingReserve(timeoutMs: number): number {
  return Math.min(5000, Math.floor(timeoutMs / 4));
}

/** How often idle kept-alive connections are closed while the service drains, ms. */
/** The least time the head read of the views' flush is given, even when the budget is spent (ms). */
const HEAD_READ_MIN_MS = 250;
const IDLE_SWEEP_MS = 50;

/**
 * Clean shutdown of the API (issue #10 item 7; docs/operations.md "Clean shutdown"). On SIGTERM or
 * SIGINT, {@link GracefulShutdown.shutdown}:
 *
 * 1. stops accepting: the listening socket is closed, idle kept-alive connections are closed as
 *    they become idle, and a request arriving on a connection still open is answered 503 with
 *    `Connection: close` before anything is processed;
 * 2. lets the requests in flight finish (a submission's messages are processed to the end and
 *    acknowledged);
 * 3. with the in-process projector, waits until the views have applied the log up to its head
 *    (their checkpoints committed with each batch) — best effort, keeping a quarter of the grace
 *    period (at most 5 s) for step 4: views still behind are resumed from their checkpoint at the
 *    next start;
 * 4. closes the application: the projector stops after its batch, the webhook deliverer aborts and
 *    awaits its POSTs, the day-start scheduler awaits its run, then the views and the event store
 *    close;
 * 5. exits 0 — or exits 1 when all this takes longer than `timeoutMs` (what was committed stays
 *    committed; an unanswered sender resends, idempotently). A second signal exits 1 at once.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private draining = false;
  private inFlight = 0;
  private started: Promise<number> | null = null;

  constructor(
    private readonly app: INestApplication,
    private readonly options: GracefulShutdownOptions,
  ) {}

  /**
   * Installs the gate (call before `listen`, so it runs before every route) and the SIGTERM /
   * SIGINT handlers. Use instead of `enableShutdownHooks`.
   */
  install(): this {
    return this.installGate().listenToSignals();
  }

  /** Installs only the gate that counts requests in flight and refuses new ones once draining (call before `listen`). */
  installGate(): this {
    this.app.use((req: Request, res: Response, next: NextFunction) => this.gate(req, res, next));
    return this;
  }

  /** Runs {@link shutdown} on SIGTERM and SIGINT, then ends the process with its exit code; a second signal exits 1 at once. */
  listenToSignals(): this {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (this.started !== null) {
          this.logger.error(`${signal} again during the shutdown: exiting now`);
          (this.options.exit ?? process.exit)(1);
          return;
        }
        void this.shutdown(signal).then((code) => (this.options.exit ?? process.exit)(code));
      });
    }
    return this;
  }

  /** Requests being handled now. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Runs the shutdown once (later calls get the same promise); resolves with the exit code. */
  shutdown(reason: string): Promise<number> {
    this.started ??= this.run(reason);
    return this.started;
  }

  private gate(_req: Request, res: Response, next: NextFunction): void {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      markExpectedUnavailable(res, 'shutting down');
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: SHUTTING_DOWN_MESSAGE });
      return;
    }
    this.inFlight += 1;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
    };
    res.once('finish', finished);
    res.once('close', finished);
    next();
  }

  private async run(reason: string): Promise<number> {
    const startedAt = Date.now();
    const left = () => this.options.timeoutMs - (Date.now() - startedAt);
    this.logger.log(`${reason}: shutting down — no new requests; finishing ${this.inFlight} in flight (at most ${this.options.timeoutMs} ms in all)`);
    this.draining = true;
    try {
      await this.within(left(), 'the requests in flight did not finish', this.stopAccepting());
      this.logger.log('no request in flight');
      if (this.options.flushProjections) await this.flushViews(left() - closingReserve(this.options.timeoutMs));
      await this.within(left(), 'the application did not close', this.app.close());
      this.logger.log(`stopped cleanly in ${Date.now() - startedAt} ms`);
      return 0;
    } catch (error) {
      this.logger.error(`unclean shutdown after ${Date.now() - startedAt} ms: ${(error as Error).message}; exiting with code 1 (what was committed stays committed; unanswered senders resend)`);
      return 1;
    }
  }

  /**
   * Waits (at most `budgetMs`) until the running projector has applied the log up to its head. Best
   * effort: views still behind are logged as a warning, and the projector resumes from its
   * checkpoint at the next start.
   */
  private async flushViews(budgetMs: number): Promise<void> {
    // The head read is bounded too: an unreachable store must not hold the shutdown past its budget.
    let head: bigint;
    try {
      head = await this.within(Math.max(budgetMs, HEAD_READ_MIN_MS), 'the event store did not tell its head position', this.app.get<EventStore>(EVENT_STORE).headPosition());
    } catch (error) {
      this.logger.warn(`views not flushed: ${(error as Error).message}; the projector resumes from its checkpoint at the next start`);
      return;
    }
    try {
      const reached = await this.app.get(Projector).waitForPosition(head, Math.max(budgetMs, 0));
      this.logger.log(`views flushed to log position ${reached}`);
    } catch (error) {
      if (!(error instanceof ProjectionWaitTimeoutError)) throw error;
      this.logger.warn(`views not flushed: at log position ${error.reached} of ${head} when the time for it ran out; the projector resumes from there at the next start`);
    }
  }

  /** Closes the listening socket and resolves once every connection has ended. */
  private stopAccepting(): Promise<void> {
    const server = this.app.getHttpServer() as Server;
    return new Promise<void>((resolve) => {
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      server.close(() => {
        clearInterval(sweep);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  /** `work`, or a rejection naming `what` after `ms`. */
  private async within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within REGISTRY_SHUTDOWN_TIMEOUT_MS (${this.options.timeoutMs} ms)`)), Math.max(ms, 0));
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
