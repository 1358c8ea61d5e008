import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Post, Query, UnsupportedMediaTypeException } from '@nestjs/common';
import { DayStartReport, DayStartService } from '@app/registration-app';
import { parseLocalDate } from '@app/registration-domain';
import { OperatorOnly } from '../auth/access';
import { singleValued } from '../http/query-params';
import { Docs, SignedApi } from '../openapi/operations';

/**
 * Operator endpoints of the day-start process (issue #3). `POST /day-start` with an optional body
 * `{ "through": "YYYY-MM-DD" }` (default today, UK) runs every day not yet run, up to that day;
 * `GET /day-start` tells the last completed day. Both need the operator credential (403
 * `OPERATOR_ONLY`; docs/security.md).
 */
@Controller('day-start')
@OperatorOnly()
@SignedApi('day-start')
export class DayStartController {
  constructor(private readonly dayStart: DayStartService) {}

  @Post()
  @Docs.runDayStart()
  @HttpCode(200)
  run(@Body() body: unknown, @Headers('content-type') contentType: string | undefined): Promise<DayStartReport> {
    if (contentType !== undefined && !/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new UnsupportedMediaTypeException(`send the body as application/json, e.g. {"through":"2025-05-01"} (got ${JSON.stringify(contentType)})`);
    }
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
      throw new BadRequestException('the body must be a JSON object: {} or {"through": "YYYY-MM-DD"}');
    }
    const extra = Object.keys((body ?? {}) as object).filter((k) => k !== 'through');
    if (extra.length > 0) throw new BadRequestException(`unknown field(s) ${extra.join(', ')}: the body takes only "through"`);
    const through = (body as { through?: unknown } | undefined)?.through;
    if (through === undefined) return this.dayStart.runThrough();
    const day = typeof through === 'string' ? parseLocalDate(through) : null;
    if (day === null) throw new BadRequestException(`through must be a calendar date YYYY-MM-DD, got ${JSON.stringify(through)}`);
    return this.dayStart.runThrough(day);
  }

  @Get()
  @Docs.dayStartStatus()
  async status(@Query() query: Record<string, unknown>): Promise<{ lastCompletedDay: string | null }> {
    singleValued(query, []);
    return { lastCompletedDay: await this.dayStart.lastCompletedDay() };
  }
}
