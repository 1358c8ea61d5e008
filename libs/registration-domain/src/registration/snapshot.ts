import { ProposedAppointment } from '../appointment/events';
import { AppointedService, AppointmentState } from '../appointment/state';
import { localDate } from '../shared/local-date';
import { Period, periodOn, periodsOf } from '../shared/timeline';
import { ConnectionType, EnergisationStatus, EnergyDirection, MarketSegment, MeteringPointAddress } from './commands';
import { IhdInstallStatus } from '../metering/commands';
import { MeterRecord, metersInstalledOn } from '../metering/meters';
import { ConsentGranularity } from '../supplier-data/commands';
import { CreatedMpanState, DisconnectionStatus, SupplyRegistration } from './state';

/**
 * The data of one MPAN effective on one settlement day (the MPAN query view's "as at" answer).
 * Each item is the {@link Period} holding on that day — its value with `effectiveFromDate` and
 * inclusive `effectiveToDate` (`null` = open-ended) — or `null` when the item has no value yet on
 * that day (before its first effective-from date, e.g. no supplier registered). Plain JSON.
 */
export interface MpanSnapshot {
  mpanCore: string;
  distributorId: string;
  /** The day the MPAN came into being. */
  effectiveFromDate: string;
  /** The settlement day this snapshot is for (`YYYY-MM-DD`). */
  settlementDate: string;
  gspGroupId: Period<string> | null;
  address: Period<MeteringPointAddress> | null;
  connectionType: Period<ConnectionType> | null;
  energyDirection: Period<EnergyDirection> | null;
  meteredIndicator: Period<boolean> | null;
  marketSegment: Period<MarketSegment> | null;
  duosTariffId: Period<string> | null;
  energisationStatus: Period<EnergisationStatus> | null;
  /** The registered supplier and its period of supply. */
  supplier: Period<SupplyRegistration> | null;
  /** The metering service appointed on that day with its period, or `null` when nobody is. */
  meteringService: Period<AppointedService> | null;
  /** The data service appointed on that day with its period, or `null` when nobody is. */
  dataService: Period<AppointedService> | null;
  /** Requests awaiting their provider's answer (as recorded, whatever their dates), oldest first. */
  pendingAppointments: ProposedAppointment[];
  /** The meters installed on that day with their details and MAP history (without their change history). */
  meters: InstalledMeter[];
  ihdInstallStatus: Period<IhdInstallStatus | null> | null;
  domesticPremiseIndicator: Period<boolean> | null;
  /** `null` when the MPAN was never disconnected up to that day. */
  disconnectionStatus: Period<DisconnectionStatus> | null;
  profileClass: Period<string | null> | null;
  ssc: Period<string | null> | null;
  consentGranularity: Period<ConsentGranularity> | null;
  smso: Period<string | null> | null;
}

/** A meter as a snapshot shows it: details, MAP history and removal date, without the change history. */
export type InstalledMeter = Omit<MeterRecord, 'history'>;

/** Every effective-dated item of one MPAN as contiguous periods, oldest first. Plain JSON. */
export interface MpanTimelines {
  mpanCore: string;
  distributorId: string;
  effectiveFromDate: string;
  gspGroupId: Period<string>[];
  address: Period<MeteringPointAddress>[];
  connectionType: Period<ConnectionType>[];
  energyDirection: Period<EnergyDirection>[];
  meteredIndicator: Period<boolean>[];
  marketSegment: Period<MarketSegment>[];
  duosTariffId: Period<string>[];
  energisationStatus: Period<EnergisationStatus>[];
  suppliers: Period<SupplyRegistration>[];
  /** Metering service appointments; a period with value `null` is a time nobody was appointed. */
  meteringServices: Period<AppointedService | null>[];
  /** Data service appointments; a period with value `null` is a time nobody was appointed. */
  dataServices: Period<AppointedService | null>[];
  /** Requests awaiting their provider's answer, oldest first. */
  pendingAppointments: ProposedAppointment[];
  /** Every meter recorded (installed and removed), in installation order, with its change history. */
  meters: MeterRecord[];
  ihdInstallStatus: Period<IhdInstallStatus | null>[];
  domesticPremiseIndicator: Period<boolean>[];
  disconnectionStatus: Period<DisconnectionStatus>[];
  profileClass: Period<string | null>[];
  ssc: Period<string | null>[];
  consentGranularity: Period<ConsentGranularity>[];
  smso: Period<string | null>[];
}

