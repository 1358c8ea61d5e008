import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicEndpoint } from '@app/dip-auth';
import { Docs } from '../openapi/operations';
import { ReadinessIndicators } from './readiness.indicators';

/** The body of a failed readiness check: terminus's result plus `message`, every failing check's reason joined. */
export type ReadinessFailure = HealthCheckResult & { message: string };

/**
 * Probes for load balancers and orchestrators (docs/operations.md "Probes"), unsigned (a load
 * balancer cannot sign DIP requests):
 *
 * - `GET /health/live`: 200 while the process runs and serves HTTP (it checks no dependency, so a
 *   store outage never gets the process restarted);
 * - `GET /health/ready`: 200 when the event store answers and every projection is within the
 *   configured lag (`REGISTRY_READY_MAX_LAG_EVENTS`, `REGISTRY_READY_MAX_LAG_SECONDS`); else 503 with
 *   terminus's `{ status: "error", info, error, details }` and a top-level `message` naming what is
 *   down (the projection and its lag, or the store's error).
 */
@Controller('health')
@PublicEndpoint()
@SkipThrottle() // probes and scrapes come at a steady rate from the infrastructure, not from participants
@ApiTags('operations')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @Docs.live()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @Docs.ready()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult | ReadinessFailure> {
    try {
      return await this.health.check([() => this.readiness.eventStore(), () => this.readiness.projections()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Answered here rather than by the errors filter, which would keep only a generic message.
      const result = error.getResponse() as HealthCheckResult;
      const reasons = Object.entries(result.error ?? {}).map(([key, value]) => `${key}: ${String((value as { message?: unknown }).message ?? 'down')}`);
      res.status(503);
      return { ...result, message: reasons.join('; ') };
    }
  }
}
