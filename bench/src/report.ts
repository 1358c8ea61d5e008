import { LimitResult } from './limit/run-limit';
import { MachineDescription } from './machine';
import { BenchStore, Durability, Phase } from './options';
import { F1Result } from './phases/f1-feed';
import { P1Result } from './phases/p1-rebuild';
import { Q1Result } from './phases/q1-query';
import { R1Result } from './phases/r1-replay';
import { W1Result } from './phases/w1-intake';
import { W2Result } from './phases/w2-hot-stream';
import { ratio, round3 } from './stats';

/** Version of the report's JSON shape (bump on an incompatible change). */
export const REPORT_SCHEMA_VERSION = 1;

/** Results of the phases that ran (a phase not asked for is absent). */
export interface PhaseResults {
  W1?: { inProcess: W1Result; http?: W1Result };
  W2?: W2Result;
  R1?: R1Result;
  P1?: P1Result;
  Q1?: Q1Result;
  F1?: F1Result;
  LIMIT?: LimitResult;
}

/** One target of issue #9, judged. */
export interface TargetCheck {
  id: string;
  phase: Phase;
  /** The rule in words. */
  rule: string;
  /** The phase's figure and what it is compared with (its limit, another phase, or the target itself). */
  measured: number | null;
  reference: number | null;
  unit: string;
  /** `measured / reference` for ratio targets; `measured` for absolute ones. */
  value: number | null;
  comparator: '>=' | '<=';
  threshold: number;
  /** `null` when a phase it needs did not run. */
  met: boolean | null;
  /** How far from the threshold, in words ("short by 0.19: needs 1.6× the rate"). */
  margin: string;
}

/** A phase's figure beside its limit, for every phase (targets or not). */
export interface LimitRatio {
  phase: Phase | 'W1 in-process' | 'W1 HTTP';
  figure: string;
  measured: number | null;
  limit: string;
  limitValue: number | null;
  ratio: number | null;
}

/** Everything one run found: written as `<date>-<store>-<n>.json`, rendered as the `.md` beside it. */
export interface BenchReport {
  schemaVersion: number;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  options: {
    mpans: number;
    store: BenchStore;
    phases: Phase[];
    durability: Durability;
    seed: number;
    trafficStartDate: string;
    httpConcurrency: number;
    /** W1 in-process: messages in flight at most. Absent in reports written before group commit (they drove one at a time). */
    concurrency?: number;
    /** SQLite group commit (ADR 0018). Absent in reports written before it (there was none). */
    groupCommit?: boolean;
    w2Changes: number;
    phaseSeconds: number;
    q1Rate: number;
    q1Seconds: number;
    /** Absent in reports before round 3 (whose reads were signed on their path). */
    q1Signing?: 'before' | 'on-path';
    f1Samples: number;
    limitSeconds: number;
    server: 'child' | 'inline';
    /** Who kept the views current beside the HTTP server. Absent in older reports (always in-process). */
    projector?: 'in-process' | 'separate';
    /** W1 over HTTP: messages per request. Absent in older reports (always 1). */
    httpBatch?: number;
    /** Absent in reports written before ADR 0017 (they were all three commits per message). */
    threeCommits?: boolean;
  };
  machine: MachineDescription;
  durability: { setting: Durability; sqlite: string; postgres: string };
  workload: { mpans: number; messages: number; mistakes: number; bytes: number; firstSentAt: string | null; lastSentAt: string | null; byEventCode: Record<string, number> };
  phases: PhaseResults;
  limits: LimitRatio[];
  targets: TargetCheck[];
  notes: string[];
}

/** Judges the targets on the phases that ran. */
export function judgeTargets(p: PhaseResults): TargetCheck[] {
  const w1 = p.W1?.inProcess.messagesPerSecond ?? null;
  const http = p.W1?.http?.messagesPerSecond ?? null;
  const limit1 = p.LIMIT?.perMessage.messagesPerSecond ?? null;
  const rw = p.LIMIT?.batched.readWrite.rowsPerSecond ?? null;
  return [
    ratioTarget('W1-in-process', 'W1', 'W1 in-process ≥ 50% of the raw one-transaction-per-message limit', w1, limit1, 'messages/s', 0.5),
    ratioTarget('W1-http', 'W1', 'W1 over HTTP ≥ 50% of W1 in-process', http, w1, 'messages/s', 0.5),
    ratioTarget('W2-end', 'W2', `W2: the last ${p.W2?.window ?? 500} changes ≥ 80% of the rate of the first`, p.W2?.last.messagesPerSecond ?? null, p.W2?.first.messagesPerSecond ?? null, 'messages/s', 0.8),
    ratioTarget('P1-rebuild', 'P1', 'P1 rebuild ≥ 50% of the raw batched read+write limit', p.P1?.eventsPerSecond ?? null, rw, 'events/s', 0.5),
    absoluteTarget('Q1-p99', 'Q1', `Q1 p99 ≤ 5 ms at ${p.Q1?.targetRate ?? 500} req/s`, p.Q1?.latencyMs.p99 ?? null, 'ms', 5),
    absoluteTarget('F1-p99', 'F1', 'F1 p99 ≤ 100 ms from acknowledgement to feed', p.F1?.latencyMs.p99 ?? null, 'ms', 100),
  ];
}

