/**
 * The EventStore contract suite: the behaviour every adapter (in-memory, SQLite, PostgreSQL,
 * EventStoreDB) must show, written once and run by each adapter's spec:
 *
 * ```ts
 * describeEventStoreContract('SqliteEventStore', async () => {
 *   const store = await SqliteEventStore.open({ path });
 *   return { store, cleanup: async () => { await store.close(); rmSync(path) } };
 * });
 * ```
 *
 * It covers appends (exact expected revision, `no_stream`, idempotent resends, all-or-nothing
 * batches, concurrency), stream reads, the global log (`readAll`, `headPosition`), event contents,
 * catch-up subscriptions (`subscribeToAll`: from the start, resume from a checkpoint after a close,
 * from the head), the lifecycle, and the optional multi-stream append `appendToStreams` for the
 * adapters that have it (option `appendToStreams`).
 *
 * The tests never assume positions are dense or start at 1 (EventStoreDB's are commit offsets),
 * and every test writes to its own randomly prefixed streams and reads the global log with
 * `after: <head before the test>` and that prefix, so the suite also runs against a shared server
 * that cannot be emptied (pass `{ startsEmpty: false }`).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

/** What the factory of {@link describeEventStoreContract} hands to each test. */
export interface EventStoreUnderTest {
  store: EventStore;
  /** Closes the store (it may already be closed) and removes whatever the factory created. */
  cleanup: () => Promise<void>;
}

/** Options of {@link describeEventStoreContract}. */
export interface EventStoreContractOptions {
  /**
   * Whether each store from the factory starts with an empty log (default `true`); when `false`
   * the "empty log" test is skipped, e.g. for a shared EventStoreDB server.
   */
  startsEmpty?: boolean;
  /**
   * Whether the adapter has the optional multi-stream append `appendToStreams` (default `false`):
   * when `true` its contract runs; when `false` the suite checks that the method is absent (so an
   * adapter that gains it must also pass its contract).
   */
  appendToStreams?: boolean;
}

