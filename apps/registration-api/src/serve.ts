import { INestApplication, Logger } from '@nestjs/common';
import { describeEventStore, describeViewStore, loadServiceConfiguration, ServiceConfiguration } from '@app/registration-app';
import { createApiApp } from './bootstrap';
import { GracefulShutdown } from './shutdown/graceful-shutdown';

/** A listening Registration Service. */
export interface RunningApi {
  app: INestApplication;
  configuration: ServiceConfiguration;
  shutdown: GracefulShutdown;
}

/**
 * Starts the Registration Service as `npm start` and `registry serve` run it: the whole
 * configuration checked ({@link loadServiceConfiguration}: environment, `REGISTRY_CONFIG_FILE`),
 * pino logs at `REGISTRY_LOG_LEVEL` (a warning per setting given but not read), the clean shutdown
 * on SIGTERM/SIGINT ({@link GracefulShutdown}), listening on `PORT`.
 * @throws ConfigError for an invalid configuration, BootError when a store or the reference data
 *   cannot be opened (the caller prints the one-line reason and exits 1).
 */
export async function serveApi(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<RunningApi> {
  const configuration = loadServiceConfiguration(env, cwd);
  const { registry: config, operations } = configuration;
  const app = await createApiApp(config, {}, { logLevel: operations.logLevel });
  const logger = new Logger('Registry');
  if (operations.configFile !== null) logger.log(`settings read from ${operations.configFile} (REGISTRY_CONFIG_FILE; the environment overrides it)`);
  for (const warning of configuration.warnings) logger.warn(warning);
  const shutdown = new GracefulShutdown(app, { timeoutMs: operations.shutdownTimeoutMs, flushProjections: config.projector === 'in-process' }).install();
  await app.listen(config.port);
  logger.log(`Registration Service listening on http://localhost:${config.port} (store: ${describeEventStore(config)}, views: ${describeViewStore(config)})`);
  return { app, configuration, shutdown };
}
