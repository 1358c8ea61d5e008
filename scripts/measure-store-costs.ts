/**
 * Measures what one MPAN costs in each event store, on this machine, for the sizing section of
 * docs/scaling.md: events per MPAN, bytes per event in the log (table + indexes), bytes per MPAN in
 * the views, append throughput and projection throughput. Not a test and not part of `npm test`.
 *
 *   npm run measure:store-costs -- [--mpans 2000] [--seed 1]
 *
 * (compiles with tsc into dist/scripts, then runs with node; PostgreSQL at REGISTRY_TEST_POSTGRES_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, in throw-away databases dropped at the end).
 *
 * Steps, each timed: generate the traffic of N MPAN lifecycles (`registry generate`, seed 1, 5%
 * mistakes); load it through the intake with the replaying clock (`registry load`: validation,
 * deciders, idempotency ledger, day-start) into a new SQLite file and into a new PostgreSQL
 * database; append the recorded log again, one append per original append, into a new store of
 * each kind (the store alone); copy it page by page into PostgreSQL (`registry copy-store`); rebuild
 * the views (MPAN query view, notification feed) from each log into a new SQLite views file.
 * Sizes: SQLite `dbstat` pages of `events` and its indexes; PostgreSQL `pg_total_relation_size`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { generateTraffic, TrafficLine } from '@app/dip-wire';
import { EventStore, PostgresEventStore, readLogPages, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { rebuildViews, registryProjections } from '@app/projections';
import { FixedClock, loadReferenceDataFile, loadRegistryConfig, RegistrationAppModule, TrafficLoader, ukSettlementDayOf } from '@app/registration-app';
import { addDays } from '@app/registration-domain';

interface Args {
  mpans: number;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { mpans: 2000, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const n = Number(value);
    if ((flag !== '--mpans' && flag !== '--seed') || !Number.isSafeInteger(n) || n < 1) {
      throw new Error(`usage: measure-store-costs [--mpans N] [--seed S] (got ${argv.join(' ')})`);
    }
    args[flag === '--mpans' ? 'mpans' : 'seed'] = n;
  }
  return args;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const perSecond = (n: number, s: number) => Math.round(n / s);
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** Loads `traffic` through the intake (the `registry load` path, replaying clock) on the store `env` names. */
async function load(env: Record<string, string>, traffic: TrafficLine[]): Promise<{ seconds: number }> {
  const config = loadRegistryConfig({ ...env, REGISTRY_DAY_START: 'off', REGISTRY_PROJECTOR: 'off' });
  const clock = new FixedClock('1970-01-01T00:00:00Z');
  const app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock }), { logger: false });
  try {
    const loader = app.get(TrafficLoader);
    const notAfter = new Date().toISOString();
    const started = process.hrtime.bigint();
    for (const line of traffic) await loader.load({ channel: line.channel, message: line.message }, { replayClock: true, notAfter });
    await loader.finish({ replayClock: true, notAfter });
    return { seconds: seconds(started) };
  } finally {
    await app.close();
  }
}

/** Counts of a log: all events, MPAN-stream events, streams. */
async function logCounts(store: EventStore): Promise<{ events: number; mpanEvents: number; streams: number; messageStreams: number }> {
  const streams = new Set<string>();
  let events = 0;
  let mpanEvents = 0;
  for await (const page of readLogPages(store)) {
    for (const e of page) {
      events += 1;
      if (e.streamName.startsWith('mpan-')) mpanEvents += 1;
      streams.add(e.streamName);
    }
  }
  return { events, mpanEvents, streams: streams.size, messageStreams: [...streams].filter((s) => s.startsWith('message-')).length };
}

/** Bytes of `events` and its indexes in a SQLite file (dbstat pages), and of the whole file's pages. */
function sqliteLogBytes(file: string): { table: number; indexes: number; file: number } {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT d.name AS name, m.type AS type, sum(d.pgsize) AS bytes FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY d.name").all() as Array<{ name: string; type: string | null; bytes: number }>;
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as Array<{ name: string }>;
    const indexNames = new Set(indexes.map((i) => i.name));
    return {
      table: rows.find((r) => r.name === 'events')?.bytes ?? 0,
      indexes: rows.filter((r) => indexNames.has(r.name)).reduce((sum, r) => sum + r.bytes, 0),
      file: rows.reduce((sum, r) => sum + r.bytes, 0),
    };
  } finally {
    db.close();
  }
}

/** Average JSON text (data + metadata) per event in MPAN streams, message streams and any other (day-start), from a SQLite log. */
function sqliteJsonBytes(file: string): Array<{ kind: string; events: number; bytes: number }> {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT CASE WHEN stream_name LIKE 'message-%' THEN 'message streams' WHEN stream_name LIKE 'mpan-%' THEN 'MPAN streams' " +
          "ELSE 'other streams' END AS kind, count(*) AS events, " +
          'avg(length(data) + length(metadata)) AS bytes FROM events GROUP BY kind ORDER BY kind',
      )
      .all() as Array<{ kind: string; events: number; bytes: number }>;
  } finally {
    db.close();
  }
}

