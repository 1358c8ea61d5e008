import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@app/event-store';
import {
  toRegistrationCommand,
  validateDipMessage,
  ValidatedDipMessage,
  WireError,
} from '@app/dip-wire';
import { mpanStreamName, ReferenceData, RejectionReason } from '@app/registration-domain';
import { Clock, CLOCK } from '../clock/clock';
import { bodyHash } from '../messages/body-hash';
import {
  messageKeyOf,
  MessageOutcomeData,
  MessageOutcomeEvent,
  messageStreamName,
} from '../messages/message-outcome';
import { CommandLoopResult } from '../command-loop/handle-command';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { ProcessRegistrationCommand } from '../registration/process-registration.command';
import { REGISTRATION_EVENT_SCHEMA_VERSION } from '../registration/process-registration.handler';

/** The result of one inbound message. */
export type MessageResult =
  /** Passed structural validation and got a business outcome (accepted or rejected). */
  | { status: 'processed'; duplicate: boolean; outcome: MessageOutcomeData }
  /** Failed structural validation: nothing was stored. */
  | { status: 'schema-failure'; senderDipId: string | null; senderUniqueReference: string | null; errors: WireError[] }
  /** The idempotency key was used before with a different body: nothing was stored. */
  | { status: 'conflict'; senderDipId: string; senderUniqueReference: string; original: MessageOutcomeData };

/**
 * Message intake: validates each DIP message at the edge, maps it to a domain command, runs it
 * through its command handler, and records the outcome durably in the message's own stream
 * (idempotency ledger and feed source; docs/adr/0004-idempotency-and-outcomes.md).
 *
 * Messages of one submission are processed in order, one at a time, so a submission that creates
 * an MPAN and then registers a supplier works as written.
 */
