import { Inject, Injectable } from '@nestjs/common';
import type { ReferenceData } from '@app/registration-domain';
import { quoteInput, REFERENCE_DATA } from '@app/registration-app';
import type { EntityManager } from 'typeorm';
import type { ViewDatabase } from '../runtime/view-database';
import { VIEW_DATABASE } from '../tokens';
import { FeedConflictError, FeedRequestError, UnknownParticipantError } from './feed-errors';
import { FeedItemView, feedPosition, lastSequenceOf, readFeedPage } from './feed-page';
import { FeedDeliveryEntity, FeedSubscriptionEntity } from './feed.entities';
import { applyConfigChange, eventCodesFromColumn, PublicationConfig, PublicationConfigChange } from './publication-config';

/** `GET /participants/{dipId}/publications`: one page of the participant's feed. */
export interface FeedPage {
  /** The participant's DIP id. */
  recipient: string;
  /** The filter applied (`null`: everything the participant is entitled to). */
  eventCodes: string[] | null;
  /** The sequence the page starts after (the `after` asked, else the acknowledged sequence). */
  after: number;
  items: FeedItemView[];
  /** The participant's highest sequence when read (0: no item yet). */
  lastSequence: number;
  /** Pass as `after` for the next page (every item up to it was returned or filtered out). */
  nextAfter: number;
  acknowledgedSequence: number;
  /** The global log position the feed reflects (decimal string); at least the `minPosition` asked. */
  position: string;
}

/** Answer of an acknowledgement. */
export interface AckResult {
  recipient: string;
  /** The acknowledged sequence after the call. */
  acknowledgedSequence: number;
  /** The acknowledged sequence before the call. */
  previous: number;
  /** False when the sequence was not above the acknowledged one (nothing changed). */
  changed: boolean;
  lastSequence: number;
  message: string;
}

/** Webhook delivery state as the API shows it. */
export interface DeliveryView {
  deliveredSequence: number;
  replayThrough: number;
  consecutiveFailures: number;
  nextAttemptAt: string | null;
  parked: boolean;
  parkedAt: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
}

/** `GET /participants/{dipId}/publication-config`. */
export interface PublicationConfigView extends PublicationConfig {
  recipient: string;
  acknowledgedSequence: number;
  lastSequence: number;
  /** Push state; null without a webhook. */
  delivery: DeliveryView | null;
  /** UTC instant of the last change, null when never configured. */
  updatedAt: string | null;
}

/** Answer of a replay. */
export interface ReplayResult {
  recipient: string;
  fromSequence: number;
  /** Items up to this sequence are sent again with `D0.replayIndicator` true. */
  replayThrough: number;
  /** Whether delivery was parked before the replay (it is not any more). */
  wasParked: boolean;
  delivery: DeliveryView;
}

/**
 * The participant-facing notification feed (issue #5; docs/feed.md): pull a page, acknowledge,
 * read and change the publication config, replay the webhook. Every answer concerns the one
 * participant named: no call returns another participant's items.
 *
 * Reads use the view database's reader connection; writes (acknowledgements, config, replay) go
 * through `ViewDatabase.writeTransaction`, serialised with the projector's batches. Until issue #8
 * the DIP id in the path is trusted.
 */
