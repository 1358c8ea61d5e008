import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError } from '@app/event-store';
import { toRegistrationCommand, validateDipMessage, ValidatedDipMessage, WireError } from '@app/dip-wire';
import { mpanStreamName, ReferenceData, RejectionReason } from '@app/registration-domain';
import { Clock, CLOCK, ukSettlementDayOf } from '../clock/clock';
import { messageHash } from '../messages/body-hash';
import {
  messageKeyOf,
  MessageOutcomeData,
  MessageReceiptData,
  MessageStreamEvent,
  messageStreamName,
} from '../messages/message-outcome';
import { AppendedToStream, CommandLoopResult, CommitWith } from '../command-loop/handle-command';
import { messageLogFieldsOf, withMessageLogContext } from '../logging/message-log-context';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { ProcessRegistrationCommand } from '../registration/process-registration.command';
import { REGISTRATION_EVENT_SCHEMA_VERSION } from '../registration/process-registration.handler';

/** The result of one inbound message. */
export type MessageResult =
  /** Passed structural validation and got a business outcome (accepted or rejected). */
  | {
      status: 'processed';
      duplicate: boolean;
      outcome: MessageOutcomeData;
      /** Global position of the outcome record (`InboundMessageAccepted`/`Rejected`) in the log. */
      outcomePosition: bigint;
    }
  /** Failed structural validation: nothing was stored. */
  | { status: 'schema-failure'; senderDipId: string | null; senderUniqueReference: string | null; errors: WireError[] }
  /**
   * The idempotency key was used before with a different body: nothing was decided or appended to
   * an MPAN stream (the message stream may still hold the key's `InboundMessageReceived`).
   */
  | { status: 'conflict'; senderDipId: string; senderUniqueReference: string; original: MessageReceiptData }
  /**
   * The store failed (e.g. the database stayed locked): this message and the rest of the
   * submission were not processed and may be resent unchanged (idempotency makes that safe).
   */
  | { status: 'not-processed'; senderDipId: string | null; senderUniqueReference: string | null; reason: string };

