import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '@app/event-store';
import { ReferenceData } from '@app/registration-domain';
import { checkpointOf, compareByMpan, MpanDifference } from '../runtime/mpan-digest';
import { TableDigest } from '../runtime/digest';
import { Projection } from '../runtime/projection';
import { Projector } from '../runtime/projector';
import { ViewDatabase } from '../runtime/view-database';

/** Options of {@link verifyViews}. */
export interface VerifyOptions {
  store: EventStore;
  referenceData: ReferenceData;
  /** The registry's DIP id and `S1.environmentTag`: must be the live projector's for the feed rows to agree. */
  registryDipId: string;
  environmentTag?: string;
  /** Fresh projections (e.g. `registryProjections()`), the same the live projector runs. */
  projections: Projection[];
  /** The live view database to verify (SQLite or PostgreSQL; the rebuild is a SQLite file either way). */
  live: ViewDatabase;
  /** Folder for the temporary rebuild (default: a new folder under the OS temp dir, removed afterwards). */
  workDir?: string;
  /** Keep the rebuilt file at this path instead of deleting it (it must not exist). */
  keepAt?: string;
  /** Events per transaction of the rebuild; default 2000. */
  batchSize?: number;
  /** After each rebuild batch: position reached, target (the live checkpoint), events applied. */
  onProgress?: (progress: { phase: 'rebuild'; position: bigint; target: bigint; applied: number } | { phase: 'compare'; mpans: number }) => void;
  /** Each MPAN that differs, in core order, as soon as it is found. */
  onDifference?: (difference: MpanDifference) => void;
  /** How many differing MPANs the report lists (all are counted and passed to `onDifference`); default 1000. */
  maxListed?: number;
}

/** What {@link verifyViews} found. */
export interface VerifyReport {
  /** The log position both sides reflect (the live checkpoint when compared). */
  position: bigint;
  /** Events the rebuild applied. */
  events: number;
  /** MPANs compared (on either side). */
  mpans: number;
  /** MPANs whose rows differ in at least one table. */
  differingMpans: number;
  /** The first {@link VerifyOptions.maxListed} of them, in core order, with the tables that differ. */
  differences: MpanDifference[];
  /** Tables without `mpan_core` (compared whole): the live and rebuilt digests. */
  wholeTables: Array<{ table: string; live: TableDigest; rebuilt: TableDigest; same: boolean }>;
  /** Tables compared MPAN by MPAN. */
  mpanTables: string[];
  /** `true` when every MPAN and every whole table agree. */
  agree: boolean;
  seconds: number;
}

/**
 * Verifies the live views against the log (issue #6 "verify"): rebuilds every projection from
 * position 0 into a temporary view database up to the live checkpoint (the same runtime as the
 * live projector), then compares the two **MPAN by MPAN** — the rows of every table with an
 * `mpan_core` column grouped by MPAN, digested per table (../runtime/mpan-digest.ts) — and the
 * tables without one whole.
 *
 * The comparison runs in ONE snapshot on each side (`ViewDatabase.readSnapshot`; the digests are
 * dialect-neutral, so live views on PostgreSQL compare with the SQLite rebuild). The live views
 * may move on while the rebuild runs (a running projector): the live checkpoint is read again
 * inside that snapshot and the rebuild catches up to it first, so both sides describe the same log
 * prefix.
 * @throws Error when the live checkpoint goes backwards (the live file was replaced during the
 *   run), when a table is missing, or when the store or a projection fails (the temporary file is
 *   removed unless `keepAt`).
 */
export async function verifyViews(options: VerifyOptions): Promise<VerifyReport> {
  const started = process.hrtime.bigint();
  const dir = options.keepAt ? null : mkdtempSync(join(options.workDir ?? tmpdir(), 'regs-verify-'));
  const path = options.keepAt ?? join(dir!, 'views-verify.sqlite');
  const target = await options.live.readSnapshot((reader) => checkpointOf(reader, options.projections));
  const rebuilt = await ViewDatabase.openSqlite({ path, synchronous: 'NORMAL' });
  const maxListed = options.maxListed ?? 1000;
  try {
    let applied = 0;
    let goal = target;
    const projector = new Projector({
      store: options.store,
      views: rebuilt,
      projections: options.projections,
      referenceData: options.referenceData,
      registryDipId: options.registryDipId,
      environmentTag: options.environmentTag,
      batchSize: options.batchSize ?? 2000,
      onBatch: (batch) => {
        applied += batch.applied;
        options.onProgress?.({ phase: 'rebuild', position: batch.position, target: goal, applied });
      },
    });
    await projector.catchUp(target);

    const differences: MpanDifference[] = [];
    const comparison = await options.live.readSnapshot(async (liveReader) => {
      // The live views may have moved on during the rebuild: catch up to what this snapshot shows.
      const position = await checkpointOf(liveReader, options.projections);
      if (position < target) {
        throw new Error(`the live views went back from position ${target} to ${position} during the verification (were they replaced?); run it again`);
      }
      if (position > target) {
        goal = position;
        await projector.catchUp(position);
      }
      return rebuilt.readSnapshot(async (rebuiltReader) => {
        const reached = await checkpointOf(rebuiltReader, options.projections);
        if (reached !== position) throw new Error(`the rebuild reached position ${reached}, not the live checkpoint ${position}`);
        const result = await compareByMpan(
          liveReader,
          rebuiltReader,
          options.projections,
          (difference) => {
            if (differences.length < maxListed) differences.push(difference);
            options.onDifference?.(difference);
          },
          (mpans) => {
            if (mpans % 1000 === 0) options.onProgress?.({ phase: 'compare', mpans });
          },
        );
        return { position, ...result };
      });
    });
    const wholeTables = comparison.wholeTables.map((t) => ({ table: t.table, live: t.left, rebuilt: t.right, same: t.same }));
    return {
      position: comparison.position,
      events: applied,
      mpans: comparison.mpans,
      differingMpans: comparison.differingMpans,
      differences,
      wholeTables,
      mpanTables: comparison.mpanTables,
      agree: comparison.differingMpans === 0 && wholeTables.every((t) => t.same),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    await rebuilt.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
