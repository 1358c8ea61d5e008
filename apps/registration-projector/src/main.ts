import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Projector, ProjectionsModule } from '@app/projections';
import { BootError, ConfigError, describeEventStore, describeViewStore, loadRegistryConfig, RegistrationAppModule, RegistryConfig } from '@app/registration-app';

/**
 * The projector as its own process (issue #5; docs/architecture.md): for a server deployment where
 * the API instances run with `REGISTRY_PROJECTOR=off`, this process keeps the views (MPAN query
 * view, notification feed) up to date and delivers the feed's webhooks. It polls the log (the
 * in-process append signal only exists inside the API), commits a batch and its checkpoint in one
 * transaction, and on SIGTERM/SIGINT lets the batch in progress commit before it exits.
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
  // This process IS the projector, whatever the API's setting; day-start stays with the API.
  const config: RegistryConfig = { ...loadRegistryConfig(), projector: 'in-process', dayStart: 'off' };
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config));
  app.enableShutdownHooks();
  const logger = new Logger('Projector');
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BootError) {
    console.error(`the projector did not start: ${error.message}`);
  } else {
    console.error('the projector did not start:', error);
  }
  process.exit(1);
});
