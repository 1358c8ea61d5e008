import {
  CommandContext,
  LocalDate,
  MeteringPointAddress,
  MpanCore,
  ReferenceData,
  RegistrationCommand,
  RejectionReason,
} from '@app/registration-domain';
import {
  AppointmentCommand,
  RequestServiceAppointment,
  RespondToServiceAppointment,
} from '@app/registration-domain/appointment/commands';
import { B022Dto } from './dto/blocks.dto';
import { isUkLocalMidnight, settlementDayOf } from './settlement-day';
import { ValidatedDipMessage, ValidatedDipMessageOf } from './validate-dip-message';

/** A domain command built from an inbound DIP message: registration or service appointment. */
export type DipCommand = RegistrationCommand | AppointmentCommand;

/** Outcome of {@link toRegistrationCommand}. */
export type ToCommandResult = { ok: true; command: DipCommand } | { ok: false; reasons: RejectionReason[] };

/** When the registry received the message. */
export interface ReceivedAt {
  /** The UK settlement day the registry received the message (IF-031 `requestedOn`, IF-034 `respondedOn`). */
  today: LocalDate;
}

/**
 * Maps a structurally valid DIP message to the domain command it asks for (docs/adr/0003 for the
 * REGS-LDSO and REGS-CSS channels; the official IF-031 and IF-034 schemas for appointments):
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
 * | `IF-031 [MSApp]` / `[DSApp]` | `RequestServiceAppointment` (`MS` / `DS`; B070 / B071, B013 or `null`) | `…DIPEffectiveFromDate` |
 * | `IF-034 [MSAppSPResponse]` / `[DSAppSPResponse]` | `RespondToServiceAppointment` (B007, B012, B070 / B071) | `…DIPEffectiveFromDate` |
 *
 * Every DT-003 date-time becomes its UK settlement day ({@link settlementDayOf}), once, here; for
 * IF-031 `effectiveFromIsLocalMidnight` also says whether the wire value was UK local midnight
 * ({@link isUkLocalMidnight}), which REG1032 requires. Addresses become a postcode and exactly nine
 * lines (`null` where absent or null; a `null` postcode becomes `''`, which the domain rejects).
 * The nullable DI-019/DI-020 contract reference and DI-143 response code become `''` when `null`
 * (the domain commands carry strings). In IF-034 the provider is the proposal answered (B070 /
 * B071, `proposed…DIPID`/`MPID`), the requesting supplier is B012; `[DSAppSPResponse]`'s optional
 * B070, B013 and B018 are not mapped. The context carries
 * `messageKey = "<senderDIPID>:<senderUniqueReference>"` and `distributorDipId = M0.distributorDIPID`.
 *
 * @param msg a message that passed `validateDipMessage` (so every date parses, and an IF-034
 *   `responseCode` is `A` or `R`).
 * @param ref reference data; only its distributors are consulted, to parse the MPAN core.
 * @param received when the registry received the message: `today` is the UK settlement day of
 *   receipt, `requestedOn` (IF-031) / `respondedOn` (IF-034). Unused by the other events.
 * @returns the command, or `{ ok: false }` with the REG0000 reason of `MpanCore.parse` (unknown
 *   distributor id or wrong check digit). No other rule is checked here: the decider does that.
 */
export function toRegistrationCommand(msg: ValidatedDipMessage, ref: ReferenceData, received: ReceivedAt): ToCommandResult {
  const parsed = MpanCore.parse(msg.mpan.mpanCore, (id) => ref.distributor(id) !== undefined);
  if (!parsed.ok) return { ok: false, reasons: [parsed.reason] };
  const context: CommandContext = {
    senderDipId: msg.sender.dipId,
    senderRoleId: msg.sender.roleId,
    senderUniqueReference: msg.sender.uniqueReference,
    messageKey: `${msg.sender.dipId}:${msg.sender.uniqueReference}`,
    distributorDipId: msg.mpan.distributorDipId,
  };
  return { ok: true, command: commandOf(msg, parsed.value, context, received) };
}

