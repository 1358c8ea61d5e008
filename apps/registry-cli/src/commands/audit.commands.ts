import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  openViewDatabase,
  PortfolioExtractReport,
  registryProjections,
  verifyViews,
  VerifyReport,
  ViewDatabase,
  writePortfolioExtract,
} from '@app/projections';
import { REFERENCE_DATA, RegistryConfig } from '@app/registration-app';
import {
  HistoryAccessDeniedError,
  HistoryReplayFrom,
  HistoryReplayService,
  UnknownParticipantError,
} from '@app/registration-app/history-replay';
import { parseLocalDate, ReferenceData } from '@app/registration-domain';
import { CliError, withRegistry } from '../cli-context';
import { formatHistoryEvent } from './read.commands';
import { CliUsageError } from '../usage-errors';

/** Extracts of at least this many rows show a progress bar (on stderr). */
const EXTRACT_PROGRESS_FROM_ROWS = 10_000;

/**
 * Adds the auditors' commands (issue #6; docs/audit.md) to the `registry` program:
 * `registry extract` (a participant's portfolio on a date as CSV, stamped with its log position)
 * and `registry verify` (the views against a rebuild from the log, MPAN by MPAN).
 */
export function registerAuditCommands(program: Command): void {
  program
    .command('extract')
    .description("write a participant's portfolio effective on a date as CSV, stamped with the log position it reflects")
    .requiredOption('--participant <dipId>', 'DIP id of the supplier, metering service or data service (10 digits)')
    .requiredOption('--date <date>', 'settlement day the portfolio is effective on, YYYY-MM-DD')
    .requiredOption('--out <file>', 'the CSV file to write (replaced if it exists)')
    .option('--db <path>', 'SQLite event store file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
    .option('--views <path>', 'live view database (default REGISTRY_VIEWS_SQLITE_PATH or <db>-views.sqlite)')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: { participant: string; date: string; out: string; db?: string; views?: string; progress: boolean }) => {
      const report = await extractCommand({
        participant: opts.participant,
        date: opts.date,
        out: path.resolve(opts.out),
        sqlitePath: opts.db && path.resolve(opts.db),
        viewsPath: opts.views && path.resolve(opts.views),
        progress: opts.progress,
      });
      console.log(
        `extract: ${report.rows} rows (${report.mpans} MPANs) of participant ${report.participant} effective ${report.date}, at log position ${report.position} → ${path.resolve(opts.out)}`,
      );
      console.log(`reconcile: apply this participant's feed items with sourcePosition > ${report.position}`);
    });

  program
    .command('verify')
    .description('rebuild the projections from the log into a temporary file and compare them with the live views, MPAN by MPAN')
    .option('--db <path>', 'SQLite event store file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
    .option('--views <path>', 'live view database (default REGISTRY_VIEWS_SQLITE_PATH or <db>-views.sqlite)')
    .option('--keep <file>', 'keep the rebuilt view database at this path instead of a temporary file (must not exist)')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: { db?: string; views?: string; keep?: string; progress: boolean }) => {
      const report = await verifyCommand({
        sqlitePath: opts.db && path.resolve(opts.db),
        viewsPath: opts.views && path.resolve(opts.views),
        keepAt: opts.keep && path.resolve(opts.keep),
        progress: opts.progress,
        print: (line) => console.log(line),
      });
      console.log(verifySummary(report));
    });
}

/**
 * `registry extract`: writes participant `participant`'s portfolio effective on `date` to `out` as
 * CSV (`writePortfolioExtract`: one read transaction on the live views, rows streamed), through a
 * temporary file renamed into place, so `out` is never half-written.
 * @throws CliError for a malformed DIP id or date, a participant the reference data does not know,
 *   a missing registry or view database.
 */
