import { DynamicModule, Module } from '@nestjs/common';
import { RegistrationAppModule, RegistrationAppOverrides, RegistryConfig } from '@app/registration-app';
import { DayStartController } from './day-start/day-start.controller';
import { DipChannelController } from './dip-channel/dip-channel.controller';
import { MpansController } from './mpans/mpans.controller';

/** The HTTP API: DIP intake and MPAN reads on top of the registration application. */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig, overrides: RegistrationAppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [RegistrationAppModule.forRoot(config, overrides)],
      controllers: [DipChannelController, MpansController, DayStartController],
    };
  }
}
