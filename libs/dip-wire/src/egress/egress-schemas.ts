import { EgressMessage } from './egress-types';

/**
 * The official schemas of the DIP OpenAPI document 2.2.1 that are specific to one event code
 * (`<IF>-<event>`), as listed under `components.schemas`. Every other event of an interface is
 * described by `<IF>-Payload` alone (e.g. IF-008, IF-043, IF-044, IF-045). The spec
 * `egress-schemas.spec.ts` checks this list against the document.
 */
export const OFFICIAL_EVENT_SCHEMAS: ReadonlySet<string> = new Set([
  'IF-001-InitialRegistration', 'IF-001-ChangeOfSupplier',
  'IF-003-MSDeAppRM', 'IF-003-DSDeAppRM', 'IF-003-ReverseMigNotification',
  'IF-005-MeterInstall', 'IF-005-MeterRemoval', 'IF-005-MeterExchange', 'IF-005-MeterUpdate', 'IF-005-MeterHistoryUpdate',
  'IF-006-MeterInstall', 'IF-006-MeterRemoval', 'IF-006-MeterExchange', 'IF-006-MeterUpdate', 'IF-006-MeterHistoryUpdate',
  'IF-007-EnergisationStatusChange', 'IF-007-EnergisationStatusFailure',
  'IF-009-MPANDisconnection', 'IF-009-MPANReconnection', 'IF-009-CSSDeRegistration',
  'IF-016-ActivePower', 'IF-016-ReactivePower', 'IF-016-ActivePowerRejected', 'IF-016-ActivePowerDefaulted',
  'IF-016-ConsumptionRequestRejected',
  'IF-018-AddressChg', 'IF-018-GSPChg', 'IF-018-DomPremInd', 'IF-018-DUOSTariffIDChg', 'IF-018-EnergyDirection',
  'IF-018-DCCEnrolment', 'IF-018-MUMIndicator',
  'IF-020-LinkedImportExportCreate', 'IF-020-LinkedImportExportAdd', 'IF-020-LinkedImportExportRemove',
  'IF-020-RelatedCreate', 'IF-020-RelatedAdd', 'IF-020-RelatedRemove',
  'IF-024-SN-Vacant', 'IF-024-SN-NoComms', 'IF-024-SN-RemoteEnabled', 'IF-024-SN-RemoteDisabled', 'IF-024-SN-SupplierAC',
  'IF-024-SN-OffPeakDec',
  'IF-025-ConsentGranularity', 'IF-025-IHDInfo', 'IF-025-SMSO', 'IF-025-SSCandProfileClass',
  'IF-026-ConsentGranularity', 'IF-026-IHDInfo', 'IF-026-SMSO', 'IF-026-SSCandProfileClass',
  'IF-031-MSApp', 'IF-031-DSApp',
  'IF-032-MSAppInitialResp', 'IF-032-DSAppInitialResp',
  'IF-033-MSAppSPRequest', 'IF-033-DSAppSPRequest',
  'IF-034-MSAppSPResponse', 'IF-034-DSAppSPResponse', 'IF-034-SDS-MDRUpdate',
  'IF-035-MSAppAccepted', 'IF-035-MSAppRejected', 'IF-035-MSAppLapsed', 'IF-035-DSAppAccepted', 'IF-035-DSAppRejected',
  'IF-035-DSAppLapsed', 'IF-035-IMS-SendMTD', 'IF-035-SDS-MDROutcome', 'IF-035-DCC-MDROutcome',
  'IF-036-MSAppActive', 'IF-036-DSAppActive',
  'IF-037-MSDeApp', 'IF-037-DSDeApp', 'IF-037-MSDeAppUpdate', 'IF-037-DSDeAppUpdate',
  'IF-038-DirectContractMSAdd', 'IF-038-DirectContractDSAdd', 'IF-038-DirectContractDSRemove', 'IF-038-DirectContractMSRemove',
  'IF-039-DirectContractMSAdd', 'IF-039-DirectContractDSAdd', 'IF-039-DirectContractDSRemove', 'IF-039-DirectContractMSRemove',
  'IF-050-MPANCreation', 'IF-050-MPStatusChange', 'IF-050-GreenDeal',
  'IF-065-ReadingRemote', 'IF-065-MDRInstantaneous', 'IF-065-MDRTOU', 'IF-065-MDRConsumption',
]);

/** `S0.schemaVersion` of every message the registry emits: the only version the 2.2.1 schemas of these interfaces enumerate. */
export const EGRESS_SCHEMA_VERSION = '011';

/**
 * The official schema an egress message must satisfy: `<S0.interfaceID>-<event>` when the
 * document has a schema for that event (e.g. `IF-037-MSDeApp` for `[MSDeApp]`), otherwise
 * `<S0.interfaceID>-Payload` (e.g. `IF-043-Payload`, `IF-008-Payload`).
 * Validate `message` itself (`{ CommonBlock, CustomBlock }`) against it.
 */
export function egressSchemaName(message: EgressMessage): string {
  const { interfaceID, eventCode } = message.CommonBlock.S0;
  return schemaNameOf(interfaceID, eventCode);
}

/** {@link egressSchemaName} from the interface id and the bracketed event code. */
export function schemaNameOf(interfaceId: string, eventCode: string): string {
  const specific = `${interfaceId}-${eventCode.replace(/^\[|\]$/g, '')}`;
  return OFFICIAL_EVENT_SCHEMAS.has(specific) ? specific : `${interfaceId}-Payload`;
}
