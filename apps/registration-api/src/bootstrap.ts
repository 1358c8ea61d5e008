import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { AppModule } from './app.module';
import { ErrorsFilter } from './http/errors.filter';
import { jsonBodyParserOptions } from './http/json-body-parser';

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
