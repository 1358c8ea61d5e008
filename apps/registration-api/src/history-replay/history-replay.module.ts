import { Module } from '@nestjs/common';
import { HistoryReplayService } from '@app/registration-app/history-replay';
import { HistoryReplayController } from './history-replay.controller';

/**
 * `GET /mpans/{mpanCore}/history` (issue #6 item 5). Needs the global `RegistrationAppModule`
 * (event store, reference data).
 */
@Module({
  controllers: [HistoryReplayController],
  providers: [HistoryReplayService],
})
export class HistoryReplayModule {}
