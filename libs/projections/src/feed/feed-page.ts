import type { EntityManager } from 'typeorm';
import { ProjectionCheckpointEntity } from '../runtime/entities';
import { FeedItemEntity, FeedRecipientEntity } from './feed.entities';
import { FEED_PROJECTION_NAME } from './feed.projection';
import { copyIdentityOf } from './shared-copies';

/**
 * Reading a recipient's feed (pull and push share it). Sequences are safe integers (JSON numbers),
 * positions decimal strings.
 */

/** One feed item as the participant API returns it. */
export interface FeedItemView {
  /** The recipient's sequence (1, 2, 3 … no gaps). */
  sequence: number;
  /** D0.publicationID (`PUB-nnn`); null for a status message or an item that could not be rendered. */
  publicationId: string | null;
  /** D0.transactionID: unique per copy, stable across rebuilds. */
  transactionId: string;
  interfaceId: string;
  eventCode: string;
  mpanCore: string;
  /** `publication` (a copy of what the registry published) or `rejection` (the answer to a message this participant sent). */
  kind: 'publication' | 'rejection';
  /** `egress`: `message` is a DIP egress message `{ CommonBlock, CustomBlock }`; `status`: a DIP status message. */
  format: 'egress' | 'status';
  /** Official schema `message` satisfies. */
  schema: string;
  /** Global log position of the event it renders, decimal string. */
  sourcePosition: string;
  /** UTC instant that event was recorded. */
  recordedAt: string;
  /** The message; null when it could not be rendered (`renderError` says why). */
  message: unknown;
  renderError?: string;
}

/** A page of a recipient's feed. */
export interface FeedPageRead {
  items: FeedItemView[];
  /** The recipient's highest sequence when the page was read (0 = no item yet). */
  lastSequence: number;
  /**
   * Every item up to this sequence has been looked at: returned, or left out by the event-code
   * filter. The next page starts after it. Never below the `after` asked.
   */
  scannedThrough: number;
}

/** The recipient's highest sequence (0 when it has no item). */
export async function lastSequenceOf(manager: EntityManager, recipientDipId: string): Promise<number> {
  return (await manager.findOneBy(FeedRecipientEntity, { recipientDipId }))?.lastSequence ?? 0;
}

/** The feed projection's checkpoint: the global position the feed reflects, decimal string (`'0'` before any). */
export async function feedPosition(manager: EntityManager): Promise<string> {
  return (await manager.findOneBy(ProjectionCheckpointEntity, { name: FEED_PROJECTION_NAME }))?.position ?? '0';
}

/**
 * Items of `recipientDipId` with a sequence above `after`, in sequence order, at most `limit`,
 * restricted to `eventCodes` when given. Reads the last sequence first and no item beyond it, so
 * `scannedThrough` never passes an item committed after the read began (no silent skip).
 * With `renderedOnly`, items that could not be rendered are left out (push).
 */
export async function readFeedPage(
  manager: EntityManager,
  recipientDipId: string,
  after: number,
  limit: number,
  eventCodes: readonly string[] | null,
  options: { renderedOnly?: boolean } = {},
): Promise<FeedPageRead> {
  const lastSequence = await lastSequenceOf(manager, recipientDipId);
  if (after >= lastSequence) return { items: [], lastSequence, scannedThrough: after };
  const query = manager
    .createQueryBuilder(FeedItemEntity, 'i')
    .where('i.recipientDipId = :recipientDipId', { recipientDipId })
    .andWhere('i.sequence > :after', { after })
    .andWhere('i.sequence <= :lastSequence', { lastSequence });
  if (eventCodes !== null) query.andWhere('i.eventCode IN (:...eventCodes)', { eventCodes: [...eventCodes] });
  if (options.renderedOnly) query.andWhere('(i.message IS NOT NULL OR i.bodySequence IS NOT NULL)');
  // A copy that shares its publication's stored text reads it from the carrier's row: a left join
  // on the carrier's primary key, one extra column (./shared-copies.ts).
  query.leftJoin(FeedItemEntity, 'b', 'b.recipientDipId = i.bodyRecipientDipId AND b.sequence = i.bodySequence').addSelect('b.message', 'carrier_message');
  const { entities: rows, raw } = await query.orderBy('i.sequence', 'ASC').limit(limit).getRawAndEntities<{ carrier_message: string | null }>();
  // One raw row per item (the join is 1:1), in the same order.
  if (raw.length !== rows.length) throw new Error(`feed page of ${recipientDipId}: ${raw.length} rows for ${rows.length} items`);
  const scannedThrough = rows.length === limit ? rows[rows.length - 1]!.sequence : lastSequence;
  return { items: rows.map((row, n) => itemView(row, raw[n]!.carrier_message ?? null)), lastSequence, scannedThrough };
}

/**
 * The message a stored item serves, parsed: its own `message`, or — for a copy sharing its
 * publication's stored text (`bodySequence` set) — the carrier's `carrierMessage` with the copy's
 * `senderUniqueReference` and `transactionId` in `CommonBlock.S1` and `CommonBlock.D0`: the same
 * value, member for member and in the same order, as the copy's own text would parse to (the
 * projection stores a copy that way only when the texts are equal: ./shared-copies.ts). Null when
 * the item could not be rendered.
 * @throws Error when a shared copy's carrier text is missing or not an egress message, or the
 *   copy has no `sender_unique_reference` (a view database altered by hand: a rebuild restores it).
 */
export function storedMessageOf(row: FeedItemEntity, carrierMessage: string | null): unknown {
  if (row.message !== null) return JSON.parse(row.message) as unknown;
  if (row.bodySequence === null || row.bodySequence === undefined) return null;
  const where = `feed item ${row.recipientDipId}#${row.sequence} shares the text of ${row.bodyRecipientDipId}#${row.bodySequence}`;
  if (carrierMessage === null) throw new Error(`${where}, which has none`);
  const carrier = JSON.parse(carrierMessage) as unknown;
  if (row.senderUniqueReference === null) throw new Error(`${where} but has no sender_unique_reference of its own`);
  if (copyIdentityOf(carrier) === null) throw new Error(`${where}, which is not a DIP egress message`);
  // The parsed carrier is this call's own: its two values are replaced in place (same members, same order).
  const common = (carrier as { CommonBlock: { S1: { senderUniqueReference: string }; D0: { transactionID: string } } }).CommonBlock;
  common.S1.senderUniqueReference = row.senderUniqueReference;
  common.D0.transactionID = row.transactionId;
  return carrier;
}

/** The API view of a stored item; `carrierMessage` is its carrier's `message` when it shares one (see {@link storedMessageOf}). */
export function itemView(row: FeedItemEntity, carrierMessage: string | null = null): FeedItemView {
  return {
    sequence: row.sequence,
    publicationId: row.publicationId,
    transactionId: row.transactionId,
    interfaceId: row.interfaceId,
    eventCode: row.eventCode,
    mpanCore: row.mpanCore,
    kind: row.kind,
    format: row.format,
    schema: row.schemaName,
    sourcePosition: row.sourcePosition,
    recordedAt: row.recordedAt,
    message: storedMessageOf(row, carrierMessage),
    ...(row.renderError !== null ? { renderError: row.renderError } : {}),
  };
}
