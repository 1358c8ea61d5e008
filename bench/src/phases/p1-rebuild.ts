import { statSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '@app/event-store';
import { rebuildViews, registryProjections } from '@app/projections';
import { RegistryConfig } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { currentRssMiB, RssSampler } from '../rss';
import { msSince, perSecond, round1, round3 } from '../stats';

/** P1: the projections rebuilt from position 0 over W1's log. */
export interface P1Result {
  /** Events applied (all of the log, unless the time box stopped the rebuild). */
  events: number;
  /** Events in the log (the rebuild's target). */
  logEvents: number;
  /** Seconds until the last batch committed (the digest `rebuildViews` computes afterwards is not included). */
  seconds: number;
  eventsPerSecond: number | null;
  /** Seconds of the digest of the rebuilt views that `rebuildViews` ends with (`null` when time-boxed). */
  digestSeconds: number | null;
  timeBoxed: boolean;
  rssMiB: { before: number; peak: number };
  /** Size of the rebuilt view database file, MiB. */
  viewFileMiB: number;
  batchSize: number;
}

/** Thrown from the progress callback to stop a rebuild at its time box. */
class TimeBoxReached extends Error {}

/**
 * Rebuilds every projection (`registryProjections()`: MPAN query view, notification feed) from
 * zero into a new SQLite view database with `rebuildViews` — the code path of `registry rebuild` —
 * and measures events per second (until the last batch commits) and the process's peak RSS. Stops
 * after the first batch that ends past `maxSeconds` (0 = never).
 */
export async function runRebuild(
  store: EventStore,
  referenceData: ReferenceData,
  config: RegistryConfig,
  tempDir: string,
  maxSeconds: number,
): Promise<P1Result> {
  const outPath = join(tempDir, 'p1-rebuilt-views.sqlite');
  const batchSize = 2000;
  const sampler = new RssSampler();
  const before = currentRssMiB();
  const logEvents = Number(await store.headPosition());
  let applied = 0;
  let appliedMs = 0;
  let digestSeconds: number | null = null;
  let timeBoxed = false;
  sampler.start();
  const started = process.hrtime.bigint();
  try {
    await rebuildViews({
      store,
      referenceData,
      registryDipId: config.registryDipId,
      environmentTag: config.environmentTag,
      projections: registryProjections(),
      outPath,
      batchSize,
      onProgress: (progress) => {
        applied = progress.applied;
        appliedMs = msSince(started);
        if (maxSeconds > 0 && appliedMs > maxSeconds * 1000 && progress.position < progress.target) throw new TimeBoxReached();
      },
    });
    digestSeconds = round3((msSince(started) - appliedMs) / 1000);
  } catch (error) {
    if (!(error instanceof TimeBoxReached)) throw error;
    timeBoxed = true;
  }
  const peak = sampler.stop();
  return {
    events: applied,
    logEvents,
    seconds: round3(appliedMs / 1000),
    eventsPerSecond: perSecond(applied, appliedMs / 1000),
    digestSeconds,
    timeBoxed,
    rssMiB: { before, peak },
    viewFileMiB: round1(statSync(outPath).size / 1048576),
    batchSize,
  };
}
