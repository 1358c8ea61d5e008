import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  UnsupportedMediaTypeException,
  ValidationPipe,
} from '@nestjs/common';
import {
  AckResult,
  FeedConflictError,
  FeedPage,
  FeedRequestError,
  FeedService,
  parsePublicationConfigChange,
  PublicationConfigView,
  ReplayResult,
  UnknownParticipantError,
} from '@app/projections/feed';
import { ReadYourWrites } from '../http/read-your-writes';
import { AcknowledgeDto, PublicationConfigDto, ReplayDto } from './participants.dto';

/** Bodies are checked as sent (no transformation); unknown properties are refused. */
const BODY = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: false });

/**
 * The participant-facing notification feed (issue #5; docs/feed.md), shaped like the DIP's own
 * publication API:
 *
 * - `GET /participants/{dipId}/publications?after=&limit=&minPosition=&maxWaitMs=`: a page of the
 *   participant's feed (default `after`: its acknowledged sequence; `limit` 1–1000, default 100);
 * - `POST /participants/{dipId}/publications/ack` `{ "sequence": n }`: acknowledge up to n;
 * - `GET|PUT|DELETE /participants/{dipId}/publication-config`: event-code filter and webhook;
 * - `POST /participants/{dipId}/publications/replay` `{ "fromSequence": n }`: webhook redelivery.
 *
 * Sequences are JSON numbers (safe integers), positions decimal strings. 400 malformed input or a
 * DIP id that is not 10 digits; 404 a DIP id of no participant; 409 a replay without a webhook;
 * 503 `minPosition` not reached in time. Every answer concerns the participant in the path only.
 * Until issue #8 (authentication) the DIP id in the path is trusted.
 */
@Controller('participants/:dipId')
export class ParticipantsController {
  constructor(
    private readonly feed: FeedService,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('publications')
  async publications(
    @Param('dipId') dipId: string,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
    @Query('minPosition') minPosition?: string,
    @Query('maxWaitMs') maxWaitMs?: string,
  ): Promise<FeedPage> {
    if (after !== undefined && !isSequence(after)) {
      throw new BadRequestException(`after must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(after)}`);
    }
    const size = limit ?? '100';
    if (!/^\d{1,4}$/.test(size) || Number(size) < 1 || Number(size) > 1000) {
      throw new BadRequestException(`limit must be a whole number from 1 to 1000, got ${JSON.stringify(size)}`);
    }
    return httpErrors(async () => {
      this.feed.checkParticipant(dipId);
      await this.readYourWrites.await(minPosition, maxWaitMs);
      return this.feed.pull(dipId, after === undefined ? undefined : Number(after), Number(size));
    });
  }

  @Post('publications/ack')
  @HttpCode(200)
  acknowledge(
    @Param('dipId') dipId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body(BODY) body: AcknowledgeDto,
  ): Promise<AckResult> {
    requireJson(contentType, '{"sequence": 42}');
    return httpErrors(() => this.feed.acknowledge(dipId, body.sequence));
  }

  @Post('publications/replay')
  @HttpCode(202)
  replay(
    @Param('dipId') dipId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body(BODY) body: ReplayDto,
  ): Promise<ReplayResult> {
    requireJson(contentType, '{"fromSequence": 1}');
    return httpErrors(() => this.feed.replay(dipId, body.fromSequence));
  }

  @Get('publication-config')
  config(@Param('dipId') dipId: string): Promise<PublicationConfigView> {
    return httpErrors(() => this.feed.config(dipId));
  }

  @Put('publication-config')
  changeConfig(
    @Param('dipId') dipId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body(BODY) body: PublicationConfigDto,
  ): Promise<PublicationConfigView> {
    requireJson(contentType, '{"eventCodes": ["[MSAppActive]"], "webhookUrl": "https://example.org/hook"}');
    return httpErrors(() => this.feed.changeConfig(dipId, parsePublicationConfigChange(body)));
  }

  @Delete('publication-config')
  resetConfig(@Param('dipId') dipId: string): Promise<PublicationConfigView> {
    return httpErrors(() => this.feed.resetConfig(dipId));
  }
}

function isSequence(raw: string): boolean {
  return /^\d{1,16}$/.test(raw) && Number(raw) <= Number.MAX_SAFE_INTEGER;
}

function requireJson(contentType: string | undefined, example: string): void {
  if (contentType === undefined || !/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeException(`send the body as application/json, e.g. ${example} (got ${JSON.stringify(contentType ?? null)})`);
  }
}

/** Runs `work`, turning the feed's errors into HTTP answers (400, 404, 409); anything else passes through. */
async function httpErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FeedRequestError) throw new BadRequestException(error.message);
    if (error instanceof UnknownParticipantError) throw new NotFoundException(error.message);
    if (error instanceof FeedConflictError) throw new ConflictException(error.message);
    throw error;
  }
}
