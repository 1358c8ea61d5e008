import { ProposedAppointment } from '../appointment/events';
import { InstalledMeter, MpanSnapshot } from '../registration/snapshot';
import { Period } from '../shared/timeline';
import { MPAN_ITEM_NAMES, MpanItemName, sameJson } from './items';

/**
 * What happened to an item between two snapshots:
 * - `added`: no value before (the item had no period on that date, nobody was appointed, the
 *   meter was not installed, the request was not pending, or the MPAN was not known), one after;
 * - `removed`: the reverse;
 * - `valueChanged`: a different value (with its period);
 * - `periodChanged`: the same value, but its effective-from or effective-to date moved (e.g. a
 *   change recorded later now ends it) — for a meter, only its installation or removal date.
 */
export type ItemChangeKind = 'added' | 'removed' | 'valueChanged' | 'periodChanged';

/**
 * One difference between two snapshots. `before` / `after` are what each snapshot shows: a period
 * (`{ value, effectiveFromDate, effectiveToDate }`), a meter, or a pending request — `null` when
 * absent. `key` names the element of a list item (the meter id of `meters`, the appointment id of
 * `pendingAppointments`), `null` for single-valued items.
 */
export interface ItemChange {
  item: MpanItemName;
  key: string | null;
  change: ItemChangeKind;
  before: unknown;
  after: unknown;
}

/**
 * Item by item, what differs between snapshot `before` and snapshot `after` (either may be `null`:
 * the MPAN was not known at that point, so it has no items). Unchanged items are omitted; the
 * changes come in snapshot item order, list elements in the order of `after` then those only in
 * `before`. Meters are compared by meter id (at most one installed meter has an id, REG1006),
 * pending requests by appointment id. Pure; the snapshots are not modified.
 */
export function diffSnapshots(before: MpanSnapshot | null, after: MpanSnapshot | null): ItemChange[] {
  const changes: ItemChange[] = [];
  for (const item of MPAN_ITEM_NAMES) {
    if (item === 'meters') {
      changes.push(...diffList(item, before?.meters ?? [], after?.meters ?? [], (m) => m.meterId, meterChange));
    } else if (item === 'pendingAppointments') {
      changes.push(...diffList(item, before?.pendingAppointments ?? [], after?.pendingAppointments ?? [], (r) => r.appointmentId, () => 'valueChanged'));
    } else {
      const b = (before?.[item] ?? null) as Period<unknown> | null;
      const a = (after?.[item] ?? null) as Period<unknown> | null;
      const change = periodChange(b, a);
      if (change) changes.push({ item, key: null, change, before: clone(b), after: clone(a) });
    }
  }
  return changes;
}

function periodChange(before: Period<unknown> | null, after: Period<unknown> | null): ItemChangeKind | null {
  if (before === null) return after === null ? null : 'added';
  if (after === null) return 'removed';
  if (!sameJson(before.value, after.value)) return 'valueChanged';
  return before.effectiveFromDate === after.effectiveFromDate && before.effectiveToDate === after.effectiveToDate ? null : 'periodChanged';
}

function meterChange(before: InstalledMeter, after: InstalledMeter): ItemChangeKind {
  const details = ({ meterInstallationDate: _from, meterRemovalDate: _to, ...rest }: InstalledMeter) => rest;
  return sameJson(details(before), details(after)) ? 'periodChanged' : 'valueChanged';
}

function diffList<T extends InstalledMeter | ProposedAppointment>(
  item: MpanItemName,
  before: readonly T[],
  after: readonly T[],
  keyOf: (x: T) => string,
  kindOf: (b: T, a: T) => ItemChangeKind,
): ItemChange[] {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  const changes: ItemChange[] = [];
  for (const a of after) {
    const key = keyOf(a);
    const b = old.get(key);
    old.delete(key);
    if (b === undefined) changes.push({ item, key, change: 'added', before: null, after: clone(a) });
    else if (!sameJson(b, a)) changes.push({ item, key, change: kindOf(b, a), before: clone(b), after: clone(a) });
  }
  for (const [key, b] of old) changes.push({ item, key, change: 'removed', before: clone(b), after: null });
  return changes;
}

const clone = <T>(x: T): T => structuredClone(x);
