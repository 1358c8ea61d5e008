import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FixedClock, RegistrationAppModule, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';

/**
 * The registration application without HTTP, as the CLI's `withRegistry` boots it
 * (apps/registry-cli/src/cli-context.ts): the same module, command handlers, intake and store, no
 * projector and no day-start scheduler; on a {@link FixedClock} the drivers move. `overrides`:
 * e.g. `multiStreamAppend: false` for a three-commits comparison run.
 */
export function openRegistryContext(
  config: RegistryConfig,
  clock: FixedClock,
  overrides: Omit<RegistrationAppOverrides, 'clock'> = {},
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { ...overrides, clock }), { logger: false, abortOnError: false });
}
