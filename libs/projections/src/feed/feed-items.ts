import type { RecordedEvent } from '@app/event-store';
import {
  deterministicTransactionId,
  EgressIdentity,
  EgressMessage,
  egressPublicationId,
  EgressRenderError,
  egressSchemaName,
  egressSenderReference,
  preparePublication,
  rejectionResponseFor,
  renderRejection,
  schemaNameOf,
} from '@app/dip-wire';
import type { PublicationIssued, PublicationRecipient, ReferenceData } from '@app/registration-domain';
import type { InboundMessageReceived, MessageOutcomeData } from '@app/registration-app/messages/message-outcome';
import type { MessageEventContext, MpanEventContext, ProjectedEvent } from '../runtime/projection';

/**
 * What the feed projection derives from one log event (issue #5; docs/feed.md): zero or more
 * feed items, each for one recipient, rendered in the DIP egress form. Pure: the same event gives
 * the same items (ids derived from the log position, times from the event's `recordedAt`).
 *
 * - A `PublicationIssued` record → one item per recipient it names (the domain decided them),
 *   rendered with `renderPublication`.
 * - An `InboundMessageRejected` → one item for the originator only (`senderDipId`): a rejection
 *   never reaches anybody else (mhhs-domain.md / design brief §2.5). Rendered with `renderRejection`.
 * - Anything else → none.
 */
export interface FeedItemDraft {
  recipientDipId: string;
  /** Index of the copy within its source event (recipient index; 0 for a rejection). */
  itemIndex: number;
  /** Global position of the source event, decimal text. */
  sourcePosition: string;
  kind: 'publication' | 'rejection';
  format: 'egress' | 'status';
  interfaceId: string;
  eventCode: string;
  mpanCore: string;
  publicationId: string | null;
  transactionId: string;
  /** UTC instant the source event was recorded. */
  recordedAt: string;
  schemaName: string;
  /** The rendered message (plain JSON), or null when it could not be rendered. */
  message: EgressMessage | Record<string, unknown> | null;
  /** The `EgressRenderError` message when `message` is null. */
  renderError: string | null;
}

/** The role every registry publication is sent in. */
const REGISTRY_ROLE = 'REGS';

/** Who the registry is when it renders: its DIP id (S1.senderDIPID) and `S1.environmentTag` (DT-013). */
export interface FeedSender {
  registryDipId: string;
  /** `REGISTRY_ENVIRONMENT_TAG` (`PRD`, `SITB`, `SIT`, `UIT`, `DEV`); any other value leaves every egress item unrendered. */
  environmentTag: string;
}

/**
 * The feed items of one projected event (see {@link FeedItemDraft}), rendered as `sender`
 * (the projection context's `registryDipId` and `environmentTag`: both are part of the rows).
 * @throws Error (not `EgressRenderError`, which is recorded on the item) for a malformed record,
 *   e.g. a `PublicationIssued` without the MPAN event it announces.
 */
export function feedItemsOf(event: ProjectedEvent, referenceData: ReferenceData, sender: FeedSender): FeedItemDraft[] {
  if (event.kind === 'mpan' && event.event === null) return publicationItems(event, referenceData, sender);
  if (event.kind === 'message' && event.recorded.type === 'InboundMessageRejected') {
    return [rejectionItem(event, referenceData, sender)];
  }
  return [];
}

