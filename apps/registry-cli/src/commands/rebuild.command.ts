import { existsSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { openViewDatabase, rebuildViews, RebuildReport, registryProjections } from '@app/projections';
import { REFERENCE_DATA } from '@app/registration-app';
import { parseKnownAt } from '@app/registration-app/history';
import { CliUsageError } from '../usage-errors';
import { ReferenceData } from '@app/registration-domain';
import { CliError, withRegistry } from '../cli-context';

/**
 * `registry rebuild`: rebuilds the projections (MPAN query view, notification feed) from the log
 * into a new view database file with a progress bar, and compares its digest with the live views
 * at the same position (issue #5). Prints a summary; a difference is an error (exit code 1) naming
 * the tables that differ. With `knownAt` (a UTC instant, issue #6) it rebuilds the views as known at
 * that instant — only the events recorded at or before it — up to the head of the log, without
 * comparison, and prints the position reached. `knownAt` is checked by the same parser, with the
 * same message, as the `--known-at` of state, timeline, diff and explain.
 * @throws CliError when the registry does not exist, the output file exists, `knownAt` is not an
 *   instant, or the digests differ.
 */
export async function rebuildCommand(options: {
  sqlitePath?: string;
  viewsPath?: string;
  out: string;
  compare: boolean;
  progress: boolean;
  knownAt?: string;
}): Promise<RebuildReport> {
  if (existsSync(options.out)) throw new CliError(`${options.out} already exists; the rebuild writes a new file (remove it or choose another --out)`);
  let knownAt: string | undefined;
  try {
    knownAt = options.knownAt === undefined ? undefined : parseKnownAt('--known-at', options.knownAt);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  return withRegistry(
    { ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}), ...(options.viewsPath ? { viewsSqlitePath: options.viewsPath } : {}) },
    async (app, config) => {
      const store = app.get<EventStore>(EVENT_STORE);
      const referenceData = app.get<ReferenceData>(REFERENCE_DATA);
      if (knownAt !== undefined && options.viewsPath) {
        throw new CliError('--known-at rebuilds the views as known at an instant and compares nothing: drop --views');
      }
      if (options.viewsPath && !existsSync(options.viewsPath)) {
        throw new CliError(`no live views at ${options.viewsPath} (--views): check the path, or rebuild with --no-compare`);
      }
      // Live views on PostgreSQL are always there to compare with (tables of the configured database).
      const compare = knownAt === undefined && options.compare && (config.viewsStore === 'postgres' || existsSync(config.viewsSqlitePath));
      if (knownAt === undefined && options.compare && !compare) console.log(`no live views at ${config.viewsSqlitePath}: rebuilding without comparison`);
      const live = compare ? await openViewDatabase(config) : undefined;
      const bar = options.progress
        ? new SingleBar({ format: 'rebuilding [{bar}] {percentage}% | position {value}/{total} | ETA {eta_formatted} | {events} events' }, Presets.shades_classic)
        : null;
      let started = false;
      try {
        const report = await rebuildViews({
          store,
          referenceData,
          registryDipId: config.registryDipId,
          environmentTag: config.environmentTag,
          projections: registryProjections(),
          outPath: options.out,
          live,
          knownAt,
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
        printRebuild(report, options.out);
        if (report.matches === false) {
          throw new CliError(`the rebuilt views differ from the live views at position ${report.position}: ${report.differingTables.join(', ')}`);
        }
        return report;
      } finally {
        bar?.stop();
        await live?.close();
      }
    },
    { mustExist: true },
  );
}

function printRebuild(r: RebuildReport, out: string): void {
  const rate = r.seconds > 0 ? Math.round(r.events / r.seconds) : r.events;
  if (r.knownAt !== null) {
    console.log(`as known at ${r.knownAt}: position ${r.position} reached (the last event recorded at or before it)`);
    const stepped = r.outOfClockOrder > 0 ? `, ${r.outOfClockOrder} of them before that position (the recording clock stepped back)` : '';
    console.log(`left out: ${r.leftOut} events (recorded after it, or after such an event of their own stream)${stepped}`);
  }
  console.log(`rebuilt:  ${r.events} events up to position ${r.position} in ${r.seconds.toFixed(1)} s (${rate} events/s) → ${out}`);
  // One column for every table name (the longest, mpan_view_domestic_premise_indicators, has 37 characters).
  const width = Math.max(0, ...r.rebuilt.tables.map((t) => t.table.length));
  for (const t of r.rebuilt.tables) console.log(`  ${t.table.padEnd(width)} ${String(t.rows).padStart(9)} rows  ${t.sha256.slice(0, 16)}`);
  console.log(`digest:   ${r.rebuilt.sha256}`);
  if (r.live) console.log(`live:     ${r.live.sha256} at position ${r.live.position} — ${r.matches ? 'MATCH' : 'DIFFERENT'}`);
}
