import { Command } from 'commander';

/** What follows a usage error (unknown option, missing argument or required option, bad value) instead of the whole help. */
export const USAGE_HINT = '(add --help for usage)';

/**
 * Makes every usage error of `program` and of the subcommands added to it afterwards (they inherit
 * the setting) one line of error plus {@link USAGE_HINT}, exit code 1 (commander's).
 */
export function withShortUsageErrors(program: Command): Command {
  return program.showHelpAfterError(USAGE_HINT);
}
