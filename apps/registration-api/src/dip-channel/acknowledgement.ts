import { createHash } from 'node:crypto';
import { MessageOutcomeData, MessageReceiptData, MessageResult } from '@app/registration-app';

/** DIP message code (`message`, DT-005): the message was processed; its business outcome is in `outcome`. */
export const MSG_SUCCESS = 'MSG0000 - Success';
/** DIP message code (`message`, DT-005): the message failed structural validation; nothing was stored. */
export const MSG_SCHEMA_FAILURE = 'MSG1001 - Schema Failure';
/** Local code: the senderUniqueReference was used before with a different body (docs/api.md). */
export const MSG_REFERENCE_CONFLICT = 'MSG1009 - Sender Unique Reference Conflict';
/** Local code: the registry could not reach its store; the message was not processed (resend it). */
export const MSG_NOT_PROCESSED = 'MSG5003 - Registry Unavailable';

/** The business outcome we add to each DIP acknowledgement entry (positions as decimal strings). */
export interface AckOutcome {
  responseCode: 'A' | 'R';
  responseMessages: Array<{ code: string; rule: string; message: string }>;
  duplicate: boolean;
  mpanCore: string;
  streamName: string | null;
  streamRevision: string | null;
  /** Log position of the message's effect: its last MPAN event, or its rejection record (decimal string). */
  position: string;
  eventTypes: string[];
  receivedAt: string;
}

/** One entry of the `messageArray` (official `StandardResponseBodyType`, extended with `outcome`/`errors`). */
export interface AckEntry {
  transactionID: string | null;
  senderUniqueReference: string | null;
  correlationID: string | null;
  sentTimestamp: string;
  senderID: string;
  recipientID: string | null;
  DIPConnectionProviderID: string | null;
  message: string;
  help: string | null;
  serviceTicketURL: string | null;
  outcome: AckOutcome | null;
  errors?: Array<{ path: string; message: string }>;
}

/** The acknowledgement body (`StandardResponse`). */
export interface Acknowledgement {
  messageArray: AckEntry[];
  timestamp: string;
}

/** A UTC instant as DT-003 (`YYYY-MM-DDTHH:MM:SS+00:00`, 25 characters). */
export function toDt003(instant: string): string {
  return `${new Date(instant).toISOString().slice(0, 19)}+00:00`;
}

/**
 * Builds the acknowledgement entry of one message result. `registryDipId` is this registry's
 * DIP id (the `senderID` of the acknowledgement); the `recipientID` is the message's sender.
 */
export function ackEntryOf(result: MessageResult, registryDipId: string, now: string): AckEntry {
  const sentTimestamp = toDt003(now);
  switch (result.status) {
    case 'processed':
      return {
        ...common(result.outcome, registryDipId, sentTimestamp),
        message: MSG_SUCCESS,
        help: null,
        outcome: outcomeOf(result.outcome, result.duplicate, result.outcomePosition),
      };
    case 'conflict':
      return {
        ...common(result.original, registryDipId, sentTimestamp),
        transactionID: null,
        message: MSG_REFERENCE_CONFLICT,
        help: `senderUniqueReference ${result.senderUniqueReference} was already used by ${result.senderDipId} with a different message body (first received ${result.original.receivedAt}); nothing was stored. Send a new message with a new senderUniqueReference.`,
        outcome: null,
      };
    case 'schema-failure':
      return {
        transactionID: null,
        senderUniqueReference: result.senderUniqueReference,
        correlationID: null,
        sentTimestamp,
        senderID: registryDipId,
        recipientID: result.senderDipId,
        DIPConnectionProviderID: null,
        message: MSG_SCHEMA_FAILURE,
        help: `${result.errors.length} schema error(s); nothing was stored: ${result.errors
          .slice(0, 3)
          .map((e) => `${e.path}: ${e.message}`)
          .join('; ')}${result.errors.length > 3 ? '; …' : ''}`,
        serviceTicketURL: null,
        outcome: null,
        errors: result.errors,
      };
    case 'not-processed':
      return {
        transactionID: null,
        senderUniqueReference: result.senderUniqueReference,
        correlationID: null,
        sentTimestamp,
        senderID: registryDipId,
        recipientID: result.senderDipId,
        DIPConnectionProviderID: null,
        message: MSG_NOT_PROCESSED,
        help: result.reason,
        serviceTicketURL: null,
        outcome: null,
      };
    default: {
      const never: never = result;
      throw new Error(`unknown result ${JSON.stringify(never)}`);
    }
  }
}

function common(o: MessageReceiptData, registryDipId: string, sentTimestamp: string) {
  return {
    transactionID: transactionIdOf(o),
    senderUniqueReference: o.senderUniqueReference,
    correlationID: o.correlationId,
    sentTimestamp,
    senderID: registryDipId,
    recipientID: o.senderDipId,
    DIPConnectionProviderID: null,
    serviceTicketURL: null,
  };
}

function outcomeOf(o: MessageOutcomeData, duplicate: boolean, outcomePosition: bigint): AckOutcome {
  return {
    responseCode: o.responseCode,
    // R0 responseMessages: the broken rules of a rejection, or informational notes (REG1089) of an acceptance.
    responseMessages: [...o.reasons, ...(o.notes ?? [])],
    duplicate,
    mpanCore: o.mpanCore,
    streamName: o.streamName,
    streamRevision: o.streamRevision,
    // Where the message's effect is in the log: its last MPAN event, or (a rejection appends none)
    // its rejection record, which the originator's feed item comes from. `?minPosition=` on any view
    // read with this value sees everything the message caused.
    position: o.positions.length > 0 ? o.positions[o.positions.length - 1]! : outcomePosition.toString(),
    eventTypes: o.eventTypes,
    receivedAt: o.receivedAt,
  };
}

/** DIP-style transaction id (DT-014, ≤ 65 chars), stable for a message: same key, same id. */
function transactionIdOf(o: MessageReceiptData): string {
  const day = o.receivedAt.slice(0, 10).replace(/-/g, '');
  const ref = createHash('sha256').update(`${o.senderDipId}:${o.senderUniqueReference}`).digest('hex').slice(0, 16);
  return `T-${o.channelId}-${o.senderDipId}-${o.senderRoleId}-${day}-${ref}`.slice(0, 65);
}
