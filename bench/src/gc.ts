import { constants, IntervalHistogram, monitorEventLoopDelay, PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/** Garbage-collection pauses of one process over a span of time (from `node:perf_hooks` 'gc' entries). */
export interface GcPauses {
  /** Collections seen. */
  count: number;
  /** Sum of their durations, ms. */
  totalMs: number;
  /** The longest, ms (0 when none). */
  maxMs: number;
  /** Count and total ms per kind: `minor` (scavenge), `major` (mark-sweep-compact), `incremental`, `weakcb`. */
  byKind: Record<string, { count: number; totalMs: number }>;
  /**
   * The event loop's delay over the same span (`monitorEventLoopDelay`, 10 ms resolution: how late
   * a timer ran, ms): what a GC pause or a long synchronous task cost every waiting callback.
   */
  eventLoopDelayMs: { p99: number; max: number };
}

const KIND_NAMES: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** The V8 kind of a 'gc' entry (`entry.detail.kind`, Node ≥ 16). */
function gcKind(entry: PerformanceEntry): number | undefined {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Records this process's garbage-collection pauses between {@link start} and {@link stop}
 * (a `PerformanceObserver` on entry type `gc`; `entry.duration` is the pause in ms and
 * `entry.detail.kind` its kind). The observer delivers entries asynchronously: `stop` waits one
 * macrotask so that collections just before it are counted.
 */
export class GcRecorder {
  private observer: PerformanceObserver | null = null;
  private loop: IntervalHistogram | null = null;
  private pauses: GcPauses = GcRecorder.empty();

  private static empty(): GcPauses {
    return { count: 0, totalMs: 0, maxMs: 0, byKind: {}, eventLoopDelayMs: { p99: 0, max: 0 } };
  }

  /** Starts (or restarts, forgetting what was recorded) the recording. */
  start(): void {
    this.observer?.disconnect();
    this.pauses = GcRecorder.empty();
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.add(entry.duration, gcKind(entry));
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.loop?.disable();
    this.loop = monitorEventLoopDelay({ resolution: 10 });
    this.loop.enable();
  }

  /** Adds one pause of `durationMs` of the given V8 kind (exposed for tests). */
  add(durationMs: number, kind: number | undefined): void {
    const name = kind === undefined ? 'unknown' : (KIND_NAMES[kind] ?? `kind-${kind}`);
    const p = this.pauses;
    p.count++;
    p.totalMs += durationMs;
    p.maxMs = Math.max(p.maxMs, durationMs);
    const k = (p.byKind[name] ??= { count: 0, totalMs: 0 });
    k.count++;
    k.totalMs += durationMs;
  }

  /** Stops the recording; the pauses since {@link start}, ms rounded to the microsecond. */
  async stop(): Promise<GcPauses> {
    await new Promise((resolve) => setImmediate(resolve));
    const observer = this.observer;
    if (observer) {
      for (const entry of observer.takeRecords()) this.add(entry.duration, gcKind(entry));
      observer.disconnect();
    }
    this.observer = null;
    const loop = this.loop;
    loop?.disable();
    this.loop = null;
    // The histogram's figures are ns; a histogram with no sample reports NaN/huge values.
    const eventLoopDelayMs = loop && loop.count > 0 ? { p99: round3(loop.percentile(99) / 1e6), max: round3(loop.max / 1e6) } : { p99: 0, max: 0 };
    const p = this.pauses;
    const byKind: GcPauses['byKind'] = {};
    for (const [name, k] of Object.entries(p.byKind)) byKind[name] = { count: k.count, totalMs: round3(k.totalMs) };
    return { count: p.count, totalMs: round3(p.totalMs), maxMs: round3(p.maxMs), byKind, eventLoopDelayMs };
  }
}

/** One line: `N pauses, total T ms, max M ms (minor a (x ms), …); event-loop delay p99 …, max …`. */
export function formatGcPauses(p: GcPauses | null | undefined): string {
  if (!p) return 'not recorded';
  const kinds = Object.entries(p.byKind)
    .map(([name, k]) => `${name} ${k.count} (${k.totalMs} ms)`)
    .join(', ');
  const loop = p.eventLoopDelayMs ? `; event-loop delay p99 ${p.eventLoopDelayMs.p99} ms, max ${p.eventLoopDelayMs.max} ms` : '';
  return `${p.count} pauses, total ${p.totalMs} ms, max ${p.maxMs} ms${kinds ? ` (${kinds})` : ''}${loop}`;
}
