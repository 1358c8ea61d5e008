import { distributorOf, participantLabel } from '../registration/decide-common';
import { broken } from '../registration/rules';
import { ReferenceData, RoleCode, isRoleCode } from '../reference-data/reference-data';
import { LocalDate } from '../shared/local-date';
import { RejectionReason } from '../shared/rejection';
import { MpanCore } from '../mpan/mpan-core';
import { CommandContext } from '../registration/commands';

/**
 * Sender rules of the appointment commands (also used by the metering service's IF-005/IF-007
 * and the supplier's IF-025 commands), the same codes as the registration commands'
 * (rules.ts): `S1.senderRoleID` is one of `allowed` (LOC001, `roleText` names them), the sender
 * holds that role on `date` (LOC002), `M0.distributorDIPID` is the LDSO of the MPAN core's
 * distributor id (LOC004), and that distributor id is known (REG0000).
 */
export function appointmentSenderReasons(
  command: { type: string; mpanCore: MpanCore; context: CommandContext },
  allowed: readonly RoleCode[],
  roleText: string,
  date: LocalDate,
  ref: ReferenceData,
): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  const { senderDipId, senderRoleId, distributorDipId } = command.context;
  const role = isRoleCode(senderRoleId) && allowed.includes(senderRoleId) ? senderRoleId : undefined;
  if (!role) {
    reasons.push(
      broken('SenderRoleIdMismatch', `sender role id ${senderRoleId} is not ${roleText}, the role that sends ${command.type}`),
    );
  }
  const held = role ?? (allowed.length === 1 ? allowed[0] : undefined);
  if (held && !ref.holdsRole(senderDipId, held, date)) {
    const who = ref.participant(senderDipId)
      ? `sender ${participantLabel(senderDipId, ref)}`
      : `sender ${senderDipId} is not a known participant, so`;
    reasons.push(broken('SenderDoesNotHoldRole', `${who} does not hold role ${held} on ${date}`));
  }
  const distributor = distributorOf(command.mpanCore, ref);
  if (!distributor) {
    const id = command.mpanCore.slice(0, 2);
    reasons.push(
      broken('MpanCoreDistributorUnknown', `MPAN core ${command.mpanCore} has distributor id ${id}, which is not a known DNO or IDNO`),
    );
  } else if (distributorDipId !== distributor.ldsoDipId) {
    reasons.push(
      broken(
        'DistributorDipIdMismatch',
        `distributor DIP id ${distributorDipId} is not the LDSO of distributor id ${distributor.distributorId}, which is ${participantLabel(distributor.ldsoDipId, ref)}`,
      ),
    );
  }
  return reasons;
}

/** `1000000001 (BRWE)` from a DIP id and MPID as recorded (no reference-data look-up). */
export const labelOf = (dipId: string, mpid: string): string => `${dipId} (${mpid})`;
