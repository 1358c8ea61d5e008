import { createMpan, d, given, IDNO_MPAN, mpanCreated } from './testing/fixtures';

describe('decideCreateMpan ([MPANCreation] from the LDSO)', () => {
  it('creates a DNO MPAN: MpanCreated carries every item with its own effective-from date', () => {
    const command = createMpan({ connectionTypeEffectiveFromDate: d('2025-04-02'), duosTariffIdEffectiveFromDate: d('2025-05-01') });
    given([]).when(command).then([
      {
        type: 'MpanCreated',
        data: {
          mpanCore: '1012345678903',
          distributorId: '10',
          effectiveFromDate: '2025-04-01',
          gspGroupId: '_A',
          gspGroupEffectiveFromDate: '2025-04-01',
          address: { postcode: 'CB1 2AB', lines: ['1 Mill Road', 'Cambridge', null, null, null, null, null, null, null] },
          connectionType: 'W',
          connectionTypeEffectiveFromDate: '2025-04-02',
          energyDirection: 'I',
          meteredIndicator: true,
          marketSegment: 'S',
          marketSegmentEffectiveFromDate: '2025-04-01',
          duosTariffId: '1A',
          duosTariffIdEffectiveFromDate: '2025-05-01',
          energisationStatus: 'E',
          energisationStatusEffectiveFromDate: '2025-04-01',
        },
      },
    ]);
  });

  it('creates an IDNO MPAN in any GSP group', () => {
    given([]).when(createMpan({ gspGroupId: '_J' }, { mpanCore: IDNO_MPAN })).then([mpanCreated({ gspGroupId: '_J' }, IDNO_MPAN)]);
  });

  it('creates an unmetered MPAN: connection type U, metered indicator false, market segment U', () => {
    const data = { connectionType: 'U', meteredIndicator: false, marketSegment: 'U' } as const;
    given([]).when(createMpan(data)).then([mpanCreated(data)]);
  });

  it('MpanAlreadyExists (LOC005)', () => {
    given([mpanCreated()]).when(createMpan()).then([
      { code: 'LOC005', rule: 'MpanAlreadyExists', message: 'MPAN 1012345678903 already exists, effective from 2025-04-01' },
    ]);
  });

  it('RmpStatusTerminated (REG1001): a new MPAN cannot be terminated', () => {
    given([]).when(createMpan({ rmpStatus: 'T' })).then([
      { code: 'REG1001', rule: 'RmpStatusTerminated', message: 'RMP status T (terminated) cannot be given to a new MPAN: it must be C (created)' },
    ]);
  });

  it('RmpStatusNotCreated (LOC006): RMP status must be C', () => {
    given([]).when(createMpan({ rmpStatus: 'O' })).then([
      { code: 'LOC006', rule: 'RmpStatusNotCreated', message: 'RMP status "O" is not C (created), the only status a new MPAN can have' },
    ]);
  });

  it("GspGroupNotDnoGroup (LOC007): a DNO MPAN sits in its DNO's GSP group", () => {
    given([]).when(createMpan({ gspGroupId: '_B' })).then([
      { code: 'LOC007', rule: 'GspGroupNotDnoGroup', message: 'GSP group "_B" is not _A, the GSP group of DNO distributor id 10 (Eastern)' },
    ]);
  });

  it('GspGroupIdUnknown (LOC008): one of the 14 GSP groups', () => {
    given([]).when(createMpan({ gspGroupId: '_I' }, { mpanCore: IDNO_MPAN })).then([
      { code: 'LOC008', rule: 'GspGroupIdUnknown', message: 'GSP group "_I" is not one of the 14 GSP groups (_A to _P without _I and _O)' },
    ]);
  });

  it('ConnectionTypeVsMeteredIndicator (LOC009) and ConnectionTypeVsMarketSegment (LOC010): connection type U on a metered segment-S MPAN', () => {
    given([]).when(createMpan({ connectionType: 'U' })).then([
      { code: 'LOC009', rule: 'ConnectionTypeVsMeteredIndicator', message: 'connection type U (unmetered) requires metered indicator false, got true' },
      { code: 'LOC010', rule: 'ConnectionTypeVsMarketSegment', message: 'connection type U (unmetered) requires market segment U, got S' },
    ]);
  });

  it('ConnectionTypeVsMeteredIndicator (LOC009) and MeteredIndicatorVsMarketSegment (LOC011): metered indicator false on a W/S MPAN', () => {
    given([]).when(createMpan({ meteredIndicator: false })).then([
      { code: 'LOC009', rule: 'ConnectionTypeVsMeteredIndicator', message: 'metered indicator false (unmetered) requires connection type U, got W' },
      { code: 'LOC011', rule: 'MeteredIndicatorVsMarketSegment', message: 'metered indicator false (unmetered) requires market segment U, got S' },
    ]);
  });

  it('ConnectionTypeVsMarketSegment (LOC010) and MeteredIndicatorVsMarketSegment (LOC011): market segment U on a metered W MPAN', () => {
    given([]).when(createMpan({ marketSegment: 'U' })).then([
      { code: 'LOC010', rule: 'ConnectionTypeVsMarketSegment', message: 'market segment U (unmetered) requires connection type U, got W' },
      { code: 'LOC011', rule: 'MeteredIndicatorVsMarketSegment', message: 'market segment U (unmetered) requires metered indicator false, got true' },
    ]);
  });

  it('EffectiveFromBeforeMpanEffectiveFrom (LOC012): no item takes effect before the MPAN, one reason per item', () => {
    const before = d('2025-03-31');
    given([])
      .when(
        createMpan({
          gspGroupEffectiveFromDate: before,
          connectionTypeEffectiveFromDate: before,
          marketSegmentEffectiveFromDate: before,
          duosTariffIdEffectiveFromDate: before,
          energisationStatusEffectiveFromDate: before,
        }),
      )
      .then([
        { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "GSP group effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
        { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "connection type effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
        { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "market segment effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
        { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "DUoS tariff id effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
        { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "energisation status effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
      ]);
  });

  it('DuosTariffIdLength (LOC013): 1 to 3 characters', () => {
    given([]).when(createMpan({ duosTariffId: 'A123' })).then([
      { code: 'LOC013', rule: 'DuosTariffIdLength', message: 'DUoS tariff id "A123" must have 1 to 3 characters, not 4' },
    ]);
    given([]).when(createMpan({ duosTariffId: '' })).then([
      { code: 'LOC013', rule: 'DuosTariffIdLength', message: 'DUoS tariff id "" must have 1 to 3 characters, not 0' },
    ]);
  });

  it('PostcodeEmpty (LOC023)', () => {
    given([]).when(createMpan({ address: { postcode: '  ', lines: [null, null, null, null, null, null, null, null, null] } })).then([
      { code: 'LOC023', rule: 'PostcodeEmpty', message: 'metering point postcode must not be empty' },
    ]);
  });

  it('reports every broken rule, not the first', () => {
    given([mpanCreated()])
      .when(createMpan({ rmpStatus: 'O', gspGroupId: '_C', duosTariffId: 'LONG' }, { context: { senderRoleId: 'SUP' } }))
      .then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not LDSO, the role that sends CreateMpan' },
        { code: 'LOC005', rule: 'MpanAlreadyExists', message: 'MPAN 1012345678903 already exists, effective from 2025-04-01' },
        { code: 'LOC006', rule: 'RmpStatusNotCreated', message: 'RMP status "O" is not C (created), the only status a new MPAN can have' },
        { code: 'LOC007', rule: 'GspGroupNotDnoGroup', message: 'GSP group "_C" is not _A, the GSP group of DNO distributor id 10 (Eastern)' },
        { code: 'LOC013', rule: 'DuosTariffIdLength', message: 'DUoS tariff id "LONG" must have 1 to 3 characters, not 4' },
      ]);
  });
});
