import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicEndpoint } from '@app/dip-auth';
import { Docs } from '../openapi/operations';
import { RegistryMetrics } from './registry-metrics';

/**
 * `GET /metrics`: the registry's metrics in the Prometheus text format (docs/operations.md
 * "Metrics"). Unsigned, for the scraper: expose it on the operators' network only.
 */
@Controller('metrics')
@PublicEndpoint()
@SkipThrottle() // probes and scrapes come at a steady rate from the infrastructure, not from participants
@ApiTags('operations')
export class MetricsController {
  constructor(private readonly metrics: RegistryMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @Docs.metrics()
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    res.setHeader('content-type', contentType);
    return body;
  }
}
