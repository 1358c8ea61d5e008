import { CreatedMpanState, MpanEvent, PublicationIssued, PublicationRecipient, ReferenceData } from '@app/registration-domain';

/**
 * Types of the DIP egress renderer (docs/egress.md): what the registry sends out, in the official
 * JSON shape of the DIP OpenAPI 2.2.1 document (`components.schemas`, schema version 011).
 */

/** D0 block of an egress message (DIP Block, `components.schemas.D0`). */
export interface EgressD0 {
  /** DT-014 (≤ 65 characters). */
  transactionID: string;
  /** DT-003 date-time (25 characters, `YYYY-MM-DDTHH:MM:SS+00:00`): when the event was recorded. */
  transactionTimestamp: string;
  /** DI-986 (7–8 characters), `PUB-nnn`. */
  publicationID: string;
  /** DT-011N (≤ 60 characters) or `null`. */
  initialCorrelationID: string | null;
  /** DI-988: `true` when delivered again from the log (a replay). */
  replayIndicator: boolean;
  serviceTicketURL: null;
}

/** An egress message: CommonBlock {S0, S1, D0, M0, R0?} + CustomBlock, plain JSON. */
export interface EgressMessage {
  CommonBlock: Record<string, unknown> & { S0: { interfaceID: string; schemaVersion: string; eventCode: string } };
  CustomBlock: Record<string, unknown>;
}

/**
 * Who sends an egress message and how it is identified. Every value is data (no clock, no id
 * generator inside the renderer): the caller derives them deterministically from the log so that
 * rebuilding the feed gives identical messages (see {@link egressSenderReference},
 * {@link deterministicTransactionId}, {@link egressPublicationId}).
 */
export interface EgressIdentity {
  /** S1.senderDIPID and S1.DIPConnectionProviderID (sender role `REGS`): 10 characters (DT-006). */
  registryDipId: string;
  /** S1.senderUniqueReference: must match DT-995 (`S-IF-037-9000000002-REGS-20250401-p42i0`). */
  senderUniqueReference: string;
  /** D0.transactionID (DT-014: a string of 1–65 characters). */
  transactionId: string;
  /** D0.publicationID (DI-986: `PUB-nnn`, 7–8 characters). */
  publicationId: string;
  /** S1.senderCorrelationID and D0.initialCorrelationID (DT-011N: 1–60 characters), or `null`. */
  correlationId: string | null;
  /** UTC instant (ISO 8601 ending in `Z`) the event was recorded: S1.senderTimestamp, D0.transactionTimestamp. */
  recordedAt: string;
  /** D0.replayIndicator; default `false`. */
  replay?: boolean;
  /** S1.environmentTag (required by S1; DT-013 `PRD`, `SITB`, `SIT`, `UIT`, `DEV`); default {@link DEFAULT_ENVIRONMENT_TAG}. */
  environmentTag?: string;
}

/** S1.environmentTag when the identity names none. */
export const DEFAULT_ENVIRONMENT_TAG = 'PRD';

/** The environment tags DT-013 allows. */
export const ENVIRONMENT_TAGS: readonly string[] = ['PRD', 'SITB', 'SIT', 'UIT', 'DEV'];

/** Input of {@link renderPublication}. */
export interface RenderPublicationInput {
  publication: PublicationIssued['data'];
  /** The MPAN event the publication announces, and the MPAN state with it folded in. */
  causedBy: { event: MpanEvent; stateAfter: CreatedMpanState };
  /** The recipient this copy is for (must be one of `publication.recipients`). */
  recipient: PublicationRecipient;
  referenceData: ReferenceData;
  identity: EgressIdentity;
}

/** A recorded rejection of an inbound message (the fields of the message outcome the renderer needs). */
export interface RejectedMessageOutcome {
  /** Inbound channel (`IF-031`, `IF-005`, `IF-007`, `IF-025`, `IF-034`, `REGS-LDSO`, `REGS-CSS`). */
  channelId: string;
  /** Bracketed `S0.eventCode` of the inbound message, e.g. `[MSApp]`. */
  eventCode: string;
  senderDipId: string;
  senderRoleId: string;
  senderUniqueReference: string;
  correlationId: string;
  mpanCore: string;
  /** Every broken rule, with its REG (or local LOC) code. */
  reasons: Array<{ code: string; rule: string; message: string }>;
}

/** Input of {@link renderRejection}. */
export interface RenderRejectionInput {
  outcome: RejectedMessageOutcome;
  /** The original inbound DIP message as received (`{ CommonBlock, CustomBlock }`, or `{ payload: … }`) when recorded, else `null`. */
  message: unknown | null;
  /** Not needed by today's responses (M0 is echoed from the original); part of the API for future ones. */
  referenceData: ReferenceData;
  identity: EgressIdentity;
}

/** What {@link renderRejection} returns: an official response message, or a DIP status message. */
export interface RenderedRejection {
  kind: 'publication' | 'status';
  message: EgressMessage | Record<string, unknown>;
  /** The official schema the message satisfies, e.g. `IF-032-MSAppInitialResp` or `StandardResponseBodyType`. */
  schema: string;
}

/** The input cannot be rendered as a valid official message; `message` says why and what to fix. */
export class EgressRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EgressRenderError';
  }
}
