import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { DayStartReport, DayStartService } from '@app/registration-app';
import { parseLocalDate } from '@app/registration-domain';

/**
 * Operator endpoints of the day-start process (issue #3). `POST /day-start` with an optional body
 * `{ "through": "YYYY-MM-DD" }` (default today, UK) runs every day not yet run, up to that day;
 * `GET /day-start` tells the last completed day. (Operator credentials arrive with issue #8.)
 */
@Controller('day-start')
export class DayStartController {
  constructor(private readonly dayStart: DayStartService) {}

  @Post()
  @HttpCode(200)
  run(@Body() body: unknown): Promise<DayStartReport> {
    const through = (body as { through?: unknown } | undefined)?.through;
    if (through === undefined) return this.dayStart.runThrough();
    const day = typeof through === 'string' ? parseLocalDate(through) : null;
    if (day === null) throw new BadRequestException(`through must be a calendar date YYYY-MM-DD, got ${JSON.stringify(through)}`);
    return this.dayStart.runThrough(day);
  }

  @Get()
  async status(): Promise<{ lastCompletedDay: string | null }> {
    return { lastCompletedDay: await this.dayStart.lastCompletedDay() };
  }
}
