import { METER_EVENT_CODES, MeteringEvent } from '@app/registration-domain';
import { compact } from './egress-blocks';
import { truncate } from './egress-envelope';
import { ACCEPTED, EgressRenderer, renderer, RenderJob } from './egress-render-job';

type Block = Record<string, unknown>;

/**
 * Renderers of the data publications (registry data, meters, energisation, network and supplier
 * data; registration/data-publications.ts). The changed item comes from the event; the items the
 * official schema requires alongside it come from the MPAN's state as at the event's date.
 */

/** IF-050 `[MPANCreation]`: every item of the creation with its own effective-from date; B079 RMP status `C`, MP status `N` from the MPAN's date. */
export const IF050_CREATION = renderer(['MpanCreated'], (job) => {
  const e = job.event.data;
  const b = job.blocks;
  return {
    m0: b.m0(e.effectiveFromDate, e.gspGroupId),
    customBlock: {
      B001: { GSPGroupEffectiveFromDate: b.date(e.gspGroupEffectiveFromDate, 'GSP group effective-from date') },
      B022: b.address(e.effectiveFromDate),
      B023: {
        connectionTypeIndicator: e.connectionType,
        connectionTypeEffectiveFromDate: b.date(e.connectionTypeEffectiveFromDate, 'connection type effective-from date'),
        energyDirection: e.energyDirection,
        meteredIndicator: e.meteredIndicator,
      },
      B024: { DUOSTariffID: e.duosTariffId, DUOSTariffIDEffectiveFromDate: b.date(e.duosTariffIdEffectiveFromDate, 'DUoS tariff id effective-from date') },
      B025: {
        energisationStatus: e.energisationStatus,
        energisationStatusEffectiveFromDate: b.date(e.energisationStatusEffectiveFromDate, 'energisation status effective-from date'),
      },
      B026: { marketSegmentIndicator: e.marketSegment, marketSegmentIndicatorEffectiveFromDate: b.date(e.marketSegmentEffectiveFromDate, 'market segment effective-from date') },
      B079: rmpAndMpStatus(job, 'N', e.effectiveFromDate),
    },
  };
});

/** IF-050 `[MPStatusChange]` (with IF-009): B079, the MP status of the disconnection (`X`) or reconnection (`R` / `N`) from its date. */
export const IF050_STATUS = renderer(['MpanDisconnected', 'MpanReconnected'], (job) => {
  const e = job.event.data;
  return { m0: job.blocks.m0(e.effectiveFromDate), customBlock: { B079: rmpAndMpStatus(job, e.mpStatus, e.effectiveFromDate) } };
});

/** IF-009 `[MPANDisconnection]` (B041 date and note) / `[MPANReconnection]` (B098 date). */
export const IF009 = renderer(['MpanDisconnected', 'MpanReconnected'], (job) => {
  const b = job.blocks;
  const e = job.event;
  expectCode(job, e.type === 'MpanDisconnected' ? '[MPANDisconnection]' : '[MPANReconnection]');
  const at = e.data.effectiveFromDate;
  const customBlock =
    e.type === 'MpanDisconnected'
      ? {
          B041: {
            disconnectionEffectiveFromDate: b.date(at, 'disconnection date'),
            additionalInformation: freeText(e.data.additionalInformation, 2000),
          },
        }
      : { B098: { reconnectionEffectiveFromDate: b.date(at, 'reconnection date') } };
  return { m0: b.m0(at), customBlock };
});

/**
 * IF-018 LDSO data changes, each with the blocks its schema requires: `[AddressChg]` B001 (the
 * address's effective-from date, as the inbound `[AddressChg]` reads it) + B022; `[GSPChg]` B001 +
 * B022 (the address on the date) with the new group in M0; `[DUOSTariffIDChg]` B024;
 * `[EnergyDirection]` B023 (its `connectionTypeEffectiveFromDate` = the change's date);
 * `[DomPremInd]` B028. B013: the CSS registration of the supplier registered on the date.
 */
