import type { RoleCode } from '@app/registration-domain';

/**
 * The notification feed's routing table (issue #5, docs/feed.md "Routing table"): for each
 * publication type the registry emits, which recipient roles it names and on which date they are
 * resolved.
 *
 * The table is documentation as data, not a second router: the domain decides the recipients when
 * it records an event (`publicationsFor` in libs/registration-domain/src/appointment/publications-for.ts
 * and `dataPublicationsFor` in registration/data-publications.ts) and writes them into the
 * `PublicationIssued` record, so the feed routes exactly what was decided, even if reference data
 * changes later. `routing-table.spec.ts` checks that every `PublicationIssued` the real deciders
 * produce in a realistic scenario only names roles this table lists for its interface, and
 * docs/feed.md renders it.
 *
 * Role names are DIP role codes (mhhs-domain.md §2.1). "MS" stands for the metering service in the
 * role it was appointed in (MSS, MSA or UMSO by segment), "DS" for the data service (SDS, ADS, UMSDS).
 */
export interface RoutingRule {
  /** `IF-nnn` (published as `PUB-nnn`). */
  interfaceId: string;
  /** What the interface is, in a few words. */
  name: string;
  /** Bracketed DIP event codes the registry emits on it. */
  eventCodes: readonly string[];
  /** The MPAN events that cause it. */
  causedBy: readonly string[];
  /** Every role a recipient of this publication may hold (DIP role codes). */
  recipientRoles: readonly RoleCode[];
  /** Who exactly, in words (which supplier, which providers). */
  recipients: string;
  /** The date the recipients are resolved on (against the MPAN's state and the reference data). */
  resolvedOn: string;
  /** Where the rule comes from (MHHS interface catalogue, mhhs-domain.md §3.1/§3.2, and our decisions). */
  source: string;
}

/** Metering service roles (by segment: Smart, Advanced, Unmetered). */
const MS_ROLES: readonly RoleCode[] = ['MSS', 'MSA', 'UMSO'];
/** Data service roles (by segment: Smart, Advanced, Unmetered). */
const DS_ROLES: readonly RoleCode[] = ['SDS', 'ADS', 'UMSDS'];

