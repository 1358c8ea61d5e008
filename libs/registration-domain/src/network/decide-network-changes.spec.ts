import { BRWE_DS, BRWE_MS, HALFHOUR, HISTORY, KESTREL, METERWISE, requestAppointment } from '../appointment/testing/fixtures';
import { installMeter } from '../metering/testing/fixtures';
import {
  changeMpanAddress,
  d,
  DNO_MPAN,
  given,
  LONDON_LDSO,
  mpanCreated,
  registerSupplier,
  supplierRegistered,
} from '../registration/testing/fixtures';
import { ALLOWED_AFTER_DISCONNECTION } from './disconnection';
import {
  changeConnectionType,
  changeDomesticPremiseIndicator,
  changeMarketSegment,
  disconnected,
  disconnectMpan,
  receivedOn,
  reconnected,
  reconnectMpan,
  segmentChangedTo,
} from './testing/fixtures';

const incompatible = [
  { serviceType: 'MS' as const, appointmentId: BRWE_MS, providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, providerRole: 'MSS', requiredRole: 'MSA' },
  { serviceType: 'DS' as const, appointmentId: BRWE_DS, providerDipId: HALFHOUR.dipId, providerMpid: HALFHOUR.mpid, providerRole: 'SDS', requiredRole: 'ADS' },
];

