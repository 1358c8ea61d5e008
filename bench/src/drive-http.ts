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
  /** `POST /dip-channel` requests that carried them (= `messages` with one message a request). */
  requests: number;
  timeBoxed: boolean;
  lastSentAtMs: number | null;
  /** Wall-clock seconds of the drive minus the day-start pauses. */
  messageSeconds: number;
  /** Per message, the round trip of the `POST /dip-channel/{channel}` that carried it, ms. */
  latency: LatencyRecorder;
  outcomes: OutcomeCounts;
  /** HTTP status of each answer (201, 207 …), per request. */
  statuses: Record<string, number>;
  dayStart: DayStartTotals;
  acceptedCreations: string[];
  /** Highest log position any acknowledgement named (what the views must reach). */
  lastPosition: bigint;
}

/**
 * Posts workload entries, in order, to `POST /dip-channel/{channel}`, up to `batch` messages per
 * request (1: one message a request), with up to `concurrency` requests in flight on keep-alive
 * connections. The messages of one request share its channel and sender (a submission is signed by
 * its sender) and are of different MPANs: entries are gathered into one group per channel and
 * sender, so a sender's messages of one day go out together although other senders' messages lie
 * between them in time order (a sender's bulk pattern; the order across MPANs may change, as with
 * concurrent requests). Two messages of one MPAN are never in flight together (an MPAN's messages
 * depend on each other): an entry whose MPAN has a message gathered first sends that group, then
 * waits for its MPAN's previous request. A group is sent when it holds `batch` messages, when a
 * later message of one of its MPANs needs it gone, at a day turn, or at the end. Each request carries in the clock header
 * the latest sender time among its messages (the server's clock never goes back, and no message is
 * then in the server's future). When the UK day turns, the drive waits for the requests in flight,
 * then `POST /day-start` for the new day at its midnight (as the scheduler would), timed apart from
 * the messages. Stops taking entries when they or the `limits` run out (the requests in flight
 * complete). Latency: each message is counted with its request's round trip.
 * @throws Error when a request fails at the transport level or answers an unexpected status.
 */
export async function driveHttp(
  client: KeepAliveClient,
  entries: readonly WorkloadEntry[],
  reader: WorkloadReader,
  concurrency: number,
  limits: DriveLimits,
  onProgress?: (done: number) => void,
  batch = 1,
): Promise<HttpDrive> {
  if (!Number.isSafeInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
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

  interface Pending {
    entry: WorkloadEntry;
    message: unknown;
  }
  /** Groups being gathered, by channel and sender (at most `batch` messages each, distinct MPANs). */
  const pending = new Map<string, Pending[]>();
  /** MPANs of the messages in `pending`. */
  const pendingMpans = new Set<string>();
  let requests = 0;

  const send = async (group: readonly Pending[], channel: string, at: string): Promise<void> => {
    const started = process.hrtime.bigint();
    const answer = await client.postJson(`/dip-channel/${encodeURIComponent(channel)}`, JSON.stringify(group.map((p) => p.message)), { [CLOCK_HEADER]: at });
    const ms = msSince(started);
    for (let i = 0; i < group.length; i++) latency.add(ms);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    // 400 with an acknowledgement: every message was refused for what was sent (a schema failure or a
    // reused reference among the traffic's deliberate mistakes), counted from its entry like the rest.
    const acknowledged = answer.status === 201 || answer.status === 207 || (answer.status === 400 && answer.body.startsWith('{"messageArray"'));
    if (!acknowledged) throw new Error(`POST /dip-channel/${channel} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const acks = (JSON.parse(answer.body) as { messageArray: AckEntryLike[] }).messageArray;
    if (acks.length !== group.length) throw new Error(`POST /dip-channel/${channel}: ${acks.length} acknowledgement entries for ${group.length} messages`);
    group.forEach(({ entry }, i) => {
      const ack = acks[i]!;
      countAckEntry(outcomes, ack);
      if (ack.outcome) {
        const position = BigInt(ack.outcome.position);
        if (position > lastPosition) lastPosition = position;
        if (ack.outcome.responseCode === 'A' && !ack.outcome.duplicate && entry.eventCode === '[MPANCreation]') acceptedCreations.push(entry.mpanCore);
      }
      done++;
      if (onProgress && done % 5000 === 0) onProgress(done);
    });
  };

  /** Sends the group gathered under `key` as one request (waiting for a free slot first). */
  const flush = async (key: string) => {
    const group = pending.get(key);
    if (!group) return;
    pending.delete(key);
    for (const { entry } of group) pendingMpans.delete(entry.mpanCore);
    const channel = key.slice(0, key.indexOf('|'));
    while (running.size >= concurrency) await Promise.race(running);
    const at = new Date(Math.max(...group.map((p) => p.entry.sentAtMs))).toISOString();
    const request: Promise<void> = send(group, channel, at)
      .catch((error: Error) => {
        failure ??= error;
      })
      .finally(() => {
        running.delete(request);
        for (const { entry } of group) if (byMpan.get(entry.mpanCore) === request) byMpan.delete(entry.mpanCore);
      });
    running.add(request);
    requests++;
    for (const { entry } of group) byMpan.set(entry.mpanCore, request);
  };
  /** Sends every group gathered, oldest first. */
  const flushAll = async () => {
    for (const key of [...pending.keys()]) await flush(key);
  };
  /** Sends the group that holds a message of `mpanCore`, if any. */
  const flushMpan = async (mpanCore: string) => {
    if (!pendingMpans.has(mpanCore)) return;
    for (const [key, group] of pending) if (group.some((p) => p.entry.mpanCore === mpanCore)) return flush(key);
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
    const today = ukSettlementDayOf(new Date(entry.sentAtMs).toISOString());
    if (today !== day) {
      day = today;
      // The requests in flight finish first (their time is message time); then day-start runs alone.
      await flushAll();
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
    const line = reader.line(entry);
    const sender = (line.message as { payload?: { CommonBlock?: { S1?: { senderDIPID?: unknown } } } }).payload?.CommonBlock?.S1?.senderDIPID;
    const key = `${line.channel}|${String(sender)}`;
    // Its MPAN's previous message goes first: sent now if still gathered, then waited for.
    await flushMpan(entry.mpanCore);
    const previous = byMpan.get(entry.mpanCore);
    if (previous) await previous;
    const group = pending.get(key) ?? [];
    group.push({ entry, message: line.message });
    pending.set(key, group);
    pendingMpans.add(entry.mpanCore);
    if (group.length >= batch) await flush(key);
    sent++;
    lastSentAtMs = entry.sentAtMs;
  }
  await flushAll();
  await drain();
  if (failure) throw failure;
  const messageSeconds = (msSince(started) - pausedMs) / 1000;
  return {
    messages: sent,
    requests,
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
