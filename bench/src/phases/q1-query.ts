import { performance } from 'node:perf_hooks';
import { GcPauses, GcRecorder } from '../gc';
import { KeepAliveClient, RequestSigner } from '../http/client';
import { PresignedRequests, SigningCounts } from '../http/presigned';
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
   * Signed beforehand like the fixed-rate reads (unless `on-path`), so the figure is the round trip alone.
   */
  sequential: { requests: number; latencyMs: LatencySummary };
  /**
   * How the requests were signed (DIP signature, RSA-2048): ahead of the timed reads, so that the
   * load generator's signing is neither in a request's latency nor competing for the cores during
   * the fixed-rate load (see {@link PresignedRequests}).
   */
  signing: SigningCounts;
  /**
   * CPU time (user + system) during the fixed-rate load: the server's (`null` when it cannot be
   * asked) and the load generator's (this process), seconds, and per completed request, ms.
   */
  cpu: { serverSeconds: number | null; clientSeconds: number; serverMsPerRead: number | null; clientMsPerRead: number | null };
  /**
   * Garbage-collection pauses during the fixed-rate load (`node:perf_hooks` 'gc' entries): the
   * load generator's (this process: a pause delays reading answers and sending due requests, and
   * both count in the latency) and the server's (`null` when it cannot be asked).
   */
  gc: { server: GcPauses | null; client: GcPauses };
}

/** What {@link runQueryRate} needs besides the client and the MPANs. */
export interface QueryRateOptions {
  rate: number;
  seconds: number;
  seed: number;
  maxConnections: number;
  /**
   * Largest age of a signed request when sent, ms: a safe fraction of the server's signature skew
   * window (`REGISTRY_DIP_MAX_SKEW_MS`, default 5 min). Default 150 000 (half the default window).
   */
  maxSignatureAgeMs?: number;
  /**
   * `before` (default): sign before the timed reads, as described on {@link runQueryRate};
   * `on-path`: sign each read when it is sent, inside its timed span (rounds 1 and 2).
   */
  signing?: 'before' | 'on-path';
  /** The server's CPU seconds so far (for the CPU per read); none: not reported. */
  serverCpuSeconds?: () => Promise<number>;
  /** Starts and stops recording the server's garbage-collection pauses; none: not reported. */
  serverGc?: { start(): Promise<void>; stop(): Promise<GcPauses> };
}

/** Default {@link QueryRateOptions.maxSignatureAgeMs}: half of the registry's default skew window of 5 minutes. */
export const DEFAULT_MAX_SIGNATURE_AGE_MS = 150_000;

/** Reads to sign ahead during the phase when the plan did not fit before it: this many seconds of schedule beyond the next request. */
const REFILL_LOOKAHEAD_SECONDS = 2;
/** Longest slice of signing between two ticks of the schedule during the phase, ms. */
const REFILL_SLICE_MS = 4;

/** The idle reads before the fixed-rate load. */
const SEQUENTIAL_READS = 200;

/** Reads the plan's first `count` MPANs one after the other; the latency of each. */
async function sequentialReads(client: KeepAliveClient, plan: PresignedRequests, count: number): Promise<Q1Result['sequential']> {
  const latency = new LatencyRecorder(count);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await client.sendPresigned(plan.take(i));
    latency.add(performance.now() - started);
  }
  return { requests: count, latencyMs: latency.summary() };
}

/**
 * Open-loop load: request `i` is due at `start + i / rate`; every due request is sent at once,
 * whatever the answers so far (no coordinated omission: a slow server does not slow the schedule).
 * Each request reads one MPAN from `cores`, drawn with a seeded generator. First, 200 reads one at
 * a time measure the idle service time.
 *
 * Every request is signed BEFORE it is timed ({@link PresignedRequests}): the idle reads and as
 * many of the fixed-rate reads as can be sent within `maxSignatureAgeMs` of their signing
 * (rate × age / 3: the signing itself takes time too) are signed before the phase starts; for a
 * longer phase the rest are signed in slices of at most 4 ms between the schedule's ticks, up to
 * 2 s of schedule ahead. A request that still has no fresh signature when due is signed on its path
 * and counted (`signing.onPath`). The MPANs drawn are the same as when the client signed each
 * request as it sent it (the draws happen in the same order). With `signing: 'on-path'` nothing is
 * signed ahead: each read is signed when sent, inside its timed span (the method of rounds 1 and 2).
 */
