import { MpanCommand } from '@app/registration-domain';
import type { CommitWith } from '../command-loop/handle-command';

/** Provenance of the message a command came from, carried into every event's metadata. */
export interface MessageProvenance {
  /** Idempotency key, `<senderDIPID>:<senderUniqueReference>` (`messageKeyOf`). */
  messageKey: string;
  /**
   * What a resend under the same key is compared with: the message's idempotency hash
   * (`messageHash`, SHA-256 hex) for DIP messages; the run reference for day-start's own commands.
   */
  bodyHash: string;
  /** DIP channel the message came in on (`REGS-DAY-START` for day-start). */
  channelId: string;
  /** DIP event code, e.g. `[MPANCreation]` (`[DayStart]` for day-start). */
  eventCode: string;
  senderDipId: string;
  senderRoleId: string;
  correlationId: string;
  /** UTC instant the registry received the message. */
  receivedAt: string;
}

/**
 * Nest command: run an MPAN command (registration, appointment, metering, energisation, network,
 * supplier data or day-start) through the command loop for its MPAN stream. Handled by
 * `ProcessRegistrationHandler`, which resolves to a `CommandLoopResult`. `commitWith`: the
 * message's receipt and outcome, committed in the same transaction as the MPAN events when the
 * store can (ADR 0017; see `handleCommand`).
 */
export class ProcessRegistrationCommand {
  constructor(
    readonly command: MpanCommand,
    readonly provenance: MessageProvenance,
    readonly commitWith?: CommitWith,
  ) {}
}
