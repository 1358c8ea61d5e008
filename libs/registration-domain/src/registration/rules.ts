import { RejectionReason } from '../shared/rejection';

/** A business rule of the registration process: its code, stable name and where it comes from. */
export interface RuleDefinition {
  /** REG code from the MHHS catalogue, or a local `LOCnnn` code (docs/rules.md). */
  readonly code: string;
  /** Stable machine name (the `rule` of a {@link RejectionReason}). */
  readonly rule: string;
  /** `MHHS` when the code is the catalogue's, `local` when we allocated it. */
  readonly source: 'MHHS' | 'local';
}

const mhhs = (code: string, rule: string): RuleDefinition => ({ code, rule, source: 'MHHS' });
const local = (code: string, rule: string): RuleDefinition => ({ code, rule, source: 'local' });

/**
 * Every rule the registration decider (and `MpanCore.parse`) can report. Codes are stable once
 * shipped: a local code is never reused for another rule. docs/rules.md has one line per entry
 * (a spec keeps the two in step).
 */
export const RULES = {
  // MPAN core (MpanCore.parse) and existence: REG0000 "MPAN invalid or unknown".
  MpanCoreFormat: mhhs('REG0000', 'MpanCoreFormat'),
  MpanCoreDistributorUnknown: mhhs('REG0000', 'MpanCoreDistributorUnknown'),
  MpanCoreCheckDigit: mhhs('REG0000', 'MpanCoreCheckDigit'),
  MpanUnknown: mhhs('REG0000', 'MpanUnknown'),
  // REG1001: RMP status must be Created or Operational.
  RmpStatusTerminated: mhhs('REG1001', 'RmpStatusTerminated'),
  // Sender (every command).
  SenderRoleIdMismatch: local('LOC001', 'SenderRoleIdMismatch'),
  SenderDoesNotHoldRole: local('LOC002', 'SenderDoesNotHoldRole'),
  SenderNotMpanLdso: local('LOC003', 'SenderNotMpanLdso'),
  DistributorDipIdMismatch: local('LOC004', 'DistributorDipIdMismatch'),
  // MPAN creation.
  MpanAlreadyExists: local('LOC005', 'MpanAlreadyExists'),
  RmpStatusNotCreated: local('LOC006', 'RmpStatusNotCreated'),
  GspGroupNotDnoGroup: local('LOC007', 'GspGroupNotDnoGroup'),
  GspGroupIdUnknown: local('LOC008', 'GspGroupIdUnknown'),
  ConnectionTypeVsMeteredIndicator: local('LOC009', 'ConnectionTypeVsMeteredIndicator'),
  ConnectionTypeVsMarketSegment: local('LOC010', 'ConnectionTypeVsMarketSegment'),
  MeteredIndicatorVsMarketSegment: local('LOC011', 'MeteredIndicatorVsMarketSegment'),
  EffectiveFromBeforeMpanEffectiveFrom: local('LOC012', 'EffectiveFromBeforeMpanEffectiveFrom'),
  DuosTariffIdLength: local('LOC013', 'DuosTariffIdLength'),
  // Supplier registration.
  InitialRegistrationWithSupplier: local('LOC014', 'InitialRegistrationWithSupplier'),
  ChangeOfSupplierWithoutSupplier: local('LOC015', 'ChangeOfSupplierWithoutSupplier'),
  SupplierDoesNotHoldSup: local('LOC016', 'SupplierDoesNotHoldSup'),
  SupplierMpidDipIdMismatch: local('LOC017', 'SupplierMpidDipIdMismatch'),
  IncomingSupplierIsCurrent: local('LOC018', 'IncomingSupplierIsCurrent'),
  SupplyStartNotAfterLatestStart: local('LOC019', 'SupplyStartNotAfterLatestStart'),
  OutgoingSupplierMismatch: local('LOC020', 'OutgoingSupplierMismatch'),
  OutgoingSupplyEndDateMismatch: local('LOC021', 'OutgoingSupplyEndDateMismatch'),
  DomesticPremiseIndicatorDateMismatch: local('LOC035', 'DomesticPremiseIndicatorDateMismatch'),
  // LDSO data changes.
  NoChange: local('LOC022', 'NoChange'),
  PostcodeEmpty: local('LOC023', 'PostcodeEmpty'),
  // Service appointments: IF-031 request (appointment/decide-request-service-appointment.ts).
  CssRegistrationIdMissing: mhhs('REG0005', 'CssRegistrationIdMissing'),
  CssRegistrationIdNotSenders: mhhs('REG0006', 'CssRegistrationIdNotSenders'),
  EffectiveFromOutsideSupplyPeriod: mhhs('REG1019', 'EffectiveFromOutsideSupplyPeriod'),
  UspNotCurrentProvider: mhhs('REG1025', 'UspNotCurrentProvider'),
  CspSameProvider: mhhs('REG1026', 'CspSameProvider'),
  UmsoNotValidForLdso: mhhs('REG1030', 'UmsoNotValidForLdso'),
  ProviderIncompatibleWithSegment: mhhs('REG1031', 'ProviderIncompatibleWithSegment'),
  EffectiveFromNotLocalMidnight: mhhs('REG1032', 'EffectiveFromNotLocalMidnight'),
  CosEffectiveFromNotSupplyStart: mhhs('REG1032', 'CosEffectiveFromNotSupplyStart'),
  AppointmentNotContiguous: mhhs('REG1032', 'AppointmentNotContiguous'),
  AppointmentOverlapsRecorded: mhhs('REG1032', 'AppointmentOverlapsRecorded'),
  RequesterNotSupplierOnEffectiveDate: mhhs('REG1033', 'RequesterNotSupplierOnEffectiveDate'),
  GainingSupplierBackdated: mhhs('REG1034', 'GainingSupplierBackdated'),
  PendingRequestSuperseded: mhhs('REG1089', 'PendingRequestSuperseded'),
  ProposedMsMpidMismatch: mhhs('REG1090', 'ProposedMsMpidMismatch'),
  ProposedDsMpidMismatch: mhhs('REG1091', 'ProposedDsMpidMismatch'),
  ProposedMsRoleMissing: mhhs('REG1092', 'ProposedMsRoleMissing'),
  ProposedDsRoleMissing: mhhs('REG1093', 'ProposedDsRoleMissing'),
  SegProposesCurrentProvider: mhhs('REG1095', 'SegProposesCurrentProvider'),
  EffectiveFromTooFarAhead: mhhs('REG1099', 'EffectiveFromTooFarAhead'),
  AppointmentScenarioNotSupported: local('LOC024', 'AppointmentScenarioNotSupported'),
  SegWithoutSegmentChange: local('LOC025', 'SegWithoutSegmentChange'),
  // Service appointments: IF-034 provider response.
  NoPendingAppointmentRequest: local('LOC026', 'NoPendingAppointmentRequest'),
  ResponderNotProposedProvider: local('LOC027', 'ResponderNotProposedProvider'),
  PendingAppointmentMismatch: local('LOC028', 'PendingAppointmentMismatch'),
  ResponseCodeVsSpCode: local('LOC029', 'ResponseCodeVsSpCode'),
  // Disconnection (every command not allowed after disconnection; network/disconnection.ts).
  MpanDisconnected: mhhs('REG1001', 'MpanDisconnected'),
  // Meter technical details: IF-005 (metering/).
  ConnectionTypeUnmetered: mhhs('REG0003', 'ConnectionTypeUnmetered'),
  MarketSegmentUnmetered: mhhs('REG0004', 'MarketSegmentUnmetered'),
  MeteringServiceNotAppointed: mhhs('REG1002', 'MeteringServiceNotAppointed'),
  RemovedMeterNotInstalled: mhhs('REG1004', 'RemovedMeterNotInstalled'),
  MeterRemovalBeforeInstallation: mhhs('REG1005', 'MeterRemovalBeforeInstallation'),
  MeterAlreadyInstalled: mhhs('REG1006', 'MeterAlreadyInstalled'),
  MeterInstallationWhileDisconnected: mhhs('REG1007', 'MeterInstallationWhileDisconnected'),
  ExchangeInstallationBeforeRemoval: mhhs('REG1008', 'ExchangeInstallationBeforeRemoval'),
  MapEffectiveFromBeforeInstallation: mhhs('REG1010', 'MapEffectiveFromBeforeInstallation'),
  MeterInstallationBeforeMpan: mhhs('REG1011', 'MeterInstallationBeforeMpan'),
  UpdateNotByAppointedMeteringService: mhhs('REG1012', 'UpdateNotByAppointedMeteringService'),
  ModifiedMeterIdAlreadyInstalled: mhhs('REG1013', 'ModifiedMeterIdAlreadyInstalled'),
  MapHistoryNotAscending: mhhs('REG1014', 'MapHistoryNotAscending'),
  UpdatedMeterUnknown: mhhs('REG1015', 'UpdatedMeterUnknown'),
  RemovedMeterIdMismatch: mhhs('REG1016', 'RemovedMeterIdMismatch'),
  MeterIdAndDateChanged: mhhs('REG1017', 'MeterIdAndDateChanged'),
  HistoryUpdateOfInstalledMeter: mhhs('REG1018', 'HistoryUpdateOfInstalledMeter'),
  EventInFuture: mhhs('REG1020', 'EventInFuture'),
  MeterRemovalDateMissing: mhhs('REG1028', 'MeterRemovalDateMissing'),
  ModifiedMeterIdNotNull: mhhs('REG1029', 'ModifiedMeterIdNotNull'),
  EsmeGuidMissing: mhhs('REG1046', 'EsmeGuidMissing'),
  EsmeGuidNotSmart: mhhs('REG1046', 'EsmeGuidNotSmart'),
  DisplayedDigitsMissing: mhhs('REG1047', 'DisplayedDigitsMissing'),
  IhdBeforeMeterInstallation: mhhs('REG1096', 'IhdBeforeMeterInstallation'),
  ExchangeDatesDiffer: local('LOC030', 'ExchangeDatesDiffer'),
  UpdateCarriesRemovalDate: local('LOC031', 'UpdateCarriesRemovalDate'),
  // Energisation: IF-007 (energisation/).
  EnergisationStatusNotSettable: local('LOC032', 'EnergisationStatusNotSettable'),
  // Network data: segment, connection type, disconnection (network/).
  ConnectionChangeDateVsSegmentDate: local('LOC033', 'ConnectionChangeDateVsSegmentDate'),
  ReconnectionWithoutDisconnection: local('LOC034', 'ReconnectionWithoutDisconnection'),
  // Supplier-maintained data: IF-025 (supplier-data/).
  NullAlreadyNull: mhhs('REG0009', 'NullAlreadyNull'),
  RequesterNotCurrentSupplier: mhhs('REG1021', 'RequesterNotCurrentSupplier'),
  SupplierDataTooRetrospective: mhhs('REG1024', 'SupplierDataTooRetrospective'),
  SscEffectiveFromNotLater: mhhs('REG1040', 'SscEffectiveFromNotLater'),
  ProfileClassEffectiveFromNotLater: mhhs('REG1041', 'ProfileClassEffectiveFromNotLater'),
  EffectiveFromDateMissing: mhhs('REG1088', 'EffectiveFromDateMissing'),
} as const satisfies Record<string, RuleDefinition>;

export type RuleName = keyof typeof RULES;

/** A {@link RejectionReason} for `rule` with a precise `message` naming the values involved. */
export function broken(rule: RuleName, message: string): RejectionReason {
  const def = RULES[rule];
  return { code: def.code, rule: def.rule, message };
}
