/**
 * The input channels the conformance check knows: the two documented channels of docs/adr/0003
 * (switching service and LDSO), whose `CustomBlock` mirrors an official event schema, and the
 * DIP interfaces IF-005, IF-007, IF-025, IF-031 and IF-034, whose whole payload is an official
 * event schema.
 */

/** Channel ids, sent as `S0.interfaceID` and as `{channelId}` of `POST /dip-channel/{channelId}`. */
export const INPUT_CHANNEL_IDS = ['REGS-LDSO', 'REGS-CSS', 'IF-005', 'IF-007', 'IF-025', 'IF-031', 'IF-034'] as const;
export type InputChannelId = (typeof INPUT_CHANNEL_IDS)[number];

/** `S0.schemaVersion` accepted on every input channel (the only version the official event schemas and mirrored schemas list). */
export const INPUT_SCHEMA_VERSION = '011';

/** One event of an input channel. */
export interface InputEventDefinition {
  /** Bracketed event code as sent in `S0.eventCode`, e.g. `[MPANCreation]`. */
  eventCode: string;
  /**
   * Name under `components.schemas` of the official event schema: on an `adr-0003` channel the one
   * whose CustomBlock is mirrored; on a `dip-interface` channel the event's own schema, against
   * which the whole payload is validated (e.g. `IF-031-MSApp`).
   */
  mirroredSchema: string;
  /** `S1.senderRoleID` values that send the event (checked by the intake, not by the schema check). */
  senderRoles: readonly string[];
  /** CustomBlock blocks we require on top of the official schema's own `required` list. */
  extraRequiredBlocks: readonly string[];
  /**
   * Thin input (ADR 0003): only these blocks of the mirrored CustomBlock may be sent, each valid
   * against its official block schema, and `required` replaces the official required list. Used
   * where the mirrored interface is a REGS publication that adds the registry's own data (IF-001
   * adds B022–B026), which the sender of the input does not own; the switching service may send
   * B004, the domestic premise indicator the supplier stated in its switch request.
   */
  thinBlocks?: { allowed: readonly string[]; required: readonly string[] };
}

/** One input channel: what it is, the sender roles it is for and its events. */
export interface InputChannelDefinition {
  channelId: InputChannelId;
  /**
   * `adr-0003`: a documented input channel; S0 is ours, S1/M0/A0 and the CustomBlock are official.
   * `dip-interface`: an official DIP interface; the payload is validated whole against the event schema.
   */
  kind: 'adr-0003' | 'dip-interface';
  /** `S1.senderRoleID` values expected on this channel (checked by the intake, not by the schema check). */
  senderRoles: readonly string[];
  events: readonly InputEventDefinition[];
}

const METERING_SERVICE_ROLES = ['MSS', 'MSA', 'UMSO'] as const;

