import { EnergisationEvent } from '../energisation/events';
import { NetworkEvent } from '../network/events';
import { setFrom } from '../shared/timeline';
import { SupplierDataEvent } from '../supplier-data/events';
import { CreatedMpanState } from './state';

/**
 * Folds an energisation, network or supplier data event into a created MPAN's state: each sets its
 * timeline(s) from its effective-from date (`setFrom`: a same-date entry is replaced). Total, pure.
 *
 * - `EnergisationStatusChanged` → energisation status; `EnergisationFailureReported` changes nothing
 *   (the failure is recorded in the log and passed on to the supplier).
 * - `MarketSegmentChanged` → market segment (the appointments it made incompatible are derived from
 *   the timelines, so nothing else changes); `ConnectionTypeChanged` → connection type and metered
 *   indicator; `DomesticPremiseIndicatorChanged` → domestic premise indicator.
 * - `MpanDisconnected` / `MpanReconnected` → disconnection status `Disconnected` / `Reconnected`.
 * - `RegistrationReminderIssued` → `lastReminderDate` (day-start's idempotence).
 * - `SscAndProfileClassChanged` sets each item whose date is given; the others set their item.
 */
export function evolveData(state: CreatedMpanState, event: EnergisationEvent | NetworkEvent | SupplierDataEvent): CreatedMpanState {
  switch (event.type) {
    case 'EnergisationStatusChanged': {
      const e = event.data;
      return { ...state, energisationStatus: setFrom(state.energisationStatus, e.effectiveFromDate, e.energisationStatus) };
    }
    case 'EnergisationFailureReported':
      return state;
    case 'MarketSegmentChanged':
      return { ...state, marketSegment: setFrom(state.marketSegment, event.data.effectiveFromDate, event.data.marketSegment) };
    case 'ConnectionTypeChanged': {
      const e = event.data;
      return {
        ...state,
        connectionType: setFrom(state.connectionType, e.effectiveFromDate, e.connectionType),
        meteredIndicator: setFrom(state.meteredIndicator, e.effectiveFromDate, e.meteredIndicator),
      };
    }
    case 'DomesticPremiseIndicatorChanged': {
      const e = event.data;
      return { ...state, domesticPremiseIndicator: setFrom(state.domesticPremiseIndicator, e.effectiveFromDate, e.domesticPremiseIndicator) };
    }
    case 'MpanDisconnected':
      return { ...state, disconnectionStatus: setFrom(state.disconnectionStatus, event.data.effectiveFromDate, 'Disconnected' as const) };
    case 'MpanReconnected':
      return { ...state, disconnectionStatus: setFrom(state.disconnectionStatus, event.data.effectiveFromDate, 'Reconnected' as const) };
    case 'RegistrationReminderIssued': {
      const date = event.data.settlementDate;
      return state.lastReminderDate !== null && state.lastReminderDate >= date ? state : { ...state, lastReminderDate: date };
    }
    case 'SscAndProfileClassChanged': {
      const e = event.data;
      return {
        ...state,
        profileClass: e.profileClassEffectiveFromDate ? setFrom(state.profileClass, e.profileClassEffectiveFromDate, e.profileClass) : state.profileClass,
        ssc: e.sscEffectiveFromDate ? setFrom(state.ssc, e.sscEffectiveFromDate, e.ssc) : state.ssc,
      };
    }
    case 'ConsentGranularityChanged': {
      const e = event.data;
      return { ...state, consentGranularity: setFrom(state.consentGranularity, e.effectiveFromDate, e.consentGranularity) };
    }
    case 'IhdInfoChanged':
      return { ...state, ihd: setFrom(state.ihd, event.data.effectiveFromDate, event.data.ihdInstallStatus) };
    case 'SmsoChanged':
      return { ...state, smso: setFrom(state.smso, event.data.effectiveFromDate, event.data.smsoId) };
    default:
      return unknownEvent(event, state);
  }
}

function unknownEvent(_event: never, state: CreatedMpanState): CreatedMpanState {
  return state;
}
