import { MpanCore } from '../mpan/mpan-core';
import { Distributor, isGspGroupId, ReferenceData, RoleCode } from '../reference-data/reference-data';
import { LocalDate } from '../shared/local-date';
import { RejectionReason } from '../shared/rejection';
import { NetworkCommand } from '../network/commands';
import { RegistrationCommand } from './commands';
import { broken } from './rules';
import { CreatedMpanState, MpanState } from './state';

/** A command from the LDSO or the switching service (channels `REGS-LDSO`, `REGS-CSS`). */
export type LdsoOrCssCommand = RegistrationCommand | NetworkCommand;

/**
 * The role a command's sender must hold: `LDSO` for MPAN creation and network data, `CSS` for
 * supplier registration (ADR 0003: the `REGS-LDSO` and `REGS-CSS` channels).
 */
export function requiredSenderRole(command: LdsoOrCssCommand): RoleCode {
  switch (command.type) {
    case 'CreateMpan':
    case 'ChangeMpanAddress':
    case 'ChangeGspGroup':
    case 'ChangeDuosTariffId':
    case 'ChangeEnergyDirection':
    case 'ChangeMarketSegment':
    case 'ChangeConnectionType':
    case 'ChangeDomesticPremiseIndicator':
    case 'DisconnectMpan':
    case 'ReconnectMpan':
      return 'LDSO';
    case 'RegisterSupplier':
      return 'CSS';
    default:
      return assertNever(command);
  }
}

/**
 * The settlement day a command takes effect: the MPAN's effective-from date for a creation, the
 * supply start date for a registration, the change's effective-from date otherwise (the
 * disconnection or reconnection date for `[MPANDisconnection]` / `[MPANReconnection]`). Sender roles
 * are checked on this date.
 */
export function effectiveDateOf(command: LdsoOrCssCommand): LocalDate {
  switch (command.type) {
    case 'CreateMpan':
    case 'ChangeMpanAddress':
    case 'ChangeGspGroup':
    case 'ChangeDuosTariffId':
    case 'ChangeEnergyDirection':
    case 'ChangeMarketSegment':
    case 'ChangeConnectionType':
    case 'ChangeDomesticPremiseIndicator':
    case 'DisconnectMpan':
    case 'ReconnectMpan':
      return command.data.effectiveFromDate;
    case 'RegisterSupplier':
      return command.data.supplyStartDate;
    default:
      return assertNever(command);
  }
}

/**
 * Rules on the sender, common to every command (local codes LOC001–LOC004, and REG0000 when the
 * MPAN core's distributor id is not in the reference data):
 * - `S1.senderRoleID` is the role the command requires (LOC001);
 * - the sender DIP id holds that role on the command's effective date (LOC002);
 * - for an LDSO command, the sender is the LDSO of the MPAN core's distributor id (LOC003);
 * - `M0.distributorDIPID` is the DIP id of that LDSO, for every command (LOC004).
 */
export function senderReasons(command: LdsoOrCssCommand, ref: ReferenceData): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  const required = requiredSenderRole(command);
  const date = effectiveDateOf(command);
  const { senderDipId, senderRoleId, distributorDipId } = command.context;

  if (senderRoleId !== required) {
    reasons.push(
      broken('SenderRoleIdMismatch', `sender role id ${senderRoleId} is not ${required}, the role that sends ${command.type}`),
    );
  }
  if (!ref.holdsRole(senderDipId, required, date)) {
    const who = ref.participant(senderDipId)
      ? `sender ${participantLabel(senderDipId, ref)}`
      : `sender ${senderDipId} is not a known participant, so`;
    reasons.push(broken('SenderDoesNotHoldRole', `${who} does not hold role ${required} on ${date}`));
  }

  const distributorId = MpanCore.distributorId(command.mpanCore);
  const distributor = ref.distributor(distributorId);
  if (!distributor) {
    reasons.push(
      broken(
        'MpanCoreDistributorUnknown',
        `MPAN core ${command.mpanCore} has distributor id ${distributorId}, which is not a known DNO or IDNO`,
      ),
    );
    return reasons;
  }
  const ldso = participantLabel(distributor.ldsoDipId, ref);
  if (required === 'LDSO' && senderDipId !== distributor.ldsoDipId) {
    reasons.push(
      broken(
        'SenderNotMpanLdso',
        `sender ${participantLabel(senderDipId, ref)} is not the LDSO of distributor id ${distributorId}, which is ${ldso}`,
      ),
    );
  }
  if (distributorDipId !== distributor.ldsoDipId) {
    reasons.push(
      broken(
        'DistributorDipIdMismatch',
        `distributor DIP id ${distributorDipId} is not the LDSO of distributor id ${distributorId}, which is ${ldso}`,
      ),
    );
  }
  return reasons;
}