/** Bytes of every table (with its indexes) of a SQLite views file, by table, from dbstat. */
function sqliteViewBytes(file: string): { total: number; byTable: Array<{ table: string; bytes: number }> } {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT coalesce(m.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY tbl ORDER BY bytes DESC")
      .all() as Array<{ tbl: string; bytes: number }>;
    return { total: rows.reduce((s, r) => s + r.bytes, 0), byTable: rows.map((r) => ({ table: r.tbl, bytes: r.bytes })) };
  } finally {
    db.close();
  }
}

/** `pg_total_relation_size` of `events` (table, TOAST and indexes), with the table and index parts. */
async function postgresLogBytes(url: string): Promise<{ table: number; indexes: number; total: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE events');
    const { rows } = await client.query<{ total: string; heap: string; indexes: string }>(
      "SELECT pg_total_relation_size('events')::text AS total, pg_table_size('events')::text AS heap, pg_indexes_size('events')::text AS indexes",
    );
    return { table: Number(rows[0]!.heap), indexes: Number(rows[0]!.indexes), total: Number(rows[0]!.total) };
  } finally {
    await client.end();
  }
}

/** Appends `source`'s log again into `target`, one append per original append (a run of one stream's events recorded together). */
async function reappend(source: EventStore, target: EventStore): Promise<{ appends: number; events: number; seconds: number }> {
  let appends = 0;
  let events = 0;
  let run: RecordedEvent[] = [];
  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0]!;
    await target.appendToStream(first.streamName, first.revision === 0n ? 'no_stream' : first.revision - 1n, run.map(({ type, data, metadata }) => ({ type, data, metadata })));
    appends += 1;
    events += run.length;
    run = [];
  };
  const started = process.hrtime.bigint();
  for await (const page of readLogPages(source)) {
    for (const e of page) {
      const last = run[run.length - 1];
      if (last && (last.streamName !== e.streamName || last.recordedAt !== e.recordedAt || last.metadata.messageKey !== e.metadata.messageKey)) await flush();
      run.push(e);
    }
  }
  await flush();
  return { appends, events, seconds: seconds(started) };
}

/** Copies `source`'s log into the empty PostgreSQL `target` page by page (the `registry copy-store` path). */
async function copy(source: EventStore, target: PostgresEventStore): Promise<{ events: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const page of readLogPages(source)) events += (await target.importRecorded(page)).events;
  return { events, seconds: seconds(started) };
}

/** Rebuilds the views from `store` into a new SQLite file; events/s of the projections. */
async function rebuild(store: EventStore, out: string): Promise<{ events: number; seconds: number }> {
  const config = loadRegistryConfig({});
  const report = await rebuildViews({
    store,
    referenceData: loadReferenceDataFile(config.referenceDataPath),
    registryDipId: config.registryDipId,
    environmentTag: config.environmentTag,
    projections: registryProjections(),
    outPath: out,
  });
  return { events: report.events, seconds: report.seconds };
}

