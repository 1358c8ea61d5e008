import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicEndpoint } from '@app/dip-auth';
import { RegistryMetrics } from './registry-metrics';

/**
 * `GET /metrics`: the registry's metrics in the Prometheus text format (docs/operations.md
 * "Metrics"). Unsigned, for the scraper: expose it on the operators' network only.
 */
@Controller('metrics')
@PublicEndpoint()
@ApiTags('operations')
export class MetricsController {
  constructor(private readonly metrics: RegistryMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Messages by channel, event code and outcome; intake latency; appends and conflicts; projection positions and lag; feed backlog and webhook state per recipient; day-start runs; Node.js process metrics. See docs/operations.md.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string', example: 'regs_messages_received_total{channel="IF-031",event_code="[MSApp]",outcome="accepted",code="MSG0000"} 1\n' } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    res.setHeader('content-type', contentType);
    return body;
  }
}
