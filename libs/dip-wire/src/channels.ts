import {
  AddressChgCustomBlockDto,
  ChangeOfSupplierCustomBlockDto,
  ConnectionTypeChangeCustomBlockDto,
  ConsentGranularityCustomBlockDto,
  DomPremIndCustomBlockDto,
  DsAppCustomBlockDto,
  DsAppSpResponseCustomBlockDto,
  DuosTariffIdChgCustomBlockDto,
  EnergisationStatusChangeCustomBlockDto,
  EnergisationStatusFailureCustomBlockDto,
  EnergyDirectionCustomBlockDto,
  GspChgCustomBlockDto,
  IhdInfoCustomBlockDto,
  InitialRegistrationCustomBlockDto,
  MarketSegmentChangeCustomBlockDto,
  MeterExchangeCustomBlockDto,
  MeterHistoryUpdateCustomBlockDto,
  MeterInstallCustomBlockDto,
  MeterRemovalCustomBlockDto,
  MeterUpdateCustomBlockDto,
  MpanCreationCustomBlockDto,
  MpanDisconnectionCustomBlockDto,
  MpanReconnectionCustomBlockDto,
  MsAppCustomBlockDto,
  MsAppSpResponseCustomBlockDto,
  SmsoCustomBlockDto,
  SscAndProfileClassCustomBlockDto,
} from './dto/custom-blocks.dto';

/** One event accepted on a channel (`S0.eventCode`) and the shape of its `CustomBlock`. */
export interface ChannelEventDefinition {
  /** The class-validator DTO the `CustomBlock` must satisfy. */
  readonly customBlockDto: new () => object;
  /**
   * The official schema the custom block mirrors, e.g. `IF-050-MPANCreation`; on a DIP interface
   * channel (`kind: 'dip-interface'`) the event's own schema, e.g. `IF-031-MSApp`.
   */
  readonly mirrors: string;
  /**
   * `S1.senderRoleID` values that may send this event (a subset of the channel's). Checked by the
   * domain, not by the wire.
   */
  readonly senderRoles: readonly string[];
  readonly description: string;
}

/** An inbound channel (`POST /dip-channel/{channelId}`; `S0.interfaceID` = the channel id). */
export interface ChannelDefinition {
  readonly description: string;
  /**
   * `dip-interface`: an official DIP interface (the payload is the official event schema);
   * `adr-0003`: one of our documented input channels, whose custom blocks mirror official ones.
   */
  readonly kind: 'dip-interface' | 'adr-0003';
  /** `S1.senderRoleID` values allowed to send on the channel (checked by the app, not the wire). */
  readonly senderRoles: readonly string[];
  /** Accepted `S0.schemaVersion` values. */
  readonly schemaVersions: readonly string[];
  /** Bracketed event codes (`[MPANCreation]`) → their definition. */
  readonly events: Readonly<Record<string, ChannelEventDefinition>>;
  /**
   * Official event codes of the interface the registry does not accept yet, with the reason
   * given to a sender who uses one (the message is refused as an unknown event code).
   */
  readonly notAccepted?: Readonly<Record<string, string>>;
}

/** The metering services: the roles that send IF-005 and IF-007. */
const METERING_SERVICE_ROLES = ['MSS', 'MSA', 'UMSO'] as const;

/**
 * The catalogue of inbound channels the registry accepts: the documented input channels of
 * docs/adr/0003 (`REGS-LDSO`, `REGS-CSS`) and the DIP interfaces `IF-005` (meter technical
 * details from the metering service), `IF-007` (energisation status from the metering service),
 * `IF-025` (supplier-maintained data), `IF-031` (a supplier asks for a service appointment) and
 * `IF-034` (the proposed provider answers).
 *
 * To accept another DIP interface (IF-019, IF-038 …) add an entry keyed by its id with
 * its sender roles, schema versions and one `events` entry per event code pointing at the custom
 * block DTO; `validateDipMessage` picks it up, and `toRegistrationCommand` stops compiling until
 * the new events are mapped (its switches are exhaustive over this catalogue).
 */