/** Every phase's figure over its limit (or its target, for the latency phases). */
export function limitRatios(p: PhaseResults): LimitRatio[] {
  const L = p.LIMIT;
  const rows: LimitRatio[] = [
    row('W1 in-process', 'messages/s', p.W1?.inProcess.messagesPerSecond, 'raw, 1 transaction per message', L?.perMessage.messagesPerSecond),
    row('W1 HTTP', 'messages/s', p.W1?.http?.messagesPerSecond, 'raw, 1 transaction per message', L?.perMessage.messagesPerSecond),
    row('W2', `messages/s, first ${p.W2?.window ?? 500}`, p.W2?.first.messagesPerSecond, 'raw, 1 transaction per message', L?.perMessage.messagesPerSecond),
    row('W2', `messages/s, last ${p.W2?.window ?? 500}`, p.W2?.last.messagesPerSecond, 'raw, 1 transaction per message', L?.perMessage.messagesPerSecond),
    row('R1', 'histories/s', p.R1?.historiesPerSecond, 'raw, one query per stream', L?.streamReads.historiesPerSecond),
    row('P1', 'events/s', p.P1?.eventsPerSecond, 'raw, batched read+write', L?.batched.readWrite.rowsPerSecond),
    row('Q1', 'p99 ms', p.Q1?.latencyMs.p99, 'target 5 ms', p.Q1 ? 5 : null),
    row('F1', 'p99 ms', p.F1?.latencyMs.p99, 'target 100 ms', p.F1 ? 100 : null),
  ];
  return rows.filter((r) => r.measured !== null);
}

function row(phase: LimitRatio['phase'], figure: string, measured: number | null | undefined, limit: string, limitValue: number | null | undefined): LimitRatio {
  return { phase, figure, measured: measured ?? null, limit, limitValue: limitValue ?? null, ratio: ratio(measured, limitValue) };
}

function ratioTarget(id: string, phase: Phase, rule: string, measured: number | null, reference: number | null, unit: string, threshold: number): TargetCheck {
  const value = ratio(measured, reference);
  const met = value === null ? null : value >= threshold;
  let margin = 'not measured (a phase it needs did not run)';
  if (value !== null) {
    margin = met
      ? `met with ${round3(value - threshold)} to spare (${round3(value / threshold)}× the threshold)`
      : `missed by ${round3(threshold - value)}: needs ${round3(threshold / value)}× the measured rate`;
  }
  return { id, phase, rule, measured, reference, unit, value, comparator: '>=', threshold, met, margin };
}

function absoluteTarget(id: string, phase: Phase, rule: string, measured: number | null, unit: string, threshold: number): TargetCheck {
  const met = measured === null ? null : measured <= threshold;
  let margin = 'not measured (the phase did not run)';
  if (measured !== null) {
    margin = met
      ? `met: ${round3(threshold - measured)} ${unit} under`
      : `missed by ${round3(measured - threshold)} ${unit} (${round3(measured / threshold)}× the threshold)`;
  }
  return { id, phase, rule, measured, reference: threshold, unit, value: measured, comparator: '<=', threshold, met, margin };
}

/**
 * Base name of a run's report files: `<date>-<store>-<mpans>` (UTC date of the start), with
 * `-relaxed` for relaxed durability, `-three-commits` for a run without the multi-stream append,
 * and the phase list when not every phase ran.
 */
export function reportBaseName(report: Pick<BenchReport, 'startedAt' | 'options'>, allPhases: readonly Phase[]): string {
  const { store, mpans, durability, phases, threeCommits } = report.options;
  const parts = [report.startedAt.slice(0, 10), store, String(mpans)];
  if (durability === 'relaxed') parts.push('relaxed');
  if (threeCommits) parts.push('three-commits');
  if (report.options.projector === 'separate') parts.push('projector-separate');
  if ((report.options.httpBatch ?? 1) > 1) parts.push(`batch${report.options.httpBatch}`);
  if (report.options.q1Signing === 'on-path' && phases.includes('Q1')) parts.push('q1-signed-on-path');
  if (phases.length !== allPhases.length) parts.push(phases.join('-'));
  return parts.join('-');
}
