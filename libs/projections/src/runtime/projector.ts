import { EventStore, RecordedEvent } from '@app/event-store';
import {
  CreatedMpanState,
  initialState,
  MPAN_STREAM_PREFIX,
  MpanEvent,
  MpanState,
  ReferenceData,
} from '@app/registration-domain';
import { evolveMpanStream, MpanStreamEvent } from '@app/registration-app/registration/mpan-stream';
import { MESSAGE_STREAM_PREFIX } from '@app/registration-app/messages/message-outcome';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectionCheckpointEntity } from './entities';
import { ProjectedEvent, Projection, ProjectionContext } from './projection';
import { inChunks, memoByCount, perDataSource, placeholdersOf, tuplesOf } from './sql-chunks';
import { ViewDatabase } from './view-database';

/** Options of {@link Projector}. */
export interface ProjectorOptions {
  store: EventStore;
  views: ViewDatabase;
  projections: Projection[];
  referenceData: ReferenceData;
  /** The registry's DIP id (sender of publications). */
  registryDipId: string;
  /** `S1.environmentTag` of publications (DT-013); default `PRD`. */
  environmentTag?: string;
  /** Events per batch (one transaction each); default 500. */
  batchSize?: number;
  /** How often a running projector looks for new events when idle, ms; default 100. */
  idlePollMs?: number;
  /**
   * Which log events to apply (default: every one), e.g. "recorded at or before an instant" for the
   * as-known-at rebuild (../audit/known-at.ts). Must be deterministic. An event left out is read
   * and passed over — the checkpoint moves past it with its batch — but neither folded nor shown to
   * any projection. So that folds stay folds of a stream's prefix, the runtime also leaves out an
   * MPAN event whose stream has an earlier revision left out (a `PublicationIssued` is never applied
   * without the event it announces, appended with it), and a message outcome whose receipt is left
   * out. Without `include`, nothing changes.
   */
  include?: (event: RecordedEvent) => boolean;
  /**
   * Called after every committed batch (metrics, progress bars): `position` and `recordedAt` of the
   * batch's last event read; `applied` the events applied (without `include`, every event read);
   * `lastApplied` position and recorded-at of the batch's last applied event, `null` when none was.
   */
  onBatch?: (progress: {
    position: bigint;
    applied: number;
    recordedAt: string;
    lastApplied: { position: bigint; recordedAt: string } | null;
  }) => void;
  /** Called when a batch fails in the background loop (it is retried after a pause). */
  onError?: (error: Error) => void;
}

/** The view did not reach the asked position within the wait (read-your-writes, issue #5). */
export class ProjectionWaitTimeoutError extends Error {
  constructor(
    readonly wanted: bigint,
    readonly reached: bigint,
    readonly waitedMs: number,
  ) {
    super(
      `the views reached log position ${reached} but not ${wanted} within ${waitedMs} ms; retry later or without waiting`,
    );
    this.name = 'ProjectionWaitTimeoutError';
  }
}

/** A checkpoint row was missing or unreadable while projections disagreed (a corrupt view database). */
export class ProjectionCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionCheckpointError';
  }
}

/** Recorded form of an event, JSON-safe (bigints as decimal strings), for `projection_mpan_state.last_event`. */
interface StoredRecordedEvent extends Omit<RecordedEvent, 'revision' | 'position'> {
  revision: string;
  position: string;
}

interface FoldEntry {
  revision: bigint;
  state: MpanState;
  lastEvent: RecordedEvent | null;
  dirty: boolean;
}

