import * as path from 'node:path';
import { readRequestLimits, RequestLimitsConfig } from './request-limits';

/**
 * The service configuration, read once at boot from environment variables and validated.
 *
 * A setting the views' default would ignore is refused (`REGISTRY_VIEWS_POSTGRES_URL` while the
 * views follow a SQLite event store, `REGISTRY_VIEWS_SQLITE_PATH` while they follow a PostgreSQL
 * one): set `REGISTRY_VIEWS_STORE` to say which is meant. An explicit `REGISTRY_VIEWS_STORE` wins
 * and the other dialect's setting is ignored.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `PORT` | HTTP port (1–65535) | `3000` |
 * | `REGISTRY_STORE` | the event store: `sqlite` (embedded file), `postgres` (a PostgreSQL server) or `eventstoredb` (an EventStoreDB server, 22.6 or later) | `sqlite` |
 * | `REGISTRY_POSTGRES_URL` | the PostgreSQL database of the event store (`postgres://` or `postgresql://` URL); required with `postgres` | — |
 * | `REGISTRY_EVENTSTORE_URL` | the EventStoreDB connection string (`esdb://host:2113?tls=false`, `esdb://user:password@host:2113`, `esdb+discover://cluster-dns:2113`); required with `eventstoredb` | — |
 * | `REGISTRY_SQLITE_PATH` | the embedded SQLite event store file (`sqlite` only) | `./data/registry.sqlite` |
 * | `REGISTRY_SQLITE_SYNCHRONOUS` | SQLite durability: `FULL` or `NORMAL` (WAL) | `NORMAL` |
 * | `REGISTRY_GROUP_COMMIT` | `on`: concurrent appends to the SQLite event store share one commit (ADR 0018); `off`: one commit per append call | `on` |
 * | `REGISTRY_REFERENCE_DATA` | participants and distributors file (JSON) | `./reference-data/participants.json` |
 * | `REGISTRY_DIP_ID` | DIP id of this Registration Service (recipientID of acknowledgements) | `9000000002` |
 * | `REGISTRY_DAY_START` | `auto`: run the day-start process in-process (at boot and when the UK day turns); `off`: only on demand | `auto` |
 * | `REGISTRY_APPOINTMENT_LAPSE_DAYS` | days a provider has to answer an appointment request before it lapses (1–90) | `7` |
 * | `REGISTRY_VIEWS_STORE` | where the read models (MPAN query view, notification feed) live: `sqlite` (a file) or `postgres` | the event store's: `postgres` with `REGISTRY_STORE=postgres`, else `sqlite` |
 * | `REGISTRY_VIEWS_POSTGRES_URL` | the PostgreSQL database of the read models (`postgres` views only) | `REGISTRY_POSTGRES_URL` (tables beside `events`); required when the event store is not on PostgreSQL |
 * | `REGISTRY_VIEWS_SQLITE_PATH` | the SQLite file of the read models (`sqlite` views only) | beside the event store: `<name>-views<ext>`; with another store: `./data/registry-views.sqlite` |
 * | `REGISTRY_PROJECTOR` | `in-process`: this process keeps the views up to date; `off`: another process does (`apps/registration-projector`) | `in-process` |
 * | `REGISTRY_ENVIRONMENT_TAG` | `S1.environmentTag` of the publications the registry sends (DT-013: `PRD`, `SITB`, `SIT`, `UIT`, `DEV`) | `PRD` |
 * | `REGISTRY_STATE_CACHE_SIZE` | how many MPAN streams' folded states the command loop keeps in memory (least recently used dropped first; 0 = none, every command folds the whole stream; 0–1000000) | `10000` |
 * | `REGISTRY_VIEW_WAIT_MAX_MS` | longest a query may wait for the views to reach a log position (read-your-writes), ms (0–60000) | `10000` |
 * | `REGISTRY_WEBHOOK_BATCH_SIZE` | most messages in one webhook POST (1–1000) | `100` |
 * | `REGISTRY_WEBHOOK_RETRY_BASE_MS` | wait after the first failed POST, ms (doubles after each further one; 1–3600000) | `1000` |
 * | `REGISTRY_WEBHOOK_RETRY_MAX_MS` | longest wait between attempts, ms (1–86400000, not below the base) | `300000` |
 * | `REGISTRY_WEBHOOK_PARK_AFTER` | consecutive failures after which delivery is parked (1–100) | `8` |
 * | `REGISTRY_WEBHOOK_TIMEOUT_MS` | how long one POST may take, ms (1–600000) | `10000` |
 * | `REGISTRY_WEBHOOK_POLL_MS` | how often the deliverer looks for new items, ms (1–60000) | `500` |
 * | `REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS` | `true`: webhooks may point to loopback, private, link-local and other non-public addresses (development, tests); `false`: public addresses only, checked when a webhook is set and on every delivery (docs/security.md "Webhook destinations") | `false` |
 * | `REGISTRY_DIP_KEYRING` | the DIP signing keys registered per participant (docs/security.md) | `./reference-data/participant-keys.json` |
 * | `REGISTRY_DIP_MAX_SKEW_MS` | largest accepted distance between `X-DIP-Signature-Date` and the registry's clock, ms (1000–3600000) | `300000` (5 min) |
 * | `REGISTRY_PRODUCTION` | `true`: production mode, the published sample keys are refused; `false`: they are accepted (development, tests, demo) | `false` |
 * | `REGISTRY_PUBLIC_ORIGIN` | the origin DIP-style clients address (`https://registry.example.org`): a signature over the absolute URL on that origin is accepted too | — (path and query only) |
 * | `REGISTRY_READY_MAX_LAG_EVENTS` | readiness (`GET /health/ready`): most events a projection may be behind the log head (0–100000) | `10000` |
 * | `REGISTRY_READY_MAX_LAG_SECONDS` | readiness: largest age, in seconds, of the oldest event a projection has not applied (0–86400) | `60` |
 * | `REGISTRY_HEALTH_TIMEOUT_MS` | readiness: how long each check (event store, projections) may take before it counts as down, ms (100–60000) | `3000` |
 *
 * The request limits (`REGISTRY_BODY_LIMIT_BYTES`, `REGISTRY_MAX_MESSAGES_PER_SUBMISSION`,
 * `REGISTRY_RATE_LIMIT`, `REGISTRY_RATE_LIMIT_WINDOW_MS`) are listed with {@link RequestLimitsConfig}.
 */
