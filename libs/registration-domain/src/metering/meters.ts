import { MeterEventKind } from './commands';
import { MeterDetails } from './events';

/** One change recorded against a meter, with the meter as it was before (`null` for its installation). */
export interface MeterChange {
  change: MeterEventKind;
  receivedOn: string;
  before: (MeterDetails & { meterRemovalDate: string | null }) | null;
}

/**
 * A meter as recorded at an MPAN: its details, its removal date (`null` while installed) and every
 * change made to it, oldest first. A meter is installed on day D when
 * `meterInstallationDate ≤ D` and (`meterRemovalDate` is `null` or D < `meterRemovalDate`): on an
 * exchange date the new meter is installed, the old one not.
 */
export interface MeterRecord extends MeterDetails {
  meterRemovalDate: string | null;
  history: MeterChange[];
}

/** The meter with `meterId` not yet removed (at most one: REG1006), or `undefined`. */
export function installedMeter(meters: ReadonlyArray<MeterRecord>, meterId: string): MeterRecord | undefined {
  return meters.find((m) => m.meterId === meterId && m.meterRemovalDate === null);
}

/** The latest removed meter with `meterId`, or `undefined`. */
export function removedMeter(meters: ReadonlyArray<MeterRecord>, meterId: string): MeterRecord | undefined {
  return [...meters].reverse().find((m) => m.meterId === meterId && m.meterRemovalDate !== null);
}

/** The meters installed on settlement day `date`, in installation order. */
export function metersInstalledOn(meters: ReadonlyArray<MeterRecord>, date: string): MeterRecord[] {
  return meters.filter((m) => m.meterInstallationDate <= date && (m.meterRemovalDate === null || date < m.meterRemovalDate));
}

/** A meter's details and removal date without its history (what a change replaces). */
export function meterVersion(m: MeterRecord): MeterDetails & { meterRemovalDate: string | null } {
  const { history: _history, ...version } = m;
  return structuredClone(version);
}
