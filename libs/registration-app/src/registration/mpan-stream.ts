import { RecordedEvent } from '@app/event-store';
import { evolve, initialState, MpanEvent, MpanState, PublicationIssued } from '@app/registration-domain';
import { FoldedStreamCache, StreamFold } from '../command-loop/folded-stream-cache';

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

/** The MPAN fold as the command loop and the cache take it. */
export const MPAN_STREAM_FOLD: StreamFold<MpanState, MpanStreamEvent> = { initialState, evolve: evolveMpanStream };

/** The cache of folded MPAN streams (head states only: never for as-of reads). */
export type MpanStateCache = FoldedStreamCache<MpanState, MpanStreamEvent>;

/** Injection token of the application's {@link MpanStateCache}. */
export const MPAN_STATE_CACHE = Symbol('MPAN_STATE_CACHE');

/**
 * A cache of up to `maxEntries` folded MPAN streams (`REGISTRY_STATE_CACHE_SIZE`; 0 holds none).
 * @throws RangeError for a negative or fractional size.
 */
export function mpanStateCache(maxEntries: number): MpanStateCache {
  return new FoldedStreamCache(MPAN_STREAM_FOLD, maxEntries);
}
