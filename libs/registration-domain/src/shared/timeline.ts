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
 */
export function setFrom<T>(timeline: Timeline<T>, from: string, value: T): Timeline<T> {
  const kept = timeline.filter((e) => e.effectiveFromDate !== from);
  const next = [...kept, { effectiveFromDate: from, value }];
  next.sort((a, b) => (a.effectiveFromDate < b.effectiveFromDate ? -1 : a.effectiveFromDate > b.effectiveFromDate ? 1 : 0));
  return next;
}

/** The entry effective on `date`, or `undefined` when the item has no value yet on that date. */
export function entryOn<T>(timeline: Timeline<T>, date: string): Effective<T> | undefined {
  let found: Effective<T> | undefined;
  for (const e of timeline) {
    if (e.effectiveFromDate <= date) found = e;
    else break;
  }
  return found;
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
  return periodsOf(timeline).find(
    (p) => p.effectiveFromDate <= date && (p.effectiveToDate === null || date <= p.effectiveToDate),
  );
}

/** The last entry (latest effective-from), or `undefined` for an empty timeline. */
export function lastEntry<T>(timeline: Timeline<T>): Effective<T> | undefined {
  return timeline[timeline.length - 1];
}
