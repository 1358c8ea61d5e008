import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { generateTraffic, TrafficLine } from '@app/dip-wire';

/** One message of the workload: where its line is in the traffic file, and what the driver needs to order it. */
export interface WorkloadEntry {
  /** Byte offset and length of the JSON line in the traffic file. */
  offset: number;
  length: number;
  /** `S1.senderTimestamp` as epoch milliseconds (the previous line's when unparseable). */
  sentAtMs: number;
  /** `M0.MPANCore` as sent (messages of one MPAN are never in flight together). */
  mpanCore: string;
  eventCode: string;
}

/** Generated traffic on disk, with an index in global time order. */
export interface Workload {
  file: string;
  mpans: number;
  /** Messages in `senderTimestamp` order across all MPANs (stable: an MPAN's own order is kept). */
  entries: WorkloadEntry[];
  /** Messages per DIP event code. */
  byEventCode: Record<string, number>;
  /** Lines the generator tagged as deliberate mistakes. */
  mistakes: number;
  bytes: number;
}

/**
 * Writes `registry generate`-style traffic for `mpans` MPANs (libs/dip-wire `generateTraffic`: creation, registration,
 * MS/DS appointments and answers, meter installs, energisation, changes of supplier, exchanges,
 * LDSO changes, ~5% realistic mistakes) to `file` as JSON lines, and indexes it in global
 * `senderTimestamp` order — the order a live registry would receive it in, MPANs interleaved.
 * Only the index stays in memory, so the runs' RSS is the registry's, not the workload's.
 */
export function buildWorkload(file: string, options: { mpans: number; seed: number; startDate: string; mistakeRate?: number }): Workload {
  const fd = openSync(file, 'w');
  const entries: WorkloadEntry[] = [];
  const byEventCode: Record<string, number> = {};
  let offset = 0;
  let mistakes = 0;
  let previous = 0;
  try {
    for (const line of generateTraffic({ mpans: options.mpans, seed: options.seed, startDate: options.startDate, mistakeRate: options.mistakeRate })) {
      const text = `${JSON.stringify(line)}\n`;
      const length = Buffer.byteLength(text);
      writeSync(fd, text);
      const common = line.message.payload.CommonBlock;
      const parsed = Date.parse(common.S1.senderTimestamp);
      const sentAtMs = Number.isNaN(parsed) ? previous : parsed;
      previous = sentAtMs;
      entries.push({ offset, length: length - 1, sentAtMs, mpanCore: String(common.M0.MPANCore), eventCode: common.S0.eventCode });
      byEventCode[common.S0.eventCode] = (byEventCode[common.S0.eventCode] ?? 0) + 1;
      if (line.mistake) mistakes++;
      offset += length;
    }
  } finally {
    closeSync(fd);
  }
  // Array.prototype.sort is stable: lines with equal stamps keep their file order (a resend follows its original).
  entries.sort((a, b) => a.sentAtMs - b.sentAtMs);
  return { file, mpans: options.mpans, entries, byEventCode, mistakes, bytes: offset };
}

/** Reads workload lines by offset from the traffic file (one positioned read each). */
export class WorkloadReader {
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }

  /** The traffic line of `entry`. */
  line(entry: WorkloadEntry): TrafficLine {
    return JSON.parse(this.text(entry)) as TrafficLine;
  }

  /** The raw JSON text of `entry`'s line. */
  text(entry: WorkloadEntry): string {
    const buffer = Buffer.allocUnsafe(entry.length);
    readSync(this.fd, buffer, 0, entry.length, entry.offset);
    return buffer.toString('utf8');
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}

/** Every MPAN core that an `[MPANCreation]` of the workload names (whether or not it was accepted). */
export function createdCores(workload: Workload): string[] {
  return [...new Set(workload.entries.filter((e) => e.eventCode === '[MPANCreation]').map((e) => e.mpanCore))];
}
