import { Logger } from '@nestjs/common';
import { BootError, ConfigError, describeEventStore, describeViewStore, loadRegistryConfig } from '@app/registration-app';
import { createApiApp } from './bootstrap';

/** Entry point of `npm start`: the Registration Service on the configured event store (`REGISTRY_STORE`: embedded SQLite or PostgreSQL). */
async function main(): Promise<void> {
  const config = loadRegistryConfig();
  const app = await createApiApp(config);
  await app.listen(config.port);
  new Logger('Registry').log(`Registration Service listening on http://localhost:${config.port} (store: ${describeEventStore(config)}, views: ${describeViewStore(config)})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BootError) {
    console.error(`the Registration Service did not start: ${error.message}`);
  } else {
    console.error('the Registration Service did not start:', error);
  }
  process.exit(1);
});