/**
 * Message intake: validates each DIP message at the edge, maps it to a domain command, runs it
 * through its command handler, and records the outcome durably in the message's own stream
 * `message-<senderDIPID>-<senderUniqueReference>` (idempotency ledger and feed source; ADR 0004):
 *
 * 1. reserve the key: `InboundMessageReceived` with expected revision `no_stream` (a resend or a
 *    racing copy finds it: same hash → carry on idempotently, other hash → conflict, nothing stored);
 * 2. decide and append to the MPAN stream (the command loop recognises events already appended
 *    under this key, so a retry after a crash appends nothing twice);
 * 3. record `InboundMessageAccepted` / `InboundMessageRejected` at revision 1.
 *
 * On a store with the optional `appendToStreams` (SQLite, PostgreSQL; ADR 0017) the three are ONE
 * commit: the receipt (`no_stream`), the MPAN events (exact revision) and the outcome go in one
 * transaction, so a conflict on either stream writes nothing and no receipt is ever left without
 * its outcome; a rejection, or a message with nothing to append, records receipt and outcome in
 * one append to the message stream. A receipt without an outcome (left by the three-step path, as
 * on EventStoreDB) is carried on as above, its outcome committed with the MPAN events.
 *
 * Messages of one submission are processed in order, one at a time, so a submission on one
 * channel that creates an MPAN and then changes its address works as written.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger('Intake');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commandBus: CommandBus,
  ) {}

  /**
   * Processes a submission (an array of DIP messages) on `channelId`; one result per message, in
   * order. If the store fails, that message and the rest are answered `not-processed` (what was
   * processed before stays processed and is reported as such).
   */
  async submit(channelId: string, messages: unknown[]): Promise<MessageResult[]> {
    const results: MessageResult[] = [];
    let failure: string | null = null;
    for (const raw of messages) {
      // Every log line about this message carries its identifiers (docs/operations.md "Logs").
      const result = await withMessageLogContext(messageLogFieldsOf(channelId, raw), async (): Promise<MessageResult> => {
        if (failure === null) {
          try {
            return logMessageResult(this.logger, await this.processOne(channelId, raw));
          } catch (error) {
            // With the stack: an unexpected error is logged in full, while the sender only learns to resend.
            this.logger.error(`failure while processing a message on ${channelId}; it and the rest of the submission were not processed`, (error as Error).stack);
            failure = 'the registry could not reach its store; this message was not processed, resend it unchanged';
          }
        }
        return logMessageResult(this.logger, { status: 'not-processed', ...senderOf(raw), reason: failure });
      });
      results.push(result);
    }
    return results;
  }

  /**
   * Processes one message. Never throws for bad input.
   * @throws the store's errors (connection, lock timeout); nothing half-done is left behind that a
   *   resend would not complete.
   */
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
    const hash = messageHash(raw);
    const streamName = messageStreamName(message.sender.dipId, message.sender.uniqueReference);

    // A racing copy can take the key (or record its outcome) between our read and our commit: with
    // one commit per message that commit then fails on the message stream with nothing written,
    // and we look at the message stream again (a duplicate or a conflict now).
    for (let attempt = 0; attempt < 3; attempt++) {
      const receipt = await this.reserve(streamName, message, hash, raw);
      if (receipt.kind === 'answered') return receipt.result;
      try {
        return await this.complete(streamName, message, receipt);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError && error.streamName === streamName)) throw error;
      }
    }
    throw new Error(`message stream ${streamName} kept changing under 3 attempts to record this message; nothing was written, try again`);
  }

  /**
   * Decides the message whose key is reserved (or, with one commit per message, about to be: its
   * receipt is `pending`) and records the outcome.
   * @throws WrongExpectedRevisionError naming `streamName` when a racing copy took the key or
   *   recorded its outcome first and this call wrote nothing.
   */
  private async complete(
    streamName: string,
    message: ValidatedDipMessage,
    receipt: { data: MessageReceiptData; pending: NewEvent | null },
  ): Promise<MessageResult> {
    const oneCommit = this.store.appendToStreams !== undefined;
    const outcome = await this.decideOutcome(message, receipt.data, oneCommit ? { streamName, receipt: receipt.pending } : undefined);
    if (outcome === 'key-reused') {
      return { status: 'conflict', senderDipId: message.sender.dipId, senderUniqueReference: message.sender.uniqueReference, original: receipt.data };
    }
    if (outcome.kind === 'committed') {
      return { status: 'processed', duplicate: false, outcome: outcome.data, outcomePosition: outcome.outcomePosition };
    }
    const record = messageStreamEvent({
      type: outcome.data.responseCode === 'A' ? 'InboundMessageAccepted' : 'InboundMessageRejected',
      data: outcome.data,
    });
    try {
      // A pending receipt and the outcome: one append of two events (revisions 0 and 1).
      const recorded = receipt.pending
        ? await this.store.appendToStream(streamName, 'no_stream', [receipt.pending, record])
        : await this.store.appendToStream(streamName, 0n, [record]);
      return { status: 'processed', duplicate: false, outcome: outcome.data, outcomePosition: recorded.lastPosition };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || receipt.pending) throw error;
      // A racing copy of the same message recorded the outcome first: answer as a resend.
      const winner = outcomeOf(await this.store.readStream(streamName));
      if (winner) return { status: 'processed', duplicate: true, ...winner };
      throw error;
    }
  }

  /**
   * Reserves the message key, or answers from what the message stream already holds: the recorded
   * outcome (duplicate), a conflict (same key, other body), or a reservation of the same body whose
   * processing did not finish (carry on, `pending: null`). With one commit per message (a store
   * with `appendToStreams`) a new key's receipt is not appended here but returned as `pending`, to
   * be committed with the outcome.
   */
  private async reserve(
    streamName: string,
    message: ValidatedDipMessage,
    hash: string,
    raw: unknown,
  ): Promise<{ kind: 'answered'; result: MessageResult } | { kind: 'carry-on'; data: MessageReceiptData; pending: NewEvent | null }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const recorded = await this.store.readStream(streamName);
      if (recorded.length > 0) {
        // The receipt also holds the message as received (`message`), not part of the answer.
        const { message: _message, ...first } = recorded[0]!.data as unknown as MessageReceiptData & { message?: unknown };
        if (first.bodyHash !== hash) {
          return {
            kind: 'answered',
            result: { status: 'conflict', senderDipId: message.sender.dipId, senderUniqueReference: message.sender.uniqueReference, original: first },
          };
        }
        const outcome = outcomeOf(recorded);
        if (outcome) return { kind: 'answered', result: { status: 'processed', duplicate: true, ...outcome } };
        return { kind: 'carry-on', data: first, pending: null };
      }
      const receivedAt = this.clock.now();
      const data: MessageReceiptData = {
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
      // The message as received is kept with its receipt: the feed echoes it in a rejection to
      // the originator (IF-032 …) and auditors can see exactly what was sent.
      const receipt = messageStreamEvent({ type: 'InboundMessageReceived', data: { ...data, message: raw } });
      if (this.store.appendToStreams) return { kind: 'carry-on', data, pending: receipt };
      try {
        await this.store.appendToStream(streamName, 'no_stream', [receipt]);
        return { kind: 'carry-on', data, pending: null };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // A copy of this key was reserved between our read and our append: look again.
      }
    }
    throw new Error(
      `could not reserve message stream ${streamName}: it was created and then could not be read twice in a row (the store is inconsistent or failing)`,
    );
  }

  /**
   * Maps and decides the message. With `commit` (a store with `appendToStreams`) an acceptance that
   * appends MPAN events is committed with the message stream's records — the `commit.receipt` when
   * pending, then the outcome — in one transaction (`committed`); otherwise the outcome is returned
   * for the caller to record (`decided`).
   */
  private async decideOutcome(
    message: ValidatedDipMessage,
    receipt: MessageReceiptData,
    commit?: { streamName: string; receipt: NewEvent | null },
  ): Promise<{ kind: 'decided'; data: MessageOutcomeData } | { kind: 'committed'; data: MessageOutcomeData; outcomePosition: bigint } | 'key-reused'> {
    const rejected = (reasons: RejectionReason[], streamName: string | null = null, revision: bigint | null = null): MessageOutcomeData => ({
      ...receipt,
      responseCode: 'R',
      reasons,
      streamName,
      streamRevision: revision === null ? null : revision.toString(),
      positions: [],
      eventTypes: [],
    });

    const mapped = toRegistrationCommand(message, this.referenceData, { today: ukSettlementDayOf(receipt.receivedAt) });
    if (!mapped.ok) return { kind: 'decided', data: rejected(mapped.reasons) };

    const streamName = mpanStreamName(mapped.command.mpanCore);
    const accepted = (appended: AppendedToStream): MessageOutcomeData => ({
      ...receipt,
      responseCode: 'A',
      reasons: [],
      notes: appended.notes,
      streamName,
      streamRevision: appended.streamRevision.toString(),
      positions: appended.positions.map(String),
      eventTypes: appended.eventTypes,
    });
    const commitWith: CommitWith | undefined = commit && {
      ...(commit.receipt ? { before: { streamName: commit.streamName, expectedRevision: 'no_stream' as const, events: [commit.receipt] } } : {}),
      // The outcome follows the receipt (revision 0), whether committed now or before.
      after: {
        streamName: commit.streamName,
        expectedRevision: 0n,
        events: (appended) => [messageStreamEvent({ type: 'InboundMessageAccepted', data: accepted(appended) })],
      },
    };
    const result: CommandLoopResult = await this.commandBus.execute(
      new ProcessRegistrationCommand(
        mapped.command,
        {
          messageKey: messageKeyOf(receipt.senderDipId, receipt.senderUniqueReference),
          bodyHash: receipt.bodyHash,
          channelId: receipt.channelId,
          eventCode: receipt.eventCode,
          senderDipId: receipt.senderDipId,
          senderRoleId: receipt.senderRoleId,
          correlationId: receipt.correlationId,
          receivedAt: receipt.receivedAt,
        },
        commitWith,
      ),
    );
    if (result.kind === 'rejected') return { kind: 'decided', data: rejected(result.reasons, streamName, result.streamRevision) };
    // Events under this key with another body can only predate key reservation: never reuse them.
    if (result.kind === 'already-applied' && result.bodyHash !== receipt.bodyHash) return 'key-reused';
    const data = accepted({ ...result, notes: result.kind === 'appended' ? result.notes : [] });
    if (result.kind === 'appended' && result.committedWith) {
      return { kind: 'committed', data, outcomePosition: result.committedWith.after.lastPosition };
    }
    return { kind: 'decided', data };
  }

}

