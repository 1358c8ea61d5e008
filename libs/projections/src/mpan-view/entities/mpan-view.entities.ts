import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The MPAN query view's tables (issue #5; docs/query-view.md). Every row is derived from the log
 * alone (never from the wall clock), so a rebuild gives the same rows (digest).
 *
 * Conventions of every table:
 * - `mpan_core`: the 13-digit MPAN core;
 * - `effective_from_date` / `effective_to_date`: UK settlement days `YYYY-MM-DD`; the to-date is
 *   INCLUSIVE (the day before the next period starts) and `NULL` means open-ended — exactly the
 *   domain's `Period` (libs/registration-domain/src/shared/timeline.ts `periodsOf`);
 * - revisions and positions are decimal text (64-bit; never a JS number);
 * - lists kept as JSON text are written with `JSON.stringify` of the folded state (deterministic).
 */

/** The columns every effective-dated period table starts with; (mpan_core, effective_from_date) is unique. */
export abstract class MpanPeriodColumns {
  @PrimaryColumn({ name: 'mpan_core', type: 'varchar' })
  mpanCore!: string;

  /** First settlement day of the period (`YYYY-MM-DD`). */
  @PrimaryColumn({ name: 'effective_from_date', type: 'varchar' })
  effectiveFromDate!: string;

  /** Last settlement day of the period, inclusive (`YYYY-MM-DD`); `null` = open-ended. */
  @Column({ name: 'effective_to_date', type: 'varchar', nullable: true })
  effectiveToDate!: string | null;
}

/**
 * `mpan_view`: one row per created MPAN — what the rest of its rows were built from: the last
 * record of its stream the view has applied (an MPAN event, or a `PublicationIssued` appended with
 * it), its revision, global position and recorded-at instant (UTC, from the log).
 */
@Entity({ name: 'mpan_view' })
export class MpanViewEntity {
  @PrimaryColumn({ name: 'mpan_core', type: 'varchar' })
  mpanCore!: string;

  /** The core's first two digits (DNO 10–23, IDNO 24+). */
  @Column({ name: 'distributor_id', type: 'varchar' })
  distributorId!: string;

  /** The day the MPAN came into being (B079 RMP status effective-from). */
  @Column({ name: 'effective_from_date', type: 'varchar' })
  effectiveFromDate!: string;

  /** Stream revision of the last record applied, decimal text. */
  @Column({ name: 'last_revision', type: 'varchar' })
  lastRevision!: string;

  /** Global log position of the last record applied, decimal text. */
  @Column({ name: 'last_position', type: 'varchar' })
  lastPosition!: string;

  /** UTC instant (ISO 8601 `Z`) the last record applied was recorded in the log. */
  @Column({ name: 'last_recorded_at', type: 'varchar' })
  lastRecordedAt!: string;
}

/** `mpan_view_supplier_periods`: the registered supplier, period by period (from the switching service). */
@Entity({ name: 'mpan_view_supplier_periods' })
@Index('idx_mpan_view_supplier_periods_supplier', ['supplierDipId', 'mpanCore', 'effectiveFromDate', 'effectiveToDate'])
export class SupplierPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'supplier_dip_id', type: 'varchar' })
  supplierDipId!: string;

  @Column({ name: 'supplier_mpid', type: 'varchar' })
  supplierMpid!: string;

  /** B013 CSS registration id. */
  @Column({ name: 'css_registration_id', type: 'varchar' })
  cssRegistrationId!: string;

  /** `InitialRegistration` or `ChangeOfSupplier`. */
  @Column({ name: 'registration_kind', type: 'varchar' })
  registrationKind!: string;
}

/**
 * `mpan_view_service_periods`: the appointed metering service (`MS`) and data service (`DS`),
 * period by period. A row with `appointment_id` NULL (and every provider column NULL) is a period
 * when nobody is appointed (e.g. after a change of supplier, until the new appointments start).
 */
@Entity({ name: 'mpan_view_service_periods' })
@Index('idx_mpan_view_service_periods_provider', ['providerDipId', 'serviceType', 'mpanCore', 'effectiveFromDate', 'effectiveToDate'])
export class ServicePeriodEntity extends MpanPeriodColumns {
  /** `MS` or `DS`. */
  @PrimaryColumn({ name: 'service_type', type: 'varchar' })
  serviceType!: string;

  @Column({ name: 'appointment_id', type: 'varchar', nullable: true })
  appointmentId!: string | null;

  @Column({ name: 'provider_dip_id', type: 'varchar', nullable: true })
  providerDipId!: string | null;

  @Column({ name: 'provider_mpid', type: 'varchar', nullable: true })
  providerMpid!: string | null;

  /** MSS/MSA/UMSO or SDS/ADS/UMSDS. */
  @Column({ name: 'provider_role', type: 'varchar', nullable: true })
  providerRole!: string | null;

  @Column({ name: 'requesting_supplier_dip_id', type: 'varchar', nullable: true })
  requestingSupplierDipId!: string | null;

  @Column({ name: 'requesting_supplier_mpid', type: 'varchar', nullable: true })
  requestingSupplierMpid!: string | null;

  /** COS, CSP, USP, SEG, ... */
  @Column({ name: 'appointment_scenario', type: 'varchar', nullable: true })
  appointmentScenario!: string | null;

  @Column({ name: 'contract_reference', type: 'varchar', nullable: true })
  contractReference!: string | null;
}

/**
 * `mpan_view_appointment_requests`: every IF-031 request the registry accepted, oldest first
 * (`request_seq`), with where it stands (`Pending`, `Accepted`, `Activated`, `Rejected`, `Lapsed`,
 * `Superseded`). A request has a proposed effective-from date but no period of its own: once
 * accepted it is in `mpan_view_service_periods`.
 */