export interface RegistryConfig {
  port: number;
  /** Which event store: the embedded SQLite file or a PostgreSQL server. */
  store: 'sqlite' | 'postgres' | 'eventstoredb';
  /** The PostgreSQL connection URL (may hold a password: show it with {@link redactUrlPassword}); `''` with `sqlite`. */
  postgresUrl: string;
  /** The EventStoreDB connection string (may hold a password: show it with {@link redactConnectionStringPassword}); `''` unless `eventstoredb`. */
  eventstoreUrl: string;
  /** The SQLite event store file (used with `store: 'sqlite'`). */
  sqlitePath: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Group commit of the SQLite event store (ADR 0018): `true` unless `REGISTRY_GROUP_COMMIT=off`. */
  groupCommit: boolean;
  referenceDataPath: string;
  registryDipId: string;
  dayStart: 'auto' | 'off';
  appointmentLapseDays: number;
  /** Where the read models live: a SQLite file ({@link viewsSqlitePath}) or PostgreSQL ({@link viewsPostgresUrl}). */
  viewsStore: 'sqlite' | 'postgres';
  /** The views' PostgreSQL URL (may hold a password: show it with {@link redactUrlPassword}); `''` with `sqlite` views. */
  viewsPostgresUrl: string;
  /** The views' SQLite file; `''` with `postgres` views. */
  viewsSqlitePath: string;
  projector: 'in-process' | 'off';
  viewWaitMaxMs: number;
  /** MPAN streams whose folded state the command loop keeps (`FoldedStreamCache`); 0 = none. */
  stateCacheSize: number;
  environmentTag: 'PRD' | 'SITB' | 'SIT' | 'UIT' | 'DEV';
  /** Push delivery of the notification feed (docs/feed.md "Push"). */
  webhook: WebhookDeliveryConfig;
  /** Authentication of requests by DIP signature (issue #8; docs/security.md). */
  auth: DipAuthConfig;
  /** Bounds of the readiness probe (`REGISTRY_READY_*`, `REGISTRY_HEALTH_TIMEOUT_MS`; docs/operations.md). */
  health: HealthConfig;
  /** Body size, messages per submission and per-participant rate limits (docs/security.md "Limits on input"). */
  limits: RequestLimitsConfig;
}

