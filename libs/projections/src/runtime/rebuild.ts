import { existsSync } from 'node:fs';
import { EventStore } from '@app/event-store';
import { ReferenceData } from '@app/registration-domain';
import { knownAtFilter } from '../audit/known-at';
import { digestViews, ViewDigest } from './digest';
import { ProjectionCheckpointEntity } from './entities';
import { Projection } from './projection';
import { Projector } from './projector';
import { ViewDatabase } from './view-database';

/** Options of {@link rebuildViews}. */
export interface RebuildOptions {
  store: EventStore;
  referenceData: ReferenceData;
  registryDipId: string;
  /** `S1.environmentTag` of publications; must be the live projector's for the digests to agree. */
  environmentTag?: string;
  /** Fresh projections (e.g. `registryProjections()`); the rebuild applies them from position 0. */
  projections: Projection[];
  /** The new view database file; it must not exist yet. */
  outPath: string;
  /** The live views to compare with: the rebuild stops at their checkpoint and compares digests. */
  live?: ViewDatabase;
  /** Last position to apply when there is no `live` (default: the log's head when the rebuild starts). */
  to?: bigint;
  /**
   * Rebuild the views as known at this UTC instant (ISO 8601, issue #6): apply only the events
   * recorded at or before it (`recordedAt <= knownAt`, see ../audit/known-at.ts), reading the whole
   * log up to `to` / the head. The new file's checkpoint is then the position of the last event
   * applied. Not with `live` (there is nothing live to compare with).
   */
  knownAt?: string;
  /** Events per transaction; default 2000. */
  batchSize?: number;
  /** Called after each committed batch with the position reached and the target. */
  onProgress?: (progress: { position: bigint; target: bigint; applied: number }) => void;
}

/** What a rebuild did and found. Positions are bigint; digests SHA-256 hex. */
export interface RebuildReport {
  /** Position the rebuilt views reflect. */
  position: bigint;
  /** Events applied. */
  events: number;
  /** The `knownAt` instant of an as-known-at rebuild (normalised ISO 8601 UTC), else `null`. */
  knownAt: string | null;
  /**
   * Events read but not applied (as-known-at only: recorded after `knownAt`, or after such an event
   * of their stream); `0` otherwise.
   */
  leftOut: number;
  /**
   * Of those, how many were recorded after `knownAt` yet lie in the log before an event recorded at
   * or before it: the clock that stamps `recordedAt` stepped back between appends (a replayed
   * history's day-start runs at past midnights; a machine clock corrected backwards). `0` otherwise.
   */
  outOfClockOrder: number;
  seconds: number;
  rebuilt: ViewDigest;
  /** Digest of the live views at the same position, or `null` when there was nothing to compare with. */
  live: ViewDigest | null;
  /** `true`/`false` when compared, `null` otherwise. */
  matches: boolean | null;
  /** Tables whose digests differ (empty when they match or were not compared). */
  differingTables: string[];
}

/**
 * Rebuilds the projections from zero into a NEW view database file (issue #5 "rebuild"): reads the
 * log from the start in batches, each batch one transaction (the same runtime as the live
 * projector, so the same code path is proven), then digests the result. The new file is always
 * SQLite; `live` may be SQLite or PostgreSQL (digests are dialect-neutral, docs/adr/0010). With
 * `live`, the target is the live views' checkpoint, read together with their digest in one snapshot — so the two
 * digests describe the same log prefix and must be equal; a difference names the tables.
 * The new file is left in place (inspect it, or swap it in while the service is stopped).
 * With `knownAt` (issue #6) it applies only the events recorded at or before that instant and
 * compares nothing: the views as the registry knew them then (docs/audit.md).
 * @throws RangeError when `knownAt` is not an ISO 8601 instant with a zone.
 * @throws Error when `outPath` exists (never overwrite a database), or when the store or a
 *   projection fails (the partial file is left for inspection).
 */
export async function rebuildViews(options: RebuildOptions): Promise<RebuildReport> {
  if (existsSync(options.outPath)) {
    throw new Error(`${options.outPath} already exists; a rebuild writes a new file (remove it or choose another)`);
  }
  if (options.knownAt !== undefined && options.live) {
    throw new Error('an as-known-at rebuild is not compared with the live views: pass knownAt or live, not both');
  }
  const filter = options.knownAt === undefined ? null : knownAtFilter(options.knownAt);
  const started = process.hrtime.bigint();
  const live = options.live ? await digestViews(options.live, options.projections) : null;
  const target = live ? live.position : (options.to ?? (await options.store.headPosition()));
  const views = await ViewDatabase.openSqlite({ path: options.outPath, synchronous: 'NORMAL' });
  try {
    let applied = 0;
    let lastApplied: { position: bigint; recordedAt: string } | null = null;
    const projector = new Projector({
      store: options.store,
      views,
      projections: options.projections,
      referenceData: options.referenceData,
      registryDipId: options.registryDipId,
      environmentTag: options.environmentTag,
      batchSize: options.batchSize ?? 2000,
      ...(filter ? { include: filter.include } : {}),
      onBatch: (batch) => {
        applied += batch.applied;
        if (batch.lastApplied) lastApplied = batch.lastApplied;
        options.onProgress?.({ position: batch.position, target, applied });
      },
    });
    const read = await projector.catchUp(target);
    if (filter) {
      // The file reflects the log as known at knownAt: its checkpoint is the last event applied,
      // not the last one read (every event after it was left out).
      await setCheckpoints(views, options.projections, lastApplied);
    }
    const rebuilt = await digestViews(views, options.projections);
    const differingTables = live
      ? rebuilt.tables.filter((t, i) => t.sha256 !== live.tables[i]?.sha256 || t.table !== live.tables[i]?.table).map((t) => t.table)
      : [];
    return {
      position: rebuilt.position,
      events: applied,
      knownAt: filter ? filter.knownAt : null,
      leftOut: read - applied,
      outOfClockOrder: filter ? filter.outOfClockOrder() : 0,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      rebuilt,
      live,
      matches: live ? live.sha256 === rebuilt.sha256 && live.position === rebuilt.position : null,
      differingTables,
    };
  } finally {
    await views.close();
  }
}

/** Moves every projection's checkpoint to `last` (position and recorded-at of the last event applied; `'0'` when none). */
async function setCheckpoints(
  views: ViewDatabase,
  projections: Projection[],
  last: { position: bigint; recordedAt: string } | null,
): Promise<void> {
  await views.writeTransaction(async (manager) => {
    for (const { name } of projections) {
      await manager.save(ProjectionCheckpointEntity, {
        name,
        position: last ? last.position.toString() : '0',
        eventRecordedAt: last ? last.recordedAt : null,
      });
    }
  }, { derived: true });
}
