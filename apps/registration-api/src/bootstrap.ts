import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { AppModule } from './app.module';
import { ErrorsFilter } from './http/errors.filter';
import { setupOpenApi } from './openapi/openapi';

/** Largest accepted request body (a submission of up to 1000 messages). */
export const BODY_LIMIT = '10mb';

/**
 * Builds the HTTP application (not yet listening): JSON body parser with a size limit, the errors
 * filter, the OpenAPI description at `/docs`, shutdown hooks. Used by `main.ts`, the CLI `serve` command and the e2e tests.
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
  // strict: false, so that a body of valid JSON that is not an array (`null`, `"x"`, `1`) reaches the
  // controller and is refused with "the body must be a JSON array …" rather than the parser's
  // misleading "\"null\" is not valid JSON".
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
  app.useGlobalFilters(new ErrorsFilter());
  // The API description: Swagger UI at /docs, JSON at /docs-json (docs/openapi.json is the same document).
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
