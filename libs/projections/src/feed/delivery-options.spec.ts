import { DEFAULT_WEBHOOK_DELIVERY } from '@app/registration-app';
import { afterFailure, retryDelayMs } from './delivery-options';

/** Webhook retry schedule (the settings are read with the configuration: registry-config.spec.ts). */
describe('webhook delivery options', () => {
  it('backs off from the base, doubling, up to the maximum: 1 s, 2 s, 4 s … 5 min by default', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n, DEFAULT_WEBHOOK_DELIVERY));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000]);
    expect(retryDelayMs(5000, DEFAULT_WEBHOOK_DELIVERY)).toBe(300000);
  });

  it('follows a configured base and maximum', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { retryBaseMs: 10, retryMaxMs: 35 }))).toEqual([10, 20, 35, 35]);
  });

  it('refuses a failure count below 1', () => {
    expect(() => retryDelayMs(0, DEFAULT_WEBHOOK_DELIVERY)).toThrow(RangeError);
  });

  it('parks at the configured number of consecutive failures (8 by default), else schedules the next attempt', () => {
    const options = DEFAULT_WEBHOOK_DELIVERY;
    expect(afterFailure(1, 1_000_000, options)).toEqual({ parked: false, nextAttemptAtMs: 1_001_000 });
    expect(afterFailure(7, 0, options)).toEqual({ parked: false, nextAttemptAtMs: 64_000 });
    expect(afterFailure(8, 0, options)).toEqual({ parked: true });
    expect(afterFailure(2, 0, { ...options, parkAfter: 2 })).toEqual({ parked: true });
  });
});
