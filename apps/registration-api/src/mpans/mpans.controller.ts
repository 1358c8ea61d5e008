import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { MpanEventsPage, MpanQueryService, MpanStateView } from '@app/registration-app';

/** Largest stream revision (signed 64-bit). */
const MAX_REVISION = 9_223_372_036_854_775_807n;

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
    // Revisions are signed 64-bit in every store: 19 digits can still exceed 2^63 - 1 (a 500 from SQLite).
    if (!/^\d{1,19}$/.test(from) || BigInt(from) > MAX_REVISION) {
      throw new BadRequestException(`fromRevision must be a whole number from 0 to ${MAX_REVISION}, got ${JSON.stringify(from)}`);
    }
    const size = limit ?? '100';
    if (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > 1000) {
      throw new BadRequestException(`limit must be a whole number from 1 to 1000, got ${JSON.stringify(size)}`);
    }
    return this.queries.history(mpanCore, BigInt(from), Number(size));
  }
}
