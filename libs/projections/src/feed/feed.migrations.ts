import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the notification feed's tables (see ./feed.entities.ts). Frozen once shipped. */
export class CreateFeedTables1764480002000 implements MigrationInterface {
  readonly name = 'CreateFeedTables1764480002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "feed_items" (` +
        `"recipient_dip_id" varchar NOT NULL, "sequence" integer NOT NULL, "source_position" varchar NOT NULL, ` +
        `"item_index" integer NOT NULL, "kind" varchar NOT NULL, "format" varchar NOT NULL, "interface_id" varchar NOT NULL, ` +
        `"event_code" varchar NOT NULL, "mpan_core" varchar NOT NULL, "publication_id" varchar, "transaction_id" varchar NOT NULL, ` +
        `"recorded_at" varchar NOT NULL, "schema_name" varchar NOT NULL, "message" text, "render_error" text, ` +
        `PRIMARY KEY ("recipient_dip_id", "sequence"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_feed_items_source" ON "feed_items" ("source_position", "recipient_dip_id", "item_index")`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_recipients" ("recipient_dip_id" varchar PRIMARY KEY NOT NULL, "last_sequence" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_subscriptions" ("recipient_dip_id" varchar PRIMARY KEY NOT NULL, ` +
        `"acknowledged_sequence" integer NOT NULL DEFAULT (0), "event_codes" text, "webhook_url" varchar, "updated_at" varchar NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_deliveries" ("recipient_dip_id" varchar PRIMARY KEY NOT NULL, ` +
        `"delivered_sequence" integer NOT NULL DEFAULT (0), "replay_through" integer NOT NULL DEFAULT (0), ` +
        `"generation" integer NOT NULL DEFAULT (0), "consecutive_failures" integer NOT NULL DEFAULT (0), ` +
        `"next_attempt_at" varchar, "parked_at" varchar, "last_error" text, "last_attempt_at" varchar, "last_success_at" varchar)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "feed_deliveries"`);
    await queryRunner.query(`DROP TABLE "feed_subscriptions"`);
    await queryRunner.query(`DROP TABLE "feed_recipients"`);
    await queryRunner.query(`DROP INDEX "UQ_feed_items_source"`);
    await queryRunner.query(`DROP TABLE "feed_items"`);
  }
}

/**
 * The webhook's last error no longer quotes the receiver's response body (issue #8): a last error
 * kept by an earlier version, `HTTP 500: <body excerpt>`, is cut to its status
 * (`HTTP 500 (response body no longer kept)`). Other errors stay. Irreversible (`down` does nothing:
 * the excerpts are gone). Frozen once shipped.
 */
export class RedactWebhookErrorBodies1764480008000 implements MigrationInterface {
  readonly name = 'RedactWebhookErrorBodies1764480008000';

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

/** The feed's migrations, oldest first (timestamps after the runtime's 1764480000000 and the MPAN view's). */
export const FEED_MIGRATION_CLASSES = [CreateFeedTables1764480002000, RedactWebhookErrorBodies1764480008000];
