import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore } from '@app/event-store';
import { createThrowawayPostgresDatabase, ThrowawayPostgresDatabase } from '@app/event-store/postgres/testing/postgres-test-database';
import { MpanCore, mpanStreamName } from '@app/registration-domain';
import { BenchContext } from '../context';
import { sqliteSynchronousOf, withPostgresDurability } from '../stores';
import { LatencyRecorder, LatencySummary, msSince, perSecond, round3 } from '../stats';
import { measureFsyncRate, FsyncRate } from './fsync';
import { LogRowSource, unitChunks } from './log-rows';
import { PostgresLogRowSource, PostgresRawStore } from './postgres-raw';
import { RawStore } from './raw-store';
import { SqliteLogRowSource, SqliteRawStore } from './sqlite-raw';

/** Rows per transaction (and per read) of the batched limits: the rebuild's batch size. */
export const LIMIT_BATCH_ROWS = 2000;

/** The LIMIT phase: the raw driver on the same store and durability, over the rows W1 wrote. */
export interface LimitResult {
  /** One transaction per message: read the message's streams, insert its rows. */
  perMessage: {
    messages: number;
    rows: number;
    seconds: number;
    messagesPerSecond: number | null;
    rowsPerSecond: number | null;
    latencyMs: LatencySummary;
    /** Whether the time box (`limitSeconds`) stopped it before the end of the log. */
    timeBoxed: boolean;
  };
  /** Transactions of {@link LIMIT_BATCH_ROWS} rows. */
  batched: {
    batchRows: number;
    write: { rows: number; seconds: number; rowsPerSecond: number | null };
    read: { rows: number; seconds: number; rowsPerSecond: number | null };
    /** Read a batch from one table and write it to another in one transaction, over the whole log (the rebuild's shape). */
    readWrite: { rows: number; seconds: number; rowsPerSecond: number | null };
  };
  /** Every row of each MPAN stream, one query per stream (R1's raw equivalent). */
  streamReads: { histories: number; rows: number; seconds: number; historiesPerSecond: number | null };
  fsync: FsyncRate;
}

/** Where W1's log is and how to reach the stores of the limit runs. */
export interface LimitSource {
  /** SQLite event store file of W1 in-process, or `null` on PostgreSQL. */
  sqlitePath: string | null;
  /** PostgreSQL URL of W1 in-process's database, or `null` on SQLite. */
  postgresUrl: string | null;
  /** MPAN cores whose streams R1 read. */
  cores: string[];
}

/**
 * Runs the LIMIT phase: the disk's fdatasync rate; the rows of every message W1 stored replayed
 * with the raw driver, one transaction per message (time-boxed to `limitSeconds`), into a fresh
 * store; all rows written and read in batches; read+write batch by batch into a third store; and
 * R1's stream reads. Stores are created by the event store's own migrations (same schema) with the
 * run's durability, and removed afterwards.
 */
export async function runLimit(ctx: BenchContext, source: LimitSource): Promise<LimitResult> {
  const { options } = ctx;
  ctx.log(`LIMIT: fdatasync loop (${options.fsyncSeconds} s × 2)`);
  const fsync = measureFsyncRate(ctx.tempDir, options.fsyncSeconds);
  const targets = await openTargets(ctx);
  try {
    ctx.log('LIMIT: one transaction per message (raw driver)');
    const perMessage = await perMessageLimit(await openSource(source), targets.perMessage, options.limitSeconds);
    ctx.log('LIMIT: batched write, read, read+write');
    const write = await batchedWrite(await openSource(source), targets.batched);
    await targets.batched.analyze(); // untimed: the live store has statistics too
    const read = await batchedRead(targets.batched);
    const readWrite = await batchedReadWrite(targets.batched, targets.copy);
    const streamReads = await readStreams(targets.batched, source.cores);
    return { perMessage, batched: { batchRows: LIMIT_BATCH_ROWS, write, read, readWrite }, streamReads, fsync };
  } finally {
    await targets.close();
  }
}

async function openSource(source: LimitSource): Promise<LogRowSource> {
  if (source.sqlitePath) return new SqliteLogRowSource(source.sqlitePath);
  if (source.postgresUrl) return PostgresLogRowSource.connect(source.postgresUrl);
  throw new Error('LIMIT needs the W1 log: a SQLite file or a PostgreSQL URL');
}

