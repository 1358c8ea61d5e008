import { eventCodesOf } from '@app/dip-wire';
import { AckEntry, MSG_NOT_PROCESSED, MSG_REFERENCE_CONFLICT, MSG_SCHEMA_FAILURE, MSG_SUCCESS } from '../dip-channel/acknowledgement';

/** What happened to one inbound message, as the metrics count it. */
export type MessageOutcomeLabel = 'accepted' | 'rejected' | 'duplicate' | 'schema_failure' | 'reference_conflict' | 'not_processed';

/** One message of a submission, labelled for `regs_messages_received_total`. */
export interface CountedMessage {
  /** The channel (`IF-031`, `REGS-LDSO`, …). */
  channel: string;
  /** `S0.eventCode` when it is an event of the channel (`[MSApp]`), else `unknown` (bounded label values). */
  eventCode: string;
  outcome: MessageOutcomeLabel;
  /**
   * For `rejected`, the first reason's code (`REG1034`, `REG0000`, …); otherwise the DIP message
   * code of the entry: `MSG0000` (accepted, duplicate), `MSG1001`, `MSG1009`, `MSG5003`.
   */
  code: string;
  /** Every reason code of a rejection, in order (empty otherwise). */
  reasonCodes: string[];
}

/** The DIP message code (`MSG0000`) of an acknowledgement's `message` (`MSG0000 - Success`). */
function messageCode(message: string): string {
  return message.split(' ')[0] ?? message;
}

/** The event code a message names, when the channel has it; `unknown` for anything else (never the raw text). */
function eventCodeOf(channelId: string, message: unknown): string {
  const code = (message as { payload?: { CommonBlock?: { S0?: { eventCode?: unknown } } } } | null)?.payload?.CommonBlock?.S0?.eventCode;
  return typeof code === 'string' && eventCodesOf(channelId).includes(code) ? code : 'unknown';
}

/**
 * Labels each message of a submission from the request body (`messages`, the array sent) and the
 * acknowledgement's entries (one per message, same order): accepted / rejected (with its REG codes)
 * / duplicate (a resend answered with the recorded outcome) / schema_failure (MSG1001) /
 * reference_conflict (MSG1009) / not_processed (MSG5003). Pure; an entry without a message beside
 * it is labelled `unknown` event code.
 */
export function countedMessages(channelId: string, messages: readonly unknown[], entries: readonly AckEntry[]): CountedMessage[] {
  return entries.map((entry, i) => {
    const eventCode = eventCodeOf(channelId, messages[i]);
    const base = { channel: channelId, eventCode, reasonCodes: [] as string[] };
    switch (entry.message) {
      case MSG_SUCCESS: {
        const outcome = entry.outcome;
        if (outcome?.duplicate === true) return { ...base, outcome: 'duplicate', code: messageCode(entry.message) };
        if (outcome?.responseCode !== 'R') return { ...base, outcome: 'accepted', code: messageCode(entry.message) };
        const reasonCodes = outcome.responseMessages.map((r) => r.code);
        return { ...base, outcome: 'rejected', code: reasonCodes[0] ?? 'none', reasonCodes };
      }
      case MSG_SCHEMA_FAILURE:
        return { ...base, outcome: 'schema_failure', code: messageCode(entry.message) };
      case MSG_REFERENCE_CONFLICT:
        return { ...base, outcome: 'reference_conflict', code: messageCode(entry.message) };
      case MSG_NOT_PROCESSED:
      default:
        return { ...base, outcome: 'not_processed', code: messageCode(entry.message) };
    }
  });
}
