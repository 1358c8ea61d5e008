import { holders, ldsoOf, providerOf, providersOn, publication, supplierOn } from '../appointment/publication-recipients';
import { PublicationIssued, PublicationRecipient } from '../appointment/publications';
import { EnergisationEvent } from '../energisation/events';
import { METER_EVENT_CODES, MeteringEvent } from '../metering/events';
import { NetworkEvent } from '../network/events';
import { ReferenceData } from '../reference-data/reference-data';
import { LocalDate } from '../shared/local-date';
import { SUPPLIER_DATA_EVENT_CODES, SupplierDataEvent } from '../supplier-data/events';
import { assertNever } from './decide-common';
import { RegistrationEvent } from './events';
import { CreatedMpanState } from './state';

type DataEvent = RegistrationEvent | MeteringEvent | EnergisationEvent | NetworkEvent | SupplierDataEvent;

/**
 * The outbound publications of the registration, meter, energisation, network and supplier data
 * events (mhhs-domain.md §3.1). Recipients are taken on the event's date ("on D" below) from
 * `stateAfter` (supplier registered, MS/DS appointed, in the role appointed) and from reference
 * data (LDSO of the distributor; MDS, EES, LSS, DCC = every holder of the role on D). A publication
 * with no recipient is omitted; the MDR is omitted everywhere (no MDR is recorded yet).
 *
 * - `MpanCreated` → IF-050 `[MPANCreation]` to EES;
 * - `SupplierRegistered` (mhhs-domain.md §3.1, §3.2 steps 1 and 8) → for a change of supplier,
 *   IF-002 `[GainMPANInfo]` to the incoming supplier, then IF-001 `[ChangeOfSupplier]`; for an
 *   initial registration, IF-001 `[InitialRegistration]`; IF-001 goes to the incoming supplier, MDS
 *   and LDSO on the supply start date;
 * - `MpanAddressChanged`, `GspGroupChanged`, `DuosTariffIdChanged`, `EnergyDirectionChanged`,
 *   `DomesticPremiseIndicatorChanged` → IF-018 `[AddressChg]`, `[GSPChg]`, `[DUOSTariffIDChg]`,
 *   `[EnergyDirection]`, `[DomPremInd]` to SUP, DS, MS, MDS, EES, LDSO;
 * - meter events → IF-006 `[MeterInstall]` … `[MeterHistoryUpdate]` to MS, DS, SUP, LDSO, EES on
 *   the event date (install/removal/exchange date; the receipt day for corrections);
 * - `EnergisationStatusChanged` → IF-008 `[EnergisationStatusChange]` to MS, DS, SUP, LDSO, MDS, EES;
 * - `EnergisationFailureReported` → IF-007 `[EnergisationStatusFailure]` to the supplier only;
 * - `MarketSegmentChanged` → IF-044 `[MarketSegmentChange]` to SUP, MDS, LDSO, EES;
 * - `ConnectionTypeChanged` → IF-043 `[ConnectionTypeChange]` to DCC;
 * - `MpanDisconnected` / `MpanReconnected` → IF-009 `[MPANDisconnection]` / `[MPANReconnection]` to
 *   SUP, LDSO, MDS, EES, and IF-050 `[MPStatusChange]` to EES;
 * - `RegistrationReminderIssued` → IF-045 `[InvalidMarketSegment]` / `[NoMSAppointed]` /
 *   `[NoDSAppointed]` to the supplier and the incompatible provider(s) it names;
 * - supplier data events → IF-026 `[SSCandProfileClass]`, `[ConsentGranularity]`, `[IHDInfo]`,
 *   `[SMSO]` to SUP, DS, LSS, LDSO, MS, EES.
 * @throws Error when `ref` cannot list participants (the market-wide roles would be unknown).
 */
