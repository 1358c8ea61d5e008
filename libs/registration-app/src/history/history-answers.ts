import { RecordedEvent } from '@app/event-store';
import { MpanSnapshot, ProposedAppointment } from '@app/registration-domain';
import { ItemChange, MpanItemName, PeriodItemName } from '@app/registration-domain/temporal';

/**
 * The answers of the temporal queries (issue #6): plain JSON, revisions and positions as decimal
 * strings, effective dates as `YYYY-MM-DD` UK settlement days, instants as UTC ISO strings.
 */

/**
 * The recorded-time axis of an answer: the instant asked for, and what of the MPAN's stream the
 * answer was folded from — the records with `recordedAt` at or before `knownAt` (the MPAN's events
 * and the publications they caused). `lastRevision` / `lastPosition` / `lastRecordedAt` are those of
 * the last record folded (`null` when none was); `laterEventsIgnored` counts the records recorded
 * after `knownAt`.
 */
export interface AsKnownAt {
  knownAt: string;
  lastRevision: string | null;
  lastPosition: string | null;
  lastRecordedAt: string | null;
  eventsFolded: number;
  laterEventsIgnored: number;
}

/** `GET /mpans/{mpanCore}/state`: the snapshot effective on `effectiveAt` as known at `knownAt`. */
export interface MpanStateAt extends AsKnownAt {
  mpanCore: string;
  /** The effective-time axis: the settlement day the snapshot is for. */
  effectiveAt: string;
  snapshot: MpanSnapshot;
}

/** A recorded event as the temporal answers cite it, with the message metadata it carries (`null` when absent). */
export interface EventRef {
  revision: string;
  position: string;
  type: string;
  recordedAt: string;
  /** `<senderDIPID>:<senderUniqueReference>` of the inbound message that caused it (day-start: the registry's own run key). */
  messageKey: string | null;
  senderDipId: string | null;
  correlationId: string | null;
}

/**
 * One effective-dated period with its provenance: `openedBy` the event that first opened a period
 * from this date (a meter: its installation or exchange), `closedBy` the event from which it has its
 * current `effectiveToDate` (`null` while open-ended; the opening event itself when it was born
 * closed, inserted before a later period), `correctedBy` the events that replaced its value from the
 * same date later (a meter: changes to its details).
 */
export interface TimelinePeriod {
  effectiveFromDate: string;
  effectiveToDate: string | null;
  value: unknown;
  openedBy: EventRef;
  closedBy: EventRef | null;
  correctedBy: EventRef[];
}

/** `GET /mpans/{mpanCore}/timeline`: every period of every item as known at `knownAt`. */
export interface MpanTimelineAnswer extends AsKnownAt {
  mpanCore: string;
  distributorId: string;
  /** The MPAN's own effective-from date (creation). */
  mpanEffectiveFromDate: string;
  /** Per item (snapshot names), its periods oldest first; `meters` one period per meter record. */
  items: Record<PeriodItemName, TimelinePeriod[]>;
  /** Requests awaiting their provider's answer (not effective-dated), with the event that recorded each. */
  pendingAppointments: Array<{ request: ProposedAppointment; requestedBy: EventRef }>;
}

/** One side of a diff: the two axes, and whether the MPAN was known then (`false`: it has no items). */
export interface DiffPoint extends AsKnownAt {
  effectiveAt: string;
  known: boolean;
}

/** `GET /mpans/{mpanCore}/diff`: what differs between two (effectiveAt, knownAt) points, unchanged items omitted. */
export interface MpanDiffAnswer {
  mpanCore: string;
  from: DiffPoint;
  to: DiffPoint;
  changes: ItemChange[];
}

/** The inbound message behind an event, from revision 0 (`InboundMessageReceived`) of its message stream. */
export interface MessageReceipt {
  messageStream: string;
  channelId: string;
  eventCode: string;
  senderDipId: string;
  senderRoleId: string;
  senderUniqueReference: string;
  correlationId: string;
  /** UTC instant the registry received it. */
  receivedAt: string;
  /** UTC instant the receipt was recorded. */
  recordedAt: string;
  /** The DIP message exactly as received, or `null` for receipts recorded before it was kept. */
  dipMessage: unknown;
}

/** What one event did to the period being explained. */
export type ExplainStepKind = 'opened' | 'corrected' | 'toDateChanged' | 'requested';

/**
 * One link of an explanation's chain: the event, what it did to the period (the period's
 * effective-from and effective-to dates after it; the value it set for `opened` / `corrected` /
 * `requested`), its message metadata, and the inbound message that caused it (`null` for the
 * registry's own day-start runs, which have no message).
 */
export interface ExplainStep {
  step: ExplainStepKind;
  effectiveFromDate: string;
  effectiveToDate: string | null;
  value?: unknown;
  event: EventRef & { channelId: string | null; eventCode: string | null; senderRoleId: string | null; receivedAt: string | null };
  message: MessageReceipt | null;
}

/** A period holding on the date asked (or a pending request) with the chain of events that made it so, oldest first. */
export interface ExplainedPeriod {
  effectiveFromDate: string;
  effectiveToDate: string | null;
  value: unknown;
  chain: ExplainStep[];
}

/**
 * `GET /mpans/{mpanCore}/explain`: the item's period(s) on `date` as known at `knownAt` — one for a
 * single-valued item (none when it has no value that day), every installed meter for `meters`,
 * every pending request for `pendingAppointments` (dated by their proposed effective-from date).
 */
export interface MpanExplanation extends AsKnownAt {
  mpanCore: string;
  item: MpanItemName;
  date: string;
  periods: ExplainedPeriod[];
}

/** The reference the temporal answers give to a recorded event. */
export function eventRefOf(e: RecordedEvent): EventRef {
  return {
    revision: e.revision.toString(),
    position: e.position.toString(),
    type: e.type,
    recordedAt: e.recordedAt,
    messageKey: stringOrNull(e.metadata.messageKey),
    senderDipId: stringOrNull(e.metadata.senderDipId),
    correlationId: stringOrNull(e.metadata.correlationId),
  };
}

/** `value` when it is a string, else `null`. */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
