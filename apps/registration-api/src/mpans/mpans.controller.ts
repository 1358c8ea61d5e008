import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { MpanEventsPage, MpanQueryService, MpanStateView } from '@app/registration-app';

/**
 * MPAN reads. `GET /mpans/{mpanCore}`: current state (effective today, as known now);
 * `GET /mpans/{mpanCore}/events?fromRevision=0&limit=100`: the history, page by page.
 * 400 for a malformed core (REG0000 message), 404 for an unknown MPAN.
 */
@Controller('mpans')
export class MpansController {
  constructor(private readonly queries: MpanQueryService) {}

  @Get(':mpanCore')
  state(@Param('mpanCore') mpanCore: string): Promise<MpanStateView> {
    return this.queries.currentState(mpanCore);
  }

  @Get(':mpanCore/events')
  events(
    @Param('mpanCore') mpanCore: string,
    @Query('fromRevision') fromRevision?: string,
    @Query('limit') limit?: string,
  ): Promise<MpanEventsPage> {
    const from = fromRevision ?? '0';
    if (!/^\d{1,19}$/.test(from)) throw new BadRequestException(`fromRevision must be a non-negative whole number, got ${JSON.stringify(from)}`);
    const size = limit ?? '100';
    if (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > 1000) {
      throw new BadRequestException(`limit must be a whole number from 1 to 1000, got ${JSON.stringify(size)}`);
    }
    return this.queries.history(mpanCore, BigInt(from), Number(size));
  }
}