export const IF018 = renderer(
  ['MpanAddressChanged', 'GspGroupChanged', 'DuosTariffIdChanged', 'EnergyDirectionChanged', 'DomesticPremiseIndicatorChanged'],
  (job) => {
    const b = job.blocks;
    const e = job.event;
    const at = e.data.effectiveFromDate;
    const date = b.date(at, 'effective-from date');
    let change: Block;
    switch (e.type) {
      case 'MpanAddressChanged':
        expectCode(job, '[AddressChg]');
        change = { B001: { GSPGroupEffectiveFromDate: date }, B022: b.address(at) };
        break;
      case 'GspGroupChanged':
        expectCode(job, '[GSPChg]');
        change = { B001: { GSPGroupEffectiveFromDate: date }, B022: b.address(at) };
        break;
      case 'DuosTariffIdChanged':
        expectCode(job, '[DUOSTariffIDChg]');
        change = { B024: { DUOSTariffID: e.data.duosTariffId, DUOSTariffIDEffectiveFromDate: date } };
        break;
      case 'EnergyDirectionChanged':
        expectCode(job, '[EnergyDirection]');
        change = { B023: { ...b.connection(at, at), energyDirection: e.data.energyDirection } };
        break;
      case 'DomesticPremiseIndicatorChanged':
        expectCode(job, '[DomPremInd]');
        change = { B028: { domesticPremiseIndicator: e.data.domesticPremiseIndicator, domesticPremiseIndicatorEffectiveFromDate: date } };
        break;
    }
    const m0 = b.m0(at, e.type === 'GspGroupChanged' ? e.data.gspGroupId : undefined);
    return { m0, customBlock: compact({ B013: b.cssRegistrationOn(at), ...change }) };
  },
);

/** IF-043 `[ConnectionTypeChange]` (to the DCC): B023 with the new connection type and metered indicator from the change's date. */
export const IF043 = renderer(['ConnectionTypeChanged'], (job) => {
  const e = job.event.data;
  const b = job.blocks;
  return {
    m0: b.m0(e.effectiveFromDate),
    customBlock: {
      B023: { ...b.connection(e.effectiveFromDate, e.effectiveFromDate), connectionTypeIndicator: e.connectionType, meteredIndicator: e.meteredIndicator },
    },
  };
});

/** IF-044 `[MarketSegmentChange]`: B026 the new segment from its date; B023 the connection as at that date. */
export const IF044 = renderer(['MarketSegmentChanged'], (job) => {
  const e = job.event.data;
  const b = job.blocks;
  return {
    m0: b.m0(e.effectiveFromDate),
    customBlock: {
      B026: { marketSegmentIndicator: e.marketSegment, marketSegmentIndicatorEffectiveFromDate: b.date(e.effectiveFromDate, 'market segment effective-from date') },
      B023: b.connection(e.effectiveFromDate),
    },
  };
});

/** IF-045 `[InvalidMarketSegment]` / `[NoMSAppointed]` / `[NoDSAppointed]`: B060, the reminder's text. */
export const IF045 = renderer(['RegistrationReminderIssued'], (job) => {
  const e = job.event.data;
  expectCode(job, `[${e.reminder}]`);
  return { m0: job.blocks.m0(e.settlementDate), customBlock: { B060: { additionalInformation: freeText(e.additionalInformation, 2000) } } };
});

/** IF-008 `[EnergisationStatusChange]`: R0 `A`, B025 the new status from its date. */
export const IF008 = renderer(['EnergisationStatusChanged'], (job) => {
  const e = job.event.data;
  const b = job.blocks;
  return {
    m0: b.m0(e.effectiveFromDate),
    r0: ACCEPTED,
    customBlock: {
      B025: { energisationStatus: e.energisationStatus, energisationStatusEffectiveFromDate: b.date(e.effectiveFromDate, 'energisation status effective-from date') },
    },
  };
});

