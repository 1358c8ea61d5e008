import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Provider,
} from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ReferenceData } from '@app/registration-domain';
import {
  BootError,
  LogAppendedNotifier,
  REFERENCE_DATA,
  REGISTRY_CONFIG,
  RegistryConfig,
} from '@app/registration-app';
import { createFeedProjection, FEED_PROVIDERS } from './feed';
import { createMpanViewProjection, MPAN_VIEW_PROVIDERS } from './mpan-view';
import { Projection } from './runtime/projection';
import { Projector } from './runtime/projector';
import { openViewDatabase } from './runtime/open-view-database';
import { ViewDatabase } from './runtime/view-database';
import { VIEW_DATABASE } from './tokens';

/** Injection token of the {@link ViewDatabase} (defined in ./tokens.ts, a leaf file: see there why). */
export { VIEW_DATABASE };
/** Injection token of the list of {@link Projection}s the projector runs. */
export const PROJECTIONS = Symbol('PROJECTIONS');

/** The projections every registry runs, in the order they apply each event. */
export function registryProjections(): Projection[] {
  return [createMpanViewProjection(), createFeedProjection()];
}

/**
 * Starts the projector loop when this process is the projector (`REGISTRY_PROJECTOR=in-process`,
 * or the projector app), wakes it on every append, and stops it before the stores close.
 */
@Injectable()
export class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly projector: Projector,
    @Inject(VIEW_DATABASE) private readonly views: ViewDatabase,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly notifier: LogAppendedNotifier,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projector !== 'in-process') return;
    this.unsubscribe = this.notifier.subscribe(() => this.projector.nudge());
    this.projector.start();
  }

  /** Lets the batch in progress commit, then stops (before the event store and views close). */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.projector.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.views.close();
  }

}

/**
 * The read side (issue #5): the view database, the projector, the MPAN query view and the
 * notification feed. Needs the global {@link RegistrationAppModule} (config, event store, reference
 * data, append notifier).
 */
@Module({})
export class ProjectionsModule {
  static forRoot(): DynamicModule {
    const providers: Provider[] = [
      {
        provide: VIEW_DATABASE,
        inject: [REGISTRY_CONFIG],
        useFactory: async (config: RegistryConfig) => {
          try {
            return await openViewDatabase(config);
          } catch (error) {
            throw new BootError((error as Error).message);
          }
        },
      },
      { provide: PROJECTIONS, useFactory: registryProjections },
      {
        provide: Projector,
        inject: [EVENT_STORE, VIEW_DATABASE, PROJECTIONS, REFERENCE_DATA, REGISTRY_CONFIG],
        useFactory: (store: EventStore, views: ViewDatabase, projections: Projection[], referenceData: ReferenceData, config: RegistryConfig) => {
          const logger = new Logger('Projector');
          return new Projector({
            store,
            views,
            projections,
            referenceData,
            registryDipId: config.registryDipId,
            environmentTag: config.environmentTag,
            onError: (error) => logger.error(`projection batch failed (retrying): ${error.message}`, error.stack),
          });
        },
      },
      ProjectorLifecycle,
      ...MPAN_VIEW_PROVIDERS,
      ...FEED_PROVIDERS,
    ];
    return {
      module: ProjectionsModule,
      providers,
      exports: [VIEW_DATABASE, PROJECTIONS, Projector, ...MPAN_VIEW_PROVIDERS, ...FEED_PROVIDERS],
    };
  }
}
