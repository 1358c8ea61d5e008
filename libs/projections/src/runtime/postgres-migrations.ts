import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Column types of the PostgreSQL view migrations (docs/adr/0010), shared by every folder's migrations:
 * - text is `text COLLATE "C"`: byte order, as SQLite's BINARY, so `ORDER BY` and comparisons give
 *   the same rows in the same order on both dialects whatever the database's default collation;
 * - log positions and stream revisions are `bigint` (read back as decimal strings, never a JS number);
 * - counters and sequences stay `integer` (JS numbers, as the entities declare them).
 */
export const PG_TEXT = 'text COLLATE "C"';

/**
 * PostgreSQL version of `CreateProjectionRuntimeTables1764480000000` (./migrations.ts): the
 * projector's checkpoints and MPAN fold. Frozen once shipped.
 */
export class CreateProjectionRuntimeTablesPostgres1764480000000 implements MigrationInterface {
  readonly name = 'CreateProjectionRuntimeTablesPostgres1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projection_checkpoints" ("name" ${PG_TEXT} PRIMARY KEY, "position" bigint NOT NULL, "event_recorded_at" ${PG_TEXT})`,
    );
    await queryRunner.query(
      `CREATE TABLE "projection_mpan_state" ("mpan_core" ${PG_TEXT} PRIMARY KEY, "revision" bigint NOT NULL, "state" ${PG_TEXT} NOT NULL, "last_event" ${PG_TEXT})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "projection_mpan_state"`);
    await queryRunner.query(`DROP TABLE "projection_checkpoints"`);
  }
}

/** The runtime's PostgreSQL migrations, oldest first. */
export const RUNTIME_POSTGRES_MIGRATIONS = [CreateProjectionRuntimeTablesPostgres1764480000000];
