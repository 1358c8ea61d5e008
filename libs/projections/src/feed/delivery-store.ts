import type { ViewDatabase } from '../runtime/view-database';
import { afterFailure, WebhookDeliveryOptions } from './delivery-options';
import { FeedDeliveryEntity, FeedRecipientEntity, FeedSubscriptionEntity } from './feed.entities';
import { eventCodesFromColumn } from './publication-config';

/** A participant whose webhook has something to receive now. */
export interface DueDelivery {
  recipientDipId: string;
  webhookUrl: string;
  eventCodes: string[] | null;
  deliveredSequence: number;
  replayThrough: number;
  /** The delivery row's generation when read (a replay or webhook change bumps it). */
  generation: number;
  consecutiveFailures: number;
}

/** The outcome of recording a failed attempt. */
export type FailureOutcome = { parked: true; failures: number } | { parked: false; failures: number; nextAttemptAt: string } | null;

/**
 * The webhook deliverer's bookkeeping in `feed_deliveries` (not projected, not digested). Reads on
 * the reader connection; every write through `ViewDatabase.writeTransaction` and guarded by the
 * row's generation, so an attempt that started before a replay or a webhook change cannot move
 * the cursor afterwards.
 */
export class FeedDeliveryStore {
  constructor(private readonly views: ViewDatabase) {}

  /**
   * Participants with a webhook, not parked, whose backoff has passed at `nowIso` and whose feed
   * has items beyond what was delivered; `onlyFor` restricts to one participant.
   */
  async due(nowIso: string, onlyFor?: string): Promise<DueDelivery[]> {
    const query = this.views.reader.manager
      .createQueryBuilder(FeedSubscriptionEntity, 's')
      .innerJoin(FeedDeliveryEntity, 'd', 'd.recipientDipId = s.recipientDipId')
      .innerJoin(FeedRecipientEntity, 'r', 'r.recipientDipId = s.recipientDipId')
      .select('s.recipientDipId', 'recipientDipId')
      .addSelect('s.webhookUrl', 'webhookUrl')
      .addSelect('s.eventCodes', 'eventCodes')
      .addSelect('d.deliveredSequence', 'deliveredSequence')
      .addSelect('d.replayThrough', 'replayThrough')
      .addSelect('d.generation', 'generation')
      .addSelect('d.consecutiveFailures', 'consecutiveFailures')
      .where('s.webhookUrl IS NOT NULL')
      .andWhere('d.parkedAt IS NULL')
      .andWhere('(d.nextAttemptAt IS NULL OR d.nextAttemptAt <= :nowIso)', { nowIso })
      .andWhere('r.lastSequence > d.deliveredSequence')
      .orderBy('s.recipientDipId', 'ASC');
    if (onlyFor !== undefined) query.andWhere('s.recipientDipId = :onlyFor', { onlyFor });
    const rows = await query.getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      recipientDipId: String(r.recipientDipId),
      webhookUrl: String(r.webhookUrl),
      eventCodes: eventCodesFromColumn((r.eventCodes as string | null) ?? null),
      deliveredSequence: Number(r.deliveredSequence),
      replayThrough: Number(r.replayThrough),
      generation: Number(r.generation),
      consecutiveFailures: Number(r.consecutiveFailures),
    }));
  }

  /**
   * A 2xx for a batch: moves the cursor to `through` (the batch's last item, or further when the
   * items after it on the page were all skipped), clears the failures and `lastError`, and acknowledges for pull
   * through `acknowledgeThrough` — the last item the batch **delivered** — never lowering the
   * acknowledgement. Items skipped after it (filtered out, unrenderable) are not acknowledged:
   * nothing was delivered for them (docs/feed.md "What acknowledged means").
   * @returns false when the row changed generation meanwhile (nothing written).
   */
  async recordSuccess(recipientDipId: string, generation: number, through: number, acknowledgeThrough: number, nowIso: string): Promise<boolean> {
    return this.views.writeTransaction(async (manager) => {
      const result = await manager.update(
        FeedDeliveryEntity,
        { recipientDipId, generation },
        // lastError is cleared: it describes the current trouble of the webhook, and there is none now.
        { deliveredSequence: through, consecutiveFailures: 0, nextAttemptAt: null, lastError: null, lastAttemptAt: nowIso, lastSuccessAt: nowIso },
      );
      if (!result.affected) return false;
      await manager
        .createQueryBuilder()
        .update(FeedSubscriptionEntity)
        .set({ acknowledgedSequence: acknowledgeThrough })
        .where('recipient_dip_id = :recipientDipId AND acknowledged_sequence < :acknowledgeThrough', { recipientDipId, acknowledgeThrough })
        .execute();
      return true;
    });
  }

  /**
   * Nothing to send up to `through` (every item filtered out or unrenderable): moves the cursor
   * without a POST. The acknowledgement stays: the participant received none of these items, so a
   * pull without `after` (say after the filter is removed) still returns them.
   * @returns false when the row changed generation meanwhile (nothing written).
   */
  async skipThrough(recipientDipId: string, generation: number, through: number): Promise<boolean> {
    const result = await this.views.writeTransaction((manager) =>
      manager.update(FeedDeliveryEntity, { recipientDipId, generation }, { deliveredSequence: through }),
    );
    return Boolean(result.affected);
  }

  /**
   * A failed attempt (non-2xx, network error, timeout): one more consecutive failure, the next
   * attempt after the backoff, or parked at `options.parkAfter` failures; `error` is kept.
   * @returns what happened, or null when the row changed generation meanwhile (nothing written).
   */
  async recordFailure(
    recipientDipId: string,
    generation: number,
    error: string,
    nowMs: number,
    options: Pick<WebhookDeliveryOptions, 'retryBaseMs' | 'retryMaxMs' | 'parkAfter'>,
  ): Promise<FailureOutcome> {
    return this.views.writeTransaction(async (manager) => {
      const row = await manager.findOneBy(FeedDeliveryEntity, { recipientDipId });
      if (!row || row.generation !== generation) return null;
      const failures = row.consecutiveFailures + 1;
      const next = afterFailure(failures, nowMs, options);
      const nowIso = new Date(nowMs).toISOString();
      const nextAttemptAt = next.parked ? null : new Date(next.nextAttemptAtMs).toISOString();
      await manager.update(
        FeedDeliveryEntity,
        { recipientDipId, generation },
        { consecutiveFailures: failures, lastError: error, lastAttemptAt: nowIso, nextAttemptAt, parkedAt: next.parked ? nowIso : null },
      );
      return next.parked ? { parked: true, failures } : { parked: false, failures, nextAttemptAt: nextAttemptAt! };
    });
  }
}