/** IF-007 `[EnergisationStatusFailure]` (passed on to the supplier): B040 as the metering service reported it. */
export const IF007 = renderer(['EnergisationFailureReported'], (job) => {
  const e = job.event.data;
  return {
    m0: job.blocks.m0(e.reportedOn),
    customBlock: {
      B040: {
        failureEnergiseDeEnergiseReasonCode: e.failureReasonCode,
        siteVisitCheckCode: e.siteVisitCheckCode,
        natureofMaintenanceEnergisationStatus: freeText(e.natureOfMaintenance, 200),
        additionalInformationSiteVisit: freeText(e.additionalInformation, 2000),
      },
    },
  };
});

/**
 * IF-006 meter events, R0 `A`: B906 the meter (B033 + B034 history; on `[MeterUpdate]` /
 * `[MeterHistoryUpdate]` `meterID` is the id before the update, `modifiedMeterID` the new one if it
 * changed), B039 the removed meter, B030 the IHD status when the event carries one, B905List the
 * other meters installed on the event's date.
 */
export const IF006 = renderer(['MeterInstalled', 'MeterRemoved', 'MeterExchanged', 'MeterDetailsUpdated', 'MeterHistoryUpdated'], (job) => {
  const e = job.event as MeteringEvent;
  const b = job.blocks;
  expectCode(job, `[${METER_EVENT_CODES[e.type]}]`);
  const ihd = (s: { ihdInstallStatus: string | null; effectiveFromDate: string } | null) =>
    s ? { IHDInstallStatus: s.ihdInstallStatus, IHDEffectiveFromDate: b.date(s.effectiveFromDate, 'IHD effective-from date') } : undefined;
  const removed = (meterId: string, date: string) => ({ meterIDRemoved: meterId, meterRemovalDate: b.date(date, `removal date of meter ${meterId}`) });
  let at: string;
  let blocks: Block;
  let subject: string[];
  switch (e.type) {
    case 'MeterInstalled':
      at = e.data.meter.meterInstallationDate;
      subject = [e.data.meter.meterId];
      blocks = { B906: { existingMeter: b.b033(e.data.meter, e.data.meter.meterId, null), historyMAP: b.b034(e.data.meter) }, B030: ihd(e.data.ihd) };
      break;
    case 'MeterRemoved':
      at = e.data.meterRemovalDate;
      subject = [e.data.meterId];
      blocks = { B039: removed(e.data.meterId, e.data.meterRemovalDate) };
      break;
    case 'MeterExchanged':
      at = e.data.exchangeDate;
      subject = [e.data.meter.meterId, e.data.removedMeterId];
      blocks = {
        B906: { existingMeter: b.b033(e.data.meter, e.data.meter.meterId, null), historyMAP: b.b034(e.data.meter) },
        B039: removed(e.data.removedMeterId, e.data.exchangeDate),
        B030: ihd(e.data.ihd),
      };
      break;
    case 'MeterDetailsUpdated':
      at = e.data.receivedOn;
      subject = [e.data.meterId, e.data.meter.meterId];
      blocks = { B906: corrected(job, e.data.meterId, e.data.meter), B030: ihd(e.data.ihd) };
      break;
    case 'MeterHistoryUpdated':
      at = e.data.receivedOn;
      subject = [e.data.meterId, e.data.meter.meterId];
      blocks = { B906: corrected(job, e.data.meterId, e.data.meter), B039: removed(e.data.meterId, e.data.meterRemovalDate) };
      break;
  }
  return { m0: b.m0(at), r0: ACCEPTED, customBlock: compact({ ...blocks, B905List: b.installedMeters(at, subject) }) };
});

/**
 * IF-026 supplier data, R0 `A`: `[SSCandProfileClass]` B032 as the change states it (a `null` date
 * = that item not changed), `[ConsentGranularity]` B068, `[IHDInfo]` B030, `[SMSO]` B031. B013:
 * the CSS registration of the supplier registered on the date.
 */
