import { INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Projector, ProjectionsModule } from '@app/projections';
import {
  BootError,
  bootErrorLine,
  ConfigError,
  describeEventStore,
  describeViewStore,
  loadServiceConfiguration,
  RegistrationAppModule,
  RegistryConfig,
  RegistryLoggingModule,
  useRegistryLogger,
} from '@app/registration-app';

/**
 * The projector as its own process (issue #5; docs/architecture.md): for a server deployment where
 * the API instances run with `REGISTRY_PROJECTOR=off`, this process keeps the views (MPAN query
 * view, notification feed) up to date and delivers the feed's webhooks. It polls the log (the
 * in-process append signal only exists inside the API), commits a batch and its checkpoint in one
 * transaction, and on SIGTERM/SIGINT lets the batch in progress commit before it exits 0. Logs are
 * pino JSON lines (`REGISTRY_LOG_LEVEL`); the configuration is the API's (`loadServiceConfiguration`).
 *
 * Run one projector per view database: two would take turns on the same write lock and gain nothing.
 */
@Module({})
class ProjectorAppModule {
  static forRoot(config: RegistryConfig) {
    return { module: ProjectorAppModule, imports: [RegistrationAppModule.forRoot(config), ProjectionsModule.forRoot()] };
  }
}

async function main(): Promise<void> {
  const { registry, operations, warnings } = loadServiceConfiguration();
  // This process IS the projector, whatever the API's setting; day-start stays with the API.
  const config: RegistryConfig = { ...registry, projector: 'in-process', dayStart: 'off' };
  const app = await NestFactory.createApplicationContext(
    RegistryLoggingModule.wrap(ProjectorAppModule.forRoot(config), { level: operations.logLevel, name: 'registration-projector' }),
    // Boot errors reach main's one-line handler; pino takes over once the context exists.
    { logger: false, abortOnError: false },
  );
  useRegistryLogger(app);
  const logger = new Logger('Projector');
  for (const warning of warnings) logger.warn(warning);
  stopCleanlyOnSignals(app, operations.shutdownTimeoutMs, logger);
  const projector = app.get(Projector);
  logger.log(`projecting ${describeEventStore(config)} into ${describeViewStore(config)} from position ${await projector.position()}`);
  // A line a minute while there is work, so an operator sees progress without a log flood.
  let last = -1n;
  const timer = setInterval(() => {
    projector
      .position()
      .then((position) => {
        if (position !== last) logger.log(`views at log position ${position}`);
        last = position;
      })
      .catch((error: Error) => logger.error(`cannot read the checkpoint: ${error.message}`));
  }, 60_000);
  timer.unref();
}

/**
 * On SIGTERM/SIGINT: closes the application (the projector lets its batch and checkpoint commit,
 * the webhook deliverer awaits its POSTs, the stores close) and exits 0; exits 1 when that takes
 * longer than `timeoutMs` (`REGISTRY_SHUTDOWN_TIMEOUT_MS`) or fails, or at a second signal.
 */
function stopCleanlyOnSignals(app: INestApplicationContext, timeoutMs: number, logger: Logger): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) {
        logger.error(`${signal} again during the shutdown: exiting now`);
        process.exit(1);
      }
      stopping = true;
      const started = Date.now();
      logger.log(`${signal}: stopping after the batch in progress (at most ${timeoutMs} ms)`);
      setTimeout(() => {
        logger.error(`did not stop within REGISTRY_SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms): exiting with code 1 (committed batches stay committed)`);
        process.exit(1);
      }, timeoutMs).unref();
      app.close().then(
        () => {
          logger.log(`stopped cleanly in ${Date.now() - started} ms`);
          process.exit(0);
        },
        (error: Error) => {
          logger.error(`unclean shutdown: ${error.message}`, error.stack);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BootError) {
    console.error(`the projector did not start: ${bootErrorLine(error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : error.message)}`);
  } else {
    console.error('the projector did not start:', error);
  }
  process.exit(1);
});
