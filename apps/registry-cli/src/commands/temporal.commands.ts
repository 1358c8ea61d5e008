import * as path from 'node:path';
import { Command } from 'commander';
import { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE } from '@app/event-store';
import { CLOCK, REFERENCE_DATA } from '@app/registration-app';
import {
  MpanDiffAnswer,
  MpanExplanation,
  MpanHistoryService,
  MpanTimelineAnswer,
  parseItemName,
  parseKnownAt,
  parseSettlementDay,
} from '@app/registration-app/history';
import { withRegistry } from '../cli-context';
import { describeValue } from './read.commands';

/**
 * The `registry` commands of the two time axes (issue #6): `state --effective-at --known-at`,
 * `timeline`, `diff`, `explain`. Each prints, as JSON, exactly the answer of the HTTP API
 * (`GET /mpans/{core}/state|timeline|diff|explain`) — both come from {@link MpanHistoryService}
 * folding the event log — or, with `--table` / `--text`, a readable summary of it. Options are
 * checked before the store is opened, with the same rules as the API (an instant needs an offset or
 * `Z`; dates are `YYYY-MM-DD` settlement days); a malformed one is a one-line error, exit code 1.
 */

/** The store file option of every command, resolved. */
const dbOf = (db: string | undefined) => (db ? { sqlitePath: path.resolve(db) } : {});

/** Runs `work` with a {@link MpanHistoryService} on the registry at `db` (which must exist). */
function withHistory<T>(db: string | undefined, work: (history: MpanHistoryService) => Promise<T>): Promise<T> {
  return withRegistry(dbOf(db), (app: INestApplicationContext) => work(new MpanHistoryService(app.get(EVENT_STORE), app.get(REFERENCE_DATA), app.get(CLOCK))), {
    mustExist: true,
  });
}

/** `--known-at` / `--effective-at` style options, checked and normalised (the instant to UTC); absent stays absent. */
function checked(options: Record<string, { parse: 'instant' | 'day'; raw: string | undefined }>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(options).map(([flag, { parse, raw }]) => [
      flag,
      raw === undefined ? undefined : parse === 'instant' ? parseKnownAt(flag, raw) : parseSettlementDay(flag, raw),
    ]),
  );
}

/** Options of `registry state` that select the two axes. */
export interface StateAtOptions {
  db?: string;
  effectiveAt?: string;
  knownAt?: string;
  table?: boolean;
}

/**
 * `registry state <core> --effective-at D --known-at T`: the snapshot effective on D as known at T
 * (each default today / now), as JSON (= `GET /mpans/{core}/state`) or a table.
 * @throws InvalidHistoryQueryError for a malformed option; the service's errors otherwise.
 */
export async function printStateAt(mpanCore: string, opts: StateAtOptions): Promise<void> {
  const o = checked({ '--effective-at': { parse: 'day', raw: opts.effectiveAt }, '--known-at': { parse: 'instant', raw: opts.knownAt } });
  const answer = await withHistory(opts.db, (h) => h.stateAt(mpanCore, { effectiveAt: o['--effective-at'], knownAt: o['--known-at'] }));
  if (!opts.table) return print(answer);
  console.log(`MPAN ${answer.mpanCore} effective ${answer.effectiveAt}, as known at ${answer.knownAt} ${axisLine(answer)}`);
  const { mpanCore: _c, distributorId, effectiveFromDate, settlementDate: _d, pendingAppointments, meters, ...periods } = answer.snapshot;
  console.log(`  ${'distributor'.padEnd(26)} ${distributorId} (MPAN effective from ${effectiveFromDate})`);
  for (const m of meters) console.log(`  ${'meter'.padEnd(26)} ${m.meterId} ${m.meterType}, installed ${m.meterInstallationDate}`);
  for (const [item, p] of Object.entries(periods)) {
    const period = p as { value: unknown; effectiveFromDate: string; effectiveToDate: string | null } | null;
    console.log(`  ${item.padEnd(26)} ${period === null ? '—' : short(period)}`);
  }
  for (const r of pendingAppointments) {
    console.log(`  ${'pending'.padEnd(26)} ${r.serviceType} ${r.providerMpid} (${r.providerDipId}) from ${r.effectiveFromDate}, ${r.appointmentScenario} by ${r.requestingSupplierMpid}`);
  }
}

