import { BenchReport } from './report';
import { formatGcPauses } from './gc';
import { LatencySummary } from './stats';

/** Renders a report as Markdown: settings, machine, figures with their limits, targets, notes. */
export function renderMarkdown(r: BenchReport): string {
  const o = r.options;
  const m = r.machine;
  const p = r.phases;
  const lines: string[] = [];
  const out = (...more: string[]) => lines.push(...more);
  out(
    `# Benchmark ${r.startedAt.slice(0, 10)}: ${o.store}, ${o.mpans} MPANs, durability ${o.durability}` +
      (o.threeCommits ? ', three commits per message (multi-stream append off)' : ''),
    '',
    `Started ${r.startedAt}, took ${fmt(r.durationSeconds / 60, 1)} min. Phases: ${o.phases.join(', ')}. ` +
      `Traffic: seed ${o.seed} from ${o.trafficStartDate}, ${r.workload.messages} messages for ${r.workload.mpans} MPANs ` +
      `(${r.workload.mistakes} deliberate mistakes), sent ${r.workload.firstSentAt ?? '—'} … ${r.workload.lastSentAt ?? '—'}.`,
    '',
    '## Machine',
    '',
    `${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.diskFreeGiB} GiB free on ${m.tempDir}; ${m.platform} (kernel ${m.kernel}); Node ${m.node}; ` +
      Object.entries(m.packages).map(([name, v]) => `${name} ${v ?? '—'}`).join(', ') +
      `. Load average (1/5/15 min) at start ${m.loadAverage.start.join(' / ')}, at end ${m.loadAverage.end?.join(' / ') ?? '—'}.`,
    '',
    '## Durability',
    '',
    `\`${r.durability.setting}\`: SQLite ${r.durability.sqlite}; PostgreSQL ${r.durability.postgres}.`,
    '',
    '## Targets (issue #9)',
    '',
    '| target | measured | compared with | value | threshold | met | margin |',
    '|---|---:|---:|---:|---:|:-:|---|',
    ...r.targets.map(
      (t) =>
        `| ${t.rule} | ${fmt(t.measured)} ${t.unit} | ${t.comparator === '>=' ? `${fmt(t.reference)} ${t.unit}` : '—'} | ${fmt(t.value)} | ${t.comparator === '>=' ? '≥' : '≤'} ${t.threshold} | ${t.met === null ? '—' : t.met ? 'met' : '**missed**'} | ${t.margin} |`,
    ),
    '',
    '## Every phase against its limit',
    '',
    '| phase | figure | measured | limit | limit value | ratio |',
    '|---|---|---:|---|---:|---:|',
    ...r.limits.map((l) => `| ${l.phase} | ${l.figure} | ${fmt(l.measured)} | ${l.limit} | ${fmt(l.limitValue)} | ${fmt(l.ratio)} |`),
    '',
    '## Figures',
    '',
    '| phase | what | figure |',
    '|---|---|---|',
  );
  for (const w of [p.W1?.inProcess, p.W1?.http]) {
    if (!w) continue;
    const name = w.mode === 'http' ? 'W1 HTTP' : 'W1 in-process';
    out(
      `| ${name} | throughput | ${fmt(w.messagesPerSecond)} messages/s (${w.messages} messages in ${fmt(w.seconds)} s; day-start ${w.dayStart.runs} runs, ${fmt(w.dayStart.seconds)} s, ${w.dayStart.eventsAppended} events, not counted) |`,
      `| ${name} | traffic covered | ${w.messages} of ${w.ofMessages} messages${w.timeBoxed ? ' (time box)' : ''}, sent up to ${w.lastSentAt ?? '—'}; mix ${mixText(w.mix, w.messages)} |`,
      `| ${name} | latency per message | ${lat(w.latencyMs)} |`,
      `| ${name} | outcomes | ${w.outcomes.accepted} accepted, ${w.outcomes.rejected} rejected, ${w.outcomes.duplicates} duplicates, ${w.outcomes.conflicts} conflicts, ${w.outcomes.schemaFailures} schema failures, ${w.outcomes.notProcessed} not processed |`,
      `| ${name} | log rows written | ${w.eventsWritten} |`,
      `| ${name} | RSS | ${w.rssMiB.before} MiB before, ${w.rssMiB.peak} MiB peak${w.mode === 'http' ? ' (server process)' : ' (bench process)'} |`,
    );
    if (w.cpu) out(`| ${name} | CPU | ${w.cpu.seconds} s (bench process) over ${w.cpu.wallSeconds} s of drive |`);
    if (w.mode === 'in-process' && r.options.concurrency !== undefined) {
      out(`| ${name} | driver | ${r.options.concurrency} messages in flight at most (one per MPAN), clock forward only; ${r.options.store === 'sqlite' ? `SQLite group commit ${r.options.groupCommit === false ? 'off' : 'on'}` : 'no group commit (PostgreSQL: one transaction per message under the append lock)'} |`);
    }
    if (w.http) {
      out(
        `| ${name} | client | ${w.http.concurrency} requests in flight at most, keep-alive, ${w.http.batch ?? 1} message(s) per request at most (${w.http.requests ?? w.messages} requests); server ${w.http.server}, projector ${w.http.projector ?? 'in-process'}; client peak RSS ${w.http.clientPeakRssMiB} MiB; statuses ${JSON.stringify(w.http.statuses)} |`,
        `| ${name} | views | caught up ${fmt(w.http.viewsCaughtUpSeconds)} s after the last acknowledgement |`,
      );
      // Reports written before the CPU figures existed have none.
      if (w.http.cpu) {
        out(`| ${name} | CPU | ${w.http.cpu.clientSeconds} s client (bench process), ${w.http.cpu.serverSeconds} s server${w.http.cpu.projectorSeconds == null ? '' : `, ${w.http.cpu.projectorSeconds} s separate projector`}, over ${w.http.cpu.wallSeconds} s of drive |`);
      }
    }
  }
  if (p.W2) {
    out(
      `| W2 | change | ${p.W2.sent}${p.W2.timeBoxed ? ` of ${p.W2.changes} (time box)` : ''} × ${p.W2.change} (MPAN ${p.W2.mpanCore}); ${p.W2.outcomes.accepted} accepted, ${p.W2.outcomes.rejected} rejected |`,
      `| W2 | first ${p.W2.window} | ${fmt(p.W2.first.messagesPerSecond)} messages/s; ${lat(p.W2.first.latencyMs)} |`,
      `| W2 | last ${p.W2.window} | ${fmt(p.W2.last.messagesPerSecond)} messages/s; ${lat(p.W2.last.latencyMs)} |`,
      `| W2 | stream | ${p.W2.streamEvents.before} → ${p.W2.streamEvents.after} records; ${fmt(p.W2.seconds)} s in all |`,
    );
  }
  if (p.R1) out(`| R1 | replay | ${fmt(p.R1.historiesPerSecond)} histories/s, ${fmt(p.R1.eventsPerSecond)} events/s (${p.R1.histories} histories, ${p.R1.events} events, ${fmt(p.R1.seconds)} s); per history ${lat(p.R1.latencyMs)} |`);
  if (p.P1) {
    out(
      `| P1 | rebuild | ${fmt(p.P1.eventsPerSecond)} events/s (${p.P1.events} of ${p.P1.logEvents} events${p.P1.timeBoxed ? ', time box' : ''} in ${fmt(p.P1.seconds)} s, batches of ${p.P1.batchSize}; then the digest ${fmt(p.P1.digestSeconds)} s) |`,
      `| P1 | memory, output | RSS ${p.P1.rssMiB.before} → peak ${p.P1.rssMiB.peak} MiB; view file ${p.P1.viewFileMiB} MiB |`,
    );
  }
  if (p.Q1) {
    out(
      `| Q1 | GET /mpans/{core} | ${p.Q1.requests} requests at ${p.Q1.targetRate}/s for ${fmt(p.Q1.durationSeconds)} s, achieved ${fmt(p.Q1.achievedRate)}/s, statuses ${JSON.stringify(p.Q1.statuses)}, ${fmt(p.Q1.meanBodyBytes)} bytes per answer on average |`,
      `| Q1 | one read at a time (idle server, ${p.Q1.sequential.requests} reads) | ${lat(p.Q1.sequential.latencyMs)} |`,
      `| Q1 | latency (from send) | ${lat(p.Q1.latencyMs, true)} |`,
      `| Q1 | latency (from schedule) | ${lat(p.Q1.scheduledLatencyMs, true)} |`,
      `| Q1 | CPU during the fixed-rate load | server ${fmt(p.Q1.cpu.serverSeconds)} s (${fmt(p.Q1.cpu.serverMsPerRead)} ms per read), load generator ${fmt(p.Q1.cpu.clientSeconds)} s (${fmt(p.Q1.cpu.clientMsPerRead)} ms per read) |`,
      `| Q1 | GC pauses during the fixed-rate load | server: ${formatGcPauses(p.Q1.gc?.server)}; load generator: ${formatGcPauses(p.Q1.gc?.client)} |`,
      `| Q1 | signing (DIP, RSA-2048) | before the timed reads: ${p.Q1.signing.beforePhase} requests in ${fmt(p.Q1.signing.beforePhaseSeconds)} s; during the load, ahead of their turn: ${p.Q1.signing.aheadInPhase}; on the request's path: ${p.Q1.signing.onPath} |`,
    );
  }
  if (p.F1) out(`| F1 | ${p.F1.message} | ${lat(p.F1.latencyMs)}; ${p.F1.samples} samples, ${p.F1.notAccepted} not accepted, ${p.F1.timedOut} timed out, ${p.F1.pollsPerSample} feed reads per sample |`);
  if (p.LIMIT) {
    const L = p.LIMIT;
    out(
      `| LIMIT | 1 transaction per message | ${fmt(L.perMessage.messagesPerSecond)} messages/s, ${fmt(L.perMessage.rowsPerSecond)} rows/s (${L.perMessage.messages} messages${L.perMessage.timeBoxed ? ', time-boxed' : ''}); ${lat(L.perMessage.latencyMs)} |`,
      `| LIMIT | batched write (${L.batched.batchRows} rows/transaction) | ${fmt(L.batched.write.rowsPerSecond)} rows/s (${L.batched.write.rows} rows) |`,
      `| LIMIT | batched read | ${fmt(L.batched.read.rowsPerSecond)} rows/s |`,
      `| LIMIT | batched read+write | ${fmt(L.batched.readWrite.rowsPerSecond)} rows/s |`,
      `| LIMIT | stream reads | ${fmt(L.streamReads.historiesPerSecond)} histories/s (${L.streamReads.rows} rows) |`,
      `| LIMIT | disk | ${fmt(L.fsync.inPlacePerSecond)} write+${L.fsync.call}/s in place, ${fmt(L.fsync.appendPerSecond)}/s appending (4 KiB, ${L.fsync.secondsEach} s each) |`,
    );
  }
  if (r.notes.length > 0) out('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  out('');
  return lines.join('\n');
}

/** `[MPANCreation] 20%, …` largest first, shares of `total`. */
function mixText(mix: Record<string, number>, total: number): string {
  return Object.entries(mix)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${total > 0 ? Math.round((n / total) * 1000) / 10 : 0}%`)
    .join(', ');
}

function lat(s: LatencySummary, withP999 = false): string {
  if (s.count === 0) return 'no samples';
  return `p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms${withP999 ? `, p99.9 ${fmt(s.p999)} ms` : ''}, max ${fmt(s.max)} ms`;
}

/** A number for a table: `—` when missing, else up to `digits` decimals (2 by default, fewer for large values). */
function fmt(x: number | null | undefined, digits?: number): string {
  if (x === null || x === undefined) return '—';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toFixed(d);
}
