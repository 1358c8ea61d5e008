import { existsSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { rebuildViews, RebuildReport, registryProjections, ViewDatabase } from '@app/projections';
import { REFERENCE_DATA } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';
import { CliError, withRegistry } from '../cli-context';

/**
 * `registry rebuild`: rebuilds the projections (MPAN query view, notification feed) from the log
 * into a new view database file with a progress bar, and compares its digest with the live views
 * at the same position (issue #5). Prints a summary; a difference is an error (exit code 1) naming
 * the tables that differ.
 * @throws CliError when the registry does not exist, the output file exists, or the digests differ.
 */
export async function rebuildCommand(options: { sqlitePath?: string; viewsPath?: string; out: string; compare: boolean; progress: boolean }): Promise<RebuildReport> {
  if (existsSync(options.out)) throw new CliError(`${options.out} already exists; the rebuild writes a new file (remove it or choose another --out)`);
  return withRegistry(
    { ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}), ...(options.viewsPath ? { viewsSqlitePath: options.viewsPath } : {}) },
    async (app, config) => {
      const store = app.get<EventStore>(EVENT_STORE);
      const referenceData = app.get<ReferenceData>(REFERENCE_DATA);
      if (options.viewsPath && !existsSync(options.viewsPath)) {
        throw new CliError(`no live views at ${options.viewsPath} (--views): check the path, or rebuild with --no-compare`);
      }
      const compare = options.compare && existsSync(config.viewsSqlitePath);
      if (options.compare && !compare) console.log(`no live views at ${config.viewsSqlitePath}: rebuilding without comparison`);
      const live = compare ? await ViewDatabase.openSqlite({ path: config.viewsSqlitePath }) : undefined;
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
  console.log(`rebuilt:  ${r.events} events up to position ${r.position} in ${r.seconds.toFixed(1)} s (${rate} events/s) → ${out}`);
  for (const t of r.rebuilt.tables) console.log(`  ${t.table.padEnd(36)} ${String(t.rows).padStart(9)} rows  ${t.sha256.slice(0, 16)}`);
  console.log(`digest:   ${r.rebuilt.sha256}`);
  if (r.live) console.log(`live:     ${r.live.sha256} at position ${r.live.position} — ${r.matches ? 'MATCH' : 'DIFFERENT'}`);
}
