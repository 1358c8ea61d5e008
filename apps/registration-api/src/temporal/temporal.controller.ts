import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import {
  InvalidHistoryQueryError,
  MpanDiffAnswer,
  MpanExplanation,
  MpanHistoryService,
  MpanStateAt,
  MpanTimelineAnswer,
} from '@app/registration-app/history';
import { MPAN_ITEM_NAMES } from '@app/registration-domain/temporal';
import { OperatorOnly } from '../auth/access';
import { singleValued } from '../http/query-params';
import { Docs, SignedApi } from '../openapi/operations';

/**
 * The MPAN on two time axes (issue #6), answered from the event log itself (never from the
 * projections: these are the auditor's ground truth). `effectiveAt` / `date` are UK settlement
 * days `YYYY-MM-DD` (default today, UK); `knownAt` is an ISO 8601 instant with an explicit offset or
 * `Z` (default now), normalised to UTC: only the MPAN's records recorded at or before it count.
 *
 * - `GET /mpans/{mpanCore}/state?effectiveAt=&knownAt=`: the full snapshot on that day as known then;
 * - `GET /mpans/{mpanCore}/timeline?knownAt=`: every period of every item with the events that
 *   opened, closed and corrected it;
 * - `GET /mpans/{mpanCore}/diff?fromEffectiveAt=&fromKnownAt=&toEffectiveAt=&toKnownAt=`: item by
 *   item what differs between two points;
 * - `GET /mpans/{mpanCore}/explain?item=&date=&knownAt=`: the chain of events and messages behind
 *   an item on a date.
 *
 * 400 for a malformed core (REG0000), an unknown, repeated or malformed parameter (an unknown item
 * lists the valid names); 404 for an MPAN with no events, or not yet created at `knownAt`.
 *
 * Auditor endpoints: the whole record of the MPAN, every participant's part of it, so only the
 * operator credential may read them (403 `OPERATOR_ONLY`; docs/security.md). A participant replays
 * what it is entitled to with `GET /mpans/{mpanCore}/history?participant=`.
 */
@Controller('mpans')
@OperatorOnly()
@SignedApi('temporal')
export class TemporalController {
  constructor(private readonly history: MpanHistoryService) {}

  @Get(':mpanCore/state')
  @Docs.temporal('The MPAN on an effective day as known at an instant', [['effectiveAt', 'Settlement day'], ['knownAt', 'Instant']])
  state(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>): Promise<MpanStateAt> {
    const params = singleValued(query, ['effectiveAt', 'knownAt']);
    return badRequestOnInvalidQuery(() => this.history.stateAt(mpanCore, params));
  }

  @Get(':mpanCore/timeline')
  @Docs.temporal('Every period of every item, with the events behind it', [['knownAt', 'Instant']])
  timeline(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>): Promise<MpanTimelineAnswer> {
    const params = singleValued(query, ['knownAt']);
    return badRequestOnInvalidQuery(() => this.history.timeline(mpanCore, params));
  }

  @Get(':mpanCore/diff')
  @Docs.temporal('What differs between two (effective day, known-at) points', [['fromEffectiveAt', 'Settlement day'], ['fromKnownAt', 'Instant'], ['toEffectiveAt', 'Settlement day'], ['toKnownAt', 'Instant']])
  diff(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>): Promise<MpanDiffAnswer> {
    const params = singleValued(query, ['fromEffectiveAt', 'fromKnownAt', 'toEffectiveAt', 'toKnownAt']);
    return badRequestOnInvalidQuery(() => this.history.diff(mpanCore, params));
  }

  @Get(':mpanCore/explain')
  @Docs.temporal('The events and messages behind an item on a day', [['date', 'Settlement day'], ['knownAt', 'Instant']], [Docs.explainItem()])
  explain(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>): Promise<MpanExplanation> {
    const { item, ...params } = singleValued(query, ['item', 'date', 'knownAt']);
    if (item === undefined) throw new BadRequestException(`give item, one of ${MPAN_ITEM_NAMES.join(', ')}`);
    return badRequestOnInvalidQuery(() => this.history.explain(mpanCore, { item, ...params }));
  }
}

/** Runs a temporal read, answering 400 with its message when a parameter is malformed. */
async function badRequestOnInvalidQuery<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidHistoryQueryError) throw new BadRequestException(error.message);
    throw error;
  }
}
