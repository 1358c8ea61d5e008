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
  schemaVersion: string;
  senderDipId: string;
  senderRoleId: string;
  senderUniqueReference: string;
  /** The conversation's correlation id: the sender's `senderCorrelationID`, or one we assigned. */
  correlationId: string;
  /** MPAN core as sent (it may be invalid: a rejection with REG0000 records it verbatim). */
  mpanCore: string;
  /** SHA-256 of the canonical JSON of the message payload. */
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
  data: MessageReceiptData;
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

export interface InboundMessageAccepted {
  type: 'InboundMessageAccepted';
  data: MessageOutcomeData;
}

export interface InboundMessageRejected {
  type: 'InboundMessageRejected';
  data: MessageOutcomeData;
}

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
