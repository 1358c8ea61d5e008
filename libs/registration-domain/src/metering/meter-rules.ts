import { labelOf } from '../appointment/appointment-common';
import { participantLabel } from '../registration/decide-common';
import { broken } from '../registration/rules';
import { CreatedMpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { RejectionReason } from '../shared/rejection';
import { periodOn, valueOn } from '../shared/timeline';
import { IhdInfo, isSmartMeterType, MeterBlock, RemovedMeter } from './commands';
import { installedMeter, MeterRecord } from './meters';

/**
 * The rules of an IF-005 message, by topic; each returns every reason it finds (`[]` when none).
 * `what` is the bracketed event code, e.g. `[MeterInstall]`. docs/rules.md has each condition.
 */

/**
 * REG1002 (install, removal, exchange: the sender is the metering service appointed on the event
 * date) or REG1012 (updates: the sender is the metering service appointed on the receipt day).
 */
export function appointedSenderReasons(
  sender: string,
  state: CreatedMpanState,
  date: string,
  what: string,
  update: boolean,
  ref: ReferenceData,
): RejectionReason[] {
  const appointed = valueOn(state.appointments.MS, date);
  if (appointed?.providerDipId === sender) return [];
  const who = appointed ? `that is ${labelOf(appointed.providerDipId, appointed.providerMpid)}` : 'nobody is appointed then';
  return update
    ? [broken('UpdateNotByAppointedMeteringService', `${what} is only for the metering service appointed on ${date} (today), not ${participantLabel(sender, ref)}: ${who}`)]
    : [broken('MeteringServiceNotAppointed', `sender ${participantLabel(sender, ref)} is not the metering service appointed on ${date}, the date of ${what}: ${who}`)];
}

/** REG0003 / REG0004: no meter events while the connection type / market segment is `U` on `date`. */
export function unmeteredReasons(state: CreatedMpanState, date: string, what: string): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  if (valueOn(state.connectionType, date) === 'U') {
    reasons.push(broken('ConnectionTypeUnmetered', `${what} is not allowed on MPAN ${state.mpanCore}: its connection type on ${date} is U (unmetered)`));
  }
  if (valueOn(state.marketSegment, date) === 'U') {
    reasons.push(broken('MarketSegmentUnmetered', `${what} is not allowed on MPAN ${state.mpanCore}: its market segment on ${date} is U (unmetered)`));
  }
  return reasons;
}

/** REG1020: a physical meter event (install, removal, exchange) is not dated after the day it is received. */
export function futureReasons(date: string, receivedOn: string, what: string): RejectionReason[] {
  return date > receivedOn ? [broken('EventInFuture', `${what} dated ${date} is in the future: it was received on ${receivedOn}`)] : [];
}

/**
 * The meter's own details (B033/B034/B030), no state needed: ESME GUID present exactly for a smart
 * meter type (REG1046), displayed digits for a smart meter (REG1047), MAP history in ascending
 * effective-from order (REG1014) and none before the installation date (REG1010), IHD status not
 * before the installation date (REG1096).
 */
export function meterDetailsReasons(meter: MeterBlock, ihd: IhdInfo | null): RejectionReason[] {
  const m = meter.details;
  const reasons: RejectionReason[] = [];
  const smart = isSmartMeterType(m.meterType);
  if (smart && m.esmeGuid === null) {
    reasons.push(broken('EsmeGuidMissing', `meter ${m.meterId} of smart meter type ${m.meterType} has no ESME GUID`));
  } else if (!smart && m.esmeGuid !== null) {
    reasons.push(broken('EsmeGuidNotSmart', `meter ${m.meterId} of meter type ${m.meterType} is not a smart meter, so it has no ESME GUID, got ${m.esmeGuid}`));
  }
  if (smart && m.numberOfDisplayedRegisterDigits === null) {
    reasons.push(broken('DisplayedDigitsMissing', `meter ${m.meterId} of smart meter type ${m.meterType} has no number of displayed register digits`));
  }
  meter.mapHistory.forEach((map, i) => {
    const previous = meter.mapHistory[i - 1];
    if (previous && map.effectiveFromDate <= previous.effectiveFromDate) {
      reasons.push(
        broken(
          'MapHistoryNotAscending',
          `MAP ${map.meterAssetProviderId} effective-from date ${map.effectiveFromDate} does not follow ${previous.effectiveFromDate} of MAP ${previous.meterAssetProviderId} for meter ${m.meterId}`,
        ),
      );
    }
    if (map.effectiveFromDate < m.meterInstallationDate) {
      reasons.push(
        broken(
          'MapEffectiveFromBeforeInstallation',
          `MAP ${map.meterAssetProviderId} effective-from date ${map.effectiveFromDate} is before installation date ${m.meterInstallationDate} for meter ${m.meterId}`,
        ),
      );
    }
  });
  if (ihd && ihd.effectiveFromDate < m.meterInstallationDate) {
    reasons.push(
      broken('IhdBeforeMeterInstallation', `IHD effective-from date ${ihd.effectiveFromDate} is before installation date ${m.meterInstallationDate} for meter ${m.meterId}`),
    );
  }
  return reasons;
}

