import { once } from 'node:events';
import { BadRequestException, Controller, ForbiddenException, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { quoteInput } from '@app/registration-app';
import {
  HistoryAccessDeniedError,
  HistoryReplay,
  HistoryReplayFrom,
  HistoryReplayService,
  UnknownParticipantError,
} from '@app/registration-app/history-replay';
import { OwnResource } from '../auth/access';
import { isDipId } from '../http/dip-id.pipe';
import { singleValued } from '../http/query-params';
import { Docs, SignedApi } from '../openapi/operations';

/** Largest revision or position (signed 64-bit). */
const MAX_INT64 = 9_223_372_036_854_775_807n;

/** Media type of the answer: newline-delimited JSON, one event per line. */
export const NDJSON = 'application/x-ndjson';

/**
 * History replay for services (issue #6 item 5; docs/audit.md):
 * `GET /mpans/{mpanCore}/history?participant=<dipId>&fromRevision=|fromPosition=` streams the
 * MPAN's events that the participant is entitled to see, as NDJSON (`application/x-ndjson`): one
 * JSON object per line — `revision`, `position` (decimal strings), `recordedAt` (UTC instant),
 * `type`, `data`, `metadata` — read from the event store page by page while the answer is written
 * (chunked; memory stays flat), up to the stream's revision when the request arrived.
 *
 * Every check happens before the first byte: 400 malformed core (REG0000), missing or malformed
 * `participant`, both or a malformed `fromRevision` / `fromPosition`, an unknown parameter; 404 a
 * participant the reference data does not know, or an unknown MPAN; 403 a participant with no
 * entitling role on the MPAN. Headers: `x-regs-through-revision` (the last revision the replay
 * covers), `x-regs-entitled-from-revision` (where the participant's window opens),
 * `x-regs-entitled-roles` (e.g. `SUP,MS`). A store failure after the first byte aborts the
 * connection (the client sees a truncated chunked body, never a complete-looking one).
 *
 * The `participant` must be the authenticated participant (403 `NOT_OWN_RESOURCE` otherwise;
 * docs/security.md).
 */
@Controller('mpans')
@SignedApi('mpans')
export class HistoryReplayController {
  constructor(private readonly replays: HistoryReplayService) {}

  @Get(':mpanCore/history')
  @OwnResource({ query: 'participant' })
  @Docs.history()
  async history(@Param('mpanCore') mpanCore: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const params = singleValued(query, ['participant', 'fromRevision', 'fromPosition']);
    const participant = params.participant;
    if (participant === undefined) {
      throw new BadRequestException('participant is required: the DIP id (10 digits) of the party replaying the history (the participant that signs the request)');
    }
    if (!isDipId(participant)) throw new BadRequestException(`participant must be a DIP id of 10 digits (DT-006), got ${quoteInput(participant)}`);
    const from = fromParams(params.fromRevision, params.fromPosition);
    const replay = await this.open(mpanCore, participant, from);

    res.status(200);
    res.setHeader('content-type', `${NDJSON}; charset=utf-8`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-regs-through-revision', replay.throughRevision.toString());
    res.setHeader('x-regs-entitled-from-revision', replay.entitlement.fromRevision.toString());
    res.setHeader('x-regs-entitled-roles', replay.entitlement.roles.map((r) => r.role).join(','));
    res.flushHeaders();
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    const lines = replay.lines();
    try {
      let chunk = '';
      for await (const line of lines) {
        if (closed) break;
        chunk += `${JSON.stringify(line)}\n`;
        if (chunk.length >= 64 * 1024) {
          if (!res.write(chunk)) await once(res, 'drain');
          chunk = '';
        }
      }
      if (!closed) res.end(chunk);
    } catch (error) {
      // Too late for a status code: abort, so the client cannot mistake a partial replay for a whole one.
      res.destroy(error as Error);
    } finally {
      await lines.return(undefined);
    }
  }

  /** Opens the replay, turning the library's refusals into HTTP answers (404, 403); others go to the errors filter. */
  private async open(mpanCore: string, participant: string, from: HistoryReplayFrom): Promise<HistoryReplay> {
    try {
      return await this.replays.open(mpanCore, participant, from);
    } catch (error) {
      if (error instanceof UnknownParticipantError) throw new NotFoundException(error.message);
      if (error instanceof HistoryAccessDeniedError) throw new ForbiddenException(error.message);
      throw error;
    }
  }
}

/**
 * Where the replay starts: `fromRevision` (a stream revision) or `fromPosition` (a global log
 * position), both inclusive, at most one; neither = revision 0.
 * @throws BadRequestException for both, or for a value that is not a whole number from 0 to 2^63 − 1.
 */
function fromParams(fromRevision: string | undefined, fromPosition: string | undefined): HistoryReplayFrom {
  if (fromRevision !== undefined && fromPosition !== undefined) {
    throw new BadRequestException('give fromRevision or fromPosition, not both');
  }
  const check = (name: string, raw: string): bigint => {
    if (!/^\d{1,19}$/.test(raw) || BigInt(raw) > MAX_INT64) {
      throw new BadRequestException(`${name} must be a whole number from 0 to ${MAX_INT64}, got ${quoteInput(raw)}`);
    }
    return BigInt(raw);
  };
  if (fromRevision !== undefined) return { fromRevision: check('fromRevision', fromRevision) };
  if (fromPosition !== undefined) return { fromPosition: check('fromPosition', fromPosition) };
  return {};
}
