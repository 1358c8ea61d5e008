import {
  BadRequestException,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
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
import { quoteInput, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import { OwnResource } from '../auth/access';
import { DipIdPipe } from '../http/dip-id.pipe';
import { JsonObjectBody } from '../http/json-body';
import { limitParam, singleValued, WAIT_PARAMS } from '../http/query-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { ACK_BODY, AcknowledgeDto, PUBLICATION_CONFIG_BODY, PublicationConfigDto, REPLAY_BODY, ReplayDto } from './participants.dto';
import { Docs, SignedApi } from '../openapi/operations';

/**
 * The fields of a body `JsonObjectBody` has already checked (content type, a flat JSON object, no
 * unknown field), validated as sent (no transformation), one message per field.
 */
const FIELDS = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: false,
  validateCustomDecorators: true,
  stopAtFirstError: true,
});

/** Query parameters of `GET /participants/{dipId}/publications`. */
const PUBLICATIONS_PARAMS = ['after', 'limit', ...WAIT_PARAMS] as const;

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
 * Sequences are JSON numbers (safe integers), positions decimal strings. 400 malformed input (a
 * DIP id that is not 10 digits, an unknown, repeated or malformed query parameter, a body that is
 * not a flat JSON object of the endpoint's fields, a webhook URL pointing to a non-public address
 * unless `REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS`); 404 a DIP id of no participant; 409 a replay
 * without a webhook; 415 a body that is not `application/json`; 503 `minPosition` not reached in
 * time. Messages quote what was sent cut to a short excerpt. Every answer concerns the
 * participant in the path only, and only that participant may call them (403 `NOT_OWN_RESOURCE`
 * otherwise; docs/security.md).
 */
@Controller('participants/:dipId')
@OwnResource({ param: 'dipId' })
@SignedApi('participants')
export class ParticipantsController {
  constructor(
    private readonly feed: FeedService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(REGISTRY_CONFIG) private readonly registryConfig: RegistryConfig,
  ) {}

  @Get('publications')
  @Docs.publications()
  async publications(@Param('dipId', DipIdPipe) dipId: string, @Query() query: Record<string, unknown>): Promise<FeedPage> {
    const params = singleValued(query, PUBLICATIONS_PARAMS);
    const { after } = params;
    if (after !== undefined && !isSequence(after)) {
      throw new BadRequestException(`after must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${quoteInput(after)}`);
    }
    const limit = limitParam(params.limit);
    return httpErrors(async () => {
      this.feed.checkParticipant(dipId);
      await this.readYourWrites.await(params.minPosition, params.maxWaitMs);
      return this.feed.pull(dipId, after === undefined ? undefined : Number(after), limit);
    });
  }

  @Post('publications/ack')
  @Docs.acknowledge()
  @HttpCode(200)
  acknowledge(@Param('dipId', DipIdPipe) dipId: string, @JsonObjectBody(ACK_BODY, FIELDS) body: AcknowledgeDto): Promise<AckResult> {
    return httpErrors(() => this.feed.acknowledge(dipId, body.sequence));
  }

  @Post('publications/replay')
  @Docs.replay()
  @HttpCode(202)
  replay(@Param('dipId', DipIdPipe) dipId: string, @JsonObjectBody(REPLAY_BODY, FIELDS) body: ReplayDto): Promise<ReplayResult> {
    return httpErrors(() => this.feed.replay(dipId, body.fromSequence));
  }

  @Get('publication-config')
  @Docs.config('The publication config')
  config(@Param('dipId', DipIdPipe) dipId: string, @Query() query: Record<string, unknown>): Promise<PublicationConfigView> {
    singleValued(query, []);
    return httpErrors(() => this.feed.config(dipId));
  }

  @Put('publication-config')
  @Docs.config('Change the publication config', true)
  changeConfig(
    @Param('dipId', DipIdPipe) dipId: string,
    @JsonObjectBody(PUBLICATION_CONFIG_BODY, FIELDS) body: PublicationConfigDto,
  ): Promise<PublicationConfigView> {
    return httpErrors(() => this.feed.changeConfig(dipId, parsePublicationConfigChange(body, this.registryConfig.webhook)));
  }

  @Delete('publication-config')
  @Docs.config('Reset the publication config to its defaults')
  resetConfig(@Param('dipId', DipIdPipe) dipId: string): Promise<PublicationConfigView> {
    return httpErrors(() => this.feed.resetConfig(dipId));
  }
}

function isSequence(raw: string): boolean {
  return /^\d{1,16}$/.test(raw) && Number(raw) <= Number.MAX_SAFE_INTEGER;
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
