import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_REQUEST_LIMITS, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { AppModule, SignatureClock } from './app.module';
import { loadAuthKeyring } from './auth/dip-auth.providers';
import { ErrorsFilter } from './http/errors.filter';
import { jsonBodyParserOptions, keepRawBody } from './http/json-body-parser';
import { setupOpenApi } from './openapi/openapi';

/** Default largest request body, in bytes (10 MiB); the running limit is `config.limits.bodyLimitBytes` (`REGISTRY_BODY_LIMIT_BYTES`). */
export const BODY_LIMIT = DEFAULT_REQUEST_LIMITS.bodyLimitBytes;

/**
 * Builds the HTTP application (not yet listening): JSON body parser with the configured size limit
 * and the strict checks of `jsonBodyParserOptions`, keeping the body's raw bytes as
 * `request.rawBody` (the DIP signature guard hashes them), the errors filter, the OpenAPI
 * description at `/docs`, shutdown hooks. `options.signatureClock`: see {@link AppModule.forRoot}.
 * Used by `main.ts`, the CLI `serve` command and the e2e tests.
 */
export async function createApiApp(
  config: RegistryConfig,
  overrides: RegistrationAppOverrides = {},
  options: { logger?: false; signatureClock?: SignatureClock } = {},
): Promise<INestApplication> {
  // Checked first, before any store or view database is opened: a bad keyring stops the boot with nothing to clean up.
  const keyring = loadAuthKeyring(config, undefined, options.logger === false ? { warn: () => undefined } : undefined);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, overrides, { keyring, signatureClock: options.signatureClock }), {
    bodyParser: false,
    // A boot failure (e.g. an unusable DIP keyring) is thrown to the caller, which names it, rather than aborting the process.
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  // Nest's typing of useBodyParser leaves `verify` out (its `rawBody: true` option sets one), but
  // passes the options to express.json as they are: ours keeps the raw bytes too (the DIP signature
  // guard hashes them), so the app must NOT be created with `rawBody: true`, which would replace it.
  // strict: false, so that a body of valid JSON that is not an array (`null`, `"x"`, `1`) reaches the
  // controller and is refused with "the body must be a JSON array …".
  const jsonOptions = jsonBodyParserOptions(config.limits.bodyLimitBytes);
  app.useBodyParser<typeof jsonOptions>('json', jsonOptions);
  // Any other body is kept as raw bytes (not parsed), so that its DIP content hash can be checked
  // before the endpoint refuses the content type (415): a signed text/plain request gets its 415,
  // not a misleading CONTENT_HASH_MISMATCH. Runs only when the JSON parser did not take the body.
  app.useBodyParser('raw', { type: () => true, limit: config.limits.bodyLimitBytes, verify: keepRawBody } as Parameters<typeof app.useBodyParser>[1]);
  app.useGlobalFilters(new ErrorsFilter());
  // The API description: Swagger UI at /docs, JSON at /docs-json (docs/openapi.json is the same document).
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
