import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, SqliteEventStore } from '@app/event-store';
import { loadReferenceDataFile } from '@app/registration-app';
import type { EntityManager } from 'typeorm';
import { FeedDeliveryStore } from '../feed/delivery-store';
import { FeedService } from '../feed/feed.service';
import { ProjectedEvent, Projection, ProjectionContext } from './projection';
import { Projector } from './projector';
import { ViewDatabase } from './view-database';

/**
 * Integration (real SQLite view files): which `synchronous` each write path of the view database
 * commits with (ADR 0022). With the database at `FULL`, the projector's batches — rows the log
 * determines — commit at `NORMAL`, and every write the log does not determine (participants'
 * acknowledgements, publication config, replays, the webhook deliverer's bookkeeping) at `FULL`,
 * before the call resolves. Read inside each transaction from SQLite itself (`PRAGMA synchronous`:
 * 1 = NORMAL, 2 = FULL) and counted by `commitStats`.
 */

const ref = loadReferenceDataFile(join(__dirname, '..', '..', '..', '..', 'reference-data', 'participants.json'));
const PARTICIPANT = '9000000003'; // a participant of the reference data

/** The `synchronous` level SQLite reports on the connection of `manager` (1 NORMAL, 2 FULL). */
async function levelIn(manager: EntityManager): Promise<number> {
  const rows = (await manager.query('PRAGMA synchronous')) as Array<{ synchronous: number }>;
  return rows[0]!.synchronous;
}

describe('ViewDatabase write durability on SQLite', () => {
  let dir: string;
  const opened: ViewDatabase[] = [];
  const open = async (synchronous?: 'FULL' | 'NORMAL') => {
    const views = await ViewDatabase.openSqlite({ path: join(dir, `views-${opened.length}.sqlite`), synchronous });
    opened.push(views);
    return views;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'regs-view-durability-'));
  });

  afterEach(async () => {
    for (const views of opened.splice(0)) await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('at FULL: a derived transaction runs and commits at NORMAL, every other one at FULL, switching back and forth', async () => {
    const views = await open('FULL');
    expect(await views.writeTransaction(levelIn)).toBe(2);
    expect(await views.writeTransaction(levelIn, { derived: true })).toBe(1);
    expect(await views.writeTransaction(levelIn, { derived: true })).toBe(1);
    expect(await views.writeTransaction(levelIn)).toBe(2);
    expect(await views.writeTransaction(levelIn, { derived: false })).toBe(2);
    expect(views.commitStats).toEqual({ FULL: 3, NORMAL: 2 });
  });

  it('at FULL: transactions queued together each run with their own setting, and a failed derived one leaves none behind', async () => {
    const views = await open('FULL');
    const results = await Promise.all([
      views.writeTransaction(levelIn, { derived: true }),
      views.writeTransaction(levelIn),
      views.writeTransaction(levelIn, { derived: true }),
      views.writeTransaction(levelIn),
    ]);
    expect(results).toEqual([1, 2, 1, 2]);
    await expect(
      views.writeTransaction(async () => {
        throw new Error('batch failed');
      }, { derived: true }),
    ).rejects.toThrow('batch failed');
    expect(await views.writeTransaction(levelIn)).toBe(2);
    expect(views.commitStats).toEqual({ FULL: 3, NORMAL: 2 }); // the failed one committed nothing
  });

  it('at NORMAL: every transaction runs at NORMAL', async () => {
    const views = await open('NORMAL');
    expect(await views.writeTransaction(levelIn)).toBe(1);
    expect(await views.writeTransaction(levelIn, { derived: true })).toBe(1);
    expect(views.commitStats).toEqual({ FULL: 0, NORMAL: 2 });
  });

  it("at FULL: the projector's batches commit at NORMAL", async () => {
    const store = await SqliteEventStore.open({ path: join(dir, 'registry.sqlite') });
    try {
      const views = await open('FULL');
      const levels: number[] = [];
      const projection: Projection = {
        name: 'levels',
        tables: [],
        apply: async (_event: ProjectedEvent, { manager }: ProjectionContext) => {
          levels.push(await levelIn(manager));
        },
      };
      const event: NewEvent = { type: 'Something', data: {}, metadata: { schemaVersion: 1, eventId: 'e', correlationId: 'c', causationId: 'c' } };
      for (let i = 0; i < 5; i++) await store.appendToStream('other-a', i === 0 ? 'no_stream' : BigInt(i - 1), [{ ...event, metadata: { ...event.metadata, eventId: `e${i}` } }]);
      const projector = new Projector({ store, views, projections: [projection], referenceData: ref, registryDipId: '9000000002', batchSize: 2 });
      expect(await projector.catchUp()).toBe(5);
      expect(levels).toEqual([1, 1, 1, 1, 1]);
      expect(views.commitStats).toEqual({ FULL: 0, NORMAL: 4 }); // three batches, and the run that found nothing new
      // The writer is back at FULL for the next write that is not derived.
      expect(await views.writeTransaction(levelIn)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('at FULL: acknowledgements, publication config, replays and webhook bookkeeping commit at FULL', async () => {
    const views = await open('FULL');
    // Three items for the participant, as the feed projection would leave them (a derived batch).
    await views.writeTransaction((m) => m.query('INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES (?, 3)', [PARTICIPANT]), { derived: true });
    const feed = new FeedService(views, ref);
    const deliveries = new FeedDeliveryStore(views);
    let expected = { FULL: 0, NORMAL: 1 };
    const fullCommit = async (write: () => Promise<unknown>) => {
      await write();
      expected = { ...expected, FULL: expected.FULL + 1 };
      expect(views.commitStats).toEqual(expected);
    };
    await fullCommit(() => feed.acknowledge(PARTICIPANT, 1));
    await fullCommit(() => feed.changeConfig(PARTICIPANT, { eventCodes: null, webhookUrl: 'https://hooks.example.com/feed' }));
    await fullCommit(() => feed.replay(PARTICIPANT, 1));
    const [due] = await deliveries.due('2030-01-01T00:00:00.000Z', PARTICIPANT);
    expect(due).toBeDefined();
    await fullCommit(() => deliveries.recordFailure(PARTICIPANT, due!.generation, 'HTTP 500', Date.parse('2030-01-01T00:00:00Z'), { retryBaseMs: 1000, retryMaxMs: 60_000, parkAfter: 5 }));
    await fullCommit(() => deliveries.skipThrough(PARTICIPANT, due!.generation, 1));
    await fullCommit(() => deliveries.recordSuccess(PARTICIPANT, due!.generation, 2, 2, '2030-01-01T00:00:01.000Z'));
    await fullCommit(() => feed.resetConfig(PARTICIPANT));
    expect((await feed.pull(PARTICIPANT, undefined, 10)).acknowledgedSequence).toBe(2);
  });
});
