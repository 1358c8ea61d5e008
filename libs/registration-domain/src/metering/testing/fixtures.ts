import { METERWISE, Party } from '../../appointment/testing/fixtures';
import { CommandContext } from '../../registration/commands';
import { d, DNO_MPAN, EASTERN_LDSO } from '../../registration/testing/fixtures';
import { MeterBlock, MeterTechnicalDetails, MeterTechnicalDetailsData, RecordMeterTechnicalDetails } from '../commands';
import { MeterDetails, MeterInstalled } from '../events';

/**
 * Fixtures for meter specs, on the appointment fixtures' story (appointment/testing/fixtures.ts
 * `HISTORY`: MPAN 1012345678903 created 2025-04-01, Smart, connection W; Brightwater supplies with
 * Meterwise (MSS) and Halfhour (SDS) from 2025-04-01). Meterwise sends; messages are received on
 * 2025-04-10 unless said otherwise.
 */

/** The smart meter of the story: SMETS2 `S2ADE`, installed 2025-04-05, MAP `MAPA` from then. */
export const SMART_METER: MeterTechnicalDetails = {
  meterId: 'S95A01234',
  modifiedMeterId: null,
  meterType: 'S2ADE',
  manufacturersMakeAndType: 'Acme SMETS2 E470',
  esmeGuid: '00-11-22-33-44-55-66-77',
  meterLocation: 'K',
  numberOfDisplayedRegisterDigits: 5,
  meterInstallationDate: d('2025-04-05'),
};

/** A B906 block for `details` (defaults: {@link SMART_METER}) with one MAP from its installation date. */
export function meterBlock(details: Partial<MeterTechnicalDetails> = {}, mapHistory?: MeterBlock['mapHistory']): MeterBlock {
  const m = { ...SMART_METER, ...details };
  return { details: m, mapHistory: mapHistory ?? [{ meterAssetProviderId: 'MAPA', effectiveFromDate: m.meterInstallationDate }] };
}

/** The message context of a metering service (default Meterwise as MSS). */
export function msContext(sender: Party = METERWISE, overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    senderDipId: sender.dipId,
    senderRoleId: 'MSS',
    senderUniqueReference: 'S-IF-005-0001',
    messageKey: `${sender.dipId}:S-IF-005-0001`,
    distributorDipId: EASTERN_LDSO,
    ...overrides,
  };
}

/** An IF-005 command with `data` (received 2025-04-10 unless `data` says otherwise). */
export function recordMeter(
  data: MeterTechnicalDetailsData,
  opts: { sender?: Party; context?: Partial<CommandContext> } = {},
): RecordMeterTechnicalDetails {
  return { type: 'RecordMeterTechnicalDetails', mpanCore: DNO_MPAN, context: msContext(opts.sender, opts.context), data };
}

const RECEIVED = d('2025-04-10');

/** `[MeterInstall]` of {@link SMART_METER} (overrides on B033). */
export const installMeter = (details: Partial<MeterTechnicalDetails> = {}, extra: Partial<Extract<MeterTechnicalDetailsData, { kind: 'MeterInstall' }>> = {}) =>
  recordMeter({ kind: 'MeterInstall', meter: meterBlock(details), ihd: null, receivedOn: RECEIVED, ...extra });

/** `[MeterRemoval]` of `meterId` on `removal`. */
export const removeMeter = (meterId = SMART_METER.meterId, removal: string | null = '2025-04-08', receivedOn = RECEIVED) =>
  recordMeter({ kind: 'MeterRemoval', removedMeter: { meterId, meterRemovalDate: removal === null ? null : d(removal) }, receivedOn });

/** The details as recorded of {@link SMART_METER} (or a B906 block). */
export function details(block: MeterBlock = meterBlock()): MeterDetails {
  const m = block.details;
  return {
    meterId: m.meterId,
    meterType: m.meterType,
    manufacturersMakeAndType: m.manufacturersMakeAndType,
    esmeGuid: m.esmeGuid,
    meterLocation: m.meterLocation,
    numberOfDisplayedRegisterDigits: m.numberOfDisplayedRegisterDigits,
    meterInstallationDate: m.meterInstallationDate,
    mapHistory: block.mapHistory.map((p) => ({ meterAssetProviderId: p.meterAssetProviderId, effectiveFromDate: p.effectiveFromDate })),
  };
}

/** `MeterInstalled` of {@link SMART_METER} by Meterwise, received 2025-04-10 (or of `block`). */
export function meterInstalled(block: MeterBlock = meterBlock(), receivedOn = '2025-04-10'): MeterInstalled {
  return {
    type: 'MeterInstalled',
    data: { mpanCore: DNO_MPAN, meter: details(block), ihd: null, meteringServiceDipId: METERWISE.dipId, receivedOn },
  };
}