export async function extractCommand(options: {
  participant: string;
  date: string;
  out: string;
  sqlitePath?: string;
  viewsPath?: string;
  progress: boolean;
  /** UTC instant for `generated=` (default: now). */
  generatedAt?: string;
}): Promise<PortfolioExtractReport> {
  if (!/^\d{10}$/.test(options.participant)) throw new CliUsageError(`--participant must be a DIP id of 10 digits, got ${JSON.stringify(options.participant)}`);
  if (parseLocalDate(options.date) === null) throw new CliUsageError(`--date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(options.date)}`);
  return withRegistry(
    configOverrides(options),
    async (app, config) => {
      const referenceData = app.get<ReferenceData>(REFERENCE_DATA);
      if (referenceData.participant(options.participant) === undefined) {
        throw new CliError(`participant ${options.participant} is not known to this registry (reference data ${config.referenceDataPath})`);
      }
      const views = await openLiveViews(config);
      const partial = `${options.out}.partial`;
      const fd = openSync(partial, 'w');
      // A holder, not a `let`: the bar is created inside the progress callback.
      const progress: { bar: SingleBar | null } = { bar: null };
      try {
        const report = await writePortfolioExtract({
          views,
          referenceData,
          participant: options.participant,
          date: options.date,
          generatedAt: options.generatedAt ?? new Date().toISOString(),
          write: (chunk) => {
            writeSync(fd, chunk);
          },
          onProgress: (written, total) => {
            if (!options.progress || total < EXTRACT_PROGRESS_FROM_ROWS) return;
            if (progress.bar === null) {
              progress.bar = new SingleBar({ format: 'extracting [{bar}] {percentage}% | {value}/{total} rows | ETA {eta_formatted}' }, Presets.shades_classic);
              progress.bar.start(total, 0);
            }
            progress.bar.update(written);
          },
        });
        closeSync(fd);
        renameSync(partial, options.out);
        return report;
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      } finally {
        progress.bar?.stop();
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
        await views.close();
      }
    },
    { mustExist: true },
  );
}

/**
 * `registry verify`: rebuilds the projections from the log into a temporary file up to the live
 * checkpoint and compares them with the live views MPAN by MPAN (`verifyViews`), printing each
 * differing MPAN with its tables through `print` as it is found.
 * @throws CliError when the registry or the views are missing, or when anything differs (exit code 1).
 */
