import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { DEFAULT_REQUEST_LIMITS, LogLevel, RegistrationAppOverrides, RegistryConfig, RegistryLoggingModule, useRegistryLogger } from '@app/registration-app';
import { AppModule, SignatureClock } from './app.module';
import { loadAuthKeyring } from './auth/dip-auth.providers';
import { ErrorsFilter } from './http/errors.filter';
import { describeJsonParseError, jsonBodyParserOptions, keepRawBody } from './http/json-body-parser';
import { recordRefusedSubmissionBody, stampRequestStart } from './metrics/refused-body-metrics';
import { RegistryMetrics } from './metrics/registry-metrics';
import { setupOpenApi } from './openapi/openapi';

/** Default largest request body, in bytes (10 MiB); the running limit is `config.limits.bodyLimitBytes` (`REGISTRY_BODY_LIMIT_BYTES`). */
export const BODY_LIMIT = DEFAULT_REQUEST_LIMITS.bodyLimitBytes;

/**
 * How the API logs: pino JSON lines at `logLevel` (default `info`) to `logDestination` (default
 * standard output), or nothing at all with `logger: false` (the e2e tests); and, for the
 * benchmark, the clock DIP signature dates are checked against (`signatureClock`, see
 * {@link AppModule.forRoot}).
 */
export interface ApiLoggingOptions {
  logger?: false;
  logLevel?: LogLevel;
  logDestination?: DestinationStream;
  signatureClock?: SignatureClock;
}

/**
 * Builds the HTTP application (not yet listening): the DIP keyring checked first, JSON body parser
 * with the configured size limit and the strict checks of `jsonBodyParserOptions`, keeping the
 * body's raw bytes as `request.rawBody` (the DIP signature guard hashes them), the errors filter,
 * the OpenAPI description at `/docs`, the pino logger (unless `logger: false`). Signal handling is
 * the caller's: `serveApi` (serve.ts, for `npm start` and `registry serve`) adds the clean
 * shutdown. Used by `serveApi`, the benchmark and the e2e tests.
 */
export async function createApiApp(
  config: RegistryConfig,
  overrides: RegistrationAppOverrides = {},
  options: ApiLoggingOptions = {},
): Promise<INestApplication> {
  // Checked first, before any store or view database is opened: a bad keyring stops the boot with nothing to clean up.
  // Its warnings (sample keys accepted, no operator key) wait for the JSON logger, so that stdout
  // holds nothing but JSON lines.
  const keyringWarnings: string[] = [];
  const keyring = loadAuthKeyring(config, undefined, { warn: (message: string) => void keyringWarnings.push(message) });
  const root = AppModule.forRoot(config, overrides, { keyring, signatureClock: options.signatureClock });
  const logging = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(
    logging ? RegistryLoggingModule.wrap(root, { level: options.logLevel ?? 'info', name: 'registration-api', destination: options.logDestination }) : root,
    // A boot error (store unreachable, bad reference data, an unusable DIP keyring) is thrown to the
    // caller, which prints it as one line and exits 1, instead of Nest logging its stack and exiting
    // itself; Nest's own start-up lines are not logged. The pino logger takes over once the app exists.
    { bodyParser: false, abortOnError: false, logger: false },
  );
  if (logging) {
    useRegistryLogger(app);
    for (const warning of keyringWarnings) new Logger('Auth').warn(warning);
  }
  // Nest's typing of useBodyParser leaves `verify` out (its `rawBody: true` option sets one), but
  // passes the options to express.json as they are: ours keeps the raw bytes too (the DIP signature
  // guard hashes them), so the app must NOT be created with `rawBody: true`, which would replace it.
  // strict: false, so that a body of valid JSON that is not an array (`null`, `"x"`, `1`) reaches the
  // controller and is refused with "the body must be a JSON array …".
  // The Express header that names the framework tells a client nothing it needs.
  app.disable('x-powered-by');
  // Before the body parsers: a submission whose body they refuse is timed from its arrival too.
  app.use(stampRequestStart);
  const jsonOptions = jsonBodyParserOptions(config.limits.bodyLimitBytes);
  app.useBodyParser<typeof jsonOptions>('json', jsonOptions);
  // Any other body is kept as raw bytes (not parsed), so that its DIP content hash can be checked
  // before the endpoint refuses the content type (415): a signed text/plain request gets its 415,
  // not a misleading CONTENT_HASH_MISMATCH. Runs only when the JSON parser did not take the body.
  app.useBodyParser('raw', { type: () => true, limit: config.limits.bodyLimitBytes, verify: keepRawBody } as Parameters<typeof app.useBodyParser>[1]);
  // JSON that does not parse: a 400 that says so (Nest would pass on JSON.parse's bare text).
  app.use(describeJsonParseError);
  // A submission refused by the parsers never reaches the intake's metrics interceptor: time it here.
  app.use(recordRefusedSubmissionBody(app.get(RegistryMetrics)));
  app.useGlobalFilters(new ErrorsFilter());
  // The API description: Swagger UI at /docs, JSON at /docs-json (docs/openapi.json is the same document).
  setupOpenApi(app);
  // No enableShutdownHooks: serve.ts installs the clean shutdown (GracefulShutdown) on SIGTERM/SIGINT.
  return app;
}
