import { SERVICE_TYPES, serviceRoleFor } from '../appointment/state';
import { DecisionContext, MarketSegment } from '../registration/commands';
import { meteringConsistencyReasons } from '../registration/decide-create-mpan';
import { mpanUnknown, notBeforeMpan, senderReasons } from '../registration/decide-common';
import { broken } from '../registration/rules';
import { CreatedMpanState, MpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { addDays } from '../shared/local-date';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { periodOn, valueOn } from '../shared/timeline';
import {
  ChangeConnectionType,
  ChangeDomesticPremiseIndicator,
  ChangeMarketSegment,
  DisconnectMpan,
  NetworkCommand,
  ReconnectMpan,
} from './commands';
import { disconnectedReasons } from './disconnection';
import { ConnectionTypeChanged, IncompatibleAppointment, NetworkEvent } from './events';

/**
 * The shape every network change shares: sender rules (LOC001–LOC004), MPAN unknown (REG0000), the
 * MPAN disconnected on the receipt day (REG1001; not for a reconnection), not before the MPAN's
 * effective-from date (LOC012); `rules` adds the change's own, given the created state.
 */
function decideNetworkChange(
  command: NetworkCommand,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
  what: string,
  rules: (s: CreatedMpanState) => RejectionReason[],
  stateless: RejectionReason[],
  events: (s: CreatedMpanState) => NetworkEvent[],
): Decision<NetworkEvent> {
  const reasons: RejectionReason[] = [...senderReasons(command, ref)];
  if (state.status === 'Absent') reasons.push(mpanUnknown(command.mpanCore));
  else {
    if (command.type !== 'ReconnectMpan') reasons.push(...disconnectedReasons(state, ctx.today, what));
    reasons.push(...notBeforeMpan(`${what} effective-from date`, command.data.effectiveFromDate, state.effectiveFromDate));
    reasons.push(...rules(state));
  }
  reasons.push(...stateless);
  return reasons.length > 0 || state.status === 'Absent' ? reject(reasons) : accept(events(state));
}

/**
 * `[MarketSegmentChange]` (IF-044 shape): the market segment from a date, with B023.
 * Accepted: `MarketSegmentChanged` naming the appointed providers whose role does not fit the new
 * segment (day-start then sends IF-045 reminders until the supplier re-appoints with SEG), then
 * `ConnectionTypeChanged` when B023 changes the connection type or metered indicator.
 * Rejected (besides the shared rules): the segment already effective on the date (LOC022), a B023
 * connection change dated other than the segment change (LOC033), B023 inconsistent with the new
 * segment (LOC009–LOC011, as at creation). An invalid segment value is REG1111 at the wire.
 */
export function decideChangeMarketSegment(
  command: ChangeMarketSegment,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<NetworkEvent> {
  const d = command.data;
  const c = d.connection;
  const connectionChange = (s: CreatedMpanState) => connectionChanged(s, command.mpanCore, c);
  return decideNetworkChange(
    command,
    state,
    ctx,
    ref,
    '[MarketSegmentChange]',
    (s) => {
      const reasons: RejectionReason[] = [...notBeforeMpan('connection type effective-from date', c.effectiveFromDate, s.effectiveFromDate)];
      if (valueOn(s.marketSegment, d.effectiveFromDate) === d.marketSegment) {
        reasons.push(broken('NoChange', `market segment is already ${d.marketSegment} on ${d.effectiveFromDate}`));
      }
      if (connectionChange(s) && c.effectiveFromDate !== d.effectiveFromDate) {
        reasons.push(
          broken(
            'ConnectionChangeDateVsSegmentDate',
            `the connection type change to ${c.connectionType} (metered ${c.meteredIndicator}) is effective from ${c.effectiveFromDate}, not ${d.effectiveFromDate}, the date of the market segment change it is sent with`,
          ),
        );
      }
      return reasons;
    },
    meteringConsistencyReasons(c.connectionType, c.meteredIndicator, d.marketSegment),
    (s) => {
      const change = connectionChange(s);
      return [
        {
          type: 'MarketSegmentChanged',
          data: {
            mpanCore: command.mpanCore,
            marketSegment: d.marketSegment,
            effectiveFromDate: d.effectiveFromDate,
            previousMarketSegment: valueOn(s.marketSegment, addDays(d.effectiveFromDate, -1)) ?? null,
            incompatibleAppointments: incompatibleAppointments(s, d.effectiveFromDate, d.marketSegment),
          },
        },
        ...(change ? [change] : []),
      ];
    },
  );
}

/**
 * `[ConnectionTypeChange]` (IF-043 shape): connection type and metered indicator from a date.
 * Rejected (besides the shared rules): both already effective on the date (LOC022), inconsistent
 * with each other or with the market segment on the date (LOC009–LOC011: to or from `U`, send a
 * `[MarketSegmentChange]` with B023 instead).
 */
export function decideChangeConnectionType(
  command: ChangeConnectionType,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<NetworkEvent> {
  const d = command.data;
  return decideNetworkChange(
    command,
    state,
    ctx,
    ref,
    '[ConnectionTypeChange]',
    (s) => {
      const reasons: RejectionReason[] = [];
      if (!connectionChanged(s, command.mpanCore, d)) {
        reasons.push(broken('NoChange', `connection type is already ${d.connectionType} (metered ${d.meteredIndicator}) on ${d.effectiveFromDate}`));
      }
      const segment = valueOn(s.marketSegment, d.effectiveFromDate);
      if (segment) reasons.push(...meteringConsistencyReasons(d.connectionType, d.meteredIndicator, segment));
      return reasons;
    },
    [],
    (s) => [connectionChanged(s, command.mpanCore, d) as ConnectionTypeChanged],
  );
}

/** `[DomPremInd]` (IF-018 shape): the domestic premise indicator from a date; LOC022 when unchanged. */
export function decideChangeDomesticPremiseIndicator(
  command: ChangeDomesticPremiseIndicator,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<NetworkEvent> {
  const d = command.data;
  return decideNetworkChange(
    command,
    state,
    ctx,
    ref,
    '[DomPremInd]',
    (s) =>
      valueOn(s.domesticPremiseIndicator, d.effectiveFromDate) === d.domesticPremiseIndicator
        ? [broken('NoChange', `domestic premise indicator is already ${d.domesticPremiseIndicator} on ${d.effectiveFromDate}`)]
        : [],
    [],
    () => [{ type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: command.mpanCore, ...d } }],
  );
}

/**
 * `[MPANDisconnection]` (IF-009 shape): MP status `X` from the date. Rejected (besides the shared
 * rules, REG1001 when already disconnected on the receipt day): already disconnected on the date
 * (LOC022).
 */
export function decideDisconnectMpan(
  command: DisconnectMpan,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<NetworkEvent> {
  const d = command.data;
  return decideNetworkChange(
    command,
    state,
    ctx,
    ref,
    '[MPANDisconnection]',
    (s) => {
      const period = periodOn(s.disconnectionStatus, d.effectiveFromDate);
      return period?.value === 'Disconnected'
        ? [broken('NoChange', `MPAN ${s.mpanCore} is already disconnected on ${d.effectiveFromDate} (from ${period.effectiveFromDate})`)]
        : [];
    },
    [],
    () => [{ type: 'MpanDisconnected', data: { mpanCore: command.mpanCore, ...d, mpStatus: 'X' } }],
  );
}

/**
 * `[MPANReconnection]` (IF-009 shape): reconnected from the date. Rejected (besides the shared
 * rules; REG1001 does not apply): the MPAN is not disconnected on the date, or its disconnection
 * starts on that same date, or that disconnection already ends (it was reconnected) (LOC034).
 */
export function decideReconnectMpan(
  command: ReconnectMpan,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<NetworkEvent> {
  const date = command.data.effectiveFromDate;
  const disconnection = (s: CreatedMpanState) => periodOn(s.disconnectionStatus, date);
  return decideNetworkChange(
    command,
    state,
    ctx,
    ref,
    '[MPANReconnection]',
    (s) => {
      const p = disconnection(s);
      if (p?.value !== 'Disconnected') {
        return [broken('ReconnectionWithoutDisconnection', `MPAN ${s.mpanCore} is not disconnected on ${date}, so it cannot be reconnected from then`)];
      }
      if (p.effectiveFromDate === date) {
        return [broken('ReconnectionWithoutDisconnection', `reconnection date ${date} is the disconnection date of MPAN ${s.mpanCore}: a reconnection follows a disconnection`)];
      }
      if (p.effectiveToDate !== null) {
        // One disconnection ends once: a second reconnection would publish IF-009 twice.
        return [
          broken(
            'ReconnectionWithoutDisconnection',
            `the disconnection of MPAN ${s.mpanCore} from ${p.effectiveFromDate} already ends on ${p.effectiveToDate}: it cannot be reconnected again from ${date}`,
          ),
        ];
      }
      return [];
    },
    [],
    (s) => [
      {
        type: 'MpanReconnected',
        data: {
          mpanCore: command.mpanCore,
          effectiveFromDate: date,
          disconnectedFromDate: disconnection(s)?.effectiveFromDate ?? date,
          mpStatus: valueOn(s.suppliers, date) ? 'R' : 'N',
        },
      },
    ],
  );
}

/**
 * The providers appointed on `date` whose role is not the one `segment` needs (MS then DS): what a
 * segment change makes incompatible (mhhs-domain.md §2.2), and what IF-045 reminds about.
 */
export function incompatibleAppointments(state: CreatedMpanState, date: string, segment: MarketSegment): IncompatibleAppointment[] {
  return SERVICE_TYPES.flatMap((t) => {
    const appointed = valueOn(state.appointments[t], date);
    const required = serviceRoleFor(t, segment);
    if (!appointed || appointed.providerRole === required) return [];
    return [
      {
        serviceType: t,
        appointmentId: appointed.appointmentId,
        providerDipId: appointed.providerDipId,
        providerMpid: appointed.providerMpid,
        providerRole: appointed.providerRole,
        requiredRole: required,
      },
    ];
  });
}

/** The `ConnectionTypeChanged` B023 amounts to, or `null` when type and metered indicator are as recorded on its date. */
function connectionChanged(
  state: CreatedMpanState,
  mpanCore: string,
  c: ChangeConnectionType['data'],
): ConnectionTypeChanged | null {
  const type = valueOn(state.connectionType, c.effectiveFromDate);
  if (type === c.connectionType && valueOn(state.meteredIndicator, c.effectiveFromDate) === c.meteredIndicator) return null;
  return {
    type: 'ConnectionTypeChanged',
    data: {
      mpanCore,
      connectionType: c.connectionType,
      meteredIndicator: c.meteredIndicator,
      effectiveFromDate: c.effectiveFromDate,
      previousConnectionType: valueOn(state.connectionType, addDays(c.effectiveFromDate, -1)) ?? null,
    },
  };
}
