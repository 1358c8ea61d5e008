import { MpanCore } from '../mpan/mpan-core';
import { ReferenceData } from '../reference-data/reference-data';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { CreateMpan, DecisionContext } from './commands';
import {
  distributorOf,
  duosTariffIdReasons,
  gspGroupReasons,
  notBeforeMpan,
  postcodeReasons,
  senderReasons,
} from './decide-common';
import { RegistrationEvent } from './events';
import { broken } from './rules';
import { MpanState } from './state';

/**
 * LDSO creates an MPAN (`[MPANCreation]`, IF-050 shape). Emits `MpanCreated`, or rejects with
 * every broken rule: the sender rules (LOC001–LOC004), MPAN already exists (LOC005), RMP status
 * `T` (REG1001) or anything else but `C` (LOC006), GSP group valid (LOC008) and the DNO's own for
 * a DNO MPAN (LOC007), connection type `U` ⇔ metered indicator false ⇔ market segment `U`
 * (LOC009–LOC011, one reason per inconsistent pair), no item effective before the MPAN (LOC012),
 * DUoS tariff id 1–3 characters (LOC013), postcode not empty (LOC023).
 */
export function decideCreateMpan(
  command: CreateMpan,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<RegistrationEvent> {
  const d = command.data;
  const reasons: RejectionReason[] = [...senderReasons(command, ref)];

  if (state.status === 'Created') {
    reasons.push(
      broken('MpanAlreadyExists', `MPAN ${command.mpanCore} already exists, effective from ${state.effectiveFromDate}`),
    );
  }
  reasons.push(...rmpStatusReasons(d.rmpStatus));
  reasons.push(...gspGroupReasons(d.gspGroupId, distributorOf(command.mpanCore, ref)));
  reasons.push(...meteringConsistencyReasons(d.connectionType, d.meteredIndicator, d.marketSegment));
  reasons.push(
    ...notBeforeMpan('GSP group effective-from date', d.gspGroupEffectiveFromDate, d.effectiveFromDate),
    ...notBeforeMpan('connection type effective-from date', d.connectionTypeEffectiveFromDate, d.effectiveFromDate),
    ...notBeforeMpan('market segment effective-from date', d.marketSegmentEffectiveFromDate, d.effectiveFromDate),
    ...notBeforeMpan('DUoS tariff id effective-from date', d.duosTariffIdEffectiveFromDate, d.effectiveFromDate),
    ...notBeforeMpan('energisation status effective-from date', d.energisationStatusEffectiveFromDate, d.effectiveFromDate),
  );
  reasons.push(...duosTariffIdReasons(d.duosTariffId));
  reasons.push(...postcodeReasons(d.address.postcode));
  if (reasons.length > 0) return reject(reasons);

  return accept<RegistrationEvent>([
    {
      type: 'MpanCreated',
      data: {
        mpanCore: command.mpanCore,
        distributorId: MpanCore.distributorId(command.mpanCore),
        effectiveFromDate: d.effectiveFromDate,
        gspGroupId: d.gspGroupId,
        gspGroupEffectiveFromDate: d.gspGroupEffectiveFromDate,
        address: d.address,
        connectionType: d.connectionType,
        connectionTypeEffectiveFromDate: d.connectionTypeEffectiveFromDate,
        energyDirection: d.energyDirection,
        meteredIndicator: d.meteredIndicator,
        marketSegment: d.marketSegment,
        marketSegmentEffectiveFromDate: d.marketSegmentEffectiveFromDate,
        duosTariffId: d.duosTariffId,
        duosTariffIdEffectiveFromDate: d.duosTariffIdEffectiveFromDate,
        energisationStatus: d.energisationStatus,
        energisationStatusEffectiveFromDate: d.energisationStatusEffectiveFromDate,
      },
    },
  ]);
}

/** B079 RMP status of a new MPAN: `T` would create it terminated (REG1001); only `C` is accepted. */
function rmpStatusReasons(rmpStatus: string): RejectionReason[] {
  if (rmpStatus === 'C') return [];
  if (rmpStatus === 'T') {
    return [broken('RmpStatusTerminated', 'RMP status T (terminated) cannot be given to a new MPAN: it must be C (created)')];
  }
  return [broken('RmpStatusNotCreated', `RMP status ${JSON.stringify(rmpStatus)} is not C (created), the only status a new MPAN can have`)];
}

/**
 * An MPAN is unmetered exactly when connection type is `U`, metered indicator is false and market
 * segment is `U`; each pair that disagrees is its own reason.
 */
export function meteringConsistencyReasons(connectionType: string, metered: boolean, segment: string): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  const ctUnmetered = connectionType === 'U';
  const segUnmetered = segment === 'U';
  if (ctUnmetered && metered) {
    reasons.push(broken('ConnectionTypeVsMeteredIndicator', 'connection type U (unmetered) requires metered indicator false, got true'));
  } else if (!ctUnmetered && !metered) {
    reasons.push(
      broken('ConnectionTypeVsMeteredIndicator', `metered indicator false (unmetered) requires connection type U, got ${connectionType}`),
    );
  }
  if (ctUnmetered && !segUnmetered) {
    reasons.push(broken('ConnectionTypeVsMarketSegment', `connection type U (unmetered) requires market segment U, got ${segment}`));
  } else if (!ctUnmetered && segUnmetered) {
    reasons.push(broken('ConnectionTypeVsMarketSegment', `market segment U (unmetered) requires connection type U, got ${connectionType}`));
  }
  if (!metered && !segUnmetered) {
    reasons.push(broken('MeteredIndicatorVsMarketSegment', `metered indicator false (unmetered) requires market segment U, got ${segment}`));
  } else if (metered && segUnmetered) {
    reasons.push(broken('MeteredIndicatorVsMarketSegment', 'market segment U (unmetered) requires metered indicator false, got true'));
  }
  return reasons;
}
