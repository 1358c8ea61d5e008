import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the MPAN query view's tables and indexes (see ./entities and docs/query-view.md).
 * Frozen once shipped: a later change of the view is a new migration (and a rebuild of the view).
 */
export class CreateMpanViewTables1764480001000 implements MigrationInterface {
  readonly name = 'CreateMpanViewTables1764480001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const period = `"mpan_core" varchar NOT NULL, "effective_from_date" varchar NOT NULL, "effective_to_date" varchar`;
    const periodKey = `PRIMARY KEY ("mpan_core", "effective_from_date")`;
    const statements = [
      `CREATE TABLE "mpan_view" ("mpan_core" varchar PRIMARY KEY NOT NULL, "distributor_id" varchar NOT NULL, "effective_from_date" varchar NOT NULL, "last_revision" varchar NOT NULL, "last_position" varchar NOT NULL, "last_recorded_at" varchar NOT NULL)`,
      `CREATE TABLE "mpan_view_supplier_periods" (${period}, "supplier_dip_id" varchar NOT NULL, "supplier_mpid" varchar NOT NULL, "css_registration_id" varchar NOT NULL, "registration_kind" varchar NOT NULL, ${periodKey})`,
      `CREATE INDEX "idx_mpan_view_supplier_periods_supplier" ON "mpan_view_supplier_periods" ("supplier_dip_id", "mpan_core", "effective_from_date", "effective_to_date")`,
      `CREATE TABLE "mpan_view_service_periods" (${period}, "service_type" varchar NOT NULL, "appointment_id" varchar, "provider_dip_id" varchar, "provider_mpid" varchar, "provider_role" varchar, "requesting_supplier_dip_id" varchar, "requesting_supplier_mpid" varchar, "appointment_scenario" varchar, "contract_reference" varchar, PRIMARY KEY ("mpan_core", "effective_from_date", "service_type"))`,
      `CREATE INDEX "idx_mpan_view_service_periods_provider" ON "mpan_view_service_periods" ("provider_dip_id", "service_type", "mpan_core", "effective_from_date", "effective_to_date")`,
      `CREATE TABLE "mpan_view_appointment_requests" ("mpan_core" varchar NOT NULL, "request_seq" integer NOT NULL, "appointment_id" varchar NOT NULL, "service_type" varchar NOT NULL, "status" varchar NOT NULL, "provider_role" varchar NOT NULL, "provider_dip_id" varchar NOT NULL, "provider_mpid" varchar NOT NULL, "requesting_supplier_dip_id" varchar NOT NULL, "requesting_supplier_mpid" varchar NOT NULL, "effective_from_date" varchar NOT NULL, "contract_reference" varchar NOT NULL, "appointment_scenario" varchar NOT NULL, "css_registration_id" varchar, "requested_on" varchar NOT NULL, PRIMARY KEY ("mpan_core", "request_seq"))`,
      `CREATE INDEX "idx_mpan_view_appointment_requests_provider" ON "mpan_view_appointment_requests" ("provider_dip_id", "status")`,
      `CREATE TABLE "mpan_view_meters" ("mpan_core" varchar NOT NULL, "meter_seq" integer NOT NULL, "effective_from_date" varchar NOT NULL, "effective_to_date" varchar, "meter_removal_date" varchar, "meter_id" varchar NOT NULL, "meter_type" varchar NOT NULL, "manufacturers_make_and_type" varchar, "esme_guid" varchar, "meter_location" varchar NOT NULL, "number_of_displayed_register_digits" integer, "map_history" text NOT NULL, "history" text NOT NULL, PRIMARY KEY ("mpan_core", "meter_seq"))`,
      `CREATE INDEX "idx_mpan_view_meters_meter_id" ON "mpan_view_meters" ("meter_id", "mpan_core")`,
      `CREATE INDEX "idx_mpan_view_meters_esme_guid" ON "mpan_view_meters" ("esme_guid", "mpan_core")`,
      `CREATE TABLE "mpan_view_addresses" (${period}, "postcode" varchar NOT NULL, "postcode_normalised" varchar NOT NULL, "address_lines" text NOT NULL, ${periodKey})`,
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
    // Dropping a table drops its indexes.
    for (const table of tables) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}

/**
 * Adds `mpan_view_appointment_requests.data_service_proposal`: what the supplier proposed in B071
 * of a data service request (JSON `DataServiceProposal`), `NULL` for metering service requests and
 * for requests recorded before the registry kept it — so a view built before this migration is
 * still right for every event already in the log, and needs no rebuild. Frozen once shipped.
 */
export class AddAppointmentRequestDataServiceProposal1764480003000 implements MigrationInterface {
  readonly name = 'AddAppointmentRequestDataServiceProposal1764480003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mpan_view_appointment_requests" ADD COLUMN "data_service_proposal" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mpan_view_appointment_requests" DROP COLUMN "data_service_proposal"`);
  }
}

/** The single-valued item tables: name and value column definition (frozen with the migration). */
const ITEM_TABLES: ReadonlyArray<[string, string]> = [
  ['mpan_view_gsp_groups', '"gsp_group_id" varchar NOT NULL'],
  ['mpan_view_connection_types', '"connection_type" varchar NOT NULL'],
  ['mpan_view_energy_directions', '"energy_direction" varchar NOT NULL'],
  ['mpan_view_metered_indicators', '"metered_indicator" boolean NOT NULL'],
  ['mpan_view_market_segments', '"market_segment" varchar NOT NULL'],
  ['mpan_view_duos_tariffs', '"duos_tariff_id" varchar NOT NULL'],
  ['mpan_view_energisation_statuses', '"energisation_status" varchar NOT NULL'],
  ['mpan_view_domestic_premise_indicators', '"domestic_premise_indicator" boolean NOT NULL'],
  ['mpan_view_disconnections', '"disconnection_status" varchar NOT NULL'],
  ['mpan_view_profile_classes', '"profile_class" varchar'],
  ['mpan_view_sscs', '"ssc" varchar'],
  ['mpan_view_consent_granularities', '"consent_granularity" varchar NOT NULL'],
  ['mpan_view_ihd_statuses', '"ihd_install_status" varchar'],
  ['mpan_view_smsos', '"smso_id" varchar'],
];
