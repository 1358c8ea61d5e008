import type { ProjectedEvent, Projection } from '../runtime/projection';
import { MPAN_VIEW_TABLES } from './entities';
import { AppliedRecord, mpanViewRows } from './rows';
import { replaceMpanRows, stampMpanRow } from './table-writer';

/** The projection's name: its checkpoint row in `projection_checkpoints`. */
export const MPAN_VIEW_PROJECTION_NAME = 'mpan-view';

/**
 * The MPAN query view projection (issue #5; docs/query-view.md).
 *
 * - An MPAN event (`kind: 'mpan'`, `event` not null) of a created MPAN replaces every row of that
 *   MPAN: delete from each table, then insert {@link mpanViewRows} of `stateAfter` — so the rows
 *   depend only on the state the runtime folded, and applying an event twice leaves the same rows.
 *   On SQLite, tables whose rows are the same for `stateBefore` are left untouched (see
 *   `replaceMpanRows`).
 * - A `PublicationIssued` record (`event` null) changes no data; it only moves the MPAN's
 *   `mpan_view` row to its revision, position and recorded-at, so the view's `streamRevision` of an
 *   MPAN matches the acknowledgement of the message that appended it.
 * - Message-outcome and other streams are ignored.
 * Writes go through the batch's `manager` (the runtime's one transaction with the checkpoint).
 */
export function createMpanViewProjection(): Projection {
  return {
    name: MPAN_VIEW_PROJECTION_NAME,
    tables: MPAN_VIEW_TABLES.map((t) => ({ name: t.name, orderBy: [...t.orderBy] })),
    async apply(projected: ProjectedEvent, { manager }): Promise<void> {
      if (projected.kind !== 'mpan' || projected.stateAfter.status !== 'Created') return;
      const applied: AppliedRecord = {
        revision: projected.recorded.revision,
        position: projected.recorded.position,
        recordedAt: projected.recorded.recordedAt,
      };
      if (projected.event === null) {
        await stampMpanRow(manager, projected.mpanCore, {
          lastRevision: applied.revision.toString(),
          lastPosition: applied.position.toString(),
          lastRecordedAt: applied.recordedAt,
        });
        return;
      }
      // The tables hold the rows of the state before this event (written by the previous one in
      // the same stream of batches): only the tables whose rows change are rewritten.
      const before = projected.stateBefore.status === 'Created' ? mpanViewRows(projected.stateBefore, applied) : null;
      await replaceMpanRows(manager, projected.mpanCore, mpanViewRows(projected.stateAfter, applied), before);
    },
  };
}
