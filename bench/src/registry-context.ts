import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FixedClock, RegistrationAppModule, RegistryConfig } from '@app/registration-app';

/**
 * The registration application without HTTP, as the CLI's `withRegistry` boots it
 * (apps/registry-cli/src/cli-context.ts): the same module, command handlers, intake and store, no
 * projector and no day-start scheduler; on a {@link FixedClock} the drivers move.
 */
export function openRegistryContext(config: RegistryConfig, clock: FixedClock): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock }), { logger: false, abortOnError: false });
}
