import { afterFailure, DEFAULT_WEBHOOK_DELIVERY_OPTIONS, loadWebhookDeliveryOptions, retryDelayMs } from './delivery-options';

/** Webhook retry schedule and its configuration. */
describe('webhook delivery options', () => {
  it('backs off from the base, doubling, up to the maximum: 1 s, 2 s, 4 s … 5 min by default', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n, DEFAULT_WEBHOOK_DELIVERY_OPTIONS));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000]);
    expect(retryDelayMs(5000, DEFAULT_WEBHOOK_DELIVERY_OPTIONS)).toBe(300000);
  });

  it('follows a configured base and maximum', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { retryBaseMs: 10, retryMaxMs: 35 }))).toEqual([10, 20, 35, 35]);
  });

  it('refuses a failure count below 1', () => {
    expect(() => retryDelayMs(0, DEFAULT_WEBHOOK_DELIVERY_OPTIONS)).toThrow(RangeError);
  });

  it('parks at the configured number of consecutive failures (8 by default), else schedules the next attempt', () => {
    const options = DEFAULT_WEBHOOK_DELIVERY_OPTIONS;
    expect(afterFailure(1, 1_000_000, options)).toEqual({ parked: false, nextAttemptAtMs: 1_001_000 });
    expect(afterFailure(7, 0, options)).toEqual({ parked: false, nextAttemptAtMs: 64_000 });
    expect(afterFailure(8, 0, options)).toEqual({ parked: true });
    expect(afterFailure(2, 0, { ...options, parkAfter: 2 })).toEqual({ parked: true });
  });

  it('reads the environment, with defaults', () => {
    expect(loadWebhookDeliveryOptions({})).toEqual(DEFAULT_WEBHOOK_DELIVERY_OPTIONS);
    expect(
      loadWebhookDeliveryOptions({
        REGISTRY_WEBHOOK_BATCH_SIZE: '5',
        REGISTRY_WEBHOOK_RETRY_BASE_MS: '20',
        REGISTRY_WEBHOOK_RETRY_MAX_MS: '200',
        REGISTRY_WEBHOOK_PARK_AFTER: '3',
        REGISTRY_WEBHOOK_TIMEOUT_MS: '2000',
        REGISTRY_WEBHOOK_POLL_MS: '10',
      }),
    ).toEqual({ batchSize: 5, retryBaseMs: 20, retryMaxMs: 200, parkAfter: 3, timeoutMs: 2000, pollMs: 10 });
  });

  it('refuses invalid values, listing each', () => {
    expect(() => loadWebhookDeliveryOptions({ REGISTRY_WEBHOOK_BATCH_SIZE: '0', REGISTRY_WEBHOOK_PARK_AFTER: 'eight' })).toThrow(
      /REGISTRY_WEBHOOK_BATCH_SIZE must be a whole number of messages from 1 to 1000, got "0"\n- REGISTRY_WEBHOOK_PARK_AFTER must be a whole number of failures from 1 to 100, got "eight"/,
    );
    expect(() => loadWebhookDeliveryOptions({ REGISTRY_WEBHOOK_RETRY_BASE_MS: '5000', REGISTRY_WEBHOOK_RETRY_MAX_MS: '1000' })).toThrow(
      'must not be below REGISTRY_WEBHOOK_RETRY_BASE_MS',
    );
  });
});
