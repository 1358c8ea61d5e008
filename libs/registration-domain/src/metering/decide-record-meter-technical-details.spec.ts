import { HISTORY, KESTREL, METERWISE, STREETLIGHT } from '../appointment/testing/fixtures';
import { evolve } from '../registration/evolve';
import { CreatedMpanState, initialState } from '../registration/state';
import { BRIGHTWATER, d, given, givenState, LONDON_LDSO } from '../registration/testing/fixtures';
import { disconnected, reconnected } from '../network/testing/fixtures';
import { MeterTechnicalDetailsData } from './commands';
import { meterEventDateOf } from './decide-record-meter-technical-details';
import { MeterExchanged, MeterRemoved } from './events';
import { details, installMeter, meterBlock, meterInstalled, recordMeter, removeMeter, SMART_METER } from './testing/fixtures';

/** HISTORY plus the smart meter S95A01234 installed on 2025-04-05. */
const INSTALLED = [...HISTORY, meterInstalled()];
const fold = (events = INSTALLED) => events.reduce(evolve, initialState()) as CreatedMpanState;
const received = d('2025-04-10');

/** A traditional meter for exchanges and second installs. */
const TRADITIONAL = { meterId: 'K12345678', meterType: 'N' as const, esmeGuid: null, numberOfDisplayedRegisterDigits: null };

const exchange = (install = '2025-04-08', removal: string | null = '2025-04-08') =>
  recordMeter({
    kind: 'MeterExchange',
    meter: meterBlock({ ...TRADITIONAL, meterInstallationDate: d(install) }),
    removedMeter: { meterId: SMART_METER.meterId, meterRemovalDate: removal === null ? null : d(removal) },
    ihd: null,
    receivedOn: received,
  });
const update = (meter = meterBlock(), removedMeter: Extract<MeterTechnicalDetailsData, { kind: 'MeterUpdate' }>['removedMeter'] = null) =>
  recordMeter({ kind: 'MeterUpdate', meter, removedMeter, ihd: null, receivedOn: received });
const historyUpdate = (meter = meterBlock(), removedMeter: Extract<MeterTechnicalDetailsData, { kind: 'MeterHistoryUpdate' }>['removedMeter'] = null) =>
  recordMeter({ kind: 'MeterHistoryUpdate', meter, removedMeter, receivedOn: received });
const removed: MeterRemoved = {
  type: 'MeterRemoved',
  data: { mpanCore: '1012345678903', meterId: 'S95A01234', meterInstallationDate: '2025-04-05', meterRemovalDate: '2025-04-08', meteringServiceDipId: METERWISE.dipId, receivedOn: '2025-04-10' },
};

