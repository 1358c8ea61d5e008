import { existsSync } from 'node:fs';
import { EventStore } from '@app/event-store';
import { ReferenceData } from '@app/registration-domain';
import { digestViews, ViewDigest } from './digest';
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
 * projector, so the same code path is proven), then digests the result. With `live`, the target is
 * the live views' checkpoint, read together with their digest in one read transaction — so the two
 * digests describe the same log prefix and must be equal; a difference names the tables.
 * The new file is left in place (inspect it, or swap it in while the service is stopped).
 * @throws Error when `outPath` exists (never overwrite a database), or when the store or a
 *   projection fails (the partial file is left for inspection).
 */
export async function rebuildViews(options: RebuildOptions): Promise<RebuildReport> {
  if (existsSync(options.outPath)) {
    throw new Error(`${options.outPath} already exists; a rebuild writes a new file (remove it or choose another)`);
  }
  const started = process.hrtime.bigint();
  const live = options.live ? digestViews(options.live, options.projections) : null;
  const target = live ? live.position : (options.to ?? (await options.store.headPosition()));
  const views = await ViewDatabase.openSqlite({ path: options.outPath, synchronous: 'NORMAL' });
  try {
    let applied = 0;
    const projector = new Projector({
      store: options.store,
      views,
      projections: options.projections,
      referenceData: options.referenceData,
      registryDipId: options.registryDipId,
      environmentTag: options.environmentTag,
      batchSize: options.batchSize ?? 2000,
      onBatch: (batch) => {
        applied += batch.applied;
        options.onProgress?.({ position: batch.position, target, applied });
      },
    });
    await projector.catchUp(target);
    const rebuilt = digestViews(views, options.projections);
    const differingTables = live
      ? rebuilt.tables.filter((t, i) => t.sha256 !== live.tables[i]?.sha256 || t.table !== live.tables[i]?.table).map((t) => t.table)
      : [];
    return {
      position: rebuilt.position,
      events: applied,
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
