import { MigrationInterface, QueryRunner } from 'typeorm';
import { PG_TEXT } from '../runtime/postgres-migrations';

/**
 * PostgreSQL version of `CreateMpanViewTables1764480001000` (./migrations.ts): the same tables,
 * columns, keys and indexes, with PostgreSQL types (see `PG_TEXT`: text in byte order, positions
 * and revisions `bigint`, booleans `boolean`). Frozen once shipped.
 */
export class CreateMpanViewTablesPostgres1764480001000 implements MigrationInterface {
  readonly name = 'CreateMpanViewTablesPostgres1764480001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = PG_TEXT;
    const period = `"mpan_core" ${t} NOT NULL, "effective_from_date" ${t} NOT NULL, "effective_to_date" ${t}`;
    const periodKey = `PRIMARY KEY ("mpan_core", "effective_from_date")`;
    const statements = [
      `CREATE TABLE "mpan_view" ("mpan_core" ${t} PRIMARY KEY, "distributor_id" ${t} NOT NULL, "effective_from_date" ${t} NOT NULL, "last_revision" bigint NOT NULL, "last_position" bigint NOT NULL, "last_recorded_at" ${t} NOT NULL)`,
      `CREATE TABLE "mpan_view_supplier_periods" (${period}, "supplier_dip_id" ${t} NOT NULL, "supplier_mpid" ${t} NOT NULL, "css_registration_id" ${t} NOT NULL, "registration_kind" ${t} NOT NULL, ${periodKey})`,
      `CREATE INDEX "idx_mpan_view_supplier_periods_supplier" ON "mpan_view_supplier_periods" ("supplier_dip_id", "mpan_core", "effective_from_date", "effective_to_date")`,
      `CREATE TABLE "mpan_view_service_periods" (${period}, "service_type" ${t} NOT NULL, "appointment_id" ${t}, "provider_dip_id" ${t}, "provider_mpid" ${t}, "provider_role" ${t}, "requesting_supplier_dip_id" ${t}, "requesting_supplier_mpid" ${t}, "appointment_scenario" ${t}, "contract_reference" ${t}, PRIMARY KEY ("mpan_core", "effective_from_date", "service_type"))`,
      `CREATE INDEX "idx_mpan_view_service_periods_provider" ON "mpan_view_service_periods" ("provider_dip_id", "service_type", "mpan_core", "effective_from_date", "effective_to_date")`,
      `CREATE TABLE "mpan_view_appointment_requests" ("mpan_core" ${t} NOT NULL, "request_seq" integer NOT NULL, "appointment_id" ${t} NOT NULL, "service_type" ${t} NOT NULL, "status" ${t} NOT NULL, "provider_role" ${t} NOT NULL, "provider_dip_id" ${t} NOT NULL, "provider_mpid" ${t} NOT NULL, "requesting_supplier_dip_id" ${t} NOT NULL, "requesting_supplier_mpid" ${t} NOT NULL, "effective_from_date" ${t} NOT NULL, "contract_reference" ${t} NOT NULL, "appointment_scenario" ${t} NOT NULL, "css_registration_id" ${t}, "requested_on" ${t} NOT NULL, PRIMARY KEY ("mpan_core", "request_seq"))`,
      `CREATE INDEX "idx_mpan_view_appointment_requests_provider" ON "mpan_view_appointment_requests" ("provider_dip_id", "status")`,
      `CREATE TABLE "mpan_view_meters" ("mpan_core" ${t} NOT NULL, "meter_seq" integer NOT NULL, "effective_from_date" ${t} NOT NULL, "effective_to_date" ${t}, "meter_removal_date" ${t}, "meter_id" ${t} NOT NULL, "meter_type" ${t} NOT NULL, "manufacturers_make_and_type" ${t}, "esme_guid" ${t}, "meter_location" ${t} NOT NULL, "number_of_displayed_register_digits" integer, "map_history" ${t} NOT NULL, "history" ${t} NOT NULL, PRIMARY KEY ("mpan_core", "meter_seq"))`,
      `CREATE INDEX "idx_mpan_view_meters_meter_id" ON "mpan_view_meters" ("meter_id", "mpan_core")`,
      `CREATE INDEX "idx_mpan_view_meters_esme_guid" ON "mpan_view_meters" ("esme_guid", "mpan_core")`,
      `CREATE TABLE "mpan_view_addresses" (${period}, "postcode" ${t} NOT NULL, "postcode_normalised" ${t} NOT NULL, "address_lines" ${t} NOT NULL, ${periodKey})`,
      `CREATE INDEX "idx_mpan_view_addresses_postcode" ON "mpan_view_addresses" ("postcode_normalised", "mpan_core")`,
      ...ITEM_TABLES.map(([table, column]) => `CREATE TABLE "${table}" (${period}, ${column}, ${periodKey})`),
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      ...ITEM_TABLES.map(([table]) => table).reverse(),
      'mpan_view_addresses',
      'mpan_view_meters',
      'mpan_view_appointment_requests',
      'mpan_view_service_periods',
      'mpan_view_supplier_periods',
      'mpan_view',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}

/**
 * PostgreSQL version of `AddAppointmentRequestDataServiceProposal1764480003000`: the nullable B071
 * proposal (JSON text) of a data service request. Frozen once shipped.
 */
export class AddAppointmentRequestDataServiceProposalPostgres1764480003000 implements MigrationInterface {
  readonly name = 'AddAppointmentRequestDataServiceProposalPostgres1764480003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mpan_view_appointment_requests" ADD COLUMN "data_service_proposal" ${PG_TEXT}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mpan_view_appointment_requests" DROP COLUMN "data_service_proposal"`);
  }
}

/** The single-valued item tables and their value column (frozen with the migration; as ./migrations.ts). */
const ITEM_TABLES: ReadonlyArray<[string, string]> = [
  ['mpan_view_gsp_groups', `"gsp_group_id" ${PG_TEXT} NOT NULL`],
  ['mpan_view_connection_types', `"connection_type" ${PG_TEXT} NOT NULL`],
  ['mpan_view_energy_directions', `"energy_direction" ${PG_TEXT} NOT NULL`],
  ['mpan_view_metered_indicators', '"metered_indicator" boolean NOT NULL'],
  ['mpan_view_market_segments', `"market_segment" ${PG_TEXT} NOT NULL`],
  ['mpan_view_duos_tariffs', `"duos_tariff_id" ${PG_TEXT} NOT NULL`],
  ['mpan_view_energisation_statuses', `"energisation_status" ${PG_TEXT} NOT NULL`],
  ['mpan_view_domestic_premise_indicators', '"domestic_premise_indicator" boolean NOT NULL'],
  ['mpan_view_disconnections', `"disconnection_status" ${PG_TEXT} NOT NULL`],
  ['mpan_view_profile_classes', `"profile_class" ${PG_TEXT}`],
  ['mpan_view_sscs', `"ssc" ${PG_TEXT}`],
  ['mpan_view_consent_granularities', `"consent_granularity" ${PG_TEXT} NOT NULL`],
  ['mpan_view_ihd_statuses', `"ihd_install_status" ${PG_TEXT}`],
  ['mpan_view_smsos', `"smso_id" ${PG_TEXT}`],
];

/** The view's PostgreSQL migrations, oldest first. */
export const MPAN_VIEW_POSTGRES_MIGRATION_CLASSES = [CreateMpanViewTablesPostgres1764480001000, AddAppointmentRequestDataServiceProposalPostgres1764480003000];
