import { ConfigError, loadRegistryConfig } from './registry-config';
import { DEFAULT_REQUEST_LIMITS, readRequestLimits } from './request-limits';

describe('readRequestLimits', () => {
  it('defaults to 10 MiB bodies, 1000 messages a submission and 6000 requests a minute per participant', () => {
    const problems: string[] = [];
    expect(readRequestLimits({}, problems)).toEqual({ bodyLimitBytes: 10_485_760, maxMessagesPerSubmission: 1000, rateLimit: 6000, rateLimitWindowMs: 60_000 });
    expect(problems).toEqual([]);
    expect(loadRegistryConfig({}).limits).toEqual(DEFAULT_REQUEST_LIMITS);
  });

  it('reads every variable, bounds included', () => {
    const problems: string[] = [];
    const limits = readRequestLimits(
      {
        REGISTRY_BODY_LIMIT_BYTES: '1024',
        REGISTRY_MAX_MESSAGES_PER_SUBMISSION: '10000',
        REGISTRY_RATE_LIMIT: '1',
        REGISTRY_RATE_LIMIT_WINDOW_MS: '3600000',
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(limits).toEqual({ bodyLimitBytes: 1024, maxMessagesPerSubmission: 10_000, rateLimit: 1, rateLimitWindowMs: 3_600_000 });
  });

  it('lists every invalid variable, with its range and what was given', () => {
    const env = {
      REGISTRY_BODY_LIMIT_BYTES: '1023',
      REGISTRY_MAX_MESSAGES_PER_SUBMISSION: '0',
      REGISTRY_RATE_LIMIT: '1e3',
      REGISTRY_RATE_LIMIT_WINDOW_MS: ' 60000',
    };
    const problems: string[] = [];
    expect(readRequestLimits(env, problems)).toEqual(DEFAULT_REQUEST_LIMITS);
    expect(problems).toEqual([
      'REGISTRY_BODY_LIMIT_BYTES must be a whole number of bytes from 1024 to 104857600, got "1023"',
      'REGISTRY_MAX_MESSAGES_PER_SUBMISSION must be a whole number of messages from 1 to 10000, got "0"',
      'REGISTRY_RATE_LIMIT must be a whole number of requests from 1 to 1000000, got "1e3"',
      'REGISTRY_RATE_LIMIT_WINDOW_MS must be a whole number of ms from 1000 to 3600000, got " 60000"',
    ]);
    expect(() => loadRegistryConfig(env)).toThrow(ConfigError);
  });
});
