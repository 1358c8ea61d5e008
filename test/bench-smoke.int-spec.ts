import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runBenchmark, writeReport } from '../bench/src/harness';
import { defaultOptions } from '../bench/src/options';
import { BenchReport } from '../bench/src/report';

/**
 * Smoke test of the benchmark harness (issue #9, `npm run bench`): a tiny run (50 MPANs, phases
 * W1, R1, P1 and LIMIT on SQLite, the HTTP app inside the test process) yields a report of the
 * documented shape, written as JSON and Markdown. It checks shapes and consistency, never speed.
 */
describe('benchmark harness (smoke)', () => {
  let report: BenchReport;
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'regs-bench-smoke-'));
    report = await runBenchmark({
      ...defaultOptions(),
      mpans: 50,
      phases: ['W1', 'R1', 'P1', 'LIMIT'],
      durability: 'relaxed',
      server: 'inline',
      limitSeconds: 1,
      fsyncSeconds: 0.1,
      out,
      log: null,
    });
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('describes the run and the machine', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.options).toMatchObject({ mpans: 50, store: 'sqlite', phases: ['W1', 'R1', 'P1', 'LIMIT'], durability: 'relaxed' });
    expect(report.machine).toMatchObject({ cores: expect.any(Number), ramGiB: expect.any(Number), diskFreeGiB: expect.any(Number), node: process.version });
    expect(Object.keys(report.machine.packages)).toEqual(expect.arrayContaining(['better-sqlite3', 'pg', 'typeorm', '@nestjs/core']));
    expect(report.durability.setting).toBe('relaxed');
    expect(report.workload.messages).toBeGreaterThan(100);
  });

  it('drives W1 in-process and over HTTP through the same command path, with the same outcomes', () => {
    const { inProcess, http } = report.phases.W1!;
    for (const w1 of [inProcess, http!]) {
      expect(w1).toMatchObject({ messages: report.workload.messages, ofMessages: report.workload.messages, timeBoxed: false });
      expect(w1.mix).toEqual(report.workload.byEventCode);
      expect(w1.messagesPerSecond).toBeGreaterThan(0);
      expect(w1.latencyMs).toMatchObject({ count: report.workload.messages, p50: expect.any(Number), p99: expect.any(Number) });
      expect(w1.rssMiB.peak).toBeGreaterThan(0);
      expect(w1.eventsWritten).toBeGreaterThan(w1.messages);
      const o = w1.outcomes;
      expect(o.accepted + o.rejected + o.duplicates + o.conflicts + o.schemaFailures + o.notProcessed).toBe(w1.messages);
    }
    // The clock header makes the server judge each message at its sender time, like the in-process replay.
    expect(http!.outcomes).toEqual(inProcess.outcomes);
    expect(report.options).toMatchObject({ concurrency: 8, groupCommit: true });
    expect(http!.http).toMatchObject({ concurrency: 8, batch: 1, requests: http!.messages, projector: 'in-process', server: 'inline', viewsCaughtUpSeconds: expect.any(Number) });
    // CPU during the drives: inline, the server's process is the bench's, so it used at least what the client did.
    expect(http!.http!.cpu.clientSeconds).toBeGreaterThan(0);
    expect(http!.http!.cpu.serverSeconds).toBeGreaterThanOrEqual(http!.http!.cpu.clientSeconds);
    expect(http!.http!.cpu.projectorSeconds).toBeNull();
    expect(inProcess.cpu!.seconds).toBeGreaterThan(0);
  });

  it('measures R1, P1 and the raw limits, and relates each phase to its limit', () => {
    expect(report.phases.R1).toMatchObject({ histories: expect.any(Number), historiesPerSecond: expect.any(Number) });
    expect(report.phases.R1!.histories).toBeGreaterThan(40);
    expect(report.phases.P1!.events).toBe(report.phases.W1!.inProcess.eventsWritten);
    const limit = report.phases.LIMIT!;
    expect(limit.perMessage.messages).toBeGreaterThan(0);
    expect(limit.batched.write.rows).toBe(report.phases.W1!.inProcess.eventsWritten);
    expect(limit.batched.readWrite.rows).toBe(limit.batched.write.rows);
    expect(limit.fsync.inPlacePerSecond).toBeGreaterThan(0);
    expect(report.limits.map((l) => l.phase)).toEqual(['W1 in-process', 'W1 HTTP', 'R1', 'P1']);
    expect(report.phases.W2 ?? report.phases.Q1 ?? report.phases.F1).toBeUndefined();
  });

  it('judges every target, leaving those of phases that did not run open', () => {
    expect(report.targets.map((t) => t.id)).toEqual(['W1-in-process', 'W1-http', 'W2-end', 'P1-rebuild', 'Q1-p99', 'F1-p99']);
    const byId = Object.fromEntries(report.targets.map((t) => [t.id, t]));
    for (const id of ['W1-in-process', 'W1-http', 'P1-rebuild']) expect(typeof byId[id]!.met).toBe('boolean');
    for (const id of ['W2-end', 'Q1-p99', 'F1-p99']) expect(byId[id]!.met).toBeNull();
  });

  it('writes <date>-<store>-<n> JSON and Markdown', () => {
    const files = writeReport(report, out);
    expect(basename(files.json)).toBe(`${report.startedAt.slice(0, 10)}-sqlite-50-relaxed-W1-R1-P1-LIMIT.json`);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(existsSync(files.markdown)).toBe(true);
    const md = readFileSync(files.markdown, 'utf8');
    expect(md).toContain('## Targets (issue #9)');
    expect(md).toContain('W1 in-process ≥ 50% of the raw one-transaction-per-message limit');
  });
});