/** Adds `timeline`, `diff` and `explain` to the `registry` program. */
export function registerTemporalCommands(program: Command): void {
  program
    .command('timeline <mpanCore>')
    .description('every effective-dated period of every item of an MPAN as known at an instant, with the events that opened and closed each (from the log)')
    .option('--known-at <instant>', 'UTC instant with an offset or Z (default now)')
    .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
    .option('--table', 'one line per period instead of JSON')
    .action(async (core: string, opts: { knownAt?: string; db?: string; table?: boolean }) => {
      const o = checked({ '--known-at': { parse: 'instant', raw: opts.knownAt } });
      const answer = await withHistory(opts.db, (h) => h.timeline(core, { knownAt: o['--known-at'] }));
      if (opts.table) printTimeline(answer);
      else print(answer);
    });

  program
    .command('diff <mpanCore>')
    .description('item by item what differs for an MPAN between two (effective date, known-at instant) points (from the log)')
    .option('--from-effective-at <date>', 'settlement day YYYY-MM-DD of the first point (default today, UK)')
    .option('--from-known-at <instant>', 'UTC instant of the first point (default now)')
    .option('--to-effective-at <date>', 'settlement day of the second point (default today, UK)')
    .option('--to-known-at <instant>', 'UTC instant of the second point (default now)')
    .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
    .option('--text', 'one line per change instead of JSON')
    .action(async (core: string, opts: { fromEffectiveAt?: string; fromKnownAt?: string; toEffectiveAt?: string; toKnownAt?: string; db?: string; text?: boolean }) => {
      const o = checked({
        '--from-effective-at': { parse: 'day', raw: opts.fromEffectiveAt },
        '--from-known-at': { parse: 'instant', raw: opts.fromKnownAt },
        '--to-effective-at': { parse: 'day', raw: opts.toEffectiveAt },
        '--to-known-at': { parse: 'instant', raw: opts.toKnownAt },
      });
      const answer = await withHistory(opts.db, (h) =>
        h.diff(core, { fromEffectiveAt: o['--from-effective-at'], fromKnownAt: o['--from-known-at'], toEffectiveAt: o['--to-effective-at'], toKnownAt: o['--to-known-at'] }),
      );
      if (opts.text) printDiff(answer);
      else print(answer);
    });

  program
    .command('explain <mpanCore>')
    .description('the chain of events and inbound messages that made an item of an MPAN what it is on a date (from the log)')
    .requiredOption('--item <name>', 'a snapshot item: supplier, meteringService, dataService, meters, energisationStatus, address, …')
    .option('--date <date>', 'settlement day YYYY-MM-DD (default today, UK)')
    .option('--known-at <instant>', 'UTC instant with an offset or Z (default now)')
    .option('--db <path>', 'SQLite file (default REGISTRY_SQLITE_PATH or ./data/registry.sqlite)')
    .option('--text', 'one line per step instead of JSON')
    .action(async (core: string, opts: { item: string; date?: string; knownAt?: string; db?: string; text?: boolean }) => {
      const item = parseItemName('--item', opts.item);
      const o = checked({ '--date': { parse: 'day', raw: opts.date }, '--known-at': { parse: 'instant', raw: opts.knownAt } });
      const answer = await withHistory(opts.db, (h) => h.explain(core, { item, date: o['--date'], knownAt: o['--known-at'] }));
      if (opts.text) printExplanation(answer);
      else print(answer);
    });
}

function print(answer: unknown): void {
  console.log(JSON.stringify(answer, null, 2));
}

function axisLine(a: { lastRevision: string | null; lastPosition: string | null; laterEventsIgnored: number }): string {
  return `(last revision ${a.lastRevision ?? '—'}, position ${a.lastPosition ?? '—'}; ${a.laterEventsIgnored} later records ignored)`;
}

/** A value on one line, its key first ({@link describeValue}, as `registry state --table`), at most 140 characters. */
function short(value: unknown): string {
  const text = describeValue(value);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** An event reference as the readable forms cite it: `#12 SupplierRegistered`. */
const ref = (e: { revision: string; type: string }) => `#${e.revision} ${e.type}`;

function printTimeline(a: MpanTimelineAnswer): void {
  console.log(`MPAN ${a.mpanCore} as known at ${a.knownAt} ${axisLine(a)}`);
  for (const [item, periods] of Object.entries(a.items)) {
    for (const p of periods) {
      const closed = p.closedBy ? `closed by ${ref(p.closedBy)}` : 'open';
      const corrected = p.correctedBy.length > 0 ? `; corrected by ${p.correctedBy.map(ref).join(', ')}` : '';
      console.log(`  ${item.padEnd(26)} ${p.effectiveFromDate} → ${(p.effectiveToDate ?? 'open').padEnd(10)}  ${short(p.value)}  (opened by ${ref(p.openedBy)} at ${p.openedBy.recordedAt}; ${closed}${corrected})`);
    }
  }
  if (a.pendingAppointments.length === 0) console.log(`  ${'pendingAppointments'.padEnd(26)} none`);
  for (const r of a.pendingAppointments) {
    console.log(`  ${'pendingAppointments'.padEnd(26)} ${r.request.serviceType} request ${short(r.request)}  (requested by ${ref(r.requestedBy)} at ${r.requestedBy.recordedAt})`);
  }
}

function printDiff(a: MpanDiffAnswer): void {
  const side = (s: MpanDiffAnswer['from']) => `effective ${s.effectiveAt} as known at ${s.knownAt}${s.known ? '' : ' (not yet known)'}`;
  console.log(`MPAN ${a.mpanCore}: ${side(a.from)}  →  ${side(a.to)}`);
  if (a.changes.length === 0) console.log('  no difference');
  for (const c of a.changes) console.log(`  ${`${c.item}${c.key === null ? '' : ` ${c.key}`}`.padEnd(40)} ${c.change.padEnd(14)} ${short(c.before)}  →  ${short(c.after)}`);
}

function printExplanation(a: MpanExplanation): void {
  console.log(`MPAN ${a.mpanCore} ${a.item} on ${a.date} as known at ${a.knownAt} ${axisLine(a)}`);
  if (a.periods.length === 0) console.log('  nothing holds on that date');
  for (const p of a.periods) {
    console.log(`  ${p.effectiveFromDate} → ${p.effectiveToDate ?? 'open'}: ${short(p.value)}`);
    for (const s of p.chain) {
      const m = s.message;
      const from = m
        ? `${m.channelId} ${m.eventCode} from ${m.senderDipId} (${m.senderRoleId}) ref ${m.senderUniqueReference}, correlation ${m.correlationId}, received ${m.receivedAt}`
        : `${s.event.channelId ?? '—'} ${s.event.eventCode ?? ''} (no inbound message)`;
      console.log(`    ${s.step.padEnd(14)} #${s.event.revision} ${s.event.type} recorded ${s.event.recordedAt} [${s.effectiveFromDate} → ${s.effectiveToDate ?? 'open'}]  ← ${from}`);
    }
  }
}
