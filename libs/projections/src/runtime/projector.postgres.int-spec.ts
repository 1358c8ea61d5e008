/**
 * The projector runtime with the log AND the views on a real PostgreSQL server (issue #7;
 * docs/adr/0010): a batch and its checkpoint commit together or not at all, two projector instances
 * over the same views apply every event exactly once, and a transaction of the log that commits
 * late is never skipped. Its own throw-away database per test; an unreachable server skips the file
 * with a message, or fails it when `CI=true` (`describeWithPostgres`).
 */
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { NewEvent, POSTGRES_APPEND_LOCK_KEY, PostgresEventStore } from '@app/event-store';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { loadReferenceDataFile } from '@app/registration-app';
import { ProjectedEvent, Projection, ProjectionContext } from './projection';
import { Projector } from './projector';
import { VIEW_WRITE_LOCK_KEY, ViewDatabase } from './view-database';

const ref = loadReferenceDataFile(join(__dirname, '..', '..', '..', '..', 'reference-data', 'participants.json'));

const SEEN_TABLE = 'CREATE TABLE IF NOT EXISTS seen_events (position bigint PRIMARY KEY, stream_name text NOT NULL, type text NOT NULL)';

/**
 * Records every event it applies in `seen_events` with a plain INSERT (applying a position twice
 * would violate the key and fail the batch) and in `applied` (in memory, in apply order).
 */
class RecordingProjection implements Projection {
  readonly tables = [{ name: 'seen_events', orderBy: ['position'] }];
  readonly applied: bigint[] = [];
  /** Throws on this position (once), after writing its row: a crash mid-batch. */
  failOn: bigint | null = null;

  constructor(readonly name = 'recording') {}

  async apply(event: ProjectedEvent, { manager }: ProjectionContext): Promise<void> {
    const { recorded } = event;
    await manager.query('INSERT INTO seen_events (position, stream_name, type) VALUES ($1, $2, $3)', [recorded.position.toString(), recorded.streamName, recorded.type]);
    if (this.failOn === recorded.position) {
      this.failOn = null;
      throw new Error(`simulated crash at position ${recorded.position}`);
    }
    this.applied.push(recorded.position);
  }
}

const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  data,
  metadata: { schemaVersion: 1, eventId: `${type}-${Math.random()}`, correlationId: 'c', causationId: 'c' },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection of its own (for sessions that hold locks or transactions open). */
