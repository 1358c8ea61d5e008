import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findRepoRoot } from '@app/dip-wire';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { DEFAULT_DIP_MAX_SKEW_MS, FixedClock, REFERENCE_DATA, ukMidnightOf, ukSettlementDayOf } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { BenchContext } from './context';
import { driveHttp } from './drive-http';
import { driveInProcess } from './drive-in-process';
import { cpuSecondsNow, startChildServer, startInlineServer, BenchServer } from './http/bench-server';
import { KeepAliveClient } from './http/client';
import { ProjectorProcess, startProjectorProcess } from './http/projector-process';
import { runLimit } from './limit/run-limit';
import { describeMachine, loadAverageNow } from './machine';
import { BenchOptions, PHASES } from './options';
import { F1_RECIPIENT, freshCreations, runFeedLatency } from './phases/f1-feed';
import { runRebuild } from './phases/p1-rebuild';
import { runQueryRate } from './phases/q1-query';
import { runReplay } from './phases/r1-replay';
import { mixOf, w1Result } from './phases/w1-intake';
import { runHotStream } from './phases/w2-hot-stream';
import { openRegistryContext } from './registry-context';
import { BenchReport, judgeTargets, limitRatios, PhaseResults, REPORT_SCHEMA_VERSION, reportBaseName } from './report';
import { renderMarkdown } from './report-markdown';
import { currentRssMiB, RssSampler } from './rss';
import { PhaseProfiler } from './profiler';
import { headPositionOf, provisionRegistryStores, RegistryStores } from './stores';
import { msSince, round3 } from './stats';
import { buildWorkload, WorkloadReader } from './workload';