@Entity({ name: 'mpan_view_appointment_requests' })
@Index('idx_mpan_view_appointment_requests_provider', ['providerDipId', 'status'])
export class AppointmentRequestEntity {
  @PrimaryColumn({ name: 'mpan_core', type: 'varchar' })
  mpanCore!: string;

  /** Position of the request among the MPAN's requests (0 = oldest). */
  @PrimaryColumn({ name: 'request_seq', type: 'integer' })
  requestSeq!: number;

  @Column({ name: 'appointment_id', type: 'varchar' })
  appointmentId!: string;

  @Column({ name: 'service_type', type: 'varchar' })
  serviceType!: string;

  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'provider_role', type: 'varchar' })
  providerRole!: string;

  @Column({ name: 'provider_dip_id', type: 'varchar' })
  providerDipId!: string;

  @Column({ name: 'provider_mpid', type: 'varchar' })
  providerMpid!: string;

  @Column({ name: 'requesting_supplier_dip_id', type: 'varchar' })
  requestingSupplierDipId!: string;

  @Column({ name: 'requesting_supplier_mpid', type: 'varchar' })
  requestingSupplierMpid!: string;

  /** The proposed effective-from date (`YYYY-MM-DD`). */
  @Column({ name: 'effective_from_date', type: 'varchar' })
  effectiveFromDate!: string;

  @Column({ name: 'contract_reference', type: 'varchar' })
  contractReference!: string;

  @Column({ name: 'appointment_scenario', type: 'varchar' })
  appointmentScenario!: string;

  @Column({ name: 'css_registration_id', type: 'varchar', nullable: true })
  cssRegistrationId!: string | null;

  /** Settlement day the request was received. */
  @Column({ name: 'requested_on', type: 'varchar' })
  requestedOn!: string;

  /**
   * A data service request's B071 proposal details, JSON `{ supplierProposedConsentGranularity,
   * supplierProposedDomesticIndicator, supplierNominatedMdr, traditionalFallBackReadFrequency }`
   * (`DataServiceProposal`); `NULL` for metering service requests and for requests recorded before
   * the registry kept them (migration `AddAppointmentRequestDataServiceProposal1764480003000`).
   */
  @Column({ name: 'data_service_proposal', type: 'text', nullable: true })
  dataServiceProposal!: string | null;
}

/**
 * `mpan_view_meters`: every meter recorded at the MPAN (IF-005), in installation order
 * (`meter_seq`). The period is when the meter is installed: `effective_from_date` is its
 * installation date, `effective_to_date` the day before its removal date (`NULL` while installed).
 */
@Entity({ name: 'mpan_view_meters' })
@Index('idx_mpan_view_meters_meter_id', ['meterId', 'mpanCore'])
@Index('idx_mpan_view_meters_esme_guid', ['esmeGuid', 'mpanCore'])
export class MeterEntity {
  @PrimaryColumn({ name: 'mpan_core', type: 'varchar' })
  mpanCore!: string;

  /** Position of the meter among the MPAN's meters (0 = first installed). */
  @PrimaryColumn({ name: 'meter_seq', type: 'integer' })
  meterSeq!: number;

  /** The meter's installation date (`YYYY-MM-DD`). */
  @Column({ name: 'effective_from_date', type: 'varchar' })
  effectiveFromDate!: string;

  /** The last day the meter is installed (its removal date minus one day); `null` while installed. */
  @Column({ name: 'effective_to_date', type: 'varchar', nullable: true })
  effectiveToDate!: string | null;

  /** The removal date as recorded (the first day it is no longer installed); `null` while installed. */
  @Column({ name: 'meter_removal_date', type: 'varchar', nullable: true })
  meterRemovalDate!: string | null;

  /** DT-029 meter id (serial number). */
  @Column({ name: 'meter_id', type: 'varchar' })
  meterId!: string;

  /** DI-059 meter type. */
  @Column({ name: 'meter_type', type: 'varchar' })
  meterType!: string;

  @Column({ name: 'manufacturers_make_and_type', type: 'varchar', nullable: true })
  manufacturersMakeAndType!: string | null;

  /** DI-085 ESME GUID (smart meters). */
  @Column({ name: 'esme_guid', type: 'varchar', nullable: true })
  esmeGuid!: string | null;

  /** DI-090 meter location. */
  @Column({ name: 'meter_location', type: 'varchar' })
  meterLocation!: string;

  @Column({ name: 'number_of_displayed_register_digits', type: 'integer', nullable: true })
  numberOfDisplayedRegisterDigits!: number | null;

  /** B034 meter asset providers, JSON `[{ meterAssetProviderId, effectiveFromDate }]`, oldest first. */
  @Column({ name: 'map_history', type: 'text' })
  mapHistory!: string;

  /** Every change recorded against the meter, JSON (`MeterChange[]`), oldest first. */
  @Column({ name: 'history', type: 'text' })
  history!: string;
}

/** `mpan_view_addresses`: the metering point address (B022) period by period. */
@Entity({ name: 'mpan_view_addresses' })
@Index('idx_mpan_view_addresses_postcode', ['postcodeNormalised', 'mpanCore'])
export class AddressPeriodEntity extends MpanPeriodColumns {
  /** The postcode as recorded. */
  @Column({ name: 'postcode', type: 'varchar' })
  postcode!: string;

  /** The postcode upper case with one space before the inward code (see `normalisePostcode`): what search compares. */
  @Column({ name: 'postcode_normalised', type: 'varchar' })
  postcodeNormalised!: string;

  /** The nine address lines as recorded, JSON (`null` where empty). */
  @Column({ name: 'address_lines', type: 'text' })
  addressLines!: string;
}
