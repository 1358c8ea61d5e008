import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { loadReferenceDataFile } from '@app/registration-app';
import { digestViews } from './digest';
import { ProjectedEvent, Projection, ProjectionContext } from './projection';
import { ProjectionWaitTimeoutError, Projector } from './projector';
import { rebuildViews } from './rebuild';
import { ViewDatabase } from './view-database';

/**
 * The projector runtime against real SQLite files (issue #5): exactly-once application with the
 * checkpoint in the batch's transaction, restart after a crash mid-batch, a transaction that
 * commits late, read-your-writes waits, and rebuild digests.
 */

const ref = loadReferenceDataFile(join(__dirname, '..', '..', '..', '..', 'reference-data', 'participants.json'));

/** A projection that records every event it sees in `seen_events` (one row per position). */
class RecordingProjection implements Projection {
  readonly name: string;
  readonly tables = [{ name: 'seen_events', orderBy: ['position'] }];
  /** Throws on this position (once per arming), after writing its row: a crash mid-batch. */
  failOn: bigint | null = null;

  constructor(name = 'recording') {
    this.name = name;
  }

  async apply(event: ProjectedEvent, { manager }: ProjectionContext): Promise<void> {
    const { recorded } = event;
    // The test table is created with the first event (a real projection has a migration).
    await manager.query(SEEN_TABLE);
    await manager.query('INSERT OR REPLACE INTO seen_events (position, stream_name, revision, type, kind) VALUES (?, ?, ?, ?, ?)', [
      recorded.position.toString(),
      recorded.streamName,
      recorded.revision.toString(),
      recorded.type,
      event.kind,
    ]);
    if (this.failOn === recorded.position) {
      this.failOn = null;
      throw new Error(`simulated crash at position ${recorded.position}`);
    }
  }
}

const SEEN_TABLE = 'CREATE TABLE IF NOT EXISTS seen_events (position TEXT PRIMARY KEY, stream_name TEXT, revision TEXT, type TEXT, kind TEXT)';

async function createSeenTable(views: ViewDatabase): Promise<void> {
  await views.writeTransaction((m) => m.query(SEEN_TABLE));
}

const seen = async (views: ViewDatabase) =>
  (await views.reader.query('SELECT position, stream_name AS streamName, type FROM seen_events ORDER BY CAST(position AS INTEGER)')) as Array<{
    position: string;
    streamName: string;
    type: string;
  }>;

const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  data,
  metadata: { schemaVersion: 1, eventId: `${type}-${Math.random()}`, correlationId: 'c', causationId: 'c' },
});

