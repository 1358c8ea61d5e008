/**
 * The two documented input channels of docs/adr/0003 (switching service and LDSO), with their
 * event codes and the official schema whose `CustomBlock` each event mirrors.
 */

/** Channel ids, sent as `S0.interfaceID` and as `{channelId}` of `POST /dip-channel/{channelId}`. */
export const INPUT_CHANNEL_IDS = ['REGS-LDSO', 'REGS-CSS'] as const;
export type InputChannelId = (typeof INPUT_CHANNEL_IDS)[number];

/** `S0.schemaVersion` accepted on both input channels (the version of the mirrored schemas). */
export const INPUT_SCHEMA_VERSION = '011';

/** One event of an input channel. */
export interface InputEventDefinition {
  /** Bracketed event code as sent in `S0.eventCode`, e.g. `[MPANCreation]`. */
  eventCode: string;
  /** Name under `components.schemas` of the official event schema whose CustomBlock is mirrored. */
  mirroredSchema: string;
  /** CustomBlock blocks we require on top of the official schema's own `required` list. */
  extraRequiredBlocks: readonly string[];
  /**
   * Thin input (ADR 0003): only these blocks of the mirrored CustomBlock may be sent, each valid
   * against its official block schema, and `required` replaces the official required list. Used
   * where the mirrored interface is a REGS publication that adds the registry's own data (IF-001
   * adds B004, B022–B026), which the sender of the input does not own.
   */
  thinBlocks?: { allowed: readonly string[]; required: readonly string[] };
}

/** One input channel: the sender role it is for and its events. */
export interface InputChannelDefinition {
  channelId: InputChannelId;
  /** `S1.senderRoleID` expected on this channel (checked by the intake, not by the schema check). */
  senderRole: 'LDSO' | 'CSS';
  events: readonly InputEventDefinition[];
}

/** The channel table of docs/adr/0003. */
export const INPUT_CHANNELS: Readonly<Record<InputChannelId, InputChannelDefinition>> = {
  'REGS-LDSO': {
    channelId: 'REGS-LDSO',
    senderRole: 'LDSO',
    events: [
      { eventCode: '[MPANCreation]', mirroredSchema: 'IF-050-MPANCreation', extraRequiredBlocks: [] },
      { eventCode: '[AddressChg]', mirroredSchema: 'IF-018-AddressChg', extraRequiredBlocks: [] },
      { eventCode: '[GSPChg]', mirroredSchema: 'IF-018-GSPChg', extraRequiredBlocks: [] },
      { eventCode: '[DUOSTariffIDChg]', mirroredSchema: 'IF-018-DUOSTariffIDChg', extraRequiredBlocks: [] },
      { eventCode: '[EnergyDirection]', mirroredSchema: 'IF-018-EnergyDirection', extraRequiredBlocks: [] },
    ],
  },
  'REGS-CSS': {
    channelId: 'REGS-CSS',
    senderRole: 'CSS',
    events: [
      {
        eventCode: '[InitialRegistration]',
        mirroredSchema: 'IF-001-InitialRegistration',
        extraRequiredBlocks: [],
        thinBlocks: { allowed: ['B013', 'B002'], required: ['B013', 'B002'] },
      },
      {
        eventCode: '[ChangeOfSupplier]',
        mirroredSchema: 'IF-001-ChangeOfSupplier',
        extraRequiredBlocks: [],
        thinBlocks: { allowed: ['B013', 'B002', 'B003'], required: ['B013', 'B002', 'B003'] },
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
