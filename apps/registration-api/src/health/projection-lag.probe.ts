import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { measureProjectionLag, ProjectionLag, Projector, VIEW_DATABASE, ViewDatabase } from '@app/projections';
import { Clock, CLOCK, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';

/**
 * Measures the lag of every projection the projector runs (`measureProjectionLag`: events after
 * its checkpoint, counted up to `REGISTRY_READY_MAX_LAG_EVENTS` + 1, and the age of the oldest
 * unapplied event on the registry's clock). Shared by the readiness probe and `/metrics`, so both
 * report the same numbers. Works whether this process or another one runs the projector: it reads
 * the committed checkpoints from the view database.
 */
@Injectable()
export class ProjectionLagProbe {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIEW_DATABASE) private readonly views: ViewDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly projector: Projector,
  ) {}

  /** The bounds readiness holds each projection to (`REGISTRY_READY_MAX_LAG_EVENTS`, `REGISTRY_READY_MAX_LAG_SECONDS`). */
  get bounds(): { maxEvents: number; maxSeconds: number } {
    return { maxEvents: this.config.health.readyMaxLagEvents, maxSeconds: this.config.health.readyMaxLagSeconds };
  }

  /**
   * Every projection's lag, in the projector's order.
   * @throws whatever the event store or the view database throws.
   */
  measure(): Promise<ProjectionLag[]> {
    return measureProjectionLag({
      store: this.store,
      views: this.views,
      projections: this.projector.projectionNames,
      countLimit: this.config.health.readyMaxLagEvents + 1,
      now: this.clock.now(),
    });
  }
}