/**
 * Runs the benchmark of issue #9 with `options` and returns its report (nothing is written; see
 * {@link writeReport}). Phases run in this order, each on its own fresh stores where it writes:
 * W1 in-process (its log then serves R1, P1 and LIMIT), W2, W1 over HTTP (whose server then serves
 * Q1 and F1). A phase that needs a log or a server the options leave out gets one prepared untimed
 * (and a note says so). All data lives in a temporary folder (and throw-away PostgreSQL databases)
 * removed at the end, also on failure.
 * @throws whatever a phase throws (after cleaning up).
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  const repoRoot = findRepoRoot(__dirname);
  const tempDir = mkdtempSync(join(tmpdir(), 'regs-bench-'));
  const notes: string[] = [];
  const ctx: BenchContext = { options, repoRoot, tempDir, notes, log: (line) => options.log?.(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`) };
  const started = process.hrtime.bigint();
  const startedAt = new Date().toISOString();
  const machine = describeMachine(repoRoot, tempDir);
  const want = (phase: (typeof PHASES)[number]) => options.phases.includes(phase);
  const phases: PhaseResults = {};
  const drops: Array<() => Promise<void>> = [];
  const profiler = new PhaseProfiler(options.profileDir);
  /** Runs `work` inside a CPU profile named `name` (when profiling). */
  const profiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    await profiler.start();
    try {
      return await work();
    } finally {
      await profiler.stop(name);
    }
  };
  let reader: WorkloadReader | null = null;
  try {
    ctx.log(`generating traffic for ${options.mpans} MPANs (seed ${options.seed})`);
    const workload = buildWorkload(join(tempDir, 'traffic.jsonl'), { mpans: options.mpans, seed: options.seed, startDate: options.trafficStartDate });
    const openedReader = new WorkloadReader(workload.file);
    reader = openedReader;
    const lineOf = (e: (typeof workload.entries)[number]) => openedReader.line(e);
    const entries = workload.entries;
    const firstAt = entries.length > 0 ? new Date(entries[0]!.sentAtMs).toISOString() : new Date(Date.parse(`${options.trafficStartDate}T00:00:00Z`)).toISOString();
    const lastSentMs = entries.length > 0 ? entries[entries.length - 1]!.sentAtMs : Date.parse(firstAt);
    ctx.log(`${entries.length} messages (${(workload.bytes / 1048576).toFixed(1)} MiB of JSON lines)`);

    // --- W1 in-process, and the log R1, P1 and LIMIT read -------------------------------------
    const needServer = want('W1') || want('Q1') || want('F1');
    const needLog = want('W1') || want('R1') || want('P1') || want('LIMIT') || (needServer && !want('W1'));
    let logStores: RegistryStores | null = null;
    let logCores: string[] = [];
    let logHead = 0n;
    let logMessages = entries.length;
    if (needLog) {
      logStores = await provisionRegistryStores(ctx, 'w1-in-process');
      drops.push(logStores.drop);
      const clock = new FixedClock(firstAt);
      const app = await openRegistryContext(logStores.config, clock, { multiStreamAppend: !options.threeCommits });
      try {
        const store = app.get<EventStore>(EVENT_STORE);
        ctx.log(want('W1') ? 'W1 in-process: driving the intake' : 'preparing the log (untimed: W1 not asked)');
        const before = currentRssMiB();
        const sampler = new RssSampler();
        sampler.start();
        const cpuBefore = cpuSecondsNow();
        const t = process.hrtime.bigint();
        const limits = { maxSeconds: options.phaseSeconds, maxMessages: entries.length };
        const drive = await profiled(want('W1') ? 'W1-in-process' : 'log-setup', () =>
          driveInProcess(app, clock, entries, lineOf, limits, (n) => ctx.log(`  ${n}/${entries.length} messages, ${(n / (msSince(t) / 1000)).toFixed(0)}/s`), options.concurrency),
        );
        const inProcessCpu = { seconds: round3(cpuSecondsNow() - cpuBefore), wallSeconds: round3(msSince(t) / 1000) };
        logMessages = drive.messages;
        if (drive.timeBoxed) {
          notes.push(
            `W1 in-process stopped after ${drive.messages} of ${entries.length} messages (the ${options.phaseSeconds} s time box, --phase-seconds): ` +
              `the first ${drive.messages} messages of the traffic in time order, up to ${new Date(drive.lastSentAtMs!).toISOString()}; R1, P1 and LIMIT read the log they wrote.`,
          );
        }
        const peak = sampler.stop();
        logHead = await store.headPosition();
        logCores = drive.acceptedCreations;
        if (want('W1')) {
          phases.W1 = { inProcess: w1Result('in-process', drive, entries.length, mixOf(entries, drive.messages), Number(logHead), { before, peak }) };
          phases.W1.inProcess.cpu = inProcessCpu;
          ctx.log(`W1 in-process: ${phases.W1.inProcess.messagesPerSecond} messages/s; CPU ${inProcessCpu.seconds} s over ${inProcessCpu.wallSeconds} s of drive`);
        } else notes.push('W1 was not asked for: the log that the other phases read was loaded in-process, untimed.');
        if (want('R1')) {
          ctx.log('R1: reading and folding every MPAN history');
          phases.R1 = await profiled('R1', () => runReplay(store, logCores));
        }
        if (want('P1')) {
          ctx.log('P1: rebuilding the projections from zero');
          const config = logStores.config;
          phases.P1 = await profiled('P1', () => runRebuild(store, app.get<ReferenceData>(REFERENCE_DATA), config, tempDir, options.phaseSeconds));
          if (phases.P1.timeBoxed) {
            notes.push(`P1 stopped after ${phases.P1.events} of ${phases.P1.logEvents} events (the ${options.phaseSeconds} s time box, --phase-seconds).`);
          }
        }
      } finally {
        await app.close();
      }
      if (want('LIMIT')) phases.LIMIT = await runLimit(ctx, { sqlitePath: logStores.sqlitePath, postgresUrl: logStores.postgresUrl, cores: logCores });
    }

    // --- W2 -------------------------------------------------------------------------------------
    if (want('W2')) {
      const stores = await provisionRegistryStores(ctx, 'w2');
      drops.push(stores.drop);
      const clock = new FixedClock(firstAt);
      const app = await openRegistryContext(stores.config, clock, { multiStreamAppend: !options.threeCommits });
      try {
        ctx.log(`W2: ${options.w2Changes} changes to one MPAN`);
        const w2 = { seed: options.seed, startDate: options.trafficStartDate, changes: options.w2Changes, window: options.w2Window, maxSeconds: options.phaseSeconds };
        phases.W2 = await profiled('W2', () => runHotStream(app, clock, w2, (n) => ctx.log(`  ${n}/${options.w2Changes} changes`)));
        if (phases.W2.timeBoxed) {
          notes.push(`W2 stopped after ${phases.W2.sent} of ${phases.W2.changes} changes: the ${options.phaseSeconds} s time box (--phase-seconds) ran out; its last window is the last ${phases.W2.window} changes sent.`);
        }
      } finally {
        await app.close();
      }
    }

    // --- W1 over HTTP, Q1, F1 --------------------------------------------------------------------
    if (needServer) {
      let stores: RegistryStores;
      let startAt: string;
      if (want('W1')) {
        stores = await provisionRegistryStores(ctx, 'w1-http');
        drops.push(stores.drop);
        startAt = firstAt;
      } else {
        stores = logStores!;
        startAt = new Date(lastSentMs).toISOString(); // past every message of the log (F1's creations come later still)
      }
      // --projector separate: the server without its projector, and apps/registration-projector beside it.
      const serverEnv = options.projector === 'separate' ? { ...stores.env, REGISTRY_PROJECTOR: 'off' } : stores.env;
      const spec = { env: serverEnv, repoRoot, startAt: ukMidnightOf(ukSettlementDayOf(startAt)), profileDir: options.profileDir, multiStreamAppend: !options.threeCommits };
      ctx.log(`starting the HTTP app (${options.server}; projector ${options.projector})`);
      const server: BenchServer = options.server === 'child' ? await startChildServer(spec) : await startInlineServer(spec);
      const projector: ProjectorProcess | null = options.projector === 'separate' ? startProjectorProcess(repoRoot, serverEnv) : null;
      /** Runs `work` inside a CPU profile of the server named `server-<name>` (when profiling a child server). */
      const serverProfiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
        await server.profileStart();
        try {
          return await work();
        } finally {
          await server.profileStop(`server-${name}`);
        }
      };
      const client = new KeepAliveClient(server.baseUrl, Math.max(options.httpConcurrency, 64));
      try {
        let cores = logCores;
        let head = logHead;
        if (want('W1')) {
          ctx.log(`W1 HTTP: ${options.httpConcurrency} requests in flight`);
          const rssBefore = (await server.peakRss(true)).peakMiB;
          const clientSampler = new RssSampler();
          clientSampler.start();
          const serverCpuBefore = await server.cpuSeconds();
          const projectorCpuBefore = projector?.cpuSeconds() ?? null;
          const clientCpuBefore = cpuSecondsNow();
          const t = process.hrtime.bigint();
          const limits = { maxSeconds: options.phaseSeconds, maxMessages: logMessages };
          const drive = await serverProfiled('W1-http', () =>
            driveHttp(client, entries, openedReader, options.httpConcurrency, limits, (n) => ctx.log(`  ${n}/${entries.length} messages, ${(n / (msSince(t) / 1000)).toFixed(0)}/s`), options.httpBatch),
          );
          if (client.staleSocketRetries > 0) {
            notes.push(
              `W1 over HTTP: ${client.staleSocketRetries} request(s) were sent a second time because their reused keep-alive socket had been closed ` +
                '(the client retries that once); should the server have processed a first attempt, its resend was answered as a duplicate and counted so.',
            );
          }
          if (drive.messages < entries.length) {
            notes.push(
              `W1 over HTTP sent the first ${drive.messages} of ${entries.length} messages${drive.timeBoxed ? ` (stopped by the ${options.phaseSeconds} s time box)` : ' (as many as W1 in-process)'}, ` +
                `up to ${new Date(drive.lastSentAtMs!).toISOString()}; Q1 and F1 ran on that log.`,
            );
          }
          const driveSeconds = msSince(t) / 1000;
          const projectorCpuAfter = projector?.cpuSeconds() ?? null;
          const cpu = {
            clientSeconds: round3(cpuSecondsNow() - clientCpuBefore),
            serverSeconds: round3((await server.cpuSeconds()) - serverCpuBefore),
            projectorSeconds: projectorCpuBefore === null || projectorCpuAfter === null ? null : round3(projectorCpuAfter - projectorCpuBefore),
            wallSeconds: round3(driveSeconds),
          };
          const acked = process.hrtime.bigint();
          await viewsReach(client, drive.lastPosition);
          const caughtUp = msSince(acked) / 1000;
          const serverRss = await server.peakRss(true);
          const result = w1Result('http', drive, entries.length, mixOf(entries, drive.messages), await headPositionOf(stores), { before: rssBefore, peak: serverRss.peakMiB });
          result.http = { concurrency: options.httpConcurrency, batch: options.httpBatch, requests: drive.requests, projector: options.projector, server: server.where, clientPeakRssMiB: clientSampler.stop(), statuses: drive.statuses, viewsCaughtUpSeconds: round3(caughtUp), cpu };
          phases.W1!.http = result;
          cores = drive.acceptedCreations;
          head = drive.lastPosition;
          ctx.log(
            `W1 HTTP: ${drive.requests} requests; CPU over ${cpu.wallSeconds} s of drive: client (bench process) ${cpu.clientSeconds} s, server ${cpu.serverSeconds} s` +
              (cpu.projectorSeconds === null ? '' : `, projector process ${cpu.projectorSeconds} s`),
          );
          ctx.log(`W1 HTTP: ${result.messagesPerSecond} messages/s; views caught up ${caughtUp.toFixed(1)} s after the last answer`);
        } else {
          await viewsReach(client, head);
        }
        if (want('Q1')) {
          ctx.log(`Q1: GET /mpans/{core} at ${options.q1Rate}/s for ${options.q1Seconds} s`);
          // Reads are signed before they are timed, each sent within half the server's signature skew window of its signing.
          const skewWindowMs = Number(serverEnv.REGISTRY_DIP_MAX_SKEW_MS ?? DEFAULT_DIP_MAX_SKEW_MS);
          const q1 = {
            rate: options.q1Rate,
            seconds: options.q1Seconds,
            seed: options.seed,
            maxConnections: Math.max(options.httpConcurrency, 64),
            maxSignatureAgeMs: skewWindowMs / 2,
            signing: options.q1Signing,
            serverCpuSeconds: () => server.cpuSeconds(),
            serverGc: { start: () => server.gcStart(), stop: () => server.gcStop() },
          };
          phases.Q1 = await serverProfiled('Q1', () => runQueryRate(client, cores, q1));
          ctx.log(
            `Q1: ${phases.Q1.achievedRate}/s achieved; p50 ${phases.Q1.latencyMs.p50} ms, p99 ${phases.Q1.latencyMs.p99} ms; idle p50 ${phases.Q1.sequential.latencyMs.p50} ms; ` +
              `CPU per read: server ${phases.Q1.cpu.serverMsPerRead} ms, client ${phases.Q1.cpu.clientMsPerRead} ms; ${phases.Q1.signing.beforePhase} requests signed before the phase in ${phases.Q1.signing.beforePhaseSeconds} s`,
          );
          if (options.q1Signing === 'on-path') {
            notes.push('Q1 was measured the way of rounds 1 and 2 (--q1-signing on-path): each read signed when sent, its signing inside its latency and on the cores the server uses.');
          } else if (phases.Q1.signing.aheadInPhase + phases.Q1.signing.onPath > 0) {
            notes.push(
              `Q1: ${phases.Q1.signing.aheadInPhase} requests were signed during the fixed-rate load ahead of their turn and ${phases.Q1.signing.onPath} on their own path ` +
                `(${phases.Q1.signing.reSignedStale} of them re-signed as older than ${skewWindowMs / 2000} s): the phase was longer than what could be signed before it.`,
            );
          }
          if ((phases.Q1.achievedRate ?? 0) < 0.95 * options.q1Rate) {
            notes.push(
              `Q1: the server answered ${phases.Q1.achievedRate}/s of the ${options.q1Rate}/s asked: it was saturated, so requests queued and the latency percentiles measure the queue; ` +
                `one read at a time took p50 ${phases.Q1.sequential.latencyMs.p50} ms.`,
            );
          }
        }
        if (want('F1')) {
          ctx.log(`F1: ${options.f1Samples} creations, waiting for each in the feed of ${F1_RECIPIENT}`);
          const creations = freshCreations(options.f1Samples, options.seed, lastSentMs);
          phases.F1 = await serverProfiled('F1', () => runFeedLatency(client, creations));
        }
      } finally {
        client.close();
        await server.stop();
        await projector?.stop();
      }
      if (server.where === 'inline') notes.push('The HTTP app ran inside the bench process (server: inline): its RSS includes the load generator.');
    }

    machine.loadAverage.end = loadAverageNow();
    const report: BenchReport = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      startedAt,
      finishedAt: new Date().toISOString(),
      durationSeconds: round3(msSince(started) / 1000),
      options: {
        mpans: options.mpans,
        store: options.store,
        phases: options.phases,
        durability: options.durability,
        threeCommits: options.threeCommits,
        seed: options.seed,
        trafficStartDate: options.trafficStartDate,
        httpConcurrency: options.httpConcurrency,
        concurrency: options.concurrency,
        groupCommit: options.groupCommit,
        w2Changes: options.w2Changes,
        phaseSeconds: options.phaseSeconds,
        q1Rate: options.q1Rate,
        q1Seconds: options.q1Seconds,
        q1Signing: options.q1Signing,
        f1Samples: options.f1Samples,
        limitSeconds: options.limitSeconds,
        server: options.server,
        projector: options.projector,
        httpBatch: options.httpBatch,
      },
      machine,
      durability: durabilityDescription(options.durability),
      workload: {
        mpans: workload.mpans,
        messages: entries.length,
        mistakes: workload.mistakes,
        bytes: workload.bytes,
        firstSentAt: entries.length > 0 ? firstAt : null,
        lastSentAt: entries.length > 0 ? new Date(lastSentMs).toISOString() : null,
        byEventCode: workload.byEventCode,
      },
      phases,
      limits: limitRatios(phases),
      targets: judgeTargets(phases),
      notes: [...notes, ...loadNote(machine.loadAverage.start, machine.loadAverage.end, machine.cores)],
    };
    return report;
  } finally {
    reader?.close();
    for (const drop of drops.reverse()) await drop().catch((error: Error) => ctx.log(`could not drop a PostgreSQL database: ${error.message}`));
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** Writes `<out>/<base>.json` and `<out>/<base>.md`; returns their paths. */
export function writeReport(report: BenchReport, outDir: string): { json: string; markdown: string } {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const base = join(dir, reportBaseName(report, PHASES));
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, renderMarkdown(report));
  return { json: `${base}.json`, markdown: `${base}.md` };
}

