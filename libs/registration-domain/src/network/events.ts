import { ServiceType } from '../appointment/commands';
import { ConnectionType, MarketSegment } from '../registration/commands';

/**
 * Events of the LDSO's network data (second slice) and the registry's IF-045 reminders.
 * Dates are `YYYY-MM-DD` settlement days.
 */

/** A provider appointed on the segment change date whose role does not fit the new segment. */
export interface IncompatibleAppointment {
  serviceType: ServiceType;
  appointmentId: string;
  providerDipId: string;
  providerMpid: string;
  /** The role it was appointed in (e.g. `MSS`). */
  providerRole: string;
  /** The role the new segment needs (e.g. `MSA`): re-appoint with scenario SEG. */
  requiredRole: string;
}

/** `[MarketSegmentChange]`: the market segment from a date (IF-044), flagging the appointments it makes incompatible. */
export interface MarketSegmentChanged {
  type: 'MarketSegmentChanged';
  data: {
    mpanCore: string;
    marketSegment: MarketSegment;
    effectiveFromDate: string;
    /** The segment the day before (`null` when none was recorded). */
    previousMarketSegment: MarketSegment | null;
    /** MS then DS; empty when the appointed providers already fit (or nobody is appointed). */
    incompatibleAppointments: IncompatibleAppointment[];
  };
}

/** `[ConnectionTypeChange]` (or the B023 of a segment change): connection type and metered indicator from a date (IF-043). */
export interface ConnectionTypeChanged {
  type: 'ConnectionTypeChanged';
  data: {
    mpanCore: string;
    connectionType: ConnectionType;
    meteredIndicator: boolean;
    effectiveFromDate: string;
    previousConnectionType: ConnectionType | null;
  };
}

/** `[DomPremInd]`: the domestic premise indicator from a date (IF-018). */
export interface DomesticPremiseIndicatorChanged {
  type: 'DomesticPremiseIndicatorChanged';
  data: { mpanCore: string; domesticPremiseIndicator: boolean; effectiveFromDate: string };
}

/** `[MPANDisconnection]`: the connection point is physically removed from the date; MP status `X` (IF-009, IF-050). */
export interface MpanDisconnected {
  type: 'MpanDisconnected';
  data: { mpanCore: string; effectiveFromDate: string; additionalInformation: string | null; mpStatus: 'X' };
}

/**
 * `[MPANReconnection]`: reconnected from the date (IF-009, IF-050). `mpStatus` is the MP status
 * from then: `R` (registered) when a supplier is registered on the date, `N` (new) otherwise.
 */
export interface MpanReconnected {
  type: 'MpanReconnected';
  data: { mpanCore: string; effectiveFromDate: string; disconnectedFromDate: string; mpStatus: 'N' | 'R' };
}

/** IF-045 event codes the registry sends after a change of market segment. */
export type ReminderCode = 'InvalidMarketSegment' | 'NoMSAppointed' | 'NoDSAppointed';

/**
 * Day-start found the registration data inconsistent on `settlementDate` and reminds the supplier
 * (and the provider concerned) with IF-045: once a day until the supplier re-appoints (SEG).
 */
export interface RegistrationReminderIssued {
  type: 'RegistrationReminderIssued';
  data: {
    mpanCore: string;
    reminder: ReminderCode;
    settlementDate: string;
    marketSegment: MarketSegment;
    supplierDipId: string;
    /** `null` for `InvalidMarketSegment` (about both services). */
    serviceType: ServiceType | null;
    /** The incompatible providers concerned (one for NoMS/NoDS, each incompatible one for InvalidMarketSegment). */
    providers: IncompatibleAppointment[];
    /** B060 `additionalInformation`: what is wrong and what to do. */
    additionalInformation: string;
  };
}

export type NetworkEvent =
  | MarketSegmentChanged
  | ConnectionTypeChanged
  | DomesticPremiseIndicatorChanged
  | MpanDisconnected
  | MpanReconnected
  | RegistrationReminderIssued;

export const NETWORK_EVENT_TYPES: ReadonlyArray<NetworkEvent['type']> = [
  'MarketSegmentChanged',
  'ConnectionTypeChanged',
  'DomesticPremiseIndicatorChanged',
  'MpanDisconnected',
  'MpanReconnected',
  'RegistrationReminderIssued',
];
