import type { WebhookDeliveryConfig } from '@app/registration-app';

/**
 * The webhook retry schedule (docs/feed.md "Push"): pure functions of the delivery settings. The
 * settings themselves (`REGISTRY_WEBHOOK_*`: batch size, retry base and maximum, parking, timeout,
 * poll interval) are read and validated at boot with the rest of the configuration
 * (`loadRegistryConfig`, `RegistryConfig.webhook`).
 */

/** The webhook delivery settings (`RegistryConfig.webhook`). */
export type WebhookDeliveryOptions = WebhookDeliveryConfig;

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