export const IF026 = renderer(['SscAndProfileClassChanged', 'ConsentGranularityChanged', 'IhdInfoChanged', 'SmsoChanged'], (job) => {
  const b = job.blocks;
  const e = job.event;
  let at: string;
  let change: Block;
  switch (e.type) {
    case 'SscAndProfileClassChanged': {
      expectCode(job, '[SSCandProfileClass]');
      const d = e.data;
      at = [d.profileClassEffectiveFromDate, d.sscEffectiveFromDate].filter((x): x is string => x !== null).sort()[0] ?? b.fail('the change has neither a profile class nor an SSC date');
      change = {
        B032: {
          profileClass: d.profileClass,
          profileClassEffectiveFromDate: b.dateOrNull(d.profileClassEffectiveFromDate, 'profile class effective-from date'),
          SSC: d.ssc,
          SSCEffectiveFromDate: b.dateOrNull(d.sscEffectiveFromDate, 'SSC effective-from date'),
        },
      };
      break;
    }
    case 'ConsentGranularityChanged':
      expectCode(job, '[ConsentGranularity]');
      at = e.data.effectiveFromDate;
      change = { B068: { consentGranularity: e.data.consentGranularity, consentGranularityEffectiveFromDate: b.date(at, 'consent granularity effective-from date') } };
      break;
    case 'IhdInfoChanged':
      expectCode(job, '[IHDInfo]');
      at = e.data.effectiveFromDate;
      change = { B030: { IHDInstallStatus: e.data.ihdInstallStatus, IHDEffectiveFromDate: b.date(at, 'IHD effective-from date') } };
      break;
    case 'SmsoChanged':
      expectCode(job, '[SMSO]');
      at = e.data.effectiveFromDate;
      change = { B031: { SMSOID: e.data.smsoId, SMSOEffectiveFromDate: b.date(at, 'SMSO effective-from date') } };
      break;
  }
  return { m0: b.m0(at), r0: ACCEPTED, customBlock: compact({ B013: b.cssRegistrationOn(at), ...change }) };
});

/** The data renderers by `<interface> <event code>` or by interface. */
export const DATA_RENDERERS: Readonly<Record<string, EgressRenderer>> = {
  'IF-050 [MPANCreation]': IF050_CREATION as EgressRenderer,
  'IF-050 [MPStatusChange]': IF050_STATUS as EgressRenderer,
  'IF-009': IF009 as EgressRenderer,
  'IF-018': IF018 as EgressRenderer,
  'IF-043': IF043 as EgressRenderer,
  'IF-044': IF044 as EgressRenderer,
  'IF-045': IF045 as EgressRenderer,
  'IF-008': IF008 as EgressRenderer,
  'IF-007': IF007 as EgressRenderer,
  'IF-006': IF006 as EgressRenderer,
  'IF-026': IF026 as EgressRenderer,
};

/**
 * B079: the RMP status as recorded (the registry records only `C`, created, from the MPAN's date;
 * `O` and `T` are not modelled) and the MP status `mpStatus` from `date`.
 */
function rmpAndMpStatus(job: RenderJob, mpStatus: string, date: string): Block {
  const b = job.blocks;
  return {
    RMPStatus: 'C',
    RMPStatusEffectiveFromDate: b.date(b.state.effectiveFromDate, 'MPAN effective-from date'),
    MPStatus: mpStatus,
    MPStatusEffectiveFromDate: b.date(date, 'MP status effective-from date'),
  };
}

/** B906a of a corrected meter: `meterID` the id before, `modifiedMeterID` the new id when it changed. */
function corrected(job: RenderJob, meterIdBefore: string, meter: Parameters<RenderJob['blocks']['b033']>[0]): Block {
  const b = job.blocks;
  const modified = meter.meterId === meterIdBefore ? null : meter.meterId;
  const history = b.b034(meter);
  return { existingMeter: b.b033(meter, meterIdBefore, modified), ...(history.length > 0 ? { historyMAP: history } : {}) };
}

function expectCode(job: RenderJob, eventCode: string): void {
  if (job.eventCode !== eventCode) job.blocks.fail(`event code ${job.eventCode} does not announce ${job.event.type} (expected ${eventCode})`);
}

/** Free text (nullable, at least one character): empty → `null`, longer than `max` → shortened. */
function freeText(text: string | null, max: number): string | null {
  return text === null || text === '' ? null : truncate(text, max);
}
