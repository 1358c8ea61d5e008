import {
  AppointedService,
  AppointmentRequest,
  AppointmentRequestStatus,
  AppointmentScenario,
  ConnectionType,
  ConsentGranularity,
  DataServiceProposal,
  DisconnectionStatus,
  EnergisationStatus,
  EnergyDirection,
  IhdInstallStatus,
  MarketSegment,
  MeteringPointAddress,
  MeterRecord,
  metersInstalledOn,
  MpanSnapshot,
  MpanTimelines,
  Period,
  ProposedAppointment,
  ServiceType,
  SupplyRegistration,
} from '@app/registration-domain';
import { AddressPeriodEntity, MeterEntity, MpanPeriodColumns, MpanViewRows, ServicePeriodEntity } from './entities';

/** What the view holds for one MPAN, effective on one day (shapes of libs/registration-domain/src/registration/snapshot.ts). */
export interface MpanViewAnswerBody {
  /** Every item effective on the day, each with its period (`null` when the item has no value that day). */
  snapshot: MpanSnapshot;
  /** Every item as contiguous periods, oldest first: the full effective-time history. */
  timelines: MpanTimelines;
  /** Every IF-031 request the registry accepted for the MPAN, oldest first, with where it stands. */
  appointmentRequests: AppointmentRequest[];
}

/**
 * The snapshot effective on `effectiveAt` (`YYYY-MM-DD`), the timelines and the appointment
 * requests of one MPAN, from its view rows alone (as read back from the tables, each list in its
 * `orderBy` order). Pure. For rows built by `mpanViewRows(state, …)` the answer equals
 * `snapshotOn(state, effectiveAt)` and `timelinesOf(state)` (the specs check it), so the view
 * answers exactly what a fold of the stream would.
 */
export function mpanViewAnswer(rows: MpanViewRows, effectiveAt: string): MpanViewAnswerBody {
  const { mpan } = rows;
  const services = (type: ServiceType) => rows.services.filter((r) => r.serviceType === type).map(servicePeriod);
  const requests = rows.appointmentRequests.map(
    (r): AppointmentRequest => ({
      appointmentId: r.appointmentId,
      serviceType: r.serviceType as ServiceType,
      providerRole: r.providerRole,
      providerDipId: r.providerDipId,
      providerMpid: r.providerMpid,
      requestingSupplierDipId: r.requestingSupplierDipId,
      requestingSupplierMpid: r.requestingSupplierMpid,
      effectiveFromDate: r.effectiveFromDate,
      contractReference: r.contractReference,
      appointmentScenario: r.appointmentScenario as AppointmentScenario,
      cssRegistrationId: r.cssRegistrationId,
      requestedOn: r.requestedOn,
      ...(r.dataServiceProposal === null ? undefined : (JSON.parse(r.dataServiceProposal) as DataServiceProposal)),
      status: r.status as AppointmentRequestStatus,
    }),
  );
  const pending: ProposedAppointment[] = requests
    .filter((r) => r.status === 'Pending')
    .map(({ status: _status, ...proposal }) => proposal);
  const meters = rows.meters.map(meterRecordOf);

  const timelines: MpanTimelines = {
    mpanCore: mpan.mpanCore,
    distributorId: mpan.distributorId,
    effectiveFromDate: mpan.effectiveFromDate,
    gspGroupId: periods(rows.gspGroups, (r) => r.gspGroupId),
    address: periods(rows.addresses, addressOf),
    connectionType: periods(rows.connectionTypes, (r) => r.connectionType as ConnectionType),
    energyDirection: periods(rows.energyDirections, (r) => r.energyDirection as EnergyDirection),
    meteredIndicator: periods(rows.meteredIndicators, (r) => r.meteredIndicator),
    marketSegment: periods(rows.marketSegments, (r) => r.marketSegment as MarketSegment),
    duosTariffId: periods(rows.duosTariffs, (r) => r.duosTariffId),
    energisationStatus: periods(rows.energisationStatuses, (r) => r.energisationStatus as EnergisationStatus),
    suppliers: periods(
      rows.suppliers,
      (r): SupplyRegistration => ({
        supplierDipId: r.supplierDipId,
        supplierMpid: r.supplierMpid,
        cssRegistrationId: r.cssRegistrationId,
        registrationKind: r.registrationKind as SupplyRegistration['registrationKind'],
      }),
    ),
    meteringServices: services('MS'),
    dataServices: services('DS'),
    pendingAppointments: pending,
    meters,
    ihdInstallStatus: periods(rows.ihdStatuses, (r) => r.ihdInstallStatus as IhdInstallStatus | null),
    domesticPremiseIndicator: periods(rows.domesticPremiseIndicators, (r) => r.domesticPremiseIndicator),
    disconnectionStatus: periods(rows.disconnections, (r) => r.disconnectionStatus as DisconnectionStatus),
    profileClass: periods(rows.profileClasses, (r) => r.profileClass),
    ssc: periods(rows.sscs, (r) => r.ssc),
    consentGranularity: periods(rows.consentGranularities, (r) => r.consentGranularity as ConsentGranularity),
    smso: periods(rows.smsos, (r) => r.smsoId),
  };

  const on = <T>(list: Period<T>[]): Period<T> | null =>
    list.find((p) => p.effectiveFromDate <= effectiveAt && (p.effectiveToDate === null || effectiveAt <= p.effectiveToDate)) ?? null;
  const appointedOn = (list: Period<AppointedService | null>[]): Period<AppointedService> | null => {
    const p = on(list);
    return p && p.value ? { ...p, value: p.value } : null;
  };
  const snapshot: MpanSnapshot = {
    mpanCore: mpan.mpanCore,
    distributorId: mpan.distributorId,
    effectiveFromDate: mpan.effectiveFromDate,
    settlementDate: effectiveAt,
    gspGroupId: on(timelines.gspGroupId),
    address: on(timelines.address),
    connectionType: on(timelines.connectionType),
    energyDirection: on(timelines.energyDirection),
    meteredIndicator: on(timelines.meteredIndicator),
    marketSegment: on(timelines.marketSegment),
    duosTariffId: on(timelines.duosTariffId),
    energisationStatus: on(timelines.energisationStatus),
    supplier: on(timelines.suppliers),
    meteringService: appointedOn(timelines.meteringServices),
    dataService: appointedOn(timelines.dataServices),
    pendingAppointments: structuredClone(pending),
    meters: metersInstalledOn(meters, effectiveAt).map(({ history: _history, ...meter }) => structuredClone(meter)),
    ihdInstallStatus: on(timelines.ihdInstallStatus),
    domesticPremiseIndicator: on(timelines.domesticPremiseIndicator),
    disconnectionStatus: on(timelines.disconnectionStatus),
    profileClass: on(timelines.profileClass),
    ssc: on(timelines.ssc),
    consentGranularity: on(timelines.consentGranularity),
    smso: on(timelines.smso),
  };
  return { snapshot, timelines, appointmentRequests: requests };
}

