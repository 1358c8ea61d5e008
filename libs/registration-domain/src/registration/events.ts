import {
  ConnectionType,
  EnergisationStatus,
  EnergyDirection,
  MarketSegment,
  MeteringPointAddress,
} from './commands';

/**
 * Events of the MPAN registration process. Past-tense facts; the `type` strings never change once
 * shipped (docs/events.md). Dates are `YYYY-MM-DD` UK settlement days, ids are strings.
 * Event data carries plain strings (no branded types) because it is what is stored as JSON.
 */

export interface MpanCreated {
  type: 'MpanCreated';
  data: {
    mpanCore: string;
    distributorId: string;
    effectiveFromDate: string;
    gspGroupId: string;
    gspGroupEffectiveFromDate: string;
    address: MeteringPointAddress;
    connectionType: ConnectionType;
    connectionTypeEffectiveFromDate: string;
    energyDirection: EnergyDirection;
    meteredIndicator: boolean;
    marketSegment: MarketSegment;
    marketSegmentEffectiveFromDate: string;
    duosTariffId: string;
    duosTariffIdEffectiveFromDate: string;
    energisationStatus: EnergisationStatus;
    energisationStatusEffectiveFromDate: string;
  };
}

/** A supplier's period of supply starts (initial registration or change of supplier). */
export interface SupplierRegistered {
  type: 'SupplierRegistered';
  data: {
    mpanCore: string;
    registrationKind: 'InitialRegistration' | 'ChangeOfSupplier';
    cssRegistrationId: string;
    supplierDipId: string;
    supplierMpid: string;
    supplyStartDate: string;
    /** The supplier whose period ends the day before `supplyStartDate` (change of supplier). */
    outgoingSupplier: { supplierDipId: string; supplierMpid: string; supplyEndDate: string } | null;
    /**
     * The domestic premise indicator (B004, DI-030) the switching service passed on with the
     * registration, effective from `supplyStartDate`; `null` when it sent none. Absent in events
     * recorded before the registry kept it: read as `null`.
     */
    domesticPremiseIndicator?: boolean | null;
  };
}

export interface MpanAddressChanged {
  type: 'MpanAddressChanged';
  data: { mpanCore: string; address: MeteringPointAddress; effectiveFromDate: string };
}

export interface GspGroupChanged {
  type: 'GspGroupChanged';
  data: { mpanCore: string; gspGroupId: string; effectiveFromDate: string };
}

export interface DuosTariffIdChanged {
  type: 'DuosTariffIdChanged';
  data: { mpanCore: string; duosTariffId: string; effectiveFromDate: string };
}

export interface EnergyDirectionChanged {
  type: 'EnergyDirectionChanged';
  data: { mpanCore: string; energyDirection: EnergyDirection; effectiveFromDate: string };
}

export type RegistrationEvent =
  | MpanCreated
  | SupplierRegistered
  | MpanAddressChanged
  | GspGroupChanged
  | DuosTariffIdChanged
  | EnergyDirectionChanged;

/** Every registration event type name (for filtering the store's streams). */
export const REGISTRATION_EVENT_TYPES: ReadonlyArray<RegistrationEvent['type']> = [
  'MpanCreated',
  'SupplierRegistered',
  'MpanAddressChanged',
  'GspGroupChanged',
  'DuosTariffIdChanged',
  'EnergyDirectionChanged',
];