@Injectable()
export class FeedService {
  constructor(
    @Inject(VIEW_DATABASE) private readonly views: ViewDatabase,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  /**
   * Checks that `dipId` names a participant.
   * @throws FeedRequestError when it is not 10 digits (DT-006); UnknownParticipantError when no
   *   participant of the reference data has it.
   */
  checkParticipant(dipId: string): void {
    if (!/^\d{10}$/.test(dipId)) throw new FeedRequestError(`a DIP id is 10 digits (DT-006), got ${quoteInput(dipId)}`);
    if (!this.referenceData.participant(dipId)) throw new UnknownParticipantError(dipId);
  }

  /**
   * A page of `dipId`'s feed: items after `after` (default: the acknowledged sequence), at most
   * `limit`, restricted to the configured event codes.
   * @throws as {@link checkParticipant}.
   */
  async pull(dipId: string, after: number | undefined, limit: number): Promise<FeedPage> {
    this.checkParticipant(dipId);
    const manager = this.views.reader.manager;
    // Position first, then the page (which reads the last sequence before the items): the items
    // reflect at least the position reported.
    const position = await feedPosition(manager);
    const subscription = await manager.findOneBy(FeedSubscriptionEntity, { recipientDipId: dipId });
    const eventCodes = eventCodesFromColumn(subscription?.eventCodes ?? null);
    const acknowledgedSequence = subscription?.acknowledgedSequence ?? 0;
    const start = after ?? acknowledgedSequence;
    const page = await readFeedPage(manager, dipId, start, limit, eventCodes);
    return {
      recipient: dipId,
      eventCodes,
      after: start,
      items: page.items,
      lastSequence: page.lastSequence,
      nextAfter: page.scannedThrough,
      acknowledgedSequence,
      position,
    };
  }

  /**
   * Acknowledges every item up to `sequence` (monotonic: a lower or equal sequence changes nothing
   * and says so).
   * @throws FeedRequestError when `sequence` is beyond the participant's last sequence.
   */
  async acknowledge(dipId: string, sequence: number): Promise<AckResult> {
    this.checkParticipant(dipId);
    return this.views.writeTransaction(async (manager) => {
      const lastSequence = await lastSequenceOf(manager, dipId);
      if (sequence > lastSequence) {
        throw new FeedRequestError(`sequence ${sequence} is beyond the last sequence of ${dipId}'s feed (${lastSequence}); nothing was acknowledged`);
      }
      const row = await this.subscriptionIn(manager, dipId);
      const previous = row.acknowledgedSequence;
      if (sequence <= previous) {
        return {
          recipient: dipId,
          acknowledgedSequence: previous,
          previous,
          changed: false,
          lastSequence,
          message: `already acknowledged through ${previous}; acknowledging ${sequence} changes nothing`,
        };
      }
      await manager.save(FeedSubscriptionEntity, { ...row, acknowledgedSequence: sequence, updatedAt: nowIso() });
      return {
        recipient: dipId,
        acknowledgedSequence: sequence,
        previous,
        changed: true,
        lastSequence,
        message: `acknowledged through ${sequence}`,
      };
    });
  }

  /** The participant's publication config and push state. @throws as {@link checkParticipant}. */
  async config(dipId: string): Promise<PublicationConfigView> {
    this.checkParticipant(dipId);
    return this.configIn(this.views.reader.manager, dipId);
  }

  /**
   * Changes the config (absent fields stay, `null` resets one). A new or changed webhook URL
   * starts (or continues) push after the later of what was already pushed and what was acknowledged,
   * with its delivery state afresh (no failures, not parked, no `lastError`, `lastAttemptAt`, `lastSuccessAt`:
   * those described the previous URL).
   * @throws as {@link checkParticipant}.
   */
  async changeConfig(dipId: string, change: PublicationConfigChange): Promise<PublicationConfigView> {
    this.checkParticipant(dipId);
    return this.views.writeTransaction(async (manager) => {
      const row = await this.subscriptionIn(manager, dipId);
      const current: PublicationConfig = { eventCodes: eventCodesFromColumn(row.eventCodes), webhookUrl: row.webhookUrl };
      const next = applyConfigChange(current, change);
      await manager.save(FeedSubscriptionEntity, {
        ...row,
        eventCodes: next.eventCodes === null ? null : JSON.stringify(next.eventCodes),
        webhookUrl: next.webhookUrl,
        updatedAt: nowIso(),
      });
      if (next.webhookUrl !== null && next.webhookUrl !== current.webhookUrl) {
        const delivery = await manager.findOneBy(FeedDeliveryEntity, { recipientDipId: dipId });
        await manager.save(FeedDeliveryEntity, {
          ...(delivery ?? emptyDelivery(dipId)),
          deliveredSequence: Math.max(delivery?.deliveredSequence ?? 0, row.acknowledgedSequence),
          generation: (delivery?.generation ?? 0) + 1,
          consecutiveFailures: 0,
          nextAttemptAt: null,
          parkedAt: null,
          // A new URL is a new destination: what happened at the previous one is not its state.
          lastError: null,
          lastAttemptAt: null,
          lastSuccessAt: null,
        });
      }
      return this.configIn(manager, dipId);
    });
  }

  /** Back to the defaults: every event code, no webhook (the acknowledged sequence stays). @throws as {@link checkParticipant}. */
  async resetConfig(dipId: string): Promise<PublicationConfigView> {
    return this.changeConfig(dipId, { eventCodes: null, webhookUrl: null });
  }

  /**
   * Sends the webhook everything from `fromSequence` again, with `D0.replayIndicator` true for
   * every item that exists now, and un-parks delivery.
   * @throws FeedConflictError without a webhook; FeedRequestError when `fromSequence` is beyond the
   *   next undelivered sequence (that would skip items never delivered).
   */
  async replay(dipId: string, fromSequence: number): Promise<ReplayResult> {
    this.checkParticipant(dipId);
    return this.views.writeTransaction(async (manager) => {
      const row = await this.subscriptionIn(manager, dipId);
      const delivery = await manager.findOneBy(FeedDeliveryEntity, { recipientDipId: dipId });
      if (row.webhookUrl === null || delivery === null) {
        throw new FeedConflictError(`${dipId} has no webhook to replay to; set one with PUT /participants/${dipId}/publication-config, or pull with ?after=${fromSequence - 1}`);
      }
      if (fromSequence > delivery.deliveredSequence + 1) {
        throw new FeedRequestError(
          `fromSequence ${fromSequence} would skip items never delivered: the webhook has everything through ${delivery.deliveredSequence}; replay from ${delivery.deliveredSequence + 1} or lower`,
        );
      }
      const lastSequence = await lastSequenceOf(manager, dipId);
      const next: FeedDeliveryEntity = {
        ...delivery,
        deliveredSequence: fromSequence - 1,
        replayThrough: lastSequence,
        generation: delivery.generation + 1,
        consecutiveFailures: 0,
        nextAttemptAt: null,
        parkedAt: null,
      };
      await manager.save(FeedDeliveryEntity, next);
      return { recipient: dipId, fromSequence, replayThrough: lastSequence, wasParked: delivery.parkedAt !== null, delivery: deliveryView(next) };
    });
  }

  private async subscriptionIn(manager: EntityManager, dipId: string): Promise<FeedSubscriptionEntity> {
    return (
      (await manager.findOneBy(FeedSubscriptionEntity, { recipientDipId: dipId })) ?? {
        recipientDipId: dipId,
        acknowledgedSequence: 0,
        eventCodes: null,
        webhookUrl: null,
        updatedAt: nowIso(),
      }
    );
  }

  private async configIn(manager: EntityManager, dipId: string): Promise<PublicationConfigView> {
    const row = await manager.findOneBy(FeedSubscriptionEntity, { recipientDipId: dipId });
    const delivery = row?.webhookUrl ? await manager.findOneBy(FeedDeliveryEntity, { recipientDipId: dipId }) : null;
    return {
      recipient: dipId,
      eventCodes: eventCodesFromColumn(row?.eventCodes ?? null),
      webhookUrl: row?.webhookUrl ?? null,
      acknowledgedSequence: row?.acknowledgedSequence ?? 0,
      lastSequence: await lastSequenceOf(manager, dipId),
      delivery: delivery ? deliveryView(delivery) : null,
      updatedAt: row?.updatedAt ?? null,
    };
  }
}

/** The API view of a delivery row. */
export function deliveryView(d: FeedDeliveryEntity): DeliveryView {
  return {
    deliveredSequence: d.deliveredSequence,
    replayThrough: d.replayThrough,
    consecutiveFailures: d.consecutiveFailures,
    nextAttemptAt: d.nextAttemptAt,
    parked: d.parkedAt !== null,
    parkedAt: d.parkedAt,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt,
    lastSuccessAt: d.lastSuccessAt,
  };
}

function emptyDelivery(recipientDipId: string): FeedDeliveryEntity {
  return {
    recipientDipId,
    deliveredSequence: 0,
    replayThrough: 0,
    generation: 0,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    parkedAt: null,
    lastError: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
  };
}

/** Bookkeeping times are the machine's (operational facts, not registry decisions). */
function nowIso(): string {
  return new Date().toISOString();
}
