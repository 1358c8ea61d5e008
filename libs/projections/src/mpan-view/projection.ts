import type { CreatedMpanState } from '@app/registration-domain';
import type { ProjectedEvent, Projection, ProjectionBatch } from '../runtime/projection';
import { MPAN_VIEW_TABLES } from './entities';
import { AppliedRecord, mpanViewRows } from './rows';
import { MpanRowsChange, replaceManyMpanRows, replaceMpanRows, stampMpanRow } from './table-writer';

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
 *
 * The runtime uses `openBatch`: the same rows, written once per MPAN and batch (after its last event
 * in the batch) with multi-row statements (`replaceManyMpanRows`), instead of once per event — an
 * MPAN usually has several events in a batch (its message's event and the `PublicationIssued` after it, and more).
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
    openBatch({ manager }): ProjectionBatch {
      // Per MPAN of the batch: its state when the batch started (what its tables hold), its state
      // after the batch's last event, the stamp of that last event, and whether any MPAN event
      // (not only `PublicationIssued` stamps) was applied.
      const pending = new Map<string, { storedState: CreatedMpanState | null; state: CreatedMpanState; applied: AppliedRecord; dataChanged: boolean }>();
      return {
        apply(projected: ProjectedEvent): void {
          if (projected.kind !== 'mpan' || projected.stateAfter.status !== 'Created') return;
          const applied: AppliedRecord = {
            revision: projected.recorded.revision,
            position: projected.recorded.position,
            recordedAt: projected.recorded.recordedAt,
          };
          const entry = pending.get(projected.mpanCore);
          if (entry === undefined) {
            pending.set(projected.mpanCore, {
              storedState: projected.stateBefore.status === 'Created' ? projected.stateBefore : null,
              state: projected.stateAfter,
              applied,
              dataChanged: projected.event !== null,
            });
            return;
          }
          entry.state = projected.stateAfter;
          entry.applied = applied;
          if (projected.event !== null) entry.dataChanged = true;
        },
        async finish(): Promise<void> {
          // The rows `apply` leaves after the MPAN's last event of the batch: those of its last
          // state stamped with its last record; a table whose rows equal those of the state the
          // batch started from is left as it is (as event by event, where it was never rewritten or
          // rewritten back to the same rows).
          const changes: MpanRowsChange[] = [];
          for (const [mpanCore, entry] of pending) {
            if (!entry.dataChanged) {
              // Only `PublicationIssued` records: the stamp moves, no data changes (as `apply` does).
              await stampMpanRow(manager, mpanCore, {
                lastRevision: entry.applied.revision.toString(),
                lastPosition: entry.applied.position.toString(),
                lastRecordedAt: entry.applied.recordedAt,
              });
              continue;
            }
            changes.push({
              mpanCore,
              rows: mpanViewRows(entry.state, entry.applied),
              stored: entry.storedState === null ? null : mpanViewRows(entry.storedState, entry.applied),
            });
          }
          pending.clear();
          await replaceManyMpanRows(manager, changes);
        },
      };
    },
  };
}
