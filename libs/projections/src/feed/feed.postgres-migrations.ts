import { MigrationInterface, QueryRunner } from 'typeorm';
import { PG_TEXT } from '../runtime/postgres-migrations';
import { shareStoredCopies, unshareStoredCopies } from './feed.migrations';

/**
 * PostgreSQL version of `CreateFeedTables1764480002000` (./feed.migrations.ts): the same tables,
 * keys and index. `source_position` is `bigint`; sequences stay `integer` (JS numbers in the API:
 * at most 2^31 − 1 items per recipient on PostgreSQL). Frozen once shipped.
 */
export class CreateFeedTablesPostgres1764480002000 implements MigrationInterface {
  readonly name = 'CreateFeedTablesPostgres1764480002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = PG_TEXT;
    await queryRunner.query(
      `CREATE TABLE "feed_items" (` +
        `"recipient_dip_id" ${t} NOT NULL, "sequence" integer NOT NULL, "source_position" bigint NOT NULL, ` +
        `"item_index" integer NOT NULL, "kind" ${t} NOT NULL, "format" ${t} NOT NULL, "interface_id" ${t} NOT NULL, ` +
        `"event_code" ${t} NOT NULL, "mpan_core" ${t} NOT NULL, "publication_id" ${t}, "transaction_id" ${t} NOT NULL, ` +
        `"recorded_at" ${t} NOT NULL, "schema_name" ${t} NOT NULL, "message" ${t}, "render_error" ${t}, ` +
        `PRIMARY KEY ("recipient_dip_id", "sequence"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_feed_items_source" ON "feed_items" ("source_position", "recipient_dip_id", "item_index")`,
    );
    await queryRunner.query(`CREATE TABLE "feed_recipients" ("recipient_dip_id" ${t} PRIMARY KEY, "last_sequence" integer NOT NULL)`);
    await queryRunner.query(
      `CREATE TABLE "feed_subscriptions" ("recipient_dip_id" ${t} PRIMARY KEY, ` +
        `"acknowledged_sequence" integer NOT NULL DEFAULT 0, "event_codes" ${t}, "webhook_url" ${t}, "updated_at" ${t} NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_deliveries" ("recipient_dip_id" ${t} PRIMARY KEY, ` +
        `"delivered_sequence" integer NOT NULL DEFAULT 0, "replay_through" integer NOT NULL DEFAULT 0, ` +
        `"generation" integer NOT NULL DEFAULT 0, "consecutive_failures" integer NOT NULL DEFAULT 0, ` +
        `"next_attempt_at" ${t}, "parked_at" ${t}, "last_error" ${t}, "last_attempt_at" ${t}, "last_success_at" ${t})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "feed_deliveries"`);
    await queryRunner.query(`DROP TABLE "feed_subscriptions"`);
    await queryRunner.query(`DROP TABLE "feed_recipients"`);
    await queryRunner.query(`DROP TABLE "feed_items"`);
  }
}

/** PostgreSQL version of `RedactWebhookErrorBodies1764480008000` (./feed.migrations.ts; issue #8). Frozen once shipped. */
export class RedactWebhookErrorBodiesPostgres1764480008000 implements MigrationInterface {
  readonly name = 'RedactWebhookErrorBodiesPostgres1764480008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "feed_deliveries" SET "last_error" = substr("last_error", 1, 8) || ' (response body no longer kept)' ` +
        `WHERE "last_error" LIKE 'HTTP ___:%'`,
    );
  }

  async down(): Promise<void> {
    // The body excerpts cannot be restored (and must not be).
  }
}

/**
 * PostgreSQL version of `ShareFeedCopyText1764480009000` (./feed.migrations.ts; issue #9): the same
 * columns (text in byte order, integer) and the same conversion of the items already stored.
 * Frozen once shipped.
 */
export class ShareFeedCopyTextPostgres1764480009000 implements MigrationInterface {
  readonly name = 'ShareFeedCopyTextPostgres1764480009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = PG_TEXT;
    await queryRunner.query(
      `ALTER TABLE "feed_items" ADD COLUMN "sender_unique_reference" ${t}, ADD COLUMN "body_recipient_dip_id" ${t}, ADD COLUMN "body_sequence" integer`,
    );
    await shareStoredCopies(queryRunner, (n) => `$${n}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await unshareStoredCopies(queryRunner, (n) => `$${n}`);
    await queryRunner.query(`ALTER TABLE "feed_items" DROP COLUMN "body_sequence", DROP COLUMN "body_recipient_dip_id", DROP COLUMN "sender_unique_reference"`);
  }
}

/** The feed's PostgreSQL migrations, oldest first. */
export const FEED_POSTGRES_MIGRATION_CLASSES = [
  CreateFeedTablesPostgres1764480002000,
  RedactWebhookErrorBodiesPostgres1764480008000,
  ShareFeedCopyTextPostgres1764480009000,
];
