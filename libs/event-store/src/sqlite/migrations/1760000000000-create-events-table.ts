import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the `events` table and its unique stream index (see `EventRowEntity` for the meaning of
 * each column). Frozen once shipped: later schema changes are new migrations.
 */
export class CreateEventsTable1760000000000 implements MigrationInterface {
  readonly name = 'CreateEventsTable1760000000000';

  /** Creates the table and the unique (stream_name, revision) index. */
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "events" (` +
        `"position" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ` +
        `"stream_name" varchar NOT NULL, ` +
        `"revision" integer NOT NULL, ` +
        `"type" varchar NOT NULL, ` +
        `"data" text NOT NULL, ` +
        `"metadata" text NOT NULL, ` +
        `"recorded_at" varchar NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IX_events_stream_name_revision" ON "events" ("stream_name", "revision")`,
    );
  }

  /** Drops the index and the table (and with it every event: for development only). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IX_events_stream_name_revision"`);
    await queryRunner.query(`DROP TABLE "events"`);
  }
}
