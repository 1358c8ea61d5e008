import sampleJson from '../../../../reference-data/participants.json';
import { publicationsFor } from '../appointment/publications-for';
import { HISTORY, METERWISE, SWITCHED } from '../appointment/testing/fixtures';
import { MpanEvent } from './mpan-messages';
import { meterInstalled } from '../metering/testing/fixtures';
import { disconnected, reconnected, segmentChangedTo } from '../network/testing/fixtures';
import { parseReferenceData } from '../reference-data/load-reference-data';
import { ReferenceData } from '../reference-data/reference-data';
import { evolve } from './evolve';
import { CreatedMpanState, initialState } from './state';
import { DNO_MPAN, mpanCreated, NEW_ADDRESS, ref } from './testing/fixtures';

/** The sample reference data without its DCC (9000000005) and load shaping service (9000000006). */
const withoutDccAndLss: ReferenceData = parseReferenceData({
  ...sampleJson,
  participants: sampleJson.participants.filter((p) => !p.roles.some((r) => r.role === 'DCC' || r.role === 'LSS')),
});

/** Folds `history` and `event`; `[interface, event code, "ROLE:dipId ..."]` per publication of `event`. */
function brief(event: MpanEvent, history: MpanEvent[] = HISTORY, reference: ReferenceData = ref) {
  const after = [...history, event].reduce(evolve, initialState()) as CreatedMpanState;
  return publicationsFor(event, after, reference).map((p) => [p.data.interfaceId, p.data.eventCode, p.data.recipients.map((r) => `${r.role}:${r.dipId}`).join(' ')]);
}

const SUP = 'SUP:1000000001';
const MS = 'MSS:2000000001';
const DS = 'SDS:2000000011';
const LDSO = 'LDSO:3000000010';
const MDS = 'MDS:9000000004';
const EES = 'EES:9000000003';
const on = (date: string) => ({ mpanCore: DNO_MPAN, effectiveFromDate: date });

