import {
  CommandContext,
  MeteringPointAddress,
  MpanCore,
  ReferenceData,
  RegistrationCommand,
  RejectionReason,
} from '@app/registration-domain';
import { B022Dto } from './dto/blocks.dto';
import { settlementDayOf } from './settlement-day';
import { ValidatedDipMessage, ValidatedDipMessageOf } from './validate-dip-message';

/** Outcome of {@link toRegistrationCommand}. */
export type ToCommandResult = { ok: true; command: RegistrationCommand } | { ok: false; reasons: RejectionReason[] };

/**
 * Maps a structurally valid DIP message to the domain command it asks for (docs/adr/0003):
 *
 * | channel / event | command | effective-from |
 * |---|---|---|
 * | `REGS-LDSO [MPANCreation]` | `CreateMpan` | `B079.RMPStatusEffectiveFromDate`; each item its own date (GSP group: B001) |
 * | `REGS-LDSO [AddressChg]` | `ChangeMpanAddress` (B022) | `B001.GSPGroupEffectiveFromDate` |
 * | `REGS-LDSO [GSPChg]` | `ChangeGspGroup` (`M0.GSPGroupID`) | `B001.GSPGroupEffectiveFromDate` |
 * | `REGS-LDSO [DUOSTariffIDChg]` | `ChangeDuosTariffId` (B024) | `B024.DUOSTariffIDEffectiveFromDate` |
 * | `REGS-LDSO [EnergyDirection]` | `ChangeEnergyDirection` (`B023.energyDirection`) | `B023.connectionTypeEffectiveFromDate` |
 * | `REGS-CSS [InitialRegistration]` | `RegisterSupplier` (B013, B002) | `B002.supplierEffectiveFromDate` |
 * | `REGS-CSS [ChangeOfSupplier]` | `RegisterSupplier` (B013, B002, B003 → `outgoing`) | `B002.supplierEffectiveFromDate` |
 *
 * Every DT-003 date-time becomes its UK settlement day ({@link settlementDayOf}), once, here.
 * Addresses become a postcode and exactly nine lines (`null` where absent or null; a `null`
 * postcode becomes `''`, which the domain rejects). The context carries
 * `messageKey = "<senderDIPID>:<senderUniqueReference>"` and `distributorDipId = M0.distributorDIPID`.
 *
 * @param msg a message that passed `validateDipMessage` (so every date parses).
 * @param ref reference data; only its distributors are consulted, to parse the MPAN core.
 * @returns the command, or `{ ok: false }` with the REG0000 reason of `MpanCore.parse` (unknown
 *   distributor id or wrong check digit). No other rule is checked here: the decider does that.
 */
export function toRegistrationCommand(msg: ValidatedDipMessage, ref: ReferenceData): ToCommandResult {
  const parsed = MpanCore.parse(msg.mpan.mpanCore, (id) => ref.distributor(id) !== undefined);
  if (!parsed.ok) return { ok: false, reasons: [parsed.reason] };
  const context: CommandContext = {
    senderDipId: msg.sender.dipId,
    senderRoleId: msg.sender.roleId,
    senderUniqueReference: msg.sender.uniqueReference,
    messageKey: `${msg.sender.dipId}:${msg.sender.uniqueReference}`,
    distributorDipId: msg.mpan.distributorDipId,
  };
  return { ok: true, command: commandOf(msg, parsed.value, context) };
}

function commandOf(msg: ValidatedDipMessage, mpanCore: MpanCore, context: CommandContext): RegistrationCommand {
  switch (msg.channelId) {
    case 'REGS-LDSO':
      return ldsoCommand(msg, mpanCore, context);
    case 'REGS-CSS':
      return cssCommand(msg, mpanCore, context);
    default:
      return unreachable(msg);
  }
}

type LdsoMessage = Extract<ValidatedDipMessage, { channelId: 'REGS-LDSO' }>;
type CssMessage = Extract<ValidatedDipMessage, { channelId: 'REGS-CSS' }>;