async function rawSession(url: string): Promise<{ runner: QueryRunner; close(): Promise<void> }> {
  const source = new DataSource({ type: 'postgres', url, poolSize: 1, logging: false });
  await source.initialize();
  const runner = source.createQueryRunner();
  await runner.connect();
  return {
    runner,
    async close() {
      await runner.release();
      await source.destroy();
    },
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describeWithPostgres('Projector with the log and the views on PostgreSQL', (maintenanceUrl) => {
  let database: ThrowawayPostgresDatabase;
  let store: PostgresEventStore;
  const open: ViewDatabase[] = [];
  const stoppers: Projector[] = [];

  const openViews = async (options: { lockTimeoutMs?: number } = {}) => {
    const views = await ViewDatabase.openPostgres({ connectionString: database.url, maxReaderConnections: 3, ...options });
    open.push(views);
    return views;
  };
  const projectorOn = (views: ViewDatabase, projection: Projection, options: { batchSize?: number; onError?: (e: Error) => void } = {}) => {
    const projector = new Projector({ store, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 10, idlePollMs: 2, ...options });
    stoppers.push(projector);
    return projector;
  };
  const seen = async (views: ViewDatabase) =>
    views.readSnapshot((reader) => reader.all<{ position: string; stream_name: string; type: string }>('SELECT position, stream_name, type FROM seen_events ORDER BY position'));
  const appendOthers = async (stream: string, count: number) => {
    for (let i = 0; i < count; i++) await store.appendToStream(stream, await store.streamRevision(stream), [event('Something', { i })]);
  };

  beforeEach(async () => {
    database = await createThrowawayPostgresDatabase('regs_projector_', maintenanceUrl);
    store = await PostgresEventStore.open({ connectionString: database.url });
    const views = await openViews();
    await views.writeTransaction((m) => m.query(SEEN_TABLE));
  });

  afterEach(async () => {
    for (const p of stoppers.splice(0)) await p.stop();
    for (const v of open.splice(0)) await v.close();
    await store?.close();
    await database?.drop();
  });

  it('applies every event once, in position order, across batches, with the checkpoint in the batch transaction', async () => {
    await appendOthers('other-a', 13);
    await appendOthers('other-b', 12);
    const views = open[0]!;
    const projector = projectorOn(views, new RecordingProjection());
    expect(await projector.catchUp()).toBe(25);
    expect(await projector.position()).toBe(25n);
    expect((await seen(views)).map((r) => r.position)).toEqual(range(1, 25));
    expect(await projector.catchUp()).toBe(0);
  });

  it('a crash in the middle of a batch commits nothing of it (rows nor checkpoint); a restarted projector applies it exactly once', async () => {
    await appendOthers('other-a', 25);
    const views = open[0]!;
    const projection = new RecordingProjection();
    const projector = projectorOn(views, projection);
    await projector.catchUp(10n);
    projection.failOn = 15n; // rows 11..15 written in the open transaction, then the "crash"
    await expect(projector.runOnce()).rejects.toThrow(/projection recording failed on Something at position 15 .*simulated crash/);
    expect(await projector.position()).toBe(10n);
    expect((await seen(views)).map((r) => r.position)).toEqual(range(1, 10));

    // Another process (its own pools) resumes from the committed checkpoint.
    const restarted = projectorOn(await openViews(), new RecordingProjection());
    expect(await restarted.catchUp()).toBe(15);
    expect((await seen(views)).map((r) => r.position)).toEqual(range(1, 25));
  });

  it('a connection lost between the row writes and the commit loses the batch, never half of it', async () => {
    await appendOthers('other-a', 10);
    const views = open[0]!;
    const projector = projectorOn(views, new RecordingProjection());
    await projector.catchUp(5n);
    // A "projector" that writes rows 6..10 and the checkpoint under the views' lock, then dies.
    const dying = await rawSession(database.url);
    await dying.runner.query('BEGIN');
    await dying.runner.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(VIEW_WRITE_LOCK_KEY)]);
    await dying.runner.query(`INSERT INTO seen_events SELECT g, 'x', 'Something' FROM generate_series(6, 10) g`);
    await dying.runner.query(`UPDATE projection_checkpoints SET position = 10`);
    const [{ pid }] = (await dying.runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
    await views.writer.query('SELECT pg_terminate_backend($1)', [pid]);
    await dying.close().catch(() => undefined);

    expect(await projector.position()).toBe(5n);
    expect((await seen(views)).map((r) => r.position)).toEqual(range(1, 5));
    expect(await projector.catchUp()).toBe(5);
    expect((await seen(views)).map((r) => r.position)).toEqual(range(1, 10));
  });

  it('two projector instances (two processes’ pools) running the same batches at once: each batch is applied by one of them, every event exactly once', async () => {
    await appendOthers('other-a', 60);
    const [a, b] = [new RecordingProjection(), new RecordingProjection()];
    const pa = projectorOn(await openViews(), a, { batchSize: 7 });
    const pb = projectorOn(await openViews(), b, { batchSize: 7 });
    // Side by side, batch after batch: without the views' write lock both would read the same
    // checkpoint and insert the same positions (the second batch would then fail on the key).
    expect(await Promise.all([pa.runOnce(), pb.runOnce()])).toEqual([7, 7]);
    while ((await Promise.all([pa.runOnce(), pb.runOnce()])).some((n) => n > 0));
    const applied = [...a.applied, ...b.applied].sort((p, q) => (p < q ? -1 : 1));
    expect(applied.map(String)).toEqual(range(1, 60));
    expect(a.applied.length).toBeGreaterThan(0);
    expect(b.applied.length).toBeGreaterThan(0);
    expect((await seen(open[0]!)).map((r) => r.position)).toEqual(range(1, 60));
  });

  it('two running projector instances while appends keep arriving: every event exactly once, no batch fails', async () => {
    const errors: Error[] = [];
    const [a, b] = [new RecordingProjection(), new RecordingProjection()];
    const pa = projectorOn(await openViews(), a, { batchSize: 3, onError: (e) => errors.push(e) });
    const pb = projectorOn(await openViews(), b, { batchSize: 3, onError: (e) => errors.push(e) });
    pa.start();
    pb.start();
    for (let round = 0; round < 8; round++) {
      await appendOthers(`other-${round}`, 10);
      pa.nudge();
      pb.nudge();
    }
    const head = await store.headPosition();
    await pa.waitForPosition(head, 60_000);
    await pb.waitForPosition(head, 60_000);
    await pa.stop();
    await pb.stop();
    expect(errors).toEqual([]);
    const applied = [...a.applied, ...b.applied].map(String).sort((p, q) => Number(p) - Number(q));
    expect(applied).toEqual(range(1, 80));
    expect((await seen(open[0]!)).map((r) => r.position)).toEqual(range(1, 80));
  });

  it('late commit: an append transaction held open (append lock taken, row inserted) is applied in its place once it commits, never skipped', async () => {
    await appendOthers('other-a', 3);
    const views = open[0]!;
    const projection = new RecordingProjection();
    const projector = projectorOn(views, projection);
    await projector.catchUp();
    const slow = await rawSession(database.url);
    try {
      await slow.runner.query('BEGIN');
      await slow.runner.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(POSTGRES_APPEND_LOCK_KEY)]);
      await slow.runner.query(`INSERT INTO events VALUES (4, 'slow-1', 0, 'SlowEvent', '{}', $1, '2025-01-01T00:00:00.000Z')`, [
        JSON.stringify({ schemaVersion: 1, eventId: 'slow', correlationId: 'c', causationId: 'c' }),
      ]);
      projector.start();
      // A later append waits for the lock, so it can only take position 5 after the slow one commits.
      const fast = store.appendToStream('fast-1', 'no_stream', [event('FastEvent')]);
      await sleep(300);
      expect(await projector.position()).toBe(3n);
      await slow.runner.query('COMMIT');
      expect((await fast).lastPosition).toBe(5n);
      await projector.waitForPosition(5n, 30_000);
    } finally {
      await slow.runner.query('ROLLBACK').catch(() => undefined);
      await slow.close();
    }
    expect(projection.applied).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect((await seen(views)).slice(3)).toEqual([
      { position: '4', stream_name: 'slow-1', type: 'SlowEvent' },
      { position: '5', stream_name: 'fast-1', type: 'FastEvent' },
    ]);
  });

  it('late commit: a slow append of one store and a fast one of another, projected live, are applied in position order with no gap', async () => {
    const views = open[0]!;
    const projection = new RecordingProjection();
    const projector = projectorOn(views, projection, { batchSize: 1 });
    await views.writer.query(`CREATE OR REPLACE FUNCTION test_slow_fn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.stream_name = 'mpan-slow' THEN PERFORM pg_sleep(0.8); END IF; RETURN NEW; END $$`);
    await views.writer.query('CREATE TRIGGER test_slow BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_slow_fn()');
    const other = await PostgresEventStore.open({ connectionString: database.url });
    try {
      projector.start();
      const slow = store.appendToStream('mpan-slow', 'no_stream', [event('Slow')]);
      await sleep(150);
      const fast = other.appendToStream('fast', 'no_stream', [event('Fast')]);
      const [s, f] = await Promise.all([slow, fast]);
      await projector.waitForPosition(f.lastPosition, 30_000);
      expect(projection.applied).toEqual([s.lastPosition, f.lastPosition]);
      expect(s.lastPosition).toBe(1n);
    } finally {
      await other.close();
    }
  });

  it('read-your-writes: waitForPosition resolves once the running projector has applied the position, and another process sees the same checkpoint', async () => {
    const projector = projectorOn(open[0]!, new RecordingProjection());
    projector.start();
    await appendOthers('other-a', 3);
    projector.nudge();
    await expect(projector.waitForPosition(3n, 10_000)).resolves.toBeGreaterThanOrEqual(3n);
    const elsewhere = projectorOn(await openViews(), new RecordingProjection());
    expect(await elsewhere.position()).toBe(3n);
  });
});
