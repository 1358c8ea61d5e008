import { EventStore } from '@app/event-store';
import { foldMpanStream } from '@app/registration-app';
import { MpanCore, mpanStreamName } from '@app/registration-domain';
import { LatencyRecorder, LatencySummary, msSince, perSecond, round3 } from '../stats';

/** R1: every MPAN history read and folded. */
export interface R1Result {
  histories: number;
  events: number;
  seconds: number;
  historiesPerSecond: number | null;
  eventsPerSecond: number | null;
  /** Read + fold of one history, ms. */
  latencyMs: LatencySummary;
}

/**
 * Reads every MPAN stream of `cores` through the event store port (`readStream`, JSON parsed) and
 * folds it with the registry's one fold (`foldMpanStream`), one after the other.
 */
export async function runReplay(store: EventStore, cores: readonly string[]): Promise<R1Result> {
  const latency = new LatencyRecorder(cores.length);
  let events = 0;
  const started = process.hrtime.bigint();
  for (const core of cores) {
    const one = process.hrtime.bigint();
    const recorded = await store.readStream(mpanStreamName(core as MpanCore));
    foldMpanStream(recorded);
    events += recorded.length;
    latency.add(msSince(one));
  }
  const seconds = msSince(started) / 1000;
  return {
    histories: cores.length,
    events,
    seconds: round3(seconds),
    historiesPerSecond: perSecond(cores.length, seconds),
    eventsPerSecond: perSecond(events, seconds),
    latencyMs: latency.summary(),
  };
}