/**
 * How requests are authenticated (`REGISTRY_DIP_KEYRING`, `REGISTRY_DIP_MAX_SKEW_MS`,
 * `REGISTRY_PRODUCTION`, `REGISTRY_PUBLIC_ORIGIN`; docs/security.md, docs/adr/0008).
 */
export interface DipAuthConfig {
  /** Absolute path of the keyring file (keys registered per participant). */
  keyringPath: string;
  /**
   * Largest accepted |X-DIP-Signature-Date − now|, in milliseconds. Default 5 minutes: wide enough
   * for NTP-synchronised clocks and a slow network, narrow enough that a captured request cannot be
   * replayed later than that (and a replay within it is answered by message idempotency, ADR 0004).
   */
  maxSkewMs: number;
  /** Production mode: the published sample keys are refused (`SAMPLE_KEY_REFUSED`), and the keyring must hold a key that is not one. */
  production: boolean;
  /**
   * The public origin (`https://host[:port]`, no path) whose absolute URLs DIP-style clients sign;
   * `null`: only signatures over the path and query are accepted.
   */
  publicOrigin: string | null;
}

/** Default of {@link DipAuthConfig.maxSkewMs}: 5 minutes. */
export const DEFAULT_DIP_MAX_SKEW_MS = 300_000;

/**
 * Bounds of the readiness probe `GET /health/ready` (docs/operations.md): the instance is ready
 * while every projection is at most {@link readyMaxLagEvents} events AND at most
 * {@link readyMaxLagSeconds} seconds behind the log, and each check answers within {@link timeoutMs}.
 */
export interface HealthConfig {
  /** Most events a projection may be behind the log head (events after its checkpoint). */
  readyMaxLagEvents: number;
  /** Largest age, in seconds, of the oldest event a projection has not applied yet (its recorded-at instant to now). */
  readyMaxLagSeconds: number;
  /** How long one check may take before it counts as down, ms. */
  timeoutMs: number;
}

/** Defaults of {@link HealthConfig}: 10,000 events, 60 s, checks time out after 3 s. */
export const DEFAULT_HEALTH: Readonly<HealthConfig> = {
  readyMaxLagEvents: 10_000,
  readyMaxLagSeconds: 60,
  timeoutMs: 3000,
};

/** The variable and the accepted range of each health setting. */
const HEALTH_VARIABLES: Record<keyof HealthConfig, { variable: string; min: number; max: number; unit: string }> = {
  readyMaxLagEvents: { variable: 'REGISTRY_READY_MAX_LAG_EVENTS', min: 0, max: 100_000, unit: 'events' },
  readyMaxLagSeconds: { variable: 'REGISTRY_READY_MAX_LAG_SECONDS', min: 0, max: 86_400, unit: 'seconds' },
  timeoutMs: { variable: 'REGISTRY_HEALTH_TIMEOUT_MS', min: 100, max: 60_000, unit: 'ms' },
};

/** Timings and limits of the feed's webhook delivery (`REGISTRY_WEBHOOK_*`; docs/feed.md "Push"). */
export interface WebhookDeliveryConfig {
  /** Most messages in one POST. */
  batchSize: number;
  /** Wait after the first failure, ms; doubles after each further one. */
  retryBaseMs: number;
  /** Longest wait between attempts, ms. */
  retryMaxMs: number;
  /** Consecutive failures after which delivery is parked until a replay. */
  parkAfter: number;
  /** How long one POST may take, ms. */
  timeoutMs: number;
  /** How often the deliverer looks for new items, ms. */
  pollMs: number;
  /**
   * `REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS`: `false` (the default) refuses webhook destinations
   * that are not public unicast addresses (issue #8; docs/security.md "Webhook destinations").
   */
  allowPrivateNetworks: boolean;
}