/** One row per publication type the registry emits, by interface number. */
export const FEED_ROUTING_TABLE: readonly RoutingRule[] = [
  {
    interfaceId: 'IF-001',
    name: 'Notification of change of supplier / initial registration',
    eventCodes: ['[InitialRegistration]', '[ChangeOfSupplier]'],
    causedBy: ['SupplierRegistered'],
    recipientRoles: ['SUP', 'MDS', 'LDSO'],
    recipients: 'the incoming supplier, every MDS, the LDSO of the MPAN (the outgoing supplier of a change of supplier is not sent it)',
    resolvedOn: 'the supply start date',
    source: 'mhhs-domain.md §3.1 IF-001, §3.2 step 8',
  },
  {
    interfaceId: 'IF-002',
    name: 'Site information to the gaining supplier',
    eventCodes: ['[GainMPANInfo]'],
    causedBy: ['SupplierRegistered (change of supplier)'],
    recipientRoles: ['SUP'],
    recipients: 'the incoming supplier',
    resolvedOn: 'the supply start date',
    source: 'mhhs-domain.md §3.1 IF-002, §3.2 step 1',
  },
  {
    interfaceId: 'IF-006',
    name: 'Meter technical details update notification',
    eventCodes: ['[MeterInstall]', '[MeterRemoval]', '[MeterExchange]', '[MeterUpdate]', '[MeterHistoryUpdate]'],
    causedBy: ['MeterInstalled', 'MeterRemoved', 'MeterExchanged', 'MeterDetailsUpdated', 'MeterHistoryUpdated'],
    recipientRoles: [...MS_ROLES, ...DS_ROLES, 'SUP', 'LDSO', 'EES'],
    recipients: 'the MS and DS appointed and the supplier registered on the date, the LDSO, every EES (no MDR is recorded yet)',
    resolvedOn: 'the installation / removal / exchange date; the receipt day for updates and history updates',
    source: 'mhhs-domain.md §3.1 IF-006',
  },
  {
    interfaceId: 'IF-007',
    name: 'Failure to change energisation status (to the supplier)',
    eventCodes: ['[EnergisationStatusFailure]'],
    causedBy: ['EnergisationFailureReported'],
    recipientRoles: ['SUP'],
    recipients: 'the supplier registered on the date',
    resolvedOn: 'the day the failure was reported',
    source: 'mhhs-domain.md §3.1 IF-007 ("SUP only for failures")',
  },
  {
    interfaceId: 'IF-008',
    name: 'Energisation status change notification',
    eventCodes: ['[EnergisationStatusChange]'],
    causedBy: ['EnergisationStatusChanged'],
    recipientRoles: [...MS_ROLES, ...DS_ROLES, 'SUP', 'LDSO', 'MDS', 'EES'],
    recipients: 'the MS, DS and supplier on the date, the LDSO, every MDS and EES',
    resolvedOn: 'the energisation effective-from date',
    source: 'mhhs-domain.md §3.1 IF-008',
  },
  {
    interfaceId: 'IF-009',
    name: 'MPAN disconnection / reconnection',
    eventCodes: ['[MPANDisconnection]', '[MPANReconnection]'],
    causedBy: ['MpanDisconnected', 'MpanReconnected'],
    recipientRoles: ['SUP', 'LDSO', 'MDS', 'EES'],
    recipients: 'the supplier on the date, the LDSO, every MDS and EES',
    resolvedOn: 'the disconnection / reconnection date',
    source: 'mhhs-domain.md §3.1 IF-009',
  },
  {
    interfaceId: 'IF-018',
    name: 'LDSO-maintained data change',
    eventCodes: ['[AddressChg]', '[GSPChg]', '[DUOSTariffIDChg]', '[EnergyDirection]', '[DomPremInd]'],
    causedBy: ['MpanAddressChanged', 'GspGroupChanged', 'DuosTariffIdChanged', 'EnergyDirectionChanged', 'DomesticPremiseIndicatorChanged'],
    recipientRoles: ['SUP', ...DS_ROLES, ...MS_ROLES, 'MDS', 'EES', 'LDSO'],
    recipients: 'the supplier, DS and MS on the date, every MDS and EES, the LDSO',
    resolvedOn: 'the change\'s effective-from date',
    source: 'mhhs-domain.md §3.1 IF-018',
  },
  {
    interfaceId: 'IF-026',
    name: 'Supplier-maintained data notification',
    eventCodes: ['[SSCandProfileClass]', '[ConsentGranularity]', '[IHDInfo]', '[SMSO]'],
    causedBy: ['SscAndProfileClassChanged', 'ConsentGranularityChanged', 'IhdInfoChanged', 'SmsoChanged'],
    recipientRoles: ['SUP', ...DS_ROLES, 'LSS', 'LDSO', ...MS_ROLES, 'EES'],
    recipients: 'the supplier, DS and MS on the date, every LSS and EES, the LDSO (no MDR is recorded yet)',
    resolvedOn: 'the effective-from date (the earlier of the two for SSC and profile class)',
    source: 'mhhs-domain.md §3.1 IF-025 / IF-026',
  },
  {
    interfaceId: 'IF-032',
    name: 'Initial response to an appointment request',
    eventCodes: ['[MSAppInitialResp]', '[DSAppInitialResp]'],
    causedBy: ['ServiceAppointmentRequested'],
    recipientRoles: ['SUP'],
    recipients: 'the requesting supplier',
    resolvedOn: 'the request (decision time)',
    source: 'mhhs-domain.md §3.1 IF-032, §3.2 step 3',
  },
  {
    interfaceId: 'IF-033',
    name: 'Appointment request to the proposed provider',
    eventCodes: ['[MSAppSPRequest]', '[DSAppSPRequest]'],
    causedBy: ['ServiceAppointmentRequested'],
    recipientRoles: [...MS_ROLES, ...DS_ROLES],
    recipients: 'the proposed provider, in the role the segment needs',
    resolvedOn: 'the request (decision time)',
    source: 'mhhs-domain.md §3.1 IF-033, §3.2 step 4',
  },
  {
    interfaceId: 'IF-035',
    name: 'Appointment status (accepted, rejected, lapsed)',
    eventCodes: ['[MSAppAccepted]', '[MSAppRejected]', '[MSAppLapsed]', '[DSAppAccepted]', '[DSAppRejected]', '[DSAppLapsed]'],
    causedBy: ['ServiceAppointmentAccepted', 'ServiceAppointmentRejected', 'ServiceAppointmentLapsed'],
    recipientRoles: ['SUP', ...MS_ROLES, ...DS_ROLES],
    recipients: 'the requesting supplier and the proposed provider',
    resolvedOn: 'the provider\'s answer or the lapse (decision time)',
    source: 'mhhs-domain.md §3.1 IF-035, §3.2 step 6',
  },
  {
    interfaceId: 'IF-036',
    name: 'Appointment active',
    eventCodes: ['[MSAppActive]', '[DSAppActive]'],
    causedBy: ['ServiceAppointmentActivated'],
    recipientRoles: ['SUP', ...MS_ROLES, ...DS_ROLES, 'LDSO', 'MDS', 'EES'],
    recipients: 'the requesting supplier, the MS and DS appointed on the date, the LDSO, every MDS and EES',
    resolvedOn: 'the appointment\'s effective-from date',
    source: 'mhhs-domain.md §3.1 IF-036, §3.2 step 7',
  },
  {
    interfaceId: 'IF-037',
    name: 'De-appointment',
    eventCodes: ['[MSDeApp]', '[DSDeApp]'],
    causedBy: ['ServiceProviderDeappointed'],
    recipientRoles: ['SUP', ...MS_ROLES, ...DS_ROLES, 'MDS', 'LDSO', 'EES'],
    recipients:
      'the supplier that appointed the provider and the supplier registered the day after it ends, the de-appointed provider, ' +
      'the other service\'s provider on its last day and on the day after, every MDS and EES, the LDSO',
    resolvedOn: 'the de-appointed provider\'s last day and the day after',
    source: 'mhhs-domain.md §3.1 IF-037, §3.2 step 7',
  },
  {
    interfaceId: 'IF-043',
    name: 'Change of connection type (to the DCC)',
    eventCodes: ['[ConnectionTypeChange]'],
    causedBy: ['ConnectionTypeChanged'],
    recipientRoles: ['DCC'],
    recipients: 'every DCC',
    resolvedOn: 'the change\'s effective-from date',
    source: 'mhhs-domain.md §3.1 IF-043',
  },
  {
    interfaceId: 'IF-044',
    name: 'Change of market segment',
    eventCodes: ['[MarketSegmentChange]'],
    causedBy: ['MarketSegmentChanged'],
    recipientRoles: ['SUP', 'MDS', 'LDSO', 'EES'],
    recipients: 'the supplier on the date, every MDS and EES, the LDSO',
    resolvedOn: 'the change\'s effective-from date',
    source: 'mhhs-domain.md §3.1 IF-044',
  },
  {
    interfaceId: 'IF-045',
    name: 'Reminder: registration data inconsistent',
    eventCodes: ['[InvalidMarketSegment]', '[NoMSAppointed]', '[NoDSAppointed]'],
    causedBy: ['RegistrationReminderIssued'],
    recipientRoles: ['SUP', ...MS_ROLES, ...DS_ROLES],
    recipients: 'the supplier and the incompatible provider(s) the reminder names',
    resolvedOn: 'the day-start day that found the inconsistency',
    source: 'mhhs-domain.md §3.1 IF-045',
  },
  {
    interfaceId: 'IF-050',
    name: 'Updates for the enquiry service',
    eventCodes: ['[MPANCreation]', '[MPStatusChange]'],
    causedBy: ['MpanCreated', 'MpanDisconnected', 'MpanReconnected'],
    recipientRoles: ['EES'],
    recipients: 'every EES',
    resolvedOn: 'the creation / status change effective-from date',
    source: 'mhhs-domain.md §3.1 IF-050',
  },
];

/** The routing rule of an interface, or `undefined` when the registry does not publish it. */
export function routingRuleOf(interfaceId: string): RoutingRule | undefined {
  return FEED_ROUTING_TABLE.find((r) => r.interfaceId === interfaceId);
}

/** Every bracketed event code the routing table lists (publications only), sorted. */
export function routedEventCodes(): string[] {
  return [...new Set(FEED_ROUTING_TABLE.flatMap((r) => r.eventCodes))].sort();
}
