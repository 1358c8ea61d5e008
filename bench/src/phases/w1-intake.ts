import { DayStartTotals } from '../drive-in-process';
import { OutcomeCounts } from '../outcomes';
import { LatencyRecorder, LatencySummary, perSecond, round3 } from '../stats';

/** W1 in one mode: the workload through the real command path. */
export interface W1Result {
  mode: 'in-process' | 'http';
  /** Messages sent: the first `messages` of the traffic in time order. */
  messages: number;
  /** Messages in the whole traffic. */
  ofMessages: number;
  /** Whether the time box stopped the phase before the end of the traffic (HTTP: before the in-process prefix). */
  timeBoxed: boolean;
  /** Sender time of the last message sent (how far into the traffic's history the phase got). */
  lastSentAt: string | null;
  /** Messages sent per DIP event code (a time-boxed phase covers the start of the traffic, whose mix differs from the whole). */
  mix: Record<string, number>;
  /** Seconds spent on messages (day-start runs excluded). */
  seconds: number;
  /** Messages per second over {@link seconds}: the phase's figure. */
  messagesPerSecond: number | null;
  /** Latency of each message (in-process: `IntakeService.submit`; HTTP: the request's round trip), ms. */
  latencyMs: LatencySummary;
  outcomes: OutcomeCounts;
  /** Day-start runs at each day turn of the traffic (not in {@link seconds}). */
  dayStart: DayStartTotals;
  /** Rows the phase appended to the log (messages, MPAN events, publications, day-start). */
  eventsWritten: number;
  /** RSS of the process running the registry before the phase and its peak during it, MiB. */
  rssMiB: { before: number; peak: number };
  /**
   * In-process only: CPU time (user + system) of the bench process during the drive (day-start runs
   * included), seconds, and the drive's wall time. Absent in older reports.
   */
  cpu?: { seconds: number; wallSeconds: number };
  /** HTTP only: requests in flight at most, where the server ran, the client's (bench process's) peak RSS, HTTP statuses. */
  http?: {
    concurrency: number;
    /** Messages per request at most (`--http-batch`) and the requests sent. */
    batch: number;
    requests: number;
    /** Who kept the views current: the server's thread, or a separate projector process (`--projector`). */
    projector: 'in-process' | 'separate';
    server: 'child' | 'inline';
    clientPeakRssMiB: number;
    statuses: Record<string, number>;
    /** Seconds after the last acknowledgement until the views (projector) had applied the whole log. */
    viewsCaughtUpSeconds: number;
    /**
     * CPU time (user + system) used during the drive (day-start pauses included), seconds: by the
     * bench process (the load generator: building, signing and sending requests, reading answers;
     * with `server: inline` the server too) and by the server's process; `wallSeconds` is the
     * drive's wall time, so `cpu / wall` is the share of a core each used. `projectorSeconds`: the
     * separate projector process's (`--projector separate`, Linux), else `null`.
     */
    cpu: { clientSeconds: number; serverSeconds: number; projectorSeconds: number | null; wallSeconds: number };
  };
}

/** Messages per DIP event code among the first `count` entries. */
export function mixOf(entries: ReadonlyArray<{ eventCode: string }>, count: number): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const e of entries.slice(0, count)) mix[e.eventCode] = (mix[e.eventCode] ?? 0) + 1;
  return mix;
}

/** Builds a {@link W1Result} from a drive's figures. */
export function w1Result(
  mode: W1Result['mode'],
  drive: {
    messages: number;
    timeBoxed: boolean;
    lastSentAtMs: number | null;
    messageSeconds: number;
    latency: LatencyRecorder;
    outcomes: OutcomeCounts;
    dayStart: DayStartTotals;
  },
  ofMessages: number,
  mix: Record<string, number>,
  eventsWritten: number,
  rssMiB: W1Result['rssMiB'],
): W1Result {
  return {
    mode,
    messages: drive.messages,
    ofMessages,
    timeBoxed: drive.timeBoxed,
    lastSentAt: drive.lastSentAtMs === null ? null : new Date(drive.lastSentAtMs).toISOString(),
    mix,
    seconds: round3(drive.messageSeconds),
    messagesPerSecond: perSecond(drive.messages, drive.messageSeconds),
    latencyMs: drive.latency.summary(),
    outcomes: drive.outcomes,
    dayStart: { ...drive.dayStart, seconds: round3(drive.dayStart.seconds) },
    eventsWritten,
    rssMiB,
  };
}
