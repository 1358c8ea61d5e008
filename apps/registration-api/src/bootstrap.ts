import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { LogLevel, RegistrationAppOverrides, RegistryConfig, RegistryLoggingModule, useRegistryLogger } from '@app/registration-app';
import { AppModule } from './app.module';
import { ErrorsFilter } from './http/errors.filter';

/** Largest accepted request body (a submission of up to 1000 messages). */
export const BODY_LIMIT = '10mb';

/**
 * How the API logs: pino JSON lines at `logLevel` (default `info`) to `logDestination` (default
 * standard output), or nothing at all with `logger: false` (the e2e tests).
 */
export interface ApiLoggingOptions {
  logger?: false;
  logLevel?: LogLevel;
  logDestination?: DestinationStream;
}

/**
 * Builds the HTTP application (not yet listening): JSON body parser with a size limit, the errors
 * filter, the pino logger (unless `logger: false`). Signal handling is the caller's: `serveApi`
 * (serve.ts, for `npm start` and `registry serve`) adds the clean shutdown. Used by `serveApi`, the
 * benchmark and the e2e tests.
 */
export async function createApiApp(
  config: RegistryConfig,
  overrides: RegistrationAppOverrides = {},
  options: ApiLoggingOptions = {},
): Promise<INestApplication> {
  const root = AppModule.forRoot(config, overrides);
  const logging = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(
    logging ? RegistryLoggingModule.wrap(root, { level: options.logLevel ?? 'info', name: 'registration-api', destination: options.logDestination }) : root,
    // A boot error (store unreachable, bad reference data) is thrown to the caller, which prints it
    // as one line and exits 1, instead of Nest logging its stack and exiting itself; Nest's own
    // start-up lines are not logged. The pino logger takes over once the app exists.
    { bodyParser: false, abortOnError: false, logger: false },
  );
  if (logging) useRegistryLogger(app);
  // strict: false, so that a body of valid JSON that is not an array (`null`, `"x"`, `1`) reaches the
  // controller and is refused with "the body must be a JSON array …" rather than the parser's
  // misleading "\"null\" is not valid JSON".
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
  app.useGlobalFilters(new ErrorsFilter());
  // No enableShutdownHooks: serve.ts installs the clean shutdown (GracefulShutdown) on SIGTERM/SIGINT.
  return app;
}
