import { CommanderError } from 'commander';
import { SignRequestError } from '@app/dip-auth';
import { BootError, ConfigError, InvalidMpanCoreError } from '@app/registration-app';
import { InvalidHistoryQueryError } from '@app/registration-app/history';
import { CliError } from './cli-context';
import { CliUsageError, USAGE_HINT } from './usage-errors';

/** Exit codes of `registry` (docs/cli.md "Exit codes"). */
export const EXIT = {
  /** Done; for `verify` and `rebuild`: everything agrees. */
  ok: 0,
  /** The command failed or found a difference: missing file, unreachable store, invalid configuration, views that differ, … */
  failure: 1,
  /** The command line is wrong: unknown command or option, missing argument, bad option value. */
  usage: 2,
} as const;

/** What `registry` prints for a failure and the code it exits with. */
export interface FailureReport {
  /** One line for stderr, starting with `registry: `. */
  line: string;
  /** For a usage error ({@link EXIT.usage}): the line to print after it, `(add --help for usage)`; else `null`. */
  hint: string | null;
  /** The stack trace(s) to print after it with `--debug`, else `null`. */
  details: string | null;
  exitCode: number;
}

/**
 * Whether failures are printed with their stack trace: `--debug` anywhere on the command line, or
 * `REGISTRY_LOG_LEVEL` `debug` or `trace`.
 */
export function debugRequested(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--debug') || /^(debug|trace)$/i.test(env.REGISTRY_LOG_LEVEL ?? '');
}

/**
 * The one-line report of `error` (exit code {@link EXIT.failure}, or {@link EXIT.usage} with the usage
 * hint for a usage error, see {@link isUsageError}): the message of a {@link CliError},
 * a {@link BootError}, a {@link SignRequestError} or anything unexpected; a {@link ConfigError}'s problems joined with `; `.
 * Line breaks inside a message are folded, so the reason is always one line. An unexpected error
 * (not one of ours) gets a pointer to `--debug`; with `debug`, `details` holds its stack (and its
 * `cause`'s).
 */
export function reportFailure(error: unknown, debug: boolean): FailureReport {
  const usage = isUsageError(error);
  const ours = usage || error instanceof CliError || error instanceof ConfigError || error instanceof BootError || error instanceof SignRequestError;
  const message =
    error instanceof ConfigError
      ? `invalid configuration: ${error.problems.join('; ')}`
      : error instanceof Error
        ? error.message || error.name
        : String(error);
  const oneLine = message.replace(/\s*\r?\n\s*/g, ' ').trim();
  const hint = !ours && !debug ? ' (run again with --debug for the stack trace)' : '';
  return {
    line: `registry: ${oneLine}${hint}`,
    hint: usage ? USAGE_HINT : null,
    details: debug ? stackOf(error) : null,
    exitCode: usage ? EXIT.usage : EXIT.failure,
  };
}

/**
 * Whether `error` says the command line is wrong (exit code {@link EXIT.usage}): a {@link CliUsageError},
 * or a bad-input error of the library a command hands its arguments to — an
 * {@link InvalidHistoryQueryError} (a malformed `--effective-at`, `--known-at`, `--date`) or an
 * {@link InvalidMpanCoreError} (an MPAN core that is not 13 digits). The one place where such
 * errors, thrown from a command's action rather than from commander's option parsers, become usage errors.
 */
export function isUsageError(error: unknown): boolean {
  return error instanceof CliUsageError || error instanceof InvalidHistoryQueryError || error instanceof InvalidMpanCoreError;
}

/** The exit code for a commander error (usage errors: {@link EXIT.usage}; `--help`, `--version`: 0). commander has printed the message. */
export function usageExitCode(error: CommanderError): number {
  return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}

function stackOf(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const parts = [error.stack ?? `${error.name}: ${error.message}`];
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    parts.push(`caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return parts.join('\n');
}
