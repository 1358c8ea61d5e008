import { ProposedAppointment } from '../appointment/events';
import { MeterRecord } from '../metering/meters';
import { evolve } from '../registration/evolve';
import { MpanEvent } from '../registration/mpan-messages';
import { initialState, MpanState } from '../registration/state';
import { addDays, LocalDate } from '../shared/local-date';
import { Period, periodsOf } from '../shared/timeline';
import { PERIOD_ITEM_NAMES, PeriodItemName, sameJson, TIMELINE_ITEM_NAMES, TIMELINE_OF } from './items';

/**
 * Provenance of effective-dated periods (issue #6, timeline and explain): for every period of every
 * item of an MPAN, which recorded event opened it, which gave it its current effective-to date, and
 * which corrected its value — found by a progressive fold that compares the item's periods before
 * and after each event (the same periods `timelinesOf` gives). Pure; `R` is whatever reference the
 * caller attaches to each event (the application layer uses revision, position, recorded-at and
 * the message metadata).
 */

/** One thing an event did to a period, in recorded order. */
export type ProvenanceStep<R> =
  /** The period came into being (first recorded value from this effective-from date). */
  | { kind: 'opened'; by: R; value: unknown; effectiveToDate: string | null }
  /** A later-recorded event replaced its value from the same effective-from date (a correction). */
  | { kind: 'corrected'; by: R; value: unknown; previousValue: unknown }
  /** Its effective-to date changed: set (a period starting after it was recorded, a removal) or reopened (`null`). */
  | { kind: 'toDateChanged'; by: R; effectiveToDate: string | null; previousEffectiveToDate: string | null };

/**
 * A period (`effectiveFromDate`, inclusive `effectiveToDate`, `null` = open-ended) with its provenance:
 * - `openedBy`: the event that first opened a period from this date (for a meter: its installation
 *   or the exchange that installed it);
 * - `closedBy`: the event from which it has its current to-date — the one that set it, or the one
 *   that opened it when it was born closed (a back-dated period inserted before a later one);
 *   `null` while it is open-ended;
 * - `correctedBy`: events that later replaced its value from the same date (for a meter, changes
 *   to its details), oldest first;
 * - `steps`: all of the above in recorded order.
 */
export interface PeriodProvenance<R> extends Period<unknown> {
  openedBy: R;
  closedBy: R | null;
  correctedBy: R[];
  steps: ProvenanceStep<R>[];
}

/** A request awaiting its provider's answer, with the event that recorded it. */
export interface RequestProvenance<R> {
  request: ProposedAppointment;
  requestedBy: R;
}

/**
 * The provenance of every period of a created MPAN. `periods.meters` has one period per meter
 * record (installation date to the day before its removal date), in installation order, its value
 * the meter without its change history; the other items are their timelines' periods, oldest first.
 */
export interface MpanProvenance<R> {
  periods: Record<PeriodItemName, PeriodProvenance<R>[]>;
  pendingAppointments: RequestProvenance<R>[];
}

/** A period being tracked: its identity within its item and the part of its value a correction changes. */
interface Tracked<R> {
  key: string;
  compared: unknown;
  period: PeriodProvenance<R>;
}

/** The progressive fold: the MPAN's state so far and what is known of each period. Treat as opaque. */
export interface ProvenanceFold<R> {
  readonly state: MpanState;
  readonly tracked: Readonly<Record<PeriodItemName, ReadonlyArray<Tracked<R>>>> | null;
  /** The event that recorded each appointment request, by appointment id. */
  readonly requestedBy: Readonly<Record<string, R>>;
}

/** The fold before any event: an absent MPAN. */
export function startProvenance<R>(): ProvenanceFold<R> {
  return { state: initialState(), tracked: null, requestedBy: {} };
}

/**
 * Folds one event (with its reference `by`) into the provenance: evolves the state with the
 * domain's `evolve`, then compares each item's periods before and after. A period is identified by
 * its effective-from date (a meter by its record), so a back-dated change splitting a period gives
 * the old period a to-date (`toDateChanged` by this event) and opens a new one; a same-date change
 * is a correction. Periods that no longer exist after the event (e.g. appointments a change of
 * supplier dropped) are forgotten. Never throws.
 */
export function foldProvenance<R>(fold: ProvenanceFold<R>, event: MpanEvent, by: R): ProvenanceFold<R> {
  const after = evolve(fold.state, event);
  if (after === fold.state) return fold;
  if (after.status !== 'Created') return { ...fold, state: after };
  const before = fold.state.status === 'Created' ? fold.state : null;
  const tracked = {} as Record<PeriodItemName, ReadonlyArray<Tracked<R>>>;
  for (const name of TIMELINE_ITEM_NAMES) {
    const previous = fold.tracked?.[name] ?? [];
    const timeline = TIMELINE_OF[name](after);
    tracked[name] =
      before && TIMELINE_OF[name](before) === timeline
        ? previous
        : track(previous, periodsOf(timeline).map((p) => ({ key: p.effectiveFromDate, compared: p.value, period: p })), by);
  }
  const previousMeters = fold.tracked?.meters ?? [];
  tracked.meters =
    before && before.meters === after.meters
      ? previousMeters
      : track(previousMeters, after.meters.map((m, i) => ({ key: String(i), ...meterPeriod(m) })), by);
  const requestedBy = { ...fold.requestedBy };
  for (const r of after.appointmentRequests) if (!(r.appointmentId in requestedBy)) requestedBy[r.appointmentId] = by;
  return { state: after, tracked, requestedBy };
}

