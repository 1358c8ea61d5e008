import type { RecordedEvent } from '@app/event-store';
import { initialState, MpanState, Period, periodsOf, SupplyRegistration } from '@app/registration-domain';
import { evolveMpanStream, MpanStreamEvent } from '../registration/mpan-stream';

/**
 * Who may replay which part of an MPAN's history (issue #6 item 5; docs/audit.md "History replay").
 *
 * The rule, for participant P (a DIP id) and MPAN M, over M's stream as recorded when the replay
 * starts (revisions 0 … H):
 *
 * 1. **Roles.** P is entitled as
 *    - `LDSO` when the reference data names P as the LDSO of M's distributor id (`ldsoDipId`): its
 *      window opens at revision 0 (it maintains the MPAN and sees all of it);
 *    - `SUP` from the first `SupplierRegistered` naming P as the incoming supplier (`supplierDipId`);
 *    - `MS` / `DS` from the first `ServiceAppointmentRequested` naming P as the proposed provider
 *      (`providerDipId`) of that service — the registry's IF-033 makes it party to the MPAN, whether
 *      it then accepts or not.
 *    The window opens at the earliest of P's roles and never closes: a supplier or provider keeps
 *    its view of the MPAN's history after it leaves (the record of what happened while and after
 *    it was responsible; issue #8 may narrow this). A participant with none of these roles on M is
 *    refused (403), whatever other roles it holds in the market (EES, MDS, DCC … get their
 *    publications from the feed).
 * 2. **Events in the window** (revision ≥ the window's start): every MPAN event.
 * 3. **Events before the window**, for a supplier only: those whose own effective date (the day the
 *    fact takes effect, {@link eventEffectiveDate}) falls within one of P's supply periods as the
 *    stream stands at H — a change recorded before P registered but taking effect while P supplies
 *    the MPAN (an address change dated after the supply start, an in-advance segment change …).
 *    The state in force when P's window opens is what `GET /mpans/{core}` and IF-002 give it.
 * 4. **`PublicationIssued` records** are replayed exactly when they name P as a recipient
 *    (`recipients[].dipId`), inside or outside the window — P was sent them anyway — and never
 *    otherwise, not even to the LDSO.
 */

/** A role that entitles a participant to an MPAN's history. */
export type HistoryRole = 'LDSO' | 'SUP' | 'MS' | 'DS';

/** What participant P may replay of one MPAN's stream (see the rule above). Revisions are bigint. */
export interface HistoryEntitlement {
  participant: string;
  /** The roles found, in the order LDSO, SUP, MS, DS, each with the revision its window opens at. */
  roles: Array<{ role: HistoryRole; fromRevision: bigint }>;
  /** The window's first revision: the earliest of {@link roles}. */
  fromRevision: bigint;
  /** P's supply periods on the MPAN (dates `YYYY-MM-DD`, to-date inclusive, `null` open), as the stream stands. */
  supplyPeriods: Array<{ effectiveFromDate: string; effectiveToDate: string | null }>;
}

/**
 * Scans an MPAN stream once, in revision order, for what {@link HistoryEntitlement} needs: the first
 * event naming the participant as incoming supplier or proposed provider, and the MPAN's fold (for
 * the supply periods). Holds the fold only, never the events: memory does not grow with the history.
 */
export class EntitlementScanner {
  private state: MpanState = initialState();
  private firstSupplier: bigint | null = null;
  private readonly firstProvider: { MS: bigint | null; DS: bigint | null } = { MS: null, DS: null };

  constructor(
    private readonly participant: string,
    private readonly isLdso: boolean,
  ) {}

  /** Takes the next event of the stream (revision order, no gaps). */
  add(event: RecordedEvent): void {
    this.state = evolveMpanStream(this.state, { type: event.type, data: event.data } as unknown as MpanStreamEvent);
    const data = event.data;
    if (this.firstSupplier === null && event.type === 'SupplierRegistered' && data.supplierDipId === this.participant) {
      this.firstSupplier = event.revision;
    }
    if (event.type === 'ServiceAppointmentRequested' && data.providerDipId === this.participant) {
      const service = data.serviceType === 'DS' ? 'DS' : 'MS';
      this.firstProvider[service] ??= event.revision;
    }
  }

