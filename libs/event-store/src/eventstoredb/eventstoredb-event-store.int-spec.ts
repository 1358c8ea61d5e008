/**
 * The EventStore contract suite on a real EventStoreDB server (22.6 or later), when
 * `EVENTSTORE_CONNECTION_STRING` names one, e.g.
 *
 *   EVENTSTORE_CONNECTION_STRING=esdb://127.0.0.1:2113?tls=false npx jest libs/event-store/src/eventstoredb --selectProjects integration
 *
 * A server cannot be emptied, so every store of the run gets its own stream namespace
 * (`regs-test-<run>-<n>/`): its `readAll`, `headPosition` and subscriptions see only that test's
 * streams, and reruns on one server never collide. Without the variable the suite is skipped, and
 * says so.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { NewEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb-event-store';

const CONNECTION_STRING = process.env.EVENTSTORE_CONNECTION_STRING?.trim() ?? '';
const SKIPPED = 'EventStoreDB contract SKIPPED: EVENTSTORE_CONNECTION_STRING is not set';

/** The connection string without its password, for test titles. */
function shown(connectionString: string): string {
  return connectionString.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

if (CONNECTION_STRING === '') {
  console.warn(
    `${SKIPPED} (e.g. EVENTSTORE_CONNECTION_STRING=esdb://127.0.0.1:2113?tls=false npx jest libs/event-store/src/eventstoredb --selectProjects integration)`,
  );
  describe.skip(SKIPPED, () => {
    it('runs the EventStore contract suite against an EventStoreDB server', () => undefined);
  });
} else {
  const run = randomUUID().slice(0, 8);
  let stores = 0;
  /** A store in a namespace of its own. */
  const openStore = (options: Partial<EventStoreDbEventStoreOptions> = {}) =>
    EventStoreDbEventStore.open({ connectionString: CONNECTION_STRING, namespace: `regs-test-${run}-${(stores += 1)}/`, ...options });

  describe(`EventStoreDbEventStore at ${shown(CONNECTION_STRING)}`, () => {
    describeEventStoreContract('EventStoreDbEventStore', async () => {
      const store = await openStore();
      return { store, cleanup: () => store.close() };
    });

    describe('EventStoreDB specifics', () => {
      const ev = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
        type,
        data,
        metadata: { schemaVersion: 1, eventId: randomUUID(), correlationId: 'c', causationId: 'k' },
      });

      it('writes the streams under the namespace, with our metadata plus recordedAt and fresh server ids', async () => {
        const namespace = `regs-test-${run}-raw/`;
        const store = await EventStoreDbEventStore.open({
          connectionString: CONNECTION_STRING,
          namespace,
          now: () => new Date('2025-04-01T10:20:30.123Z'),
        });
        const client = EventStoreDBClient.connectionString(CONNECTION_STRING);
        try {
          const event = ev('MeterInstalled', { mpanCore: '1200000000009' });
          const result = await store.appendToStream('mpan-1200000000009', 'no_stream', [event]);

          const raw = [];
          for await (const resolved of client.readStream(`${namespace}mpan-1200000000009`)) raw.push(resolved.event);
          expect(raw).toHaveLength(1);
          expect(raw[0]?.type).toBe('MeterInstalled');
          expect(raw[0]?.metadata).toEqual({ ...event.metadata, recordedAt: '2025-04-01T10:20:30.123Z' });
          expect(raw[0]?.id).not.toBe(event.metadata.eventId);
          expect(raw[0]?.position).toEqual({ commit: result.lastPosition, prepare: result.lastPosition });
        } finally {
          await client.dispose();
          await store.close();
        }
      });

      it('keeps namespaces apart: a store sees neither the streams nor the log of another namespace', async () => {
        const [a, b] = [await openStore(), await openStore()];
        try {
          await a.appendToStream('mpan-1', 'no_stream', [ev('InA')]);
          await b.appendToStream('mpan-1', 'no_stream', [ev('InB1'), ev('InB2')]);

          expect((await a.readStream('mpan-1')).map((e) => e.type)).toEqual(['InA']);
          expect((await a.readAll()).map((e) => [e.streamName, e.type])).toEqual([['mpan-1', 'InA']]);
          expect((await b.readAll()).map((e) => e.type)).toEqual(['InB1', 'InB2']);
          expect(await b.headPosition()).toBeGreaterThan(await a.headPosition());
        } finally {
          await a.close();
          await b.close();
        }
      });

      it('reads after a position that is no record start (position - 1n) by the backward scan', async () => {
        const store = await openStore();
        try {
          const { positions } = await store.appendToStream('mpan-1', 'no_stream', [ev('A1'), ev('A2'), ev('A3')]);
          expect((await store.readAll({ after: positions[1] - 1n })).map((e) => e.type)).toEqual(['A2', 'A3']);
          expect((await store.readAll({ after: positions[0] + 1n, maxCount: 1 })).map((e) => e.type)).toEqual(['A2']);
        } finally {
          await store.close();
        }
      });

      it('refuses a connection string whose server cannot be reached, naming the client error', async () => {
        await expect(
          EventStoreDbEventStore.open({ connectionString: 'esdb://127.0.0.1:1?tls=false', namespace: `regs-test-${run}-none/` }),
        ).rejects.toThrow();
      });

      it('reads JSON events another client wrote in our namespace as ours (recordedAt from the server clock)', async () => {
        const namespace = `regs-test-${run}-foreign/`;
        const client = EventStoreDBClient.connectionString(CONNECTION_STRING);
        const store = await EventStoreDbEventStore.open({ connectionString: CONNECTION_STRING, namespace });
        try {
          await client.appendToStream(`${namespace}mpan-1`, jsonEvent({ type: 'Foreign', data: { x: 1 }, metadata: { schemaVersion: 1 } }));
          const [read] = await store.readStream('mpan-1');
          expect(read.metadata).toEqual({ schemaVersion: 1 });
          expect(read.recordedAt).toMatch(/Z$/);
        } finally {
          await client.dispose();
          await store.close();
        }
      });
    });
  });
}
