import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@app/event-store';
import { Clock, CLOCK, SystemClock } from './clock/clock';
import { RegistryConfig } from './config/registry-config';
import { IntakeService } from './intake/intake.service';
import { MpanQueryService } from './queries/mpan-query.service';
import { loadReferenceDataFile, REFERENCE_DATA } from './reference-data/reference-data.provider';
import { ProcessRegistrationHandler } from './registration/process-registration.handler';

/** Injection token for the validated {@link RegistryConfig}. */
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');

/** Closes the event store when the application shuts down (SIGTERM with enableShutdownHooks). */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Optional replacements for tests and tools (e.g. a {@link FixedClock}). */
export interface RegistrationAppOverrides {
  clock?: Clock;
}

/**
 * The registration application: event store (embedded SQLite), reference data, clock, command
 * handlers, intake and queries. Shared by the HTTP API and the `registry` CLI, so both go through
 * the same command handlers.
 */
@Module({})
export class RegistrationAppModule {
  static forRoot(config: RegistryConfig, overrides: RegistrationAppOverrides = {}): DynamicModule {
    const clock = overrides.clock ?? new SystemClock();
    const providers: Provider[] = [
      { provide: REGISTRY_CONFIG, useValue: config },
      {
        provide: EVENT_STORE,
        // The store stamps recordedAt from the same clock the handlers use, so "as known at T"
        // agrees with the decisions' `now` (and tests can pin both).
        useFactory: () =>
          SqliteEventStore.open({ path: config.sqlitePath, synchronous: config.sqliteSynchronous, now: () => new Date(clock.now()) }),
      },
      { provide: REFERENCE_DATA, useFactory: () => loadReferenceDataFile(config.referenceDataPath) },
      { provide: CLOCK, useValue: clock },
      EventStoreLifecycle,
      ProcessRegistrationHandler,
      IntakeService,
      MpanQueryService,
    ];
    return {
      module: RegistrationAppModule,
      imports: [CqrsModule.forRoot()],
      providers,
      exports: [REGISTRY_CONFIG, EVENT_STORE, REFERENCE_DATA, CLOCK, IntakeService, MpanQueryService],
    };
  }
}
