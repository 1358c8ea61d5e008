import {
  CommandContext,
  ConnectionData,
  EnergisationCommand,
  IhdInfo,
  LocalDate,
  MeterBlock,
  MeteringCommand,
  MeteringPointAddress,
  MpanCore,
  NetworkCommand,
  RecordMeterTechnicalDetails,
  ReferenceData,
  RegisterSupplier,
  RegistrationCommand,
  RejectionReason,
  RemovedMeter,
  SupplierDataCommand,
} from '@app/registration-domain';
import {
  AppointmentCommand,
  DataServiceProposal,
  RequestServiceAppointment,
  RespondToServiceAppointment,
} from '@app/registration-domain/appointment/commands';
import { B004Dto, B013Dto, B022Dto, B023Dto, B030Dto, B039Dto, B071Dto, B906aDto, B906Dto } from './dto/blocks.dto';
import { isUkLocalMidnight, settlementDayOf } from './settlement-day';
import { ValidatedDipMessage, ValidatedDipMessageOf } from './validate-dip-message';

/**
 * A domain command built from an inbound DIP message: registration, service appointment, meter
 * technical details, energisation, network data or supplier data.
 */
export type DipCommand =
  | RegistrationCommand
  | AppointmentCommand
  | MeteringCommand
  | EnergisationCommand
  | NetworkCommand
  | SupplierDataCommand;

/** Outcome of {@link toRegistrationCommand}. */
export type ToCommandResult = { ok: true; command: DipCommand } | { ok: false; reasons: RejectionReason[] };

