import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, loadRegistryConfig, RegistryConfig } from './registry-config';

/**
 * The whole configuration of a registry process, checked once at boot (issue #10 item 5): the
 * {@link RegistryConfig} of {@link loadRegistryConfig} (stores, reference data, feed, …) plus the
 * {@link OperationsConfig} of this file (log level, shutdown grace period), read from environment
 * variables and, optionally, from a file named by `REGISTRY_CONFIG_FILE`.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `REGISTRY_CONFIG_FILE` | a file of settings: JSON (`{"REGISTRY_STORE": "postgres", "PORT": 8080}`) or `.env` lines (`REGISTRY_STORE=postgres`); an environment variable overrides the file's value | — (none) |
 * | `REGISTRY_LOG_LEVEL` | the lowest level logged: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent` | `info` |
 * | `REGISTRY_SHUTDOWN_TIMEOUT_MS` | how long a clean shutdown (SIGTERM/SIGINT) may take before the process gives up and exits 1, ms (1000–600000) | `30000` |
 */
export interface ServiceConfiguration {
  registry: RegistryConfig;
  operations: OperationsConfig;
  /**
   * Settings given but never read by this configuration (a misspelt name, or a setting another
   * choice makes irrelevant, e.g. `REGISTRY_POSTGRES_URL` with `REGISTRY_STORE=sqlite`): one
   * sentence each, for a warning at boot.
   */
  warnings: string[];
}

/** pino's levels, lowest-volume first (`silent`: nothing). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The operational settings of a process (not of the registry's data): logs and shutdown. */
export interface OperationsConfig {
  /** `REGISTRY_LOG_LEVEL`. */
  logLevel: LogLevel;
  /** `REGISTRY_SHUTDOWN_TIMEOUT_MS`: the grace period of a clean shutdown, ms. */
  shutdownTimeoutMs: number;
  /** The absolute path of `REGISTRY_CONFIG_FILE`, or `null` without one. */
  configFile: string | null;
}

/** Name of the variable pointing at the optional settings file. */
export const CONFIG_FILE_VARIABLE = 'REGISTRY_CONFIG_FILE';

/** Defaults of {@link OperationsConfig}. */
export const DEFAULT_OPERATIONS: Readonly<Omit<OperationsConfig, 'configFile'>> = { logLevel: 'info', shutdownTimeoutMs: 30_000 };

/** Variables of the environment that belong to the test harness, never to a registry process. */
const NOT_REGISTRY_SETTINGS = /^REGISTRY_(E2E|TEST)_/;

/**
 * Reads the `REGISTRY_LOG_LEVEL` and `REGISTRY_SHUTDOWN_TIMEOUT_MS` settings from `env`; each invalid
 * one is added to `problems` (naming the variable, the value and what is expected).
 */
export function readOperationsConfig(env: NodeJS.ProcessEnv, problems: string[]): Omit<OperationsConfig, 'configFile'> {
  const rawLevel = env.REGISTRY_LOG_LEVEL ?? DEFAULT_OPERATIONS.logLevel;
  const logLevel = rawLevel.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`REGISTRY_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(rawLevel)}`);
  }
  const rawTimeout = env.REGISTRY_SHUTDOWN_TIMEOUT_MS ?? String(DEFAULT_OPERATIONS.shutdownTimeoutMs);
  const shutdownTimeoutMs = Number(rawTimeout);
  if (!/^\d+$/.test(rawTimeout) || shutdownTimeoutMs < 1000 || shutdownTimeoutMs > 600_000) {
    problems.push(`REGISTRY_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 600000, got ${JSON.stringify(rawTimeout)}`);
  }
  return { logLevel: logLevel as LogLevel, shutdownTimeoutMs };
}

/**
 * The settings of a configuration file: JSON (an object whose values are strings, numbers or
 * booleans, under the environment variables' names) when the name ends in `.json`, else `.env`
 * lines (`NAME=value`, `#` comments, quotes; Node's `util.parseEnv`).
 * @throws ConfigError naming `REGISTRY_CONFIG_FILE` and the file when it is missing, unreadable,
 *   not valid JSON, not an object of scalar values, or names something that is not a registry
 *   setting (`PORT` or `REGISTRY_*`).
 */
