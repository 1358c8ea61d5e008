import { RoleCode } from '../reference-data/reference-data';

/**
 * An outbound publication the registry issues because of an event (MHHS interface catalogue,
 * mhhs-domain.md §3.1): which interface and event code, and to whom. Recorded in the MPAN stream as
 * a `PublicationIssued` event in the same append as the event that caused it, so the notification
 * feed (issue #5) routes exactly what was decided, even if reference data changes later.
 */
export interface PublicationRecipient {
  role: RoleCode;
  dipId: string;
}

export interface PublicationIssued {
  type: 'PublicationIssued';
  data: {
    mpanCore: string;
    /** e.g. `IF-033`. */
    interfaceId: string;
    /** Bracketed DIP event code, e.g. `[MSAppSPRequest]`. */
    eventCode: string;
    recipients: PublicationRecipient[];
    /** Type of the event this publication announces. */
    causedByEventType: string;
    /** The appointment concerned, if any. */
    appointmentId: string | null;
  };
}
