import { performance } from 'node:perf_hooks';
import { KeepAliveClient } from '../http/client';
import { LatencyRecorder, LatencySummary, perSecond, round3 } from '../stats';

/** Q1: `GET /mpans/{core}` at a fixed rate. */
export interface Q1Result {
  targetRate: number;
  durationSeconds: number;
  requests: number;
  /** Answers per HTTP status. */
  statuses: Record<string, number>;
  /** Requests completed per second over the run (should equal the target rate). */
  achievedRate: number | null;
  /** From the moment a request was handed to the client until its answer was read (includes waiting for a free connection), ms. */
  latencyMs: LatencySummary;
  /** From the moment the schedule said to send it (open loop: a late timer or a full pool counts), ms. */
  scheduledLatencyMs: LatencySummary;
  maxConnections: number;
  /** Mean size of an answer's body, bytes. */
  meanBodyBytes: number | null;
  /**
   * Before the fixed-rate load: the same reads one at a time (closed loop, one request in flight),
   * the service time of a read on an idle server; `1000 / p50` is about the rate one core sustains.
   */
  sequential: { requests: number; latencyMs: LatencySummary };
}

/** Reads `count` MPANs from `cores` one after the other; the latency of each. */
async function sequentialReads(client: KeepAliveClient, cores: readonly string[], count: number, random: () => number): Promise<Q1Result['sequential']> {
  const latency = new LatencyRecorder(count);
  for (let i = 0; i < count; i++) {
    const core = cores[Math.floor(random() * cores.length)]!;
    const started = performance.now();
    await client.get(`/mpans/${core}`);
    latency.add(performance.now() - started);
  }
  return { requests: count, latencyMs: latency.summary() };
}

/**
 * Open-loop load: request `i` is due at `start + i / rate`; every due request is sent at once,
 * whatever the answers so far (no coordinated omission: a slow server does not slow the schedule).
 * Each request reads one MPAN from `cores`, drawn with a seeded generator. First, 200 reads one at
 * a time measure the idle service time.
 */
export async function runQueryRate(
  client: KeepAliveClient,
  cores: readonly string[],
  options: { rate: number; seconds: number; seed: number; maxConnections: number },
): Promise<Q1Result> {
  if (cores.length === 0) throw new Error('Q1 needs MPANs to read');
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latency = new LatencyRecorder(total);
  const scheduled = new LatencyRecorder(total);
  const statuses: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const random = mulberry32(options.seed);
  const sequential = await sequentialReads(client, cores, 200, random);
  let bodyBytes = 0;
  const start = performance.now() + 20;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        const core = cores[Math.floor(random() * cores.length)]!;
        const handed = performance.now();
        const p: Promise<void> = client
          .get(`/mpans/${core}`)
          .then(
            (answer) => {
              const end = performance.now();
              latency.add(end - handed);
              scheduled.add(end - due);
              statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
              bodyBytes += Buffer.byteLength(answer.body);
            },
            () => {
              statuses.error = (statuses.error ?? 0) + 1;
            },
          )
          .finally(() => pending.delete(p));
        pending.add(p);
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(interval, start + sent * interval - performance.now())));
      else resolve();
    };
    setTimeout(tick, 20);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return {
    targetRate: options.rate,
    durationSeconds: round3(elapsed),
    requests: total,
    statuses,
    achievedRate: perSecond(latency.count, elapsed),
    latencyMs: latency.summary(),
    scheduledLatencyMs: scheduled.summary(),
    maxConnections: options.maxConnections,
    meanBodyBytes: latency.count > 0 ? Math.round(bodyBytes / latency.count) : null,
    sequential,
  };
}

/** A small seeded PRNG (mulberry32): the same seed draws the same MPANs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
