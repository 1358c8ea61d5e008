import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@app/event-store';
import type { ProjectionLag } from '@app/projections';
import type { RegistryConfig } from '@app/registration-app';
import type { ProjectionLagProbe } from './projection-lag.probe';
import { ReadinessIndicators } from './readiness.indicators';

const config = { health: { readyMaxLagEvents: 10, readyMaxLagSeconds: 60, timeoutMs: 100 } } as RegistryConfig;
const never = () => new Promise<never>(() => undefined);

function lag(projection: string, eventsBehind: number, secondsBehind: number): ProjectionLag {
  return {
    projection,
    position: 5n,
    headPosition: 5n + BigInt(eventsBehind),
    eventsBehind,
    eventsBehindCapped: false,
    secondsBehind,
    oldestUnappliedRecordedAt: eventsBehind > 0 ? '2025-06-15T10:00:00.000Z' : null,
  };
}

/** The indicators over a store and a lag probe that answer as given (the real ones are exercised in test/operations.e2e-spec.ts). */
function indicators(headPosition: () => Promise<bigint>, measure: () => Promise<ProjectionLag[]>): ReadinessIndicators {
  const probe = { bounds: { maxEvents: 10, maxSeconds: 60 }, measure } as unknown as ProjectionLagProbe;
  return new ReadinessIndicators(new HealthIndicatorService(), probe, { headPosition } as unknown as EventStore, config);
}

describe('ReadinessIndicators', () => {
  it('reports the store up with its head position', async () => {
    expect(await indicators(async () => 42n, async () => []).eventStore()).toEqual({ eventStore: { status: 'up', headPosition: '42' } });
  });

  it('reports a store that does not answer within REGISTRY_HEALTH_TIMEOUT_MS as down, without waiting for it', async () => {
    expect(await indicators(never, async () => []).eventStore()).toEqual({
      eventStore: { status: 'down', message: 'the event store is not reachable: the event store did not answer within 100 ms' },
    });
  });

  it('reports the store error as down', async () => {
    const down = await indicators(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), async () => []).eventStore();
    expect(down.eventStore).toEqual({ status: 'down', message: 'the event store is not reachable: connect ECONNREFUSED 127.0.0.1:5432' });
  });

  it('is down naming only the projection out of bounds, with every lag reported', async () => {
    const result = await indicators(async () => 0n, async () => [lag('mpan-view', 11, 1), lag('feed', 10, 60)]).projections();
    expect(result.projections).toMatchObject({
      status: 'down',
      message: 'projection mpan-view is 11 event(s) and 1 s behind the log (at position 5, head 16); the bound is 10 event(s)',
      bounds: { maxEventsBehind: 10, maxSecondsBehind: 60 },
      lag: { 'mpan-view': { eventsBehind: 11 }, feed: { eventsBehind: 10, secondsBehind: 60 } },
    });
  });

  it('is up within the bounds, and down when the lag read times out', async () => {
    expect((await indicators(async () => 0n, async () => [lag('feed', 0, 0)]).projections()).projections.status).toBe('up');
    expect((await indicators(async () => 0n, never).projections()).projections).toEqual({
      status: 'down',
      message: 'the projection lag could not be read: the projection lag read did not answer within 100 ms',
    });
  });
});