function publicationItems(event: MpanEventContext, referenceData: ReferenceData, sender: FeedSender): FeedItemDraft[] {
  const { registryDipId } = sender;
  const { recorded, causedBy } = event;
  if (causedBy === null) {
    throw new Error(`PublicationIssued at position ${recorded.position} has no causing MPAN event`);
  }
  const publication = recorded.data as unknown as PublicationIssued['data'];
  const correlationId = correlationOf(causedBy.recorded);
  // The copies differ only in their identity: what does not depend on the recipient is rendered
  // once (preparePublication), the schema name (S0's interface and event code) derived once.
  const prepared = preparePublication({ publication, causedBy: { event: causedBy.event, stateAfter: causedBy.stateAfter }, referenceData });
  const sourcePosition = recorded.position.toString();
  let schemaName: string | undefined;
  // Each item is one object literal (no spread of a shared base): thousands per batch.
  const item = (
    recipient: PublicationRecipient,
    index: number,
    ids: { publicationId: FeedItemDraft['publicationId']; transactionId: string; schemaName: string },
    message: FeedItemDraft['message'],
    renderError: string | null,
  ): FeedItemDraft => ({
    recipientDipId: recipient.dipId,
    itemIndex: index,
    sourcePosition,
    kind: 'publication',
    format: 'egress',
    interfaceId: publication.interfaceId,
    eventCode: publication.eventCode,
    mpanCore: publication.mpanCore,
    publicationId: ids.publicationId,
    transactionId: ids.transactionId,
    recordedAt: recorded.recordedAt,
    schemaName: ids.schemaName,
    message,
    renderError,
  });
  return publication.recipients.map((recipient: PublicationRecipient, index: number): FeedItemDraft => {
    try {
      const identity = identityOf(publication.interfaceId, sender, recorded, index, recipient.dipId, correlationId);
      const message = prepared.render(recipient, identity);
      schemaName ??= egressSchemaName(message);
      return item(recipient, index, { publicationId: identity.publicationId, transactionId: identity.transactionId, schemaName }, message, null);
    } catch (error) {
      if (!(error instanceof EgressRenderError)) throw error;
      const ids = {
        publicationId: publicationIdOf(publication.interfaceId),
        transactionId: fallbackTransactionId(publication.interfaceId, registryDipId, recorded, recipient.dipId),
        schemaName: schemaNameOf(publication.interfaceId, publication.eventCode),
      };
      return item(recipient, index, ids, null, error.message);
    }
  });
}

function rejectionItem(event: MessageEventContext, referenceData: ReferenceData, sender: FeedSender): FeedItemDraft {
  const { registryDipId } = sender;
  const { recorded, receipt } = event;
  const outcome = recorded.data as unknown as MessageOutcomeData;
  const received = receipt?.data as InboundMessageReceived['data'] | undefined;
  const base = {
    recipientDipId: outcome.senderDipId,
    itemIndex: 0,
    sourcePosition: recorded.position.toString(),
    kind: 'rejection' as const,
    mpanCore: outcome.mpanCore,
    recordedAt: recorded.recordedAt,
  };
  // The official response interface (IF-032, IF-006, IF-008, IF-026) names the identity; without
  // one the rejection is a status message, whose identity needs only the transaction id and time.
  const response = rejectionResponseFor(outcome.channelId, outcome.eventCode);
  const correlationId = typeof outcome.correlationId === 'string' ? outcome.correlationId : null;
  try {
    const identity = response
      ? identityOf(response.interfaceId, sender, recorded, 0, outcome.senderDipId, correlationId)
      : statusIdentityOf(outcome.channelId, registryDipId, recorded, outcome.senderDipId, correlationId);
    const rendered = renderRejection({
      outcome: {
        channelId: outcome.channelId,
        eventCode: outcome.eventCode,
        senderDipId: outcome.senderDipId,
        senderRoleId: outcome.senderRoleId,
        senderUniqueReference: outcome.senderUniqueReference,
        correlationId: outcome.correlationId,
        mpanCore: outcome.mpanCore,
        reasons: outcome.reasons.map((r) => ({ code: r.code, rule: r.rule, message: r.message })),
      },
      message: received?.message ?? null,
      referenceData,
      identity,
    });
    if (rendered.kind === 'publication') {
      const message = rendered.message as EgressMessage;
      return {
        ...base,
        format: 'egress',
        interfaceId: message.CommonBlock.S0.interfaceID,
        eventCode: message.CommonBlock.S0.eventCode,
        publicationId: identity.publicationId,
        transactionId: identity.transactionId,
        schemaName: rendered.schema,
        message,
        renderError: null,
      };
    }
    const status = rendered.message as { transactionID?: unknown };
    return {
      ...base,
      format: 'status',
      interfaceId: outcome.channelId,
      eventCode: outcome.eventCode,
      publicationId: null,
      // A status message quotes the original's DIP transaction id when it had one.
      transactionId: typeof status.transactionID === 'string' ? status.transactionID : identity.transactionId,
      schemaName: rendered.schema,
      message: rendered.message,
      renderError: null,
    };
  } catch (error) {
    if (!(error instanceof EgressRenderError)) throw error;
    // With an official response interface the registry answers with it (a status message only
    // stands in when the original cannot be echoed), so the item names that interface and its
    // publication id; without one it is a status message, which has no publication id.
    return {
      ...base,
      ...(response
        ? { format: 'egress' as const, interfaceId: response.interfaceId, eventCode: response.eventCode, publicationId: publicationIdOf(response.interfaceId), schemaName: response.schema }
        : { format: 'status' as const, interfaceId: outcome.channelId, eventCode: outcome.eventCode, publicationId: null, schemaName: 'unrendered' }),
      transactionId: fallbackTransactionId(response?.interfaceId ?? outcome.channelId, registryDipId, recorded, outcome.senderDipId),
      message: null,
      renderError: error.message,
    };
  }
}

