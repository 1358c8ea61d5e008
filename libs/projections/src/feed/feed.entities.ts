import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Tables of the subscriber notification feed (issue #5, docs/feed.md).
 *
 * Projected from the log (digested, rebuilt from zero): `feed_items`, `feed_recipients`.
 * Participant-written state (NOT projected, NOT digested, kept across a rebuild of the projected
 * tables): `feed_subscriptions` (acknowledged sequence and publication config) and
 * `feed_deliveries` (webhook delivery bookkeeping).
 *
 * Units: sequences are per-recipient whole numbers from 1 (SQLite INTEGER, safe integers in JS and
 * JSON); log positions are decimal text (64-bit, never a JS number); instants are UTC ISO 8601
 * strings ending in `Z`.
 */

/**
 * `feed_items`: one row per (recipient, publication copy). Primary key (recipient, sequence);
 * unique (source position, recipient, index) so applying the same log event twice adds nothing
 * (source position first: the projection looks up an event's stored copies by it).
 */
@Entity({ name: 'feed_items' })
@Index('UQ_feed_items_source', ['sourcePosition', 'recipientDipId', 'itemIndex'], { unique: true })
export class FeedItemEntity {
  /** DIP id of the participant this copy is for. */
  @PrimaryColumn({ name: 'recipient_dip_id', type: 'varchar' })
  recipientDipId!: string;

  /** The recipient's own sequence: 1, 2, 3 … with no gaps, in log order. */
  @PrimaryColumn({ name: 'sequence', type: 'integer' })
  sequence!: number;

  /** Global log position of the event the item renders (`PublicationIssued` or `InboundMessageRejected`), decimal text. */
  @Column({ name: 'source_position', type: 'varchar' })
  sourcePosition!: string;

  /** Index of the copy within its source event (the recipient's index in the publication's recipient list; 0 for a rejection). */
  @Column({ name: 'item_index', type: 'integer' })
  itemIndex!: number;

  /** `publication`: a copy of a `PublicationIssued`; `rejection`: the answer to the originator of a rejected inbound message. */
  @Column({ name: 'kind', type: 'varchar' })
  kind!: 'publication' | 'rejection';

  /** `egress`: a DIP egress message `{ CommonBlock, CustomBlock }`; `status`: a DIP status message (StandardResponse body). */
  @Column({ name: 'format', type: 'varchar' })
  format!: 'egress' | 'status';

  /** `IF-nnn` of the message (the inbound channel id for a status message, e.g. `REGS-LDSO`). */
  @Column({ name: 'interface_id', type: 'varchar' })
  interfaceId!: string;

  /** Bracketed DIP event code, e.g. `[MSAppActive]`. */
  @Column({ name: 'event_code', type: 'varchar' })
  eventCode!: string;

  /** MPAN core the item concerns (as sent, for a rejection). */
  @Column({ name: 'mpan_core', type: 'varchar' })
  mpanCore!: string;

  /** DI-986 publication id (`PUB-nnn`), null for a status message. */
  @Column({ name: 'publication_id', type: 'varchar', nullable: true })
  publicationId!: string | null;

  /** DT-014 transaction id of the copy (deterministic from the log position and recipient). */
  @Column({ name: 'transaction_id', type: 'varchar' })
  transactionId!: string;

  /** UTC instant the source event was recorded in the log (never the wall clock). */
  @Column({ name: 'recorded_at', type: 'varchar' })
  recordedAt!: string;

  /** Official schema name the message satisfies (e.g. `IF-036-MSAppActive`, `IF-008-Payload`). */
  @Column({ name: 'schema_name', type: 'varchar' })
  schemaName!: string;

  /**
   * The rendered message, JSON; null when it could not be rendered (see {@link renderError}) or
   * when the copy shares the text of another copy of its publication (see {@link bodySequence}).
   */
  @Column({ name: 'message', type: 'text', nullable: true })
  message!: string | null;

  /** Why the message could not be rendered (`EgressRenderError`), else null. */
  @Column({ name: 'render_error', type: 'text', nullable: true })
  renderError!: string | null;

  /**
   * A copy that shares its publication's stored text (./shared-copies.ts, docs/feed.md "Stored
   * form"): its own `CommonBlock.S1.senderUniqueReference`; null for an item that keeps its own text.
   */
  @Column({ name: 'sender_unique_reference', type: 'varchar', nullable: true })
  senderUniqueReference!: string | null;

  /**
   * A shared copy's carrier: the recipient and sequence of the item (same source position) whose
   * `message` is this copy's text with the other copy's `senderUniqueReference` and
   * `transactionID`; null (both) for an item that keeps its own text.
   */
  @Column({ name: 'body_recipient_dip_id', type: 'varchar', nullable: true })
  bodyRecipientDipId!: string | null;

  /**
   * A shared copy's carrier sequence: with {@link bodyRecipientDipId}, the primary key of the item
   * whose `message` this copy serves with its own {@link senderUniqueReference} and `transactionId`
   * in place (./shared-copies.ts). Set exactly when the copy stores no text (`message` null, not a
   * render failure); null for an item that keeps its own text or has none.
   */
  @Column({ name: 'body_sequence', type: 'integer', nullable: true })
  bodySequence!: number | null;
}

/** `feed_recipients`: per recipient, the last sequence assigned (written with the items, in the batch transaction). */
@Entity({ name: 'feed_recipients' })
export class FeedRecipientEntity {
  @PrimaryColumn({ name: 'recipient_dip_id', type: 'varchar' })
  recipientDipId!: string;

  /** Highest sequence assigned to this recipient (≥ 1). */
  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;
}

/**
 * `feed_subscriptions`: what a participant told us (not projected): its acknowledged sequence and
 * its publication config (like the DIP's `pubconfig`). One row per participant that acknowledged
 * or configured anything.
 */
@Entity({ name: 'feed_subscriptions' })
export class FeedSubscriptionEntity {
  @PrimaryColumn({ name: 'recipient_dip_id', type: 'varchar' })
  recipientDipId!: string;

  /** Highest sequence the participant has acknowledged (0 = none); never decreases. */
  @Column({ name: 'acknowledged_sequence', type: 'integer', default: 0 })
  acknowledgedSequence!: number;

  /** Event codes the participant wants, JSON array of bracketed codes; null = everything it is entitled to. */
  @Column({ name: 'event_codes', type: 'text', nullable: true })
  eventCodes!: string | null;

  /** Webhook (callback URL, http or https); null = pull only. */
  @Column({ name: 'webhook_url', type: 'varchar', nullable: true })
  webhookUrl!: string | null;

  /** UTC instant of the last change to this row (wall clock: this is not log-derived state). */
  @Column({ name: 'updated_at', type: 'varchar' })
  updatedAt!: string;
}

/**
 * `feed_deliveries`: webhook delivery bookkeeping per participant (not projected, not digested).
 * Written only through `ViewDatabase.writeTransaction`.
 */
@Entity({ name: 'feed_deliveries' })
export class FeedDeliveryEntity {
  @PrimaryColumn({ name: 'recipient_dip_id', type: 'varchar' })
  recipientDipId!: string;

  /** Highest sequence handled by push: delivered with a 2xx, or skipped by the participant's event-code filter. */
  @Column({ name: 'delivered_sequence', type: 'integer', default: 0 })
  deliveredSequence!: number;

  /** Items with a sequence up to this one are sent with `D0.replayIndicator` true (set by a replay); 0 = none. */
  @Column({ name: 'replay_through', type: 'integer', default: 0 })
  replayThrough!: number;

  /** Bumped by every replay and webhook change, so an attempt started before it cannot move the cursor. */
  @Column({ name: 'generation', type: 'integer', default: 0 })
  generation!: number;

  /** Failed attempts since the last success. */
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures!: number;

  /** UTC instant before which no new attempt is made (backoff); null = now. */
  @Column({ name: 'next_attempt_at', type: 'varchar', nullable: true })
  nextAttemptAt!: string | null;

  /** UTC instant delivery was parked (after too many consecutive failures); null = active. */
  @Column({ name: 'parked_at', type: 'varchar', nullable: true })
  parkedAt!: string | null;

  /** The last failure as `lastError` shows it: status, standard reason phrase, timing and length, the network error code, or the destination refusal — never the receiver's body (issue #8; ./webhook-post.ts). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** UTC instants of the last attempt and of the last 2xx. */
  @Column({ name: 'last_attempt_at', type: 'varchar', nullable: true })
  lastAttemptAt!: string | null;

  @Column({ name: 'last_success_at', type: 'varchar', nullable: true })
  lastSuccessAt!: string | null;
}

/** Every entity of the feed. */
export const FEED_TABLE_ENTITIES: Array<new () => object> = [FeedItemEntity, FeedRecipientEntity, FeedSubscriptionEntity, FeedDeliveryEntity];
