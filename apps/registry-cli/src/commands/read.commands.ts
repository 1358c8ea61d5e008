import { MpanQueryService } from '@app/registration-app';
import { withRegistry } from '../cli-context';

/**
 * Prints the current state of an MPAN: as JSON (same answer as `GET /mpans/{mpanCore}`), or as a
 * table of the items effective today with their periods.
 */
export async function printState(mpanCore: string, sqlitePath?: string, format: 'json' | 'table' = 'json'): Promise<void> {
  await withRegistry(sqlitePath ? { sqlitePath } : {}, async (app) => {
    const view = await app.get(MpanQueryService).currentState(mpanCore);
    if (format === 'json') {
      console.log(JSON.stringify(view, null, 2));
      return;
    }
    console.log(`MPAN ${view.mpanCore} effective ${view.effectiveAt}, as known at ${view.asKnownAt} (revision ${view.streamRevision}, position ${view.position})`);
    const { mpanCore: _c, distributorId, effectiveFromDate, settlementDate: _d, ...items } = view.snapshot;
    console.log(`  ${'distributor'.padEnd(20)} ${distributorId} (MPAN effective from ${effectiveFromDate})`);
    const { pendingAppointments, meters, ...periods } = items as typeof items & {
      pendingAppointments?: Array<Record<string, unknown>>;
      meters?: Array<Record<string, unknown>>;
    };
    for (const m of meters ?? []) {
      console.log(`  ${'meter'.padEnd(20)} ${String(m.meterId)} ${String(m.meterType)}${m.esmeGuid ? ` ESME ${String(m.esmeGuid)}` : ''}, installed ${String(m.meterInstallationDate)}`);
    }
    for (const [item, period] of Object.entries(periods)) {
      const p = period as { value: unknown; effectiveFromDate: string; effectiveToDate: string | null } | null;
      if (p !== null && (typeof p !== 'object' || !('effectiveFromDate' in p))) continue; // not a dated item
      const value = p === null ? '—' : describeValue(p.value);
      const range = p === null ? '' : `  [${p.effectiveFromDate} → ${p.effectiveToDate ?? 'open'}]`;
      console.log(`  ${item.padEnd(20)} ${value}${range}`);
    }
    for (const r of pendingAppointments ?? []) {
      console.log(`  ${'pending'.padEnd(20)} ${String(r.serviceType)} ${String(r.providerMpid)} (${String(r.providerDipId)}) from ${String(r.effectiveFromDate)}, ${String(r.appointmentScenario)} by ${String(r.requestingSupplierMpid)}, ${String(r.status)}`);
    }
  }, { mustExist: true });
}

/**
 * A value of the snapshot or the temporal answers on one line, its key first: a supplier as
 * `1000000001 BRWE (InitialRegistration)`, a service or a pending request as
 * `MSS 2000000001 MSSA (appointment …, COS by BRWE)`, a meter by its id, an address by its lines;
 * a period (`{ value, effectiveFromDate, effectiveToDate }`) as its value and dates; other values as
 * themselves (objects as JSON).
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if ('value' in v && 'effectiveFromDate' in v && 'effectiveToDate' in v) {
    return `${describeValue(v.value)}  [${String(v.effectiveFromDate)} → ${v.effectiveToDate === null ? 'open' : String(v.effectiveToDate)}]`;
  }
  if ('postcode' in v && Array.isArray(v.lines)) return `${(v.lines as (string | null)[]).filter(Boolean).join(', ')}, ${String(v.postcode)}`;
  if ('supplierDipId' in v) return `${String(v.supplierDipId)} ${String(v.supplierMpid)} (${String(v.registrationKind)})`;
  if ('providerDipId' in v) {
    const pending = 'serviceType' in v ? `, from ${String(v.effectiveFromDate)}` : '';
    return `${String(v.providerRole)} ${String(v.providerDipId)} ${String(v.providerMpid)} (appointment ${String(v.appointmentId)}, ${String(v.appointmentScenario)} by ${String(v.requestingSupplierMpid)}${pending})`;
  }
  if ('meterId' in v) {
    const removed = v.meterRemovalDate ? `, removed ${String(v.meterRemovalDate)}` : '';
    return `meter ${String(v.meterId)} ${String(v.meterType)}${v.esmeGuid ? ` ESME ${String(v.esmeGuid)}` : ''}, installed ${String(v.meterInstallationDate)}${removed}`;
  }
  return JSON.stringify(v);
}

/** Prints an MPAN's history, one line per event (same data as `GET /mpans/{mpanCore}/events`). */
export async function printHistory(mpanCore: string, sqlitePath?: string, json = false): Promise<void> {
  await withRegistry(sqlitePath ? { sqlitePath } : {}, async (app) => {
    const queries = app.get(MpanQueryService);
    let from: bigint | null = 0n;
    while (from !== null) {
      const page = await queries.history(mpanCore, from, 1000);
      for (const e of page.events) {
        console.log(json ? JSON.stringify(e) : formatHistoryEvent(e));
      }
      from = page.nextFromRevision === null ? null : BigInt(page.nextFromRevision);
    }
  }, { mustExist: true });
}

/** One event of a history as a line: revision, position, recorded-at, type and the data (cut to 140 characters). */
export function formatHistoryEvent(e: { revision: string; position: string; recordedAt: string; type: string; data: Record<string, unknown> }): string {
  return `#${e.revision.padStart(3)}  pos ${e.position.padStart(7)}  ${e.recordedAt}  ${e.type.padEnd(24)} ${summarise(e.data)}`;
}

function summarise(data: Record<string, unknown>): string {
  const { mpanCore: _core, ...rest } = data;
  return JSON.stringify(rest).slice(0, 140);
}