/** A new database on the server of REGISTRY_TEST_POSTGRES_URL; `drop` removes it. */
interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(): Promise<ThrowawayDatabase> {
  const maintenance = process.env.REGISTRY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `regs_measure_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: maintenance });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(maintenance);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'regs-measure-'));
  const databases: ThrowawayDatabase[] = [];
  const newDatabase = async () => {
    const database = await createDatabase();
    databases.push(database);
    return database;
  };
  const out: string[] = [];
  const say = (line: string) => {
    out.push(line);
    console.log(line);
  };
  try {
    const startDate = addDays(ukSettlementDayOf(new Date().toISOString()), -820);
    const started = process.hrtime.bigint();
    const traffic = [...generateTraffic({ mpans: args.mpans, seed: args.seed, startDate, mistakeRate: 0.05 })];
    say(`traffic: ${fmt(traffic.length)} messages for ${fmt(args.mpans)} MPANs (seed ${args.seed}, from ${startDate}), generated in ${seconds(started).toFixed(1)} s`);

    const sqliteFile = join(dir, 'registry.sqlite');
    const sqliteLoad = await load({ REGISTRY_SQLITE_PATH: sqliteFile }, traffic);
    const pgLoaded = await newDatabase();
    const pgLoad = await load({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: pgLoaded.url, REGISTRY_VIEWS_STORE: 'sqlite', REGISTRY_VIEWS_SQLITE_PATH: join(dir, 'unused-views.sqlite') }, traffic);

    const sqlite = await SqliteEventStore.open({ path: sqliteFile });
    const pg = await PostgresEventStore.open({ connectionString: pgLoaded.url });
    try {
      const counts = await logCounts(sqlite);
      const pgCounts = await logCounts(pg);
      say('');
      say(`log: ${fmt(counts.events)} events (${fmt(counts.events / args.mpans)} per MPAN), of which ${fmt(counts.mpanEvents)} in MPAN streams (${fmt(counts.mpanEvents / args.mpans)} per MPAN) and ${fmt(counts.events - counts.mpanEvents)} in ${fmt(counts.messageStreams)} message streams (receipt + outcome of each message); PostgreSQL load: ${fmt(pgCounts.events)} events`);

      const sqliteBytes = sqliteLogBytes(sqliteFile);
      const pgBytes = await postgresLogBytes(pgLoaded.url);
      say('');
      say('bytes per event in the log (table + indexes):');
      say(`  SQLite      ${fmt((sqliteBytes.table + sqliteBytes.indexes) / counts.events)} B/event (table ${fmt(sqliteBytes.table / counts.events)}, indexes ${fmt(sqliteBytes.indexes / counts.events)}); whole file ${fmt(sqliteBytes.file / 1e6)} MB = ${fmt(sqliteBytes.file / args.mpans)} B/MPAN`);
      for (const j of sqliteJsonBytes(sqliteFile)) say(`  of which JSON text (data + metadata): ${fmt(j.bytes)} B/event in ${j.kind} (${fmt(j.events)} events)`);
      say(`  PostgreSQL  ${fmt(pgBytes.total / pgCounts.events)} B/event (table with TOAST ${fmt(pgBytes.table / pgCounts.events)}, indexes ${fmt(pgBytes.indexes / pgCounts.events)}); events relation ${fmt(pgBytes.total / 1e6)} MB = ${fmt(pgBytes.total / args.mpans)} B/MPAN`);

      say('');
      say('append throughput:');
      say(`  intake, end to end (validate, decide, append, ledger; one message at a time):`);
      say(`    SQLite      ${fmt(perSecond(traffic.length, sqliteLoad.seconds))} messages/s, ${fmt(perSecond(counts.events, sqliteLoad.seconds))} events/s (${sqliteLoad.seconds.toFixed(1)} s)`);
      say(`    PostgreSQL  ${fmt(perSecond(traffic.length, pgLoad.seconds))} messages/s, ${fmt(perSecond(pgCounts.events, pgLoad.seconds))} events/s (${pgLoad.seconds.toFixed(1)} s)`);
      const sqliteAgain = await SqliteEventStore.open({ path: join(dir, 'reappended.sqlite') });
      const sqliteFull = await SqliteEventStore.open({ path: join(dir, 'reappended-full.sqlite'), synchronous: 'FULL' });
      const pgAgainDb = await newDatabase();
      const pgAgain = await PostgresEventStore.open({ connectionString: pgAgainDb.url });
      try {
        const s = await reappend(sqlite, sqliteAgain);
        const f = await reappend(sqlite, sqliteFull);
        const p = await reappend(sqlite, pgAgain);
        say(`  the store alone (the recorded log appended again, one append per original append, ${fmt(s.appends)} appends of ${fmt(s.events / s.appends)} events on average):`);
        say(`    SQLite NORMAL (default: no fsync per commit)  ${fmt(perSecond(s.appends, s.seconds))} appends/s, ${fmt(perSecond(s.events, s.seconds))} events/s (${s.seconds.toFixed(1)} s)`);
        say(`    SQLite FULL (fsync per commit)                ${fmt(perSecond(f.appends, f.seconds))} appends/s, ${fmt(perSecond(f.events, f.seconds))} events/s (${f.seconds.toFixed(1)} s)`);
        say(`    PostgreSQL (synchronous_commit on: fsync per commit)  ${fmt(perSecond(p.appends, p.seconds))} appends/s, ${fmt(perSecond(p.events, p.seconds))} events/s (${p.seconds.toFixed(1)} s)`);
      } finally {
        await sqliteAgain.close();
        await sqliteFull.close();
        await pgAgain.close();
      }
      const copyDb = await newDatabase();
      const copyTarget = await PostgresEventStore.open({ connectionString: copyDb.url });
      try {
        const c = await copy(sqlite, copyTarget);
        say(`  copy-store (SQLite → PostgreSQL, pages of 1000 in one transaction each): ${fmt(perSecond(c.events, c.seconds))} events/s (${c.seconds.toFixed(1)} s)`);
      } finally {
        await copyTarget.close();
      }

      say('');
      const viewsFromSqlite = join(dir, 'views-from-sqlite.sqlite');
      const r1 = await rebuild(sqlite, viewsFromSqlite);
      const r2 = await rebuild(pg, join(dir, 'views-from-postgres.sqlite'));
      say('projection throughput (rebuild of the MPAN query view and the feed into a new SQLite views file, batches of 2000):');
      say(`  log in SQLite      ${fmt(perSecond(r1.events, r1.seconds))} events/s (${r1.seconds.toFixed(1)} s)`);
      say(`  log in PostgreSQL  ${fmt(perSecond(r2.events, r2.seconds))} events/s (${r2.seconds.toFixed(1)} s)`);
      const views = sqliteViewBytes(viewsFromSqlite);
      say('');
      say(`views (SQLite): ${fmt(views.total / 1e6)} MB = ${fmt(views.total / args.mpans)} B/MPAN; largest tables (with their indexes):`);
      for (const t of views.byTable.slice(0, 8)) say(`  ${t.table.padEnd(40)} ${fmt(t.bytes / args.mpans).padStart(8)} B/MPAN`);
    } finally {
      await sqlite.close();
      await pg.close();
    }
  } finally {
    for (const database of databases) await database.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`measure-store-costs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
