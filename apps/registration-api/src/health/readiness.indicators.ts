import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { lagProblem } from '@app/projections';
import { REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import { ProjectionLagProbe } from './projection-lag.probe';

/** Raised by {@link withinTimeout} when a check does not answer in time. */
class CheckTimeoutError extends Error {}

/**
 * `work`, or a {@link CheckTimeoutError} after `ms` milliseconds (the work itself is not cancelled:
 * a hung store must not hang the load balancer's probe too).
 */
async function withinTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure's message without its stack (never the store URL: the adapters' messages do not carry passwords). */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The checks of `GET /health/ready` (docs/operations.md "Probes"), each a terminus indicator:
 *
 * - `eventStore`: the event store answers its cheapest read, the log head position
 *   (`EventStore.headPosition`: SQLite, PostgreSQL or EventStoreDB), within `REGISTRY_HEALTH_TIMEOUT_MS`;
 * - `projections`: every projection is within `REGISTRY_READY_MAX_LAG_EVENTS` events and
 *   `REGISTRY_READY_MAX_LAG_SECONDS` seconds of the log (see `ProjectionLagProbe`); down names each
 *   lagging projection with both measures.
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly lagProbe: ProjectionLagProbe,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** Up with the head position (decimal string), or down with the store's error or the timeout. */
  async eventStore(): Promise<HealthIndicatorResult<'eventStore'>> {
    const check = this.indicators.check('eventStore');
    try {
      const head = await withinTimeout(this.store.headPosition(), this.config.health.timeoutMs, 'the event store');
      return check.up({ headPosition: head.toString() });
    } catch (error) {
      return check.down({ message: `the event store is not reachable: ${messageOf(error)}` });
    }
  }

  /**
   * Up with each projection's lag, or down naming every projection out of bounds (or the read that
   * failed). Lags are reported as `{ position, eventsBehind, secondsBehind, … }` per projection.
   */
  async projections(): Promise<HealthIndicatorResult<'projections'>> {
    const check = this.indicators.check('projections');
    const bounds = this.lagProbe.bounds;
    try {
      const lags = await withinTimeout(this.lagProbe.measure(), this.config.health.timeoutMs, 'the projection lag read');
      const detail = Object.fromEntries(
        lags.map((l) => [
          l.projection,
          {
            position: l.position.toString(),
            headPosition: l.headPosition.toString(),
            eventsBehind: l.eventsBehind,
            eventsBehindCapped: l.eventsBehindCapped,
            secondsBehind: l.secondsBehind,
            oldestUnappliedRecordedAt: l.oldestUnappliedRecordedAt,
          },
        ]),
      );
      const problems = lags.map((l) => lagProblem(l, bounds)).filter((p): p is string => p !== null);
      const data = { bounds: { maxEventsBehind: bounds.maxEvents, maxSecondsBehind: bounds.maxSeconds }, lag: detail };
      return problems.length === 0 ? check.up(data) : check.down({ message: problems.join('; '), ...data });
    } catch (error) {
      return check.down({ message: `the projection lag could not be read: ${messageOf(error)}` });
    }
  }
}
