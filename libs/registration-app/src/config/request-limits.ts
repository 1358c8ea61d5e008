/**
 * Limits on what one client may send (issue #8, "Limits"; docs/security.md "Limits on input"),
 * read from `REGISTRY_*` environment variables by {@link loadRegistryConfig}.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `REGISTRY_BODY_LIMIT_BYTES` | largest request body, in bytes (1024–104857600); a larger one is answered 413 before it is parsed | `10485760` (10 MiB) |
 * | `REGISTRY_MAX_MESSAGES_PER_SUBMISSION` | most DIP messages in one `POST /dip-channel/{channelId}` (1–10000); more is answered 413 before any is processed | `1000` |
 * | `REGISTRY_RATE_LIMIT` | requests one participant may make per window (1–1000000); past it, 429 with `Retry-After` | `6000` |
 * | `REGISTRY_RATE_LIMIT_WINDOW_MS` | the rate-limit window, ms (1000–3600000) | `60000` |
 */
export interface RequestLimitsConfig {
  /** Largest request body in bytes (after any `Content-Encoding` is undone: body-parser counts the decoded entity). */
  bodyLimitBytes: number;
  /** Most messages in one DIP submission. */
  maxMessagesPerSubmission: number;
  /** Requests one participant (the authenticated DIP id; the client IP when none) may make per {@link rateLimitWindowMs}. */
  rateLimit: number;
  /** The rate-limit window, ms (a fixed window per participant, as `@nestjs/throttler` counts). */
  rateLimitWindowMs: number;
}

/**
 * Defaults of {@link RequestLimitsConfig}: 10 MiB bodies (a full submission of 1000 messages of
 * ~2 KB each with room to spare), 1000 messages a submission (the size the DIP's own examples
 * batch to), 6000 requests a minute per participant (100 a second on average, i.e. up to 100,000
 * messages a second in full submissions: far above any participant's legitimate traffic, low
 * enough that one runaway client cannot monopolise the service).
 */
export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimitsConfig> = {
  bodyLimitBytes: 10 * 1024 * 1024,
  maxMessagesPerSubmission: 1000,
  rateLimit: 6000,
  rateLimitWindowMs: 60_000,
};

/** The variable and the accepted range of each limit. */
const LIMIT_VARIABLES: Record<keyof RequestLimitsConfig, { variable: string; min: number; max: number; unit: string }> = {
  bodyLimitBytes: { variable: 'REGISTRY_BODY_LIMIT_BYTES', min: 1024, max: 100 * 1024 * 1024, unit: 'bytes' },
  maxMessagesPerSubmission: { variable: 'REGISTRY_MAX_MESSAGES_PER_SUBMISSION', min: 1, max: 10_000, unit: 'messages' },
  rateLimit: { variable: 'REGISTRY_RATE_LIMIT', min: 1, max: 1_000_000, unit: 'requests' },
  rateLimitWindowMs: { variable: 'REGISTRY_RATE_LIMIT_WINDOW_MS', min: 1000, max: 3_600_000, unit: 'ms' },
};

/**
 * Reads the request limits from `env` (defaults: {@link DEFAULT_REQUEST_LIMITS}). Each invalid
 * variable is added to `problems` (the caller raises them together) and its default kept.
 */
export function readRequestLimits(env: NodeJS.ProcessEnv, problems: string[]): RequestLimitsConfig {
  const limits = { ...DEFAULT_REQUEST_LIMITS };
  for (const key of Object.keys(LIMIT_VARIABLES) as Array<keyof RequestLimitsConfig>) {
    const { variable, min, max, unit } = LIMIT_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${variable} must be a whole number of ${unit} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    } else limits[key] = value;
  }
  return limits;
}