/**
 * Logs one line for a message's result (`info`; `warn` when it was not processed), in the
 * message's log context, and returns the result: `outcome` (accepted, rejected, duplicate,
 * schema-failure, conflict, not-processed), the REG/local codes of a rejection, the schema errors'
 * paths, the log position of the outcome, and the correlation id the outcome records (the
 * registry's own when the sender gave none).
 */
function logMessageResult(logger: Logger, result: MessageResult): MessageResult {
  if (result.status === 'processed') {
    const outcome = result.duplicate ? 'duplicate' : result.outcome.responseCode === 'A' ? 'accepted' : 'rejected';
    const codes = result.outcome.reasons.map((reason) => reason.code);
    logger.log({
      msg: `message ${outcome}`,
      outcome,
      correlationId: result.outcome.correlationId,
      ...(codes.length > 0 ? { codes } : {}),
      position: result.outcomePosition.toString(),
    });
  } else if (result.status === 'schema-failure') {
    logger.log({ msg: 'message failed the schema', outcome: 'schema-failure', errors: result.errors.slice(0, 10).map((e) => e.path) });
  } else if (result.status === 'conflict') {
    logger.log({ msg: 'message reference reused with a different body', outcome: 'conflict' });
  } else {
    logger.warn({ msg: 'message not processed', outcome: 'not-processed' });
  }
  return result;
}