/** REG1011: the installation date is not before the MPAN's effective-from (creation) date. */
export function installationBeforeMpanReasons(state: CreatedMpanState, meterId: string, installation: string): RejectionReason[] {
  return installation < state.effectiveFromDate
    ? [broken('MeterInstallationBeforeMpan', `installation date ${installation} for meter ${meterId} is before MPAN ${state.mpanCore} was created on ${state.effectiveFromDate}`)]
    : [];
}

/**
 * A new meter (`[MeterInstall]`, the new meter of `[MeterExchange]`): `modifiedMeterID` null
 * (REG1029), not before the MPAN (REG1011), not while disconnected (REG1007), its id not already
 * installed (REG1006). `state` is `undefined` for an unknown MPAN (state rules skipped).
 */
export function newMeterReasons(meter: MeterBlock, state: CreatedMpanState | undefined, what: string): RejectionReason[] {
  const m = meter.details;
  const reasons: RejectionReason[] = [];
  if (m.modifiedMeterId !== null) {
    reasons.push(broken('ModifiedMeterIdNotNull', `modified meter id ${m.modifiedMeterId} must be null for ${what} of meter ${m.meterId}`));
  }
  if (!state) return reasons;
  reasons.push(...installationBeforeMpanReasons(state, m.meterId, m.meterInstallationDate));
  const disconnection = periodOn(state.disconnectionStatus, m.meterInstallationDate);
  if (disconnection?.value === 'Disconnected') {
    reasons.push(
      broken(
        'MeterInstallationWhileDisconnected',
        `installation date ${m.meterInstallationDate} for meter ${m.meterId} is not before the disconnection date ${disconnection.effectiveFromDate} of MPAN ${state.mpanCore}`,
      ),
    );
  }
  const already = installedMeter(state.meters, m.meterId);
  if (already) {
    reasons.push(
      broken('MeterAlreadyInstalled', `meter ${m.meterId} is already installed at MPAN ${state.mpanCore} (since ${already.meterInstallationDate})`),
    );
  }
  return reasons;
}

/**
 * The removed meter (B039 of `[MeterRemoval]` / `[MeterExchange]`): removal date given (REG1028),
 * meter installed (REG1004), removal not before its installation (REG1005). Returns the installed
 * meter found, for the event.
 */
export function removedMeterReasons(
  removed: RemovedMeter,
  state: CreatedMpanState | undefined,
  what: string,
): { reasons: RejectionReason[]; meter: MeterRecord | undefined } {
  const reasons: RejectionReason[] = [];
  if (removed.meterRemovalDate === null) {
    reasons.push(broken('MeterRemovalDateMissing', `meter removal date is missing for meter ${removed.meterId} (${what})`));
  }
  if (!state) return { reasons, meter: undefined };
  const meter = installedMeter(state.meters, removed.meterId);
  if (!meter) {
    reasons.push(broken('RemovedMeterNotInstalled', `meter ${removed.meterId} is not installed at MPAN ${state.mpanCore}, so it cannot be removed`));
  } else if (removed.meterRemovalDate !== null && removed.meterRemovalDate < meter.meterInstallationDate) {
    reasons.push(removalBeforeInstallation(removed.meterId, removed.meterRemovalDate, meter.meterInstallationDate));
  }
  return { reasons, meter };
}

/** REG1005 with the message naming the meter and both dates. */
export function removalBeforeInstallation(meterId: string, removal: string, installation: string): RejectionReason {
  return broken('MeterRemovalBeforeInstallation', `meter removal date ${removal} is before installation date ${installation} for meter ${meterId}`);
}

/** `[MeterExchange]`: the new meter is installed on the old one's removal date (REG1008 before it, LOC030 after it). */
export function exchangeDateReasons(meter: MeterBlock, removed: RemovedMeter): RejectionReason[] {
  const install = meter.details.meterInstallationDate;
  const removal = removed.meterRemovalDate;
  if (removal === null || install === removal) return [];
  const what = `installation date ${install} of new meter ${meter.details.meterId}`;
  return install < removal
    ? [broken('ExchangeInstallationBeforeRemoval', `${what} is before removal date ${removal} of meter ${removed.meterId}`)]
    : [broken('ExchangeDatesDiffer', `${what} is after removal date ${removal} of meter ${removed.meterId}: an exchange removes and installs on one date`)];
}