  /** The entitlement after the last event added, or `null` when the participant has none. */
  result(): HistoryEntitlement | null {
    const roles: HistoryEntitlement['roles'] = [];
    if (this.isLdso) roles.push({ role: 'LDSO', fromRevision: 0n });
    if (this.firstSupplier !== null) roles.push({ role: 'SUP', fromRevision: this.firstSupplier });
    for (const service of ['MS', 'DS'] as const) {
      const from = this.firstProvider[service];
      if (from !== null) roles.push({ role: service, fromRevision: from });
    }
    if (roles.length === 0) return null;
    const fromRevision = roles.reduce((min, r) => (r.fromRevision < min ? r.fromRevision : min), roles[0]!.fromRevision);
    const supplyPeriods =
      this.state.status === 'Created' && this.firstSupplier !== null
        ? periodsOf(this.state.suppliers)
            .filter((p: Period<SupplyRegistration>) => p.value.supplierDipId === this.participant)
            .map((p) => ({ effectiveFromDate: p.effectiveFromDate, effectiveToDate: p.effectiveToDate }))
        : [];
    return { participant: this.participant, roles, fromRevision, supplyPeriods };
  }
}

/**
 * Whether participant P may see `event` (rules 2–4 above), given its entitlement.
 */
export function isVisible(event: RecordedEvent, entitlement: HistoryEntitlement): boolean {
  if (event.type === 'PublicationIssued') {
    const recipients = event.data.recipients;
    return Array.isArray(recipients) && recipients.some((r) => (r as { dipId?: unknown }).dipId === entitlement.participant);
  }
  if (event.revision >= entitlement.fromRevision) return true;
  if (entitlement.supplyPeriods.length === 0) return false;
  const date = eventEffectiveDate(event.type, event.data);
  return date !== null && entitlement.supplyPeriods.some((p) => p.effectiveFromDate <= date && (p.effectiveToDate === null || date <= p.effectiveToDate));
}

/**
 * The settlement day (`YYYY-MM-DD`) an MPAN event's fact takes effect, or `null` for an event that
 * has none of its own (a provider's answer, a lapse, a supersession, a de-appointment, an
 * energisation failure, a reminder, a correction of meter details or history, and
 * `PublicationIssued`):
 * - `MpanCreated`: `effectiveFromDate`; `SupplierRegistered`: `supplyStartDate`;
 * - LDSO, energisation, supplier-maintained data changes and `ServiceAppointmentRequested` /
 *   `…Activated`: `effectiveFromDate`; `SscAndProfileClassChanged`: the earlier of its two dates;
 * - `MeterInstalled`: the installation date; `MeterRemoved`: the removal date; `MeterExchanged`:
 *   the exchange date.
 * Source: the date fields of docs/events.md.
 */
export function eventEffectiveDate(type: string, data: Record<string, unknown>): string | null {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (type) {
    case 'MpanCreated':
    case 'MpanAddressChanged':
    case 'GspGroupChanged':
    case 'DuosTariffIdChanged':
    case 'EnergyDirectionChanged':
    case 'MarketSegmentChanged':
    case 'ConnectionTypeChanged':
    case 'DomesticPremiseIndicatorChanged':
    case 'MpanDisconnected':
    case 'MpanReconnected':
    case 'EnergisationStatusChanged':
    case 'ConsentGranularityChanged':
    case 'IhdInfoChanged':
    case 'SmsoChanged':
    case 'ServiceAppointmentRequested':
    case 'ServiceAppointmentActivated':
      return str(data.effectiveFromDate);
    case 'SupplierRegistered':
      return str(data.supplyStartDate);
    case 'SscAndProfileClassChanged': {
      const dates = [str(data.profileClassEffectiveFromDate), str(data.sscEffectiveFromDate)].filter((d): d is string => d !== null).sort();
      return dates[0] ?? null;
    }
    case 'MeterInstalled':
      return str((data.meter as { meterInstallationDate?: unknown } | undefined)?.meterInstallationDate);
    case 'MeterRemoved':
      return str(data.meterRemovalDate);
    case 'MeterExchanged':
      return str(data.exchangeDate);
    default:
      return null;
  }
}
