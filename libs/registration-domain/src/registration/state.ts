import { AppointmentState } from '../appointment/state';
import { IhdInstallStatus } from '../metering/commands';
import { MeterRecord } from '../metering/meters';
import { ConsentGranularity } from '../supplier-data/commands';
import { Timeline } from '../shared/timeline';
import {
  ConnectionType,
  EnergisationStatus,
  EnergyDirection,
  MarketSegment,
  MeteringPointAddress,
} from './commands';

/** A supplier's period of responsibility (from its supply start date; ends the day before the next). */
export interface SupplyRegistration {
  supplierDipId: string;
  supplierMpid: string;
  cssRegistrationId: string;
  registrationKind: 'InitialRegistration' | 'ChangeOfSupplier';
}

/**
 * Whether the connection point is disconnected (MP status `X`, IF-009 `[MPANDisconnection]`) or
 * reconnected (`[MPANReconnection]`) from a date. An MPAN never disconnected has no entries.
 */
export type DisconnectionStatus = 'Disconnected' | 'Reconnected';

/**
 * State of one MPAN, folded from its stream (see `evolve`). Every data item is an effective-dated
 * {@link Timeline}, so the state effective on any date is derivable without further events —
 * including the appointed metering and data services ({@link AppointmentState}: timelines per
 * service, every appointment request with its status, and what day-start has published).
 */
export type MpanState =
  | { readonly status: 'Absent' }
  | (AppointmentState & {
      readonly status: 'Created';
      readonly mpanCore: string;
      readonly distributorId: string;
      /** The day the MPAN came into being (B079 RMP status effective-from). */
      readonly effectiveFromDate: string;
      readonly gspGroup: Timeline<string>;
      readonly address: Timeline<MeteringPointAddress>;
      readonly connectionType: Timeline<ConnectionType>;
      readonly energyDirection: Timeline<EnergyDirection>;
      readonly meteredIndicator: Timeline<boolean>;
      readonly marketSegment: Timeline<MarketSegment>;
      readonly duosTariffId: Timeline<string>;
      readonly energisationStatus: Timeline<EnergisationStatus>;
      readonly suppliers: Timeline<SupplyRegistration>;
      /** Every meter recorded by IF-005, in installation order (installed and removed). */
      readonly meters: ReadonlyArray<MeterRecord>;
      /** B030 from IF-005 meter events and IF-025 `[IHDInfo]`; `null` = no status. */
      readonly ihd: Timeline<IhdInstallStatus | null>;
      /** DI-030: from a registration's B004 (`SupplierRegistered`, from the supply start) and the LDSO's `[DomPremInd]`. */
      readonly domesticPremiseIndicator: Timeline<boolean>;
      readonly disconnectionStatus: Timeline<DisconnectionStatus>;
      /** B032 legacy items; `null` = cleared. */
      readonly profileClass: Timeline<string | null>;
      readonly ssc: Timeline<string | null>;
      readonly consentGranularity: Timeline<ConsentGranularity>;
      /** B031 SMSO MPID; `null` = none. */
      readonly smso: Timeline<string | null>;
      /** The last settlement day IF-045 reminders were issued for (day-start issues at most one set a day). */
      readonly lastReminderDate: string | null;
    });

export type CreatedMpanState = Extract<MpanState, { status: 'Created' }>;

/** The state of an MPAN with no events. */
export const initialState = (): MpanState => ({ status: 'Absent' });
