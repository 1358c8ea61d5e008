import { IhdInstallStatus, MeterEventKind } from './commands';

/**
 * Events of the meter technical details process (IF-005 accepted → IF-006). Past-tense facts; the
 * `type` strings never change once shipped (docs/events.md). Dates are `YYYY-MM-DD` settlement
 * days; `meteringServiceDipId` is the sender (the metering service appointed on the event date);
 * `receivedOn` the settlement day the IF-005 was received.
 */

/** B034 as recorded: a meter asset provider (MPID) from a date. */
export interface MeterAssetProvider {
  meterAssetProviderId: string;
  effectiveFromDate: string;
}

/** B033 + B034 list as recorded for one meter (no `modifiedMeterID`: a rename is recorded as the new id). */
export interface MeterDetails {
  meterId: string;
  /** DI-059 meter type (see `METER_TYPES`). */
  meterType: string;
  manufacturersMakeAndType: string | null;
  esmeGuid: string | null;
  meterLocation: string;
  numberOfDisplayedRegisterDigits: number | null;
  meterInstallationDate: string;
  /** Oldest first. */
  mapHistory: MeterAssetProvider[];
}

/** B030 as recorded: in-home display install status from a date. */
export interface IhdStatus {
  ihdInstallStatus: IhdInstallStatus | null;
  effectiveFromDate: string;
}

/** `[MeterInstall]`: a meter is installed from its installation date. */
export interface MeterInstalled {
  type: 'MeterInstalled';
  data: { mpanCore: string; meter: MeterDetails; ihd: IhdStatus | null; meteringServiceDipId: string; receivedOn: string };
}

/** `[MeterRemoval]`: an installed meter is removed on its removal date (no longer installed from that day). */
export interface MeterRemoved {
  type: 'MeterRemoved';
  data: {
    mpanCore: string;
    meterId: string;
    meterInstallationDate: string;
    meterRemovalDate: string;
    meteringServiceDipId: string;
    receivedOn: string;
  };
}

/** `[MeterExchange]`: on one date an installed meter is removed and a new one installed. */
export interface MeterExchanged {
  type: 'MeterExchanged';
  data: {
    mpanCore: string;
    /** The removal date of the old meter = the installation date of the new one. */
    exchangeDate: string;
    removedMeterId: string;
    removedMeterInstallationDate: string;
    meter: MeterDetails;
    ihd: IhdStatus | null;
    meteringServiceDipId: string;
    receivedOn: string;
  };
}

/** `[MeterUpdate]`: the details of an installed meter are corrected (`meter.meterId` differs from `meterId` on a rename). */
export interface MeterDetailsUpdated {
  type: 'MeterDetailsUpdated';
  data: {
    mpanCore: string;
    /** The installed meter's id before the update. */
    meterId: string;
    meter: MeterDetails;
    ihd: IhdStatus | null;
    meteringServiceDipId: string;
    receivedOn: string;
  };
}

/** `[MeterHistoryUpdate]`: the recorded details (and removal date) of a removed meter are corrected. */
export interface MeterHistoryUpdated {
  type: 'MeterHistoryUpdated';
  data: {
    mpanCore: string;
    /** The removed meter's id before the update. */
    meterId: string;
    meter: MeterDetails;
    meterRemovalDate: string;
    meteringServiceDipId: string;
    receivedOn: string;
  };
}

export type MeteringEvent = MeterInstalled | MeterRemoved | MeterExchanged | MeterDetailsUpdated | MeterHistoryUpdated;

export const METERING_EVENT_TYPES: ReadonlyArray<MeteringEvent['type']> = [
  'MeterInstalled',
  'MeterRemoved',
  'MeterExchanged',
  'MeterDetailsUpdated',
  'MeterHistoryUpdated',
];

/** The IF-005/IF-006 event code of each metering event. */
export const METER_EVENT_CODES: Readonly<Record<MeteringEvent['type'], MeterEventKind>> = {
  MeterInstalled: 'MeterInstall',
  MeterRemoved: 'MeterRemoval',
  MeterExchanged: 'MeterExchange',
  MeterDetailsUpdated: 'MeterUpdate',
  MeterHistoryUpdated: 'MeterHistoryUpdate',
};