/** When the registry received the message. */
export interface ReceivedAt {
  /**
   * The UK settlement day the registry received the message: IF-031 `requestedOn`, IF-034
   * `respondedOn`, and `receivedOn` of the IF-005, IF-007 and IF-025 commands.
   */
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
 * | `REGS-CSS [InitialRegistration]` | `RegisterSupplier` (B013, B002; optional B004 → `domesticPremiseIndicator`) | `B002.supplierEffectiveFromDate`; B004: its own `domesticPremiseIndicatorEffectiveFromDate` (the domain wants the supply start) |
 * | `REGS-CSS [ChangeOfSupplier]` | `RegisterSupplier` (B013, B002, B003 → `outgoing`; optional B004 as above) | `B002.supplierEffectiveFromDate` |
 * | `IF-031 [MSApp]` / `[DSApp]` | `RequestServiceAppointment` (`MS` / `DS`; B070 / B071, B013 or `null`; `[DSApp]`: B071's consent granularity, domestic indicator, nominated MDR and read frequency → `dataServiceProposal`) | `…DIPEffectiveFromDate`; the nominated MDR's `supplierNominatedMDREffectiveFromDate` (nullable) |
 * | `IF-034 [MSAppSPResponse]` / `[DSAppSPResponse]` | `RespondToServiceAppointment` (B007, B012, B070 / B071) | `…DIPEffectiveFromDate` |
 * | `REGS-LDSO [MarketSegmentChange]` | `ChangeMarketSegment` (B026; B023 → `connection`) | `B026.marketSegmentIndicatorEffectiveFromDate`; connection: `B023.connectionTypeEffectiveFromDate` |
 * | `REGS-LDSO [ConnectionTypeChange]` | `ChangeConnectionType` (B023 type and metered indicator) | `B023.connectionTypeEffectiveFromDate` |
 * | `REGS-LDSO [DomPremInd]` | `ChangeDomesticPremiseIndicator` (B028) | `B028.domesticPremiseIndicatorEffectiveFromDate` |
 * | `REGS-LDSO [MPANDisconnection]` | `DisconnectMpan` (B041) | `B041.disconnectionEffectiveFromDate` |
 * | `REGS-LDSO [MPANReconnection]` | `ReconnectMpan` (B098) | `B098.reconnectionEffectiveFromDate` |
 * | `IF-005 [MeterInstall]` … `[MeterHistoryUpdate]` | `RecordMeterTechnicalDetails`, `data.kind` = the event code (B906/B906a → `meter`, B039 → `removedMeter`, B030 → `ihd`) | per block: `meterInstallationDate`, each B034's date, `meterRemovalDate` (nullable), `IHDEffectiveFromDate` |
 * | `IF-007 [EnergisationStatusChange]` | `ChangeEnergisationStatus` (B025) | `B025.energisationStatusEffectiveFromDate` |
 * | `IF-007 [EnergisationStatusFailure]` | `ReportEnergisationFailure` (B040) | none: the day received |
 * | `IF-025 [SSCandProfileClass]` | `ChangeSscAndProfileClass` (B032) | `profileClassEffectiveFromDate`, `SSCEffectiveFromDate` (each nullable) |
 * | `IF-025 [ConsentGranularity]` / `[IHDInfo]` / `[SMSO]` | `ChangeConsentGranularity` (B068) / `ChangeIhdInfo` (B030) / `ChangeSmso` (B031) | the block's `…EffectiveFromDate` |
 *
 * Every DT-003 date-time becomes its UK settlement day ({@link settlementDayOf}), once, here (a
 * nullable DT-003N date stays `null`); for IF-031 `effectiveFromIsLocalMidnight` also says whether
 * the wire value was UK local midnight ({@link isUkLocalMidnight}), which REG1032 requires (no
 * issue-4 command has such a flag). An absent B004 becomes `domesticPremiseIndicator: null`. B071's
 * nominated MDR becomes `supplierNominatedMdr: null` when its DIP id, MPID and date are all `null`,
 * otherwise `{ dipId, mpid, effectiveFromDate }` as sent (each may be `null`); the consent
 * granularity and read frequency are kept as sent, placeholder `x` included. The IF-005, IF-007 and IF-025 commands carry `receivedOn`
 * (the day received) and the IF-025 ones the optional B013 as `cssRegistrationId` (`null` when not
 * sent); the B906a MAP history of `[MeterUpdate]`/`[MeterHistoryUpdate]` becomes `[]` when not
 * sent, an absent B039/B030 `null`. B023's energy direction is not mapped on `[MarketSegmentChange]`
 * and `[ConnectionTypeChange]` (`[EnergyDirection]` changes it). Addresses become a postcode and exactly nine
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
 *   receipt, `requestedOn` (IF-031) / `respondedOn` (IF-034) / `receivedOn` (IF-005, IF-007,
 *   IF-025). Unused by the REGS-LDSO and REGS-CSS events.
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
    case 'IF-005':
      return meterCommand(msg, mpanCore, context, received);
    case 'IF-007':
      return energisationCommand(msg, mpanCore, context, received);
    case 'IF-025':
      return supplierDataCommand(msg, mpanCore, context, received);
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
type MeterMessage = Extract<ValidatedDipMessage, { channelId: 'IF-005' }>;
type EnergisationMessage = Extract<ValidatedDipMessage, { channelId: 'IF-007' }>;
type SupplierDataMessage = Extract<ValidatedDipMessage, { channelId: 'IF-025' }>;

function ldsoCommand(msg: LdsoMessage, mpanCore: MpanCore, context: CommandContext): RegistrationCommand | NetworkCommand {
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
    case '[MarketSegmentChange]': {
      const { B026, B023 } = msg.customBlock;
      return {
        type: 'ChangeMarketSegment',
        mpanCore,
        context,
        data: {
          marketSegment: B026.marketSegmentIndicator,
          effectiveFromDate: settlementDayOf(B026.marketSegmentIndicatorEffectiveFromDate),
          connection: connectionOf(B023),
        },
      };
    }
    case '[ConnectionTypeChange]':
      return { type: 'ChangeConnectionType', mpanCore, context, data: connectionOf(msg.customBlock.B023) };
    case '[DomPremInd]': {
      const { B028 } = msg.customBlock;
      return {
        type: 'ChangeDomesticPremiseIndicator',
        mpanCore,
        context,
        data: {
          domesticPremiseIndicator: B028.domesticPremiseIndicator,
          effectiveFromDate: settlementDayOf(B028.domesticPremiseIndicatorEffectiveFromDate),
        },
      };
    }
    case '[MPANDisconnection]': {
      const { B041 } = msg.customBlock;
      return {
        type: 'DisconnectMpan',
        mpanCore,
        context,
        data: { effectiveFromDate: settlementDayOf(B041.disconnectionEffectiveFromDate), additionalInformation: B041.additionalInformation },
      };
    }
    case '[MPANReconnection]':
      return {
        type: 'ReconnectMpan',
        mpanCore,
        context,
        data: { effectiveFromDate: settlementDayOf(msg.customBlock.B098.reconnectionEffectiveFromDate) },
      };
    default:
      return unreachable(msg);
  }
}

/** B023 as a connection type change reads it: type, metered indicator and their date (not the energy direction). */
function connectionOf(b023: B023Dto): ConnectionData {
  return {
    connectionType: b023.connectionTypeIndicator,
    meteredIndicator: b023.meteredIndicator,
    effectiveFromDate: settlementDayOf(b023.connectionTypeEffectiveFromDate),
  };
}

/** IF-005 → `RecordMeterTechnicalDetails`, `data.kind` the event code without brackets. */
function meterCommand(msg: MeterMessage, mpanCore: MpanCore, context: CommandContext, received: ReceivedAt): RecordMeterTechnicalDetails {
  const receivedOn = received.today;
  const command = (data: RecordMeterTechnicalDetails['data']): RecordMeterTechnicalDetails => ({
    type: 'RecordMeterTechnicalDetails',
    mpanCore,
    context,
    data,
  });
  switch (msg.eventCode) {
    case '[MeterInstall]': {
      const { B906, B030 } = msg.customBlock;
      return command({ kind: 'MeterInstall', meter: meterOf(B906), ihd: ihdOf(B030), receivedOn });
    }
    case '[MeterRemoval]':
      return command({ kind: 'MeterRemoval', removedMeter: removedMeterOf(msg.customBlock.B039), receivedOn });
    case '[MeterExchange]': {
      const { B906, B039, B030 } = msg.customBlock;
      return command({ kind: 'MeterExchange', meter: meterOf(B906), removedMeter: removedMeterOf(B039), ihd: ihdOf(B030), receivedOn });
    }
    case '[MeterUpdate]': {
      const { B906, B039, B030 } = msg.customBlock;
      return command({
        kind: 'MeterUpdate',
        meter: meterOf(B906),
        removedMeter: B039 ? removedMeterOf(B039) : null,
        ihd: ihdOf(B030),
        receivedOn,
      });
    }
    case '[MeterHistoryUpdate]': {
      const { B906, B039 } = msg.customBlock;
      return command({ kind: 'MeterHistoryUpdate', meter: meterOf(B906), removedMeter: B039 ? removedMeterOf(B039) : null, receivedOn });
    }
    default:
      return unreachable(msg);
  }
}

/** B906 / B906a → the meter's technical details and its MAP history (`[]` when a B906a leaves it out). */
function meterOf(b906: B906Dto | B906aDto): MeterBlock {
  const m = b906.existingMeter;
  return {
    details: {
      meterId: m.meterID,
      modifiedMeterId: m.modifiedMeterID,
      meterType: m.meterType,
      manufacturersMakeAndType: m.manufacturersMakeAndType,
      esmeGuid: m.ESMEGUID,
      meterLocation: m.meterLocation,
      numberOfDisplayedRegisterDigits: m.numberOfDisplayedRegisterDigits,
      meterInstallationDate: settlementDayOf(m.meterInstallationDate),
    },
    mapHistory: (b906.historyMAP ?? []).map((b034) => ({
      meterAssetProviderId: b034.meterAssetProviderID,
      effectiveFromDate: settlementDayOf(b034.meterAssetProviderEffectiveFromDate),
    })),
  };
}

/** B039 → the removed meter; a null removal date stays `null` (REG1028 is the domain's). */
function removedMeterOf(b039: B039Dto): RemovedMeter {
  return { meterId: b039.meterIDRemoved, meterRemovalDate: b039.meterRemovalDate === null ? null : settlementDayOf(b039.meterRemovalDate) };
}

/** An optional B030 → IHD status from its date, or `null` when the block was not sent. */
function ihdOf(b030: B030Dto | undefined): IhdInfo | null {
  return b030 ? { ihdInstallStatus: b030.IHDInstallStatus, effectiveFromDate: settlementDayOf(b030.IHDEffectiveFromDate) } : null;
}

/** IF-007 → `ChangeEnergisationStatus` (B025) or `ReportEnergisationFailure` (B040). */
function energisationCommand(msg: EnergisationMessage, mpanCore: MpanCore, context: CommandContext, received: ReceivedAt): EnergisationCommand {
  switch (msg.eventCode) {
    case '[EnergisationStatusChange]': {
      const { B025 } = msg.customBlock;
      return {
        type: 'ChangeEnergisationStatus',
        mpanCore,
        context,
        data: {
          energisationStatus: B025.energisationStatus,
          effectiveFromDate: settlementDayOf(B025.energisationStatusEffectiveFromDate),
          receivedOn: received.today,
        },
      };
    }
    case '[EnergisationStatusFailure]': {
      const { B040 } = msg.customBlock;
      return {
        type: 'ReportEnergisationFailure',
        mpanCore,
        context,
        data: {
          failureReasonCode: B040.failureEnergiseDeEnergiseReasonCode,
          siteVisitCheckCode: B040.siteVisitCheckCode,
          natureOfMaintenance: B040.natureofMaintenanceEnergisationStatus,
          additionalInformation: B040.additionalInformationSiteVisit,
          receivedOn: received.today,
        },
      };
    }
    default:
      return unreachable(msg);
  }
}

/** IF-025 → the supplier-data command of the event, with the optional B013 and the day received. */
function supplierDataCommand(msg: SupplierDataMessage, mpanCore: MpanCore, context: CommandContext, received: ReceivedAt): SupplierDataCommand {
  const common = { cssRegistrationId: cssRegistrationIdOf(msg.customBlock.B013), receivedOn: received.today };
  switch (msg.eventCode) {
    case '[SSCandProfileClass]': {
      const { B032 } = msg.customBlock;
      return {
        type: 'ChangeSscAndProfileClass',
        mpanCore,
        context,
        data: {
          ...common,
          profileClass: B032.profileClass,
          profileClassEffectiveFromDate: nullableDayOf(B032.profileClassEffectiveFromDate),
          ssc: B032.SSC,
          sscEffectiveFromDate: nullableDayOf(B032.SSCEffectiveFromDate),
        },
      };
    }
    case '[ConsentGranularity]': {
      const { B068 } = msg.customBlock;
      return {
        type: 'ChangeConsentGranularity',
        mpanCore,
        context,
        data: { ...common, consentGranularity: B068.consentGranularity, effectiveFromDate: settlementDayOf(B068.consentGranularityEffectiveFromDate) },
      };
    }
    case '[IHDInfo]': {
      const { B030 } = msg.customBlock;
      return {
        type: 'ChangeIhdInfo',
        mpanCore,
        context,
        data: { ...common, ihdInstallStatus: B030.IHDInstallStatus, effectiveFromDate: settlementDayOf(B030.IHDEffectiveFromDate) },
      };
    }
    case '[SMSO]': {
      const { B031 } = msg.customBlock;
      return {
        type: 'ChangeSmso',
        mpanCore,
        context,
        data: { ...common, smsoId: B031.SMSOID, effectiveFromDate: settlementDayOf(B031.SMSOEffectiveFromDate) },
      };
    }
    default:
      return unreachable(msg);
  }
}

function cssRegistrationIdOf(b013: B013Dto | undefined): string | null {
  return b013?.CSSRegistrationID ?? null;
}

/** A DT-003N value → its settlement day, `null` staying `null`. */
function nullableDayOf(dateTime: string | null): LocalDate | null {
  return dateTime === null ? null : settlementDayOf(dateTime);
}

/** An optional B004 → the stated domestic premise indicator and its effective-from day, or `null`. */
function domesticPremiseIndicatorOf(b004: B004Dto | undefined): RegisterSupplier['data']['domesticPremiseIndicator'] {
  return b004
    ? { value: b004.domesticPremiseIndicator, effectiveFromDate: settlementDayOf(b004.domesticPremiseIndicatorEffectiveFromDate) }
    : null;
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
  outgoing: RegisterSupplier['data']['outgoing'],
): RegistrationCommand {
  const { B013, B002, B004 } = msg.customBlock;
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
      domesticPremiseIndicator: domesticPremiseIndicatorOf(B004),
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
  /** B071's proposal details (DS); `null` for B070. */
  dataServiceProposal: DataServiceProposal | null;
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
        dataServiceProposal: null,
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
        dataServiceProposal: dataServiceProposalOf(b071),
      };
    }
    default:
      return unreachable(msg);
  }
}

/**
 * B071's items beyond the provider: the proposed consent granularity and domestic indicator, the
 * nominated MDR (`null` when its three items are all `null`; its date a settlement day) and the
 * fall-back read frequency, as sent.
 */
function dataServiceProposalOf(b071: B071Dto): DataServiceProposal {
  const mdr = {
    dipId: b071.supplierNominatedMDRDIPID,
    mpid: b071.supplierNominatedMDRMPID,
    effectiveFromDate: nullableDayOf(b071.supplierNominatedMDREffectiveFromDate),
  };
  return {
    supplierProposedConsentGranularity: b071.supplierProposedConsentGranularity,
    supplierProposedDomesticIndicator: b071.supplierProposedDomesticIndicator,
    supplierNominatedMdr: mdr.dipId === null && mdr.mpid === null && mdr.effectiveFromDate === null ? null : mdr,
    traditionalFallBackReadFrequency: b071.traditionalFallBackReadFrequency,
  };
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
      dataServiceProposal: p.dataServiceProposal,
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
