import { DynamicModule, ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule } from '@nestjs/throttler';
import { DIP_PUBLIC_ENDPOINT, DipAuthenticatedRequest } from '@app/dip-auth';
import type { RequestLimitsConfig } from '@app/registration-app';

/** Name of the one throttler; `default` keeps the headers unsuffixed (`Retry-After`, not `Retry-After-<name>`). */
const THROTTLER_NAME = 'default';

/**
 * The per-participant rate limit (issue #8 "Limits"; docs/security.md "Limits on input"), on
 * `@nestjs/throttler`'s fixed-window counter:
 *
 * - the counter is the **authenticated participant's** (`request.dipParticipant.dipId`, set by the
 *   DIP signature guard, which must therefore run first), one budget across every endpoint; a
 *   request without a participant (signature guard not wired, or an unsigned public endpoint) is
 *   counted by client IP (`request.ip`, IPv6 by /64) — behind a proxy, set Express's `trust proxy`
 *   so that this is the client's;
 * - past `limit` requests in the window: **429** `Too Many Requests` with `Retry-After` (seconds
 *   until the window ends) and a message naming the participant and the limit; every counted
 *   answer carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds);
 * - handlers marked `@PublicEndpoint()` (probes, the API description) are not counted.
 *
 * Counters live in the process's memory (`ThrottlerStorageService`): with several instances behind
 * a load balancer each counts alone, so the effective limit is up to instances × limit.
 */
@Injectable()
export class ParticipantThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return this.reflector.getAllAndOverride<boolean | undefined>(DIP_PUBLIC_ENDPOINT, [context.getHandler(), context.getClass()]) === true;
  }

  /** `participant <DIP id>` when authenticated, else `client IP <address>`. */
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const dipId = (req as unknown as DipAuthenticatedRequest).dipParticipant?.dipId;
    if (typeof dipId === 'string' && dipId !== '') return `participant ${dipId}`;
    return `client IP ${await super.getTracker(req)}`;
  }

  /** One counter per tracker across every route (the default counts each handler apart). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ThrottlerException(
      `rate limit exceeded: ${detail.tracker} may make ${detail.limit} requests per ${formatWindow(detail.ttl)}; retry after ${detail.timeToBlockExpire} s (Retry-After)`,
    );
  }
}

/**
 * The rate limit, registered as a global guard (`APP_GUARD`) with `limits.rateLimit` requests per
 * `limits.rateLimitWindowMs`. Global guards run in the order Nest registers them: the modules in
 * import order (depth first), each module's providers in order — so the DIP signature guard's
 * `APP_GUARD` must be provided by the importing module (`AppModule`) or by a module imported
 * **before** this one, so that `request.dipParticipant` is set when this guard counts.
 */
@Module({})
export class RequestRateLimitModule {
  static forRoot(limits: Pick<RequestLimitsConfig, 'rateLimit' | 'rateLimitWindowMs'>): DynamicModule {
    return {
      module: RequestRateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          // blockDuration (the throttler's default is ttl, said here on purpose): the request over the
          // limit blocks the participant for one whole window from then on; Retry-After says how long
          // is left (docs/security.md "The rate limit").
          throttlers: [{ name: THROTTLER_NAME, limit: limits.rateLimit, ttl: limits.rateLimitWindowMs, blockDuration: limits.rateLimitWindowMs }],
          // Retry-After on a 429; X-RateLimit-Limit, -Remaining and -Reset (seconds) on every counted answer.
          setHeaders: true,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ParticipantThrottlerGuard }],
    };
  }
}

/** `60 s`, `1 min 30 s`, `1 h`. */
function formatWindow(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const parts = [[Math.floor(s / 3600), 'h'], [Math.floor((s % 3600) / 60), 'min'], [s % 60, 's']] as const;
  return parts.filter(([v]) => v > 0).map(([v, u]) => `${v} ${u}`).join(' ');
}