function commandOf(msg: ValidatedDipMessage, mpanCore: MpanCore, context: CommandContext, received: ReceivedAt): DipCommand {
  switch (msg.channelId) {
    case 'REGS-LDSO':
      return ldsoCommand(msg, mpanCore, context);
    case 'REGS-CSS':
      return cssCommand(msg, mpanCore, context);
    case 'IF-031':
      return appointmentRequest(msg, mpanCore, context, received);
    case 'IF-034':
      return appointmentResponse(msg, mpanCore, context, received);
    default:
      return unreachable(msg);
  }
}

type LdsoMessage = Extract<ValidatedDipMessage, { channelId: 'REGS-LDSO' }>;
type CssMessage = Extract<ValidatedDipMessage, { channelId: 'REGS-CSS' }>;
type AppointmentRequestMessage = Extract<ValidatedDipMessage, { channelId: 'IF-031' }>;
type AppointmentResponseMessage = Extract<ValidatedDipMessage, { channelId: 'IF-034' }>;

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

/** The proposal of an IF-031 or IF-034 message, whichever service it is about. */
interface Proposal {
  serviceType: 'MS' | 'DS';
  providerDipId: string;
  providerMpid: string;
  effectiveFrom: string;
  contractReference: string | null;
  appointmentScenario: RequestServiceAppointment['data']['appointmentScenario'];
}

function proposalOf(msg: AppointmentRequestMessage | AppointmentResponseMessage): Proposal {
  switch (msg.eventCode) {
    case '[MSApp]':
    case '[MSAppSPResponse]': {
      const b070 = msg.customBlock.B070;
      return {
        serviceType: 'MS',
        providerDipId: b070.proposedMeteringServiceDIPID,
        providerMpid: b070.proposedMeteringServiceMPID,
        effectiveFrom: b070.proposedMeteringServiceDIPEffectiveFromDate,
        contractReference: b070.contractReferenceMeteringService,
        appointmentScenario: b070.appointmentScenario,
      };
    }
    case '[DSApp]':
    case '[DSAppSPResponse]': {
      const b071 = msg.customBlock.B071;
      return {
        serviceType: 'DS',
        providerDipId: b071.proposedDataServiceDIPID,
        providerMpid: b071.proposedDataServiceMPID,
        effectiveFrom: b071.proposedDataServiceDIPEffectiveFromDate,
        contractReference: b071.contractReferenceDataService,
        appointmentScenario: b071.appointmentScenario,
      };
    }
    default:
      return unreachable(msg);
  }
}

/** IF-031 `[MSApp]` / `[DSApp]` → `RequestServiceAppointment`. */
function appointmentRequest(
  msg: AppointmentRequestMessage,
  mpanCore: MpanCore,
  context: CommandContext,
  received: ReceivedAt,
): RequestServiceAppointment {
  const p = proposalOf(msg);
  return {
    type: 'RequestServiceAppointment',
    mpanCore,
    context,
    data: {
      serviceType: p.serviceType,
      providerDipId: p.providerDipId,
      providerMpid: p.providerMpid,
      effectiveFromDate: settlementDayOf(p.effectiveFrom),
      effectiveFromIsLocalMidnight: isUkLocalMidnight(p.effectiveFrom),
      contractReference: p.contractReference ?? '',
      appointmentScenario: p.appointmentScenario,
      cssRegistrationId: msg.customBlock.B013?.CSSRegistrationID ?? null,
      requestedOn: received.today,
    },
  };
}

/** IF-034 `[MSAppSPResponse]` / `[DSAppSPResponse]` → `RespondToServiceAppointment`. */
function appointmentResponse(
  msg: AppointmentResponseMessage,
  mpanCore: MpanCore,
  context: CommandContext,
  received: ReceivedAt,
): RespondToServiceAppointment {
  const p = proposalOf(msg);
  const { B007, B012 } = msg.customBlock;
  return {
    type: 'RespondToServiceAppointment',
    mpanCore,
    context,
    data: {
      serviceType: p.serviceType,
      providerDipId: p.providerDipId,
      providerMpid: p.providerMpid,
      effectiveFromDate: settlementDayOf(p.effectiveFrom),
      requestingSupplierDipId: B012.serviceProviderAppointmentRequestingSupplierDIPID,
      requestingSupplierMpid: B012.serviceProviderAppointmentRequestingSupplierMPID,
      responseCode: B007.responseCode,
      proposedAppointmentResponseCode: B007.proposedAppointmentResponseCode ?? '',
      respondedOn: received.today,
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
