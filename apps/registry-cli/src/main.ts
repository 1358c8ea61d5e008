import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { dipSignCommand } from '@app/dip-auth';
import { writeTrafficFile } from '@app/dip-wire';
import { DayStartService, loadServiceConfiguration, ukSettlementDayOf } from '@app/registration-app';
import { addDays, LocalDate, parseLocalDate } from '@app/registration-domain';
import { withRegistry } from './cli-context';
import { printHistoryReplay, registerAuditCommands } from './commands/audit.commands';
import { registerCopyStoreCommand } from './commands/copy-store.command';
import { failOnUnreadableLines, loadTrafficFile, printSummary } from './commands/load.command';
import { rebuildCommand } from './commands/rebuild.command';
import { demoOverHttp, demoServeHint } from './commands/demo-http';
import { sendCommand } from './commands/send.command';
import { printHistory, printState } from './commands/read.commands';
import { printStateAt, registerTemporalCommands } from './commands/temporal.commands';
import { debugRequested, reportFailure, usageExitCode } from './cli-errors';
import { addHelpExamples } from './cli-help';
import { CliUsageError, withShortUsageErrors } from './usage-errors';

/** 820 days before today (UK): generated traffic spans about 27 months, so it ends before today. */
function defaultStartDate(): string {
  return addDays(ukSettlementDayOf(new Date().toISOString()), -820);
}

/** Option parser of a settlement date: a calendar-valid `YYYY-MM-DD` (commander names the option when it is not). */
function calendarDate(raw: string): LocalDate {
  const date = parseLocalDate(raw);
  if (date === null) throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return date;
}

function positiveInt(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function rate(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`expected a number from 0 to 1, got ${JSON.stringify(raw)}`);
  return n;
}

const program = new Command()
  .name('registry')
  .description('MHHS Registration Service: serve, generate and load DIP traffic, read MPANs')
  .option('--debug', 'on a failure, print the stack trace after the one-line reason (also with REGISTRY_LOG_LEVEL=debug)');
// Before any subcommand is added: they inherit it. A usage error exits 2 (docs/cli.md "Exit codes").
const exitOnUsageError = (error: CommanderError): never => process.exit(usageExitCode(error));
withShortUsageErrors(program).exitOverride(exitOnUsageError);

program
  .command('serve')
  .description('start the HTTP API on the configured store (PORT, REGISTRY_STORE, REGISTRY_SQLITE_PATH or REGISTRY_POSTGRES_URL)')
  .action(async () => {
    // Loaded lazily so that the other commands do not pay for the HTTP stack. As `npm start`:
    // configuration checked, JSON logs, clean shutdown on SIGTERM/SIGINT.
    const { serveApi } = await import('../../registration-api/src/serve');
    await serveApi();
  });

program
  .command('generate')
  .description('write realistic DIP traffic for N MPANs as JSON lines (≈5% realistic mistakes)')
  .requiredOption('-o, --out <file>', 'output file (JSON lines)')
  .option('-n, --mpans <n>', 'number of MPANs', positiveInt, 100)
  .option('-s, --seed <n>', 'random seed (same seed, same file)', positiveInt, 1)
  .addOption(
    new Option('--start-date <date>', 'first creation date, YYYY-MM-DD (the ~27 months of traffic then end before today)')
      .argParser(calendarDate)
      .default(defaultStartDate(), '820 days ago'),
  )
  .option('--mistake-rate <r>', 'share of MPANs with one mistake', rate, 0.05)
  .action(async (opts: { out: string; mpans: number; seed: number; startDate: string; mistakeRate: number }) => {
    mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    const result = await writeTrafficFile(opts.out, {
      mpans: opts.mpans, seed: opts.seed, startDate: opts.startDate, mistakeRate: opts.mistakeRate,
    });
    console.log(`wrote ${result.lines} messages for ${opts.mpans} MPANs to ${opts.out}`);
    console.log(`mistakes: ${JSON.stringify(Object.fromEntries(Object.entries(result.mistakes).filter(([, n]) => n > 0)))}`);
  });

