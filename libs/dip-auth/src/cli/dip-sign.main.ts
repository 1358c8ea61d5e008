import { dipSignCommand } from './dip-sign.command';

/**
 * Stand-alone entry of the `sign-request` command (`node scripts/dip-sign.js …` after
 * `npm run build`); the same command is `registry sign-request`.
 */
dipSignCommand()
  .name('dip-sign')
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`dip-sign: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