/**
 * The identity of one egress copy, derived from the log only:
 * - sender unique reference `S-<IF>-<registry>-REGS-<recorded day>-p<position>i<index>`;
 * - transaction id `T-<IF>-<registry>-REGS-<recorded day>-<16 hex of SHA-256("<position>:<recipient>")>`;
 * - publication id `PUB-nnn` of the interface (DI-986 allows 7–8 characters, so it names the
 *   publication type; the per-copy identity is the transaction id);
 * - correlation id: the causing event's `metadata.correlationId` (DT-011N allows 1–60 characters;
 *   a longer one is not sent rather than breaking the message);
 * - recordedAt: the source event's `recordedAt`;
 * - `S1.environmentTag`: the registry's (`REGISTRY_ENVIRONMENT_TAG`).
 */
function identityOf(
  interfaceId: string,
  { registryDipId, environmentTag }: FeedSender,
  recorded: RecordedEvent,
  index: number,
  recipientDipId: string,
  correlationId: string | null,
): EgressIdentity & { publicationId: string; transactionId: string } {
  return {
    registryDipId,
    environmentTag,
    senderUniqueReference: egressSenderReference(interfaceId, registryDipId, recorded.position, index, recorded.recordedAt),
    transactionId: deterministicTransactionId(`${recorded.position}:${recipientDipId}`, {
      interfaceId,
      senderDipId: registryDipId,
      senderRoleId: REGISTRY_ROLE,
      on: recorded.recordedAt,
    }),
    publicationId: egressPublicationId(interfaceId),
    correlationId: correlationId !== null && correlationId.length >= 1 && correlationId.length <= 60 ? correlationId : null,
    recordedAt: recorded.recordedAt,
  };
}

/**
 * The identity of a status message (a rejection with no official response interface): only the
 * transaction id (`T-<channel>-<registry>-REGS-<recorded day>-<16 hex>`) and the time are used.
 */
function statusIdentityOf(
  channelId: string,
  registryDipId: string,
  recorded: RecordedEvent,
  recipientDipId: string,
  correlationId: string | null,
): EgressIdentity & { publicationId: string; transactionId: string } {
  return {
    registryDipId,
    senderUniqueReference: '',
    transactionId: deterministicTransactionId(`${recorded.position}:${recipientDipId}`, {
      interfaceId: channelId,
      senderDipId: registryDipId,
      senderRoleId: REGISTRY_ROLE,
      on: recorded.recordedAt,
    }),
    publicationId: '',
    correlationId,
    recordedAt: recorded.recordedAt,
  };
}

/** `PUB-nnn` of an `IF-nnn` interface, or null for a channel that is not one (`REGS-LDSO`, `REGS-CSS`). */
function publicationIdOf(interfaceId: string): string | null {
  try {
    return egressPublicationId(interfaceId);
  } catch (error) {
    if (!(error instanceof EgressRenderError)) throw error;
    return null;
  }
}

function correlationOf(recorded: RecordedEvent): string | null {
  const id = recorded.metadata?.correlationId;
  return typeof id === 'string' ? id : null;
}

/**
 * The transaction id of an item whose message could not be rendered: the same as it would have had
 * (DIP style), or — when even that cannot be built — a UUID-shaped id from the same seed.
 */
function fallbackTransactionId(interfaceId: string, registryDipId: string, recorded: RecordedEvent, recipientDipId: string): string {
  const seed = `${recorded.position}:${recipientDipId}`;
  try {
    return deterministicTransactionId(seed, { interfaceId, senderDipId: registryDipId, senderRoleId: REGISTRY_ROLE, on: recorded.recordedAt });
  } catch (error) {
    if (!(error instanceof EgressRenderError)) throw error;
    return deterministicTransactionId(seed);
  }
}
