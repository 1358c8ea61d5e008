import { RejectionReason } from '@app/registration-domain';

/**
 * The recorded outcome of one inbound message, appended once to the message's own stream
 * `message-<senderDIPID>-<senderUniqueReference>` after its `InboundMessageReceived` reservation
 * (see docs/adr/0004-idempotency-and-message-outcomes.md).
 *
 * It is the idempotency ledger (a resend finds it and gets the same answer back) and the source of
 * the notification feed: an acceptance goes to every entitled party, a rejection only to the
 * originator. Positions are decimal strings (64-bit, JSON has no bigint).
 */
export interface MessageOutcomeData {
  channelId: string;
  eventCode: string;
  /** The DIP message's own schema version as sent (not the version of this event's data shape). */
  schemaVersion: string;
  senderDipId: string;
  senderRoleId: string;
  senderUniqueReference: string;
  /** The conversation's correlation id: the sender's `senderCorrelationID`, or one we assigned. */
  correlationId: string;
  /** MPAN core as sent (it may be invalid: a rejection with REG0000 records it verbatim). */
  mpanCore: string;
  /**
   * Idempotency hash of the message (`messageHash` in ./body-hash.ts): SHA-256 (hex) of its canonical JSON
   * without `S1.senderTimestamp` and `A0`, so a retransmission hashes alike.
   */
  bodyHash: string;
  /** UTC instant the registry received the message. */
  receivedAt: string;
  /** `A` accepted or `R` rejected (DI-979). */
  responseCode: 'A' | 'R';
  /** Every broken rule (empty when accepted). */
  reasons: RejectionReason[];
  /** Informational messages about an accepted message, e.g. REG1089 (absent in outcomes recorded before they existed). */
  notes?: RejectionReason[];
  /** The MPAN stream the accepted events went to, with its revision and positions after the append. */
  streamName: string | null;
  streamRevision: string | null;
  positions: string[];
  /** Types of the events appended for this message. */
  eventTypes: string[];
}

/**
 * The first event of every message stream: the idempotency key is reserved for this body before
 * anything is decided or appended elsewhere (ADR 0004). Data: the outcome fields known on receipt.
 */
export interface InboundMessageReceived {
  type: 'InboundMessageReceived';
  /** `message`: the DIP message exactly as received (plain JSON); absent in receipts recorded before it was kept. */
  data: MessageReceiptData & { message?: unknown };
}

/** What is known of a message on receipt (before any decision). */
export type MessageReceiptData = Pick<
  MessageOutcomeData,
  | 'channelId'
  | 'eventCode'
  | 'schemaVersion'
  | 'senderDipId'
  | 'senderRoleId'
  | 'senderUniqueReference'
  | 'correlationId'
  | 'mpanCore'
  | 'bodyHash'
  | 'receivedAt'
>;

/** The message passed every rule and its events were appended (`responseCode` `A`); revision 1 of its stream. */
export interface InboundMessageAccepted {
  type: 'InboundMessageAccepted';
  data: MessageOutcomeData;
}

/** The message broke at least one rule (`responseCode` `R`, `reasons` with their REG codes); revision 1 of its stream. */
export interface InboundMessageRejected {
  type: 'InboundMessageRejected';
  data: MessageOutcomeData;
}

/** The recorded outcome of a message: accepted or rejected. */
export type MessageOutcomeEvent = InboundMessageAccepted | InboundMessageRejected;

/** Every event type of a message stream. */
export type MessageStreamEvent = InboundMessageReceived | MessageOutcomeEvent;

/** Prefix of every message-outcome stream. */
export const MESSAGE_STREAM_PREFIX = 'message-';

/** The outcome stream of a message: `message-<senderDIPID>-<senderUniqueReference>`. */
export function messageStreamName(senderDipId: string, senderUniqueReference: string): string {
  return `${MESSAGE_STREAM_PREFIX}${senderDipId}-${senderUniqueReference}`;
}

/** The idempotency key of a message: `<senderDIPID>:<senderUniqueReference>`. */
export function messageKeyOf(senderDipId: string, senderUniqueReference: string): string {
  return `${senderDipId}:${senderUniqueReference}`;
}
