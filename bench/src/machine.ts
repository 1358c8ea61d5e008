import { readFileSync, statfsSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

/** What the benchmark ran on (part of every report: figures mean nothing without it). */
export interface MachineDescription {
  cpuModel: string;
  /** Logical CPUs the process may use (`os.availableParallelism()`). */
  cores: number;
  ramGiB: number;
  /** Free space on the file system of the benchmark's temporary folder, GiB. */
  diskFreeGiB: number;
  /** The temporary folder (where every data file of the run lives). */
  tempDir: string;
  platform: string;
  kernel: string;
  node: string;
  /** Installed versions (from node_modules) of the packages the figures depend on. */
  packages: Record<string, string | null>;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended (other jobs show up here). */
  loadAverage: { start: number[]; end: number[] | null };
}

/** Packages whose versions the report names. */
export const REPORTED_PACKAGES = ['better-sqlite3', 'pg', 'typeorm', '@nestjs/core', 'typescript'] as const;

/**
 * Describes this machine and the installed package versions (read from `<repoRoot>/node_modules`;
 * `null` for a package that is not installed).
 */
export function describeMachine(repoRoot: string, tempDir: string): MachineDescription {
  const cpus = os.cpus();
  const fsStats = statfsSync(tempDir);
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramGiB: round1(os.totalmem() / 2 ** 30),
    diskFreeGiB: round1((fsStats.bavail * fsStats.bsize) / 2 ** 30),
    tempDir,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    node: process.version,
    packages: Object.fromEntries(REPORTED_PACKAGES.map((name) => [name, installedVersion(repoRoot, name)])),
    loadAverage: { start: os.loadavg().map(round1), end: null },
  };
}

/** The 1-, 5- and 15-minute load averages now. */
export function loadAverageNow(): number[] {
  return os.loadavg().map(round1);
}

function installedVersion(repoRoot: string, name: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? null;
  } catch {
    return null;
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
