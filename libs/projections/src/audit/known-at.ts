import type { RecordedEvent } from '@app/event-store';

/** The event filter of an "as known at an instant" rebuild, with what it counted. */
export interface KnownAtFilter {
  /** The instant, normalised to ISO 8601 UTC with milliseconds (`2025-06-01T12:00:00.000Z`). */
  readonly knownAt: string;
  /** `true` when the event was recorded at or before {@link knownAt} (`recordedAt <= knownAt`). */
  readonly include: (event: RecordedEvent) => boolean;
  /**
   * Events so far recorded after `knownAt` that lie in the log before a later event recorded at or
   * before it (the clock that stamps `recordedAt` stepped back between those appends).
   */
  outOfClockOrder(): number;
}

/**
 * The filter that makes a projector rebuild the views **as the registry knew them at `knownAt`**
 * (issue #6; design brief §5, recorded time): apply exactly the events with `recordedAt <= knownAt`.
 *
 * - Every event of one append shares its `recordedAt`, so a `PublicationIssued` always travels with
 *   the event it announces, and a message's receipt with an outcome appended with it.
 * - `recordedAt` comes from the registry's clock inside the append's write transaction; it normally
 *   grows with the log position, but need not (a replayed history runs day-start at past
 *   midnights; a machine clock can be set back). The filter therefore reads the whole log rather
 *   than stopping at the first later event, and the projector runtime keeps every fold a prefix of
 *   its stream: an event after a left-out event of the same stream is left out too (see
 *   `ProjectorOptions.include`).
 * Stateless apart from its counter: nothing per stream is kept in memory.
 * @throws RangeError when `knownAt` is not an ISO 8601 instant with a time zone (`Z` or an offset).
 */
export function knownAtFilter(knownAt: string): KnownAtFilter {
  const normalised = parseUtcInstant(knownAt, 'knownAt');
  const limit = Date.parse(normalised);
  let after = 0;
  let outOfOrder = 0;
  return {
    knownAt: normalised,
    include(event: RecordedEvent): boolean {
      if (Date.parse(event.recordedAt) > limit) {
        after += 1;
        return false;
      }
      outOfOrder = after;
      return true;
    },
    outOfClockOrder: () => outOfOrder,
  };
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Whether the fields of an {@link INSTANT} match are a real calendar date and clock time (no 30 February, no 24:00). */
function isCalendarValid(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour! <= 23 && minute! <= 59 && second! <= 59 && offsetHours! <= 14 && offsetMinutes! <= 59;
}

/**
 * A UTC instant from user input (CLI flag, query parameter): an ISO 8601 date-time with seconds
 * optional and a zone (`Z` or `±hh:mm`), normalised to `YYYY-MM-DDTHH:mm:ss.sssZ`.
 * @throws RangeError naming `what` when `raw` is not such an instant (a date alone is refused: an
 *   instant needs a time and a zone, or "2025-06-01" would silently mean midnight UTC).
 */
export function parseUtcInstant(raw: string, what: string): string {
  const match = INSTANT.exec(raw);
  const ms = match && isCalendarValid(match) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`${what} must be a UTC instant such as 2025-06-01T12:00:00Z (a date-time with Z or an offset), got ${JSON.stringify(raw)}`);
  }
  return new Date(ms).toISOString();
}