/**
 * The projector runtime (issue #5; docs/architecture.md "Projections").
 *
 * Reads the global log in position order after the checkpoint, in batches, and for each batch runs
 * ONE write transaction on the view database in which:
 * 1. every event is folded into its MPAN's state (table `projection_mpan_state`), so projections
 *    get the state before and after each event and, for a `PublicationIssued`, the event it
 *    announces;
 * 2. every projection applies every event, in order (through its per-batch applier,
 *    `Projection.openBatch`, when it has one: then its `finish()` writes before step 3);
 * 3. every projection's checkpoint moves to the batch's last position.
 * Then it commits. A crash before the commit loses the whole batch (rows and checkpoint alike), and
 * the next run applies it again from the old checkpoint: no event lost, none applied twice.
 * On SQLite the batch commits with `synchronous=NORMAL` whatever the view database's setting
 * (`ViewWriteOptions.derived`, ADR 0022): a power loss can also undo the last committed batches
 * (never part of one), which the next run re-applies the same way.
 *
 * Gap safety: the runtime trusts `EventStore.readAll({ after })` never to return a position before
 * a transaction with a lower position has committed (the adapters guarantee it: SQLite by its single
 * writer, PostgreSQL and EventStoreDB by their own means, see docs/adr/0006).
 *
 * All projections advance together (one checkpoint value, stored per projection so a report can show
 * each). A rebuild starts from an empty view database (see ./rebuild.ts).
 */
export class Projector {
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private committed = 0n;
  /** Set by {@link nudge}; cleared when the loop starts a batch, so a nudge during a batch is not lost. */
  private nudged = false;
  private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();

