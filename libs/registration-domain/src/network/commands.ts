import { MpanCore } from '../mpan/mpan-core';
import { CommandContext, ConnectionType, MarketSegment } from '../registration/commands';
import { LocalDate } from '../shared/local-date';

/**
 * LDSO-maintained network data, second slice (channel `REGS-LDSO`, ADR 0003: each input mirrors the
 * official outbound interface's blocks). Dates are UK settlement days.
 */

/**
 * B023 as a connection type change needs it: the connection type and the metered indicator from a
 * date. (`energyDirection` in B023 is carried but not read here; `[EnergyDirection]` changes it.)
 */
export interface ConnectionData {
  connectionType: ConnectionType;
  meteredIndicator: boolean;
  /** `connectionTypeEffectiveFromDate`. */
  effectiveFromDate: LocalDate;
}

/**
 * `[MarketSegmentChange]` (mirrors IF-044: B026 + B023): the market segment from a date, with the
 * connection data that goes with it. When the B023 connection type or metered indicator differs
 * from the one recorded on its date, the connection type changes too (a segment change to or from
 * `U` needs this: the two must stay consistent).
 */
export interface ChangeMarketSegment {
  type: 'ChangeMarketSegment';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    /** `marketSegmentIndicator` (S, A, U; any other value is REG1111 at the wire). */
    marketSegment: MarketSegment;
    /** `marketSegmentIndicatorEffectiveFromDate`. */
    effectiveFromDate: LocalDate;
    connection: ConnectionData;
  };
}

/** `[ConnectionTypeChange]` (mirrors IF-043: B023): the connection type (and metered indicator) from a date. */
export interface ChangeConnectionType {
  type: 'ChangeConnectionType';
  mpanCore: MpanCore;
  context: CommandContext;
  data: ConnectionData;
}

/** `[DomPremInd]` (mirrors IF-018-DomPremInd: B028): domestic premise indicator from a date. */
export interface ChangeDomesticPremiseIndicator {
  type: 'ChangeDomesticPremiseIndicator';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    domesticPremiseIndicator: boolean;
    /** `domesticPremiseIndicatorEffectiveFromDate`. */
    effectiveFromDate: LocalDate;
  };
}

/**
 * `[MPANDisconnection]` (mirrors IF-009: B041): the connection point is physically removed from the
 * date (`disconnectionEffectiveFromDate`); MP status `X` from then.
 */
export interface DisconnectMpan {
  type: 'DisconnectMpan';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    effectiveFromDate: LocalDate;
    /** `additionalInformation` (DI-120, ≤ 2000) or `null`. */
    additionalInformation: string | null;
  };
}

/** `[MPANReconnection]` (mirrors IF-009: B098): reconnected from `reconnectionEffectiveFromDate`. */
export interface ReconnectMpan {
  type: 'ReconnectMpan';
  mpanCore: MpanCore;
  context: CommandContext;
  data: { effectiveFromDate: LocalDate };
}

export type NetworkCommand =
  | ChangeMarketSegment
  | ChangeConnectionType
  | ChangeDomesticPremiseIndicator
  | DisconnectMpan
  | ReconnectMpan;
