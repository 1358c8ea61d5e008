import * as path from 'node:path';

/**
 * The service configuration, read once at boot from environment variables and validated.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `PORT` | HTTP port (1–65535) | `3000` |
 * | `REGISTRY_SQLITE_PATH` | the embedded SQLite event store file | `./data/registry.sqlite` |
 * | `REGISTRY_SQLITE_SYNCHRONOUS` | SQLite durability: `FULL` or `NORMAL` (WAL) | `NORMAL` |
 * | `REGISTRY_REFERENCE_DATA` | participants and distributors file (JSON) | `./reference-data/participants.json` |
 * | `REGISTRY_DIP_ID` | DIP id of this Registration Service (recipientID of acknowledgements) | `9000000002` |
 * | `REGISTRY_DAY_START` | `auto`: run the day-start process in-process (at boot and when the UK day turns); `off`: only on demand | `auto` |
 * | `REGISTRY_APPOINTMENT_LAPSE_DAYS` | days a provider has to answer an appointment request before it lapses (1–90) | `7` |
 * | `REGISTRY_VIEWS_SQLITE_PATH` | the SQLite file of the read models (MPAN query view, notification feed) | beside the event store: `<name>-views<ext>` |
 * | `REGISTRY_PROJECTOR` | `in-process`: this process keeps the views up to date; `off`: another process does (`apps/registration-projector`) | `in-process` |
 * | `REGISTRY_ENVIRONMENT_TAG` | `S1.environmentTag` of the publications the registry sends (DT-013: `PRD`, `SITB`, `SIT`, `UIT`, `DEV`) | `PRD` |
 * | `REGISTRY_VIEW_WAIT_MAX_MS` | longest a query may wait for the views to reach a log position (read-your-writes), ms (0–60000) | `10000` |
 */
export interface RegistryConfig {
  port: number;
  sqlitePath: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  referenceDataPath: string;
  registryDipId: string;
  dayStart: 'auto' | 'off';
  appointmentLapseDays: number;
  viewsSqlitePath: string;
  projector: 'in-process' | 'off';
  viewWaitMaxMs: number;
  environmentTag: 'PRD' | 'SITB' | 'SIT' | 'UIT' | 'DEV';
}

/** DT-013 environment tags (S1.environmentTag). */
const ENVIRONMENT_TAGS = ['PRD', 'SITB', 'SIT', 'UIT', 'DEV'] as const;

/** Injection token for the validated {@link RegistryConfig}. */
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');

/** Raised at boot with every configuration problem listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration from `env` (defaults: see {@link RegistryConfig}).
 * Relative paths are resolved against `cwd`.
 * @throws ConfigError listing every invalid variable.
 */
export function loadRegistryConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): RegistryConfig {
  const problems: string[] = [];
  const rawPort = env.PORT ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535, got ${JSON.stringify(rawPort)}`);
  }
  const sqlitePath = env.REGISTRY_SQLITE_PATH ?? './data/registry.sqlite';
  if (sqlitePath.trim() === '') problems.push('REGISTRY_SQLITE_PATH must not be empty');
  const rawSync = env.REGISTRY_SQLITE_SYNCHRONOUS ?? 'NORMAL';
  const sync = rawSync.toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') {
    problems.push(`REGISTRY_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got ${JSON.stringify(rawSync)}`);
  }
  const referenceDataPath = env.REGISTRY_REFERENCE_DATA ?? './reference-data/participants.json';
  const registryDipId = env.REGISTRY_DIP_ID ?? '9000000002';
  if (!/^\d{10}$/.test(registryDipId)) {
    problems.push(`REGISTRY_DIP_ID must be a 10-digit DIP id, got ${JSON.stringify(registryDipId)}`);
  }
  const rawDayStart = env.REGISTRY_DAY_START ?? 'auto';
  const dayStart = rawDayStart.toLowerCase();
  if (dayStart !== 'auto' && dayStart !== 'off') {
    problems.push(`REGISTRY_DAY_START must be auto or off, got ${JSON.stringify(rawDayStart)}`);
  }
  const rawLapse = env.REGISTRY_APPOINTMENT_LAPSE_DAYS ?? '7';
  const appointmentLapseDays = Number(rawLapse);
  if (!/^\d+$/.test(rawLapse) || appointmentLapseDays < 1 || appointmentLapseDays > 90) {
    problems.push(`REGISTRY_APPOINTMENT_LAPSE_DAYS must be a whole number of days from 1 to 90, got ${JSON.stringify(rawLapse)}`);
  }
  const rawViews = env.REGISTRY_VIEWS_SQLITE_PATH;
  let viewsSqlitePath = '';
  if (rawViews !== undefined) {
    if (rawViews.trim() === '' || rawViews === ':memory:') {
      problems.push(`REGISTRY_VIEWS_SQLITE_PATH must name a file, got ${JSON.stringify(rawViews)}`);
    } else viewsSqlitePath = path.resolve(cwd, rawViews);
  } else if (sqlitePath === ':memory:') {
    problems.push('REGISTRY_VIEWS_SQLITE_PATH must be set when REGISTRY_SQLITE_PATH is :memory: (the views need a file)');
  } else if (sqlitePath.trim() !== '') {
    viewsSqlitePath = defaultViewsPath(path.resolve(cwd, sqlitePath));
  }
  const rawProjector = env.REGISTRY_PROJECTOR ?? 'in-process';
  const projector = rawProjector.toLowerCase();
  if (projector !== 'in-process' && projector !== 'off') {
    problems.push(`REGISTRY_PROJECTOR must be in-process or off, got ${JSON.stringify(rawProjector)}`);
  }
  const rawWait = env.REGISTRY_VIEW_WAIT_MAX_MS ?? '10000';
  const viewWaitMaxMs = Number(rawWait);
  if (!/^\d+$/.test(rawWait) || viewWaitMaxMs > 60000) {
    problems.push(`REGISTRY_VIEW_WAIT_MAX_MS must be a whole number of milliseconds from 0 to 60000, got ${JSON.stringify(rawWait)}`);
  }
  const environmentTag = env.REGISTRY_ENVIRONMENT_TAG ?? 'PRD';
  if (!(ENVIRONMENT_TAGS as readonly string[]).includes(environmentTag)) {
    problems.push(`REGISTRY_ENVIRONMENT_TAG must be one of ${ENVIRONMENT_TAGS.join(', ')} (DT-013), got ${JSON.stringify(environmentTag)}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    sqlitePath: sqlitePath === ':memory:' ? sqlitePath : path.resolve(cwd, sqlitePath),
    sqliteSynchronous: sync as 'FULL' | 'NORMAL',
    referenceDataPath: path.resolve(cwd, referenceDataPath),
    registryDipId,
    dayStart: dayStart as 'auto' | 'off',
    appointmentLapseDays,
    viewsSqlitePath,
    projector: projector as 'in-process' | 'off',
    viewWaitMaxMs,
    environmentTag: environmentTag as RegistryConfig['environmentTag'],
  };
}

/** `data/registry.sqlite` → `data/registry-views.sqlite` (the views' default file, beside the log). */
export function defaultViewsPath(eventStorePath: string): string {
  const ext = path.extname(eventStorePath);
  return path.join(path.dirname(eventStorePath), `${path.basename(eventStorePath, ext)}-views${ext}`);
}