describe('network changes from the LDSO (channel REGS-LDSO)', () => {
  describe('[MarketSegmentChange] (IF-044 shape)', () => {
    it('records the new segment and flags the appointed providers it makes incompatible', () => {
      given(HISTORY).when(changeMarketSegment()).then([segmentChangedTo('A', '2025-05-01', incompatible)]);
    });

    it('with no provider appointed, nothing is incompatible', () => {
      given([mpanCreated(), supplierRegistered()]).when(changeMarketSegment()).then([segmentChangedTo('A', '2025-05-01')]);
    });

    it('a B023 that changes the connection type on the same date records a connection type change too', () => {
      const cmd = changeMarketSegment({ connection: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: d('2025-05-01') } });
      given(HISTORY).when(cmd).then([
        segmentChangedTo('A', '2025-05-01', incompatible),
        {
          type: 'ConnectionTypeChanged',
          data: { mpanCore: DNO_MPAN, connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2025-05-01', previousConnectionType: 'W' },
        },
      ]);
    });

    it('NoChange (LOC022): the segment differs from the one effective on the date', () => {
      given(HISTORY).when(changeMarketSegment({ marketSegment: 'S' })).then([{ code: 'LOC022', rule: 'NoChange', message: 'market segment is already S on 2025-05-01' }]);
    });

    it('ConnectionChangeDateVsSegmentDate (LOC033): a connection change sent with a segment change takes effect on its date', () => {
      const cmd = changeMarketSegment({ connection: { connectionType: 'L', meteredIndicator: true, effectiveFromDate: d('2025-05-02') } });
      given(HISTORY).when(cmd).then([
        {
          code: 'LOC033',
          rule: 'ConnectionChangeDateVsSegmentDate',
          message: 'the connection type change to L (metered true) is effective from 2025-05-02, not 2025-05-01, the date of the market segment change it is sent with',
        },
      ]);
    });

    it('ConnectionTypeVsMarketSegment (LOC010) and MeteredIndicatorVsMarketSegment (LOC011): to U only with an unmetered B023', () => {
      given(HISTORY).when(changeMarketSegment({ marketSegment: 'U' })).then([
        { code: 'LOC010', rule: 'ConnectionTypeVsMarketSegment', message: 'market segment U (unmetered) requires connection type U, got W' },
        { code: 'LOC011', rule: 'MeteredIndicatorVsMarketSegment', message: 'market segment U (unmetered) requires metered indicator false, got true' },
      ]);
      const unmetered = changeMarketSegment({ marketSegment: 'U', connection: { connectionType: 'U', meteredIndicator: false, effectiveFromDate: d('2025-05-01') } });
      expect(given(HISTORY).when(unmetered).decision.kind).toBe('accepted');
    });

    it('sender rules (LOC001–LOC004) and MPAN unknown (REG0000) as for every LDSO change', () => {
      given(HISTORY).when(changeMarketSegment({}, { distributorDipId: LONDON_LDSO })).then([
        { code: 'LOC004', rule: 'DistributorDipIdMismatch', message: 'distributor DIP id 3000000012 is not the LDSO of distributor id 10, which is 3000000010 (EELC)' },
      ]);
      given([]).when(changeMarketSegment()).then([{ code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' }]);
    });
  });

  describe('[ConnectionTypeChange] (IF-043 shape)', () => {
    it('records connection type and metered indicator from the date', () => {
      given(HISTORY).when(changeConnectionType()).then([
        {
          type: 'ConnectionTypeChanged',
          data: { mpanCore: DNO_MPAN, connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2025-05-01', previousConnectionType: 'W' },
        },
      ]);
    });

    it('NoChange (LOC022)', () => {
      given(HISTORY).when(changeConnectionType({ connectionType: 'W' })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'connection type is already W (metered true) on 2025-05-01' },
      ]);
    });

    it('ConnectionTypeVsMeteredIndicator (LOC009) and ConnectionTypeVsMarketSegment (LOC010): U stays consistent, as at creation', () => {
      given(HISTORY).when(changeConnectionType({ connectionType: 'U', meteredIndicator: false })).then([
        { code: 'LOC010', rule: 'ConnectionTypeVsMarketSegment', message: 'connection type U (unmetered) requires market segment U, got S' },
        { code: 'LOC011', rule: 'MeteredIndicatorVsMarketSegment', message: 'metered indicator false (unmetered) requires market segment U, got S' },
      ]);
      given(HISTORY).when(changeConnectionType({ connectionType: 'U', meteredIndicator: true })).then([
        { code: 'LOC009', rule: 'ConnectionTypeVsMeteredIndicator', message: 'connection type U (unmetered) requires metered indicator false, got true' },
        { code: 'LOC010', rule: 'ConnectionTypeVsMarketSegment', message: 'connection type U (unmetered) requires market segment U, got S' },
      ]);
    });
  });

  describe('[DomPremInd] (IF-018 shape)', () => {
    it('records the domestic premise indicator from the date', () => {
      given(HISTORY).when(changeDomesticPremiseIndicator()).then([
        { type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: DNO_MPAN, domesticPremiseIndicator: true, effectiveFromDate: '2025-05-01' } },
      ]);
    });

    it('NoChange (LOC022)', () => {
      const history = [...HISTORY, { type: 'DomesticPremiseIndicatorChanged' as const, data: { mpanCore: DNO_MPAN, domesticPremiseIndicator: true, effectiveFromDate: '2025-04-01' } }];
      given(history).when(changeDomesticPremiseIndicator()).then([{ code: 'LOC022', rule: 'NoChange', message: 'domestic premise indicator is already true on 2025-05-01' }]);
    });
  });

  describe('[MPANDisconnection] and [MPANReconnection] (IF-009 shape)', () => {
    it('disconnection: MP status X from the date', () => {
      given(HISTORY).when(disconnectMpan()).then([disconnected('2025-04-08')]);
    });

    it('NoChange (LOC022): a disconnection dated while already disconnected', () => {
      receivedOn('2025-04-01').given([...HISTORY, disconnected('2025-04-08')]).when(disconnectMpan({ effectiveFromDate: d('2025-04-09') })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'MPAN 1012345678903 is already disconnected on 2025-04-09 (from 2025-04-08)' },
      ]);
    });

    it('reconnection: from a later date, with MP status R when a supplier is registered', () => {
      receivedOn('2025-04-20').given([...HISTORY, disconnected('2025-04-08')]).when(reconnectMpan()).then([reconnected('2025-04-20', '2025-04-08')]);
    });

    it('ReconnectionWithoutDisconnection (LOC034): only a disconnected MPAN is reconnected, after its disconnection date', () => {
      given(HISTORY).when(reconnectMpan()).then([
        { code: 'LOC034', rule: 'ReconnectionWithoutDisconnection', message: 'MPAN 1012345678903 is not disconnected on 2025-04-20, so it cannot be reconnected from then' },
      ]);
      given([...HISTORY, disconnected('2025-04-20')]).when(reconnectMpan()).then([
        {
          code: 'LOC034',
          rule: 'ReconnectionWithoutDisconnection',
          message: 'reconnection date 2025-04-20 is the disconnection date of MPAN 1012345678903: a reconnection follows a disconnection',
        },
      ]);
    });

    it('ReconnectionWithoutDisconnection (LOC034): a disconnection ends once, so a second, earlier reconnection is refused', () => {
      receivedOn('2025-04-20')
        .given([...HISTORY, disconnected('2025-04-08'), reconnected('2025-04-20', '2025-04-08')])
        .when(reconnectMpan({ effectiveFromDate: '2025-04-15' as never }))
        .then([
          {
            code: 'LOC034',
            rule: 'ReconnectionWithoutDisconnection',
            message: 'the disconnection of MPAN 1012345678903 from 2025-04-08 already ends on 2025-04-19: it cannot be reconnected again from 2025-04-15',
          },
        ]);
    });
  });

  describe('MpanDisconnected (REG1001): after disconnection only the allowed changes are accepted', () => {
    const off = [...HISTORY, disconnected('2025-04-08')];
    const today = receivedOn('2025-04-10');
    const message = (what: string) => ({
      code: 'REG1001',
      rule: 'MpanDisconnected',
      message: `MPAN 1012345678903 is disconnected (MP status X) from 2025-04-08: ${what} is not accepted after disconnection`,
    });

    it('lists what a disconnected MPAN still accepts', () => {
      expect(ALLOWED_AFTER_DISCONNECTION).toEqual([
        'ReconnectMpan',
        '[MeterRemoval]',
        '[MeterHistoryUpdate]',
        'ChangeEnergisationStatus to D',
        'ReportEnergisationFailure',
        'RespondToServiceAppointment',
        'RunDayStart',
      ]);
    });

    it('a disconnection followed by a rejected meter install', () => {
      const disconnection = given(HISTORY).when(disconnectMpan());
      disconnection.then([disconnected('2025-04-08')]);
      const install = installMeter({ meterInstallationDate: d('2025-04-09') }, { receivedOn: d('2025-04-10') });
      given([...HISTORY, disconnected('2025-04-08')]).when(install).then([
        message('[MeterInstall]'),
        {
          code: 'REG1007',
          rule: 'MeterInstallationWhileDisconnected',
          message: 'installation date 2025-04-09 for meter S95A01234 is not before the disconnection date 2025-04-08 of MPAN 1012345678903',
        },
      ]);
    });

    it('LDSO changes, segment changes and a second disconnection are refused on the receipt day', () => {
      today.given(off).when(changeMpanAddress()).then([message('[AddressChg]')]);
      today.given(off).when(changeMarketSegment()).then([message('[MarketSegmentChange]')]);
      today.given(off).when(disconnectMpan({ effectiveFromDate: d('2025-05-01') })).then([
        message('[MPANDisconnection]'),
        { code: 'LOC022', rule: 'NoChange', message: 'MPAN 1012345678903 is already disconnected on 2025-05-01 (from 2025-04-08)' },
      ]);
    });

    it('no supplier registration (IF-009: no registration after disconnection) and no appointment request', () => {
      const cos = registerSupplier({ registrationKind: 'ChangeOfSupplier', cssRegistrationId: 'CSS-2', supplierDipId: '1000000002', supplierMpid: 'NSTP', supplyStartDate: d('2025-05-01') });
      today.given(off).when(cos).then([message('[ChangeOfSupplier]')]);
      const csp = requestAppointment({ requestedOn: d('2025-04-10'), effectiveFromDate: d('2025-04-20') });
      const decision = given(off).when(csp).decision;
      expect(decision.kind === 'rejected' && decision.reasons[0]).toEqual(message('[MSApp]'));
    });

    it('a reconnection lifts it', () => {
      const back = [...off, reconnected('2025-04-20')];
      expect(receivedOn('2025-04-21').given(back).when(changeMpanAddress()).decision.kind).toBe('accepted');
      expect(given(back).when(installMeter({ meterInstallationDate: d('2025-04-21') }, { receivedOn: d('2025-04-21') })).decision.kind).toBe('accepted');
    });
  });

  it('the sender of a network change is the LDSO (LOC001–LOC003)', () => {
    given(HISTORY).when(disconnectMpan({}, { senderDipId: KESTREL.dipId, senderRoleId: 'MSS' })).then([
      { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id MSS is not LDSO, the role that sends DisconnectMpan' },
      { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 2000000002 (MSSB) does not hold role LDSO on 2025-04-08' },
      { code: 'LOC003', rule: 'SenderNotMpanLdso', message: 'sender 2000000002 (MSSB) is not the LDSO of distributor id 10, which is 3000000010 (EELC)' },
    ]);
  });
});