/** Three empty stores (per-message target, batched target, read+write copy), made by the event store's migrations. */
async function openTargets(ctx: BenchContext): Promise<{ perMessage: RawStore; batched: RawStore; copy: RawStore; close(): Promise<void> }> {
  const names = ['limit-per-message', 'limit-batched', 'limit-copy'] as const;
  const synchronous = sqliteSynchronousOf(ctx.options.durability);
  if (ctx.options.store === 'sqlite') {
    const stores: RawStore[] = [];
    for (const name of names) {
      const path = join(ctx.tempDir, `${name}.sqlite`);
      await (await SqliteEventStore.open({ path, synchronous })).close();
      stores.push(new SqliteRawStore(path, synchronous));
    }
    return { perMessage: stores[0]!, batched: stores[1]!, copy: stores[2]!, close: async () => { for (const s of stores) await s.close(); } };
  }
  const databases: ThrowawayPostgresDatabase[] = [];
  const stores: RawStore[] = [];
  const close = async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    for (const d of databases) await d.drop();
  };
  try {
    for (let i = 0; i < names.length; i++) {
      const database = await createThrowawayPostgresDatabase('regs_bench_limit_', ctx.options.postgresUrl);
      databases.push(database);
      const url = withPostgresDurability(database.url, ctx.options.durability);
      await (await PostgresEventStore.open({ connectionString: url })).close();
      stores.push(await PostgresRawStore.connect(url));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { perMessage: stores[0]!, batched: stores[1]!, copy: stores[2]!, close };
}

async function perMessageLimit(source: LogRowSource, target: RawStore, limitSeconds: number): Promise<LimitResult['perMessage']> {
  const latency = new LatencyRecorder(4096);
  let rows = 0;
  let ms = 0;
  let timeBoxed = false;
  try {
    outer: for await (const units of unitChunks(source)) {
      for (const unit of units) {
        if (!unit.isMessage) continue;
        if (ms >= limitSeconds * 1000) {
          timeBoxed = true;
          break outer;
        }
        const started = process.hrtime.bigint();
        await target.appendUnit(unit);
        const took = msSince(started);
        ms += took;
        latency.add(took);
        rows += unit.rows.length;
      }
    }
  } finally {
    await source.close();
  }
  const seconds = round3(ms / 1000);
  return {
    messages: latency.count,
    rows,
    seconds,
    messagesPerSecond: perSecond(latency.count, ms / 1000),
    rowsPerSecond: perSecond(rows, ms / 1000),
    latencyMs: latency.summary(),
    timeBoxed,
  };
}

async function batchedWrite(source: LogRowSource, target: RawStore): Promise<LimitResult['batched']['write']> {
  let rows = 0;
  let ms = 0;
  try {
    for (;;) {
      const batch = await source.next(LIMIT_BATCH_ROWS);
      if (batch.length === 0) break;
      const started = process.hrtime.bigint();
      await target.insertBatch(batch.map(({ key: _key, ...row }) => row));
      ms += msSince(started);
      rows += batch.length;
    }
  } finally {
    await source.close();
  }
  return { rows, seconds: round3(ms / 1000), rowsPerSecond: perSecond(rows, ms / 1000) };
}

async function batchedRead(store: RawStore): Promise<LimitResult['batched']['read']> {
  let rows = 0;
  let after = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const batch = await store.readBatch(after, LIMIT_BATCH_ROWS);
    if (batch.rows.length === 0) break;
    rows += batch.rows.length;
    after = batch.last;
  }
  const seconds = msSince(started) / 1000;
  return { rows, seconds: round3(seconds), rowsPerSecond: perSecond(rows, seconds) };
}

async function batchedReadWrite(from: RawStore, to: RawStore): Promise<LimitResult['batched']['readWrite']> {
  let rows = 0;
  let after = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const batch = await from.readBatch(after, LIMIT_BATCH_ROWS);
    if (batch.rows.length === 0) break;
    await to.insertBatch(batch.rows.map(({ streamName, revision, type, data, metadata, recordedAt }) => ({ streamName, revision, type, data, metadata, recordedAt })));
    rows += batch.rows.length;
    after = batch.last;
  }
  const seconds = msSince(started) / 1000;
  return { rows, seconds: round3(seconds), rowsPerSecond: perSecond(rows, seconds) };
}

async function readStreams(store: RawStore, cores: readonly string[]): Promise<LimitResult['streamReads']> {
  let rows = 0;
  const started = process.hrtime.bigint();
  for (const core of cores) rows += await store.readStream(mpanStreamName(core as MpanCore));
  const seconds = msSince(started) / 1000;
  return { histories: cores.length, rows, seconds: round3(seconds), historiesPerSecond: perSecond(cores.length, seconds) };
}
