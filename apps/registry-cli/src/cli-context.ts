import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadRegistryConfig, RegistrationAppModule, RegistryConfig } from '@app/registration-app';

/** A user-facing CLI failure: printed as one line, exit code 1. */
export class CliError extends Error {}

/**
 * Boots the registration application without HTTP (same modules and command handlers as the API),
 * runs `work`, and closes the store whatever happens.
 */
export async function withRegistry<T>(
  configOverrides: Partial<RegistryConfig>,
  work: (app: INestApplicationContext, config: RegistryConfig) => Promise<T>,
): Promise<T> {
  const config = { ...loadRegistryConfig(), ...configOverrides };
  const app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config), { logger: false });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