export const DIP_CHANNELS = {
  'REGS-LDSO': {
    description: "The LDSO's own staff: MPAN creation and network-owned data (ADR 0003).",
    kind: 'adr-0003',
    senderRoles: ['LDSO'],
    schemaVersions: ['011'],
    events: {
      '[MPANCreation]': {
        customBlockDto: MpanCreationCustomBlockDto,
        mirrors: 'IF-050-MPANCreation',
        senderRoles: ['LDSO'],
        description: 'The LDSO creates an MPAN; it exists from B079.RMPStatusEffectiveFromDate (RMPStatus C).',
      },
      '[AddressChg]': {
        customBlockDto: AddressChgCustomBlockDto,
        mirrors: 'IF-018-AddressChg',
        senderRoles: ['LDSO'],
        description: 'New metering point address (B022), effective from B001.GSPGroupEffectiveFromDate.',
      },
      '[GSPChg]': {
        customBlockDto: GspChgCustomBlockDto,
        mirrors: 'IF-018-GSPChg',
        senderRoles: ['LDSO'],
        description: 'New GSP group (M0.GSPGroupID), effective from B001.GSPGroupEffectiveFromDate.',
      },
      '[DUOSTariffIDChg]': {
        customBlockDto: DuosTariffIdChgCustomBlockDto,
        mirrors: 'IF-018-DUOSTariffIDChg',
        senderRoles: ['LDSO'],
        description: 'New DUoS tariff id (B024), effective from B024.DUOSTariffIDEffectiveFromDate.',
      },
      '[EnergyDirection]': {
        customBlockDto: EnergyDirectionCustomBlockDto,
        mirrors: 'IF-018-EnergyDirection',
        senderRoles: ['LDSO'],
        description: 'New energy direction (B023), effective from B023.connectionTypeEffectiveFromDate.',
      },
      '[MarketSegmentChange]': {
        customBlockDto: MarketSegmentChangeCustomBlockDto,
        mirrors: 'IF-044-Payload',
        senderRoles: ['LDSO'],
        description:
          'New market segment (B026), effective from B026.marketSegmentIndicatorEffectiveFromDate; B023 states the connection the segment goes with (its own effective-from date).',
      },
      '[ConnectionTypeChange]': {
        customBlockDto: ConnectionTypeChangeCustomBlockDto,
        mirrors: 'IF-043-Payload',
        senderRoles: ['LDSO'],
        description:
          'New connection type and metered indicator (B023), effective from B023.connectionTypeEffectiveFromDate; B023.energyDirection is carried as stated.',
      },
      '[DomPremInd]': {
        customBlockDto: DomPremIndCustomBlockDto,
        mirrors: 'IF-018-DomPremInd',
        senderRoles: ['LDSO'],
        description: 'New domestic premise indicator (B028), effective from B028.domesticPremiseIndicatorEffectiveFromDate.',
      },
      '[MPANDisconnection]': {
        customBlockDto: MpanDisconnectionCustomBlockDto,
        mirrors: 'IF-009-MPANDisconnection',
        senderRoles: ['LDSO'],
        description: 'The MPAN is disconnected from B041.disconnectionEffectiveFromDate (with B041.additionalInformation).',
      },
      '[MPANReconnection]': {
        customBlockDto: MpanReconnectionCustomBlockDto,
        mirrors: 'IF-009-MPANReconnection',
        senderRoles: ['LDSO'],
        description: 'A disconnected MPAN is reconnected from B098.reconnectionEffectiveFromDate.',
      },
    },
  },
  'REGS-CSS': {
    description: 'The Central Switching Service: supplier registrations (ADR 0003).',
    kind: 'adr-0003',
    senderRoles: ['CSS'],
    schemaVersions: ['011'],
    events: {
      '[InitialRegistration]': {
        customBlockDto: InitialRegistrationCustomBlockDto,
        mirrors: 'IF-001-InitialRegistration',
        senderRoles: ['CSS'],
        description:
          'First supplier of an MPAN (B002) from B002.supplierEffectiveFromDate; B013 names the CSS registration; optional B004 the domestic premise indicator from the supply start. Thin IF-001: B013, B002 and optional B004.',
      },
      '[ChangeOfSupplier]': {
        customBlockDto: ChangeOfSupplierCustomBlockDto,
        mirrors: 'IF-001-ChangeOfSupplier',
        senderRoles: ['CSS'],
        description:
          'New supplier (B002) from B002.supplierEffectiveFromDate; B003 states the outgoing supplier and its end date; optional B004 the domestic premise indicator from the supply start. Thin IF-001: B013, B002, B003 and optional B004.',
      },
    },
  },
  'IF-005': {
    description: 'DIP IF-005: the metering service reports meter technical details (B906 meter and MAP history, B039 removed meter, B030 IHD).',
    kind: 'dip-interface',
    senderRoles: METERING_SERVICE_ROLES,
    schemaVersions: ['011'],
    events: {
      '[MeterInstall]': {
        customBlockDto: MeterInstallCustomBlockDto,
        mirrors: 'IF-005-MeterInstall',
        senderRoles: METERING_SERVICE_ROLES,
        description:
          'A meter (B906.existingMeter) installed from its meterInstallationDate, with its MAP history (B906.historyMAP); optional IHD status (B030).',
      },
      '[MeterRemoval]': {
        customBlockDto: MeterRemovalCustomBlockDto,
        mirrors: 'IF-005-MeterRemoval',
        senderRoles: METERING_SERVICE_ROLES,
        description: 'The meter B039.meterIDRemoved removed on B039.meterRemovalDate.',
      },
      '[MeterExchange]': {
        customBlockDto: MeterExchangeCustomBlockDto,
        mirrors: 'IF-005-MeterExchange',
        senderRoles: METERING_SERVICE_ROLES,
        description:
          'One meter removed (B039) and another installed (B906) in one visit: removal on B039.meterRemovalDate, installation on B906.existingMeter.meterInstallationDate.',
      },
      '[MeterUpdate]': {
        customBlockDto: MeterUpdateCustomBlockDto,
        mirrors: 'IF-005-MeterUpdate',
        senderRoles: METERING_SERVICE_ROLES,
        description:
          'Corrected details of an installed meter (B906.existingMeter; modifiedMeterID for a corrected id), optional MAP history; optional B039 and B030.',
      },
      '[MeterHistoryUpdate]': {
        customBlockDto: MeterHistoryUpdateCustomBlockDto,
        mirrors: 'IF-005-MeterHistoryUpdate',
        senderRoles: METERING_SERVICE_ROLES,
        description: 'Corrected history of a removed meter (B906.existingMeter, optional MAP history; optional B039 with its removal).',
      },
    },
  },
  'IF-007': {
    description: 'DIP IF-007: the metering service reports a change of energisation status (B025) or a failure to carry one out (B040).',
    kind: 'dip-interface',
    senderRoles: METERING_SERVICE_ROLES,
    schemaVersions: ['011'],
    events: {
      '[EnergisationStatusChange]': {
        customBlockDto: EnergisationStatusChangeCustomBlockDto,
        mirrors: 'IF-007-EnergisationStatusChange',
        senderRoles: METERING_SERVICE_ROLES,
        description: 'New energisation status (B025 E/D/U), effective from B025.energisationStatusEffectiveFromDate.',
      },
      '[EnergisationStatusFailure]': {
        customBlockDto: EnergisationStatusFailureCustomBlockDto,
        mirrors: 'IF-007-EnergisationStatusFailure',
        senderRoles: METERING_SERVICE_ROLES,
        description:
          'An energisation or de-energisation not carried out (B040 reason, site visit check code, notes); carries no date of its own (the registry records the day received).',
      },
    },
  },
  'IF-025': {
    description: 'DIP IF-025: the current supplier updates supplier-maintained data (B032, B068, B030, B031; optional B013).',
    kind: 'dip-interface',
    senderRoles: ['SUP'],
    schemaVersions: ['011'],
    events: {
      '[SSCandProfileClass]': {
        customBlockDto: SscAndProfileClassCustomBlockDto,
        mirrors: 'IF-025-SSCandProfileClass',
        senderRoles: ['SUP'],
        description: 'Legacy profile class and SSC (B032), each effective from its own date (nullable: a null value with a null date clears it).',
      },
      '[ConsentGranularity]': {
        customBlockDto: ConsentGranularityCustomBlockDto,
        mirrors: 'IF-025-ConsentGranularity',
        senderRoles: ['SUP'],
        description: 'New consent granularity (B068), effective from B068.consentGranularityEffectiveFromDate.',
      },
      '[IHDInfo]': {
        customBlockDto: IhdInfoCustomBlockDto,
        mirrors: 'IF-025-IHDInfo',
        senderRoles: ['SUP'],
        description: 'In-home display install status (B030, nullable), effective from B030.IHDEffectiveFromDate.',
      },
      '[SMSO]': {
        customBlockDto: SmsoCustomBlockDto,
        mirrors: 'IF-025-SMSO',
        senderRoles: ['SUP'],
        description: 'Smart meter system operator (B031, nullable), effective from B031.SMSOEffectiveFromDate.',
      },
    },
  },
  'IF-031': {
    description: 'DIP IF-031: a supplier asks the registry to appoint a metering or data service (B013, B070 / B071).',
    kind: 'dip-interface',
    senderRoles: ['SUP'],
    schemaVersions: ['011'],
    events: {
      '[MSApp]': {
        customBlockDto: MsAppCustomBlockDto,
        mirrors: 'IF-031-MSApp',
        senderRoles: ['SUP'],
        description:
          'Proposed metering service (B070) from B070.proposedMeteringServiceDIPEffectiveFromDate, with contract reference and appointment scenario; B013 quotes the CSS registration (COS).',
      },
      '[DSApp]': {
        customBlockDto: DsAppCustomBlockDto,
        mirrors: 'IF-031-DSApp',
        senderRoles: ['SUP'],
        description:
          'Proposed data service (B071) from B071.proposedDataServiceDIPEffectiveFromDate, with contract reference and appointment scenario; B013 quotes the CSS registration (COS).',
      },
    },
  },
  'IF-034': {
    description: "DIP IF-034: the proposed service provider accepts or rejects a pending appointment (B007, B012, B070 / B071).",
    kind: 'dip-interface',
    senderRoles: ['MSS', 'MSA', 'UMSO', 'SDS', 'ADS', 'UMSDS'],
    schemaVersions: ['011'],
    events: {
      '[MSAppSPResponse]': {
        customBlockDto: MsAppSpResponseCustomBlockDto,
        mirrors: 'IF-034-MSAppSPResponse',
        senderRoles: ['MSS', 'MSA', 'UMSO'],
        description:
          "The proposed metering service's answer (B007 A/R with an SP code) to the B070 proposal of the supplier in B012. The domain checks the sender is that provider.",
      },
      '[DSAppSPResponse]': {
        customBlockDto: DsAppSpResponseCustomBlockDto,
        mirrors: 'IF-034-DSAppSPResponse',
        senderRoles: ['SDS', 'ADS', 'UMSDS'],
        description:
          "The proposed data service's answer (B007 A/R with an SP code) to the B071 proposal of the supplier in B012. The domain checks the sender is that provider.",
      },
    },
    notAccepted: {
      '[SDS-MDRUpdate]':
        'an official IF-034 event (an SDS nominating its meter data retriever, B012/B018) that the registry does not accept yet',
    },
  },
} as const satisfies Readonly<Record<string, ChannelDefinition>>;