/**
 * The data of a created MPAN effective on settlement day `date` (`YYYY-MM-DD`), each item with its
 * period ({@link periodOn}). Which events are folded into `state` decides the recorded-time axis
 * ("as known at T"); `date` is the effective-time axis (design brief §5). The appointed services
 * on `date` come from the timelines, so a future-dated appointment shows on its date whether or
 * not day-start has run; pending requests are as recorded.
 * @throws RangeError when `date` is not a calendar-valid `YYYY-MM-DD`.
 */
export function snapshotOn(state: CreatedMpanState, date: string): MpanSnapshot {
  const day = localDate(date);
  const on = <T>(timeline: Parameters<typeof periodOn<T>>[0]) => periodOn(timeline, day) ?? null;
  return structuredClone({
    mpanCore: state.mpanCore,
    distributorId: state.distributorId,
    effectiveFromDate: state.effectiveFromDate,
    settlementDate: day,
    gspGroupId: on(state.gspGroup),
    address: on(state.address),
    connectionType: on(state.connectionType),
    energyDirection: on(state.energyDirection),
    meteredIndicator: on(state.meteredIndicator),
    marketSegment: on(state.marketSegment),
    duosTariffId: on(state.duosTariffId),
    energisationStatus: on(state.energisationStatus),
    supplier: on(state.suppliers),
    meteringService: appointedOn(state.appointments.MS, day),
    dataService: appointedOn(state.appointments.DS, day),
    pendingAppointments: pendingOf(state),
    meters: metersInstalledOn(state.meters, day).map(({ history: _history, ...meter }) => meter),
    ihdInstallStatus: on(state.ihd),
    domesticPremiseIndicator: on(state.domesticPremiseIndicator),
    disconnectionStatus: on(state.disconnectionStatus),
    profileClass: on(state.profileClass),
    ssc: on(state.ssc),
    consentGranularity: on(state.consentGranularity),
    smso: on(state.smso),
  });
}

/** Every item of a created MPAN as periods ({@link periodsOf}): the full effective-time history. */
export function timelinesOf(state: CreatedMpanState): MpanTimelines {
  return structuredClone({
    mpanCore: state.mpanCore,
    distributorId: state.distributorId,
    effectiveFromDate: state.effectiveFromDate,
    gspGroupId: periodsOf(state.gspGroup),
    address: periodsOf(state.address),
    connectionType: periodsOf(state.connectionType),
    energyDirection: periodsOf(state.energyDirection),
    meteredIndicator: periodsOf(state.meteredIndicator),
    marketSegment: periodsOf(state.marketSegment),
    duosTariffId: periodsOf(state.duosTariffId),
    energisationStatus: periodsOf(state.energisationStatus),
    suppliers: periodsOf(state.suppliers),
    meteringServices: periodsOf(state.appointments.MS),
    dataServices: periodsOf(state.appointments.DS),
    pendingAppointments: pendingOf(state),
    meters: [...state.meters],
    ihdInstallStatus: periodsOf(state.ihd),
    domesticPremiseIndicator: periodsOf(state.domesticPremiseIndicator),
    disconnectionStatus: periodsOf(state.disconnectionStatus),
    profileClass: periodsOf(state.profileClass),
    ssc: periodsOf(state.ssc),
    consentGranularity: periodsOf(state.consentGranularity),
    smso: periodsOf(state.smso),
  });
}

/** The appointment period holding on `day`, `null` when nobody is appointed (no entry, or a `null` one). */
function appointedOn(
  timeline: AppointmentState['appointments']['MS'],
  day: string,
): Period<AppointedService> | null {
  const period = periodOn(timeline, day);
  return period && period.value ? { ...period, value: period.value } : null;
}

/** The `Pending` requests without their status (they are all pending). */
function pendingOf(state: AppointmentState): ProposedAppointment[] {
  return state.appointmentRequests.filter((r) => r.status === 'Pending').map(({ status: _status, ...proposal }) => proposal);
}
