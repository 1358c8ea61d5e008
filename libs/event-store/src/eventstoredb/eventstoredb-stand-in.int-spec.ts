/**
 * The EventStore contract suite, and the re-subscription after a drop, for EventStoreDbEventStore
 * against the in-process stand-in server (testing/esdb-stand-in.ts): the real client over real gRPC
 * to a model of the server built from its sources. It checks the adapter's own logic (paging,
 * positions, filters, the backward scan, subscription starts and re-subscriptions) on every
 * `npm test`; it does not show that a real server behaves like the model. That is what
 * eventstoredb-event-store.int-spec.ts does, with EVENTSTORE_CONNECTION_STRING.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { NewEvent, RecordedEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { EsdbStandIn } from './testing/esdb-stand-in';

let standIn: EsdbStandIn;
let stores = 0;

beforeAll(async () => {
  standIn = await EsdbStandIn.start();
});

afterAll(async () => {
  await standIn.stop();
});

const openStore = (namespace = `t${(stores += 1)}/`) =>
  EventStoreDbEventStore.open({ connectionString: standIn.connectionString, namespace, resubscribeBackoff: { initialMs: 20, maxMs: 80 } });

describeEventStoreContract('EventStoreDbEventStore on the stand-in server', async () => {
  const store = await openStore();
  return { store, cleanup: () => store.close() };
});

describe('EventStoreDbEventStore on the stand-in server: beyond the contract', () => {
  const ev = (type: string): NewEvent => ({ type, data: {}, metadata: { schemaVersion: 1, eventId: randomUUID(), correlationId: 'c', causationId: 'k' } });

  it('re-subscribes after dropped connections from the last delivered position: nothing missed or repeated', async () => {
    const store = await openStore();
    try {
      await store.appendToStream('mpan-1', 'no_stream', [ev('E1'), ev('E2'), ev('E3')]);
      const subscription = store.subscribeToAll({ streamPrefix: 'mpan-' });
      const iterator = subscription[Symbol.asyncIterator]();
      const seen: RecordedEvent[] = [];
      const take = async (count: number) => {
        for (let i = 0; i < count; i += 1) {
          const result = await iterator.next();
          if (result.done) throw new Error('ended');
          seen.push(result.value);
        }
      };
      await take(2);
      const opened = standIn.subscriptionsOpened;

      standIn.dropSubscriptions();
      await store.appendToStream('mpan-1', 2n, [ev('E4')]);
      await store.appendToStream('mpan-2', 'no_stream', [ev('F1')]);
      await take(3);
      standIn.dropSubscriptions();
      await store.appendToStream('mpan-2', 0n, [ev('F2')]);
      await take(1);
      await subscription.close();

      expect(seen.map((e) => e.type)).toEqual(['E1', 'E2', 'E3', 'E4', 'F1', 'F2']);
      expect(seen).toEqual(await store.readAll({ streamPrefix: 'mpan-' }));
      expect(standIn.subscriptionsOpened).toBeGreaterThanOrEqual(opened + 2);
    } finally {
      await store.close();
    }
  });

  it('reads after a position where no record starts (position - 1n, + 1n) by scanning back, once the server refuses it', async () => {
    const store = await openStore();
    try {
      const { positions } = await store.appendToStream('mpan-1', 'no_stream', [ev('A1'), ev('A2'), ev('A3')]);
      const refusedBefore = standIn.invalidPositionReads;

      expect((await store.readAll({ after: positions[1] - 1n })).map((e) => e.type)).toEqual(['A2', 'A3']);
      expect((await store.readAll({ after: positions[0] + 1n, maxCount: 1 })).map((e) => e.type)).toEqual(['A2']);
      expect((await store.readAll({ after: positions[1] })).map((e) => e.type)).toEqual(['A3']);

      expect(standIn.invalidPositionReads).toBe(refusedBefore + 2);
    } finally {
      await store.close();
    }
  });

  it('shows why each append gets fresh server ids: the server answers the same ids with no_stream again with success', async () => {
    const client = EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      const event = jsonEvent({ id: randomUUID(), type: 'InboundMessageReceived', data: {} });
      await client.appendToStream('raw/message-1', event, { expectedRevision: NO_STREAM });
      const again = await client.appendToStream('raw/message-1', event, { expectedRevision: NO_STREAM });
      expect(again.success).toBe(true); // a silent success: the adapter must never send the same ids twice
    } finally {
      await client.dispose();
    }
  });

  it('without a namespace owns every non-system stream: a foreign event without JSON metadata stops it at open, a namespace does not', async () => {
    // A server of its own: the shared one has events this file writes without metadata.
    const other = await EsdbStandIn.start(); // seeded with other-app-1, an event without metadata
    try {
      await expect(EventStoreDbEventStore.open({ connectionString: other.connectionString })).rejects.toThrow(
        /other-app-1@0 \(Foreign\) has no JSON object metadata/,
      );
      const namespaced = await EventStoreDbEventStore.open({ connectionString: other.connectionString, namespace: 'mine/' });
      await namespaced.appendToStream('mpan-1', 'no_stream', [ev('A')]);
      expect((await namespaced.readAll()).map((e) => [e.streamName, e.type])).toEqual([['mpan-1', 'A']]);
      await namespaced.close();
    } finally {
      await other.stop();
    }
  });
});