export async function verifyCommand(options: {
  sqlitePath?: string;
  viewsPath?: string;
  keepAt?: string;
  progress: boolean;
  print: (line: string) => void;
}): Promise<VerifyReport> {
  if (options.keepAt && existsSync(options.keepAt)) throw new CliError(`${options.keepAt} already exists; --keep writes a new file`);
  return withRegistry(
    configOverrides(options),
    async (app, config) => {
      const live = await openLiveViews(config);
      // One bar per phase (rebuild, compare), created inside the progress callback. The compare
      // phase counts MPANs: the live views' count is its total (for the ETA).
      const progress: { bar: SingleBar | null; phase: 'rebuild' | 'compare' | null } = { bar: null, phase: null };
      const liveMpans = options.progress
        ? await live.readSnapshot(async (reader) => Number((await reader.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM mpan_view'))?.n ?? 0))
        : 0;
      try {
        const report = await verifyViews({
          store: app.get<EventStore>(EVENT_STORE),
          referenceData: app.get<ReferenceData>(REFERENCE_DATA),
          registryDipId: config.registryDipId,
          environmentTag: config.environmentTag,
          projections: registryProjections(),
          live,
          keepAt: options.keepAt,
          onProgress: (p) => {
            if (!options.progress) return;
            if (p.phase !== progress.phase || progress.bar === null) {
              progress.bar?.stop();
              progress.phase = p.phase;
              progress.bar =
                p.phase === 'rebuild'
                  ? new SingleBar({ format: 'rebuilding [{bar}] {percentage}% | position {value}/{total} | ETA {eta_formatted}' }, Presets.shades_classic)
                  : new SingleBar({ format: 'comparing  [{bar}] {percentage}% | {value}/{total} MPANs | ETA {eta_formatted}' }, Presets.shades_classic);
              progress.bar.start(p.phase === 'rebuild' ? Number(p.target) : Math.max(liveMpans, 1), 0);
            }
            if (p.phase === 'rebuild') {
              progress.bar.setTotal(Number(p.target));
              progress.bar.update(Number(p.position));
            } else {
              if (p.mpans > progress.bar.getTotal()) progress.bar.setTotal(p.mpans);
              progress.bar.update(p.mpans);
            }
          },
          onDifference: (d) => {
            const tables = d.tables.map((t) => `${t.table} (live ${t.leftRows} rows, rebuilt ${t.rightRows})`).join(', ');
            options.print(`MPAN ${d.mpanCore} differs: ${tables}`);
          },
        });
        progress.bar?.stop();
        for (const t of report.wholeTables.filter((w) => !w.same)) {
          options.print(`table ${t.table} differs: live ${t.live.rows} rows ${t.live.sha256.slice(0, 16)}, rebuilt ${t.rebuilt.rows} rows ${t.rebuilt.sha256.slice(0, 16)}`);
        }
        if (!report.agree) {
          const tables = report.wholeTables.filter((w) => !w.same).length;
          throw new CliError(
            `the live views differ from a rebuild from the log at position ${report.position}: ${report.differingMpans} of ${report.mpans} MPANs` +
              (tables > 0 ? ` and ${tables} whole table(s)` : '') +
              ' (listed above)',
          );
        }
        return report;
      } finally {
        progress.bar?.stop();
        await live.close();
      }
    },
    { mustExist: true },
  );
}

/** The one-line summary of a verification where everything agrees. */
export function verifySummary(r: VerifyReport): string {
  return `verify: OK — ${r.mpans} MPANs (${r.mpanTables.length} tables) and ${r.wholeTables.length} whole table(s) agree with a rebuild of ${r.events} events at position ${r.position} (${r.seconds.toFixed(1)} s)`;
}

/**
 * `registry history <core> --participant <dipId>`: prints the part of the MPAN's history the
 * participant is entitled to (`HistoryReplayService`, the library behind
 * `GET /mpans/{core}/history`), one line per event, or one JSON object per line with `json`.
 * @throws CliError for a malformed core or DIP id, an unknown participant or MPAN, or a participant
 *   without an entitling role on the MPAN.
 */
export async function printHistoryReplay(
  mpanCore: string,
  options: { participant: string; sqlitePath?: string; json?: boolean; fromRevision?: string; fromPosition?: string },
): Promise<number> {
  if (!/^\d{10}$/.test(options.participant)) throw new CliUsageError(`--participant must be a DIP id of 10 digits, got ${JSON.stringify(options.participant)}`);
  const from = replayFrom(options.fromRevision, options.fromPosition);
  return withRegistry(
    options.sqlitePath ? { sqlitePath: options.sqlitePath } : {},
    async (app) => {
      const service = new HistoryReplayService(app.get<EventStore>(EVENT_STORE), app.get<ReferenceData>(REFERENCE_DATA));
      let replay;
      try {
        replay = await service.open(mpanCore, options.participant, from);
      } catch (error) {
        if (error instanceof UnknownParticipantError || error instanceof HistoryAccessDeniedError) throw new CliError(error.message);
        throw error;
      }
      const roles = replay.entitlement.roles.map((r) => `${r.role} from revision ${r.fromRevision}`).join(', ');
      if (!options.json) console.log(`history of MPAN ${replay.mpanCore} for ${options.participant} (${roles}), through revision ${replay.throughRevision}`);
      let lines = 0;
      for await (const line of replay.lines()) {
        console.log(options.json ? JSON.stringify(line) : formatHistoryEvent(line));
        lines += 1;
      }
      return lines;
    },
    { mustExist: true },
  );
}

/** The largest stream revision / log position (a signed 64-bit integer), as the API's `history-replay.controller.ts` checks. */
const MAX_INT64 = 9_223_372_036_854_775_807n;

function replayFrom(fromRevision: string | undefined, fromPosition: string | undefined): HistoryReplayFrom {
  if (fromRevision !== undefined && fromPosition !== undefined) throw new CliUsageError('give --from-revision or --from-position, not both');
  const whole = (name: string, raw: string) => {
    if (!/^\d{1,19}$/.test(raw) || BigInt(raw) > MAX_INT64) throw new CliUsageError(`${name} must be a whole number from 0 to ${MAX_INT64}, got ${JSON.stringify(raw)}`);
    return BigInt(raw);
  };
  if (fromRevision !== undefined) return { fromRevision: whole('--from-revision', fromRevision) };
  if (fromPosition !== undefined) return { fromPosition: whole('--from-position', fromPosition) };
  return {};
}

function configOverrides(options: { sqlitePath?: string; viewsPath?: string }): Partial<RegistryConfig> {
  return { ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}), ...(options.viewsPath ? { viewsSqlitePath: options.viewsPath } : {}) };
}

/**
 * The live view database named by the configuration (a SQLite file, or PostgreSQL with
 * `REGISTRY_VIEWS_STORE` / `REGISTRY_STORE=postgres`). A SQLite file must exist (opening a missing
 * one would create an empty database and report an empty registry).
 */
async function openLiveViews(config: RegistryConfig): Promise<ViewDatabase> {
  if (config.viewsStore === 'sqlite' && !existsSync(config.viewsSqlitePath)) {
    throw new CliError(
      `no view database at ${config.viewsSqlitePath} (check --views or REGISTRY_VIEWS_SQLITE_PATH): the live views are built by the service, not by \`registry load\` — ` +
        `run \`${config.store === 'sqlite' ? `REGISTRY_SQLITE_PATH=${config.sqlitePath} ` : ''}registry serve\` until GET /health/ready answers 200, stop it, then run this again`,
    );
  }
  return openViewDatabase(config);
}