/** Defaults of {@link WebhookDeliveryConfig}: 100 messages a POST, retries 1 s doubling to 5 min, parked after 8 failures. */
export const DEFAULT_WEBHOOK_DELIVERY: Readonly<WebhookDeliveryConfig> = {
  batchSize: 100,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  parkAfter: 8,
  timeoutMs: 10_000,
  pollMs: 500,
  allowPrivateNetworks: false,
};

/** The variable and the accepted range of each webhook setting. */
const WEBHOOK_VARIABLES: Record<Exclude<keyof WebhookDeliveryConfig, 'allowPrivateNetworks'>, { variable: string; min: number; max: number; unit: string }> = {
  batchSize: { variable: 'REGISTRY_WEBHOOK_BATCH_SIZE', min: 1, max: 1000, unit: 'messages' },
  retryBaseMs: { variable: 'REGISTRY_WEBHOOK_RETRY_BASE_MS', min: 1, max: 3_600_000, unit: 'ms' },
  retryMaxMs: { variable: 'REGISTRY_WEBHOOK_RETRY_MAX_MS', min: 1, max: 86_400_000, unit: 'ms' },
  parkAfter: { variable: 'REGISTRY_WEBHOOK_PARK_AFTER', min: 1, max: 100, unit: 'failures' },
  timeoutMs: { variable: 'REGISTRY_WEBHOOK_TIMEOUT_MS', min: 1, max: 600_000, unit: 'ms' },
  pollMs: { variable: 'REGISTRY_WEBHOOK_POLL_MS', min: 1, max: 60_000, unit: 'ms' },
};

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
  const rawStore = env.REGISTRY_STORE ?? 'sqlite';
  const store = rawStore.toLowerCase();
  if (store !== 'sqlite' && store !== 'postgres' && store !== 'eventstoredb') {
    problems.push(`REGISTRY_STORE must be sqlite, postgres or eventstoredb, got ${JSON.stringify(rawStore)}`);
  }
  let postgresUrl = '';
  if (store === 'postgres') {
    const rawUrl = env.REGISTRY_POSTGRES_URL;
    if (rawUrl === undefined || rawUrl.trim() === '') {
      problems.push('REGISTRY_POSTGRES_URL must be set when REGISTRY_STORE is postgres (postgres://user:password@host:5432/database)');
    } else if (!isPostgresUrl(rawUrl)) {
      problems.push(`REGISTRY_POSTGRES_URL must be a postgres:// or postgresql:// URL naming a host, got ${JSON.stringify(redactUrlPassword(rawUrl))}`);
    } else postgresUrl = rawUrl;
  }
  let eventstoreUrl = '';
  if (store === 'eventstoredb') {
    const rawUrl = env.REGISTRY_EVENTSTORE_URL;
    if (rawUrl === undefined || rawUrl.trim() === '') {
      problems.push('REGISTRY_EVENTSTORE_URL must be set when REGISTRY_STORE is eventstoredb (esdb://host:2113?tls=false)');
    } else if (!/^esdb(\+discover)?:\/\/[^/?#\s]+/i.test(rawUrl)) {
      problems.push(`REGISTRY_EVENTSTORE_URL must be an esdb:// or esdb+discover:// connection string naming a host, got ${JSON.stringify(redactConnectionStringPassword(rawUrl))}`);
    } else eventstoreUrl = rawUrl;
  }
  const sqlitePath = env.REGISTRY_SQLITE_PATH ?? './data/registry.sqlite';
  if (sqlitePath.trim() === '') problems.push('REGISTRY_SQLITE_PATH must not be empty');
  const rawSync = env.REGISTRY_SQLITE_SYNCHRONOUS ?? 'NORMAL';
  const sync = rawSync.toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') {
    problems.push(`REGISTRY_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got ${JSON.stringify(rawSync)}`);
  }
  const rawGroupCommit = env.REGISTRY_GROUP_COMMIT ?? 'on';
  const groupCommit = rawGroupCommit.toLowerCase();
  if (groupCommit !== 'on' && groupCommit !== 'off') {
    problems.push(`REGISTRY_GROUP_COMMIT must be on or off, got ${JSON.stringify(rawGroupCommit)}`);
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
  const views = readViewsStore(env, store, postgresUrl, problems);
  const rawViews = env.REGISTRY_VIEWS_SQLITE_PATH;
  let viewsSqlitePath = '';
  if (views.store === 'postgres') {
    // The views are tables on the server: no file (a REGISTRY_VIEWS_SQLITE_PATH was checked above).
  } else if (rawViews !== undefined) {
    if (rawViews.trim() === '' || rawViews === ':memory:') {
      problems.push(`REGISTRY_VIEWS_SQLITE_PATH must name a file, got ${JSON.stringify(rawViews)}`);
    } else viewsSqlitePath = path.resolve(cwd, rawViews);
  } else if (store !== 'sqlite') {
    // The log is on a server but the views are asked to stay in SQLite: a file of their own.
    viewsSqlitePath = path.resolve(cwd, './data/registry-views.sqlite');
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
  const rawCacheSize = env.REGISTRY_STATE_CACHE_SIZE ?? '10000';
  const stateCacheSize = Number(rawCacheSize);
  if (!/^\d+$/.test(rawCacheSize) || stateCacheSize > 1_000_000) {
    problems.push(`REGISTRY_STATE_CACHE_SIZE must be a whole number of MPAN streams from 0 to 1000000, got ${JSON.stringify(rawCacheSize)}`);
  }
  const environmentTag = env.REGISTRY_ENVIRONMENT_TAG ?? 'PRD';
  if (!(ENVIRONMENT_TAGS as readonly string[]).includes(environmentTag)) {
    problems.push(`REGISTRY_ENVIRONMENT_TAG must be one of ${ENVIRONMENT_TAGS.join(', ')} (DT-013), got ${JSON.stringify(environmentTag)}`);
  }
  const webhook = readWebhookDelivery(env, problems);
  const auth = readDipAuth(env, cwd, problems);
  const health = readBoundedSettings(env, HEALTH_VARIABLES, DEFAULT_HEALTH, problems);
  const limits = readRequestLimits(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    store: store as RegistryConfig['store'],
    postgresUrl,
    eventstoreUrl,
    sqlitePath: sqlitePath === ':memory:' ? sqlitePath : path.resolve(cwd, sqlitePath),
    sqliteSynchronous: sync as 'FULL' | 'NORMAL',
    groupCommit: groupCommit === 'on',
    referenceDataPath: path.resolve(cwd, referenceDataPath),
    registryDipId,
    dayStart: dayStart as 'auto' | 'off',
    appointmentLapseDays,
    viewsStore: views.store,
    viewsPostgresUrl: views.postgresUrl,
    viewsSqlitePath,
    projector: projector as 'in-process' | 'off',
    viewWaitMaxMs,
    stateCacheSize,
    environmentTag: environmentTag as RegistryConfig['environmentTag'],
    webhook,
    auth,
    health,
    limits,
  };
}

/** The `REGISTRY_DIP_*`, `REGISTRY_PRODUCTION` and `REGISTRY_PUBLIC_ORIGIN` settings; each invalid one is added to `problems`. */
function readDipAuth(env: NodeJS.ProcessEnv, cwd: string, problems: string[]): DipAuthConfig {
  const keyring = env.REGISTRY_DIP_KEYRING ?? './reference-data/participant-keys.json';
  if (keyring.trim() === '') problems.push('REGISTRY_DIP_KEYRING must name the keyring file (JSON; docs/security.md)');
  const rawSkew = env.REGISTRY_DIP_MAX_SKEW_MS ?? String(DEFAULT_DIP_MAX_SKEW_MS);
  const maxSkewMs = Number(rawSkew);
  if (!/^\d+$/.test(rawSkew) || maxSkewMs < 1000 || maxSkewMs > 3_600_000) {
    problems.push(`REGISTRY_DIP_MAX_SKEW_MS must be a whole number of milliseconds from 1000 to 3600000, got ${JSON.stringify(rawSkew)}`);
  }
  const rawProduction = env.REGISTRY_PRODUCTION ?? 'false';
  const production = rawProduction.toLowerCase();
  if (production !== 'true' && production !== 'false') {
    problems.push(`REGISTRY_PRODUCTION must be true or false, got ${JSON.stringify(rawProduction)}`);
  }
  let publicOrigin: string | null = null;
  const rawOrigin = env.REGISTRY_PUBLIC_ORIGIN;
  if (rawOrigin !== undefined && rawOrigin.trim() !== '') {
    let parsed: URL | null = null;
    try {
      parsed = new URL(rawOrigin);
    } catch {
      parsed = null;
    }
    if (parsed === null || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== rawOrigin.replace(/\/$/, '').toLowerCase() || parsed.username !== '' || parsed.password !== '') {
      problems.push(`REGISTRY_PUBLIC_ORIGIN must be an origin such as https://registry.example.org (scheme, host, optional port; no path, query or credentials), got ${JSON.stringify(rawOrigin)}`);
    } else publicOrigin = parsed.origin;
  }
  return { keyringPath: path.resolve(cwd, keyring), maxSkewMs, production: production === 'true', publicOrigin };
}

/**
 * Where the views live (`REGISTRY_VIEWS_STORE`, default: PostgreSQL when the event store is, else
 * SQLite) and their PostgreSQL URL (`REGISTRY_VIEWS_POSTGRES_URL`, default the event store's). Each
 * problem is added to `problems`, URLs shown without their password.
 */
function readViewsStore(
  env: NodeJS.ProcessEnv,
  store: string,
  postgresUrl: string,
  problems: string[],
): { store: 'sqlite' | 'postgres'; postgresUrl: string } {
  const raw = env.REGISTRY_VIEWS_STORE;
  const explicit = raw !== undefined;
  let viewsStore: 'sqlite' | 'postgres' = store === 'postgres' ? 'postgres' : 'sqlite';
  if (explicit) {
    const value = raw.toLowerCase();
    if (value === 'sqlite' || value === 'postgres') viewsStore = value;
    else problems.push(`REGISTRY_VIEWS_STORE must be sqlite or postgres, got ${JSON.stringify(raw)}`);
  }
  const rawUrl = env.REGISTRY_VIEWS_POSTGRES_URL;
  const urlGiven = rawUrl !== undefined && rawUrl.trim() !== '';
  if (viewsStore === 'sqlite') {
    if (urlGiven && !explicit) {
      problems.push(
        `REGISTRY_VIEWS_POSTGRES_URL is set but the views are in SQLite (they follow REGISTRY_STORE=${store}): set REGISTRY_VIEWS_STORE=postgres to use it, or unset it`,
      );
    }
    return { store: 'sqlite', postgresUrl: '' };
  }
  if (env.REGISTRY_VIEWS_SQLITE_PATH !== undefined && !explicit) {
    problems.push(
      'REGISTRY_VIEWS_SQLITE_PATH is set but the views are on PostgreSQL (they follow REGISTRY_STORE=postgres): set REGISTRY_VIEWS_STORE=sqlite to keep them in that file, or unset it',
    );
  }
  if (urlGiven) {
    if (isPostgresUrl(rawUrl)) return { store: 'postgres', postgresUrl: rawUrl };
    problems.push(`REGISTRY_VIEWS_POSTGRES_URL must be a postgres:// or postgresql:// URL naming a host, got ${JSON.stringify(redactUrlPassword(rawUrl))}`);
  } else if (store !== 'postgres') {
    problems.push(`REGISTRY_VIEWS_POSTGRES_URL must be set when REGISTRY_VIEWS_STORE is postgres and the event store is not (REGISTRY_STORE=${store})`);
  }
  // With the event store on PostgreSQL, the views are tables in the same database ('' if its URL was refused).
  return { store: 'postgres', postgresUrl: urlGiven ? '' : postgresUrl };
}

/** The `REGISTRY_WEBHOOK_*` settings (defaults when unset); each invalid one is added to `problems`. */
function readWebhookDelivery(env: NodeJS.ProcessEnv, problems: string[]): WebhookDeliveryConfig {
  const webhook = { ...DEFAULT_WEBHOOK_DELIVERY };
  const invalid = new Set<keyof typeof WEBHOOK_VARIABLES>();
  for (const key of Object.keys(WEBHOOK_VARIABLES) as Array<keyof typeof WEBHOOK_VARIABLES>) {
    const { variable, min, max, unit } = WEBHOOK_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${variable} must be a whole number of ${unit} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      invalid.add(key);
    } else webhook[key] = value;
  }
  if (!invalid.has('retryBaseMs') && !invalid.has('retryMaxMs') && webhook.retryMaxMs < webhook.retryBaseMs) {
    problems.push(`REGISTRY_WEBHOOK_RETRY_MAX_MS (${webhook.retryMaxMs}) must not be below REGISTRY_WEBHOOK_RETRY_BASE_MS (${webhook.retryBaseMs})`);
  }
  const rawAllow = env.REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? 'false';
  const allow = rawAllow.toLowerCase();
  if (allow !== 'true' && allow !== 'false') {
    problems.push(`REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false, got ${JSON.stringify(rawAllow)}`);
  }
  webhook.allowPrivateNetworks = allow === 'true';
  return webhook;
}