/** REG0000 for a command on an MPAN the registry does not hold. */
export function mpanUnknown(mpanCore: string): RejectionReason {
  return broken('MpanUnknown', `MPAN ${mpanCore} is not known to the registry`);
}

/** LOC012: `date` (named by `what`) is before the MPAN's effective-from date; `[]` when it is not. */
export function notBeforeMpan(what: string, date: string, mpanEffectiveFrom: string): RejectionReason[] {
  return date < mpanEffectiveFrom
    ? [
        broken(
          'EffectiveFromBeforeMpanEffectiveFrom',
          `${what} ${date} is before the MPAN's effective-from date ${mpanEffectiveFrom}`,
        ),
      ]
    : [];
}

/**
 * GSP group rules shared by creation and `[GSPChg]`: one of the 14 groups (LOC008) and, for a DNO
 * MPAN, the DNO's own group (LOC007; IDNO MPANs may sit in any group).
 */
export function gspGroupReasons(gspGroupId: string, distributor: Distributor | undefined): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  if (!isGspGroupId(gspGroupId)) {
    reasons.push(
      broken('GspGroupIdUnknown', `GSP group ${JSON.stringify(gspGroupId)} is not one of the 14 GSP groups (_A to _P without _I and _O)`),
    );
  }
  if (distributor?.kind === 'DNO' && gspGroupId !== distributor.gspGroupId) {
    reasons.push(
      broken(
        'GspGroupNotDnoGroup',
        `GSP group ${JSON.stringify(gspGroupId)} is not ${distributor.gspGroupId}, the GSP group of DNO distributor id ${distributor.distributorId} (${distributor.name})`,
      ),
    );
  }
  return reasons;
}

/** LOC013: a DUoS tariff id (B024 `DUOSTariffID`) has 1 to 3 characters. */
export function duosTariffIdReasons(duosTariffId: string): RejectionReason[] {
  return duosTariffId.length >= 1 && duosTariffId.length <= 3
    ? []
    : [
        broken(
          'DuosTariffIdLength',
          `DUoS tariff id ${JSON.stringify(duosTariffId)} must have 1 to 3 characters, not ${duosTariffId.length}`,
        ),
      ];
}

/** LOC023: the metering point postcode (B022) is not empty. */
export function postcodeReasons(postcode: string): RejectionReason[] {
  return postcode.trim() === '' ? [broken('PostcodeEmpty', 'metering point postcode must not be empty')] : [];
}

/** The distributor the MPAN core was issued under, or `undefined` when the reference data lacks it. */
export function distributorOf(mpanCore: MpanCore, ref: ReferenceData): Distributor | undefined {
  return ref.distributor(MpanCore.distributorId(mpanCore));
}

/** `1000000001 (BRWE)` for a known participant, the bare DIP id otherwise. */
export function participantLabel(dipId: string, ref: ReferenceData): string {
  const p = ref.participant(dipId);
  return p ? `${dipId} (${p.mpid})` : dipId;
}

/** Narrows a state to a created MPAN. */
export function isCreated(state: MpanState): state is CreatedMpanState {
  return state.status === 'Created';
}

/** Exhaustiveness guard for `switch` defaults. @throws Error (unreachable when types are right). */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