describe('Projector on SQLite files', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: ViewDatabase;
  let projection: RecordingProjection;
  let projector: Projector;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-projector-'));
    store = await SqliteEventStore.open({ path: join(dir, 'registry.sqlite'), busyTimeoutMs: 10_000 });
    views = await ViewDatabase.openSqlite({ path: join(dir, 'registry-views.sqlite') });
    await createSeenTable(views);
    projection = new RecordingProjection();
    projector = new Projector({ store, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 10, idlePollMs: 5 });
  });

  afterEach(async () => {
    await projector.stop();
    await views.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appendOthers(stream: string, count: number): Promise<RecordedEvent[]> {
    for (let i = 0; i < count; i++) {
      const revision = await store.streamRevision(stream);
      await store.appendToStream(stream, revision, [event('Something', { i })]);
    }
    return store.readStream(stream);
  }

  it('applies every event once, in position order, across batches; the checkpoint is the last position', async () => {
    await appendOthers('other-a', 13);
    await appendOthers('other-b', 12);
    expect(await projector.catchUp()).toBe(25);
    expect(await projector.position()).toBe(25n);
    const rows = await seen(views);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    // Nothing new: a second run applies nothing and changes nothing.
    expect(await projector.catchUp()).toBe(0);
    expect(await seen(views)).toEqual(rows);
  });

  it("stores each projection's checkpoint row: the batch's last position and its recorded-at, inserted then updated", async () => {
    const both = new Projector({ store, views, projections: [projection, new RecordingProjection('second')], referenceData: ref, registryDipId: '9000000002', batchSize: 4 });
    const checkpoints = () =>
      views.reader.query('SELECT name, position, event_recorded_at AS "recordedAt" FROM projection_checkpoints ORDER BY name') as Promise<
        Array<{ name: string; position: string; recordedAt: string | null }>
      >;
    const first = await appendOthers('other-a', 6);
    expect(await both.catchUp()).toBe(6);
    expect(await checkpoints()).toEqual([
      { name: 'recording', position: '6', recordedAt: first[5]!.recordedAt },
      { name: 'second', position: '6', recordedAt: first[5]!.recordedAt },
    ]);
    const more = await appendOthers('other-b', 3);
    expect(await both.runOnce()).toBe(3);
    expect(await checkpoints()).toEqual([
      { name: 'recording', position: '9', recordedAt: more[2]!.recordedAt },
      { name: 'second', position: '9', recordedAt: more[2]!.recordedAt },
    ]);
    expect(await both.position()).toBe(9n);
  });

  it('a crash in the middle of a batch commits nothing of it; the restart applies the batch exactly once', async () => {
    await appendOthers('other-a', 25);
    await projector.catchUp(10n);
    projection.failOn = 15n; // rows 11..15 written in the open transaction, then the "crash"
    await expect(projector.runOnce()).rejects.toThrow(/projection recording failed on Something at position 15 .*simulated crash/);
    expect(await projector.position()).toBe(10n);
    expect((await seen(views)).map((r) => r.position)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));

    // A new projector process over the same files resumes from the committed checkpoint.
    const restarted = new Projector({ store, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 10 });
    expect(await restarted.catchUp()).toBe(15);
    expect((await seen(views)).map((r) => r.position)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
  });

  it('a crash of the whole process between the row writes and the commit loses the batch, never half of it', async () => {
    await appendOthers('other-a', 5);
    await projector.catchUp();
    await appendOthers('other-a', 5);
    // A child process opens the view database, writes rows 6..10 as the projector would, then
    // dies (SIGKILL) before its COMMIT.
    const script = join(dir, 'crash.js');
    writeFileSync(
      script,
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const db = new Database(process.argv[2]);
       db.exec('BEGIN IMMEDIATE');
       for (let p = 6; p <= 10; p++) db.prepare("INSERT INTO seen_events (position, stream_name, revision, type, kind) VALUES (?, 'x', '0', 'Something', 'other')").run(String(p));
       db.prepare("UPDATE projection_checkpoints SET position = '10'").run();
       process.send('written');
       setInterval(() => {}, 1000);`,
    );
    const child = fork(script, [join(dir, 'registry-views.sqlite')], { stdio: 'ignore' });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    expect(await projector.position()).toBe(5n);
    expect((await seen(views)).map((r) => r.position)).toEqual(['1', '2', '3', '4', '5']);
    expect(await projector.catchUp()).toBe(5);
    expect((await seen(views)).map((r) => r.position)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('never skips a transaction that commits late: a later append cannot take a position until the earlier one commits', async () => {
    await appendOthers('other-a', 3);
    await projector.catchUp();
    // Another process begins an append (takes position 4) and holds its transaction open for a while.
    const script = join(dir, 'slow-writer.js');
    writeFileSync(
      script,
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const db = new Database(process.argv[2]);
       db.exec('BEGIN IMMEDIATE');
       db.prepare("INSERT INTO events (stream_name, revision, type, data, metadata, recorded_at) VALUES ('slow-1', 0, 'SlowEvent', '{}', ?, '2025-01-01T00:00:00.000Z')")
         .run(JSON.stringify({ schemaVersion: 1, eventId: 'slow', correlationId: 'c', causationId: 'c' }));
       process.send('holding');
       setTimeout(() => { db.exec('COMMIT'); process.send('committed'); setTimeout(() => process.exit(0), 50); }, 400);`,
    );
    const child = fork(script, [join(dir, 'registry.sqlite')], { stdio: 'ignore' });
    const holding = new Promise<void>((resolve) => child.on('message', (m) => m === 'holding' && resolve()));
    const committed = new Promise<void>((resolve) => child.on('message', (m) => m === 'committed' && resolve()));
    await holding;

    // While it is open the reader sees nothing new: position 4 is not visible, and nothing after it exists.
    expect(await projector.runOnce()).toBe(0);
    // Our append waits for the write lock, so it can only be numbered after the slow one commits.
    // (better-sqlite3 waits synchronously, up to busy_timeout, for the other process's COMMIT.)
    const appended = await store.appendToStream('fast-1', 'no_stream', [event('FastEvent')]);
    await committed;
    expect(appended.lastPosition).toBe(5n);
    await projector.catchUp();
    expect((await seen(views)).slice(3)).toEqual([
      { position: '4', streamName: 'slow-1', type: 'SlowEvent' },
      { position: '5', streamName: 'fast-1', type: 'FastEvent' },
    ]);
    await new Promise((resolve) => child.once('exit', resolve));
  });

  it('read-your-writes: waitForPosition resolves once the running projector has applied the position, and times out clearly', async () => {
    projector.start();
    await appendOthers('other-a', 3);
    projector.nudge();
    await expect(projector.waitForPosition(3n, 5_000)).resolves.toBeGreaterThanOrEqual(3n);
    const error = await projector.waitForPosition(99n, 30).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionWaitTimeoutError);
    expect((error as Error).message).toMatch(/reached log position 3 but not 99 within 30 ms/);
  });

  describe('the running loop', () => {
    /** Polls the committed checkpoint (without nudging, unlike waitForPosition) until it reaches `position` or `ms` pass. */
    async function positionWithin(p: Projector, position: bigint, ms: number): Promise<bigint> {
      const until = Date.now() + ms;
      for (;;) {
        const reached = await p.position();
        if (reached >= position || Date.now() > until) return reached;
        await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      }
    }

    /**
     * The store as a projector sees it, with a gate: while `gate()` returns a promise, `readAll`
     * returns what it read only after calling `entered()` and awaiting that promise.
     */
    function gatedStore(gate: () => Promise<void> | null, entered: () => void): SqliteEventStore {
      return new Proxy(store, {
        get(target, prop) {
          if (prop === 'readAll') {
            return async (options: Parameters<SqliteEventStore['readAll']>[0]) => {
              const read = await target.readAll(options);
              const held = gate();
              if (held) {
                entered();
                await held;
              }
              return read;
            };
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    }

    it('after a batch that reached the head it waits for a nudge: no empty write transaction after each batch', async () => {
      const quiet = new Projector({ store, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 10, idlePollMs: 60_000 });
      try {
        quiet.start();
        await new Promise((resolveWait) => setTimeout(resolveWait, 50)); // the first run found an empty log
        const start = views.commitStats.NORMAL;
        await appendOthers('other-a', 3);
        quiet.nudge();
        expect(await positionWithin(quiet, 3n, 5_000)).toBe(3n);
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
        expect(views.commitStats.NORMAL - start).toBe(1); // the batch of 3, nothing after it
        // A full batch is followed at once by the next one, unasked.
        await appendOthers('other-b', 25);
        quiet.nudge();
        expect(await positionWithin(quiet, 28n, 5_000)).toBe(28n);
      } finally {
        await quiet.stop();
      }
    });

    it('a nudge while a batch runs is not lost: the loop runs again at once, not after the idle poll', async () => {
      let hold: Promise<void> | null = null;
      let entered!: () => void;
      const inside = new Promise<void>((resolveInside) => (entered = resolveInside));
      // The store as the projector sees it: readAll returns what it read, then waits while held.
      const gated = gatedStore(() => hold, () => entered());
      const quiet = new Projector({ store: gated, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 10, idlePollMs: 60_000 });
      let release: (() => void) | undefined;
      try {
        hold = new Promise<void>((resolveHold) => (release = resolveHold));
        quiet.start(); // its first batch reads the empty log, then is held
        await inside;
        await appendOthers('other-a', 1);
        quiet.nudge(); // during the batch that read nothing
        hold = null;
        release?.();
        expect(await positionWithin(quiet, 1n, 3_000)).toBe(1n);
      } finally {
        hold = null;
        release?.();
        await quiet.stop();
      }
    });

    it('stop() during a batch that reaches the head returns when the batch ends, not after the idle poll', async () => {
      await appendOthers('other-a', 3);
      let release: (() => void) | undefined;
      let entered!: () => void;
      const inside = new Promise<void>((resolveInside) => (entered = resolveInside));
      const hold = new Promise<void>((resolveHold) => (release = resolveHold));
      const gated = gatedStore(() => hold, () => entered());
      const quiet = new Projector({ store: gated, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 10, idlePollMs: 60_000 });
      try {
        quiet.start();
        await inside; // the first batch (3 events, short of batchSize) is held
        const stopping = quiet.stop();
        release?.();
        const started = Date.now();
        await stopping;
        expect(Date.now() - started).toBeLessThan(5_000); // before the fix: the 60 s idle poll
        expect(await quiet.position()).toBe(3n); // the batch in progress committed
      } finally {
        release?.();
        await quiet.stop();
      }
    });
  });

  it('folds MPAN streams for projections: a PublicationIssued comes with the event it announces', async () => {
    const core = '1900000000013';
    await store.appendToStream(`mpan-${core}`, 'no_stream', [
      event('MpanCreated', {
        mpanCore: core,
        distributorId: '19',
        effectiveFromDate: '2025-04-01',
        gspGroupId: '_J',
        address: { addressLine1: '1 High St', postcode: 'TN1 1AA' },
        connectionType: 'W',
        energyDirection: 'I',
        meteredIndicator: true,
        marketSegment: 'S',
        duosTariffId: '123',
        energisationStatus: 'D',
        domesticPremiseIndicator: true,
      }),
      event('PublicationIssued', { mpanCore: core, interfaceId: 'IF-050', eventCode: '[MPANCreation]', recipients: [], causedByEventType: 'MpanCreated', appointmentId: null }),
    ]);
    const contexts: ProjectedEvent[] = [];
    const capture: Projection = { name: 'capture', tables: [], apply: async (e) => void contexts.push(e) };
    const p = new Projector({ store, views, projections: [capture], referenceData: ref, registryDipId: '9000000002', batchSize: 1 });
    await p.catchUp();
    expect(contexts.map((c) => [c.kind, c.recorded.type])).toEqual([
      ['mpan', 'MpanCreated'],
      ['mpan', 'PublicationIssued'],
    ]);
    const [created, published] = contexts as Array<Extract<ProjectedEvent, { kind: 'mpan' }>>;
    expect(created!.stateBefore.status).toBe('Absent');
    expect(created!.stateAfter.status).toBe('Created');
    // In a batch of its own, the publication still gets its cause (from the stored fold).
    expect(published!.event).toBeNull();
    expect(published!.causedBy?.event.type).toBe('MpanCreated');
    expect(published!.causedBy?.recorded.position).toBe(1n);
  });

  it('a rebuild from zero has the digest of the live views at the same position; altered live rows are found', async () => {
    // Live: built in small batches while events keep arriving.
    for (let round = 0; round < 5; round++) {
      await appendOthers(`other-${round}`, 7);
      await projector.runOnce();
    }
    await projector.catchUp();
    const live = await digestViews(views, [projection]);
    expect(live.position).toBe(35n);

    const rebuiltProjection = new RecordingProjection();
    const outPath = join(dir, 'rebuilt.sqlite');
    const progress: bigint[] = [];
    const report = await rebuildWithTable(outPath, rebuiltProjection, progress);
    expect(report.matches).toBe(true);
    expect(report.rebuilt.sha256).toBe(live.sha256);
    expect(report.events).toBe(35);
    expect(progress[progress.length - 1]).toBe(35n);
    await expect(rebuildViews({ store, referenceData: ref, registryDipId: '9000000002', projections: [rebuiltProjection], outPath })).rejects.toThrow(
      /already exists/,
    );

    // Someone edits a live row: the next comparison names the table.
    await views.writeTransaction((m) => m.query("UPDATE seen_events SET type = 'Edited' WHERE position = '7'"));
    const second = await rebuildWithTable(join(dir, 'rebuilt-2.sqlite'), new RecordingProjection(), []);
    expect(second.matches).toBe(false);
    expect(second.differingTables).toEqual(['seen_events']);
  });

  function rebuildWithTable(outPath: string, p: RecordingProjection, progress: bigint[]) {
    return rebuildViews({
      store,
      referenceData: ref,
      registryDipId: '9000000002',
      projections: [p],
      outPath,
      live: views,
      batchSize: 8,
      onProgress: ({ position }) => progress.push(position),
    });
  }
});
