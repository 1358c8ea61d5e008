import { BootError, bootErrorLine, ConfigError } from '@app/registration-app';
import { serveApi } from './serve';

/**
 * Entry point of `npm start`: the Registration Service on the configured stores ({@link serveApi}),
 * stopping cleanly on SIGTERM/SIGINT. A configuration or boot error is one line on stderr, exit code 1.
 */
serveApi().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BootError) {
    console.error(`the Registration Service did not start: ${bootErrorLine(error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : error.message)}`);
  } else {
    console.error('the Registration Service did not start:', error);
  }
  process.exit(1);
});