export function readConfigFile(file: string): Record<string, string> {
  const where = `${CONFIG_FILE_VARIABLE} ${JSON.stringify(file)}`;
  if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigError([`${where}: no such file (it must name a JSON or .env file of settings)`]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`${where}: cannot be read: ${(error as Error).message}`]);
  }
  let values: Record<string, string>;
  if (file.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ConfigError([`${where}: not valid JSON (${(error as Error).message})`]);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError([`${where}: must be a JSON object of settings ({"REGISTRY_STORE": "sqlite", …})`]);
    }
    const problems: string[] = [];
    values = {};
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
      else problems.push(`${where}: ${name} must be a string, number or boolean, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
    }
    if (problems.length > 0) throw new ConfigError(problems);
  } else {
    values = parseEnv(text) as Record<string, string>;
  }
  const foreign = Object.keys(values).filter((name) => name !== 'PORT' && !name.startsWith('REGISTRY_'));
  if (foreign.length > 0) {
    throw new ConfigError(foreign.map((name) => `${where}: ${name} is not a registry setting (PORT or REGISTRY_*)`));
  }
  if (CONFIG_FILE_VARIABLE in values) throw new ConfigError([`${where}: a configuration file cannot name another one (${CONFIG_FILE_VARIABLE})`]);
  return values;
}

/**
 * The environment a registry reads: the settings of the file named by `REGISTRY_CONFIG_FILE` (if
 * any; a relative path is resolved against `cwd`) under the variables of `env`, which win.
 * `fromFile` names the settings whose value came from the file.
 * @throws ConfigError when the file cannot be used ({@link readConfigFile}).
 */
export function environmentWithConfigFile(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): { env: NodeJS.ProcessEnv; configFile: string | null; fromFile: Set<string> } {
  const named = env[CONFIG_FILE_VARIABLE];
  if (named === undefined || named.trim() === '') return { env, configFile: null, fromFile: new Set() };
  const configFile = path.resolve(cwd, named);
  const values = readConfigFile(configFile);
  const fromFile = new Set(Object.keys(values).filter((name) => env[name] === undefined));
  return { env: { ...values, ...env }, configFile, fromFile };
}

/**
 * Loads and validates the whole configuration of a registry process (see {@link ServiceConfiguration}):
 * the optional file, then {@link loadRegistryConfig} and {@link readOperationsConfig} on the
 * merged environment. Every problem of both is reported at once; a problem about a setting that
 * came from the file says so. Values are shown as the loaders show them (connection URLs without
 * their password).
 * @throws ConfigError listing every invalid setting.
 */
export function loadServiceConfiguration(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServiceConfiguration {
  const merged = environmentWithConfigFile(env, cwd);
  const read = new Set<string>([CONFIG_FILE_VARIABLE]);
  // Records which variables the loaders read, to warn about the ones given but never read.
  const recording = new Proxy(merged.env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  const problems: string[] = [];
  let registry: RegistryConfig | undefined;
  try {
    registry = loadRegistryConfig(recording, cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const operations = readOperationsConfig(recording, problems);
  if (problems.length > 0 || registry === undefined) {
    throw new ConfigError(problems.map((problem) => annotateSource(problem, merged.fromFile, merged.configFile)));
  }
  const warnings = Object.keys(merged.env)
    .filter((name) => (name === 'PORT' || name.startsWith('REGISTRY_')) && !NOT_REGISTRY_SETTINGS.test(name) && !read.has(name))
    .sort()
    .map((name) => `${name} is set${merged.fromFile.has(name) ? ` (in ${merged.configFile})` : ''} but not used by this configuration: misspelt, or not needed with these settings`);
  return { registry, operations: { ...operations, configFile: merged.configFile }, warnings };
}

/** `problem` with ` (set in <file>)` after its leading variable name when that variable's value came from the file. */
function annotateSource(problem: string, fromFile: Set<string>, configFile: string | null): string {
  const name = /^([A-Z][A-Z0-9_]*)\b/.exec(problem)?.[1];
  return name !== undefined && fromFile.has(name) ? problem.replace(name, `${name} (set in ${configFile})`) : problem;
}