/** A record of the message stream (receipt or outcome) as appended, with its metadata. */
function messageStreamEvent(event: MessageStreamEvent): NewEvent {
  const key = messageKeyOf(event.data.senderDipId, event.data.senderUniqueReference);
  return {
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      schemaVersion: REGISTRATION_EVENT_SCHEMA_VERSION,
      eventId: randomUUID(),
      correlationId: event.data.correlationId,
      causationId: key,
      messageKey: key,
      senderDipId: event.data.senderDipId,
    },
  };
}

/** The recorded outcome in a message stream (revision 1), if processing finished. */
function outcomeOf(recorded: RecordedEvent[]): { outcome: MessageOutcomeData; outcomePosition: bigint } | undefined {
  const record = recorded.find((e) => e.type === 'InboundMessageAccepted' || e.type === 'InboundMessageRejected');
  return record && { outcome: record.data as unknown as MessageOutcomeData, outcomePosition: record.position };
}

/** Best-effort sender identity of a raw message, for answers about messages we could not process. */
function senderOf(raw: unknown): { senderDipId: string | null; senderUniqueReference: string | null } {
  const s1 = (raw as { payload?: { CommonBlock?: { S1?: Record<string, unknown> } } } | null)?.payload?.CommonBlock?.S1;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { senderDipId: text(s1?.senderDIPID), senderUniqueReference: text(s1?.senderUniqueReference) };
}

/** A DIP-style correlation id (DT-011, ≤ 60 chars) for a conversation the sender did not name. */
function assignedCorrelationId(receivedAt: string, hash: string): string {
  return `CI-${receivedAt.slice(0, 10).replace(/-/g, '')}-${hash.slice(0, 32)}`;
}
