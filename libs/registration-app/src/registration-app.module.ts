import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, ObservedEventStore, openEventStoreDbEventStore, PostgresEventStore, SqliteEventStore } from '@app/event-store';
import { Clock, CLOCK, SystemClock } from './clock/clock';
import { describeEventStore, REGISTRY_CONFIG, RegistryConfig } from './config/registry-config';
import { DayStartScheduler } from './day-start/day-start.scheduler';
import { DayStartService } from './day-start/day-start.service';
import { EventStoreActivity } from './event-store-activity';
import { IntakeService } from './intake/intake.service';
import { LogAppendedNotifier } from './log-appended.notifier';
import { MpanQueryService } from './queries/mpan-query.service';
import { loadReferenceDataFile, REFERENCE_DATA } from './reference-data/reference-data.provider';
import { MPAN_STATE_CACHE, mpanStateCache } from './registration/mpan-stream';
import { ProcessRegistrationHandler } from './registration/process-registration.handler';
import { TrafficLoader } from './traffic/traffic-loader';

import { BootError } from './boot-error';

export { BootError };

/** Closes the event store when the application shuts down (`app.close()`: on SIGTERM, after the clean shutdown has drained the requests). */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Opens the event store `config.store` names, stamping `recordedAt` with `now`. */
async function openConfiguredStore(config: RegistryConfig, now: () => Date): Promise<EventStore> {
  switch (config.store) {
    case 'postgres':
      return PostgresEventStore.open({ connectionString: config.postgresUrl, now });
    case 'eventstoredb':
      return openEventStoreDbEventStore({ connectionString: config.eventstoreUrl, now });
    case 'sqlite':
      return SqliteEventStore.open({ path: config.sqlitePath, synchronous: config.sqliteSynchronous, groupCommit: config.groupCommit, now });
    default: {
      const unknown: never = config.store;
      throw new Error(`unknown event store ${String(unknown)}`);
    }
  }
}

/** Optional replacements for tests and tools (e.g. a {@link FixedClock}). */
export interface RegistrationAppOverrides {
  clock?: Clock;
  /**
   * `false` hides the store's optional multi-stream append (`appendToStreams`), so the intake
   * takes the three-step path of a store without it (EventStoreDB): receipt, MPAN events and
   * outcome as three commits (ADR 0004). For tests and the benchmark's comparison; default `true`
   * (one commit per message where the store can, ADR 0017).
   */
  multiStreamAppend?: boolean;
}

/**
 * The registration application: event store (embedded SQLite, PostgreSQL or EventStoreDB, `REGISTRY_STORE`), reference data, clock, command
 * handlers, intake and queries. Shared by the HTTP API and the `registry` CLI, so both go through
 * the same command handlers.
 */
@Module({})
export class RegistrationAppModule {
  /**
   * The module for a validated `config`; `overrides.clock` replaces the machine clock (the store's
   * `recordedAt` follows it too). Providers fail at initialisation with a {@link BootError} when the
   * event store (SQLite file, PostgreSQL database or EventStoreDB server) cannot be opened or the reference data file is unreadable or invalid.
   */
  static forRoot(config: RegistryConfig, overrides: RegistrationAppOverrides = {}): DynamicModule {
    const clock = overrides.clock ?? new SystemClock();
    const notifier = new LogAppendedNotifier();
    const activity = new EventStoreActivity();
    const providers: Provider[] = [
      { provide: LogAppendedNotifier, useValue: notifier },
      { provide: EventStoreActivity, useValue: activity },
      { provide: REGISTRY_CONFIG, useValue: config },
      {
        provide: EVENT_STORE,
        // The store stamps recordedAt from the same clock the handlers use, so "as known at T"
        // agrees with the decisions' `now` (and tests can pin both).
        useFactory: async () => {
          const now = () => new Date(clock.now());
          try {
            const opened: EventStore = await openConfiguredStore(config, now);
            const store = overrides.multiStreamAppend === false ? withoutMultiStreamAppend(opened) : opened;
            // Every committed append nudges the in-process projector (libs/projections); appends and
            // conflicts are told to observers (metrics) through EventStoreActivity.
            return new ObservedEventStore(
              store,
              (streamName, result, events) => {
                notifier.notify();
                activity.appended(streamName, events, result);
              },
              (streamName, error) => activity.appendFailed(streamName, error),
            );
          } catch (error) {
            // describeEventStore never shows a password.
            throw new BootError(`cannot open the event store (${describeEventStore(config)}): ${(error as Error).message}`);
          }
        },
      },
      {
        provide: REFERENCE_DATA,
        useFactory: () => {
          try {
            return loadReferenceDataFile(config.referenceDataPath);
          } catch (error) {
            throw new BootError((error as Error).message);
          }
        },
      },
      { provide: CLOCK, useValue: clock },
      // Folded MPAN states for the command loop, day-start and current-state reads (issue #9).
      { provide: MPAN_STATE_CACHE, useFactory: () => mpanStateCache(config.stateCacheSize) },
      EventStoreLifecycle,
      ProcessRegistrationHandler,
      IntakeService,
      MpanQueryService,
      DayStartService,
      DayStartScheduler,
      TrafficLoader,
    ];
    return {
      module: RegistrationAppModule,
      // Global: the projections module (libs/projections) and the apps inject its exports.
      global: true,
      imports: [CqrsModule.forRoot()],
      providers,
      exports: [REGISTRY_CONFIG, EVENT_STORE, REFERENCE_DATA, CLOCK, MPAN_STATE_CACHE, LogAppendedNotifier, EventStoreActivity, IntakeService, MpanQueryService, DayStartService, TrafficLoader],
    };
  }
}

/**
 * `store` as seen without its optional `appendToStreams` (every other member delegates to it,
 * methods bound to it, so `instanceof` and getters such as `dataSource` still work).
 */
function withoutMultiStreamAppend(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStreams') return undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
