import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { MpanViewQueryService, PortfolioItem, PortfolioRole, ViewPage } from '@app/projections/mpan-view';
import { Clock, CLOCK, REFERENCE_DATA, ukSettlementDayOf } from '@app/registration-app';
import type { ReferenceData } from '@app/registration-domain';
import { ReadYourWrites } from '../http/read-your-writes';
import { OwnResource } from '../auth/access';
import { DipIdPipe } from '../http/dip-id.pipe';
import { singleValued, WAIT_PARAMS } from '../http/query-params';
import { dateParam, pageParams, roleParam } from './view-query-params';
import { Docs, SignedApi } from '../openapi/operations';

/** The answer of `GET /participants/{dipId}/portfolio`. */
export interface PortfolioPage extends ViewPage<PortfolioItem> {
  dipId: string;
  /** The settlement day (`YYYY-MM-DD`) the roles hold on. */
  date: string;
  /** The role asked for, or `null` for every role. */
  role: PortfolioRole | null;
}

/**
 * A participant's portfolio from the MPAN query view (issue #5; design brief §2.7 reconciliation):
 * `GET /participants/{dipId}/portfolio?date=YYYY-MM-DD&role=SUP|MS|DS&cursor=&limit=` — the MPANs
 * where the participant is the registered supplier or the appointed metering or data service on
 * `date` (default today, UK), in MPAN core order, `limit` 1–1000 (default 100) per page with an
 * opaque `nextCursor`, stamped with the views' `position`. Accepts `?minPosition=&maxWaitMs=`.
 * 400 for a malformed DIP id (10 digits, DT-006) or parameter; 404 for a DIP id the reference data
 * does not know; 403 `NOT_OWN_RESOURCE` for another participant's portfolio (docs/security.md).
 */
@Controller('participants')
@SignedApi('participants')
export class PortfolioController {
  constructor(
    private readonly view: MpanViewQueryService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  @Get(':dipId/portfolio')
  @OwnResource({ param: 'dipId' })
  @Docs.portfolio()
  async portfolio(@Param('dipId', DipIdPipe) dipId: string, @Query() query: Record<string, unknown>): Promise<PortfolioPage> {
    const params = singleValued(query, ['date', 'role', 'cursor', 'limit', ...WAIT_PARAMS]);
    const date = dateParam('date', params.date, ukSettlementDayOf(this.clock.now()));
    const role = roleParam(params.role);
    const page = pageParams(params.limit, params.cursor);
    if (this.referenceData.participant(dipId) === undefined) {
      throw new NotFoundException(`participant ${dipId} is not known to this registry`);
    }
    await this.readYourWrites.await(params.minPosition, params.maxWaitMs);
    const found = await this.view.portfolio(dipId, date, role, page);
    return { dipId, date, role, ...found };
  }
}
