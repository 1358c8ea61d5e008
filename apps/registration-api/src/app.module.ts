import { DynamicModule, Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { RegistrationAppModule, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { MpanHistoryModule } from '@app/registration-app/history';
import { DayStartController } from './day-start/day-start.controller';
import { DipChannelController } from './dip-channel/dip-channel.controller';
import { HistoryReplayModule } from './history-replay/history-replay.module';
import { RequestRateLimitModule } from './http/participant-throttler.guard';
import { ReadYourWrites } from './http/read-your-writes';
import { MpansController } from './mpans/mpans.controller';
import { PortfolioController } from './mpans/portfolio.controller';
import { ParticipantsController } from './participants/participants.controller';
import { TemporalController } from './temporal/temporal.controller';

/** The HTTP API: DIP intake, MPAN reads and the notification feed on top of the registration application and its projections. */
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
        // Last: its APP_GUARD (per-participant rate limit) must run after the DIP signature guard.
        RequestRateLimitModule.forRoot(config.limits),
      ],
      controllers: [DipChannelController, MpansController, PortfolioController, DayStartController, ParticipantsController, TemporalController],
      providers: [ReadYourWrites],
    };
  }
}
