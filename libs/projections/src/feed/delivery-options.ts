/**
 * Timings and limits of webhook delivery (docs/feed.md "Push"), read once at boot from the
 * environment and validated.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `REGISTRY_WEBHOOK_BATCH_SIZE` | most messages in one POST (1–1000) | `100` |
 * | `REGISTRY_WEBHOOK_RETRY_BASE_MS` | wait after the first failure, ms (doubles after each further one) | `1000` |
 * | `REGISTRY_WEBHOOK_RETRY_MAX_MS` | longest wait between attempts, ms | `300000` (5 min) |
 * | `REGISTRY_WEBHOOK_PARK_AFTER` | consecutive failures after which delivery is parked (1–100) | `8` |
 * | `REGISTRY_WEBHOOK_TIMEOUT_MS` | how long one POST may take, ms | `10000` |
 * | `REGISTRY_WEBHOOK_POLL_MS` | how often the deliverer looks for new items, ms | `500` |
 */
export interface WebhookDeliveryOptions {
  batchSize: number;
  retryBaseMs: number;
  retryMaxMs: number;
  parkAfter: number;
  timeoutMs: number;
  pollMs: number;
}

/** Injection token of the validated {@link WebhookDeliveryOptions}. */
export const WEBHOOK_DELIVERY_OPTIONS = Symbol('WEBHOOK_DELIVERY_OPTIONS');

/** Defaults of {@link WebhookDeliveryOptions}. */
export const DEFAULT_WEBHOOK_DELIVERY_OPTIONS: Readonly<WebhookDeliveryOptions> = {
  batchSize: 100,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  parkAfter: 8,
  timeoutMs: 10_000,
  pollMs: 500,
};

const LIMITS: Record<keyof WebhookDeliveryOptions, { variable: string; min: number; max: number; unit: string }> = {
  batchSize: { variable: 'REGISTRY_WEBHOOK_BATCH_SIZE', min: 1, max: 1000, unit: 'messages' },
  retryBaseMs: { variable: 'REGISTRY_WEBHOOK_RETRY_BASE_MS', min: 1, max: 3_600_000, unit: 'ms' },
  retryMaxMs: { variable: 'REGISTRY_WEBHOOK_RETRY_MAX_MS', min: 1, max: 86_400_000, unit: 'ms' },
  parkAfter: { variable: 'REGISTRY_WEBHOOK_PARK_AFTER', min: 1, max: 100, unit: 'failures' },
  timeoutMs: { variable: 'REGISTRY_WEBHOOK_TIMEOUT_MS', min: 1, max: 600_000, unit: 'ms' },
  pollMs: { variable: 'REGISTRY_WEBHOOK_POLL_MS', min: 1, max: 60_000, unit: 'ms' },
};

/**
 * Reads the options from `env` (defaults above).
 * @throws RangeError listing every invalid variable (whole numbers within the limits; the retry
 *   maximum not below the base).
 */
export function loadWebhookDeliveryOptions(env: NodeJS.ProcessEnv = process.env): WebhookDeliveryOptions {
  const problems: string[] = [];
  const options = { ...DEFAULT_WEBHOOK_DELIVERY_OPTIONS };
  for (const key of Object.keys(LIMITS) as Array<keyof WebhookDeliveryOptions>) {
    const { variable, min, max, unit } = LIMITS[key];
    const raw = env[variable];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${variable} must be a whole number of ${unit} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    } else options[key] = value;
  }
  if (problems.length === 0 && options.retryMaxMs < options.retryBaseMs) {
    problems.push(`REGISTRY_WEBHOOK_RETRY_MAX_MS (${options.retryMaxMs}) must not be below REGISTRY_WEBHOOK_RETRY_BASE_MS (${options.retryBaseMs})`);
  }
  if (problems.length > 0) throw new RangeError(`invalid webhook delivery configuration:\n- ${problems.join('\n- ')}`);
  return options;
}

/**
 * How long to wait before the next attempt after `failures` consecutive failures (≥ 1):
 * `base × 2^(failures − 1)`, at most `max` (ms). With the defaults: 1 s, 2 s, 4 s … 5 min.
 * @throws RangeError for `failures` below 1.
 */
export function retryDelayMs(failures: number, options: Pick<WebhookDeliveryOptions, 'retryBaseMs' | 'retryMaxMs'>): number {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`failures must be a whole number from 1, got ${failures}`);
  // 2^(failures-1) overflows to Infinity past ~1024 failures; Math.min keeps the cap.
  return Math.min(options.retryBaseMs * 2 ** (failures - 1), options.retryMaxMs);
}

/**
 * What a failed attempt leads to: parked (no further attempt until a replay) once `failures`
 * reaches `parkAfter`, else the next attempt `retryDelayMs(failures)` after `nowMs`.
 */
export function afterFailure(
  failures: number,
  nowMs: number,
  options: Pick<WebhookDeliveryOptions, 'retryBaseMs' | 'retryMaxMs' | 'parkAfter'>,
): { parked: true } | { parked: false; nextAttemptAtMs: number } {
  if (failures >= options.parkAfter) return { parked: true };
  return { parked: false, nextAttemptAtMs: nowMs + retryDelayMs(failures, options) };
}
