import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the projector runtime's tables (see ./entities.ts). Frozen once shipped. */
export class CreateProjectionRuntimeTables1764480000000 implements MigrationInterface {
  readonly name = 'CreateProjectionRuntimeTables1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projection_checkpoints" ("name" varchar PRIMARY KEY NOT NULL, "position" varchar NOT NULL, "event_recorded_at" varchar)`,
    );
    await queryRunner.query(
      `CREATE TABLE "projection_mpan_state" ("mpan_core" varchar PRIMARY KEY NOT NULL, "revision" varchar NOT NULL, "state" text NOT NULL, "last_event" text)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "projection_mpan_state"`);
    await queryRunner.query(`DROP TABLE "projection_checkpoints"`);
  }
}

/** The runtime's migrations, oldest first. */
export const RUNTIME_MIGRATIONS = [CreateProjectionRuntimeTables1764480000000];
