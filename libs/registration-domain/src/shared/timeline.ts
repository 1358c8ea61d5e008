import { addDays, LocalDate } from './local-date';

/** One value of an effective-dated data item, holding from `effectiveFromDate` (a UK settlement day). */
export interface Effective<T> {
  effectiveFromDate: string;
  value: T;
}

/**
 * An effective-dated data item: entries sorted by `effectiveFromDate`, at most one per date.
 * A value holds from its date until the day before the next entry's date (no gaps, no overlaps).
 */
export type Timeline<T> = ReadonlyArray<Effective<T>>;

/** A period of a timeline with explicit bounds; `effectiveToDate` is inclusive, `null` = open-ended. */
export interface Period<T> {
  effectiveFromDate: string;
  effectiveToDate: string | null;
  value: T;
}

/**
 * Returns a new timeline with `value` effective from `from`. An entry already on that date is
 * replaced (a correction recorded later wins); later entries are kept, so a back-dated change only
 * holds until the next recorded change.
 *
 * Cost: a binary search and one copy of the array (O(log n + n)), with no sort; the usual case, a
 * change dated after every entry, is one append to the copy. The given timeline is never mutated:
 * folded states share their unchanged timelines, and the command loop keeps folded states in a
 * cache (registration-app `FoldedStreamCache`).
 */
export function setFrom<T>(timeline: Timeline<T>, from: string, value: T): Timeline<T> {
  const entry: Effective<T> = { effectiveFromDate: from, value };
  const n = timeline.length;
  if (n === 0 || timeline[n - 1]!.effectiveFromDate < from) {
    const next = timeline.slice();
    next.push(entry);
    return next;
  }
  const i = firstIndexFrom(timeline, from);
  const next = timeline.slice();
  if (timeline[i]!.effectiveFromDate === from) next[i] = entry;
  else next.splice(i, 0, entry);
  return next;
}

/**
 * Index of the first entry whose `effectiveFromDate` is on or after `date` (`timeline.length` when
 * none is): a binary search, relying on the entries being sorted by date (the {@link Timeline}
 * invariant; ISO dates compare as strings).
 */
function firstIndexFrom<T>(timeline: Timeline<T>, date: string): number {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeline[mid]!.effectiveFromDate < date) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the last entry dated on or before `date` (the one effective on it), or -1; a binary search. */
function indexOn<T>(timeline: Timeline<T>, date: string): number {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeline[mid]!.effectiveFromDate <= date) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The entry effective on `date`, or `undefined` when the item has no value yet on that date. */
export function entryOn<T>(timeline: Timeline<T>, date: string): Effective<T> | undefined {
  const i = indexOn(timeline, date);
  return i < 0 ? undefined : timeline[i];
}

/** The value effective on `date`, or `undefined`. */
export function valueOn<T>(timeline: Timeline<T>, date: string): T | undefined {
  return entryOn(timeline, date)?.value;
}

/** The timeline as periods with inclusive end dates (the day before the next entry starts). */
export function periodsOf<T>(timeline: Timeline<T>): Period<T>[] {
  return timeline.map((e, i) => {
    const next = timeline[i + 1];
    return {
      effectiveFromDate: e.effectiveFromDate,
      effectiveToDate: next ? addDays(next.effectiveFromDate as LocalDate, -1) : null,
      value: e.value,
    };
  });
}

/** The period effective on `date` (with its bounds), or `undefined`. */
export function periodOn<T>(timeline: Timeline<T>, date: string): Period<T> | undefined {
  const i = indexOn(timeline, date);
  if (i < 0) return undefined;
  const entry = timeline[i]!;
  const next = timeline[i + 1];
  return {
    effectiveFromDate: entry.effectiveFromDate,
    effectiveToDate: next ? addDays(next.effectiveFromDate as LocalDate, -1) : null,
    value: entry.value,
  };
}

/** The last entry (latest effective-from), or `undefined` for an empty timeline. */
export function lastEntry<T>(timeline: Timeline<T>): Effective<T> | undefined {
  return timeline[timeline.length - 1];
}
