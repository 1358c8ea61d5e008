import { createReadStream, existsSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { assertUtf8File } from '../utf8-file';
import { SingleBar, Presets } from 'cli-progress';
import { FixedClock, loadServiceConfiguration, MessageResult, TrafficLoader } from '@app/registration-app';
import { CliError, withRegistry } from '../cli-context';

/** Counts of a load, by outcome; rejections also by REG/local code. */
export interface LoadSummary {
  messages: number;
  accepted: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
  duplicates: number;
  conflicts: number;
  schemaFailures: number;
  /** Messages the store failed on (resend them). */
  notProcessed: number;
  /** Lines that are not a traffic line (not JSON, or without `channel` and `message`): skipped. */
  badLines: number;
  /** The first of them: its line number in the file (1-based) and what is wrong with it; `null` when every line was read. */
  firstBadLine: { line: number; problem: string } | null;
  seconds: number;
  /** The SQLite store file this load created and removed again because nothing was loaded into it; else `null`. */
  removedEmptyStore?: string | null;
}

/** Adds one message result to a summary. */
export function countResult(summary: LoadSummary, result: MessageResult): void {
  summary.messages++;
  if (result.status === 'schema-failure') summary.schemaFailures++;
  else if (result.status === 'conflict') summary.conflicts++;
  else if (result.status === 'not-processed') summary.notProcessed++;
  else if (result.duplicate) summary.duplicates++;
  else if (result.outcome.responseCode === 'A') summary.accepted++;
  else {
    summary.rejected++;
    for (const code of new Set(result.outcome.reasons.map((r) => r.code))) {
      summary.rejectedByCode[code] = (summary.rejectedByCode[code] ?? 0) + 1;
    }
  }
}

/**
 * Loads a JSON-lines traffic file (`{ "channel": "REGS-LDSO", "message": { "payload": … } }` per
 * line, as written by `registry generate`) through the intake service — the same command handlers
 * as the HTTP API — with a progress bar, and returns the summary. By default the registry's clock
 * follows each message's senderTimestamp and day-start runs as time passes (TrafficLoader), so a
 * recorded history replays as it happened. A SQLite store file the load created and loaded no
 * message into is removed again (`removedEmptyStore`).
 * @throws CliError when the file cannot be read or is not well-formed UTF-8 (before any store is opened).
 */
export async function loadTrafficFile(
  file: string,
  options: { sqlitePath?: string; progress?: boolean; replayClock?: boolean },
): Promise<LoadSummary> {
  const replayClock = options.replayClock !== false;
  // A replay never runs past the real present (no day-start for days that have not come).
  const notAfter = new Date().toISOString();
  const size = await stat(file).then((s) => s.size).catch(() => {
    throw new CliError(`cannot read ${file}: no such file`);
  });
  // Bytes that are not UTF-8 would be decoded as U+FFFD and loaded as something else than the file.
  await assertUtf8File(file);
  // The SQLite store this load opens (--db, else the configured one), and whether it existed: a
  // store the load creates and then loads nothing into is removed again (a file that is not traffic
  // must not leave an empty registry behind for the next command to read).
  const target = options.sqlitePath ?? loadServiceConfiguration().registry.sqlitePath;
  const existedBefore = existsSync(target);
  let store: { kind: string; path: string } | null = null;
  const summary = await withRegistry(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}, async (app, config) => {
    store = { kind: config.store, path: config.sqlitePath };
    const loader = app.get(TrafficLoader);
    const summary: LoadSummary = {
      messages: 0, accepted: 0, rejected: 0, rejectedByCode: {}, duplicates: 0, conflicts: 0, schemaFailures: 0, notProcessed: 0, badLines: 0, firstBadLine: null, seconds: 0,
    };
    const bar = options.progress === false ? null : new SingleBar({ format: 'loading [{bar}] {percentage}% | {value}/{total} bytes | ETA {eta_formatted} | {messages} messages' }, Presets.shades_classic);
    bar?.start(size, 0, { messages: 0 });
    const started = process.hrtime.bigint();
    const input = createReadStream(file);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let bytes = 0;
    let lineNumber = 0;
    const unreadable = (problem: string) => {
      summary.badLines++;
      summary.firstBadLine ??= { line: lineNumber, problem };
    };
    for await (const line of lines) {
      lineNumber++;
      bytes += Buffer.byteLength(line) + 1;
      if (line.trim() === '') continue;
      let parsed: { channel?: unknown; message?: unknown };
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        unreadable('not JSON');
        continue;
      }
      if (parsed === null || typeof parsed !== 'object' || typeof parsed.channel !== 'string' || parsed.message === undefined) {
        unreadable('not a traffic line {"channel": …, "message": …}');
        continue;
      }
      countResult(summary, await loader.load({ channel: parsed.channel, message: parsed.message }, { replayClock, notAfter }));
      if (summary.messages % 200 === 0) bar?.update(bytes, { messages: summary.messages });
    }
    await loader.finish({ replayClock, notAfter });
    bar?.update(size, { messages: summary.messages });
    bar?.stop();
    summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return summary;
  }, replayClock ? { clock: new FixedClock('1970-01-01T00:00:00Z') } : {});
  const opened = store as { kind: string; path: string } | null;
  if (summary.messages === 0 && !existedBefore && opened !== null && opened.kind === 'sqlite' && opened.path === target) {
    // The store is closed (withRegistry closes it): remove it with SQLite's side files.
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${opened.path}${suffix}`, { force: true });
    summary.removedEmptyStore = opened.path;
  }
  return summary;
}

/** Prints a load summary as a few aligned lines. */
export function printSummary(s: LoadSummary): void {
  const rate = s.seconds > 0 ? Math.round(s.messages / s.seconds) : s.messages;
  console.log(`messages:        ${s.messages} in ${s.seconds.toFixed(1)} s (${rate}/s)`);
  console.log(`accepted:        ${s.accepted}`);
  console.log(`rejected:        ${s.rejected}${Object.keys(s.rejectedByCode).length ? ' — ' + Object.entries(s.rejectedByCode).sort().map(([c, n]) => `${c}: ${n}`).join(', ') : ''}`);
  console.log(`duplicates:      ${s.duplicates} (original outcome returned, nothing appended)`);
  console.log(`conflicts:       ${s.conflicts} (reused senderUniqueReference, different body)`);
  console.log(`schema failures: ${s.schemaFailures}`);
  if (s.notProcessed) console.log(`not processed:   ${s.notProcessed} (store failures: load the file again to finish, resends are safe)`);
  if (s.badLines) console.log(`unreadable lines: ${s.badLines}`);
  if (s.removedEmptyStore) console.log(`nothing loaded: removed the empty store ${s.removedEmptyStore} this load had created`);
}

/**
 * Fails a load that skipped lines (after what could be read was loaded and its summary printed), so
 * that a wrong file is not taken for an empty one (exit code 1).
 * @throws CliError saying how many lines could not be read and which was the first, and why.
 */
export function failOnUnreadableLines(s: LoadSummary, file: string): void {
  if (s.firstBadLine === null) return;
  const { line, problem } = s.firstBadLine;
  throw new CliError(
    `${s.badLines} line(s) of ${file} could not be read (the first: line ${line}, ${problem}; \`registry generate\` writes one traffic line per message); the ${s.messages} message(s) read were loaded`,
  );
}