/** Whole-number settings of `variables` read from `env` over `defaults`; each invalid one is added to `problems`. */
function readBoundedSettings<T extends object>(
  env: NodeJS.ProcessEnv,
  variables: Record<keyof T, { variable: string; min: number; max: number; unit: string }>,
  defaults: Readonly<T>,
  problems: string[],
): T {
  const settings = { ...defaults } as Record<keyof T, number>;
  for (const key of Object.keys(variables) as Array<keyof T>) {
    const { variable, min, max, unit } = variables[key];
    const raw = env[variable];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${variable} must be a whole number of ${unit} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    } else settings[key] = value;
  }
  return settings as T;
}

/** `data/registry.sqlite` → `data/registry-views.sqlite` (the views' default file, beside the log). */
export function defaultViewsPath(eventStorePath: string): string {
  const ext = path.extname(eventStorePath);
  return path.join(path.dirname(eventStorePath), `${path.basename(eventStorePath, ext)}-views${ext}`);
}

/** Whether `url` parses as a `postgres://` or `postgresql://` URL with a host. */
function isPostgresUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * `url` with its password replaced by `***`, for messages and logs (never print a connection URL
 * otherwise). A string that does not parse as a URL is not shown at all.
 */
export function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** The view database of `config` for messages: `SQLite <file>` or `PostgreSQL <URL without password>`. */
export function describeViewStore(config: Pick<RegistryConfig, 'viewsStore' | 'viewsSqlitePath' | 'viewsPostgresUrl'>): string {
  return config.viewsStore === 'postgres' ? `PostgreSQL ${redactUrlPassword(config.viewsPostgresUrl)}` : `SQLite ${config.viewsSqlitePath}`;
}

/**
 * `connectionString` with the password of its `user:password@` part replaced by `***`. Unlike
 * {@link redactUrlPassword} it does not need a parseable URL (an EventStoreDB cluster string lists
 * several `host:port`s).
 */
export function redactConnectionStringPassword(connectionString: string): string {
  return connectionString.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** The event store of `config` for messages: `SQLite <file>`, `PostgreSQL <URL>` or `EventStoreDB <connection string>`, never with a password. */
export function describeEventStore(config: Pick<RegistryConfig, 'store' | 'sqlitePath' | 'postgresUrl' | 'eventstoreUrl'>): string {
  if (config.store === 'postgres') return `PostgreSQL ${redactUrlPassword(config.postgresUrl)}`;
  if (config.store === 'eventstoredb') return `EventStoreDB ${redactConnectionStringPassword(config.eventstoreUrl)}`;
  return `SQLite ${config.sqlitePath}`;
}
