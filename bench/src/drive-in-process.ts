import { INestApplicationContext } from '@nestjs/common';
import { DayStartService, FixedClock, IntakeService, ukMidnightOf, ukSettlementDayOf } from '@app/registration-app';
import { countResult, emptyOutcomes, OutcomeCounts } from './outcomes';
import { LatencyRecorder, msSince } from './stats';
import { TrafficLine } from '@app/dip-wire';
import { WorkloadEntry } from './workload';

/** What one in-process drive of the workload did. */
export interface InProcessDrive {
  /** Messages sent (all of `entries` unless a limit stopped the drive first). */
  messages: number;
  /** Whether `maxSeconds` stopped the drive before the end of `entries`. */
  timeBoxed: boolean;
  /** `senderTimestamp` (epoch ms) of the last message sent, `null` when none was. */
  lastSentAtMs: number | null;
  /** Wall-clock seconds of the drive minus the day-start runs (as over HTTP). */
  messageSeconds: number;
  /** Latency of each message (the whole `submit`), ms. */
  latency: LatencyRecorder;
  outcomes: OutcomeCounts;
  dayStart: DayStartTotals;
  /** MPAN cores whose `[MPANCreation]` was accepted. */
  acceptedCreations: string[];
}

/** The day-start runs of a drive. */
export interface DayStartTotals {
  runs: number;
  seconds: number;
  eventsAppended: number;
}

/** Limits of a drive: stop after `maxSeconds` of wall-clock time (0 = none), and after `maxMessages` messages. */
export interface DriveLimits {
  maxSeconds: number;
  maxMessages: number;
}

/** No limit: every entry is sent. */
export const NO_LIMITS: DriveLimits = { maxSeconds: 0, maxMessages: Number.MAX_SAFE_INTEGER };

/**
 * Feeds workload entries, in the order given, through the intake of an application context — the
 * command path of `registry load` and of `POST /dip-channel` (validation, mapping, decide, append,
 * outcome record) — with up to `concurrency` messages in flight, until the entries or the `limits`
 * run out. Two messages of one MPAN are never in flight together (an MPAN's messages depend on each
 * other): the next waits for its MPAN's previous one, as in the HTTP drive. `concurrency` 1 is the
 * sequential drive: one message at a time, in order.
 *
 * The registry's clock follows the messages' `senderTimestamp`, forward only: a message sets the
 * clock to its sender time when it starts, unless a later message already moved it further, so the
 * messages in flight together are judged at the latest sender time among them (as the HTTP bench
 * server does with its clock header); one at a time, each is judged at its own. When the UK day
 * turns, the drive waits for the messages in flight, then day-start runs for the new day at its
 * midnight (as the in-process scheduler would), timed apart from the messages.
 * @throws Error the first error a message's `submit` threw (the messages in flight complete first).
 */
export async function driveInProcess(
  app: INestApplicationContext,
  clock: FixedClock,
  entries: readonly WorkloadEntry[],
  lineOf: (entry: WorkloadEntry) => TrafficLine,
  limits: DriveLimits = NO_LIMITS,
  onProgress?: (done: number) => void,
  concurrency = 1,
): Promise<InProcessDrive> {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const intake = app.get(IntakeService);
  const dayStart = app.get(DayStartService);
  const latency = new LatencyRecorder(entries.length);
  const outcomes = emptyOutcomes();
  const totals: DayStartTotals = { runs: 0, seconds: 0, eventsAppended: 0 };
  const acceptedCreations: string[] = [];
  const running = new Set<Promise<void>>();
  const byMpan = new Map<string, Promise<void>>();
  let failure: unknown = null;
  let clockMs = Number.NEGATIVE_INFINITY;
  /** Moves the clock to `at` unless it is already later (forward only). */
  const advance = (at: string) => {
    const ms = Date.parse(at);
    if (ms > clockMs) {
      clockMs = ms;
      clock.set(at);
    }
  };
  let pausedMs = 0;
  let done = 0;

  const send = async (entry: WorkloadEntry): Promise<void> => {
    const line = lineOf(entry);
    const started = process.hrtime.bigint();
    const [result] = await intake.submit(line.channel, [line.message]);
    latency.add(msSince(started));
    countResult(outcomes, result!);
    if (result!.status === 'processed' && !result!.duplicate && result!.outcome.responseCode === 'A' && entry.eventCode === '[MPANCreation]') {
      acceptedCreations.push(entry.mpanCore);
    }
    done++;
    if (onProgress && done % 5000 === 0) onProgress(done);
  };

  let day: string | null = null;
  let sent = 0;
  let lastSentAtMs: number | null = null;
  const began = process.hrtime.bigint();
  for (const entry of entries) {
    if (failure !== null) break;
    if (sent >= limits.maxMessages || (limits.maxSeconds > 0 && msSince(began) >= limits.maxSeconds * 1000)) break;
    const at = new Date(entry.sentAtMs).toISOString();
    const today = ukSettlementDayOf(at);
    if (today !== day) {
      day = today;
      // The messages in flight finish first (their time is message time); then day-start runs alone.
      await Promise.all(running);
      if (failure !== null) break;
      const started = process.hrtime.bigint();
      advance(ukMidnightOf(today));
      const report = await dayStart.runThrough(today);
      const ms = msSince(started);
      totals.seconds += ms / 1000;
      pausedMs += ms;
      totals.runs++;
      totals.eventsAppended += report.eventsAppended;
    }
    const previous = byMpan.get(entry.mpanCore);
    if (previous) await previous;
    while (running.size >= concurrency) await Promise.race(running);
    advance(at);
    const message: Promise<void> = send(entry)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        running.delete(message);
        if (byMpan.get(entry.mpanCore) === message) byMpan.delete(entry.mpanCore);
      });
    running.add(message);
    byMpan.set(entry.mpanCore, message);
    sent++;
    lastSentAtMs = entry.sentAtMs;
  }
  await Promise.all(running);
  if (failure !== null) throw failure;
  return {
    messages: sent,
    timeBoxed: sent < Math.min(entries.length, limits.maxMessages),
    lastSentAtMs,
    messageSeconds: (msSince(began) - pausedMs) / 1000,
    latency,
    outcomes,
    dayStart: totals,
    acceptedCreations,
  };
}
