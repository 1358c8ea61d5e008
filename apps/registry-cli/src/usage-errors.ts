import { Command } from 'commander';
import { CliError } from './cli-context';

/** What follows a usage error (unknown option, missing argument or required option, bad value) instead of the whole help. */
export const USAGE_HINT = '(add --help for usage)';

/**
 * Makes every usage error of `program` and of the subcommands added to it afterwards (they inherit
 * the setting) one line of error plus {@link USAGE_HINT}; the caller's `exitOverride` makes it exit 2
 * (main.ts, docs/cli.md).
 */
export function withShortUsageErrors(program: Command): Command {
  return program.showHelpAfterError(USAGE_HINT);
}

/**
 * A wrong command line found by a command's own checks rather than by commander: a bad option or
 * argument value (a malformed MPAN core, date or instant), options that do not go together. Reported
 * as `registry: <message>` plus {@link USAGE_HINT}, exit code 2 (docs/cli.md "Failures and exit
 * codes"), like commander's usage errors; `reportFailure` treats the library's own bad-input errors
 * (an invalid history query, an invalid MPAN core) the same way.
 */
export class CliUsageError extends CliError {}
