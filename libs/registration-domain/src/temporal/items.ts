import { MpanSnapshot } from '../registration/snapshot';
import { CreatedMpanState } from '../registration/state';
import { Timeline } from '../shared/timeline';

/**
 * The data items of an MPAN, named as in {@link MpanSnapshot} (every key but the MPAN's identity and
 * the snapshot's date), in snapshot order. These names are the `item` of the temporal queries
 * (timeline, diff, explain); a spec checks the list against the snapshot's keys.
 */
export const MPAN_ITEM_NAMES = [
  'gspGroupId',
  'address',
  'connectionType',
  'energyDirection',
  'meteredIndicator',
  'marketSegment',
  'duosTariffId',
  'energisationStatus',
  'supplier',
  'meteringService',
  'dataService',
  'pendingAppointments',
  'meters',
  'ihdInstallStatus',
  'domesticPremiseIndicator',
  'disconnectionStatus',
  'profileClass',
  'ssc',
  'consentGranularity',
  'smso',
] as const satisfies ReadonlyArray<keyof MpanSnapshot>;

/** One data item of an MPAN (a key of {@link MpanSnapshot} other than identity and date). */
export type MpanItemName = (typeof MPAN_ITEM_NAMES)[number];

/** The items held as one effective-dated timeline: a single period holds on each day. */
export type TimelineItemName = Exclude<MpanItemName, 'pendingAppointments' | 'meters'>;

/** Items with effective-dated periods: the timeline items and the meters (one period per meter record). */
export type PeriodItemName = Exclude<MpanItemName, 'pendingAppointments'>;

/** True when `name` is one of {@link MPAN_ITEM_NAMES}. */
export function isMpanItemName(name: string): name is MpanItemName {
  return (MPAN_ITEM_NAMES as readonly string[]).includes(name);
}

/**
 * Where each timeline item lives in a created MPAN's state. The services' timelines hold `null`
 * for a time nobody is appointed (a period like any other).
 */
export const TIMELINE_OF: Readonly<Record<TimelineItemName, (state: CreatedMpanState) => Timeline<unknown>>> = {
  gspGroupId: (s) => s.gspGroup,
  address: (s) => s.address,
  connectionType: (s) => s.connectionType,
  energyDirection: (s) => s.energyDirection,
  meteredIndicator: (s) => s.meteredIndicator,
  marketSegment: (s) => s.marketSegment,
  duosTariffId: (s) => s.duosTariffId,
  energisationStatus: (s) => s.energisationStatus,
  supplier: (s) => s.suppliers,
  meteringService: (s) => s.appointments.MS,
  dataService: (s) => s.appointments.DS,
  ihdInstallStatus: (s) => s.ihd,
  domesticPremiseIndicator: (s) => s.domesticPremiseIndicator,
  disconnectionStatus: (s) => s.disconnectionStatus,
  profileClass: (s) => s.profileClass,
  ssc: (s) => s.ssc,
  consentGranularity: (s) => s.consentGranularity,
  smso: (s) => s.smso,
};

/** The timeline items, in snapshot order. */
export const TIMELINE_ITEM_NAMES: readonly TimelineItemName[] = MPAN_ITEM_NAMES.filter(
  (n): n is TimelineItemName => n !== 'pendingAppointments' && n !== 'meters',
);

/** The period items, in snapshot order. */
export const PERIOD_ITEM_NAMES: readonly PeriodItemName[] = MPAN_ITEM_NAMES.filter((n): n is PeriodItemName => n !== 'pendingAppointments');

/**
 * Equality of plain JSON values (objects compared key by key whatever their key order, arrays in
 * order). Used to tell a period whose value was corrected from one left as it was.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => sameJson(x, other[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const otherKeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return keys.length === otherKeys.length && keys.every((k) => k in bo && sameJson(ao[k], bo[k]));
}
