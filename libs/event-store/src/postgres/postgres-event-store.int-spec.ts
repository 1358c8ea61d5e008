/**
 * The EventStore contract suite and the PostgreSQL specifics, on a real server.
 *
 * Each run creates its own database (`regs_test_<random>`) through the maintenance database at
 * `REGISTRY_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`) and drops it
 * afterwards. An unreachable server skips the suite with a message, or fails it when `CI=true`.
 */
import { Client } from 'pg';
import { NewEvent, RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { POSTGRES_APPEND_LOCK_KEY } from './postgres-migrations';
import {
  createThrowawayPostgresDatabase,
  probePostgres,
  redactTestUrl,
  testPostgresMaintenanceUrl,
  ThrowawayPostgresDatabase,
} from './testing/postgres-test-database';
import { PostgresEventStore, PostgresEventStoreOptions } from './postgres-event-store';

const MAINTENANCE_URL = testPostgresMaintenanceUrl();
const SHOWN_URL = redactTestUrl(MAINTENANCE_URL);

/** The URL of database `name` on the maintenance server (for a database that does not exist). */
function databaseUrl(name: string): string {
  const parsed = new URL(MAINTENANCE_URL);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function ev(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { schemaVersion: 1, eventId: `id-${type}`, correlationId: 'c', causationId: 'c' } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const probe = probePostgres(MAINTENANCE_URL);

if (probe.ok) {
  describe(`PostgresEventStore at ${SHOWN_URL}`, () => {
    let database: ThrowawayPostgresDatabase;
    let url: string;
    let raw: Client;

    beforeAll(async () => {
      database = await createThrowawayPostgresDatabase('regs_test_', MAINTENANCE_URL);
      url = database.url;
      raw = new Client({ connectionString: url });
      await raw.connect();
    });

    afterAll(async () => {
      await raw?.end();
      await database?.drop();
    });

    describeEventStoreContract('PostgresEventStore', async () => {
      const store = await PostgresEventStore.open({ connectionString: url });
      await raw.query('TRUNCATE events');
      return { store, cleanup: () => store.close() };
    }, { appendToStreams: true });

    describe('PostgreSQL specifics', () => {
      const open: PostgresEventStore[] = [];
      const openStore = async (options: Partial<PostgresEventStoreOptions> = {}) => {
        const store = await PostgresEventStore.open({ connectionString: url, ...options });
        open.push(store);
        return store;
      };

      beforeEach(async () => {
        await openStore(); // migrated before the raw client touches the table
        await raw.query('TRUNCATE events');
      });

      afterEach(async () => {
        for (const store of open.splice(0)) await store.close();
        await raw.query('DROP TRIGGER IF EXISTS test_trigger ON events');
      });

      /** Installs `body` (PL/pgSQL, returns NEW) as a BEFORE INSERT row trigger on events. */
      const installTrigger = async (body: string) => {
        await raw.query(`CREATE OR REPLACE FUNCTION test_trigger_fn() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN ${body} RETURN NEW; END $$`);
        await raw.query(
          'CREATE TRIGGER test_trigger BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_trigger_fn()',
        );
      };

      it('creates the schema by migration: text JSON columns, unique (stream_name, revision)', async () => {
        const migrations = await raw.query('SELECT name FROM event_store_migrations');
        expect(migrations.rows).toEqual([{ name: '1760000000000-create-events-table' }]);
        const columns = await raw.query(
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position",
        );
        expect(columns.rows.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
          'position:bigint',
          'stream_name:text',
          'revision:bigint',
          'type:text',
          'data:text',
          'metadata:text',
          'recorded_at:text',
        ]);
      });

      it('migrates a new database exactly once when several stores open it at once', async () => {
        const fresh = await createThrowawayPostgresDatabase('regs_test_', MAINTENANCE_URL);
        try {
          const stores = await Promise.all(
            Array.from({ length: 4 }, () => PostgresEventStore.open({ connectionString: fresh.url })),
          );
          await stores[0].appendToStream('mpan-1', 'no_stream', [ev('A')]);
          expect(await stores[3].streamRevision('mpan-1')).toBe(0n);
          for (const store of stores) await store.close();
        } finally {
          await fresh.drop();
        }
      });

      it('stores data and metadata as the exact JSON.stringify text (key order kept)', async () => {
        const store = open[0];
        const data = { z: 1, a: { y: 2, b: [3, { d: 4, c: 5 }] } };
        await store.appendToStream('mpan-1', 'no_stream', [{ ...ev('A'), data }]);
        const { rows } = await raw.query('SELECT data, metadata FROM events');
        expect(rows[0].data).toBe(JSON.stringify(data));
        expect(rows[0].metadata).toBe(JSON.stringify(ev('A').metadata));
      });

      it('stamps recordedAt from the injected clock, as ISO with Z and milliseconds', async () => {
        const store = await openStore({ now: () => new Date('2025-04-01T10:20:30.123Z') });
        const result = await store.appendToStream('mpan-1', 'no_stream', [ev('A'), ev('B')]);

        expect(result.recordedAt).toBe('2025-04-01T10:20:30.123Z');
        expect((await store.readStream('mpan-1')).map((e) => e.recordedAt)).toEqual([
          '2025-04-01T10:20:30.123Z',
          '2025-04-01T10:20:30.123Z',
        ]);
      });

      it('round-trips positions above 2^53 exactly', async () => {
        const store = open[0];
        const seed = 2n ** 53n; // the next positions, 2^53 + 1 and + 2, are not representable as numbers
        await raw.query(
          "INSERT INTO events VALUES ($1::bigint, 'seed', 0, 'Seed', '{}', '{}', '2025-01-01T00:00:00.000Z')",
          [String(seed)],
        );

        const result = await store.appendToStream('mpan-1', 'no_stream', [ev('A'), ev('B')]);

        expect(result.positions).toEqual([9007199254740993n, 9007199254740994n]);
        expect((await store.readStream('mpan-1')).map((e) => e.position)).toEqual(result.positions);
        expect((await store.readAll({ after: 9007199254740993n })).map((e) => e.position)).toEqual([
          9007199254740994n,
        ]);
        expect((await store.readAll({ after: 1n, streamPrefix: 'mpan-' })).map((e) => e.position)).toEqual(
          result.positions,
        );
        expect(await store.headPosition()).toBe(9007199254740994n);
        expect((await store.appendToStream('mpan-1', 1n, [ev('C')])).lastPosition).toBe(9007199254740995n);
      });

      it('rolls back a 500-event append that the database rejects at row 251 (nothing visible, no gap)', async () => {
        const store = open[0];
        await store.appendToStream('other', 'no_stream', [ev('Before')]);
        const head = await store.headPosition();
        await installTrigger(`IF NEW.stream_name = 'mpan-1' AND NEW.revision = 250 THEN
            RAISE EXCEPTION 'injected failure at revision 250'; END IF;`);
        const batch = Array.from({ length: 500 }, (_, i) => ev('Numbered', { i }));

        await expect(store.appendToStream('mpan-1', 'no_stream', batch)).rejects.toThrow(/injected failure/);

        expect(await store.readStream('mpan-1')).toEqual([]);
        expect(await store.readAll({ after: head })).toEqual([]);
        expect(await store.headPosition()).toBe(head);
        await raw.query('DROP TRIGGER test_trigger ON events');
        const ok = await store.appendToStream('mpan-1', 'no_stream', batch);
        expect(ok.positions[0]).toBe(head + 1n);
        expect(ok.lastPosition).toBe(head + 500n);
      });

      it('maps a unique (stream_name, revision) violation (23505) to WrongExpectedRevisionError', async () => {
        const store = open[0];
        // A writer that bypassed the revision check: inserting revision 0 first inserts revision 1,
        // so the batch's own revision 1 collides with it.
        await installTrigger(`IF NEW.stream_name = 'mpan-1' AND NEW.revision = 0 THEN
            INSERT INTO events VALUES (NEW.position + 1000, 'mpan-1', 1, 'Sneaky', '{}', '{}', NEW.recorded_at);
          END IF;`);

        const error = await store.appendToStream('mpan-1', 'no_stream', [ev('A'), ev('B')]).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: 'mpan-1', expected: 'no_stream', actual: 'no_stream' });
        expect(await store.readStream('mpan-1')).toEqual([]);
      });

      it('lets exactly one of two store instances (two pools) win the same stream', async () => {
        const [a, b] = [open[0], await openStore()];
        await a.appendToStream('mpan-1', 'no_stream', [ev('Created')]);

        const outcomes = await Promise.allSettled([
          a.appendToStream('mpan-1', 0n, [ev('ByA')]),
          b.appendToStream('mpan-1', 0n, [ev('ByB')]),
          b.appendToStream('mpan-2', 'no_stream', [ev('Other')]),
        ]);

        const sameStream = outcomes.slice(0, 2);
        expect(sameStream.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const [loser] = sameStream.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(loser.reason).toMatchObject({ expected: 0n, actual: 1n });
        expect(outcomes[2].status).toBe('fulfilled');
        expect((await b.readAll()).map((e) => e.position)).toEqual([1n, 2n, 3n]);
      });

      it('late commit: a transaction holding the append lock delays later appends; readAll never skips it', async () => {
        const store = open[0];
        await store.appendToStream('mpan-0', 'no_stream', [ev('Before')]);
        const head = await store.headPosition();
        // A second connection plays a slow writer: it takes the append lock, inserts the next
        // position and keeps its transaction open.
        await raw.query('BEGIN');
        await raw.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(POSTGRES_APPEND_LOCK_KEY)]);
        await raw.query(
          "INSERT INTO events VALUES ($1::bigint, 'mpan-slow', 0, 'Slow', '{}', '{}', '2025-01-01T00:00:00.000Z')",
          [String(head + 1n)],
        );
        let settled = false;
        const later = store.appendToStream('mpan-fast', 'no_stream', [ev('Fast')]).finally(() => {
          settled = true;
        });

        await sleep(300);
        expect(settled).toBe(false);
        expect(await store.readAll({ after: head })).toEqual([]);

        await raw.query('COMMIT');
        const result = await later;
        expect(result.positions).toEqual([head + 2n]);
        expect((await store.readAll({ after: head })).map((e) => [e.position, e.streamName])).toEqual([
          [head + 1n, 'mpan-slow'],
          [head + 2n, 'mpan-fast'],
        ]);
      });

      it('late commit: a slow append of one store and a fast one of another are seen in commit order only', async () => {
        const [slowStore, fastStore, reader] = [open[0], await openStore(), await openStore()];
        // The slow append sleeps inside its transaction, after taking the lock and its position.
        await installTrigger("IF NEW.stream_name = 'mpan-slow' THEN PERFORM pg_sleep(0.8); END IF;");
        const observations: bigint[][] = [];
        let done = false;
        const poll = (async () => {
          while (!done) {
            observations.push((await reader.readAll()).map((e: RecordedEvent) => e.position));
            await sleep(10);
          }
        })();

        const finished: string[] = [];
        const slow = slowStore.appendToStream('mpan-slow', 'no_stream', [ev('Slow')]).then((r) => {
          finished.push('slow');
          return r;
        });
        await sleep(150);
        const fast = fastStore.appendToStream('mpan-fast', 'no_stream', [ev('Fast')]).then((r) => {
          finished.push('fast');
          return r;
        });
        const [slowResult, fastResult] = await Promise.all([slow, fast]);
        done = true;
        await poll;

        expect(finished).toEqual(['slow', 'fast']);
        expect(fastResult.lastPosition).toBeGreaterThan(slowResult.lastPosition);
        expect(observations.length).toBeGreaterThan(10);
        for (const seen of observations) {
          if (seen.includes(fastResult.lastPosition)) expect(seen).toContain(slowResult.lastPosition);
        }
        expect((await reader.readAll()).map((e) => e.position)).toEqual([slowResult.lastPosition, fastResult.lastPosition]);
      });

      it('fails an append that waits longer than lockTimeoutMs for the append lock (55P03), writing nothing', async () => {
        const store = await openStore({ lockTimeoutMs: 100 });
        await raw.query('BEGIN');
        await raw.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(POSTGRES_APPEND_LOCK_KEY)]);
        try {
          await expect(store.appendToStream('mpan-1', 'no_stream', [ev('A')])).rejects.toMatchObject({ code: '55P03' });
        } finally {
          await raw.query('ROLLBACK');
        }
        expect(await store.streamRevision('mpan-1')).toBe('no_stream');
        expect((await store.appendToStream('mpan-1', 'no_stream', [ev('A')])).nextExpectedRevision).toBe(0n);
      });

      it('rejects bad options and closes its pool when the server refuses the connection', async () => {
        await expect(PostgresEventStore.open({ connectionString: url, maxConnections: 0 })).rejects.toThrow(RangeError);
        await expect(PostgresEventStore.open({ connectionString: url, lockTimeoutMs: -1 })).rejects.toThrow(RangeError);
        await expect(
          PostgresEventStore.open({ connectionString: databaseUrl(`${database.name}_missing`) }),
        ).rejects.toThrow(/does not exist/);
      });
    });
  });
} else if (process.env.CI === 'true') {
  describe('PostgresEventStore', () => {
    it(`needs PostgreSQL at ${SHOWN_URL} (CI=true)`, () => {
      throw new Error(`PostgreSQL not reachable at ${SHOWN_URL}: ${probe.error}`);
    });
  });
} else {
  console.warn(
    `PostgreSQL not reachable at ${SHOWN_URL} (${probe.error}): skipping; CI=true makes this a failure. ` +
      'Set REGISTRY_TEST_POSTGRES_URL to point at a server.',
  );
  describe('PostgresEventStore', () => {
    it.skip(`needs PostgreSQL at ${SHOWN_URL}`, () => undefined);
  });
}
