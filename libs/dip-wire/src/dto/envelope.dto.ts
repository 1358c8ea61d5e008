import type { ChannelDefinition } from '../channels';
import { A0Dto, M0Dto, S1Dto } from './common-block.dto';
import { objectCheck, setWireLabel, showToken, WireAbsent, WireBlock, WireCheck, WireField, describeValue } from './wire-rules';

/**
 * The DIP envelope DTOs, built per channel and event: `{ payload: { CommonBlock: { S0, S1, A0?,
 * M0 }, CustomBlock } }`. `S0` enumerates the channel's own `interfaceID`, `schemaVersion` and
 * event codes (as each official event schema does with its inline `S0`), and `CustomBlock` is the
 * event's DTO — so one class-validator pass checks the whole message.
 */

/** Message shown when a sender includes `D0`. */
export const D0_REFUSED_MESSAGE = 'D0 is the DIP block, added by the DIP on egress; it must not be sent on input';

const cache = new Map<string, new () => object>();

/**
 * The DTO class of a whole DIP message on `channelId` whose `S0.eventCode` is `eventCode`.
 * With `eventCode` `null` (the code is missing or not one of the channel's), the `CustomBlock`
 * is only checked to be an object: its shape is unknown until the event is. Classes are built
 * once per channel/event and cached (only catalogue keys reach here, so the cache is bounded).
 */
export function dipMessageDtoFor(channelId: string, channel: ChannelDefinition, eventCode: string | null): new () => object {
  const key = `${channelId}\u0000${eventCode ?? ''}`;
  let dto = cache.get(key);
  if (!dto) {
    dto = buildMessageDto(channelId, channel, eventCode);
    cache.set(key, dto);
  }
  return dto;
}

function buildMessageDto(channelId: string, channel: ChannelDefinition, eventCode: string | null): new () => object {
  const eventCodes = Object.keys(channel.events);
  const event = eventCode === null ? undefined : channel.events[eventCode];

  const interfaceIdCheck: WireCheck = (v) =>
    v === channelId
      ? null
      : typeof v === 'string'
        ? `S0.interfaceID ${showToken(v)} does not match the channel ${channelId} in the URL`
        : `must be the channel id ${channelId}, got ${describeValue(v)}`;
  const schemaVersionCheck: WireCheck = (v) =>
    typeof v === 'string' && channel.schemaVersions.includes(v)
      ? null
      : `schema version ${showToken(v)} is not accepted on channel ${channelId} (expected ${channel.schemaVersions.join(' or ')})`;
  const eventCodeCheck: WireCheck = (v) => {
    if (typeof v === 'string' && Object.hasOwn(channel.events, v)) return null;
    const expected = `expected one of ${eventCodes.join(', ')}`;
    if (typeof v === 'string' && channel.notAccepted && Object.hasOwn(channel.notAccepted, v)) {
      return `${v} is not accepted on channel ${channelId}: ${channel.notAccepted[v]} (${expected})`;
    }
    return `${showToken(v)} is not an event code of channel ${channelId} (${expected})`;
  };

  class S0 {
    @WireField('required', interfaceIdCheck)
    interfaceID!: string;

    @WireField('required', schemaVersionCheck)
    schemaVersion!: string;

    @WireField('required', eventCodeCheck)
    eventCode!: string;
  }
  setWireLabel(S0, `S0 (header of channel ${channelId})`);

  class CommonBlock {
    @WireBlock('required', () => S0, 'block S0')
    S0!: S0;

    @WireBlock('required', () => S1Dto, 'block S1')
    S1!: S1Dto;

    @WireBlock('optional', () => A0Dto, 'block A0')
    A0?: A0Dto;

    @WireAbsent(D0_REFUSED_MESSAGE)
    D0?: unknown;

    @WireBlock('required', () => M0Dto, 'block M0')
    M0!: M0Dto;
  }
  setWireLabel(CommonBlock, 'CommonBlock');

  const customBlockDto = event?.customBlockDto;
  class Payload {
    @WireBlock('required', () => CommonBlock, 'CommonBlock')
    CommonBlock!: CommonBlock;

    @(customBlockDto
      ? WireBlock('required', () => customBlockDto, `the CustomBlock of ${eventCode}`)
      : WireField('required', objectCheck('CustomBlock')))
    CustomBlock!: object;
  }
  setWireLabel(Payload, 'payload');

  class DipMessage {
    @WireBlock('required', () => Payload, 'the DIP payload { CommonBlock, CustomBlock }')
    payload!: Payload;
  }
  setWireLabel(DipMessage, 'the DIP message');
  return DipMessage;
}
