import { CommanderError } from 'commander';
import { BootError, ConfigError, InvalidMpanCoreError } from '@app/registration-app';
import { InvalidHistoryQueryError } from '@app/registration-app/history';
import { CliError } from './cli-context';
import { debugRequested, EXIT, reportFailure, usageExitCode } from './cli-errors';
import { CliUsageError, USAGE_HINT } from './usage-errors';

describe('registry failure reports', () => {
  it('our errors: their message on one line, exit code 1, no hint', () => {
    expect(reportFailure(new CliError('no registry at /x'), false)).toEqual({ line: 'registry: no registry at /x', hint: null, details: null, exitCode: EXIT.failure });
    expect(reportFailure(new BootError('cannot open the event store (SQLite /x): locked'), false).line).toBe('registry: cannot open the event store (SQLite /x): locked');
    expect(reportFailure(new ConfigError(['PORT must be …', 'REGISTRY_STORE must be …']), false).line).toBe('registry: invalid configuration: PORT must be …; REGISTRY_STORE must be …');
    expect(reportFailure(new CliError('differ:\n  a\n  b'), false).line).toBe('registry: differ: a b');
  });

  it('an unexpected error: one line pointing at --debug; with debug, the stack and its causes', () => {
    const error = new TypeError('x is undefined', { cause: new Error('root cause') });
    expect(reportFailure(error, false)).toEqual({ line: 'registry: x is undefined (run again with --debug for the stack trace)', hint: null, details: null, exitCode: 1 });
    const debug = reportFailure(error, true);
    expect(debug.line).toBe('registry: x is undefined');
    expect(debug.details).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(debug.details).toMatch(/\ncaused by: Error: root cause\n\s+at /);
    expect(reportFailure('a string', true)).toEqual({ line: 'registry: a string', hint: null, details: null, exitCode: 1 });
  });

  it('a bad value found by a command (CliUsageError, an invalid history query, an invalid MPAN core): exit code 2, the usage hint, no --debug hint', () => {
    const cases = [
      new CliUsageError('give --from-revision or --from-position, not both'),
      new InvalidHistoryQueryError('--known-at must be an ISO 8601 instant'),
      new InvalidMpanCoreError({ code: 'MpanCoreFormat', message: 'MPAN core "123" must be exactly 13 digits' } as InvalidMpanCoreError['reason']),
    ];
    for (const error of cases) {
      expect(reportFailure(error, false)).toEqual({ line: `registry: ${error.message}`, hint: USAGE_HINT, details: null, exitCode: EXIT.usage });
    }
  });

  it('debug is --debug anywhere, or REGISTRY_LOG_LEVEL debug or trace', () => {
    expect(debugRequested(['node', 'registry', 'load', 'f', '--debug'], {})).toBe(true);
    expect(debugRequested(['node', 'registry', 'load'], { REGISTRY_LOG_LEVEL: 'DEBUG' })).toBe(true);
    expect(debugRequested(['node', 'registry', 'load'], { REGISTRY_LOG_LEVEL: 'trace' })).toBe(true);
    expect(debugRequested(['node', 'registry', 'load'], { REGISTRY_LOG_LEVEL: 'info' })).toBe(false);
  });

  it('usage errors exit 2; help and version 0', () => {
    expect(usageExitCode(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toBe(2);
    expect(usageExitCode(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
  });
});
