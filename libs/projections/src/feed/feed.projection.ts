import { EntityManager, In } from 'typeorm';
import type { Projection, ProjectedEvent, ProjectionContext } from '../runtime/projection';
import { FeedItemEntity, FeedRecipientEntity } from './feed.entities';
import { FeedItemDraft, feedItemsOf } from './feed-items';

/** Name of the feed projection (its checkpoint row, its digest section). */
export const FEED_PROJECTION_NAME = 'feed';

/**
 * The tables the feed projection owns (digested, rebuilt from zero). `feed_subscriptions` and
 * `feed_deliveries` are not listed: they hold what participants told us and what the webhook
 * deliverer did, which the log does not determine.
 */
export const FEED_PROJECTED_TABLES: ReadonlyArray<{ name: string; orderBy: string[] }> = [
  { name: 'feed_recipients', orderBy: ['recipient_dip_id'] },
  { name: 'feed_items', orderBy: ['recipient_dip_id', 'sequence'] },
];

/**
 * The subscriber notification feed projection (issue #5; docs/feed.md).
 *
 * For each log event it appends the feed items of {@link feedItemsOf} — one per recipient of a
 * `PublicationIssued`, one for the originator of an `InboundMessageRejected` — each with the
 * recipient's next sequence (1, 2, 3 …, no gaps), kept in `feed_recipients` and written in the
 * projector's batch transaction, so items, sequences and checkpoint commit together.
 *
 * Idempotent per event: an item whose (recipient, source position, index) is already stored is
 * skipped, so applying an event twice leaves the same rows. Deterministic: rows depend only on
 * the log, the reference data and the registry's identity (DIP id, `S1.environmentTag`), never on the wall clock or on participants' config (event-code
 * filters apply when reading and delivering, not here).
 */
export function createFeedProjection(): Projection {
  return {
    name: FEED_PROJECTION_NAME,
    tables: FEED_PROJECTED_TABLES,
    async apply(event: ProjectedEvent, context: ProjectionContext): Promise<void> {
      const drafts = feedItemsOf(event, context.referenceData, { registryDipId: context.registryDipId, environmentTag: context.environmentTag });
      await appendItems(context.manager, drafts);
    },
  };
}

/**
 * Stores the items of one event (they share its source position), each with its recipient's next
 * sequence, skipping those already stored. A handful of statements per event, not per item: the
 * stored copies of the position, the recipients' last sequences, one multi-row insert, one upsert.
 */
async function appendItems(manager: EntityManager, drafts: FeedItemDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const sourcePosition = drafts[0]!.sourcePosition;
  const stored = await manager.find(FeedItemEntity, { select: { recipientDipId: true, itemIndex: true }, where: { sourcePosition } });
  const already = new Set(stored.map((i) => `${i.recipientDipId}#${i.itemIndex}`));
  const fresh = drafts.filter((d) => !already.has(`${d.recipientDipId}#${d.itemIndex}`));
  if (fresh.length === 0) return;
  const recipients = [...new Set(fresh.map((d) => d.recipientDipId))];
  const last = new Map(
    (await manager.find(FeedRecipientEntity, { where: { recipientDipId: In(recipients) } })).map((r) => [r.recipientDipId, r.lastSequence]),
  );
  const rows = fresh.map((d) => {
    const sequence = (last.get(d.recipientDipId) ?? 0) + 1;
    last.set(d.recipientDipId, sequence);
    return rowOf(d, sequence);
  });
  await manager.insert(FeedItemEntity, rows);
  await manager.upsert(
    FeedRecipientEntity,
    recipients.map((recipientDipId) => ({ recipientDipId, lastSequence: last.get(recipientDipId)! })),
    ['recipientDipId'],
  );
}

function rowOf(draft: FeedItemDraft, sequence: number): FeedItemEntity {
  return {
    recipientDipId: draft.recipientDipId,
    sequence,
    sourcePosition: draft.sourcePosition,
    itemIndex: draft.itemIndex,
    kind: draft.kind,
    format: draft.format,
    interfaceId: draft.interfaceId,
    eventCode: draft.eventCode,
    mpanCore: draft.mpanCore,
    publicationId: draft.publicationId,
    transactionId: draft.transactionId,
    recordedAt: draft.recordedAt,
    schemaName: draft.schemaName,
    message: draft.message === null ? null : JSON.stringify(draft.message),
    renderError: draft.renderError,
  };
}
