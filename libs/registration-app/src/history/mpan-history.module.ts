import { Module } from '@nestjs/common';
import { MpanHistoryService } from './mpan-history.service';

/**
 * Provides {@link MpanHistoryService} (issue #6: state on two axes, timeline, diff, explain). Import
 * it beside `RegistrationAppModule.forRoot`, whose global exports (event store, reference data,
 * clock) it uses.
 */
@Module({ providers: [MpanHistoryService], exports: [MpanHistoryService] })
export class MpanHistoryModule {}
