import {
  addDays,
  AppointedService,
  CreatedMpanState,
  dataServiceProposalOf,
  LocalDate,
  Period,
  periodsOf,
  ServiceType,
  Timeline,
} from '@app/registration-domain';
import { MpanPeriodColumns, MpanViewRows, ServicePeriodEntity } from './entities';

/** The log record a set of rows reflects: its stream revision, global position and recorded-at instant (UTC). */
export interface AppliedRecord {
  revision: bigint;
  position: bigint;
  /** UTC instant, ISO 8601 `Z`, as recorded in the log. */
  recordedAt: string;
}

/**
 * Every row of the MPAN query view for one created MPAN (issue #5), from its folded state alone:
 * pure and deterministic (no clock, no I/O), so the same state always gives the same rows and a
 * rebuild from the log gives the live rows again.
 *
 * One period row per entry of each effective-dated timeline (`periodsOf`: inclusive to-dates,
 * `null` = open); every appointment request with its status (a data service request with the B071
 * proposal details it recorded, as JSON); every meter (installed and removed)
 * with its details, MAP history and change history; and the `mpan_view` row stamped with `applied`.
 * Lists are in their table's `orderBy` order (entities/index.ts `MPAN_VIEW_TABLES`).
 * Source of truth for the shapes: libs/registration-domain/src/registration/snapshot.ts.
 */
export function mpanViewRows(state: CreatedMpanState, applied: AppliedRecord): MpanViewRows {
  const core = state.mpanCore;
  const periods = <T, R extends object>(timeline: Timeline<T>, columns: (value: T) => R): Array<MpanPeriodColumns & R> =>
    periodsOf(timeline).map((p) => ({ ...periodColumns(core, p), ...columns(p.value) }));
  return {
    mpan: {
      mpanCore: core,
      distributorId: state.distributorId,
      effectiveFromDate: state.effectiveFromDate,
      lastRevision: applied.revision.toString(),
      lastPosition: applied.position.toString(),
      lastRecordedAt: applied.recordedAt,
    },
    suppliers: periods(state.suppliers, (s) => ({
      supplierDipId: s.supplierDipId,
      supplierMpid: s.supplierMpid,
      cssRegistrationId: s.cssRegistrationId,
      registrationKind: s.registrationKind,
    })),
    // `orderBy` is (mpan_core, service_type, effective_from_date): DS sorts before MS.
    services: (['DS', 'MS'] as const).flatMap((serviceType) =>
      periodsOf(state.appointments[serviceType]).map((p) => serviceRow(core, serviceType, p)),
    ),
    appointmentRequests: state.appointmentRequests.map((r, requestSeq) => ({
      mpanCore: core,
      requestSeq,
      appointmentId: r.appointmentId,
      serviceType: r.serviceType,
      status: r.status,
      providerRole: r.providerRole,
      providerDipId: r.providerDipId,
      providerMpid: r.providerMpid,
      requestingSupplierDipId: r.requestingSupplierDipId,
      requestingSupplierMpid: r.requestingSupplierMpid,
      effectiveFromDate: r.effectiveFromDate,
      contractReference: r.contractReference,
      appointmentScenario: r.appointmentScenario,
      cssRegistrationId: r.cssRegistrationId,
      requestedOn: r.requestedOn,
      dataServiceProposal: jsonOrNull(dataServiceProposalOf(r)),
    })),
    meters: state.meters.map((m, meterSeq) => ({
      mpanCore: core,
      meterSeq,
      effectiveFromDate: m.meterInstallationDate,
      effectiveToDate: m.meterRemovalDate === null ? null : addDays(m.meterRemovalDate as LocalDate, -1),
      meterRemovalDate: m.meterRemovalDate,
      meterId: m.meterId,
      meterType: m.meterType,
      manufacturersMakeAndType: m.manufacturersMakeAndType,
      esmeGuid: m.esmeGuid,
      meterLocation: m.meterLocation,
      numberOfDisplayedRegisterDigits: m.numberOfDisplayedRegisterDigits,
      mapHistory: JSON.stringify(m.mapHistory),
      history: JSON.stringify(m.history),
    })),
    addresses: periods(state.address, (a) => ({
      postcode: a.postcode,
      postcodeNormalised: normalisePostcode(a.postcode),
      addressLines: JSON.stringify(a.lines),
    })),
    gspGroups: periods(state.gspGroup, (gspGroupId) => ({ gspGroupId })),
    connectionTypes: periods(state.connectionType, (connectionType) => ({ connectionType })),
    energyDirections: periods(state.energyDirection, (energyDirection) => ({ energyDirection })),
    meteredIndicators: periods(state.meteredIndicator, (meteredIndicator) => ({ meteredIndicator })),
    marketSegments: periods(state.marketSegment, (marketSegment) => ({ marketSegment })),
    duosTariffs: periods(state.duosTariffId, (duosTariffId) => ({ duosTariffId })),
    energisationStatuses: periods(state.energisationStatus, (energisationStatus) => ({ energisationStatus })),
    domesticPremiseIndicators: periods(state.domesticPremiseIndicator, (domesticPremiseIndicator) => ({ domesticPremiseIndicator })),
    disconnections: periods(state.disconnectionStatus, (disconnectionStatus) => ({ disconnectionStatus })),
    profileClasses: periods(state.profileClass, (profileClass) => ({ profileClass })),
    sscs: periods(state.ssc, (ssc) => ({ ssc })),
    consentGranularities: periods(state.consentGranularity, (consentGranularity) => ({ consentGranularity })),
    ihdStatuses: periods(state.ihd, (ihdInstallStatus) => ({ ihdInstallStatus })),
    smsos: periods(state.smso, (smsoId) => ({ smsoId })),
  };
}

function periodColumns(mpanCore: string, p: Period<unknown>): MpanPeriodColumns {
  return { mpanCore, effectiveFromDate: p.effectiveFromDate, effectiveToDate: p.effectiveToDate };
}

/** A service period row; `null` (nobody appointed) leaves every provider column `null`. */
function serviceRow(mpanCore: string, serviceType: ServiceType, p: Period<AppointedService | null>): ServicePeriodEntity {
  const a = p.value;
  return {
    ...periodColumns(mpanCore, p),
    serviceType,
    appointmentId: a?.appointmentId ?? null,
    providerDipId: a?.providerDipId ?? null,
    providerMpid: a?.providerMpid ?? null,
    providerRole: a?.providerRole ?? null,
    requestingSupplierDipId: a?.requestingSupplierDipId ?? null,
    requestingSupplierMpid: a?.requestingSupplierMpid ?? null,
    appointmentScenario: a?.appointmentScenario ?? null,
    contractReference: a?.contractReference ?? null,
  };
}

/** A full UK postcode without spaces: outward code (2–4 characters) then inward code (digit, two letters). */
const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/**
 * The form postcodes are compared in (stored in `postcode_normalised`, applied to search input):
 * upper case, with exactly one space — before the inward code for a UK postcode (`tn11aa`,
 * `TN1  1AA` → `TN1 1AA`), otherwise wherever the input had runs of white space (trimmed).
 */
export function normalisePostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const uk = UK_POSTCODE.exec(compact);
  if (uk) return `${uk[1]} ${uk[2]}`;
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** JSON text of `value`, or `null` for `null`. */
function jsonOrNull(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