  constructor(private readonly options: ProjectorOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.idlePollMs = options.idlePollMs ?? 100;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${String(options.batchSize)}`);
    }
    if (options.projections.length === 0) throw new RangeError('a projector needs at least one projection');
    const names = options.projections.map((p) => p.name);
    if (new Set(names).size !== names.length) throw new RangeError(`projection names must be unique: ${names.join(', ')}`);
  }

  /** Names of the projections this projector runs. */
  get projectionNames(): string[] {
    return this.options.projections.map((p) => p.name);
  }

  /**
   * The committed checkpoint: the global position every projection has applied up to (`0n` before
   * any). Read from the database, so it is right in any process.
   * @throws ProjectionCheckpointError when projections' checkpoints differ (they move together).
   */
  async position(): Promise<bigint> {
    const rows = await this.options.views.reader.getRepository(ProjectionCheckpointEntity).find();
    const positions = this.projectionNames.map((name) => BigInt(rows.find((r) => r.name === name)?.position ?? '0'));
    const first = positions[0];
    if (positions.some((p) => p !== first)) {
      throw new ProjectionCheckpointError(
        `projection checkpoints differ (${this.projectionNames.map((n, i) => `${n}=${positions[i]}`).join(', ')}); rebuild the views`,
      );
    }
    this.committed = first > this.committed ? first : this.committed;
    return first;
  }

  /**
   * Applies the next batch after the checkpoint (at most `batchSize` events, none beyond `to` when
   * given). Returns how many events it read and moved past (0 when the log has nothing new); without
   * an `include` filter, it applied every one of them.
   * @throws whatever a projection or the database throws; nothing of the batch is committed then.
   */
  async runOnce(to?: bigint): Promise<number> {
    const { store, views } = this.options;
    const done = await views.writeTransaction(async (manager) => {
      const after = await this.checkpointIn(manager);
      let maxCount = this.batchSize;
      if (to !== undefined) {
        if (to <= after) return null;
        if (to - after < BigInt(maxCount)) maxCount = Number(to - after);
      }
      const events = (await store.readAll({ after, maxCount })).filter((e) => to === undefined || e.position <= to);
      if (events.length === 0) return null;
      const applied = await this.applyBatch(events, manager);
      const last = events[events.length - 1];
      const names = this.projectionNames;
      await manager.query(
        checkpointStatementsFor(manager.connection).upsert(names.length),
        names.flatMap((name) => [name, last.position.toString(), last.recordedAt]),
      );
      return { read: events.length, position: last.position, recordedAt: last.recordedAt, ...applied };
      // Only rows the log determines, re-applied from the checkpoint if a power loss undoes them (ADR 0022).
    }, { derived: true });
    if (done === null) return 0;
    this.committedUpTo(done.position);
    const { read, ...progress } = done;
    this.options.onBatch?.(progress);
    return read;
  }

  /**
   * Applies batches until the checkpoint reaches `to` (default: the log's head when called).
   * Returns the number of events read (all applied unless an `include` filter left some out).
   */
  async catchUp(to?: bigint): Promise<number> {
    const target = to ?? (await this.options.store.headPosition());
    let total = 0;
    for (;;) {
      const applied = await this.runOnce(target);
      total += applied;
      if (applied === 0) return total;
    }
  }

  /**
   * Starts the background loop: catch up, then wait for {@link nudge} or the idle poll, and repeat.
   * After a batch shorter than `batchSize` (the log's head was reached) the loop waits unless it was
   * nudged meanwhile.
   * A failing batch is reported to `onError` and retried after a pause (1 s, doubling to 30 s).
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runLoop();
  }

  /** Stops the loop after the batch in progress commits (or fails); resolves when it has stopped. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * Tells a running projector that the log has new events (saves waiting for the idle poll). A
   * nudge while a batch runs makes the loop run the next batch at once, after that one.
   */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /**
   * Resolves once the views have applied the log up to `position` (read-your-writes), checking the
   * committed checkpoint in the database, so it also works when another process runs the projector.
   * @throws ProjectionWaitTimeoutError after `timeoutMs` (the view may still catch up later).
   */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<bigint> {
    const started = Date.now();
    this.nudge();
    for (;;) {
      const reached = await this.position();
      if (reached >= position) return reached;
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0) throw new ProjectionWaitTimeoutError(position, reached, timeoutMs);
      await new Promise<void>((resolveWait) => {
        const waiter = { position, resolve: resolveWait };
        this.waiters.add(waiter);
        setTimeout(() => {
          this.waiters.delete(waiter);
          resolveWait();
        }, Math.min(left, 50));
      });
    }
  }

  private committedUpTo(position: bigint): void {
    if (position > this.committed) this.committed = position;
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private async runLoop(): Promise<void> {
    let pauseMs = 1000;
    while (this.running) {
      try {
        this.nudged = false;
        const read = await this.runOnce();
        pauseMs = 1000;
        // A full batch may have left events behind: run again. A partial one read the log to its
        // head, so only an append since then — which nudges — can have added any: run again if one
        // did, else wait for a nudge or the idle poll (appends of other processes). Running again
        // unasked would be an empty write transaction after every batch.
        if (read >= this.batchSize || this.nudged) continue;
        await this.sleep(this.idlePollMs);
      } catch (error) {
        this.options.onError?.(error as Error);
        await this.sleep(pauseMs);
        pauseMs = Math.min(pauseMs * 2, 30_000);
      }
    }
  }

  /** Waits `ms`, or less if woken ({@link nudge}, {@link stop}); resolves at once once stopped. */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolveSleep) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolveSleep();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async checkpointIn(manager: EntityManager): Promise<bigint> {
    const rows = (await manager.query(checkpointStatementsFor(manager.connection).select)) as Array<{ name: string; position: string }>;
    const positions = this.projectionNames.map((name) => BigInt(rows.find((r) => r.name === name)?.position ?? '0'));
    if (positions.some((p) => p !== positions[0])) {
      throw new ProjectionCheckpointError(
        `projection checkpoints differ (${this.projectionNames.map((n, i) => `${n}=${positions[i]}`).join(', ')}); rebuild the views`,
      );
    }
    return positions[0];
  }

  /** Folds and applies one batch inside the open transaction; says how many events it applied and the last one. */
  private async applyBatch(
    events: RecordedEvent[],
    manager: EntityManager,
  ): Promise<{ applied: number; lastApplied: { position: bigint; recordedAt: string } | null }> {
    const context: ProjectionContext = {
      manager,
      referenceData: this.options.referenceData,
      registryDipId: this.options.registryDipId,
      environmentTag: this.options.environmentTag ?? 'PRD',
    };
    const folds = await this.loadFolds(events, manager);
    const receipts = new Map<string, RecordedEvent>();
    const include = this.options.include;
    const batches = this.options.projections.map((projection) => projection.openBatch?.(context) ?? null);
    let applied = 0;
    let lastApplied: { position: bigint; recordedAt: string } | null = null;
    for (const recorded of events) {
      if (include && !include(recorded)) continue;
      const projected = await this.contextOf(recorded, folds, receipts);
      // null: already folded (cannot happen with an atomic checkpoint; a guard), or, with a filter,
      // an earlier event of its stream was left out.
      if (projected === null) continue;
      applied += 1;
      lastApplied = { position: recorded.position, recordedAt: recorded.recordedAt };
      for (let i = 0; i < batches.length; i++) {
        const projection = this.options.projections[i];
        const batch = batches[i];
        try {
          if (batch) await batch.apply(projected);
          else await projection.apply(projected, context);
        } catch (error) {
          const e = error as Error;
          e.message = `projection ${projection.name} failed on ${recorded.type} at position ${recorded.position} (stream ${recorded.streamName} revision ${recorded.revision}): ${e.message}`;
          throw e;
        }
      }
    }
    for (let i = 0; i < batches.length; i++) {
      try {
        await batches[i]?.finish();
      } catch (error) {
        const e = error as Error;
        e.message = `projection ${this.options.projections[i].name} failed writing the batch ending at position ${events[events.length - 1].position}: ${e.message}`;
        throw e;
      }
    }
    const dirty = [...folds].filter(([, entry]) => entry.dirty);
    const sql = foldStatementsFor(manager.connection);
    await inChunks(dirty, 4, (chunk) =>
      manager.query(
        sql.upsert(chunk.length),
        chunk.flatMap(([mpanCore, entry]) => [
          mpanCore,
          entry.revision.toString(),
          JSON.stringify(entry.state),
          entry.lastEvent ? JSON.stringify(toStored(entry.lastEvent)) : null,
        ]),
      ),
    );
    return { applied, lastApplied };
  }

  /**
   * The folded state of every MPAN stream the batch touches, as `projection_mpan_state` holds it
   * (the initial state for an MPAN it does not hold), read with a few `IN (…)` SELECTs rather than
   * one per MPAN. Entries start clean; folding marks them dirty.
   */
  private async loadFolds(events: RecordedEvent[], manager: EntityManager): Promise<Map<string, FoldEntry>> {
    const folds = new Map<string, FoldEntry>();
    const cores = new Set<string>();
    for (const recorded of events) {
      if (recorded.streamName.startsWith(MPAN_STREAM_PREFIX)) cores.add(recorded.streamName.slice(MPAN_STREAM_PREFIX.length));
    }
    const sql = foldStatementsFor(manager.connection);
    const found = await inChunks([...cores], 1, (chunk) =>
      manager.query(sql.select(chunk.length), chunk) as Promise<Array<{ mpan_core: string; revision: string | number; state: string; last_event: string | null }>>,
    );
    for (const row of found.flat()) {
      folds.set(row.mpan_core, {
        revision: BigInt(row.revision),
        state: JSON.parse(row.state) as MpanState,
        lastEvent: row.last_event ? fromStored(JSON.parse(row.last_event) as StoredRecordedEvent) : null,
        dirty: false,
      });
    }
    for (const core of cores) {
      if (!folds.has(core)) folds.set(core, { revision: -1n, state: initialState(), lastEvent: null, dirty: false });
    }
    return folds;
  }

  private async contextOf(
    recorded: RecordedEvent,
    folds: Map<string, FoldEntry>,
    receipts: Map<string, RecordedEvent>,
  ): Promise<ProjectedEvent | null> {
    if (recorded.streamName.startsWith(MPAN_STREAM_PREFIX)) {
      const mpanCore = recorded.streamName.slice(MPAN_STREAM_PREFIX.length);
      // Every MPAN stream of the batch was loaded up front (loadFolds).
      const entry = folds.get(mpanCore)!;
      if (recorded.revision <= entry.revision) return null;
      // With a filter, a fold is always of a prefix of its stream: never revision n + 1 without n.
      if (this.options.include && recorded.revision !== entry.revision + 1n) return null;
      const stateBefore = entry.state;
      const streamEvent = { type: recorded.type, data: recorded.data } as unknown as MpanStreamEvent;
      const stateAfter = evolveMpanStream(stateBefore, streamEvent);
      entry.state = stateAfter;
      entry.revision = recorded.revision;
      entry.dirty = true;
      if (streamEvent.type === 'PublicationIssued') {
        const cause = entry.lastEvent;
        if (!cause || stateAfter.status !== 'Created') {
          throw new Error(`PublicationIssued at position ${recorded.position} has no MPAN event before it in ${recorded.streamName}`);
        }
        return {
          kind: 'mpan',
          recorded,
          mpanCore,
          event: null,
          stateBefore,
          stateAfter,
          causedBy: {
            event: { type: cause.type, data: cause.data } as unknown as MpanEvent,
            recorded: cause,
            stateAfter: stateAfter as CreatedMpanState,
          },
        };
      }
      entry.lastEvent = recorded;
      return { kind: 'mpan', recorded, mpanCore, event: streamEvent, stateBefore, stateAfter, causedBy: null };
    }
    if (recorded.streamName.startsWith(MESSAGE_STREAM_PREFIX)) {
      if (recorded.type === 'InboundMessageReceived') {
        receipts.set(recorded.streamName, recorded);
        return { kind: 'message', recorded, receipt: null };
      }
      let receipt = receipts.get(recorded.streamName);
      if (!receipt) {
        [receipt] = await this.options.store.readStream(recorded.streamName, { fromRevision: 0n, maxCount: 1 });
      }
      if (this.options.include && receipt && !this.options.include(receipt)) return null;
      return { kind: 'message', recorded, receipt: receipt ?? null };
    }
    return { kind: 'other', recorded };
  }
}

/**
 * The statements on `projection_mpan_state` (`MpanFoldStateEntity`) a batch runs, plain SQL with
 * the driver's placeholders built once per DataSource and row count: one SELECT of the batch's
 * MPANs and one multi-row upsert of those it folded (chunked, ./sql-chunks.ts). Through TypeORM's
 * `findOneBy`/`save` (a SELECT before each write) the per-MPAN statements cost about 7% of a rebuild.
 */
interface FoldStatements {
  /** The rows of `n` MPAN cores (parameters: the cores). */
  select(n: number): string;
  /** Inserts or replaces `n` rows (parameters: core, revision, state, last event per row). */
  upsert(n: number): string;
}

const foldStatementsFor = perDataSource((source: DataSource): FoldStatements => ({
    select: memoByCount(
      (n) => `SELECT "mpan_core", "revision", "state", "last_event" FROM "projection_mpan_state" WHERE "mpan_core" IN (${placeholdersOf(source, n).join(', ')})`,
    ),
    upsert: memoByCount(
      (n) =>
        `INSERT INTO "projection_mpan_state" ("mpan_core", "revision", "state", "last_event") VALUES ${tuplesOf(source, n, 4)} ` +
        'ON CONFLICT ("mpan_core") DO UPDATE SET "revision" = excluded."revision", "state" = excluded."state", "last_event" = excluded."last_event"',
    ),
}));

/**
 * The statements on `projection_checkpoints` (`ProjectionCheckpointEntity`) every batch runs, plain
 * SQL with the driver's placeholders built once per DataSource: the SELECT of every checkpoint and
 * one multi-row upsert of the projections' checkpoints (the same rows TypeORM's `find` / `save`
 * wrote, which cost a SELECT before each write and the query builders: about 4% of the live
 * server's CPU in a profile of W1 over HTTP).
 */
interface CheckpointStatements {
  /** Every checkpoint row, `name` and `position` (no parameters). */
  select: string;
  /** Inserts or replaces `n` checkpoints (parameters: name, position, event recorded-at per row). */
  upsert(n: number): string;
}

const checkpointStatementsFor = perDataSource(
  (source: DataSource): CheckpointStatements => ({
    select: 'SELECT "name", "position" FROM "projection_checkpoints"',
    upsert: memoByCount(
      (n) =>
        `INSERT INTO "projection_checkpoints" ("name", "position", "event_recorded_at") VALUES ${tuplesOf(source, n, 3)} ` +
        'ON CONFLICT ("name") DO UPDATE SET "position" = excluded."position", "event_recorded_at" = excluded."event_recorded_at"',
    ),
  }),
);

function toStored(e: RecordedEvent): StoredRecordedEvent {
  return { ...e, revision: e.revision.toString(), position: e.position.toString() };
}

function fromStored(e: StoredRecordedEvent): RecordedEvent {
  return { ...e, revision: BigInt(e.revision), position: BigInt(e.position) };
}