program
  .command('load <file>')
  .description('load a JSON-lines traffic file through the command handlers, with a progress bar and a summary')
  .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
  .option('--no-progress', 'no progress bar')
  .option('--no-replay-clock', "judge every message at the machine's time instead of its senderTimestamp (no day-start as time passes)")
  .action(async (file: string, opts: { db?: string; progress: boolean; replayClock: boolean }) => {
    const summary = await loadTrafficFile(file, { sqlitePath: opts.db && path.resolve(opts.db), progress: opts.progress, replayClock: opts.replayClock });
    printSummary(summary);
    failOnUnreadableLines(summary, file);
  });

program
  .command('state <mpanCore>')
  .description('print the current state of an MPAN; with --effective-at / --known-at, its snapshot on a date as known at an instant (from the log)')
  .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
  .option('--table', 'a table of the items effective today instead of JSON')
  .option('--effective-at <date>', 'settlement day YYYY-MM-DD (default today, UK): answers as GET /mpans/{core}/state')
  .option('--known-at <instant>', 'UTC instant with an offset or Z (default now): answers as GET /mpans/{core}/state')
  .action((core: string, opts: { db?: string; table?: boolean; effectiveAt?: string; knownAt?: string }) =>
    opts.effectiveAt !== undefined || opts.knownAt !== undefined
      ? printStateAt(core, opts)
      : printState(core, opts.db && path.resolve(opts.db), opts.table ? 'table' : 'json'),
  );

program
  .command('history <mpanCore>')
  .description("print an MPAN's event history (with --participant: only what that participant may replay)")
  .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
  .option('--json', 'one JSON object per line')
  .option('--participant <dipId>', 'replay as this participant: its entitled events only (docs/audit.md)')
  .option('--from-revision <n>', 'with --participant: start at this stream revision')
  .option('--from-position <p>', 'with --participant: start at the first event at or after this log position')
  .action(async (core: string, opts: { db?: string; json?: boolean; participant?: string; fromRevision?: string; fromPosition?: string }) => {
    const sqlitePath = opts.db && path.resolve(opts.db);
    if (opts.participant === undefined) {
      if (opts.fromRevision !== undefined || opts.fromPosition !== undefined) throw new CliUsageError('--from-revision and --from-position need --participant');
      return printHistory(core, sqlitePath, opts.json);
    }
    await printHistoryReplay(core, { ...opts, participant: opts.participant, sqlitePath });
  });

program
  .command('day-start')
  .description('run the day-start process (activations, de-appointments, lapses) for every day not yet run, up to --date')
  .option('--date <date>', 'last settlement day to run, YYYY-MM-DD (default: today, UK)', calendarDate)
  .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
  .action(async (opts: { date?: LocalDate; db?: string }) => {
    const through = opts.date;
    await withRegistry(opts.db ? { sqlitePath: path.resolve(opts.db) } : {}, async (app) => {
      const r = await app.get(DayStartService).runThrough(through);
      if (r.alreadyRunThrough !== undefined) {
        console.log(`day-start ${r.through}: nothing done — the days through ${r.alreadyRunThrough} were run already (give a later --date to run more)`);
        return;
      }
      console.log(`day-start ${r.fromDate ?? "each MPAN's first due day"} → ${r.through}: ${r.mpansExamined} MPANs examined, ${r.mpansChanged} changed, ${r.eventsAppended} events appended`);
    }, { mustExist: true });
  });

