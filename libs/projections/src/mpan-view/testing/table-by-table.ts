import type { ViewDatabase } from '../../runtime/view-database';
import type { ViewRow } from '../../runtime/view-reader';
import { mpanViewAnswer, MpanViewAnswerBody } from '../answer';
import { MPAN_VIEW_TABLES, MpanViewRows } from '../entities';
import { MPAN_VIEW_PROJECTION_NAME } from '../projection';

/**
 * The reference read of `MpanViewQueryService.current` (tests only): the same answer — checkpoint,
 * stream fields, snapshot and timelines, in the same key order — read the plain way, ONE SELECT per
 * view table in one `readSnapshot` (a REPEATABLE READ transaction on PostgreSQL), every column
 * selected as `"column" AS "property"` in entity order, booleans turned from 1 / 0 to true / false.
 * The service reads in one statement on PostgreSQL (JSON per table) and by plain statements in one
 * read transaction on SQLite (ADR 0024); this is what both must
 * equal byte for byte (`JSON.stringify`). `effectiveAt` is a settlement day `YYYY-MM-DD`; the core
 * is taken as given (no validation); `null` when the view has no such MPAN.
 */
export async function readMpanViewTableByTable(
  views: ViewDatabase,
  mpanCore: string,
  effectiveAt: string,
): Promise<(MpanViewAnswerBody & Record<string, unknown>) | null> {
  return views.readSnapshot(async (reader) => {
    const checkpoint = await reader.get<{ position: string; recordedAt: string | null }>(
      `SELECT position AS "position", event_recorded_at AS "recordedAt" FROM projection_checkpoints WHERE name = ?`,
      [MPAN_VIEW_PROJECTION_NAME],
    );
    const rows: Record<string, unknown> = {};
    for (const table of MPAN_VIEW_TABLES) {
      const columns = views.reader.getMetadata(table.entity).columns;
      const select = columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
      const order = table.orderBy.map((c) => `"${c}"`).join(', ');
      const list = await reader.all<ViewRow>(`SELECT ${select} FROM "${table.name}" WHERE "mpan_core" = ? ORDER BY ${order}`, [mpanCore]);
      const booleans = columns.filter((c) => c.type === 'boolean').map((c) => c.propertyName);
      const items = list.map((row) => {
        const out: Record<string, unknown> = row;
        for (const b of booleans) out[b] = row[b] === 1;
        return out;
      });
      if (table.key === 'mpan') {
        if (items.length === 0) return null;
        rows.mpan = items[0];
      } else rows[table.key] = items;
    }
    const view = rows as unknown as MpanViewRows;
    return {
      mpanCore,
      effectiveAt,
      position: checkpoint ? String(checkpoint.position) : '0',
      asKnownAt: checkpoint?.recordedAt ?? null,
      streamRevision: view.mpan.lastRevision,
      streamPosition: view.mpan.lastPosition,
      streamRecordedAt: view.mpan.lastRecordedAt,
      ...mpanViewAnswer(view, effectiveAt),
    };
  });
}