export function dataPublicationsFor(event: DataEvent, state: CreatedMpanState, ref: ReferenceData): PublicationIssued[] {
  const issue = (interfaceId: string, eventCode: string, recipients: PublicationRecipient[]): PublicationIssued[] =>
    recipients.length > 0 ? [publication(event, interfaceId, eventCode, recipients, null)] : [];
  const ms = (d: LocalDate) => providersOn(state, 'MS', d);
  const ds = (d: LocalDate) => providersOn(state, 'DS', d);
  const sup = (d: LocalDate) => supplierOn(state, d);
  const ldso = ldsoOf(state, ref);
  const role = (r: 'MDS' | 'EES' | 'LSS' | 'DCC', d: LocalDate) => holders(ref, r, d);
  const if018 = (code: string, d: LocalDate) => issue('IF-018', code, [...sup(d), ...ds(d), ...ms(d), ...role('MDS', d), ...role('EES', d), ...ldso]);
  switch (event.type) {
    case 'MpanCreated':
      return issue('IF-050', '[MPANCreation]', role('EES', date(event.data.effectiveFromDate)));
    case 'SupplierRegistered': {
      const e = event.data;
      const d = date(e.supplyStartDate);
      const incoming: PublicationRecipient = { role: 'SUP', dipId: e.supplierDipId };
      return [
        ...(e.registrationKind === 'ChangeOfSupplier' ? issue('IF-002', '[GainMPANInfo]', [incoming]) : []),
        ...issue('IF-001', `[${e.registrationKind}]`, [incoming, ...role('MDS', d), ...ldso]),
      ];
    }
    case 'MpanAddressChanged':
      return if018('[AddressChg]', date(event.data.effectiveFromDate));
    case 'GspGroupChanged':
      return if018('[GSPChg]', date(event.data.effectiveFromDate));
    case 'DuosTariffIdChanged':
      return if018('[DUOSTariffIDChg]', date(event.data.effectiveFromDate));
    case 'EnergyDirectionChanged':
      return if018('[EnergyDirection]', date(event.data.effectiveFromDate));
    case 'DomesticPremiseIndicatorChanged':
      return if018('[DomPremInd]', date(event.data.effectiveFromDate));
    case 'MeterInstalled':
    case 'MeterRemoved':
    case 'MeterExchanged':
    case 'MeterDetailsUpdated':
    case 'MeterHistoryUpdated': {
      const d = meterEventDate(event);
      return issue('IF-006', `[${METER_EVENT_CODES[event.type]}]`, [...ms(d), ...ds(d), ...sup(d), ...ldso, ...role('EES', d)]);
    }
    case 'EnergisationStatusChanged': {
      const d = date(event.data.effectiveFromDate);
      return issue('IF-008', '[EnergisationStatusChange]', [...ms(d), ...ds(d), ...sup(d), ...ldso, ...role('MDS', d), ...role('EES', d)]);
    }
    case 'EnergisationFailureReported':
      return issue('IF-007', '[EnergisationStatusFailure]', sup(date(event.data.reportedOn)));
    case 'MarketSegmentChanged': {
      const d = date(event.data.effectiveFromDate);
      return issue('IF-044', '[MarketSegmentChange]', [...sup(d), ...role('MDS', d), ...ldso, ...role('EES', d)]);
    }
    case 'ConnectionTypeChanged':
      return issue('IF-043', '[ConnectionTypeChange]', role('DCC', date(event.data.effectiveFromDate)));
    case 'MpanDisconnected':
    case 'MpanReconnected': {
      const d = date(event.data.effectiveFromDate);
      const code = event.type === 'MpanDisconnected' ? '[MPANDisconnection]' : '[MPANReconnection]';
      return [
        ...issue('IF-009', code, [...sup(d), ...ldso, ...role('MDS', d), ...role('EES', d)]),
        ...issue('IF-050', '[MPStatusChange]', role('EES', d)),
      ];
    }
    case 'RegistrationReminderIssued': {
      const e = event.data;
      return issue('IF-045', `[${e.reminder}]`, [{ role: 'SUP', dipId: e.supplierDipId }, ...e.providers.map(providerOf)]);
    }
    case 'SscAndProfileClassChanged':
    case 'ConsentGranularityChanged':
    case 'IhdInfoChanged':
    case 'SmsoChanged': {
      const d = supplierDataDate(event);
      const recipients = [...sup(d), ...ds(d), ...role('LSS', d), ...ldso, ...ms(d), ...role('EES', d)];
      return issue('IF-026', SUPPLIER_DATA_EVENT_CODES[event.type], recipients);
    }
    default:
      return assertNever(event);
  }
}

const date = (d: string) => d as LocalDate;

/** The date an IF-006's recipients are taken on. */
function meterEventDate(event: MeteringEvent): LocalDate {
  switch (event.type) {
    case 'MeterInstalled':
      return date(event.data.meter.meterInstallationDate);
    case 'MeterRemoved':
      return date(event.data.meterRemovalDate);
    case 'MeterExchanged':
      return date(event.data.exchangeDate);
    case 'MeterDetailsUpdated':
    case 'MeterHistoryUpdated':
      return date(event.data.receivedOn);
    default:
      return assertNever(event);
  }
}

/** The date an IF-026's recipients are taken on (the earlier of the two B032 dates). */
function supplierDataDate(event: SupplierDataEvent): LocalDate {
  if (event.type !== 'SscAndProfileClassChanged') return date(event.data.effectiveFromDate);
  const dates = [event.data.profileClassEffectiveFromDate, event.data.sscEffectiveFromDate].filter((x): x is string => x !== null);
  return date(dates.sort()[0] ?? '');
}