/** Folds every event in order ({@link foldProvenance}) from an absent MPAN. */
export function provenanceFold<R>(events: Iterable<{ event: MpanEvent; by: R }>): ProvenanceFold<R> {
  let fold = startProvenance<R>();
  for (const { event, by } of events) fold = foldProvenance(fold, event, by);
  return fold;
}

/**
 * The provenance the fold has reached, as plain data (values cloned), or `null` when the MPAN is
 * not created. Pending requests are those of the state, oldest first.
 */
export function provenanceOf<R>(fold: ProvenanceFold<R>): MpanProvenance<R> | null {
  if (fold.state.status !== 'Created' || fold.tracked === null) return null;
  const tracked = fold.tracked;
  const periods = Object.fromEntries(
    PERIOD_ITEM_NAMES.map((name) => [name, tracked[name].map((t) => t.period)]),
  ) as Record<PeriodItemName, PeriodProvenance<R>[]>;
  const pendingAppointments = fold.state.appointmentRequests
    .filter((r) => r.status === 'Pending')
    .map(({ status: _status, ...request }) => ({ request, requestedBy: fold.requestedBy[request.appointmentId]! }));
  return structuredCloneValues({ periods, pendingAppointments });
}

/**
 * The periods after an event: each next period keeps the provenance of the previous period with
 * the same key, adding a `corrected` step when its compared value changed and a `toDateChanged`
 * step when its to-date did; a period with a new key is `opened` by this event.
 */
function track<R>(previous: ReadonlyArray<Tracked<R>>, next: Array<{ key: string; compared: unknown; period: Period<unknown> }>, by: R): Tracked<R>[] {
  const byKey = new Map(previous.map((t) => [t.key, t]));
  return next.map(({ key, compared, period }) => {
    const old = byKey.get(key);
    if (!old) {
      const { effectiveToDate, value } = period;
      return {
        key,
        compared,
        period: { ...period, openedBy: by, closedBy: effectiveToDate === null ? null : by, correctedBy: [], steps: [{ kind: 'opened', by, value, effectiveToDate }] },
      };
    }
    let p = old.period;
    if (!sameJson(old.compared, compared)) {
      p = { ...p, correctedBy: [...p.correctedBy, by], steps: [...p.steps, { kind: 'corrected', by, value: period.value, previousValue: p.value }] };
    }
    if (p.effectiveToDate !== period.effectiveToDate) {
      p = {
        ...p,
        closedBy: period.effectiveToDate === null ? null : by,
        steps: [...p.steps, { kind: 'toDateChanged', by, effectiveToDate: period.effectiveToDate, previousEffectiveToDate: p.effectiveToDate }],
      };
    }
    p = { ...p, effectiveFromDate: period.effectiveFromDate, effectiveToDate: period.effectiveToDate, value: period.value };
    return { key, compared, period: p };
  });
}

/**
 * A meter record as a period: installed from its installation date up to the day before its
 * removal date (`metersInstalledOn`); its value is the meter without its change history, and a
 * correction is a change of its details (anything but the removal date).
 */
function meterPeriod(m: MeterRecord): { compared: unknown; period: Period<unknown> } {
  const { history: _history, ...meter } = m;
  const { meterRemovalDate, ...details } = meter;
  return {
    compared: details,
    period: {
      effectiveFromDate: m.meterInstallationDate,
      effectiveToDate: meterRemovalDate === null ? null : addDays(meterRemovalDate as LocalDate, -1),
      value: meter,
    },
  };
}

/** Clones the values (they are the state's own objects) so the answer shares nothing with the state; refs stay as given. */
function structuredCloneValues<R>(p: MpanProvenance<R>): MpanProvenance<R> {
  const clonePeriod = (x: PeriodProvenance<R>): PeriodProvenance<R> => ({
    ...x,
    value: structuredClone(x.value),
    correctedBy: [...x.correctedBy],
    steps: x.steps.map((s) =>
      s.kind === 'opened'
        ? { ...s, value: structuredClone(s.value) }
        : s.kind === 'corrected'
          ? { ...s, value: structuredClone(s.value), previousValue: structuredClone(s.previousValue) }
          : { ...s },
    ),
  });
  return {
    periods: Object.fromEntries(Object.entries(p.periods).map(([k, v]) => [k, v.map(clonePeriod)])) as MpanProvenance<R>['periods'],
    pendingAppointments: p.pendingAppointments.map((r) => ({ request: structuredClone(r.request), requestedBy: r.requestedBy })),
  };
}
