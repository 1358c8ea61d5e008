import { statSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '@app/event-store';
import { rebuildViews, registryProjections } from '@app/projections';
import { RegistryConfig } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { currentRssMiB, RssSampler } from '../rss';
import { perSecond, round1, round3 } from '../stats';

/** P1: the projections rebuilt from position 0 over W1's log. */
export interface P1Result {
  events: number;
  seconds: number;
  eventsPerSecond: number | null;
  rssMiB: { before: number; peak: number };
  /** Size of the rebuilt view database file, MiB. */
  viewFileMiB: number;
  batchSize: number;
}

/**
 * Rebuilds every projection (`registryProjections()`: MPAN query view, notification feed) from
 * zero into a new view database with `rebuildViews` — the code path of `registry rebuild` — and
 * measures events per second and the process's peak RSS.
 */
export async function runRebuild(store: EventStore, referenceData: ReferenceData, config: RegistryConfig, tempDir: string): Promise<P1Result> {
  const outPath = join(tempDir, 'p1-rebuilt-views.sqlite');
  const sampler = new RssSampler();
  const before = currentRssMiB();
  sampler.start();
  const report = await rebuildViews({
    store,
    referenceData,
    registryDipId: config.registryDipId,
    environmentTag: config.environmentTag,
    projections: registryProjections(),
    outPath,
  });
  const peak = sampler.stop();
  return {
    events: report.events,
    seconds: round3(report.seconds),
    eventsPerSecond: perSecond(report.events, report.seconds),
    rssMiB: { before, peak },
    viewFileMiB: round1(statSync(outPath).size / 1048576),
    batchSize: 2000,
  };
}
