/**
 * `npm run bench [-- options]`: the benchmark harness of issue #9 (see docs/performance.md).
 * Compiled by the npm script and run through bench/run.js.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { runBenchmark, writeReport } from './harness';
import { defaultOptions, parsePhases, PHASES } from './options';

function positiveInt(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function positiveNumber(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number > 0, got ${JSON.stringify(raw)}`);
  return n;
}

function nonNegativeNumber(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got ${JSON.stringify(raw)}`);
  return n;
}

function phases(raw: string) {
  try {
    return parsePhases(raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

async function main(): Promise<void> {
  const defaults = defaultOptions();
  const program = new Command()
    .name('npm run bench --')
    .description('Benchmark of the Registration Service (issue #9): W1 intake, W2 hot stream, R1 replay, P1 rebuild, Q1 query, F1 feed latency, LIMIT raw driver')
    .option('--mpans <n>', 'MPANs of generated traffic for W1 (about 10 messages each)', positiveInt, defaults.mpans)
    .addOption(new Option('--store <store>', 'event store').choices(['sqlite', 'postgres']).default(defaults.store))
    .option('--phases <list>', `comma-separated phases (${PHASES.join(',')})`, phases, defaults.phases)
    .addOption(new Option('--durability <d>', 'full: SQLite synchronous=FULL / PostgreSQL synchronous_commit on; relaxed: NORMAL / off').choices(['full', 'relaxed']).default(defaults.durability))
    .option('--out <dir>', 'folder for the JSON and Markdown reports', defaults.out)
    .option('--seed <n>', 'traffic generator seed', positiveInt, defaults.seed)
    .option('--three-commits', 'run the app without the store\'s multi-stream append: receipt, MPAN events and outcome as three commits per message (as on EventStoreDB), for comparison with the default one commit (ADR 0017)', false)
    .option('--http-concurrency <n>', 'W1 over HTTP: requests in flight at most', positiveInt, defaults.httpConcurrency)
    .option('--concurrency <n>', 'W1 in-process: messages in flight at most (1 = one at a time)', positiveInt, defaults.concurrency)
    .addOption(new Option('--group-commit <on|off>', 'group commit of the SQLite event store (REGISTRY_GROUP_COMMIT, ADR 0018)').choices(['on', 'off']).default(defaults.groupCommit ? 'on' : 'off'))
    .option('--w2-changes <n>', 'W2: sequential changes to the hot MPAN', positiveInt, defaults.w2Changes)
    .option('--phase-seconds <s>', 'time box of W1 (each mode), W2 and P1 in seconds; 0 = run them to the end', nonNegativeNumber, defaults.phaseSeconds)
    .option('--q1-rate <n>', 'Q1: requests per second', positiveInt, defaults.q1Rate)
    .option('--q1-seconds <s>', 'Q1: duration in seconds', positiveNumber, defaults.q1Seconds)
    .addOption(new Option('--q1-signing <when>', 'Q1: sign the reads before the timed phase (default) or each when it is sent, on its timed path (the method of rounds 1 and 2, for comparison)').choices(['before', 'on-path']).default(defaults.q1Signing))
    .option('--f1-samples <n>', 'F1: messages followed into the feed', positiveInt, defaults.f1Samples)
    .option('--limit-seconds <s>', 'LIMIT: time box of the one-transaction-per-message raw writes', positiveNumber, defaults.limitSeconds)
    .option('--fsync-seconds <s>', 'LIMIT: seconds of each write+fdatasync loop', positiveNumber, defaults.fsyncSeconds)
    .addOption(new Option('--server <where>', 'where the HTTP app runs').choices(['child', 'inline']).default(defaults.server))
    .addOption(new Option('--projector <where>', 'who keeps the views current beside the HTTP server (W1 HTTP, Q1, F1): in-process (the server\'s own thread, as npm start) or separate (REGISTRY_PROJECTOR=off and apps/registration-projector in its own process on the same stores)').choices(['in-process', 'separate']).default(defaults.projector))
    .option('--http-batch <k>', 'W1 over HTTP: messages per POST /dip-channel request (different MPANs, one channel); 1 = one message a request', positiveInt, defaults.httpBatch)
    .option('--profile-dir <dir>', 'write a V8 CPU profile of each phase into this folder (<phase>.cpuprofile, server-<phase>.cpuprofile)')
    .option('--postgres-url <url>', 'PostgreSQL maintenance URL (throw-away databases are created and dropped through it)', defaults.postgresUrl);
  program.parse();
  const o = program.opts<{
    mpans: number; store: 'sqlite' | 'postgres'; phases: typeof defaults.phases; durability: 'full' | 'relaxed'; out: string; seed: number;
    httpConcurrency: number; concurrency: number; groupCommit: 'on' | 'off'; w2Changes: number; phaseSeconds: number; q1Rate: number; q1Seconds: number; q1Signing: 'before' | 'on-path'; f1Samples: number; limitSeconds: number; fsyncSeconds: number;
    server: 'child' | 'inline'; projector: 'in-process' | 'separate'; httpBatch: number; profileDir?: string; postgresUrl: string; threeCommits: boolean;
  }>();
  const report = await runBenchmark({
    ...defaults,
    mpans: o.mpans,
    store: o.store,
    phases: o.phases,
    durability: o.durability,
    out: o.out,
    seed: o.seed,
    threeCommits: o.threeCommits,
    httpConcurrency: o.httpConcurrency,
    projector: o.projector,
    httpBatch: o.httpBatch,
    concurrency: o.concurrency,
    groupCommit: o.groupCommit === 'on',
    w2Changes: o.w2Changes,
    phaseSeconds: o.phaseSeconds,
    q1Rate: o.q1Rate,
    q1Seconds: o.q1Seconds,
    q1Signing: o.q1Signing,
    f1Samples: o.f1Samples,
    limitSeconds: o.limitSeconds,
    fsyncSeconds: o.fsyncSeconds,
    server: o.server,
    profileDir: o.profileDir ?? null,
    postgresUrl: o.postgresUrl,
  });
  const files = writeReport(report, o.out);
  for (const t of report.targets) console.log(`${t.met === null ? '  -  ' : t.met ? ' met ' : 'MISSED'} ${t.rule}: ${t.margin}`);
  console.log(`report: ${files.json}\n        ${files.markdown}`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
