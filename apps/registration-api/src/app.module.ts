import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DipSignatureGuard } from '@app/dip-auth';
import { ProjectionsModule } from '@app/projections';
import { RegistrationAppModule, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { MpanHistoryModule } from '@app/registration-app/history';
import { AccessGuard } from './auth/access';
import { dipAuthSettingsProvider } from './auth/dip-auth.providers';
import { DayStartController } from './day-start/day-start.controller';
import { DipChannelController } from './dip-channel/dip-channel.controller';
import { HistoryReplayModule } from './history-replay/history-replay.module';
import { ReadYourWrites } from './http/read-your-writes';
import { MpansController } from './mpans/mpans.controller';
import { PortfolioController } from './mpans/portfolio.controller';
import { ParticipantsController } from './participants/participants.controller';
import { TemporalController } from './temporal/temporal.controller';

/**
 * The HTTP API: DIP intake, MPAN reads and the notification feed on top of the registration application and its projections.
 * Every request is authenticated by its DIP signature ({@link DipSignatureGuard}, global) and then
 * authorised ({@link AccessGuard}, global), in that order; see docs/security.md.
 */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig, overrides: RegistrationAppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [RegistrationAppModule.forRoot(config, overrides), ProjectionsModule.forRoot(), MpanHistoryModule, HistoryReplayModule],
      controllers: [DipChannelController, MpansController, PortfolioController, DayStartController, ParticipantsController, TemporalController],
      providers: [
        ReadYourWrites,
        dipAuthSettingsProvider,
        // Global guards run in this order: authentication, then authorisation.
        { provide: APP_GUARD, useClass: DipSignatureGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