@Injectable()
export class IntakeService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commandBus: CommandBus,
  ) {}

  /** Processes a submission (an array of DIP messages) on `channelId`; one result per message. */
  async submit(channelId: string, messages: unknown[]): Promise<MessageResult[]> {
    const results: MessageResult[] = [];
    for (const raw of messages) results.push(await this.processOne(channelId, raw));
    return results;
  }

  /** Processes one message. Never throws for bad input; store failures propagate. */
  async processOne(channelId: string, raw: unknown): Promise<MessageResult> {
    const validation = validateDipMessage(channelId, raw);
    if (!validation.ok) {
      return {
        status: 'schema-failure',
        senderDipId: validation.senderDipId,
        senderUniqueReference: validation.senderUniqueReference,
        errors: validation.errors,
      };
    }
    const message = validation.message;
    const hash = bodyHash(raw);
    const streamName = messageStreamName(message.sender.dipId, message.sender.uniqueReference);

    const earlier = await this.recordedOutcome(streamName);
    if (earlier) return this.resendResult(message, earlier, hash);

    const receivedAt = this.clock.now();
    const base: Omit<MessageOutcomeData, 'responseCode' | 'reasons' | 'streamName' | 'streamRevision' | 'positions' | 'eventTypes'> = {
      channelId: message.channelId,
      eventCode: message.eventCode,
      schemaVersion: message.schemaVersion,
      senderDipId: message.sender.dipId,
      senderRoleId: message.sender.roleId,
      senderUniqueReference: message.sender.uniqueReference,
      correlationId: message.sender.correlationId ?? assignedCorrelationId(receivedAt, hash),
      mpanCore: message.mpan.mpanCore,
      bodyHash: hash,
      receivedAt,
    };

    let outcome: MessageOutcomeData;
    try {
      outcome = await this.decideOutcome(message, base);
    } catch (error) {
      if (!(error instanceof ReusedKeyError)) throw error;
      // Record the original's outcome so later resends of either body are answered from the ledger.
      await this.recordOutcome(streamName, error.original).catch((e: unknown) => {
        if (!(e instanceof WrongExpectedRevisionError)) throw e; // already recorded by a racing resend
      });
      return { status: 'conflict', senderDipId: message.sender.dipId, senderUniqueReference: message.sender.uniqueReference, original: error.original };
    }
    try {
      await this.recordOutcome(streamName, outcome);
    } catch (error) {
      // A concurrent resend of the same key recorded its outcome first: answer as a resend.
      if (error instanceof WrongExpectedRevisionError) {
        const winner = await this.recordedOutcome(streamName);
        if (winner) return this.resendResult(message, winner, hash);
      }
      throw error;
    }
    return { status: 'processed', duplicate: false, outcome };
  }

  private async decideOutcome(
    message: ValidatedDipMessage,
    base: Omit<MessageOutcomeData, 'responseCode' | 'reasons' | 'streamName' | 'streamRevision' | 'positions' | 'eventTypes'>,
  ): Promise<MessageOutcomeData> {
    const rejected = (reasons: RejectionReason[], streamName: string | null = null, revision: bigint | null = null) => ({
      ...base,
      responseCode: 'R' as const,
      reasons,
      streamName,
      streamRevision: revision === null ? null : revision.toString(),
      positions: [],
      eventTypes: [],
    });

    const mapped = toRegistrationCommand(message, this.referenceData);
    if (!mapped.ok) return rejected(mapped.reasons);

    const result: CommandLoopResult = await this.commandBus.execute(
      new ProcessRegistrationCommand(mapped.command, {
        messageKey: messageKeyOf(base.senderDipId, base.senderUniqueReference),
        bodyHash: base.bodyHash,
        channelId: base.channelId,
        eventCode: base.eventCode,
        senderDipId: base.senderDipId,
        senderRoleId: base.senderRoleId,
        correlationId: base.correlationId,
        receivedAt: base.receivedAt,
      }),
    );
    const streamName = mpanStreamName(mapped.command.mpanCore);
    if (result.kind === 'rejected') return rejected(result.reasons, streamName, result.streamRevision);
    if (result.kind === 'already-applied' && result.bodyHash !== base.bodyHash) {
      // The key's events are in the MPAN stream but with another body: the outcome record was lost
      // (a stop between the two appends) and this is a different message under a used key.
      throw new ReusedKeyError({
        ...base,
        bodyHash: result.bodyHash ?? '',
        responseCode: 'A',
        reasons: [],
        streamName,
        streamRevision: result.streamRevision.toString(),
        positions: result.positions.map(String),
        eventTypes: result.eventTypes,
      });
    }
    return {
      ...base,
      responseCode: 'A',
      reasons: [],
      streamName,
      streamRevision: result.streamRevision.toString(),
      positions: result.positions.map(String),
      eventTypes: result.eventTypes,
    };
  }

  /** Appends the outcome event to the message's own stream (`no_stream`: the idempotency lock). */
  private async recordOutcome(streamName: string, outcome: MessageOutcomeData): Promise<void> {
    const event: MessageOutcomeEvent = {
      type: outcome.responseCode === 'A' ? 'InboundMessageAccepted' : 'InboundMessageRejected',
      data: outcome,
    };
    const key = messageKeyOf(outcome.senderDipId, outcome.senderUniqueReference);
    await this.store.appendToStream(streamName, 'no_stream', [
      {
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: {
          schemaVersion: REGISTRATION_EVENT_SCHEMA_VERSION,
          eventId: randomUUID(),
          correlationId: outcome.correlationId,
          causationId: key,
          messageKey: key,
          senderDipId: outcome.senderDipId,
        },
      },
    ]);
  }

  private async recordedOutcome(streamName: string): Promise<MessageOutcomeData | undefined> {
    const recorded = await this.store.readStream(streamName, { maxCount: 1 });
    return recorded[0]?.data as unknown as MessageOutcomeData | undefined;
  }

  private resendResult(message: ValidatedDipMessage, earlier: MessageOutcomeData, hash: string): MessageResult {
    if (earlier.bodyHash === hash) return { status: 'processed', duplicate: true, outcome: earlier };
    return {
      status: 'conflict',
      senderDipId: message.sender.dipId,
      senderUniqueReference: message.sender.uniqueReference,
      original: earlier,
    };
  }
}

/** Internal: the message key's events exist in the MPAN stream with a different body hash. */
class ReusedKeyError extends Error {
  constructor(readonly original: MessageOutcomeData) {
    super('message key reused with a different body');
  }
}

/** A DIP-style correlation id (DT-011, ≤ 60 chars) for a conversation the sender did not name. */
function assignedCorrelationId(receivedAt: string, hash: string): string {
  return `CI-${receivedAt.slice(0, 10).replace(/-/g, '')}-${hash.slice(0, 32)}`;
}
