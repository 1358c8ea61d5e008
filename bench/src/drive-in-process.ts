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
  /** Seconds spent inside `IntakeService.submit` (day-start runs excluded). */
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
 * outcome record) — one message at a time, until the entries or the `limits` run out. The
 * registry's clock follows each message's `senderTimestamp`; when the UK day turns, day-start runs
 * for the new day at its midnight (as the in-process scheduler would), timed apart from the messages.
 */
export async function driveInProcess(
  app: INestApplicationContext,
  clock: FixedClock,
  entries: readonly WorkloadEntry[],
  lineOf: (entry: WorkloadEntry) => TrafficLine,
  limits: DriveLimits = NO_LIMITS,
  onProgress?: (done: number) => void,
): Promise<InProcessDrive> {
  const intake = app.get(IntakeService);
  const dayStart = app.get(DayStartService);
  const latency = new LatencyRecorder(entries.length);
  const outcomes = emptyOutcomes();
  const totals: DayStartTotals = { runs: 0, seconds: 0, eventsAppended: 0 };
  const acceptedCreations: string[] = [];
  let messageMs = 0;
  let day: string | null = null;
  let sent = 0;
  let lastSentAtMs: number | null = null;
  const began = process.hrtime.bigint();
  for (const entry of entries) {
    if (sent >= limits.maxMessages || (limits.maxSeconds > 0 && msSince(began) >= limits.maxSeconds * 1000)) break;
    const at = new Date(entry.sentAtMs).toISOString();
    const today = ukSettlementDayOf(at);
    if (today !== day) {
      day = today;
      clock.set(ukMidnightOf(today));
      const started = process.hrtime.bigint();
      const report = await dayStart.runThrough(today);
      totals.seconds += msSince(started) / 1000;
      totals.runs++;
      totals.eventsAppended += report.eventsAppended;
    }
    clock.set(at);
    const line = lineOf(entry);
    const started = process.hrtime.bigint();
    const [result] = await intake.submit(line.channel, [line.message]);
    const ms = msSince(started);
    messageMs += ms;
    latency.add(ms);
    countResult(outcomes, result!);
    if (result!.status === 'processed' && !result!.duplicate && result!.outcome.responseCode === 'A' && entry.eventCode === '[MPANCreation]') {
      acceptedCreations.push(entry.mpanCore);
    }
    sent++;
    lastSentAtMs = entry.sentAtMs;
    if (onProgress && sent % 5000 === 0) onProgress(sent);
  }
  return {
    messages: sent,
    timeBoxed: sent < Math.min(entries.length, limits.maxMessages),
    lastSentAtMs,
    messageSeconds: messageMs / 1000,
    latency,
    outcomes,
    dayStart: totals,
    acceptedCreations,
  };
}