function periods<R extends MpanPeriodColumns, T>(rows: R[], value: (row: R) => T): Period<T>[] {
  return rows.map((r) => ({ effectiveFromDate: r.effectiveFromDate, effectiveToDate: r.effectiveToDate, value: value(r) }));
}

/** A service period row as the domain's `Period<AppointedService | null>` (`null`: nobody appointed). */
function servicePeriod(r: ServicePeriodEntity): Period<AppointedService | null> {
  // The provider columns are written together with appointment_id (rows.ts `serviceRow`).
  const value: AppointedService | null =
    r.appointmentId === null
      ? null
      : {
          appointmentId: r.appointmentId,
          providerDipId: r.providerDipId!,
          providerMpid: r.providerMpid!,
          providerRole: r.providerRole!,
          requestingSupplierDipId: r.requestingSupplierDipId!,
          requestingSupplierMpid: r.requestingSupplierMpid!,
          appointmentScenario: r.appointmentScenario as AppointmentScenario,
          contractReference: r.contractReference!,
        };
  return { effectiveFromDate: r.effectiveFromDate, effectiveToDate: r.effectiveToDate, value };
}

/** The address of an `mpan_view_addresses` row (lines parsed back from JSON). */
export function addressOf(r: AddressPeriodEntity): MeteringPointAddress {
  return { postcode: r.postcode, lines: JSON.parse(r.addressLines) as (string | null)[] };
}

/** The meter of an `mpan_view_meters` row as the domain records it (installation date = the row's effective-from date). */
export function meterRecordOf(m: MeterEntity): MeterRecord {
  return {
    meterId: m.meterId,
    meterType: m.meterType,
    manufacturersMakeAndType: m.manufacturersMakeAndType,
    esmeGuid: m.esmeGuid,
    meterLocation: m.meterLocation,
    numberOfDisplayedRegisterDigits: m.numberOfDisplayedRegisterDigits,
    meterInstallationDate: m.effectiveFromDate,
    mapHistory: JSON.parse(m.mapHistory) as MeterRecord['mapHistory'],
    meterRemovalDate: m.meterRemovalDate,
    history: JSON.parse(m.history) as MeterRecord['history'],
  };
}