/** The id of a known inbound channel (`REGS-LDSO`, `REGS-CSS`, `IF-005`, `IF-007`, `IF-025`, `IF-031`, `IF-034`). */
export type DipChannelId = keyof typeof DIP_CHANNELS;

/** The bracketed event codes of channel `C`. */
export type DipEventCodeOf<C extends DipChannelId> = keyof (typeof DIP_CHANNELS)[C]['events'] & string;

/** The validated `CustomBlock` shape of event `E` on channel `C` (the DTO's instance type). */
export type CustomBlockOf<C extends DipChannelId, E extends DipEventCodeOf<C>> =
  (typeof DIP_CHANNELS)[C]['events'][E] extends { customBlockDto: new () => infer T } ? T : never;

/** True when `channelId` names an inbound channel of the catalogue (own keys only). */
export function isKnownChannel(channelId: string): channelId is DipChannelId {
  return typeof channelId === 'string' && Object.hasOwn(DIP_CHANNELS, channelId);
}

/** The definition of `channelId`, or `undefined` when it is not a known channel. */
export function channelOf(channelId: string): ChannelDefinition | undefined {
  return isKnownChannel(channelId) ? DIP_CHANNELS[channelId] : undefined;
}

/** The bracketed event codes accepted on `channelId` (catalogue order); empty for an unknown channel. */
export function eventCodesOf(channelId: string): readonly string[] {
  const channel = channelOf(channelId);
  return channel ? Object.keys(channel.events) : [];
}

/** The definition of `eventCode` on `channelId`, or `undefined` when the channel does not accept it. */
export function channelEventOf(channelId: string, eventCode: string): ChannelEventDefinition | undefined {
  const channel = channelOf(channelId);
  if (!channel || typeof eventCode !== 'string' || !Object.hasOwn(channel.events, eventCode)) return undefined;
  return channel.events[eventCode];
}

/** Every known channel id (catalogue order). */
export function channelIds(): DipChannelId[] {
  return Object.keys(DIP_CHANNELS) as DipChannelId[];
}
