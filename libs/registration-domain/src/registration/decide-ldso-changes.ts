import { ReferenceData } from '../reference-data/reference-data';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { Timeline, valueOn } from '../shared/timeline';
import {
  ChangeDuosTariffId,
  ChangeEnergyDirection,
  ChangeGspGroup,
  ChangeMpanAddress,
  DecisionContext,
  MeteringPointAddress,
} from './commands';
import {
  distributorOf,
  duosTariffIdReasons,
  gspGroupReasons,
  mpanUnknown,
  notBeforeMpan,
  postcodeReasons,
  senderReasons,
} from './decide-common';
import { RegistrationEvent } from './events';
import { disconnectedReasons } from '../network/disconnection';
import { broken } from './rules';
import { CreatedMpanState, MpanState } from './state';

/**
 * The shape every LDSO data change shares: sender rules (LOC001–LOC004), MPAN unknown (REG0000),
 * the MPAN disconnected on the receipt day (REG1001, `ctx.today`), not before the MPAN's
 * effective-from date (LOC012), and no change when the value already
 * effective on that date is the one sent (LOC022); `extra` adds the item's own value rules, which
 * are checked even on an unknown MPAN so the sender hears about every problem at once.
 */
function decideChange<T>(
  command: ChangeMpanAddress | ChangeGspGroup | ChangeDuosTariffId | ChangeEnergyDirection,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
  item: {
    name: string;
    value: T;
    timeline: (s: CreatedMpanState) => Timeline<T>;
    same: (a: T, b: T) => boolean;
    show: (v: T) => string;
    extra: RejectionReason[];
    event: RegistrationEvent;
  },
): Decision<RegistrationEvent> {
  const date = command.data.effectiveFromDate;
  const reasons: RejectionReason[] = [...senderReasons(command, ref)];
  if (state.status === 'Absent') {
    reasons.push(mpanUnknown(command.mpanCore));
  } else {
    reasons.push(...disconnectedReasons(state, ctx.today, EVENT_CODES[command.type]));
    reasons.push(...notBeforeMpan(`${item.name} effective-from date`, date, state.effectiveFromDate));
    const current = valueOn(item.timeline(state), date);
    if (current !== undefined && item.same(current, item.value)) {
      reasons.push(broken('NoChange', `${item.name} is already ${item.show(item.value)} on ${date}`));
    }
  }
  reasons.push(...item.extra);
  return reasons.length > 0 ? reject(reasons) : accept([item.event]);
}

const same = <T>(a: T, b: T) => a === b;

/** The `REGS-LDSO` event code of each change (for messages). */
const EVENT_CODES = {
  ChangeMpanAddress: '[AddressChg]',
  ChangeGspGroup: '[GSPChg]',
  ChangeDuosTariffId: '[DUOSTariffIDChg]',
  ChangeEnergyDirection: '[EnergyDirection]',
} as const;

/** LDSO changes the metering point address (`[AddressChg]`); also: postcode not empty (LOC023). */
export function decideChangeMpanAddress(
  command: ChangeMpanAddress,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<RegistrationEvent> {
  const { address, effectiveFromDate } = command.data;
  return decideChange(command, state, ctx, ref, {
    name: 'address',
    value: address,
    timeline: (s) => s.address,
    same: sameAddress,
    show: showAddress,
    extra: postcodeReasons(address.postcode),
    event: { type: 'MpanAddressChanged', data: { mpanCore: command.mpanCore, address, effectiveFromDate } },
  });
}

/**
 * LDSO changes the GSP group (`[GSPChg]`); also: one of the 14 groups (LOC008) and, on a DNO MPAN,
 * the DNO's own group (LOC007), so in practice only IDNO MPANs move between GSP groups.
 */
export function decideChangeGspGroup(
  command: ChangeGspGroup,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<RegistrationEvent> {
  const { gspGroupId, effectiveFromDate } = command.data;
  return decideChange(command, state, ctx, ref, {
    name: 'GSP group',
    value: gspGroupId,
    timeline: (s) => s.gspGroup,
    same,
    show: (v) => v,
    extra: gspGroupReasons(gspGroupId, distributorOf(command.mpanCore, ref)),
    event: { type: 'GspGroupChanged', data: { mpanCore: command.mpanCore, gspGroupId, effectiveFromDate } },
  });
}

/** LDSO changes the DUoS tariff id (`[DUOSTariffIDChg]`); also: 1 to 3 characters (LOC013). */
export function decideChangeDuosTariffId(
  command: ChangeDuosTariffId,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<RegistrationEvent> {
  const { duosTariffId, effectiveFromDate } = command.data;
  return decideChange(command, state, ctx, ref, {
    name: 'DUoS tariff id',
    value: duosTariffId,
    timeline: (s) => s.duosTariffId,
    same,
    show: (v) => JSON.stringify(v),
    extra: duosTariffIdReasons(duosTariffId),
    event: { type: 'DuosTariffIdChanged', data: { mpanCore: command.mpanCore, duosTariffId, effectiveFromDate } },
  });
}

/** LDSO changes the energy direction (`[EnergyDirection]`): import `I` or export `E`. */
export function decideChangeEnergyDirection(
  command: ChangeEnergyDirection,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<RegistrationEvent> {
  const { energyDirection, effectiveFromDate } = command.data;
  return decideChange(command, state, ctx, ref, {
    name: 'energy direction',
    value: energyDirection,
    timeline: (s) => s.energyDirection,
    same,
    show: (v) => v,
    extra: [],
    event: { type: 'EnergyDirectionChanged', data: { mpanCore: command.mpanCore, energyDirection, effectiveFromDate } },
  });
}

/** Addresses are the same when postcode and all nine lines are equal (`null` = empty line). */
export function sameAddress(a: MeteringPointAddress, b: MeteringPointAddress): boolean {
  const lines = Math.max(a.lines.length, b.lines.length);
  if (a.postcode !== b.postcode) return false;
  for (let i = 0; i < lines; i++) if ((a.lines[i] ?? null) !== (b.lines[i] ?? null)) return false;
  return true;
}

function showAddress(a: MeteringPointAddress): string {
  const lines = a.lines.filter((l): l is string => l !== null && l !== '');
  return JSON.stringify([...lines, a.postcode].join(', '));
}
