import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadRegistryConfig } from './config/registry-config';
import { BootError, RegistrationAppModule } from './registration-app.module';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

describe('RegistrationAppModule event store selection', () => {
  it('fails to boot on an unreachable PostgreSQL with a BootError naming the URL without its password', async () => {
    // Port 1 on the loopback refuses at once: no server needed.
    const config = loadRegistryConfig(
      { REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: 'postgres://regs:s3cret@127.0.0.1:1/registry', REGISTRY_DAY_START: 'off' },
      REPO_ROOT,
    );
    let error: unknown;
    try {
      const app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config), { logger: false, abortOnError: false });
      await app.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BootError);
    const message = (error as BootError).message;
    expect(message).toMatch(/^cannot open the event store \(PostgreSQL postgres:\/\/regs:\*\*\*@127\.0\.0\.1:1\/registry\): /);
    expect(message).not.toContain('s3cret');
  });

  it('fails to boot on an unreachable EventStoreDB with a BootError naming the connection string without its password', async () => {
    const config = loadRegistryConfig(
      { REGISTRY_STORE: 'eventstoredb', REGISTRY_EVENTSTORE_URL: 'esdb://admin:s3cret@127.0.0.1:1?tls=false', REGISTRY_DAY_START: 'off' },
      REPO_ROOT,
    );
    let error: unknown;
    try {
      const app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config), { logger: false, abortOnError: false });
      await app.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BootError);
    const message = (error as BootError).message;
    expect(message).toMatch(/^cannot open the event store \(EventStoreDB esdb:\/\/admin:\*\*\*@127\.0\.0\.1:1\?tls=false\): /);
    expect(message).not.toContain('s3cret');
  });
});