/** The durability setting in words, per store. */
export function durabilityDescription(durability: BenchOptions['durability']): BenchReport['durability'] {
  return durability === 'full'
    ? {
        setting: 'full',
        sqlite: "WAL, synchronous=FULL (REGISTRY_SQLITE_SYNCHRONOUS=FULL: the WAL is synced at every commit) for the event store and the view database's participant writes; the live projector's batches commit at NORMAL (derived rows, ADR 0022); the P1 rebuild writes its new view file with NORMAL (rebuildViews fixes it)",
        postgres: "committed transactions with the server's synchronous_commit (on), for the log and the live views (same database); the P1 rebuild writes a SQLite file with NORMAL",
      }
    : {
        setting: 'relaxed',
        sqlite: 'WAL, synchronous=NORMAL (the default of REGISTRY_SQLITE_SYNCHRONOUS: durable across a process crash, not a power loss)',
        postgres: 'synchronous_commit=off for every session of the event store and view pools and of the raw LIMIT connections (set per connection through the URL option `-c synchronous_commit=off`)',
      };
}

/**
 * Waits until the views have applied the log up to `position` (read-your-writes on the feed endpoint:
 * `?minPosition=` answers 503 while they are behind).
 * @throws Error when they have not after 10 minutes.
 */
async function viewsReach(client: KeepAliveClient, position: bigint): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const answer = await client.get(`/participants/${F1_RECIPIENT}/publications?limit=1&minPosition=${position}&maxWaitMs=10000`);
    if (answer.status === 200) return;
    if (answer.status !== 503) throw new Error(`waiting for the views: GET publications answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  throw new Error(`the views did not reach position ${position} within 10 minutes`);
}

/** A note when the load average says other work shared the machine. */
function loadNote(start: number[], end: number[] | null, cores: number): string[] {
  const highest = Math.max(start[0] ?? 0, end?.[0] ?? 0);
  return highest > cores * 0.5
    ? [`Other work shared the machine: the 1-minute load average was ${start[0]} at the start and ${end?.[0] ?? '—'} at the end on ${cores} cores (the bench alone keeps about 1–2 busy).`]
    : [];
}