/** The channel table of docs/adr/0003, and the DIP interfaces IF-005, IF-007, IF-025, IF-031 and IF-034. */
export const INPUT_CHANNELS: Readonly<Record<InputChannelId, InputChannelDefinition>> = {
  'REGS-LDSO': {
    channelId: 'REGS-LDSO',
    kind: 'adr-0003',
    senderRoles: ['LDSO'],
    events: [
      { eventCode: '[MPANCreation]', mirroredSchema: 'IF-050-MPANCreation', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[AddressChg]', mirroredSchema: 'IF-018-AddressChg', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[GSPChg]', mirroredSchema: 'IF-018-GSPChg', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[DUOSTariffIDChg]', mirroredSchema: 'IF-018-DUOSTariffIDChg', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[EnergyDirection]', mirroredSchema: 'IF-018-EnergyDirection', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[MarketSegmentChange]', mirroredSchema: 'IF-044-Payload', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[ConnectionTypeChange]', mirroredSchema: 'IF-043-Payload', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[DomPremInd]', mirroredSchema: 'IF-018-DomPremInd', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[MPANDisconnection]', mirroredSchema: 'IF-009-MPANDisconnection', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
      { eventCode: '[MPANReconnection]', mirroredSchema: 'IF-009-MPANReconnection', senderRoles: ['LDSO'], extraRequiredBlocks: [] },
    ],
  },
  'REGS-CSS': {
    channelId: 'REGS-CSS',
    kind: 'adr-0003',
    senderRoles: ['CSS'],
    events: [
      {
        eventCode: '[InitialRegistration]',
        mirroredSchema: 'IF-001-InitialRegistration',
        senderRoles: ['CSS'],
        extraRequiredBlocks: [],
        thinBlocks: { allowed: ['B013', 'B002', 'B004'], required: ['B013', 'B002'] },
      },
      {
        eventCode: '[ChangeOfSupplier]',
        mirroredSchema: 'IF-001-ChangeOfSupplier',
        senderRoles: ['CSS'],
        extraRequiredBlocks: [],
        thinBlocks: { allowed: ['B013', 'B002', 'B003', 'B004'], required: ['B013', 'B002', 'B003'] },
      },
    ],
  },
  'IF-005': {
    channelId: 'IF-005',
    kind: 'dip-interface',
    senderRoles: METERING_SERVICE_ROLES,
    events: (['MeterInstall', 'MeterRemoval', 'MeterExchange', 'MeterUpdate', 'MeterHistoryUpdate'] as const).map((event) => ({
      eventCode: `[${event}]`,
      mirroredSchema: `IF-005-${event}`,
      senderRoles: METERING_SERVICE_ROLES,
      extraRequiredBlocks: [],
    })),
  },
  'IF-007': {
    channelId: 'IF-007',
    kind: 'dip-interface',
    senderRoles: METERING_SERVICE_ROLES,
    events: (['EnergisationStatusChange', 'EnergisationStatusFailure'] as const).map((event) => ({
      eventCode: `[${event}]`,
      mirroredSchema: `IF-007-${event}`,
      senderRoles: METERING_SERVICE_ROLES,
      extraRequiredBlocks: [],
    })),
  },
  'IF-025': {
    channelId: 'IF-025',
    kind: 'dip-interface',
    senderRoles: ['SUP'],
    events: (['SSCandProfileClass', 'ConsentGranularity', 'IHDInfo', 'SMSO'] as const).map((event) => ({
      eventCode: `[${event}]`,
      mirroredSchema: `IF-025-${event}`,
      senderRoles: ['SUP'],
      extraRequiredBlocks: [],
    })),
  },
  'IF-031': {
    channelId: 'IF-031',
    kind: 'dip-interface',
    senderRoles: ['SUP'],
    events: [
      { eventCode: '[MSApp]', mirroredSchema: 'IF-031-MSApp', senderRoles: ['SUP'], extraRequiredBlocks: [] },
      { eventCode: '[DSApp]', mirroredSchema: 'IF-031-DSApp', senderRoles: ['SUP'], extraRequiredBlocks: [] },
    ],
  },
  'IF-034': {
    channelId: 'IF-034',
    kind: 'dip-interface',
    senderRoles: ['MSS', 'MSA', 'UMSO', 'SDS', 'ADS', 'UMSDS'],
    events: [
      {
        eventCode: '[MSAppSPResponse]',
        mirroredSchema: 'IF-034-MSAppSPResponse',
        senderRoles: ['MSS', 'MSA', 'UMSO'],
        extraRequiredBlocks: [],
      },
      {
        eventCode: '[DSAppSPResponse]',
        mirroredSchema: 'IF-034-DSAppSPResponse',
        senderRoles: ['SDS', 'ADS', 'UMSDS'],
        extraRequiredBlocks: [],
      },
    ],
  },
};

/** True when `value` is one of {@link INPUT_CHANNEL_IDS}. */
export function isInputChannelId(value: unknown): value is InputChannelId {
  return typeof value === 'string' && (INPUT_CHANNEL_IDS as readonly string[]).includes(value);
}

/** The event definition for `eventCode` on `channel`, or `undefined` when the channel has no such event. */
export function inputEvent(channel: InputChannelId, eventCode: string): InputEventDefinition | undefined {
  return INPUT_CHANNELS[channel].events.find((e) => e.eventCode === eventCode);
}
