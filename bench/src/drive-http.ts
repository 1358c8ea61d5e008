import { ukMidnightOf, ukSettlementDayOf } from '@app/registration-app';
import { CLOCK_HEADER } from './http/bench-server';
import { KeepAliveClient } from './http/client';
import { AckEntryLike, countAckEntry, emptyOutcomes, OutcomeCounts } from './outcomes';
import { DayStartTotals, DriveLimits } from './drive-in-process';
import { LatencyRecorder, msSince } from './stats';
import { WorkloadEntry, WorkloadReader } from './workload';

/** What one HTTP drive of the workload did. */
export interface HttpDrive {
  /** Messages sent (all of `entries` unless a limit stopped the drive first). */
  messages: number;
  timeBoxed: boolean;
  lastSentAtMs: number | null;
  /** Wall-clock seconds of the drive minus the day-start pauses. */
  messageSeconds: number;
  /** Round trip of each `POST /dip-channel/{channel}`, ms. */
  latency: LatencyRecorder;
  outcomes: OutcomeCounts;
  /** HTTP status of each answer (201, 207 …). */
  statuses: Record<string, number>;
  dayStart: DayStartTotals;
  acceptedCreations: string[];
  /** Highest log position any acknowledgement named (what the views must reach). */
  lastPosition: bigint;
}

/**
 * Posts workload entries, in order, one message per request to `POST /dip-channel/{channel}`, with
 * up to `concurrency` requests in flight on keep-alive connections. Two messages of one MPAN are
 * never in flight together (an MPAN's messages depend on each other); the next message waits for
 * its MPAN's previous one. Each request carries its sender time in the clock header. When the UK
 * day turns, the drive waits for the requests in flight, then `POST /day-start` for the new day at
 * its midnight (as the scheduler would), timed apart from the messages. Stops sending when the
 * entries or the `limits` run out (the requests in flight complete).
 * @throws Error when a request fails at the transport level or answers an unexpected status.
 */
export async function driveHttp(
  client: KeepAliveClient,
  entries: readonly WorkloadEntry[],
  reader: WorkloadReader,
  concurrency: number,
  limits: DriveLimits,
  onProgress?: (done: number) => void,
): Promise<HttpDrive> {
  const latency = new LatencyRecorder(entries.length);
  const outcomes = emptyOutcomes();
  const statuses: Record<string, number> = {};
  const dayStart: DayStartTotals = { runs: 0, seconds: 0, eventsAppended: 0 };
  const acceptedCreations: string[] = [];
  const running = new Set<Promise<void>>();
  const byMpan = new Map<string, Promise<void>>();
  let lastPosition = 0n;
  let pausedMs = 0;
  let done = 0;
  let day: string | null = null;
  let failure: Error | null = null;

  const send = async (entry: WorkloadEntry, at: string): Promise<void> => {
    const line = reader.line(entry);
    const started = process.hrtime.bigint();
    const answer = await client.postJson(`/dip-channel/${encodeURIComponent(line.channel)}`, JSON.stringify([line.message]), { [CLOCK_HEADER]: at });
    latency.add(msSince(started));
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    // 400 with an acknowledgement: the message was refused for what was sent (a schema failure or a
    // reused reference among the traffic's deliberate mistakes), counted from its entry like the rest.
    const acknowledged = answer.status === 201 || answer.status === 207 || (answer.status === 400 && answer.body.startsWith('{"messageArray"'));
    if (!acknowledged) throw new Error(`POST /dip-channel/${line.channel} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const [ack] = (JSON.parse(answer.body) as { messageArray: AckEntryLike[] }).messageArray;
    countAckEntry(outcomes, ack!);
    if (ack!.outcome) {
      const position = BigInt(ack!.outcome.position);
      if (position > lastPosition) lastPosition = position;
      if (ack!.outcome.responseCode === 'A' && !ack!.outcome.duplicate && entry.eventCode === '[MPANCreation]') acceptedCreations.push(entry.mpanCore);
    }
    done++;
    if (onProgress && done % 5000 === 0) onProgress(done);
  };

  const drain = async () => {
    await Promise.all(running);
  };

  const started = process.hrtime.bigint();
  let sent = 0;
  let lastSentAtMs: number | null = null;
  for (const entry of entries) {
    if (failure) break;
    if (sent >= limits.maxMessages || (limits.maxSeconds > 0 && msSince(started) >= limits.maxSeconds * 1000)) break;
    const at = new Date(entry.sentAtMs).toISOString();
    const today = ukSettlementDayOf(at);
    if (today !== day) {
      day = today;
      // The requests in flight finish first (their time is message time); then day-start runs alone.
      await drain();
      const pause = process.hrtime.bigint();
      const answer = await client.postJson('/day-start', JSON.stringify({ through: today }), { [CLOCK_HEADER]: ukMidnightOf(today) });
      if (answer.status !== 200) throw new Error(`POST /day-start answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      dayStart.runs++;
      dayStart.eventsAppended += (JSON.parse(answer.body) as { eventsAppended: number }).eventsAppended;
      const ms = msSince(pause);
      dayStart.seconds += ms / 1000;
      pausedMs += ms;
    }
    const previous = byMpan.get(entry.mpanCore);
    if (previous) await previous;
    while (running.size >= concurrency) await Promise.race(running);
    const request: Promise<void> = send(entry, at)
      .catch((error: Error) => {
        failure ??= error;
      })
      .finally(() => {
        running.delete(request);
        if (byMpan.get(entry.mpanCore) === request) byMpan.delete(entry.mpanCore);
      });
    running.add(request);
    byMpan.set(entry.mpanCore, request);
    sent++;
    lastSentAtMs = entry.sentAtMs;
  }
  await drain();
  if (failure) throw failure;
  const messageSeconds = (msSince(started) - pausedMs) / 1000;
  return {
    messages: sent,
    timeBoxed: sent < Math.min(entries.length, limits.maxMessages),
    lastSentAtMs,
    messageSeconds,
    latency,
    outcomes,
    statuses,
    dayStart,
    acceptedCreations,
    lastPosition,
  };
}
