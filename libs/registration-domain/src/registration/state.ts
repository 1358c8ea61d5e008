import { AppointmentState } from '../appointment/state';
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
    });

export type CreatedMpanState = Extract<MpanState, { status: 'Created' }>;

/** The state of an MPAN with no events. */
export const initialState = (): MpanState => ({ status: 'Absent' });
