import { appointmentSenderReasons } from '../appointment/appointment-common';
import { SERVICE_ROLES } from '../appointment/state';
import { disconnectedReasons } from '../network/disconnection';
import { DecisionContext } from '../registration/commands';
import { assertNever, mpanUnknown } from '../registration/decide-common';
import { MpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { LocalDate } from '../shared/local-date';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { MeterBlock, MeterTechnicalDetailsData, RecordMeterTechnicalDetails } from './commands';
import { meterHistoryUpdateReasons, meterUpdateReasons, renamedTo } from './correction-rules';
import { IhdStatus, MeterDetails, MeteringEvent } from './events';
import {
  appointedSenderReasons,
  exchangeDateReasons,
  futureReasons,
  meterDetailsReasons,
  newMeterReasons,
  removedMeterReasons,
  unmeteredReasons,
} from './meter-rules';
import { MeterRecord } from './meters';

/**
 * The event date of an IF-005 message: the settlement day the sender must be the appointed
 * metering service on (REG1002), its roles are checked on (LOC002), and the unmetered and future
 * rules judge. Install: the installation date; removal: the removal date (the receipt day when it
 * is missing, REG1028); exchange: the removal date (the new meter's installation date when it is
 * missing); `[MeterUpdate]` / `[MeterHistoryUpdate]`: the receipt day (REG1012).
 */
export function meterEventDateOf(data: MeterTechnicalDetailsData): LocalDate {
  switch (data.kind) {
    case 'MeterInstall':
      return data.meter.details.meterInstallationDate;
    case 'MeterRemoval':
      return data.removedMeter.meterRemovalDate ?? data.receivedOn;
    case 'MeterExchange':
      return data.removedMeter.meterRemovalDate ?? data.meter.details.meterInstallationDate;
    case 'MeterUpdate':
    case 'MeterHistoryUpdate':
      return data.receivedOn;
    default:
      return assertNever(data);
  }
}

/**
 * IF-005 from the metering service: install, remove, exchange or correct a meter.
 *
 * Accepted: `MeterInstalled`, `MeterRemoved`, `MeterExchanged`, `MeterDetailsUpdated` or
 * `MeterHistoryUpdated` (IF-006 to the MS, DS, supplier, LDSO, EES).
 *
 * Rejected with every broken rule, in this order: sender (LOC001 role id not MSS/MSA/UMSO, LOC002
 * not holding it on the event date, LOC004, REG0000), MPAN unknown (REG0000), disconnected today
 * (REG1001; not for `[MeterRemoval]` / `[MeterHistoryUpdate]`), not the appointed MS (REG1002 on
 * the event date; REG1012 on the receipt day for the two updates), unmetered (REG0003, REG0004 on
 * the event date), future-dated install/removal/exchange (REG1020), then the event's own rules
 * (meter-rules.ts, correction-rules.ts) and the meter's details (REG1046, REG1047, REG1014, REG1010,
 * REG1096). REG0001/REG0002 (blocks not allowed with the event) cannot arise: the command type
 * allows only the blocks of each event's official schema, which the wire enforces.
 */
export function decideRecordMeterTechnicalDetails(
  command: RecordMeterTechnicalDetails,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<MeteringEvent> {
  const d = command.data;
  const what = `[${d.kind}]`;
  const date = meterEventDateOf(d);
  const sender = command.context.senderDipId;
  const reasons: RejectionReason[] = appointmentSenderReasons(command, SERVICE_ROLES.MS, 'MSS, MSA or UMSO', date, ref);
  const created = state.status === 'Created' ? state : undefined;
  if (!created) reasons.push(mpanUnknown(command.mpanCore));
  const update = d.kind === 'MeterUpdate' || d.kind === 'MeterHistoryUpdate';
  if (created) {
    if (d.kind !== 'MeterRemoval' && d.kind !== 'MeterHistoryUpdate') reasons.push(...disconnectedReasons(created, d.receivedOn, what));
    reasons.push(...appointedSenderReasons(sender, created, date, what, update, ref));
    reasons.push(...unmeteredReasons(created, date, what));
  }
  if (!update) reasons.push(...futureReasons(date, d.receivedOn, what));

  const base = { mpanCore: command.mpanCore as string, meteringServiceDipId: sender, receivedOn: d.receivedOn as string };
  switch (d.kind) {
    case 'MeterInstall': {
      reasons.push(...newMeterReasons(d.meter, created, what), ...meterDetailsReasons(d.meter, d.ihd));
      if (reasons.length > 0) return reject(reasons);
      return accept([{ type: 'MeterInstalled', data: { ...base, meter: detailsOf(d.meter, undefined), ihd: ihdOf(d.ihd) } }]);
    }
    case 'MeterRemoval': {
      const removal = removedMeterReasons(d.removedMeter, created, what);
      reasons.push(...removal.reasons);
      if (reasons.length > 0 || !removal.meter || d.removedMeter.meterRemovalDate === null) return reject(reasons);
      return accept([
        {
          type: 'MeterRemoved',
          data: {
            ...base,
            meterId: d.removedMeter.meterId,
            meterInstallationDate: removal.meter.meterInstallationDate,
            meterRemovalDate: d.removedMeter.meterRemovalDate,
          },
        },
      ]);
    }
    case 'MeterExchange': {
      const removal = removedMeterReasons(d.removedMeter, created, what);
      reasons.push(...removal.reasons, ...exchangeDateReasons(d.meter, d.removedMeter));
      reasons.push(...newMeterReasons(d.meter, created, what), ...meterDetailsReasons(d.meter, d.ihd));
      if (reasons.length > 0 || !removal.meter) return reject(reasons);
      return accept([
        {
          type: 'MeterExchanged',
          data: {
            ...base,
            exchangeDate: d.meter.details.meterInstallationDate,
            removedMeterId: d.removedMeter.meterId,
            removedMeterInstallationDate: removal.meter.meterInstallationDate,
            meter: detailsOf(d.meter, undefined),
            ihd: ihdOf(d.ihd),
          },
        },
      ]);
    }
    case 'MeterUpdate': {
      const check = meterUpdateReasons(d.meter, d.removedMeter, created);
      reasons.push(...check.reasons, ...meterDetailsReasons(withMaps(d.meter, check.target), d.ihd));
      if (reasons.length > 0 || !check.target) return reject(reasons);
      return accept([
        { type: 'MeterDetailsUpdated', data: { ...base, meterId: d.meter.details.meterId, meter: detailsOf(d.meter, check.target), ihd: ihdOf(d.ihd) } },
      ]);
    }
    case 'MeterHistoryUpdate': {
      const check = meterHistoryUpdateReasons(d.meter, d.removedMeter, created);
      reasons.push(...check.reasons, ...meterDetailsReasons(withMaps(d.meter, check.target), null));
      if (reasons.length > 0 || !check.target || check.removalDate === null) return reject(reasons);
      return accept([
        {
          type: 'MeterHistoryUpdated',
          data: { ...base, meterId: d.meter.details.meterId, meter: detailsOf(d.meter, check.target), meterRemovalDate: check.removalDate },
        },
      ]);
    }
    default:
      return assertNever(d);
  }
}

/** B906a may omit the MAP history: a correction then keeps the recorded one. */
function withMaps(meter: MeterBlock, target: MeterRecord | undefined): MeterBlock {
  return meter.mapHistory.length === 0 && target ? { ...meter, mapHistory: target.mapHistory.map((m) => ({ ...m }) as MeterBlock['mapHistory'][number]) } : meter;
}

/** The meter as recorded: the corrected id on a rename, the recorded MAP history when none is sent. */
function detailsOf(meter: MeterBlock, target: MeterRecord | undefined): MeterDetails {
  const m = meter.details;
  const maps = withMaps(meter, target).mapHistory;
  return {
    meterId: renamedTo(meter) ?? m.meterId,
    meterType: m.meterType,
    manufacturersMakeAndType: m.manufacturersMakeAndType,
    esmeGuid: m.esmeGuid,
    meterLocation: m.meterLocation,
    numberOfDisplayedRegisterDigits: m.numberOfDisplayedRegisterDigits,
    meterInstallationDate: m.meterInstallationDate,
    mapHistory: maps.map((p) => ({ meterAssetProviderId: p.meterAssetProviderId, effectiveFromDate: p.effectiveFromDate })),
  };
}

const ihdOf = (ihd: { ihdInstallStatus: IhdStatus['ihdInstallStatus']; effectiveFromDate: string } | null): IhdStatus | null =>
  ihd ? { ihdInstallStatus: ihd.ihdInstallStatus, effectiveFromDate: ihd.effectiveFromDate } : null;