program
  .command('rebuild')
  .description('rebuild the projections (MPAN query view, notification feed) from the log into a new file and compare digests with the live views')
  .requiredOption('--out <path>', 'the new view database file (must not exist)')
  .option('--db <path>', 'SQLite event store file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
  .option('--views <path>', 'live view database to compare with (default REGISTRY_VIEWS_SQLITE_PATH or <db>-views.sqlite)')
  .option('--no-compare', 'do not compare with the live views (rebuild up to the head of the log)')
  .option('--known-at <instant>', 'rebuild the views as known at this UTC instant (events recorded at or before it; no comparison)')
  .option('--no-progress', 'no progress bar')
  .action(async (opts: { out: string; db?: string; views?: string; compare: boolean; progress: boolean; knownAt?: string }) => {
    await rebuildCommand({
      out: path.resolve(opts.out),
      sqlitePath: opts.db && path.resolve(opts.db),
      viewsPath: opts.views && path.resolve(opts.views),
      compare: opts.compare,
      progress: opts.progress,
      knownAt: opts.knownAt,
    });
  });

registerAuditCommands(program);
registerTemporalCommands(program);
registerCopyStoreCommand(program);
// Signing (issue #8; docs/security.md): print the DIP signature headers of a request, or sign and send messages.
// Added commands do not inherit the program's settings: each gets the short usage errors and exit code 2 itself.
program.addCommand(withShortUsageErrors(dipSignCommand()).exitOverride(exitOnUsageError));
program.addCommand(withShortUsageErrors(sendCommand()).exitOverride(exitOnUsageError));

program
  .command('demo')
  .description('generate a small traffic file, load it into ./data/demo.sqlite, show a few MPANs, then serve it and send the last messages over signed HTTP')
  .option('-n, --mpans <n>', 'number of MPANs', positiveInt, 40)
  .action(async (opts: { mpans: number }) => {
    const dir = path.resolve('data');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'demo-traffic.jsonl');
    const db = path.join(dir, 'demo.sqlite');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const written = await writeTrafficFile(file, { mpans: opts.mpans, seed: 7, startDate: defaultStartDate(), mistakeRate: 0.1 });
    console.log(`1. generated ${written.lines} messages for ${opts.mpans} MPANs → ${file}`);
    console.log(`   mistakes planted: ${JSON.stringify(Object.fromEntries(Object.entries(written.mistakes).filter(([, n]) => n > 0)))}`);
    console.log(`2. loading into ${db}`);
    printSummary(await loadTrafficFile(file, { sqlitePath: db, progress: false }));
    // The last messages, sent again over signed HTTP in step 4.
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const httpFile = path.join(dir, 'demo-traffic-http.jsonl');
    writeFileSync(httpFile, `${lines.slice(-DEMO_HTTP_MESSAGES).join('\n')}\n`);
    const cores = await firstCores(file, 2);
    for (const core of cores) {
      console.log(`\n3. state of MPAN ${core}`);
      await printState(core, db, 'table');
      console.log(`\n   history of MPAN ${core}`);
      await printHistory(core, db);
    }
    console.log(
      `\n4. serving ${db} over HTTP; resending the last ${Math.min(DEMO_HTTP_MESSAGES, lines.length)} messages, each signed by its sender's sample key` +
        ' (a resend is safe: the registry answers with the outcome it recorded)',
    );
    await demoOverHttp(db, httpFile, cores[0]);
    // The port `serve` will listen on: PORT (or REGISTRY_CONFIG_FILE's), as the service reads it.
    console.log(`\n${demoServeHint(db, loadServiceConfiguration().registry.port, cores[0])}`);
  });

/** Messages of the demo traffic resent over signed HTTP (step 4). */
const DEMO_HTTP_MESSAGES = 6;

/**
 * MPANs worth showing: the first with a change of supplier and the first with a change of
 * provider (CSP), falling back to the first created; none with a planted mistake.
 */
async function firstCores(file: string, count: number): Promise<string[]> {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  type Line = { message: { payload: { CommonBlock: { S0: { eventCode: string }; M0: { MPANCore: string } }; CustomBlock: Record<string, { appointmentScenario?: string }> } }; mistake?: string };
  const spoilt = new Set<string>();
  const picks: Record<'cos' | 'csp' | 'any', string | undefined> = { cos: undefined, csp: undefined, any: undefined };
  for await (const text of createInterface({ input: createReadStream(file) })) {
    const line = JSON.parse(text) as Line;
    const { S0, M0 } = line.message.payload.CommonBlock;
    if (line.mistake) spoilt.add(M0.MPANCore);
    if (S0.eventCode === '[MPANCreation]') picks.any ??= M0.MPANCore;
    if (S0.eventCode === '[ChangeOfSupplier]') picks.cos ??= M0.MPANCore;
    if (line.message.payload.CustomBlock.B070?.appointmentScenario === 'CSP') picks.csp ??= M0.MPANCore;
  }
  return [...new Set([picks.cos, picks.csp, picks.any].filter((c): c is string => c !== undefined && !spoilt.has(c)))].slice(0, count);
}

addHelpExamples(program);

// Every failure is one line on stderr (user-facing errors and unexpected ones alike), exit code 1;
// the stack trace only with --debug or REGISTRY_LOG_LEVEL=debug.
program.parseAsync(process.argv).catch((error: unknown) => {
  const report = reportFailure(error, debugRequested());
  console.error(report.line);
  if (report.hint !== null) console.error(report.hint);
  if (report.details !== null) console.error(report.details);
  process.exit(report.exitCode);
});
