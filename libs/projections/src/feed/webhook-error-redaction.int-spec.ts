import { DataSource } from 'typeorm';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { CreateFeedTables1764480002000, RedactWebhookErrorBodies1764480008000 } from './feed.migrations';
import { CreateFeedTablesPostgres1764480002000, RedactWebhookErrorBodiesPostgres1764480008000 } from './feed.postgres-migrations';

/**
 * Issue #8: last errors an earlier version kept with the receiver's response body
 * (`HTTP 500: {"internal":"…"}`) are cut to their status by a migration, on SQLite and PostgreSQL;
 * other last errors are left as they are.
 */
const OLD_ROWS: Array<[string, string | null]> = [
  ['1000000001', 'HTTP 500: {"internal":"SECRET-abc"}'],
  ['1000000002', 'HTTP 302'],
  ['1000000003', 'fetch failed (ECONNREFUSED)'],
  ['1000000004', null],
  ['1000000005', 'HTTP 503 Service Unavailable after 4 ms (content-length 12)'],
];
const EXPECTED: Array<[string, string | null]> = [
  ['1000000001', 'HTTP 500 (response body no longer kept)'],
  ['1000000002', 'HTTP 302'],
  ['1000000003', 'fetch failed (ECONNREFUSED)'],
  ['1000000004', null],
  ['1000000005', 'HTTP 503 Service Unavailable after 4 ms (content-length 12)'],
];

async function migrateAndRead(source: DataSource, create: { up(q: unknown): Promise<void> }, redact: { up(q: unknown): Promise<void> }, p: (n: number) => string) {
  const runner = source.createQueryRunner();
  await create.up(runner);
  for (const [dipId, error] of OLD_ROWS) {
    await runner.query(`INSERT INTO "feed_deliveries" ("recipient_dip_id", "last_error") VALUES (${p(1)}, ${p(2)})`, [dipId, error]);
  }
  await redact.up(runner);
  const rows = (await runner.query(`SELECT "recipient_dip_id" AS id, "last_error" AS error FROM "feed_deliveries" ORDER BY 1`)) as Array<{ id: string; error: string | null }>;
  await runner.release();
  return rows.map((r) => [r.id, r.error]);
}

describe('RedactWebhookErrorBodies on SQLite', () => {
  it('cuts old last errors to their status and leaves the others', async () => {
    const source = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await source.initialize();
    try {
      expect(await migrateAndRead(source, new CreateFeedTables1764480002000(), new RedactWebhookErrorBodies1764480008000(), () => '?')).toEqual(EXPECTED);
    } finally {
      await source.destroy();
    }
  });
});

describeWithPostgres('RedactWebhookErrorBodies on PostgreSQL', (maintenanceUrl) => {
  let database: ThrowawayPostgresDatabase;
  beforeAll(async () => {
    database = await createThrowawayPostgresDatabase('regs_redact_', maintenanceUrl);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('cuts old last errors to their status and leaves the others', async () => {
    const source = new DataSource({ type: 'postgres', url: database.url, poolSize: 1, logging: false });
    await source.initialize();
    try {
      const rows = await migrateAndRead(source, new CreateFeedTablesPostgres1764480002000(), new RedactWebhookErrorBodiesPostgres1764480008000(), (n) => `$${n}`);
      expect(rows).toEqual(EXPECTED);
    } finally {
      await source.destroy();
    }
  });
});
