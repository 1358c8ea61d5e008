import { INestApplicationContext } from '@nestjs/common';
import { generateTraffic, TrafficLine } from '@app/dip-wire';
import { compactDate, dt003, dt003Midnight } from '@app/dip-wire/sample-traffic/uk-time';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { FixedClock, IntakeService } from '@app/registration-app';
import { MpanCore, mpanStreamName } from '@app/registration-domain';
import { driveInProcess } from '../drive-in-process';
import { countResult, emptyOutcomes, OutcomeCounts } from '../outcomes';
import { LatencyRecorder, LatencySummary, msSince, perSecond, ratio, round3 } from '../stats';
import { WorkloadEntry } from '../workload';

/** W2: one MPAN receiving a long run of sequential valid changes. */
export interface W2Result {
  mpanCore: string;
  /** What each change is. */
  change: string;
  /** Changes asked for, and sent before the time box (`phaseSeconds`) ran out, if it did. */
  changes: number;
  sent: number;
  timeBoxed: boolean;
  outcomes: OutcomeCounts;
  seconds: number;
  window: number;
  first: { messagesPerSecond: number | null; latencyMs: LatencySummary };
  last: { messagesPerSecond: number | null; latencyMs: LatencySummary };
  /** Last window's rate over the first's (the target: ≥ 0.8). */
  endOverStart: number | null;
  /** Records in the MPAN's stream before the changes and at the end (events and publications). */
  streamEvents: { before: number; after: number };
}

/** The event codes of an MPAN whose story is the plain lifecycle (no later appointment or supplier change). */
const PLAIN_STORY = ['[MPANCreation]', '[InitialRegistration]', '[MSApp]', '[DSApp]', '[MSAppSPResponse]', '[DSAppSPResponse]', '[MeterInstall]', '[EnergisationStatusChange]'];

/**
 * The hot MPAN's history: the first generated MPAN (no mistakes) whose story is the plain
 * lifecycle ending with its metering service energising it (IF-007 `E`), so that the same
 * metering service stays appointed for every later change.
 * @throws Error when none of the first 200 generated MPANs has such a story.
 */
export function hotMpanHistory(seed: number, startDate: string): TrafficLine[] {
  const byMpan = new Map<string, TrafficLine[]>();
  for (const line of generateTraffic({ mpans: 200, seed, startDate, mistakeRate: 0 })) {
    const core = line.message.payload.CommonBlock.M0.MPANCore;
    byMpan.set(core, [...(byMpan.get(core) ?? []), line]);
  }
  for (const lines of byMpan.values()) {
    const codes = lines.map((l) => l.message.payload.CommonBlock.S0.eventCode);
    const last = lines[lines.length - 1]!;
    const status = (last.message.payload.CustomBlock.B025 as { energisationStatus?: string } | undefined)?.energisationStatus;
    if (codes.length === PLAIN_STORY.length && PLAIN_STORY.every((c) => codes.includes(c)) && codes[codes.length - 1] === '[EnergisationStatusChange]' && status === 'E') {
      return lines;
    }
  }
  throw new Error('W2: no generated MPAN with a plain lifecycle ending in an energisation; try another --seed');
}

/**
 * The `i`-th change of the hot stream: IF-007 `[EnergisationStatusChange]` from the MPAN's
 * appointed metering service, alternating D and E (each differs from the status in effect, so
 * LOC022 never applies), one a day from `firstDay` (day number), effective that day at UK midnight
 * and sent at 10:00 UK time (never in the future: REG1020), each with its own sender reference.
 */
export function hotChange(template: TrafficLine, firstDay: number, i: number): TrafficLine {
  const day = firstDay + i;
  const message = structuredClone(template.message);
  const s1 = message.payload.CommonBlock.S1;
  s1.senderTimestamp = dt003(day, 10 * 60);
  s1.senderUniqueReference = `S-IF-007-${s1.senderDIPID}-${s1.senderRoleID}-${compactDate(day)}-W2n${i}`;
  message.payload.CustomBlock = { B025: { energisationStatus: i % 2 === 0 ? 'D' : 'E', energisationStatusEffectiveFromDate: dt003Midnight(day) } };
  return { channel: template.channel, message };
}

/**
 * Runs W2 in an application context on fresh stores: loads the hot MPAN's history (untimed), then
 * sends `changes` sequential changes through the intake on the registry's clock (one day apart),
 * timing each, until they are all sent or `maxSeconds` of changes have passed; compares the rate of
 * the first and the last `window` changes sent.
 */
export async function runHotStream(
  app: INestApplicationContext,
  clock: FixedClock,
  options: { seed: number; startDate: string; changes: number; window: number; maxSeconds: number },
  onProgress?: (done: number) => void,
): Promise<W2Result> {
  const history = hotMpanHistory(options.seed, options.startDate);
  const entries: WorkloadEntry[] = history.map((line, i) => ({
    offset: i,
    length: 0,
    sentAtMs: Date.parse(line.message.payload.CommonBlock.S1.senderTimestamp),
    mpanCore: line.message.payload.CommonBlock.M0.MPANCore,
    eventCode: line.message.payload.CommonBlock.S0.eventCode,
  }));
  const loaded = await driveInProcess(app, clock, entries, (e) => history[e.offset]!);
  if (loaded.outcomes.accepted !== history.length) {
    throw new Error(`W2: the hot MPAN's history was not accepted in full: ${JSON.stringify(loaded.outcomes)}`);
  }
  const core = entries[0]!.mpanCore;
  const store = app.get<EventStore>(EVENT_STORE);
  const streamName = mpanStreamName(core as MpanCore);
  const before = (await store.readStream(streamName)).length;
  const template = history[history.length - 1]!;
  // The day after the history's last message (day numbers count whole UTC days since 1970-01-01).
  const firstDay = Math.floor(entries[entries.length - 1]!.sentAtMs / 86_400_000) + 1;
  const intake = app.get(IntakeService);
  const latency = new LatencyRecorder(options.changes);
  const outcomes = emptyOutcomes();
  let spentMs = 0;
  for (let i = 0; i < options.changes && (options.maxSeconds <= 0 || spentMs < options.maxSeconds * 1000); i++) {
    const line = hotChange(template, firstDay, i);
    clock.set(new Date(line.message.payload.CommonBlock.S1.senderTimestamp).toISOString());
    const started = process.hrtime.bigint();
    const [result] = await intake.submit(line.channel, [line.message]);
    const took = msSince(started);
    spentMs += took;
    latency.add(took);
    countResult(outcomes, result!);
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  const n = latency.count;
  const window = Math.min(options.window, Math.floor(n / 2));
  const rate = (from: number, to: number) => perSecond(to - from, latency.sum(from, to) / 1000);
  const first = { messagesPerSecond: rate(0, window), latencyMs: latency.summary(0, window) };
  const last = { messagesPerSecond: rate(n - window, n), latencyMs: latency.summary(n - window, n) };
  return {
    mpanCore: core,
    change: 'IF-007 [EnergisationStatusChange] from the appointed MS, alternating D/E, one a day',
    changes: options.changes,
    sent: n,
    timeBoxed: n < options.changes,
    outcomes,
    seconds: round3(latency.sum() / 1000),
    window,
    first,
    last,
    endOverStart: ratio(last.messagesPerSecond, first.messagesPerSecond),
    streamEvents: { before, after: (await store.readStream(streamName)).length },
  };
}
