import { CommandContext } from '../../registration/commands';
import { deciderSpecification } from '../../registration/testing/given-when-then';
import { d, DNO_MPAN, ldsoContext, ref } from '../../registration/testing/fixtures';
import { LocalDate, UtcInstant } from '../../shared/local-date';
import { ChangeConnectionType, ChangeDomesticPremiseIndicator, ChangeMarketSegment, DisconnectMpan, ReconnectMpan } from '../commands';
import { MarketSegmentChanged, MpanDisconnected, MpanReconnected } from '../events';

/** Fixtures for network specs: the Eastern LDSO sends about MPAN 1012345678903 (Smart, connection W). */

const ctx = (overrides: Partial<CommandContext> = {}) => ldsoContext(DNO_MPAN, overrides);

/** `[MarketSegmentChange]` to Advanced from 2025-05-01, B023 connection W (metered) from 2025-04-01 (unchanged). */
export function changeMarketSegment(data: Partial<ChangeMarketSegment['data']> = {}, context: Partial<CommandContext> = {}): ChangeMarketSegment {
  return {
    type: 'ChangeMarketSegment',
    mpanCore: DNO_MPAN,
    context: ctx(context),
    data: {
      marketSegment: 'A',
      effectiveFromDate: d('2025-05-01'),
      connection: { connectionType: 'W', meteredIndicator: true, effectiveFromDate: d('2025-04-01') },
      ...data,
    },
  };
}

/** `[ConnectionTypeChange]` to L (LV with CT, metered) from 2025-05-01. */
export function changeConnectionType(data: Partial<ChangeConnectionType['data']> = {}, context: Partial<CommandContext> = {}): ChangeConnectionType {
  return {
    type: 'ChangeConnectionType',
    mpanCore: DNO_MPAN,
    context: ctx(context),
    data: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: d('2025-05-01'), ...data },
  };
}

/** `[DomPremInd]` true from 2025-05-01. */
export function changeDomesticPremiseIndicator(
  data: Partial<ChangeDomesticPremiseIndicator['data']> = {},
  context: Partial<CommandContext> = {},
): ChangeDomesticPremiseIndicator {
  return { type: 'ChangeDomesticPremiseIndicator', mpanCore: DNO_MPAN, context: ctx(context), data: { domesticPremiseIndicator: true, effectiveFromDate: d('2025-05-01'), ...data } };
}

/** `[MPANDisconnection]` from 2025-04-08. */
export function disconnectMpan(data: Partial<DisconnectMpan['data']> = {}, context: Partial<CommandContext> = {}): DisconnectMpan {
  return {
    type: 'DisconnectMpan',
    mpanCore: DNO_MPAN,
    context: ctx(context),
    data: { effectiveFromDate: d('2025-04-08'), additionalInformation: 'Service cable cut back at the pole', ...data },
  };
}

/** `[MPANReconnection]` from 2025-04-20. */
export function reconnectMpan(data: Partial<ReconnectMpan['data']> = {}, context: Partial<CommandContext> = {}): ReconnectMpan {
  return { type: 'ReconnectMpan', mpanCore: DNO_MPAN, context: ctx(context), data: { effectiveFromDate: d('2025-04-20'), ...data } };
}

export const disconnected = (effectiveFromDate = '2025-04-08'): MpanDisconnected => ({
  type: 'MpanDisconnected',
  data: { mpanCore: DNO_MPAN, effectiveFromDate, additionalInformation: 'Service cable cut back at the pole', mpStatus: 'X' },
});

export const reconnected = (effectiveFromDate = '2025-04-20', disconnectedFromDate = '2025-04-08'): MpanReconnected => ({
  type: 'MpanReconnected',
  data: { mpanCore: DNO_MPAN, effectiveFromDate, disconnectedFromDate, mpStatus: 'R' },
});

/** `MarketSegmentChanged` S → A on `effectiveFromDate`, flagging `incompatible`. */
export const segmentChangedTo = (
  marketSegment: MarketSegmentChanged['data']['marketSegment'],
  effectiveFromDate: string,
  incompatibleAppointments: MarketSegmentChanged['data']['incompatibleAppointments'] = [],
): MarketSegmentChanged => ({
  type: 'MarketSegmentChanged',
  data: { mpanCore: DNO_MPAN, marketSegment, effectiveFromDate, previousMarketSegment: 'S', incompatibleAppointments },
});

/** given/when/then with the receipt day (`DecisionContext.today`) set to `today`. */
export function receivedOn(today: string) {
  return deciderSpecification(ref, { now: `${today}T09:00:00.000Z` as UtcInstant, today: today as LocalDate });
}
