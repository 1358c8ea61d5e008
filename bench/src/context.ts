import { BenchOptions } from './options';

/** What every phase of one run shares. */
export interface BenchContext {
  options: BenchOptions;
  /** The repository root (reference data, node_modules). */
  repoRoot: string;
  /** The run's temporary folder: every data file lives here, and it is removed at the end. */
  tempDir: string;
  /** Writes a progress line (no-op when the options silence it). */
  log(line: string): void;
  /** Remarks for the report (e.g. a phase run only to prepare another). */
  notes: string[];
}