/**
 * Registers the contract suite (a jest `describe` block named `EventStore contract: <name>`).
 * @param name adapter name shown in the test report.
 * @param factory called before every test; returns a fresh, open store and its cleanup, called
 *   after the test.
 * @param options see {@link EventStoreContractOptions}.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  options: EventStoreContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    /** Unique stream-name prefix of the running test. */
    let p: string;

    /** Subscriptions opened by the running test, closed before the cleanup. */
    let subscriptions: EventSubscription[];

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      p = `contract-${randomUUID().slice(0, 8)}-`;
      subscriptions = [];
    });

    afterEach(async () => {
      for (const subscription of subscriptions) await subscription.close();
      await cleanup();
    });

    /** A reader of a new subscription of `store`, closed after the test. */
    const subscribe = (options: Parameters<EventStore['subscribeToAll']>[0]): SubscriptionReader => {
      const subscription = store.subscribeToAll(options);
      subscriptions.push(subscription);
      return new SubscriptionReader(subscription);
    };

    describe('appendToStream', () => {
      it('appends to a new stream with no_stream, revisions from 0n', async () => {
        const result = await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2')]);

        expect(result.nextExpectedRevision).toBe(1n);
        expect(result.positions).toHaveLength(2);
        expect(result.positions[1]).toBeGreaterThan(result.positions[0]);
        expect(result.lastPosition).toBe(result.positions[1]);
        const read = await store.readStream(`${p}a`);
        expect(read.map((e) => [e.streamName, e.revision, e.position, e.type])).toEqual([
          [`${p}a`, 0n, result.positions[0], 'A1'],
          [`${p}a`, 1n, result.positions[1], 'A2'],
        ]);
      });

      it('continues a stream when the exact expected revision is current', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')]);
        const result = await store.appendToStream(`${p}a`, 0n, [ev('A2'), ev('A3')]);

        expect(result.nextExpectedRevision).toBe(2n);
        expect((await store.readStream(`${p}a`)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('fails no_stream on an existing stream with WrongExpectedRevisionError and writes nothing', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2')]);
        const head = await store.headPosition();

        const error = await rejectionOf(store.appendToStream(`${p}a`, 'no_stream', [ev('X')]));

        expectWrongRevision(error, `${p}a`, 'no_stream', 1n);
        expect(await store.readStream(`${p}a`)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('refuses an idempotent resend: the same events again with no_stream fail with WrongExpectedRevisionError and write nothing', async () => {
        // The message streams' idempotency (ADR 0004) rests on this: a resend of a reservation
        // (same events, same metadata.eventId) must surface as a conflict, never as a success.
        const events = [ev('InboundMessageReceived', { bodyHash: 'h1' }), ev('InboundMessageAccepted')];
        await store.appendToStream(`${p}message-1`, 'no_stream', events);
        const head = await store.headPosition();

        const whole = await rejectionOf(store.appendToStream(`${p}message-1`, 'no_stream', events));
        const first = await rejectionOf(store.appendToStream(`${p}message-1`, 'no_stream', [events[0]]));

        expectWrongRevision(whole, `${p}message-1`, 'no_stream', 1n);
        expectWrongRevision(first, `${p}message-1`, 'no_stream', 1n);
        expect((await store.readStream(`${p}message-1`)).map((e) => e.metadata.eventId)).toEqual(
          events.map((e) => e.metadata.eventId),
        );
        expect(await store.headPosition()).toBe(head);
      });

      it('fails a stale exact expected revision with WrongExpectedRevisionError and writes nothing', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2'), ev('A3')]);
        const head = await store.headPosition();

        const error = await rejectionOf(store.appendToStream(`${p}a`, 0n, [ev('X1'), ev('X2')]));

        expectWrongRevision(error, `${p}a`, 0n, 2n);
        expect((await store.readStream(`${p}a`)).map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
        expect(await store.headPosition()).toBe(head);
      });

      it('fails an exact expected revision on a stream that does not exist (actual no_stream)', async () => {
        const error = await rejectionOf(store.appendToStream(`${p}a`, 0n, [ev('X')]));

        expectWrongRevision(error, `${p}a`, 0n, 'no_stream');
        expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
      });

      it('rejects an empty events array with a clear Error and writes nothing', async () => {
        await expect(store.appendToStream(`${p}a`, 'no_stream', [])).rejects.toThrow(
          /events must be a non-empty array/,
        );
        expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
      });

      it('rejects invalid arguments: empty stream name, a number as revision, an event without type', async () => {
        await expect(store.appendToStream('', 'no_stream', [ev('A')])).rejects.toThrow(/streamName/);
        await expect(
          store.appendToStream(`${p}a`, 0 as unknown as ExpectedRevision, [ev('A')]),
        ).rejects.toThrow(TypeError);
        await expect(
          store.appendToStream(`${p}a`, 'no_stream', [{ ...ev('A'), type: '' }]),
        ).rejects.toThrow(/no type/);
        expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
      });

      it('writes a 500-event batch that fails mid-way (unserialisable event #250) not at all', async () => {
        // A bigint cannot be written as JSON. An adapter that serialises inside its write
        // transaction (SQLite does) really rolls back 250 written rows here; adapters also add a
        // store-level mid-batch failure in their own int-spec.
        await store.appendToStream(`${p}other`, 'no_stream', [ev('Before')]);
        const head = await store.headPosition();
        const batch = Array.from({ length: 500 }, (_, i) => ev('Numbered', { i }));
        const poisoned = batch.map((e, i) => (i === 250 ? { ...e, data: { i, bad: 1n } } : e));

        await expect(store.appendToStream(`${p}a`, 'no_stream', poisoned)).rejects.toThrow();

        expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
        expect(await store.readStream(`${p}a`)).toEqual([]);
        expect(await store.readAll({ after: head, streamPrefix: p })).toEqual([]);
        expect(await store.headPosition()).toBe(head);

        // The store is still usable and the same batch, unpoisoned, goes in whole.
        const ok = await store.appendToStream(`${p}a`, 'no_stream', batch);
        expect(ok.nextExpectedRevision).toBe(499n);
        expect(ok.positions).toHaveLength(500);
        const read = await store.readAll({ after: head, streamPrefix: p });
        expect(read.map((e) => e.data.i)).toEqual(batch.map((e) => e.data.i));
      });
    });

    describe('readStream and streamRevision', () => {
      it('reads a stream from a revision and with maxCount', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', ['E0', 'E1', 'E2', 'E3', 'E4'].map((t) => ev(t)));

        const revisions = async (opts: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(`${p}a`, opts)).map((e) => e.revision);
        expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
        expect(await revisions({ maxCount: 2 })).toEqual([0n, 1n]);
        expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
        expect(await revisions({ fromRevision: 4n, maxCount: 10 })).toEqual([4n]);
        expect(await revisions({ fromRevision: 5n })).toEqual([]);
        expect(await revisions({ maxCount: 0 })).toEqual([]);
      });

      it('rejects a negative fromRevision or maxCount with a RangeError', async () => {
        await expect(store.readStream(`${p}a`, { fromRevision: -1n })).rejects.toThrow(RangeError);
        await expect(store.readStream(`${p}a`, { maxCount: -1 })).rejects.toThrow(RangeError);
        await expect(store.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
      });

      it('reads [] for a stream that does not exist', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')]);
        expect(await store.readStream(`${p}unknown`)).toEqual([]);
      });

      it('reads only the events of the stream asked for', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')]);
        await store.appendToStream(`${p}b`, 'no_stream', [ev('B1')]);
        await store.appendToStream(`${p}a`, 0n, [ev('A2')]);

        expect((await store.readStream(`${p}a`)).map((e) => e.type)).toEqual(['A1', 'A2']);
        expect((await store.readStream(`${p}b`)).map((e) => e.type)).toEqual(['B1']);
      });

      it('gives streamRevision: no_stream for an unknown stream, else the last revision', async () => {
        expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2')]);
        expect(await store.streamRevision(`${p}a`)).toBe(1n);
        await store.appendToStream(`${p}a`, 1n, [ev('A3')]);
        expect(await store.streamRevision(`${p}a`)).toBe(2n);
      });
    });

    describe('global log', () => {
      it('gives positions strictly increasing in commit order across streams; readAll follows it', async () => {
        const head = await store.headPosition();
        const commits: Array<[string, bigint[]]> = [];
        commits.push([`${p}a`, (await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')])).positions]);
        commits.push([`${p}b`, (await store.appendToStream(`${p}b`, 'no_stream', [ev('B1'), ev('B2')])).positions]);
        commits.push([`${p}a`, (await store.appendToStream(`${p}a`, 0n, [ev('A2')])).positions]);
        commits.push([`${p}c`, (await store.appendToStream(`${p}c`, 'no_stream', [ev('C1')])).positions]);

        const positions = commits.flatMap(([, ps]) => ps);
        expect(positions[0]).toBeGreaterThan(head);
        expectStrictlyIncreasing(positions);
        const all = await store.readAll({ after: head, streamPrefix: p });
        expect(all.map((e) => e.position)).toEqual(positions);
        expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2', 'C1']);
        expect(all.map((e) => e.streamName)).toEqual([`${p}a`, `${p}b`, `${p}b`, `${p}a`, `${p}c`]);
      });

      it('pages readAll with after and maxCount without gaps or repeats', async () => {
        const head = await store.headPosition();
        for (const s of ['a', 'b', 'c']) {
          await store.appendToStream(`${p}${s}`, 'no_stream', [ev('E1'), ev('E2'), ev('E3')]);
        }
        const everything = await store.readAll({ after: head, streamPrefix: p });
        expect(everything).toHaveLength(9);

        const paged: RecordedEvent[] = [];
        let after = head;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 2, streamPrefix: p });
          expect(page.length).toBeLessThanOrEqual(2);
          if (page.length === 0) break;
          paged.push(...page);
          after = page[page.length - 1].position;
        }
        expect(paged).toEqual(everything);
        expect(await store.readAll({ after: everything[3].position, maxCount: 1, streamPrefix: p })).toEqual([
          everything[4],
        ]);
        expect(await store.readAll({ after: everything[8].position, streamPrefix: p })).toEqual([]);
      });

      it('filters readAll by an exact, case-sensitive streamPrefix (no wildcards)', async () => {
        const head = await store.headPosition();
        await store.appendToStream(`${p}mpan-1`, 'no_stream', [ev('M1')]);
        await store.appendToStream(`${p}other-1`, 'no_stream', [ev('O1')]);
        await store.appendToStream(`${p}MPAN-3`, 'no_stream', [ev('U1')]);
        await store.appendToStream(`${p}mpan-2`, 'no_stream', [ev('M2')]);
        await store.appendToStream(`${p}x_1`, 'no_stream', [ev('X1')]);
        await store.appendToStream(`${p}xy1`, 'no_stream', [ev('XY')]);
        await store.appendToStream(`${p}x%`, 'no_stream', [ev('XP')]);

        const types = async (streamPrefix: string) =>
          (await store.readAll({ after: head, streamPrefix })).map((e) => e.type);
        expect(await types(`${p}mpan-`)).toEqual(['M1', 'M2']);
        expect(await types(`${p}x_`)).toEqual(['X1']);
        expect(await types(`${p}x%`)).toEqual(['XP']);
        expect(await types(p)).toEqual(['M1', 'O1', 'U1', 'M2', 'X1', 'XY', 'XP']);
      });

      it('returns at most 1000 events from readAll by default', async () => {
        const head = await store.headPosition();
        await store.appendToStream(`${p}a`, 'no_stream', Array.from({ length: 500 }, () => ev('E')));
        await store.appendToStream(`${p}b`, 'no_stream', Array.from({ length: 501 }, () => ev('E')));

        expect(await store.readAll({ after: head, streamPrefix: p })).toHaveLength(1000);
      });

      it('gives headPosition: the position of the last committed event', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')]);
        const last = await store.appendToStream(`${p}b`, 'no_stream', [ev('B1'), ev('B2')]);

        expect(await store.headPosition()).toBe(last.lastPosition);
      });

      (options.startsEmpty === false ? it.skip : it)('gives headPosition 0n and readAll [] for an empty log', async () => {
        expect(await store.headPosition()).toBe(0n);
        expect(await store.readAll()).toEqual([]);
      });
    });

    describe('event contents', () => {
      it('round-trips data and metadata exactly (nested JSON, unicode, nulls)', async () => {
        const data = {
          mpanCore: '1200000000009',
          nested: { level: { deeper: [1, 2.5, -3, 0, 1e21, { x: null }], empty: {}, none: [] } },
          nothing: null,
          flags: [true, false],
          text: 'Ynys Môn ŵ Ω 東京 😀 "quoted" \\back\\slash\nnew line\ttab \u0000 nul',
          big: '123456789012345678901234567890',
          date: '2025-04-01',
        };
        const metadata = {
          schemaVersion: 3,
          eventId: randomUUID(),
          correlationId: 'corr-ümlaut-😀',
          causationId: randomUUID(),
          senderDipId: 'DIP-123',
          extra: { nested: [null, { ok: true }] },
        };
        await store.appendToStream(`${p}a`, 'no_stream', [{ type: 'RoundTripped', data, metadata }]);

        const [fromStream] = await store.readStream(`${p}a`);
        const [fromAll] = await store.readAll({ after: fromStream.position - 1n, maxCount: 1 });
        for (const read of [fromStream, fromAll]) {
          expect(read.type).toBe('RoundTripped');
          expect(read.data).toStrictEqual(data);
          expect(read.metadata).toStrictEqual(metadata);
        }
      });

      it('does not alias caller objects: later mutation of inputs or read results changes nothing', async () => {
        const data: Record<string, unknown> = { list: [1, 2], inner: { v: 'x' } };
        const event = ev('A1', data);
        await store.appendToStream(`${p}a`, 'no_stream', [event]);
        (data.list as number[]).push(3);
        event.metadata.correlationId = 'changed';

        const [first] = await store.readStream(`${p}a`);
        (first.data.inner as Record<string, unknown>).v = 'mutated';

        const [again] = await store.readStream(`${p}a`);
        expect(again.data).toStrictEqual({ list: [1, 2], inner: { v: 'x' } });
        expect(again.metadata.correlationId).toBe('corr-1');
      });

      it('stamps recordedAt as a UTC ISO instant ending in Z, the same for the whole batch', async () => {
        const before = Date.now();
        const result = await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2')]);
        const after = Date.now();

        const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
        expect(result.recordedAt).toMatch(iso);
        const read = await store.readStream(`${p}a`);
        expect(read.map((e) => e.recordedAt)).toEqual([result.recordedAt, result.recordedAt]);
        const instant = Date.parse(result.recordedAt);
        // generous window: a server adapter stamps with the database clock
        expect(instant).toBeGreaterThanOrEqual(before - 60_000);
        expect(instant).toBeLessThanOrEqual(after + 60_000);
      });

      it('returns positions and revisions as bigint everywhere (never a JS number)', async () => {
        const result = await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')]);
        const [read] = await store.readStream(`${p}a`);
        const [fromAll] = await store.readAll({ after: result.lastPosition - 1n, maxCount: 1 });

        const values = [
          result.nextExpectedRevision,
          result.lastPosition,
          ...result.positions,
          read.revision,
          read.position,
          fromAll.revision,
          fromAll.position,
          await store.headPosition(),
          await store.streamRevision(`${p}a`),
        ];
        for (const value of values) expect(typeof value).toBe('bigint');
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of concurrent appends with the same exact expected revision win', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1')]);

        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, contender) =>
            store.appendToStream(`${p}a`, 0n, [ev('Claimed', { contender }), ev('Claimed', { contender })]),
          ),
        );

        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(9);
        for (const loser of losers) expectWrongRevision(loser.reason, `${p}a`, 0n, 2n);
        const read = await store.readStream(`${p}a`);
        expect(read).toHaveLength(3);
        expect(read[1].data.contender).toBe(read[2].data.contender);
      });

      it('lets exactly one of concurrent no_stream appends to the same stream win', async () => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, (_, contender) =>
            store.appendToStream(`${p}a`, 'no_stream', [ev('Created', { contender })]),
          ),
        );

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expectWrongRevision(o.reason, `${p}a`, 'no_stream', 0n);
        }
        expect(await store.readStream(`${p}a`)).toHaveLength(1);
      });

      it('fails only the conflicting and the invalid call among concurrent appends; the others commit', async () => {
        await store.appendToStream(`${p}taken`, 'no_stream', [ev('Created')]);
        const head = await store.headPosition();

        const [first, conflict, invalid, second] = await Promise.allSettled([
          store.appendToStream(`${p}x`, 'no_stream', [ev('X')]),
          store.appendToStream(`${p}taken`, 'no_stream', [ev('Again')]),
          store.appendToStream(`${p}y`, 'no_stream', [{ type: '', data: {}, metadata: ev('Y').metadata }]),
          store.appendToStream(`${p}z`, 'no_stream', [ev('Z1'), ev('Z2')]),
        ]);

        expect(first.status).toBe('fulfilled');
        expect(second.status).toBe('fulfilled');
        expect(conflict.status).toBe('rejected');
        expectWrongRevision((conflict as PromiseRejectedResult).reason, `${p}taken`, 'no_stream', 0n);
        expect(invalid.status).toBe('rejected');
        expect((invalid as PromiseRejectedResult).reason).not.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.streamRevision(`${p}y`)).toBe('no_stream');
        expect((await store.readStream(`${p}taken`)).map((e) => e.type)).toEqual(['Created']);
        const written = await store.readAll({ after: head });
        expect(written.map((e) => e.type).sort()).toEqual(['X', 'Z1', 'Z2']);
        const positions = written.map((e) => e.position);
        expect(positions.every((position, i) => i === 0 || position > positions[i - 1]!)).toBe(true);
      });

      it('commits many concurrent appends to different streams; readAll returns each once, in order', async () => {
        const head = await store.headPosition();
        const streams = Array.from({ length: 50 }, (_, i) => `${p}s${i}`);

        await Promise.all(streams.map((s) => store.appendToStream(s, 'no_stream', [ev('First'), ev('Second')])));
        const seconds = await Promise.all(streams.map((s) => store.appendToStream(s, 1n, [ev('Third')])));
        expect(seconds.every((r) => r.nextExpectedRevision === 2n)).toBe(true);

        const all: RecordedEvent[] = [];
        let after = head;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 37, streamPrefix: p });
          if (page.length === 0) break;
          all.push(...page);
          after = page[page.length - 1].position;
        }
        expect(all).toHaveLength(150);
        expectStrictlyIncreasing(all.map((e) => e.position));
        const keys = all.map((e) => `${e.streamName}@${e.revision}`);
        expect(new Set(keys).size).toBe(150);
        for (const s of streams) {
          const ofStream = all.filter((e) => e.streamName === s);
          expect(ofStream.map((e) => [e.revision, e.type])).toEqual([
            [0n, 'First'],
            [1n, 'Second'],
            [2n, 'Third'],
          ]);
        }
      });
    });

    describe('subscribeToAll', () => {
      it('delivers every event from the start of the log in position order, then live ones, only of the prefix', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2')]);
        await store.appendToStream(`other-${p}a`, 'no_stream', [ev('Elsewhere')]);
        await store.appendToStream(`${p}b`, 'no_stream', [ev('B1')]);
        const reader = subscribe({ streamPrefix: p });

        const caughtUp = await reader.take(3);
        expect(caughtUp.map((e) => e.type)).toEqual(['A1', 'A2', 'B1']);
        await store.appendToStream(`${p}a`, 1n, [ev('A3'), ev('A4')]);
        await store.appendToStream(`other-${p}a`, 0n, [ev('Elsewhere')]);
        await store.appendToStream(`${p}c`, 'no_stream', [ev('C1')]);
        const live = await reader.take(3);
        await reader.expectNothingFor(300);

        expect(live.map((e) => e.type)).toEqual(['A3', 'A4', 'C1']);
        expect([...caughtUp, ...live]).toEqual(await store.readAll({ streamPrefix: p }));
        expectStrictlyIncreasing([...caughtUp, ...live].map((e) => e.position));
      });

      it('resumes after a close from the stored checkpoint: nothing missed or repeated, events appended while disconnected included', async () => {
        const head = await store.headPosition();
        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2'), ev('A3')]);
        await store.appendToStream(`${p}b`, 'no_stream', [ev('B1'), ev('B2'), ev('B3')]);
        const first = subscribe({ after: head, streamPrefix: p });
        const handled = await first.take(4);
        const checkpoint = handled[handled.length - 1].position; // what a projector would store

        await first.subscription.close(); // a drop: B2 and B3 were never handled
        expect(await first.next(1000)).toEqual({ done: true, value: undefined });
        await store.appendToStream(`${p}c`, 'no_stream', [ev('C1'), ev('C2')]);
        await store.appendToStream(`${p}a`, 2n, [ev('A4')]);
        const second = subscribe({ after: checkpoint, streamPrefix: p });
        const resumed = await second.take(5);
        await second.expectNothingFor(300);

        expect(resumed.map((e) => e.type)).toEqual(['B2', 'B3', 'C1', 'C2', 'A4']);
        expect([...handled, ...resumed]).toEqual(await store.readAll({ after: head, streamPrefix: p }));
      });

      it('started at the head, delivers only events appended afterwards', async () => {
        await store.appendToStream(`${p}a`, 'no_stream', [ev('Old1'), ev('Old2')]);
        const head = await store.headPosition();
        const reader = subscribe({ after: head, streamPrefix: p });
        await reader.expectNothingFor(300);

        const appended = await store.appendToStream(`${p}a`, 1n, [ev('New1')]);
        await store.appendToStream(`${p}b`, 'no_stream', [ev('New2')]);
        const delivered = await reader.take(2);

        expect(delivered.map((e) => [e.streamName, e.type])).toEqual([
          [`${p}a`, 'New1'],
          [`${p}b`, 'New2'],
        ]);
        expect(delivered[0].position).toBe(appended.lastPosition);
        expect(delivered[0].position).toBeGreaterThan(head);
      });

      it('ends a pending iteration when closed; leaving a for-await loop closes it; one consumer only', async () => {
        const subscription = store.subscribeToAll({ streamPrefix: p });
        subscriptions.push(subscription);
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 50));

        await subscription.close();
        await subscription.close();
        await expect(pending).resolves.toEqual({ done: true, value: undefined });
        await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
        expect(() => subscription[Symbol.asyncIterator]()).toThrow(/only once/);

        await store.appendToStream(`${p}a`, 'no_stream', [ev('A1'), ev('A2')]);
        const looped = store.subscribeToAll({ streamPrefix: p });
        subscriptions.push(looped);
        const seen: string[] = [];
        for await (const event of looped) {
          seen.push(event.type);
          if (seen.length === 1) break;
        }
        expect(seen).toEqual(['A1']);
      });

      it('rejects bad options at once, before reading anything', () => {
        expect(() => store.subscribeToAll({ after: 1 as unknown as bigint })).toThrow(RangeError);
        expect(() => store.subscribeToAll({ streamPrefix: 5 as unknown as string })).toThrow(TypeError);
      });
    });

    if (options.appendToStreams) {
      describe('appendToStreams (optional capability: one transaction over several streams)', () => {
        const appendToStreams: NonNullable<EventStore['appendToStreams']> = (batches) => {
          expect(store.appendToStreams).toBeInstanceOf(Function);
          return store.appendToStreams!(batches);
        };

        it('appends every batch, in order, with contiguous positions and one recordedAt', async () => {
          await store.appendToStream(`${p}b`, 'no_stream', [ev('B1')]);
          const head = await store.headPosition();

          const results = await appendToStreams([
            { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
            { streamName: `${p}b`, expectedRevision: 0n, events: [ev('B2'), ev('B3')] },
            { streamName: `${p}a`, expectedRevision: 0n, events: [ev('A2')] },
          ]);

          expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 2n, 1n]);
          const positions = results.flatMap((r) => r.positions);
          expect(positions[0]).toBeGreaterThan(head);
          expect(positions).toEqual(positions.map((_, i) => positions[0] + BigInt(i)));
          expect(results.map((r) => r.lastPosition)).toEqual([positions[0], positions[2], positions[3]]);
          expect(new Set(results.map((r) => r.recordedAt)).size).toBe(1);
          const log = await store.readAll({ after: head, streamPrefix: p });
          expect(log.map((e) => [e.streamName, e.revision, e.position, e.type])).toEqual([
            [`${p}a`, 0n, positions[0], 'A1'],
            [`${p}b`, 1n, positions[1], 'B2'],
            [`${p}b`, 2n, positions[2], 'B3'],
            [`${p}a`, 1n, positions[3], 'A2'],
          ]);
          expect(await store.headPosition()).toBe(positions[3]);
        });

        it('builds a batch given as a function from the results of the batches before it', async () => {
          const seen: unknown[] = [];
          const results = await appendToStreams([
            { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1'), ev('A2')] },
            {
              streamName: `${p}b`,
              expectedRevision: 'no_stream',
              events: (earlier) => {
                seen.push(earlier.map((r) => r.positions));
                return [ev('Report', { positions: earlier[0]!.positions.map(String) })];
              },
            },
          ]);

          expect(seen).toEqual([[results[0]!.positions]]);
          const [report] = await store.readStream(`${p}b`);
          expect(report!.data).toEqual({ positions: results[0]!.positions.map(String) });
          expect(report!.position).toBe(results[1]!.lastPosition);
        });

        it('writes nothing when one expected revision is stale, and names that stream', async () => {
          await store.appendToStream(`${p}b`, 'no_stream', [ev('B1'), ev('B2')]);
          const head = await store.headPosition();

          const error = await rejectionOf(
            appendToStreams([
              { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
              { streamName: `${p}b`, expectedRevision: 0n, events: [ev('B3')] },
              { streamName: `${p}c`, expectedRevision: 'no_stream', events: [ev('C1')] },
            ]),
          );

          expectWrongRevision(error, `${p}b`, 0n, 1n);
          expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
          expect(await store.readStream(`${p}b`)).toHaveLength(2);
          expect(await store.streamRevision(`${p}c`)).toBe('no_stream');
          expect(await store.headPosition()).toBe(head);
          expect(await store.readAll({ after: head, streamPrefix: p })).toEqual([]);
        });

        it('checks a later batch on the same stream against the earlier one in the same call', async () => {
          const head = await store.headPosition();

          const error = await rejectionOf(
            appendToStreams([
              { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
              { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A2')] },
            ]),
          );

          expectWrongRevision(error, `${p}a`, 'no_stream', 0n);
          expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
          expect(await store.headPosition()).toBe(head);
        });

        it('writes nothing when a batch is invalid or its function throws', async () => {
          const head = await store.headPosition();

          await expect(appendToStreams([])).rejects.toThrow(Error);
          await expect(
            appendToStreams([
              { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
              { streamName: `${p}b`, expectedRevision: 'no_stream', events: [] },
            ]),
          ).rejects.toThrow(Error);
          await expect(
            appendToStreams([
              { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
              { streamName: `${p}b`, expectedRevision: 'no_stream', events: [ev('B1', { n: 1n as unknown as number })] },
            ]),
          ).rejects.toThrow();
          await expect(
            appendToStreams([
              { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
              {
                streamName: `${p}b`,
                expectedRevision: 'no_stream',
                events: () => {
                  throw new Error('cannot build');
                },
              },
            ]),
          ).rejects.toThrow('cannot build');

          expect(await store.streamRevision(`${p}a`)).toBe('no_stream');
          expect(await store.streamRevision(`${p}b`)).toBe('no_stream');
          expect(await store.headPosition()).toBe(head);
        });

        it('of two concurrent calls reserving the same stream, exactly one commits', async () => {
          const attempt = (n: number) =>
            appendToStreams([
              { streamName: `${p}key`, expectedRevision: 'no_stream', events: [ev(`Key${n}`)] },
              { streamName: `${p}side-${n}`, expectedRevision: 'no_stream', events: [ev(`Side${n}`)] },
            ]);

          const settled = await Promise.allSettled([attempt(1), attempt(2)]);

          expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
          const failed = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
          expect(failed.reason).toBeInstanceOf(WrongExpectedRevisionError);
          const log = await store.readAll({ streamPrefix: p });
          const winner = (await store.readStream(`${p}key`))[0]!.type.slice(3);
          expect(log.map((e) => e.type)).toEqual([`Key${winner}`, `Side${winner}`]);
        });

        it('is delivered to a live subscription in order, batch after batch', async () => {
          const head = await store.headPosition();
          const reader = subscribe({ after: head, streamPrefix: p });
          await appendToStreams([
            { streamName: `${p}a`, expectedRevision: 'no_stream', events: [ev('A1')] },
            { streamName: `${p}b`, expectedRevision: 'no_stream', events: [ev('B1'), ev('B2')] },
            { streamName: `${p}a`, expectedRevision: 0n, events: [ev('A2')] },
          ]);

          const delivered = await reader.take(4);
          await reader.expectNothingFor(300);

          expect(delivered.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
          expect(delivered).toEqual(await store.readAll({ after: head, streamPrefix: p }));
        });
      });
    } else {
      it('has no appendToStreams (the optional multi-stream append; its callers fall back to appendToStream)', () => {
        expect(store.appendToStreams).toBeUndefined();
      });
    }

    describe('lifecycle', () => {
      it('closes idempotently; calls after close reject', async () => {
        await store.close();
        await store.close();
        await expect(store.headPosition()).rejects.toThrow();
        await expect(store.appendToStream(`${p}a`, 'no_stream', [ev('A1')])).rejects.toThrow();
        expect(() => store.subscribeToAll()).toThrow();
      });

      it('ends its open subscriptions when closed', async () => {
        const reader = subscribe({ streamPrefix: p });
        const pending = reader.next(10_000);
        await new Promise((resolve) => setTimeout(resolve, 50));

        await store.close();

        await expect(pending).resolves.toEqual({ done: true, value: undefined });
      });
    });
  });
}

/** How long a subscription test waits for events it expects, ms (a hang guard, not a speed check). */
const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * Reads one subscription through a single iterator, with timeouts: an unanswered `next()` stays
 * pending and answers the following read, so no event is lost between reads.
 */
class SubscriptionReader {
  private readonly iterator: AsyncIterator<RecordedEvent>;
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;

  constructor(readonly subscription: EventSubscription) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** The next iteration result, or `'timeout'` after `timeoutMs`. */
  async next(timeoutMs: number): Promise<IteratorResult<RecordedEvent> | 'timeout'> {
    this.pending ??= this.iterator.next();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([this.pending, timeout]);
    clearTimeout(timer);
    if (result !== 'timeout') this.pending = undefined;
    return result;
  }

  /** The next `count` events. */
  async take(count: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    while (events.length < count) {
      const result = await this.next(DELIVERY_TIMEOUT_MS);
      if (result === 'timeout') throw new Error(`expected ${count} events, got ${events.length} within ${DELIVERY_TIMEOUT_MS} ms`);
      if (result.done) throw new Error(`expected ${count} events, the subscription ended after ${events.length}`);
      events.push(result.value);
    }
    return events;
  }

  /** Fails when an event (or the end) arrives within `ms`. */
  async expectNothingFor(ms: number): Promise<void> {
    const result = await this.next(ms);
    if (result !== 'timeout') {
      throw new Error(`expected no delivery, got ${result.done ? 'the end' : `${result.value.type} at ${result.value.position}`}`);
    }
  }
}

let eventCounter = 0;

/** A new event with valid metadata; `data` defaults to `{}`. */
function ev(type: string, data: Record<string, unknown> = {}): NewEvent {
  eventCounter += 1;
  return {
    type,
    data,
    metadata: { schemaVersion: 1, eventId: randomUUID(), correlationId: 'corr-1', causationId: `cause-${eventCounter}` },
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function expectWrongRevision(
  error: unknown,
  streamName: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): void {
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const wrong = error as WrongExpectedRevisionError;
  expect([wrong.streamName, wrong.expected, wrong.actual]).toEqual([streamName, expected, actual]);
}

function expectStrictlyIncreasing(positions: bigint[]): void {
  positions.forEach((position, i) => {
    if (i > 0) expect(position).toBeGreaterThan(positions[i - 1]);
  });
}
