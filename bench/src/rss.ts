/**
 * Peak resident set size of this process during a phase: `process.memoryUsage.rss()` sampled on a
 * timer (the event loop runs between awaits, so a phase that awaits its store is sampled), plus the
 * kernel's lifetime high-water mark `process.resourceUsage().maxRSS` at the end. The RSS alone:
 * `process.memoryUsage()` also collects the V8 heap statistics, a cost the sampler put 50 times a
 * second on the server it measures.
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  /** @param intervalMs sampling period in ms (default 20). */
  constructor(private readonly intervalMs = 20) {}

  /** Starts (or restarts) sampling from the current RSS. */
  start(): void {
    this.stop();
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops sampling; returns the peak seen since {@link start}, in MiB. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return toMiB(this.peak);
  }

  /** The peak seen so far, in MiB (sampling continues). */
  peakMiB(): number {
    this.sample();
    return toMiB(this.peak);
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
}

/** The process's lifetime peak RSS (`resourceUsage().maxRSS`, reported by the kernel in KiB), in MiB. */
export function lifetimeMaxRssMiB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Current RSS in MiB. */
export function currentRssMiB(): number {
  return toMiB(process.memoryUsage.rss());
}

function toMiB(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}
