import { endOutgoingProviders, evolveAppointment } from '../appointment/evolve-appointment';
import { initialAppointmentState } from '../appointment/state';
import { evolveMetering } from '../metering/evolve-metering';
import { setFrom } from '../shared/timeline';
import { evolveData } from './evolve-data';
import { MpanCreated } from './events';
import { MpanEvent } from './mpan-messages';
import { CreatedMpanState, MpanState } from './state';

/**
 * Folds one event into an MPAN's state. Total and pure: it never throws.
 *
 * - `MpanCreated` fills every timeline with one entry at the item's own effective-from date
 *   (address at the MPAN's date; energy direction and metered indicator at the connection type's
 *   date); suppliers start empty. A second `MpanCreated` (which `decide` never emits) is ignored.
 * - `SupplierRegistered` sets the supplier from the supply start date (`setFrom`, so a
 *   registration on the same date replaces the earlier one), and the domestic premise indicator
 *   from that date when the event carries one (B004; `null` or absent in older events: unchanged).
 *   Like every item, that is one entry at its date: a `[DomPremInd]` on a later date still holds
 *   from its own date whatever the order recorded, an earlier-dated one holds until the supply
 *   start, and on the same date the later-recorded of the two wins. A change of supplier also
 *   ends the outgoing supplier's metering and data services the day before (`endOutgoingProviders`).
 * - Each change event sets its item from its effective-from date.
 * - Appointment events are folded by `evolveAppointment` (appointment/evolve-appointment.ts),
 *   meter events by `evolveMetering` (metering/evolve-metering.ts), energisation, network and
 *   supplier data events by `evolveData` (registration/evolve-data.ts).
 * - Any event on an `Absent` state other than `MpanCreated` leaves the state unchanged, and so
 *   does an event type this code does not know (a newer writer), rather than failing a replay.
 */
export function evolve(state: MpanState, event: MpanEvent): MpanState {
  if (event.type === 'MpanCreated') return state.status === 'Absent' ? created(event.data) : state;
  if (state.status === 'Absent') return state;
  switch (event.type) {
    case 'SupplierRegistered': {
      const e = event.data;
      const domestic = e.domesticPremiseIndicator ?? null;
      const registered: CreatedMpanState = {
        ...state,
        suppliers: setFrom(state.suppliers, e.supplyStartDate, {
          supplierDipId: e.supplierDipId,
          supplierMpid: e.supplierMpid,
          cssRegistrationId: e.cssRegistrationId,
          registrationKind: e.registrationKind,
        }),
        domesticPremiseIndicator:
          domestic === null ? state.domesticPremiseIndicator : setFrom(state.domesticPremiseIndicator, e.supplyStartDate, domestic),
      };
      return endOutgoingProviders(registered, e);
    }
    case 'MpanAddressChanged':
      return { ...state, address: setFrom(state.address, event.data.effectiveFromDate, event.data.address) };
    case 'GspGroupChanged':
      return { ...state, gspGroup: setFrom(state.gspGroup, event.data.effectiveFromDate, event.data.gspGroupId) };
    case 'DuosTariffIdChanged':
      return { ...state, duosTariffId: setFrom(state.duosTariffId, event.data.effectiveFromDate, event.data.duosTariffId) };
    case 'EnergyDirectionChanged':
      return {
        ...state,
        energyDirection: setFrom(state.energyDirection, event.data.effectiveFromDate, event.data.energyDirection),
      };
    case 'ServiceAppointmentRequested':
    case 'ServiceAppointmentAccepted':
    case 'ServiceAppointmentRejected':
    case 'ServiceAppointmentLapsed':
    case 'ServiceAppointmentSuperseded':
    case 'ServiceAppointmentActivated':
    case 'ServiceProviderDeappointed':
      return evolveAppointment(state, event);
    case 'MeterInstalled':
    case 'MeterRemoved':
    case 'MeterExchanged':
    case 'MeterDetailsUpdated':
    case 'MeterHistoryUpdated':
      return evolveMetering(state, event);
    case 'EnergisationStatusChanged':
    case 'EnergisationFailureReported':
    case 'MarketSegmentChanged':
    case 'ConnectionTypeChanged':
    case 'DomesticPremiseIndicatorChanged':
    case 'MpanDisconnected':
    case 'MpanReconnected':
    case 'RegistrationReminderIssued':
    case 'SscAndProfileClassChanged':
    case 'ConsentGranularityChanged':
    case 'IhdInfoChanged':
    case 'SmsoChanged':
      return evolveData(state, event);
    default:
      return unknownEvent(event, state);
  }
}

/** Exhaustive at compile time (`never`); at run time an unknown event type leaves the state as it is. */
function unknownEvent(_event: never, state: MpanState): MpanState {
  return state;
}

function created(e: MpanCreated['data']): CreatedMpanState {
  return {
    status: 'Created',
    mpanCore: e.mpanCore,
    distributorId: e.distributorId,
    effectiveFromDate: e.effectiveFromDate,
    gspGroup: [{ effectiveFromDate: e.gspGroupEffectiveFromDate, value: e.gspGroupId }],
    address: [{ effectiveFromDate: e.effectiveFromDate, value: e.address }],
    connectionType: [{ effectiveFromDate: e.connectionTypeEffectiveFromDate, value: e.connectionType }],
    energyDirection: [{ effectiveFromDate: e.connectionTypeEffectiveFromDate, value: e.energyDirection }],
    meteredIndicator: [{ effectiveFromDate: e.connectionTypeEffectiveFromDate, value: e.meteredIndicator }],
    marketSegment: [{ effectiveFromDate: e.marketSegmentEffectiveFromDate, value: e.marketSegment }],
    duosTariffId: [{ effectiveFromDate: e.duosTariffIdEffectiveFromDate, value: e.duosTariffId }],
    energisationStatus: [{ effectiveFromDate: e.energisationStatusEffectiveFromDate, value: e.energisationStatus }],
    suppliers: [],
    meters: [],
    ihd: [],
    domesticPremiseIndicator: [],
    disconnectionStatus: [],
    profileClass: [],
    ssc: [],
    consentGranularity: [],
    smso: [],
    lastReminderDate: null,
    ...initialAppointmentState(),
  };
}
