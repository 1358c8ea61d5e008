import { MpanCommand } from '@app/registration-domain';

/** Provenance of the message a command came from, carried into every event's metadata. */
export interface MessageProvenance {
  messageKey: string;
  /** SHA-256 of the canonical message body. */
  bodyHash: string;
  channelId: string;
  eventCode: string;
  senderDipId: string;
  senderRoleId: string;
  correlationId: string;
  /** UTC instant the registry received the message. */
  receivedAt: string;
}

/** Nest command: run an MPAN command (registration or appointment) through the command loop for its MPAN stream. */
export class ProcessRegistrationCommand {
  constructor(
    readonly command: MpanCommand,
    readonly provenance: MessageProvenance,
  ) {}
}
