import { RecordedEvent } from '@app/event-store';
import { evolve, initialState, MpanEvent, MpanState, PublicationIssued } from '@app/registration-domain';

/** What an MPAN stream holds: the MPAN's events and the publications they caused. */
export type MpanStreamEvent = MpanEvent | PublicationIssued;

/** One step of the MPAN fold: publications record what was announced and change no state. */
export function evolveMpanStream(state: MpanState, event: MpanStreamEvent): MpanState {
  return event.type === 'PublicationIssued' ? state : evolve(state, event);
}

/**
 * The state of an MPAN folded from its recorded stream (`mpan-<core>`), oldest first. The one fold
 * that the command loop, the queries and day-start share.
 */
export function foldMpanStream(recorded: readonly RecordedEvent[]): MpanState {
  return recorded.reduce(
    (state, e) => evolveMpanStream(state, { type: e.type, data: e.data } as unknown as MpanStreamEvent),
    initialState(),
  );
}
