import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { AppModule, SignatureClock } from './app.module';
import { loadAuthKeyring } from './auth/dip-auth.providers';
import { ErrorsFilter } from './http/errors.filter';
import { setupOpenApi } from './openapi/openapi';

/** Largest accepted request body (a submission of up to 1000 messages). */
export const BODY_LIMIT = '10mb';

/**
 * Builds the HTTP application (not yet listening): JSON body parser with a size limit, keeping the
 * body's raw bytes (`rawBody: true`: Nest's parsers, including the one `useBodyParser` adds, then
 * store them as `request.rawBody`, which the DIP signature guard hashes), the errors filter, the
 * OpenAPI description at `/docs`, shutdown hooks. `options.signatureClock`: see
 * {@link AppModule.forRoot}. Used by `main.ts`, the CLI `serve` command and the e2e tests.
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
    rawBody: true,
    // A boot failure (e.g. an unusable DIP keyring) is thrown to the caller, which names it, rather than aborting the process.
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  // strict: false, so that a body of valid JSON that is not an array (`null`, `"x"`, `1`) reaches the
  // controller and is refused with "the body must be a JSON array …" rather than the parser's
  // misleading "\"null\" is not valid JSON".
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
  // Any other body is kept as raw bytes (not parsed), so that its DIP content hash can be checked
  // before the endpoint refuses the content type (415): a signed text/plain request gets its 415,
  // not a misleading CONTENT_HASH_MISMATCH. Runs only when the JSON parser did not take the body.
  app.useBodyParser('raw', { type: () => true, limit: BODY_LIMIT });
  app.useGlobalFilters(new ErrorsFilter());
  // The API description: Swagger UI at /docs, JSON at /docs-json (docs/openapi.json is the same document).
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