describe('decideRecordMeterTechnicalDetails (IF-005 → IF-006)', () => {
  describe('happy paths, one per event', () => {
    it('[MeterInstall] records the meter from its installation date', () => {
      given(HISTORY).when(installMeter()).then([meterInstalled()]);
    });

    it('[MeterRemoval] removes the installed meter on its removal date', () => {
      given(INSTALLED).when(removeMeter()).then([removed]);
    });

    it('[MeterExchange] removes the old meter and installs the new one on one date, with the B030 IHD status', () => {
      const ihd = { ihdInstallStatus: 'I' as const, effectiveFromDate: d('2025-04-08') };
      const cmd = exchange();
      if (cmd.data.kind === 'MeterExchange') cmd.data.ihd = ihd;
      const expected: MeterExchanged = {
        type: 'MeterExchanged',
        data: {
          mpanCore: '1012345678903',
          exchangeDate: '2025-04-08',
          removedMeterId: 'S95A01234',
          removedMeterInstallationDate: '2025-04-05',
          meter: details(meterBlock({ ...TRADITIONAL, meterInstallationDate: d('2025-04-08') })),
          ihd: { ihdInstallStatus: 'I', effectiveFromDate: '2025-04-08' },
          meteringServiceDipId: METERWISE.dipId,
          receivedOn: '2025-04-10',
        },
      };
      given(INSTALLED).when(cmd).then([expected]);
    });

    it('[MeterUpdate] corrects an installed meter; a rename records the new id, and no B034 keeps the recorded MAPs', () => {
      const renamed = { ...meterBlock({ modifiedMeterId: 'S95A09999', meterLocation: 'X' }), mapHistory: [] };
      given(INSTALLED).when(update(renamed)).then([
        {
          type: 'MeterDetailsUpdated',
          data: {
            mpanCore: '1012345678903',
            meterId: 'S95A01234',
            meter: { ...details(), meterId: 'S95A09999', meterLocation: 'X' },
            ihd: null,
            meteringServiceDipId: METERWISE.dipId,
            receivedOn: '2025-04-10',
          },
        },
      ]);
    });

    it('[MeterHistoryUpdate] corrects a removed meter and its removal date', () => {
      given([...INSTALLED, removed])
        .when(historyUpdate(meterBlock({ meterLocation: 'A' }), { meterId: 'S95A01234', meterRemovalDate: d('2025-04-07') }))
        .then([
          {
            type: 'MeterHistoryUpdated',
            data: {
              mpanCore: '1012345678903',
              meterId: 'S95A01234',
              meter: { ...details(), meterLocation: 'A' },
              meterRemovalDate: '2025-04-07',
              meteringServiceDipId: METERWISE.dipId,
              receivedOn: '2025-04-10',
            },
          },
        ]);
    });

    it('the event date: installation, removal or exchange date; the receipt day for corrections', () => {
      expect([installMeter(), removeMeter(), removeMeter('S95A01234', null), exchange(), update()].map((c) => meterEventDateOf(c.data))).toEqual([
        '2025-04-05',
        '2025-04-08',
        '2025-04-10',
        '2025-04-08',
        '2025-04-10',
      ]);
    });
  });

  describe('sender and MPAN', () => {
    it('SenderRoleIdMismatch (LOC001): the sender role id is MSS, MSA or UMSO', () => {
      given(HISTORY).when(recordMeter(installMeter().data, { context: { senderRoleId: 'SUP' } })).then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not MSS, MSA or UMSO, the role that sends RecordMeterTechnicalDetails' },
      ]);
    });

    it('SenderDoesNotHoldRole (LOC002): the sender holds that role on the event date', () => {
      given(HISTORY).when(recordMeter(installMeter().data, { sender: BRIGHTWATER })).then([
        { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 1000000001 (BRWE) does not hold role MSS on 2025-04-05' },
        {
          code: 'REG1002',
          rule: 'MeteringServiceNotAppointed',
          message: 'sender 1000000001 (BRWE) is not the metering service appointed on 2025-04-05, the date of [MeterInstall]: that is 2000000001 (MSSA)',
        },
      ]);
    });

    it("DistributorDipIdMismatch (LOC004): M0.distributorDIPID is the MPAN's LDSO", () => {
      given(HISTORY).when(recordMeter(installMeter().data, { context: { distributorDipId: LONDON_LDSO } })).then([
        { code: 'LOC004', rule: 'DistributorDipIdMismatch', message: 'distributor DIP id 3000000012 is not the LDSO of distributor id 10, which is 3000000010 (EELC)' },
      ]);
    });

    it('MpanUnknown (REG0000), with the rules that need no state', () => {
      given([]).when(installMeter({ modifiedMeterId: 'X1' })).then([
        { code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' },
        { code: 'REG1029', rule: 'ModifiedMeterIdNotNull', message: 'modified meter id X1 must be null for [MeterInstall] of meter S95A01234' },
      ]);
    });

    it('MeteringServiceNotAppointed (REG1002): only the MS appointed on the event date installs, removes or exchanges', () => {
      given(INSTALLED).when(removeMeter()).then([removed]);
      given(INSTALLED).when(recordMeter(removeMeter().data, { sender: KESTREL })).then([
        {
          code: 'REG1002',
          rule: 'MeteringServiceNotAppointed',
          message: 'sender 2000000002 (MSSB) is not the metering service appointed on 2025-04-08, the date of [MeterRemoval]: that is 2000000001 (MSSA)',
        },
      ]);
    });

    it('UpdateNotByAppointedMeteringService (REG1012): corrections come from the MS appointed on the receipt day', () => {
      given(INSTALLED).when(recordMeter(update().data, { sender: KESTREL })).then([
        {
          code: 'REG1012',
          rule: 'UpdateNotByAppointedMeteringService',
          message: '[MeterUpdate] is only for the metering service appointed on 2025-04-10 (today), not 2000000002 (MSSB): that is 2000000001 (MSSA)',
        },
      ]);
    });
  });

  describe('MPAN status', () => {
    it('MpanDisconnected (REG1001): a disconnected MPAN takes no meter install, whatever the install date', () => {
      const install = installMeter({}, { receivedOn: d('2025-04-10') });
      given([...HISTORY, disconnected('2025-04-08')]).when(install).then([
        {
          code: 'REG1001',
          rule: 'MpanDisconnected',
          message: 'MPAN 1012345678903 is disconnected (MP status X) from 2025-04-08: [MeterInstall] is not accepted after disconnection',
        },
      ]);
    });

    it('a disconnected MPAN still takes a meter removal', () => {
      given([...INSTALLED, disconnected('2025-04-08')]).when(removeMeter()).then([removed]);
    });

    it('MeterInstallationWhileDisconnected (REG1007): the installation date is before the disconnection date', () => {
      const late = installMeter({ meterInstallationDate: d('2025-04-09') }, { receivedOn: d('2025-04-25') });
      given([...HISTORY, disconnected('2025-04-08'), reconnected('2025-04-20')]).when(late).then([
        {
          code: 'REG1007',
          rule: 'MeterInstallationWhileDisconnected',
          message: 'installation date 2025-04-09 for meter S95A01234 is not before the disconnection date 2025-04-08 of MPAN 1012345678903',
        },
      ]);
    });

    it('ConnectionTypeUnmetered (REG0003): no meter events while the connection type is U', () => {
      const s = fold(HISTORY);
      givenState({ ...s, connectionType: [...s.connectionType, { effectiveFromDate: '2025-04-05', value: 'U' }] }).when(installMeter()).then([
        { code: 'REG0003', rule: 'ConnectionTypeUnmetered', message: '[MeterInstall] is not allowed on MPAN 1012345678903: its connection type on 2025-04-05 is U (unmetered)' },
      ]);
    });

    it('MarketSegmentUnmetered (REG0004): no meter events while the market segment is U', () => {
      const s = fold(HISTORY);
      givenState({ ...s, marketSegment: [...s.marketSegment, { effectiveFromDate: '2025-04-05', value: 'U' }] }).when(installMeter()).then([
        { code: 'REG0004', rule: 'MarketSegmentUnmetered', message: '[MeterInstall] is not allowed on MPAN 1012345678903: its market segment on 2025-04-05 is U (unmetered)' },
      ]);
    });

    it('on an unmetered MPAN even its UMSO is refused both ways', () => {
      const s = fold(HISTORY);
      const unmetered = { ...s, connectionType: [{ effectiveFromDate: '2025-04-01', value: 'U' as const }], marketSegment: [{ effectiveFromDate: '2025-04-01', value: 'U' as const }] };
      const decision = givenState(unmetered).when(recordMeter(installMeter().data, { sender: STREETLIGHT, context: { senderRoleId: 'UMSO' } })).decision;
      expect(decision.kind === 'rejected' && decision.reasons.map((r) => r.code)).toEqual(['REG1002', 'REG0003', 'REG0004']);
    });

    it('EventInFuture (REG1020): an install is not dated after the day it is received', () => {
      given(HISTORY).when(installMeter({ meterInstallationDate: d('2025-04-12') })).then([
        { code: 'REG1020', rule: 'EventInFuture', message: '[MeterInstall] dated 2025-04-12 is in the future: it was received on 2025-04-10' },
      ]);
    });
  });

  describe('[MeterInstall]', () => {
    it('ModifiedMeterIdNotNull (REG1029)', () => {
      given(HISTORY).when(installMeter({ modifiedMeterId: 'S95A09999' })).then([
        { code: 'REG1029', rule: 'ModifiedMeterIdNotNull', message: 'modified meter id S95A09999 must be null for [MeterInstall] of meter S95A01234' },
      ]);
    });

    it('MeterInstallationBeforeMpan (REG1011)', () => {
      const early = installMeter({ meterInstallationDate: d('2025-03-20') });
      given(HISTORY).when(early).then([
        {
          code: 'REG1002',
          rule: 'MeteringServiceNotAppointed',
          message: 'sender 2000000001 (MSSA) is not the metering service appointed on 2025-03-20, the date of [MeterInstall]: nobody is appointed then',
        },
        { code: 'REG1011', rule: 'MeterInstallationBeforeMpan', message: 'installation date 2025-03-20 for meter S95A01234 is before MPAN 1012345678903 was created on 2025-04-01' },
      ]);
    });

    it('MeterAlreadyInstalled (REG1006): no duplicate meter ids installed at once', () => {
      given(INSTALLED).when(installMeter({ meterInstallationDate: d('2025-04-09') })).then([
        { code: 'REG1006', rule: 'MeterAlreadyInstalled', message: 'meter S95A01234 is already installed at MPAN 1012345678903 (since 2025-04-05)' },
      ]);
    });

    it('a second meter with another id is installed beside the first', () => {
      const second = meterBlock({ ...TRADITIONAL, meterInstallationDate: d('2025-04-09') });
      given(INSTALLED).when(recordMeter({ kind: 'MeterInstall', meter: second, ihd: null, receivedOn: received })).then([meterInstalled(second)]);
    });

    it('EsmeGuidMissing (REG1046): a smart meter type has an ESME GUID', () => {
      given(HISTORY).when(installMeter({ esmeGuid: null })).then([
        { code: 'REG1046', rule: 'EsmeGuidMissing', message: 'meter S95A01234 of smart meter type S2ADE has no ESME GUID' },
      ]);
    });

    it('EsmeGuidNotSmart (REG1046): any other meter type has none', () => {
      given(HISTORY).when(installMeter({ meterType: 'RCAMR', numberOfDisplayedRegisterDigits: null })).then([
        { code: 'REG1046', rule: 'EsmeGuidNotSmart', message: 'meter S95A01234 of meter type RCAMR is not a smart meter, so it has no ESME GUID, got 00-11-22-33-44-55-66-77' },
      ]);
    });

    it('DisplayedDigitsMissing (REG1047): a smart meter has its number of displayed register digits', () => {
      given(HISTORY).when(installMeter({ meterType: 'S1', numberOfDisplayedRegisterDigits: null })).then([
        { code: 'REG1047', rule: 'DisplayedDigitsMissing', message: 'meter S95A01234 of smart meter type S1 has no number of displayed register digits' },
      ]);
    });

    it('MapHistoryNotAscending (REG1014) and MapEffectiveFromBeforeInstallation (REG1010)', () => {
      const maps = [
        { meterAssetProviderId: 'MAPA', effectiveFromDate: d('2025-04-07') },
        { meterAssetProviderId: 'MAPB', effectiveFromDate: d('2025-04-04') },
      ];
      given(HISTORY).when(recordMeter({ kind: 'MeterInstall', meter: meterBlock({}, maps), ihd: null, receivedOn: received })).then([
        { code: 'REG1014', rule: 'MapHistoryNotAscending', message: 'MAP MAPB effective-from date 2025-04-04 does not follow 2025-04-07 of MAP MAPA for meter S95A01234' },
        { code: 'REG1010', rule: 'MapEffectiveFromBeforeInstallation', message: 'MAP MAPB effective-from date 2025-04-04 is before installation date 2025-04-05 for meter S95A01234' },
      ]);
    });

    it('IhdBeforeMeterInstallation (REG1096)', () => {
      given(HISTORY).when(installMeter({}, { ihd: { ihdInstallStatus: 'I', effectiveFromDate: d('2025-04-04') } })).then([
        { code: 'REG1096', rule: 'IhdBeforeMeterInstallation', message: 'IHD effective-from date 2025-04-04 is before installation date 2025-04-05 for meter S95A01234' },
      ]);
    });
  });

  describe('[MeterRemoval] and [MeterExchange]', () => {
    it('MeterRemovalDateMissing (REG1028)', () => {
      given(INSTALLED).when(removeMeter('S95A01234', null)).then([
        { code: 'REG1028', rule: 'MeterRemovalDateMissing', message: 'meter removal date is missing for meter S95A01234 ([MeterRemoval])' },
      ]);
    });

    it('RemovedMeterNotInstalled (REG1004): the removed meter is installed', () => {
      given(INSTALLED).when(removeMeter('K00000001')).then([
        { code: 'REG1004', rule: 'RemovedMeterNotInstalled', message: 'meter K00000001 is not installed at MPAN 1012345678903, so it cannot be removed' },
      ]);
      given([...INSTALLED, removed]).when(removeMeter()).then([
        { code: 'REG1004', rule: 'RemovedMeterNotInstalled', message: 'meter S95A01234 is not installed at MPAN 1012345678903, so it cannot be removed' },
      ]);
    });

    it('MeterRemovalBeforeInstallation (REG1005): the message names the meter and both dates', () => {
      given(INSTALLED).when(removeMeter('S95A01234', '2025-04-03')).then([
        { code: 'REG1005', rule: 'MeterRemovalBeforeInstallation', message: 'meter removal date 2025-04-03 is before installation date 2025-04-05 for meter S95A01234' },
      ]);
    });

    it('ExchangeInstallationBeforeRemoval (REG1008)', () => {
      given(INSTALLED).when(exchange('2025-04-07', '2025-04-08')).then([
        {
          code: 'REG1008',
          rule: 'ExchangeInstallationBeforeRemoval',
          message: 'installation date 2025-04-07 of new meter K12345678 is before removal date 2025-04-08 of meter S95A01234',
        },
      ]);
    });

    it('ExchangeDatesDiffer (LOC030): an exchange removes and installs on one date', () => {
      given(INSTALLED).when(exchange('2025-04-09', '2025-04-08')).then([
        {
          code: 'LOC030',
          rule: 'ExchangeDatesDiffer',
          message: 'installation date 2025-04-09 of new meter K12345678 is after removal date 2025-04-08 of meter S95A01234: an exchange removes and installs on one date',
        },
      ]);
    });

    it('an exchange reports the removed and the new meter\'s rules together', () => {
      const cmd = recordMeter({
        kind: 'MeterExchange',
        meter: meterBlock({ meterId: 'S95A01234', modifiedMeterId: 'Z', meterInstallationDate: d('2025-04-08') }),
        removedMeter: { meterId: 'S95A01234', meterRemovalDate: null },
        ihd: null,
        receivedOn: received,
      });
      expect(given(INSTALLED).when(cmd).decision).toEqual({
        kind: 'rejected',
        reasons: [
          { code: 'REG1028', rule: 'MeterRemovalDateMissing', message: 'meter removal date is missing for meter S95A01234 ([MeterExchange])' },
          { code: 'REG1029', rule: 'ModifiedMeterIdNotNull', message: 'modified meter id Z must be null for [MeterExchange] of meter S95A01234' },
          { code: 'REG1006', rule: 'MeterAlreadyInstalled', message: 'meter S95A01234 is already installed at MPAN 1012345678903 (since 2025-04-05)' },
        ],
      });
    });
  });

  describe('[MeterUpdate] and [MeterHistoryUpdate]', () => {
    it('UpdatedMeterUnknown (REG1015): an update names an installed meter; a history update a removed one', () => {
      given(INSTALLED).when(update(meterBlock({ meterId: 'K00000001' }))).then([
        { code: 'REG1015', rule: 'UpdatedMeterUnknown', message: 'meter K00000001 is not installed at MPAN 1012345678903, so it cannot be updated' },
      ]);
      given(INSTALLED).when(historyUpdate(meterBlock({ meterId: 'K00000001' }))).then([
        { code: 'REG1015', rule: 'UpdatedMeterUnknown', message: 'meter K00000001 is not a removed meter of MPAN 1012345678903, so its history cannot be updated' },
      ]);
    });

    it('RemovedMeterIdMismatch (REG1016): a B039 sent with a correction names the same meter', () => {
      given(INSTALLED).when(update(meterBlock(), { meterId: 'K00000001', meterRemovalDate: null })).then([
        { code: 'REG1016', rule: 'RemovedMeterIdMismatch', message: 'removed meter id K00000001 does not match meter id S95A01234 of [MeterUpdate]' },
      ]);
    });

    it('UpdateCarriesRemovalDate (LOC031): [MeterUpdate] does not remove', () => {
      given(INSTALLED).when(update(meterBlock(), { meterId: 'S95A01234', meterRemovalDate: d('2025-04-09') })).then([
        {
          code: 'LOC031',
          rule: 'UpdateCarriesRemovalDate',
          message: '[MeterUpdate] carries removal date 2025-04-09 for meter S95A01234: an installed meter has none (send [MeterRemoval] to remove it)',
        },
      ]);
    });

    it('ModifiedMeterIdAlreadyInstalled (REG1013)', () => {
      const second = meterInstalled(meterBlock({ ...TRADITIONAL, meterInstallationDate: d('2025-04-09') }));
      given([...INSTALLED, second]).when(update(meterBlock({ modifiedMeterId: 'K12345678' }))).then([
        { code: 'REG1013', rule: 'ModifiedMeterIdAlreadyInstalled', message: 'modified meter id K12345678 is already installed at MPAN 1012345678903' },
      ]);
    });

    it('MeterIdAndDateChanged (REG1017): a rename does not also move the installation date', () => {
      given(INSTALLED).when(update(meterBlock({ modifiedMeterId: 'S95A09999', meterInstallationDate: d('2025-04-06') }))).then([
        {
          code: 'REG1017',
          rule: 'MeterIdAndDateChanged',
          message: 'meter id S95A01234 → S95A09999 and installation date 2025-04-05 → 2025-04-06 cannot change in one transaction',
        },
      ]);
    });

    it('HistoryUpdateOfInstalledMeter (REG1018)', () => {
      given(INSTALLED).when(historyUpdate()).then([
        {
          code: 'REG1018',
          rule: 'HistoryUpdateOfInstalledMeter',
          message: 'meter S95A01234 is installed at MPAN 1012345678903: [MeterHistoryUpdate] only corrects removed meters (send [MeterUpdate])',
        },
      ]);
    });

    it('a history update moving the removal date before the installation is REG1005; a B039 without a date REG1028', () => {
      given([...INSTALLED, removed]).when(historyUpdate(meterBlock(), { meterId: 'S95A01234', meterRemovalDate: d('2025-04-04') })).then([
        { code: 'REG1005', rule: 'MeterRemovalBeforeInstallation', message: 'meter removal date 2025-04-04 is before installation date 2025-04-05 for meter S95A01234' },
      ]);
      given([...INSTALLED, removed]).when(historyUpdate(meterBlock(), { meterId: 'S95A01234', meterRemovalDate: null })).then([
        { code: 'REG1028', rule: 'MeterRemovalDateMissing', message: 'meter removal date is missing for meter S95A01234 ([MeterHistoryUpdate])' },
      ]);
    });

    it('a disconnected MPAN takes history updates but not updates (REG1001)', () => {
      const history = [...INSTALLED, removed, disconnected('2025-04-09')];
      expect(given(history).when(historyUpdate(meterBlock({ meterLocation: 'A' }))).decision.kind).toBe('accepted');
      const second = meterInstalled(meterBlock({ ...TRADITIONAL, meterInstallationDate: d('2025-04-08') }));
      given([...INSTALLED, second, disconnected('2025-04-09')]).when(update(meterBlock({ ...TRADITIONAL, meterInstallationDate: d('2025-04-08'), meterLocation: 'B' }))).then([
        {
          code: 'REG1001',
          rule: 'MpanDisconnected',
          message: 'MPAN 1012345678903 is disconnected (MP status X) from 2025-04-09: [MeterUpdate] is not accepted after disconnection',
        },
      ]);
    });
  });

  it('the meters fold: installed, exchanged, renamed, with each change in the meter history', () => {
    const exchanged = given(INSTALLED).when(exchange()).stateAfter;
    const renamed = givenState(exchanged).when(update(meterBlock({ ...TRADITIONAL, meterInstallationDate: d('2025-04-08'), modifiedMeterId: 'K87654321' }))).stateAfter;
    const s = renamed as CreatedMpanState;
    expect(s.meters.map((m) => [m.meterId, m.meterInstallationDate, m.meterRemovalDate, m.history.map((h) => h.change).join(',')])).toEqual([
      ['S95A01234', '2025-04-05', '2025-04-08', 'MeterInstall,MeterExchange'],
      ['K87654321', '2025-04-08', null, 'MeterExchange,MeterUpdate'],
    ]);
    expect(s.meters[0]?.history[1]?.before).toEqual({ ...details(), meterRemovalDate: null });
    expect(s.meters[1]?.history[1]?.before?.meterId).toBe('K12345678');
    expect(fold([...INSTALLED, removed]).meters[0]?.meterRemovalDate).toBe('2025-04-08');
  });
});