describe('publicationsFor: registration, meter, energisation, network and supplier data events', () => {
  it('MpanCreated → IF-050 [MPANCreation] to the enquiry service', () => {
    expect(brief(mpanCreated(), [])).toEqual([['IF-050', '[MPANCreation]', EES]]);
  });

  it('LDSO data changes → IF-018 to the supplier, DS, MS, MDS, EES and LDSO on the effective-from date', () => {
    const recipients = [SUP, DS, MS, MDS, EES, LDSO].join(' ');
    expect([
      ...brief({ type: 'MpanAddressChanged', data: { ...on('2025-05-01'), address: NEW_ADDRESS } }),
      ...brief({ type: 'GspGroupChanged', data: { ...on('2025-05-01'), gspGroupId: '_A' } }),
      ...brief({ type: 'DuosTariffIdChanged', data: { ...on('2025-05-01'), duosTariffId: '2B' } }),
      ...brief({ type: 'EnergyDirectionChanged', data: { ...on('2025-05-01'), energyDirection: 'E' } }),
      ...brief({ type: 'DomesticPremiseIndicatorChanged', data: { ...on('2025-05-01'), domesticPremiseIndicator: true } }),
    ]).toEqual([
      ['IF-018', '[AddressChg]', recipients],
      ['IF-018', '[GSPChg]', recipients],
      ['IF-018', '[DUOSTariffIDChg]', recipients],
      ['IF-018', '[EnergyDirection]', recipients],
      ['IF-018', '[DomPremInd]', recipients],
    ]);
  });

  it('meter events → IF-006 with the event code to the MS, DS, supplier, LDSO and EES (no MDR is recorded)', () => {
    const installed = meterInstalled();
    const recipients = [MS, DS, SUP, LDSO, EES].join(' ');
    const base = { mpanCore: DNO_MPAN, meteringServiceDipId: METERWISE.dipId, receivedOn: '2025-04-10' };
    const meter = installed.data.meter;
    expect([
      ...brief(installed),
      ...brief({ type: 'MeterRemoved', data: { ...base, meterId: meter.meterId, meterInstallationDate: '2025-04-05', meterRemovalDate: '2025-04-08' } }, [...HISTORY, installed]),
      ...brief(
        { type: 'MeterExchanged', data: { ...base, exchangeDate: '2025-04-08', removedMeterId: meter.meterId, removedMeterInstallationDate: '2025-04-05', meter: { ...meter, meterId: 'K1' }, ihd: null } },
        [...HISTORY, installed],
      ),
      ...brief({ type: 'MeterDetailsUpdated', data: { ...base, meterId: meter.meterId, meter, ihd: null } }, [...HISTORY, installed]),
      ...brief({ type: 'MeterHistoryUpdated', data: { ...base, meterId: meter.meterId, meter, meterRemovalDate: '2025-04-08' } }, [...HISTORY, installed]),
    ]).toEqual([
      ['IF-006', '[MeterInstall]', recipients],
      ['IF-006', '[MeterRemoval]', recipients],
      ['IF-006', '[MeterExchange]', recipients],
      ['IF-006', '[MeterUpdate]', recipients],
      ['IF-006', '[MeterHistoryUpdate]', recipients],
    ]);
  });

  it('EnergisationStatusChanged → IF-008 to the MS, DS, supplier, LDSO, MDS and EES', () => {
    const event: MpanEvent = {
      type: 'EnergisationStatusChanged',
      data: { ...on('2025-04-12'), energisationStatus: 'D', previousEnergisationStatus: 'E', meteringServiceDipId: METERWISE.dipId, receivedOn: '2025-04-12' },
    };
    expect(brief(event)).toEqual([['IF-008', '[EnergisationStatusChange]', [MS, DS, SUP, LDSO, MDS, EES].join(' ')]]);
  });

  it('EnergisationFailureReported → IF-007 [EnergisationStatusFailure] to the supplier only', () => {
    const event: MpanEvent = {
      type: 'EnergisationFailureReported',
      data: { mpanCore: DNO_MPAN, failureReasonCode: '03', siteVisitCheckCode: null, natureOfMaintenance: null, additionalInformation: null, meteringServiceDipId: METERWISE.dipId, reportedOn: '2025-04-12' },
    };
    expect(brief(event)).toEqual([['IF-007', '[EnergisationStatusFailure]', SUP]]);
    expect(brief(event, [mpanCreated()])).toEqual([]);
  });

  it('MarketSegmentChanged → IF-044 to the supplier, MDS, LDSO and EES', () => {
    expect(brief(segmentChangedTo('A', '2025-05-01'))).toEqual([['IF-044', '[MarketSegmentChange]', [SUP, MDS, LDSO, EES].join(' ')]]);
  });

  it('ConnectionTypeChanged → IF-043 to the DCC, omitted when the reference data has none', () => {
    const event: MpanEvent = { type: 'ConnectionTypeChanged', data: { ...on('2025-05-01'), connectionType: 'L', meteredIndicator: true, previousConnectionType: 'W' } };
    expect(brief(event)).toEqual([['IF-043', '[ConnectionTypeChange]', 'DCC:9000000005']]);
    expect(brief(event, HISTORY, withoutDccAndLss)).toEqual([]);
  });

  it('MpanDisconnected / MpanReconnected → IF-009 to the supplier, LDSO, MDS and EES, and IF-050 [MPStatusChange] to EES', () => {
    const recipients = [SUP, LDSO, MDS, EES].join(' ');
    expect(brief(disconnected('2025-04-08'))).toEqual([
      ['IF-009', '[MPANDisconnection]', recipients],
      ['IF-050', '[MPStatusChange]', EES],
    ]);
    expect(brief(reconnected('2025-04-20'), [...HISTORY, disconnected('2025-04-08')])).toEqual([
      ['IF-009', '[MPANReconnection]', recipients],
      ['IF-050', '[MPStatusChange]', EES],
    ]);
  });

  it('supplier data events → IF-026 to the supplier, DS, LSS, LDSO, MS and EES (no LSS when the reference data has none)', () => {
    const by = { supplierDipId: '1000000001' };
    const events: MpanEvent[] = [
      { type: 'SscAndProfileClassChanged', data: { mpanCore: DNO_MPAN, profileClass: '01', profileClassEffectiveFromDate: '2025-04-08', ssc: null, sscEffectiveFromDate: null, ...by } },
      { type: 'ConsentGranularityChanged', data: { ...on('2025-04-08'), consentGranularity: 'H', ...by } },
      { type: 'IhdInfoChanged', data: { ...on('2025-04-08'), ihdInstallStatus: 'I', ...by } },
      { type: 'SmsoChanged', data: { ...on('2025-04-08'), smsoId: 'SMSA', ...by } },
    ];
    const recipients = [SUP, DS, 'LSS:9000000006', LDSO, MS, EES].join(' ');
    expect(events.flatMap((e) => brief(e))).toEqual([
      ['IF-026', '[SSCandProfileClass]', recipients],
      ['IF-026', '[ConsentGranularity]', recipients],
      ['IF-026', '[IHDInfo]', recipients],
      ['IF-026', '[SMSO]', recipients],
    ]);
    const withoutLss = [SUP, DS, LDSO, MS, EES].join(' ');
    expect(events.flatMap((e) => brief(e, HISTORY, withoutDccAndLss))).toEqual([
      ['IF-026', '[SSCandProfileClass]', withoutLss],
      ['IF-026', '[ConsentGranularity]', withoutLss],
      ['IF-026', '[IHDInfo]', withoutLss],
      ['IF-026', '[SMSO]', withoutLss],
    ]);
  });

  it('recipients are the parties on the event\'s effective date, not today\'s: a change back-dated before a change of supplier goes to the outgoing supplier and its providers', () => {
    // SWITCHED: Brightwater (with Meterwise and Halfhour) until 2025-04-30, Northstar from 2025-05-01 with nobody appointed yet.
    const duos = (date: string) => ({ type: 'DuosTariffIdChanged', data: { ...on(date), duosTariffId: '2B' } }) as MpanEvent;
    const before = [SUP, DS, MS, MDS, EES, LDSO].join(' ');
    const after = ['SUP:1000000002', MDS, EES, LDSO].join(' ');
    expect(brief(duos('2025-04-15'), SWITCHED)).toEqual([['IF-018', '[DUOSTariffIDChg]', before]]);
    expect(brief(duos('2025-04-30'), SWITCHED)).toEqual([['IF-018', '[DUOSTariffIDChg]', before]]);
    expect(brief(duos('2025-05-01'), SWITCHED)).toEqual([['IF-018', '[DUOSTariffIDChg]', after]]);
    // The same for IF-009 (no services): the supplier on the disconnection date.
    expect(brief(disconnected('2025-04-20'), SWITCHED)[0]).toEqual(['IF-009', '[MPANDisconnection]', [SUP, LDSO, MDS, EES].join(' ')]);
    expect(brief(disconnected('2025-05-20'), SWITCHED)[0]).toEqual(['IF-009', '[MPANDisconnection]', ['SUP:1000000002', LDSO, MDS, EES].join(' ')]);
  });

  it('publications carry no appointment id and name the event that caused them', () => {
    const after = [...HISTORY, disconnected('2025-04-08')].reduce(evolve, initialState()) as CreatedMpanState;
    expect(publicationsFor(disconnected('2025-04-08'), after, ref)[0]).toEqual({
      type: 'PublicationIssued',
      data: {
        mpanCore: DNO_MPAN,
        interfaceId: 'IF-009',
        eventCode: '[MPANDisconnection]',
        recipients: [
          { role: 'SUP', dipId: '1000000001' },
          { role: 'LDSO', dipId: '3000000010' },
          { role: 'MDS', dipId: '9000000004' },
          { role: 'EES', dipId: '9000000003' },
        ],
        causedByEventType: 'MpanDisconnected',
        appointmentId: null,
      },
    });
  });
});
