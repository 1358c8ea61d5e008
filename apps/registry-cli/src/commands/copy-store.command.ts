import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import {
  compareLogs,
  DEFAULT_LOG_PAGE_SIZE,
  LogDigest,
  PostgresEventStore,
  readLogPages,
  SqliteEventStore,
} from '@app/event-store';
import { rebuildViews, RebuildReport, registryProjections } from '@app/projections';
import { environmentWithConfigFile, loadReferenceDataFile, loadRegistryConfig, redactUrlPassword, RegistryConfig } from '@app/registration-app';
import { CliError } from '../cli-context';
import { CliUsageError } from '../usage-errors';

/** Options of {@link copyStoreCommand} (the command line's, resolved). */
export interface CopyStoreOptions {
  /** The source SQLite event store file; default `REGISTRY_SQLITE_PATH` (or `./data/registry.sqlite`). */
  from?: string;
  /** The target PostgreSQL URL; default `REGISTRY_POSTGRES_URL`. Shown only without its password. */
  to?: string;
  /** The new SQLite file for the target's views (until the views move to PostgreSQL); required with `rebuild`. */
  views?: string;
  /** Rebuild the projections from the copied log (default `true`). */
  rebuild: boolean;
  /** Continue an interrupted copy: the target's log must be a prefix of the source's. */
  resume: boolean;
  /** No progress bars (they are off anyway when stdout is not a terminal). */
  quiet: boolean;
  /** Events per page read and per import transaction; default {@link DEFAULT_LOG_PAGE_SIZE}. */
  pageSize?: number;
  /** Where the report lines go (default `console.log`). */
  print?: (line: string) => void;
  /** Called after each page committed on the target (tests use it to interrupt a copy). */
  onPageCopied?: (progress: { position: bigint; events: number }) => void;
  /** Environment for the defaults (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** What a copy did. Positions are bigint; digests SHA-256 hex. */
export interface CopyStoreReport {
  /** Position the copy continued after (`0n` for a fresh copy, the target's head with `--resume`). */
  resumedAfter: bigint;
  /** Events written by this run. */
  copied: number;
  /** Digests of the source (through its head at the start) and of the target after the copy: equal. */
  source: LogDigest;
  target: LogDigest;
  /** The view rebuild on the target, or `null` with `rebuild: false`. */
  views: RebuildReport | null;
  seconds: number;
}

/** Connect timeout for the target, ms: an unreachable host fails in seconds, not after the system's TCP timeout. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Adds `registry copy-store` ("moving up", docs/scaling.md): copies a registry's event log from the
 * embedded SQLite store into an empty PostgreSQL database, event for event, then rebuilds the views
 * from the copy and checks that both logs have the same digest.
 */
export function registerCopyStoreCommand(program: Command): void {
  program
    .command('copy-store')
    .description('copy the event log from the embedded SQLite store into an empty PostgreSQL database, rebuild the views from it and compare log digests')
    .option('--from <file>', 'the SQLite event store file to copy (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
    .option('--to <url>', 'the PostgreSQL database to copy into, postgres://user:password@host:5432/database (default REGISTRY_POSTGRES_URL); its log must be empty')
    .option('--views <file>', 'the new SQLite file for the copied registry\'s views (must not exist); serve it with REGISTRY_VIEWS_STORE=sqlite REGISTRY_VIEWS_SQLITE_PATH=<file>')
    .option('--no-rebuild', 'copy and verify the log only; no views')
    .option('--resume', "continue an interrupted copy: the target's log must match the source's up to the target's head")
    .option('--batch-size <n>', `events per page and per import transaction (1–100000, default ${DEFAULT_LOG_PAGE_SIZE})`, batchSize)
    .option('--quiet', 'no progress bars (also off when stdout is not a terminal)')
    .addHelpText(
      'after',
      [
        '',
        'The source is read in position order, one page at a time; each page is written in one transaction',
        'with its own positions, revisions and recordedAt instants. Stop the service first: events',
        'appended to the source after the copy starts are not copied (run again with --resume to copy them).',
        'The target database must exist; its schema is created. Exit code 1 when anything is refused or',
        'when the log digests differ (naming the first differing position). Passwords are never printed.',
        '',
        'Example:',
        '  registry copy-store --from data/registry.sqlite --to postgres://registry@db:5432/registry \\',
        '    --views data/registry-views-pg.sqlite',
      ].join('\n'),
    )
    .action(async (opts: { from?: string; to?: string; views?: string; rebuild: boolean; resume?: boolean; batchSize?: number; quiet?: boolean }) => {
      await copyStoreCommand({
        from: opts.from && path.resolve(opts.from),
        to: opts.to,
        views: opts.views && path.resolve(opts.views),
        rebuild: opts.rebuild,
        resume: opts.resume === true,
        quiet: opts.quiet === true,
        pageSize: opts.batchSize,
      });
    });
}

function batchSize(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100_000) throw new InvalidArgumentError(`expected a whole number from 1 to 100000, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * `registry copy-store`: copies the log of the SQLite store `from` into the PostgreSQL database `to`
 * page by page (`PostgresEventStore.importRecorded`: every event keeps its stream, revision,
 * position, type, data, metadata and recordedAt), up to the source's head when the copy starts;
 * then compares the two logs' digests ({@link compareLogs}) and rebuilds the projections from the
 * target's log into `views`. Prints what it did; never prints a password.
 * @throws CliError (exit code 1, one line) for a missing source file or target URL, a target that
 *   cannot be reached, a target log that is not empty (without `resume`) or not a prefix of the
 *   source's (with `resume`), an existing `views` file, a page the target refuses (what was
 *   committed before stays: run again with `resume`), or logs whose digests differ.
 */
export async function copyStoreCommand(options: CopyStoreOptions): Promise<CopyStoreReport> {
  const print = options.print ?? ((line: string) => console.log(line));
  // The environment with REGISTRY_CONFIG_FILE's settings under it, as the service reads it.
  const env = environmentWithConfigFile(options.env ?? process.env).env;
  const config = readConfig(env);
  const from = options.from ?? config.sqlitePath;
  const to = options.to ?? env.REGISTRY_POSTGRES_URL;
  if (to === undefined || to.trim() === '') throw new CliError('no target database: give --to <postgres URL> or set REGISTRY_POSTGRES_URL');
  const shown = redactUrlPassword(to);
  if (!isPostgresUrl(to)) {
    // A bad --to is a wrong command line (exit code 2); a bad REGISTRY_POSTGRES_URL is a bad configuration (1).
    const problem = `must be a postgres:// or postgresql:// URL naming a host and a database, got ${JSON.stringify(shown)}`;
    throw options.to !== undefined ? new CliUsageError(`--to ${problem}`) : new CliError(`REGISTRY_POSTGRES_URL ${problem}`);
  }
  if (!existsSync(from) || !statSync(from).isFile()) throw new CliError(`no registry at ${from} (check --from or REGISTRY_SQLITE_PATH)`);
  if (options.rebuild && options.views === undefined) {
    throw new CliError('--views <file> is needed: the new SQLite file for the copied registry\'s views (or --no-rebuild)');
  }
  if (options.rebuild && options.views !== undefined && existsSync(options.views)) {
    throw new CliError(`${options.views} already exists; the views are rebuilt into a new file (remove it or choose another --views)`);
  }
  const pageSize = options.pageSize ?? DEFAULT_LOG_PAGE_SIZE;
  const bars = !options.quiet && process.stdout.isTTY === true;
  const started = process.hrtime.bigint();

  const source = await SqliteEventStore.open({ path: from }).catch((error: Error) => {
    throw new CliError(`cannot open the source ${from}: ${error.message}`);
  });
  try {
    const target = await PostgresEventStore.open({ connectionString: to, connectTimeoutMs: CONNECT_TIMEOUT_MS }).catch((error: Error) => {
      throw new CliError(`cannot open the target ${shown}: ${redactIn(error.message, to)}`);
    });
    try {
      const through = await source.headPosition();
      if (through === 0n) throw new CliError(`the source ${from} holds no events: nothing to copy`);
      const resumedAfter = await startingPoint({ source, target, through, resume: options.resume, shown, pageSize, print });

      const copied = await copyPages({ source, target, after: resumedAfter, through, pageSize, bars, onPageCopied: options.onPageCopied, url: to });
      print(`copied:   ${copied} events after position ${resumedAfter} through ${through} → ${shown}`);

      const { source: sourceDigest, target: targetDigest } = await verifyCopy({ source, target, through, pageSize, bars, print });
      const later = await source.headPosition();
      if (later > through) print(`note:     the source has events after position ${through}, appended during the copy: run again with --resume to copy them`);

      const views = options.rebuild ? await rebuildTargetViews({ target, config, views: options.views!, through, bars, print }) : null;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      print(`done in ${seconds.toFixed(1)} s. Serve the copy with REGISTRY_STORE=postgres REGISTRY_POSTGRES_URL=${shown}${views ? ` REGISTRY_VIEWS_STORE=sqlite REGISTRY_VIEWS_SQLITE_PATH=${options.views}` : ''}`);
      return { resumedAfter, copied, source: sourceDigest, target: targetDigest, views, seconds };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/**
 * Where the copy starts: after position 0 into an empty target; with `resume`, after the target's
 * head once its log is checked to be the source's up to there.
 * @throws CliError for a non-empty target without `resume`, or a target that is not a prefix of the source.
 */
async function startingPoint(o: {
  source: SqliteEventStore;
  target: PostgresEventStore;
  through: bigint;
  resume: boolean;
  shown: string;
  pageSize: number;
  print: (line: string) => void;
}): Promise<bigint> {
  const head = await o.target.headPosition();
  if (head === 0n) return 0n;
  if (!o.resume) {
    throw new CliError(
      `the target ${o.shown} already holds events (head position ${head}); nothing written. Copy into an empty database, or add --resume to continue an interrupted copy`,
    );
  }
  if (head > o.through) {
    throw new CliError(`--resume: the target's head position ${head} is beyond the source's (${o.through}): it is not a copy of this source; nothing written`);
  }
  const prefix = await compareLogs(o.source, o.target, { through: head, pageSize: o.pageSize });
  if (prefix.firstDifference !== null) {
    throw new CliError(
      `--resume: the target's log differs from the source's at position ${prefix.firstDifference} (target head ${head}): it is not an interrupted copy of this source; nothing written`,
    );
  }
  o.print(`resuming: the target holds the source's first ${prefix.right.events} events (through position ${head}, sha256 ${prefix.right.sha256}); copying the rest`);
  return head;
}

/** Copies the source's pages after `after` through `through` into the target; returns the number of events written. */
async function copyPages(o: {
  source: SqliteEventStore;
  target: PostgresEventStore;
  after: bigint;
  through: bigint;
  pageSize: number;
  bars: boolean;
  /** The target URL, whose password is kept out of messages. */
  url: string;
  onPageCopied?: (progress: { position: bigint; events: number }) => void;
}): Promise<number> {
  const bar = o.bars ? progressBar('copying  ', 'events') : null;
  bar?.start(Number(o.through), Number(o.after), { events: 0 });
  let copied = 0;
  let position = o.after;
  try {
    for await (const page of readLogPages(o.source, { after: o.after, through: o.through, pageSize: o.pageSize })) {
      const result = await o.target.importRecorded(page);
      copied += result.events;
      position = result.lastPosition;
      bar?.update(Number(position), { events: copied });
      o.onPageCopied?.({ position, events: copied });
    }
  } catch (error) {
    throw new CliError(
      `the copy stopped after position ${position} (${copied} events written by this run, all committed): ${redactIn((error as Error).message, o.url)}; run again with --resume to continue`,
    );
  } finally {
    bar?.stop();
  }
  return copied;
}

/**
 * Compares the two logs through `through` and checks that the target holds nothing more; prints both digests.
 * @throws CliError naming the first differing position.
 */
async function verifyCopy(o: {
  source: SqliteEventStore;
  target: PostgresEventStore;
  through: bigint;
  pageSize: number;
  bars: boolean;
  print: (line: string) => void;
}): Promise<{ source: LogDigest; target: LogDigest }> {
  const bar = o.bars ? progressBar('verifying', 'events') : null;
  bar?.start(Number(o.through), 0, { events: 0 });
  let comparison;
  try {
    comparison = await compareLogs(o.source, o.target, {
      through: o.through,
      pageSize: o.pageSize,
      onProgress: ({ position, events }) => bar?.update(Number(position), { events }),
    });
  } finally {
    bar?.stop();
  }
  const { left, right } = comparison;
  const line = (d: LogDigest) => `${d.events} events, head ${d.head}, sha256 ${d.sha256}`;
  o.print(`source:   ${line(left)}`);
  o.print(`target:   ${line(right)} — ${comparison.firstDifference === null ? 'MATCH' : 'DIFFERENT'}`);
  if (comparison.firstDifference !== null) {
    throw new CliError(`the target's log differs from the source's: first difference at position ${comparison.firstDifference}`);
  }
  const targetHead = await o.target.headPosition();
  if (targetHead !== o.through) {
    throw new CliError(`the target's log goes on after position ${o.through} (head ${targetHead}): something else wrote to it during the copy`);
  }
  return { source: left, target: right };
}

/**
 * Rebuilds the projections from the target's log, up to the copied head, and prints the digest.
 * @throws Error when the rebuild fails (the partial views file is left for inspection).
 */
async function rebuildTargetViews(o: {
  target: PostgresEventStore;
  config: RegistryConfig;
  views: string;
  through: bigint;
  bars: boolean;
  print: (line: string) => void;
}): Promise<RebuildReport> {
  const bar = o.bars ? progressBar('rebuilding views', 'events') : null;
  let started = false;
  try {
    // TODO(views on PostgreSQL, issue #7): the ONE call site to change when libs/projections has
    // ViewDatabase.openPostgres / openViewDatabase(config): rebuild into the target database's
    // views instead of the SQLite file `--views`.
    const report = await rebuildViews({
      store: o.target,
      referenceData: loadReferenceDataFile(o.config.referenceDataPath),
      registryDipId: o.config.registryDipId,
      environmentTag: o.config.environmentTag,
      projections: registryProjections(),
      outPath: o.views,
      to: o.through,
      onProgress: ({ position, target, applied }) => {
        if (!bar) return;
        if (!started) {
          bar.start(Number(target), 0, { events: 0 });
          started = true;
        }
        bar.update(Number(position), { events: applied });
      },
    });
    bar?.stop();
    o.print(`views:    rebuilt from the target's log, ${report.events} events through position ${report.position} in ${report.seconds.toFixed(1)} s → ${o.views}`);
    o.print(`          digest ${report.rebuilt.sha256} (${report.rebuilt.tables.map((t) => `${t.table} ${t.rows}`).join(', ')})`);
    return report;
  } finally {
    bar?.stop();
  }
}

function progressBar(label: string, unit: string): SingleBar {
  return new SingleBar({ format: `${label} [{bar}] {percentage}% | position {value}/{total} | ETA {eta_formatted} | {events} ${unit}` }, Presets.shades_classic);
}

/** The registry configuration for the defaults and the rebuild (reference data, DIP id, environment tag). */
function readConfig(env: NodeJS.ProcessEnv): RegistryConfig {
  try {
    // The store settings do not matter here (--from and --to name both stores): read them as sqlite
    // so that REGISTRY_STORE=postgres without a URL is not an error.
    return loadRegistryConfig({ ...env, REGISTRY_STORE: 'sqlite' });
  } catch (error) {
    throw new CliError(redactIn((error as Error).message, env.REGISTRY_POSTGRES_URL ?? ''));
  }
}

/** Whether `url` is a `postgres://` or `postgresql://` URL with a host and a database. */
function isPostgresUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') && parsed.hostname !== '' && parsed.pathname.length > 1;
  } catch {
    return false;
  }
}

/** `message` with the password of `url` (if any) replaced by `***` wherever it appears. */
function redactIn(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not a URL: nothing to hide
  }
  return password === '' ? message : message.split(password).join('***');
}