export async function runQueryRate(client: KeepAliveClient, cores: readonly string[], options: QueryRateOptions, sign: RequestSigner = client.signer): Promise<Q1Result> {
  if (cores.length === 0) throw new Error('Q1 needs MPANs to read');
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const maxAgeMs = options.maxSignatureAgeMs ?? DEFAULT_MAX_SIGNATURE_AGE_MS;
  const random = mulberry32(options.seed);
  const paths: string[] = [];
  for (let i = 0; i < SEQUENTIAL_READS + total; i++) paths.push(`/mpans/${cores[Math.floor(random() * cores.length)]!}`);
  const plan = new PresignedRequests(sign, paths, maxAgeMs);
  const ahead = options.signing === 'on-path' ? 0 : SEQUENTIAL_READS + Math.min(total, Math.floor((options.rate * maxAgeMs) / 1000 / 3));
  await plan.signAhead(ahead);

  const latency = new LatencyRecorder(total);
  const scheduled = new LatencyRecorder(total);
  const statuses: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const sequential = await sequentialReads(client, plan, SEQUENTIAL_READS);
  let bodyBytes = 0;
  const serverCpuBefore = options.serverCpuSeconds ? await options.serverCpuSeconds() : null;
  if (options.serverGc) await options.serverGc.start();
  const clientGc = new GcRecorder();
  clientGc.start();
  const clientCpuBefore = process.cpuUsage();
  const start = performance.now() + 20;
  const lookahead = Math.ceil(options.rate * REFILL_LOOKAHEAD_SECONDS);
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        const handed = performance.now();
        const request = plan.take(SEQUENTIAL_READS + sent); // a look-up, or (on-path, or late) the signing
        const p: Promise<void> = client
          .sendPresigned(request)
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
      // Only when the plan was longer than what could be signed before the phase.
      if (options.signing !== 'on-path') plan.refill(SEQUENTIAL_READS + sent, lookahead, REFILL_SLICE_MS);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(interval, start + sent * interval - performance.now())));
      else resolve();
    };
    setTimeout(tick, 20);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const clientSeconds = (clientCpu.user + clientCpu.system) / 1e6;
  const clientPauses = await clientGc.stop();
  const serverPauses = options.serverGc ? await options.serverGc.stop() : null;
  const serverSeconds = serverCpuBefore === null ? null : (await options.serverCpuSeconds!()) - serverCpuBefore;
  const answered = latency.count;
  return {
    targetRate: options.rate,
    durationSeconds: round3(elapsed),
    requests: total,
    statuses,
    achievedRate: perSecond(answered, elapsed),
    latencyMs: latency.summary(),
    scheduledLatencyMs: scheduled.summary(),
    maxConnections: options.maxConnections,
    meanBodyBytes: answered > 0 ? Math.round(bodyBytes / answered) : null,
    sequential,
    signing: { ...plan.signing, beforePhaseSeconds: round3(plan.signing.beforePhaseSeconds) },
    cpu: {
      serverSeconds: serverSeconds === null ? null : round3(serverSeconds),
      clientSeconds: round3(clientSeconds),
      serverMsPerRead: serverSeconds === null || answered === 0 ? null : round3((serverSeconds * 1000) / answered),
      clientMsPerRead: answered === 0 ? null : round3((clientSeconds * 1000) / answered),
    },
    gc: { server: serverPauses, client: clientPauses },
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
