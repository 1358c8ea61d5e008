import { existsSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, defaultViewsPath, environmentWithConfigFile, loadServiceConfiguration, RegistrationAppModule, RegistryConfig } from '@app/registration-app';

/** A user-facing CLI failure: printed as one line, exit code 1. */
export class CliError extends Error {}

/**
 * Boots the registration application without HTTP (same modules and command handlers as the API),
 * runs `work`, and closes the store whatever happens. With `mustExist`, a missing store file is an
 * error instead of a new empty registry (read commands).
 */
export async function withRegistry<T>(
  configOverrides: Partial<RegistryConfig>,
  work: (app: INestApplicationContext, config: RegistryConfig) => Promise<T>,
  options: { mustExist?: boolean; clock?: Clock } = {},
): Promise<T> {
  // The service's configuration (environment and REGISTRY_CONFIG_FILE). Tools never start the
  // in-process day-start scheduler; `registry day-start` runs it on purpose.
  const config: RegistryConfig = { ...loadServiceConfiguration().registry, dayStart: 'off', ...configOverrides };
  const { env } = environmentWithConfigFile();
  // --db without a views path: the views live beside that file, not beside the default one.
  if (configOverrides.sqlitePath && !configOverrides.viewsSqlitePath && env.REGISTRY_VIEWS_SQLITE_PATH === undefined) {
    config.viewsSqlitePath = defaultViewsPath(configOverrides.sqlitePath);
  }
  // --db names a SQLite file: it wins over REGISTRY_STORE=postgres.
  if (configOverrides.sqlitePath) config.store = 'sqlite';
  // --views names a SQLite file; with --db the views follow the log into SQLite as well, unless
  // REGISTRY_VIEWS_STORE says otherwise.
  if (configOverrides.viewsSqlitePath || (configOverrides.sqlitePath && env.REGISTRY_VIEWS_STORE === undefined)) {
    config.viewsStore = 'sqlite';
    config.viewsPostgresUrl = '';
  }
  if (options.mustExist && config.store === 'sqlite' && !existsSync(config.sqlitePath)) {
    throw new CliError(`no registry at ${config.sqlitePath} (check --db or REGISTRY_SQLITE_PATH)`);
  }
  const app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, options.clock ? { clock: options.clock } : {}), {
    logger: false,
    // Throw boot errors (an unreadable store file, bad reference data) to the CLI's one-line error
    // handler instead of exiting silently.
    abortOnError: false,
  });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
