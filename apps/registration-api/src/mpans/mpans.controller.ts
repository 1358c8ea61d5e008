import { BadRequestException, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { MpanSearchCriteria, MpanSearchItem, MpanViewAnswer, MpanViewQueryService, ViewPage } from '@app/projections/mpan-view';
import { Clock, CLOCK, MpanEventsPage, MpanQueryService, ukSettlementDayOf } from '@app/registration-app';
import { OperatorOnly } from '../auth/access';
import { ReadYourWrites } from '../http/read-your-writes';
import { singleValued, WAIT_PARAMS } from '../http/query-params';
import { dateParam, pageParams, SEARCH_PARAMS, searchCriteria } from './view-query-params';
import { Docs, SignedApi } from '../openapi/operations';

/** Largest stream revision (signed 64-bit). */
const MAX_REVISION = 9_223_372_036_854_775_807n;

/** The answer of `GET /mpans?postcode=|meterId=|esmeGuid=`: the criteria as compared and the day matched on. */
export interface MpanSearchPage extends ViewPage<MpanSearchItem> {
  criteria: MpanSearchCriteria;
  date: string;
}

/** Query parameters of `GET /mpans/{core}/events`. */
const EVENTS_PARAMS = ['fromRevision', 'limit'] as const;

/**
 * MPAN reads.
 * - `GET /mpans/{mpanCore}`: everything the MPAN query view holds for the MPAN, effective today (UK
 *   settlement day of the registry's clock), with the views' checkpoint `position`;
 * - `GET /mpans?postcode=|meterId=|esmeGuid=&date=&cursor=&limit=`: search, one criterion at a time;
 * - `GET /mpans/{mpanCore}/events?fromRevision=0&limit=100`: the history, page by page, from the
 *   event store itself (always up to date): every participant's part of the record, so for the
 *   operator / auditor only (403 `OPERATOR_ONLY`; docs/security.md).
 * The view reads accept `?minPosition=&maxWaitMs=` (read-your-writes: wait until the views reached
 * the position an acknowledgement gave; 503 when they do not in time). 400 for a malformed core
 * (REG0000) or parameter, 404 for an MPAN the view does not hold.
 */
@Controller('mpans')
@SignedApi('mpans')
export class MpansController {
  constructor(
    private readonly queries: MpanQueryService,
    private readonly view: MpanViewQueryService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Docs.search()
  async search(@Query() query: Record<string, unknown>): Promise<MpanSearchPage> {
    const params = singleValued(query, [...SEARCH_PARAMS, 'date', 'cursor', 'limit', ...WAIT_PARAMS]);
    const criteria = searchCriteria(params);
    const date = dateParam('date', params.date, ukSettlementDayOf(this.clock.now()));
    const page = pageParams(params.limit, params.cursor);
    await this.readYourWrites.await(params.minPosition, params.maxWaitMs);
    const found = await this.view.search(criteria, date, page);
    return { criteria, date, ...found };
  }

  @Get(':mpanCore')
  @Docs.mpan()
  async state(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>): Promise<MpanViewAnswer> {
    const params = singleValued(query, WAIT_PARAMS);
    const today = ukSettlementDayOf(this.clock.now());
    await this.readYourWrites.await(params.minPosition, params.maxWaitMs);
    return this.view.current(mpanCore, today);
  }

  @Get(':mpanCore/events')
  @OperatorOnly()
  @Docs.events()
  events(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>): Promise<MpanEventsPage> {
    const { fromRevision, limit } = singleValued(query, EVENTS_PARAMS);
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
