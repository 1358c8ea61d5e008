import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_REQUEST_LIMITS, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { AppModule } from './app.module';
import { ErrorsFilter } from './http/errors.filter';
import { jsonBodyParserOptions } from './http/json-body-parser';

/** Default largest request body, in bytes (10 MiB); the running limit is `config.limits.bodyLimitBytes` (`REGISTRY_BODY_LIMIT_BYTES`). */
export const BODY_LIMIT = DEFAULT_REQUEST_LIMITS.bodyLimitBytes;

/**
 * Builds the HTTP application (not yet listening): JSON body parser with the configured size limit
 * and the strict checks of `jsonBodyParserOptions` (it also keeps `request.rawBody`), the errors
 * filter, shutdown hooks. Used by `main.ts`, the CLI `serve` command and the e2e tests.
 */
export async function createApiApp(
  config: RegistryConfig,
  overrides: RegistrationAppOverrides = {},
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, overrides), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  // Nest's typing of useBodyParser leaves `verify` out (its `rawBody: true` option sets one), but
  // passes the options to express.json as they are: ours keeps the raw bytes too (the DIP signature
  // guard hashes them), so the app must NOT be created with `rawBody: true`, which would replace it.
  const jsonOptions = jsonBodyParserOptions(config.limits.bodyLimitBytes);
  app.useBodyParser<typeof jsonOptions>('json', jsonOptions);
  app.useGlobalFilters(new ErrorsFilter());
  app.enableShutdownHooks();
  return app;
}
