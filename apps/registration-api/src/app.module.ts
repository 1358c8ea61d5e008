import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DIP_AUTH_SETTINGS, DipKeyring, DipSignatureGuard } from '@app/dip-auth';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionsModule } from '@app/projections';
import { Clock, CLOCK, REFERENCE_DATA, RegistrationAppModule, RegistrationAppOverrides, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { MpanHistoryModule } from '@app/registration-app/history';
import { AccessGuard } from './auth/access';
import { dipAuthSettingsOf, loadAuthKeyring } from './auth/dip-auth.providers';
import { DayStartController } from './day-start/day-start.controller';
import { DipChannelController } from './dip-channel/dip-channel.controller';
import { HealthController } from './health/health.controller';
import { ProjectionLagProbe } from './health/projection-lag.probe';
import { ReadinessIndicators } from './health/readiness.indicators';
import { HistoryReplayModule } from './history-replay/history-replay.module';
import { RequestRateLimitModule } from './http/participant-throttler.guard';
import { ReadYourWrites } from './http/read-your-writes';
import { IntakeMetricsInterceptor } from './metrics/intake-metrics.interceptor';
import { MetricsController } from './metrics/metrics.controller';
import { RegistryMetrics } from './metrics/registry-metrics';
import { MpansController } from './mpans/mpans.controller';
import { PortfolioController } from './mpans/portfolio.controller';
import { ParticipantsController } from './participants/participants.controller';
import { TemporalController } from './temporal/temporal.controller';

/** A clock as the signature check reads it: UTC ISO instants. */
export type SignatureClock = { now(): string };

/**
 * The HTTP API: DIP intake, MPAN reads and the notification feed on top of the registration
 * application and its projections; the operations endpoints `/health/live`, `/health/ready` and
 * `/metrics` (docs/operations.md). Every request is authenticated by its DIP signature
 * ({@link DipSignatureGuard}, global) and then authorised ({@link AccessGuard}, global), in that
 * order, except the `@PublicEndpoint()` probes; see docs/security.md.
 */
@Module({})
export class AppModule {
  /**
   * @param auth.keyring the keyring, already loaded and checked (`loadAuthKeyring`; `createApiApp`
   *   does it before anything opens); default: loaded here from `config.auth.keyringPath`.
   * @param auth.signatureClock the clock `X-DIP-Signature-Date` is checked against; default the
   *   registry's clock. The benchmark, which replays history on a simulated registry clock while its
   *   client signs in real time, passes the system clock.
   */
  static forRoot(config: RegistryConfig, overrides: RegistrationAppOverrides = {}, auth: { keyring?: DipKeyring; signatureClock?: SignatureClock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RegistrationAppModule.forRoot(config, overrides),
        ProjectionsModule.forRoot(),
        MpanHistoryModule,
        HistoryReplayModule,
        // Failed checks are answered with their reasons (HealthController); terminus's own error log would repeat them.
        TerminusModule.forRoot({ logger: false }),
        // Last: its APP_GUARD (per-participant rate limit) must run after the DIP signature guard.
        RequestRateLimitModule.forRoot(config.limits),
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
      providers: [
        ReadYourWrites,
        ProjectionLagProbe,
        ReadinessIndicators,
        RegistryMetrics,
        IntakeMetricsInterceptor,
        {
          provide: DIP_AUTH_SETTINGS,
          inject: [REGISTRY_CONFIG, REFERENCE_DATA, CLOCK],
          useFactory: (c: RegistryConfig, referenceData: ReferenceData, clock: Clock) =>
            dipAuthSettingsOf(c, auth.keyring ?? loadAuthKeyring(c, referenceData), auth.signatureClock ?? clock),
        },
        // Global guards run in this order: authentication, then authorisation.
        { provide: APP_GUARD, useClass: DipSignatureGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
