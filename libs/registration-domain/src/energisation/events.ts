import { EnergisationStatus } from '../registration/commands';

/**
 * Events of the energisation process (IF-007 → IF-008). Dates are `YYYY-MM-DD` settlement days;
 * `meteringServiceDipId` is the sender, the metering service appointed on the event date.
 */

/** `[EnergisationStatusChange]` accepted: the status holds from its effective-from date (IF-008). */
export interface EnergisationStatusChanged {
  type: 'EnergisationStatusChanged';
  data: {
    mpanCore: string;
    energisationStatus: EnergisationStatus;
    effectiveFromDate: string;
    /** The status effective the day before (`null` when none was recorded then). */
    previousEnergisationStatus: EnergisationStatus | null;
    meteringServiceDipId: string;
    receivedOn: string;
  };
}

/** `[EnergisationStatusFailure]`: the MS could not (de-)energise (B040); passed on to the supplier only. */
export interface EnergisationFailureReported {
  type: 'EnergisationFailureReported';
  data: {
    mpanCore: string;
    failureReasonCode: string;
    siteVisitCheckCode: string | null;
    natureOfMaintenance: string | null;
    additionalInformation: string | null;
    meteringServiceDipId: string;
    /** The settlement day it was received: the event date. */
    reportedOn: string;
  };
}

export type EnergisationEvent = EnergisationStatusChanged | EnergisationFailureReported;

export const ENERGISATION_EVENT_TYPES: ReadonlyArray<EnergisationEvent['type']> = [
  'EnergisationStatusChanged',
  'EnergisationFailureReported',
];
