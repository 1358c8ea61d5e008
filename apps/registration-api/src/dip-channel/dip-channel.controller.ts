import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  UnsupportedMediaTypeException,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { channelIds, isKnownChannel } from '@app/dip-wire';
import { DipAuthenticatedParticipant, DipParticipant } from '@app/dip-auth';
import { Clock, CLOCK, DEFAULT_REQUEST_LIMITS, IntakeService, MessageResult, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import { AccessDeniedException, labelOf } from '../auth/access';
import { IntakeMetricsInterceptor } from '../metrics/intake-metrics.interceptor';
import { Acknowledgement, ackEntryOf, toDt003 } from './acknowledgement';
import { Docs, SignedApi } from '../openapi/operations';

/** Default of the most messages in one submission; the running limit is `config.limits.maxMessagesPerSubmission` (`REGISTRY_MAX_MESSAGES_PER_SUBMISSION`). */
export const MAX_MESSAGES_PER_SUBMISSION = DEFAULT_REQUEST_LIMITS.maxMessagesPerSubmission;

/**
 * The HTTP status of a submission's acknowledgement, from its messages' results, as the DIP
 * answers `POST /dip-channel/{id}` (official OpenAPI 2.2.1: 201 "Messages created", 207 "Some
 * messages created", 400 "Bad Request" with a `StandardResponse` of `MSG1001 - Schema Failure`
 * entries):
 *
 * - **201** every message was processed (accepted or rejected on business rules);
 * - **207** some were processed and some not;
 * - **503** none was processed and the store failed on at least one (`MSG5003`: resend those unchanged);
 * - **400** none was processed, each refused for what the sender sent: a schema failure
 *   (`MSG1001`, with the errors' JSON paths) or a reused `senderUniqueReference` with another
 *   body (`MSG1009`). The body is still the acknowledgement, one entry per message.
 */
export function submissionStatus(results: readonly MessageResult[]): 201 | 207 | 400 | 503 {
  const processed = results.filter((r) => r.status === 'processed').length;
  if (processed === results.length) return 201;
  if (processed > 0) return 207;
  return results.some((r) => r.status === 'not-processed') ? 503 : 400;
}

/**
 * `POST /dip-channel/{channelId}`: submit an array of DIP messages on one channel (the DIP's own
 * endpoint shape). Answers with {@link submissionStatus} (201, 207, 400 or 503) and the
 * acknowledgement; before any message is looked at: 400 when the body is not a non-empty array of
 * message objects, 404 for an unknown channel, 413 past `REGISTRY_MAX_MESSAGES_PER_SUBMISSION`
 * messages (default 1000), 415 unless the body is `application/json`.
 *
 * Authorisation (docs/security.md, ADR 0011): every message's `S1.senderDIPID` must be
 * the participant whose key signed the request, else the whole submission is refused, 403
 * `SENDER_NOT_SIGNER`, before any message is processed (nothing is appended). Whether that
 * participant holds `S1.senderRoleID`, whether the role may send the event, and who may act on
 * which MPAN are the domain's rules, answered per message (LOC001, LOC002, LOC027, …).
 */
@Controller('dip-channel')
@SignedApi('intake')
@UseInterceptors(IntakeMetricsInterceptor)
export class DipChannelController {
  constructor(
    private readonly intake: IntakeService,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':channelId')
  @Docs.submit()
  async submit(
    @Param('channelId') channelId: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @DipParticipant() participant: DipAuthenticatedParticipant,
  ): Promise<Acknowledgement> {
    if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
      throw new UnsupportedMediaTypeException(
        `send the messages as application/json (got ${contentType === undefined ? 'no content type' : JSON.stringify(contentType)})`,
      );
    }
    if (!isKnownChannel(channelId)) {
      throw new NotFoundException(
        `channel ${JSON.stringify(channelId)} is not open on this registry; open channels: ${channelIds().join(', ')}`,
      );
    }
    assertMessageArray(body, this.config.limits.maxMessagesPerSubmission);
    assertOwnMessages(body, participant);
    const results = await this.intake.submit(channelId, body);
    const now = this.clock.now();
    res.status(submissionStatus(results));
    return {
      messageArray: results.map((r) => ackEntryOf(r, this.config.registryDipId, now)),
      timestamp: toDt003(now),
    };
  }
}

function assertMessageArray(body: unknown, maxMessages: number): asserts body is unknown[] {
  if (!Array.isArray(body)) {
    throw new BadRequestException('the body must be a JSON array of DIP messages ([{ "payload": { "CommonBlock": …, "CustomBlock": … } }])');
  }
  if (body.length === 0) throw new BadRequestException('the body is an empty array: send at least one message');
  if (body.length > maxMessages) throw new PayloadTooLarge(body.length, maxMessages);
  const bad = body.findIndex((m) => m === null || typeof m !== 'object' || Array.isArray(m));
  if (bad >= 0) throw new BadRequestException(`element ${bad} of the body is not a message object`);
}

/**
 * A participant submits only its own messages: every message that names a sender
 * (`payload.CommonBlock.S1.senderDIPID`, a well-formed DIP id: 10 digits, DT-006) must name the
 * authenticated participant. A message naming none, or a value that is not a DIP id at all, is left
 * to the schema validation (refused there, `MSG1001` naming the field, nothing stored): a
 * malformed sender is a broken message, not a claim to be someone else.
 * @throws AccessDeniedException `SENDER_NOT_SIGNER` listing the offending messages (at most 5).
 */
function assertOwnMessages(body: unknown[], participant: DipAuthenticatedParticipant): void {
  const claimed = body.flatMap((m, index) => {
    const s1 = (m as { payload?: { CommonBlock?: { S1?: { senderDIPID?: unknown } } } }).payload?.CommonBlock?.S1;
    const sender = s1 !== null && typeof s1 === 'object' ? s1.senderDIPID : undefined;
    return typeof sender === 'string' && /^\d{10}$/.test(sender) && sender !== participant.dipId ? [{ index, sender }] : [];
  });
  if (claimed.length === 0) return;
  const listed = claimed.slice(0, 5).map((c) => `message ${c.index} claims S1.senderDIPID ${JSON.stringify(c.sender.slice(0, 20))}`);
  const more = claimed.length > 5 ? ` and ${claimed.length - 5} more` : '';
  throw new AccessDeniedException(
    'SENDER_NOT_SIGNER',
    `${listed.join('; ')}${more}, but the request is signed by ${labelOf(participant)}: a participant submits only its own messages; nothing in this submission was processed`,
  );
}

/** 413: more than `maxMessages` messages (the errors filter takes the status from `getStatus`). */
class PayloadTooLarge extends BadRequestException {
  constructor(count: number, maxMessages: number) {
    super(`a submission holds at most ${maxMessages} messages, got ${count}; split it into several submissions`);
  }
  override getStatus(): number {
    return 413;
  }
}
