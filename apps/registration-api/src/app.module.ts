import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionsModule } from '@app/projections';
import { RegistrationAppModule, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { MpanHistoryModule } from '@app/registration-app/history';
import { DayStartController } from './day-start/day-start.controller';
import { DipChannelController } from './dip-channel/dip-channel.controller';
import { HealthController } from './health/health.controller';
import { ProjectionLagProbe } from './health/projection-lag.probe';
import { ReadinessIndicators } from './health/readiness.indicators';
import { HistoryReplayModule } from './history-replay/history-replay.module';
import { ReadYourWrites } from './http/read-your-writes';
import { IntakeMetricsInterceptor } from './metrics/intake-metrics.interceptor';
import { MetricsController } from './metrics/metrics.controller';
import { RegistryMetrics } from './metrics/registry-metrics';
import { MpansController } from './mpans/mpans.controller';
import { PortfolioController } from './mpans/portfolio.controller';
import { ParticipantsController } from './participants/participants.controller';
import { TemporalController } from './temporal/temporal.controller';

/**
 * The HTTP API: DIP intake, MPAN reads and the notification feed on top of the registration
 * application and its projections; the operations endpoints `/health/live`, `/health/ready` and
 * `/metrics` (docs/operations.md).
 */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig, overrides: RegistrationAppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RegistrationAppModule.forRoot(config, overrides),
        ProjectionsModule.forRoot(),
        MpanHistoryModule,
        HistoryReplayModule,
        // Failed checks are answered with their reasons (HealthController); terminus's own error log would repeat them.
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [
        DipChannelController,
        MpansController,
        PortfolioController,
        DayStartController,
        ParticipantsController,
        TemporalController,
        HealthController,
        MetricsController,
      ],
      providers: [ReadYourWrites, ProjectionLagProbe, ReadinessIndicators, RegistryMetrics, IntakeMetricsInterceptor],
    };
  }
}
