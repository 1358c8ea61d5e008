import { broken } from '../registration/rules';
import { CreatedMpanState } from '../registration/state';
import { RejectionReason } from '../shared/rejection';
import { MeterBlock, RemovedMeter } from './commands';
import { installationBeforeMpanReasons, removalBeforeInstallation } from './meter-rules';
import { installedMeter, MeterRecord, removedMeter } from './meters';

/**
 * Rules of the two correction events of IF-005. Each returns every reason it finds and the meter
 * record it corrects (`undefined` when there is none).
 */

/** The corrected id: `modifiedMeterID` when it differs from `meterID`, else `null` (no rename). */
export const renamedTo = (meter: MeterBlock): string | null =>
  meter.details.modifiedMeterId !== null && meter.details.modifiedMeterId !== meter.details.meterId ? meter.details.modifiedMeterId : null;

/**
 * `[MeterUpdate]` of an installed meter: the meter is installed (REG1015); a B039, if sent, names
 * the same meter (REG1016) and has no removal date (LOC031); a new id is not already installed
 * (REG1013); the id and the installation date do not both change (REG1017); the installation date
 * is not before the MPAN (REG1011).
 */
export function meterUpdateReasons(
  meter: MeterBlock,
  removed: RemovedMeter | null,
  state: CreatedMpanState | undefined,
): { reasons: RejectionReason[]; target: MeterRecord | undefined } {
  const m = meter.details;
  const reasons: RejectionReason[] = [...sameMeterReasons(meter, removed, '[MeterUpdate]')];
  if (removed?.meterRemovalDate) {
    reasons.push(
      broken(
        'UpdateCarriesRemovalDate',
        `[MeterUpdate] carries removal date ${removed.meterRemovalDate} for meter ${m.meterId}: an installed meter has none (send [MeterRemoval] to remove it)`,
      ),
    );
  }
  if (!state) return { reasons, target: undefined };
  const target = installedMeter(state.meters, m.meterId);
  if (!target) {
    reasons.push(broken('UpdatedMeterUnknown', `meter ${m.meterId} is not installed at MPAN ${state.mpanCore}, so it cannot be updated`));
    return { reasons, target };
  }
  reasons.push(...renameReasons(meter, state, target, null));
  reasons.push(...installationBeforeMpanReasons(state, m.meterId, m.meterInstallationDate));
  return { reasons, target };
}

/**
 * `[MeterHistoryUpdate]` of a removed meter: not an installed meter (REG1018) and a removed one
 * (REG1015); a B039, if sent, names the same meter (REG1016) with a removal date (REG1028); the
 * removal is not before the installation (REG1005); a new id is not installed (REG1013); the id and
 * a date do not both change (REG1017); the installation date is not before the MPAN (REG1011).
 * Returns the corrected removal date (B039's, or the recorded one).
 */
export function meterHistoryUpdateReasons(
  meter: MeterBlock,
  removed: RemovedMeter | null,
  state: CreatedMpanState | undefined,
): { reasons: RejectionReason[]; target: MeterRecord | undefined; removalDate: string | null } {
  const m = meter.details;
  const reasons: RejectionReason[] = [...sameMeterReasons(meter, removed, '[MeterHistoryUpdate]')];
  if (removed && removed.meterRemovalDate === null) {
    reasons.push(broken('MeterRemovalDateMissing', `meter removal date is missing for meter ${removed.meterId} ([MeterHistoryUpdate])`));
  }
  if (!state) return { reasons, target: undefined, removalDate: null };
  const target = removedMeter(state.meters, m.meterId);
  if (!target) {
    if (installedMeter(state.meters, m.meterId)) {
      reasons.push(
        broken('HistoryUpdateOfInstalledMeter', `meter ${m.meterId} is installed at MPAN ${state.mpanCore}: [MeterHistoryUpdate] only corrects removed meters (send [MeterUpdate])`),
      );
    } else {
      reasons.push(broken('UpdatedMeterUnknown', `meter ${m.meterId} is not a removed meter of MPAN ${state.mpanCore}, so its history cannot be updated`));
    }
    return { reasons, target, removalDate: null };
  }
  const removalDate = removed?.meterRemovalDate ?? target.meterRemovalDate;
  if (removalDate !== null && removalDate < m.meterInstallationDate) {
    reasons.push(removalBeforeInstallation(m.meterId, removalDate, m.meterInstallationDate));
  }
  reasons.push(...renameReasons(meter, state, target, removalDate));
  reasons.push(...installationBeforeMpanReasons(state, m.meterId, m.meterInstallationDate));
  return { reasons, target, removalDate };
}

/** REG1016: a B039 sent with a correction names the meter being corrected. */
function sameMeterReasons(meter: MeterBlock, removed: RemovedMeter | null, what: string): RejectionReason[] {
  return removed && removed.meterId !== meter.details.meterId
    ? [broken('RemovedMeterIdMismatch', `removed meter id ${removed.meterId} does not match meter id ${meter.details.meterId} of ${what}`)]
    : [];
}

/** REG1013 (new id already installed) and REG1017 (id and installation/removal date changed together). */
function renameReasons(meter: MeterBlock, state: CreatedMpanState, target: MeterRecord, removalDate: string | null): RejectionReason[] {
  const m = meter.details;
  const newId = renamedTo(meter);
  if (newId === null) return [];
  const reasons: RejectionReason[] = [];
  if (installedMeter(state.meters, newId)) {
    reasons.push(broken('ModifiedMeterIdAlreadyInstalled', `modified meter id ${newId} is already installed at MPAN ${state.mpanCore}`));
  }
  const changed: string[] = [];
  if (m.meterInstallationDate !== target.meterInstallationDate) {
    changed.push(`installation date ${target.meterInstallationDate} → ${m.meterInstallationDate}`);
  }
  if (removalDate !== target.meterRemovalDate) changed.push(`removal date ${target.meterRemovalDate} → ${removalDate}`);
  if (changed.length > 0) {
    reasons.push(
      broken('MeterIdAndDateChanged', `meter id ${m.meterId} → ${newId} and ${changed.join(' and ')} cannot change in one transaction`),
    );
  }
  return reasons;
}