function ldsoCommand(msg: LdsoMessage, mpanCore: MpanCore, context: CommandContext): RegistrationCommand {
  switch (msg.eventCode) {
    case '[MPANCreation]': {
      const { B001, B022, B023, B024, B025, B026, B079 } = msg.customBlock;
      return {
        type: 'CreateMpan',
        mpanCore,
        context,
        data: {
          effectiveFromDate: settlementDayOf(B079.RMPStatusEffectiveFromDate),
          gspGroupId: msg.mpan.gspGroupId,
          gspGroupEffectiveFromDate: settlementDayOf(B001.GSPGroupEffectiveFromDate),
          address: addressOf(B022),
          connectionType: B023.connectionTypeIndicator,
          connectionTypeEffectiveFromDate: settlementDayOf(B023.connectionTypeEffectiveFromDate),
          energyDirection: B023.energyDirection,
          meteredIndicator: B023.meteredIndicator,
          marketSegment: B026.marketSegmentIndicator,
          marketSegmentEffectiveFromDate: settlementDayOf(B026.marketSegmentIndicatorEffectiveFromDate),
          duosTariffId: B024.DUOSTariffID,
          duosTariffIdEffectiveFromDate: settlementDayOf(B024.DUOSTariffIDEffectiveFromDate),
          energisationStatus: B025.energisationStatus,
          energisationStatusEffectiveFromDate: settlementDayOf(B025.energisationStatusEffectiveFromDate),
          rmpStatus: B079.RMPStatus,
        },
      };
    }
    case '[AddressChg]':
      return {
        type: 'ChangeMpanAddress',
        mpanCore,
        context,
        data: {
          address: addressOf(msg.customBlock.B022),
          effectiveFromDate: settlementDayOf(msg.customBlock.B001.GSPGroupEffectiveFromDate),
        },
      };
    case '[GSPChg]':
      return {
        type: 'ChangeGspGroup',
        mpanCore,
        context,
        data: {
          gspGroupId: msg.mpan.gspGroupId,
          effectiveFromDate: settlementDayOf(msg.customBlock.B001.GSPGroupEffectiveFromDate),
        },
      };
    case '[DUOSTariffIDChg]':
      return {
        type: 'ChangeDuosTariffId',
        mpanCore,
        context,
        data: {
          duosTariffId: msg.customBlock.B024.DUOSTariffID,
          effectiveFromDate: settlementDayOf(msg.customBlock.B024.DUOSTariffIDEffectiveFromDate),
        },
      };
    case '[EnergyDirection]':
      return {
        type: 'ChangeEnergyDirection',
        mpanCore,
        context,
        data: {
          energyDirection: msg.customBlock.B023.energyDirection,
          effectiveFromDate: settlementDayOf(msg.customBlock.B023.connectionTypeEffectiveFromDate),
        },
      };
    default:
      return unreachable(msg);
  }
}

function cssCommand(msg: CssMessage, mpanCore: MpanCore, context: CommandContext): RegistrationCommand {
  switch (msg.eventCode) {
    case '[InitialRegistration]':
      return registerSupplier(msg, 'InitialRegistration', mpanCore, context, null);
    case '[ChangeOfSupplier]': {
      const { B003 } = msg.customBlock;
      return registerSupplier(msg, 'ChangeOfSupplier', mpanCore, context, {
        supplierDipId: B003.outgoingSupplierDIPID,
        supplierMpid: B003.outgoingSupplierMPID,
        supplyEndDate: settlementDayOf(B003.supplierEffectiveToDate),
      });
    }
    default:
      return unreachable(msg);
  }
}

function registerSupplier(
  msg: ValidatedDipMessageOf<'REGS-CSS', '[InitialRegistration]' | '[ChangeOfSupplier]'>,
  registrationKind: 'InitialRegistration' | 'ChangeOfSupplier',
  mpanCore: MpanCore,
  context: CommandContext,
  outgoing: Extract<RegistrationCommand, { type: 'RegisterSupplier' }>['data']['outgoing'],
): RegistrationCommand {
  const { B013, B002 } = msg.customBlock;
  return {
    type: 'RegisterSupplier',
    mpanCore,
    context,
    data: {
      registrationKind,
      cssRegistrationId: B013.CSSRegistrationID,
      supplierDipId: B002.incomingSupplierDIPID,
      supplierMpid: B002.incomingSupplierMPID,
      supplyStartDate: settlementDayOf(B002.supplierEffectiveFromDate),
      outgoing,
    },
  };
}

/** B022 → postcode and exactly nine lines (`null` for an absent or null line). */
function addressOf(b022: B022Dto): MeteringPointAddress {
  const lines = [
    b022.addressLine1,
    b022.addressLine2,
    b022.addressLine3,
    b022.addressLine4,
    b022.addressLine5,
    b022.addressLine6,
    b022.addressLine7,
    b022.addressLine8,
    b022.addressLine9,
  ].map((line) => line ?? null);
  return { postcode: b022.meteringPointPostcode ?? '', lines };
}

function unreachable(value: never): never {
  throw new Error(`unmapped DIP message: ${JSON.stringify((value as { eventCode?: unknown }).eventCode)}`);
}
