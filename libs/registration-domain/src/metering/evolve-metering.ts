import { CreatedMpanState } from '../registration/state';
import { setFrom } from '../shared/timeline';
import { IhdStatus, MeterDetails, MeteringEvent } from './events';
import { MeterRecord, meterVersion } from './meters';

/**
 * Folds one metering event into a created MPAN's state. Total and pure; an event naming a meter the
 * state does not hold (which `decide` never emits) leaves the meters as they are.
 *
 * - `MeterInstalled` adds the meter (not removed); `MeterRemoved` sets the installed meter's removal
 *   date; `MeterExchanged` does both on the exchange date.
 * - `MeterDetailsUpdated` replaces the installed meter's details (a rename changes its id);
 *   `MeterHistoryUpdated` replaces a removed meter's details and removal date.
 * - Each change is appended to the meter's `history` with the version it replaced.
 * - A B030 IHD status on an install, exchange or update sets the IHD timeline from its date.
 */
export function evolveMetering(state: CreatedMpanState, event: MeteringEvent): CreatedMpanState {
  switch (event.type) {
    case 'MeterInstalled':
      return withIhd({ ...state, meters: [...state.meters, installed(event.data.meter, 'MeterInstall', event.data.receivedOn)] }, event.data.ihd);
    case 'MeterRemoved': {
      const e = event.data;
      return { ...state, meters: change(state.meters, e.meterId, null, 'MeterRemoval', e.receivedOn, (m) => ({ ...m, meterRemovalDate: e.meterRemovalDate })) };
    }
    case 'MeterExchanged': {
      const e = event.data;
      const removed = change(state.meters, e.removedMeterId, null, 'MeterExchange', e.receivedOn, (m) => ({ ...m, meterRemovalDate: e.exchangeDate }));
      return withIhd({ ...state, meters: [...removed, installed(e.meter, 'MeterExchange', e.receivedOn)] }, e.ihd);
    }
    case 'MeterDetailsUpdated': {
      const e = event.data;
      const meters = change(state.meters, e.meterId, null, 'MeterUpdate', e.receivedOn, (m) => ({ ...m, ...clone(e.meter) }));
      return withIhd({ ...state, meters }, e.ihd);
    }
    case 'MeterHistoryUpdated': {
      const e = event.data;
      const meters = change(state.meters, e.meterId, 'removed', 'MeterHistoryUpdate', e.receivedOn, (m) => ({
        ...m,
        ...clone(e.meter),
        meterRemovalDate: e.meterRemovalDate,
      }));
      return { ...state, meters };
    }
    default:
      return unknownEvent(event, state);
  }
}

function installed(meter: MeterDetails, change: MeterRecord['history'][number]['change'], receivedOn: string): MeterRecord {
  return { ...clone(meter), meterRemovalDate: null, history: [{ change, receivedOn, before: null }] };
}

/**
 * `meters` with the meter `meterId` changed by `apply` and the change appended to its history: the
 * installed one (`which` null) or the latest removed one (`'removed'`).
 */
function change(
  meters: ReadonlyArray<MeterRecord>,
  meterId: string,
  which: 'removed' | null,
  kind: MeterRecord['history'][number]['change'],
  receivedOn: string,
  apply: (m: MeterRecord) => MeterRecord,
): ReadonlyArray<MeterRecord> {
  let index = -1;
  meters.forEach((m, i) => {
    if (m.meterId === meterId && (which === 'removed' ? m.meterRemovalDate !== null : m.meterRemovalDate === null)) index = i;
  });
  if (index < 0) return meters;
  return meters.map((m, i) =>
    i === index ? { ...apply(m), history: [...m.history, { change: kind, receivedOn, before: meterVersion(m) }] } : m,
  );
}

function withIhd(state: CreatedMpanState, ihd: IhdStatus | null): CreatedMpanState {
  return ihd ? { ...state, ihd: setFrom(state.ihd, ihd.effectiveFromDate, ihd.ihdInstallStatus) } : state;
}

const clone = (m: MeterDetails): MeterDetails => structuredClone(m);

function unknownEvent(_event: never, state: CreatedMpanState): CreatedMpanState {
  return state;
}
