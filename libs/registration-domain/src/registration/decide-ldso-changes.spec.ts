import {
  ADDRESS,
  changeDuosTariffId,
  changeEnergyDirection,
  changeGspGroup,
  changeMpanAddress,
  d,
  DNO_MPAN,
  given,
  IDNO_MPAN,
  mpanCreated,
  NEW_ADDRESS,
} from './testing/fixtures';

const idnoCreated = mpanCreated({ gspGroupId: '_A' }, IDNO_MPAN);
const unknown = (core: string) => ({ code: 'REG0000', rule: 'MpanUnknown', message: `MPAN ${core} is not known to the registry` });
const tooEarly = (what: string) => ({
  code: 'LOC012',
  rule: 'EffectiveFromBeforeMpanEffectiveFrom',
  message: `${what} effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01`,
});

describe('LDSO data changes', () => {
  describe('decideChangeMpanAddress ([AddressChg])', () => {
    it('changes the address from its effective-from date', () => {
      given([mpanCreated()]).when(changeMpanAddress()).then([
        { type: 'MpanAddressChanged', data: { mpanCore: DNO_MPAN, address: NEW_ADDRESS, effectiveFromDate: '2025-06-01' } },
      ]);
    });

    it('a back-dated change before a later recorded change is accepted', () => {
      const later = { type: 'MpanAddressChanged' as const, data: { mpanCore: DNO_MPAN, address: NEW_ADDRESS, effectiveFromDate: '2025-06-01' } };
      const third = { postcode: 'CB3 4EF', lines: ['3 Mill Road', null, null, null, null, null, null, null, null] };
      given([mpanCreated(), later]).when(changeMpanAddress({ address: third, effectiveFromDate: d('2025-05-01') })).then([
        { type: 'MpanAddressChanged', data: { mpanCore: DNO_MPAN, address: third, effectiveFromDate: '2025-05-01' } },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(changeMpanAddress()).then([unknown(DNO_MPAN)]);
    });

    it("EffectiveFromBeforeMpanEffectiveFrom (LOC012)", () => {
      given([mpanCreated()]).when(changeMpanAddress({ effectiveFromDate: d('2025-03-31') })).then([tooEarly('address')]);
    });

    it('NoChange (LOC022): the address already effective on that date', () => {
      given([mpanCreated()]).when(changeMpanAddress({ address: { ...ADDRESS, lines: [...ADDRESS.lines] } })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'address is already "1 Mill Road, Cambridge, CB1 2AB" on 2025-06-01' },
      ]);
    });

    it('PostcodeEmpty (LOC023), checked even on an unknown MPAN', () => {
      given([]).when(changeMpanAddress({ address: { ...NEW_ADDRESS, postcode: '' } })).then([
        unknown(DNO_MPAN),
        { code: 'LOC023', rule: 'PostcodeEmpty', message: 'metering point postcode must not be empty' },
      ]);
    });
  });

  describe('decideChangeGspGroup ([GSPChg])', () => {
    it('moves an IDNO MPAN to another GSP group', () => {
      given([idnoCreated]).when(changeGspGroup()).then([
        { type: 'GspGroupChanged', data: { mpanCore: IDNO_MPAN, gspGroupId: '_B', effectiveFromDate: '2025-06-01' } },
      ]);
    });

    it("GspGroupNotDnoGroup (LOC007): a DNO MPAN cannot leave its DNO's GSP group", () => {
      given([mpanCreated()]).when(changeGspGroup({}, { mpanCore: DNO_MPAN })).then([
        { code: 'LOC007', rule: 'GspGroupNotDnoGroup', message: 'GSP group "_B" is not _A, the GSP group of DNO distributor id 10 (Eastern)' },
      ]);
    });

    it('GspGroupIdUnknown (LOC008)', () => {
      given([idnoCreated]).when(changeGspGroup({ gspGroupId: '_O' })).then([
        { code: 'LOC008', rule: 'GspGroupIdUnknown', message: 'GSP group "_O" is not one of the 14 GSP groups (_A to _P without _I and _O)' },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(changeGspGroup()).then([unknown(IDNO_MPAN)]);
    });

    it('EffectiveFromBeforeMpanEffectiveFrom (LOC012)', () => {
      given([idnoCreated]).when(changeGspGroup({ effectiveFromDate: d('2025-03-31') })).then([tooEarly('GSP group')]);
    });

    it('NoChange (LOC022): the GSP group already effective on that date', () => {
      given([idnoCreated]).when(changeGspGroup({ gspGroupId: '_A' })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'GSP group is already _A on 2025-06-01' },
      ]);
    });
  });

  describe('decideChangeDuosTariffId ([DUOSTariffIDChg])', () => {
    it('changes the DUoS tariff id from its effective-from date', () => {
      given([mpanCreated()]).when(changeDuosTariffId()).then([
        { type: 'DuosTariffIdChanged', data: { mpanCore: DNO_MPAN, duosTariffId: '2B', effectiveFromDate: '2025-06-01' } },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(changeDuosTariffId()).then([unknown(DNO_MPAN)]);
    });

    it('EffectiveFromBeforeMpanEffectiveFrom (LOC012)', () => {
      given([mpanCreated()]).when(changeDuosTariffId({ effectiveFromDate: d('2025-03-31') })).then([tooEarly('DUoS tariff id')]);
    });

    it('NoChange (LOC022): the DUoS tariff id already effective on that date', () => {
      given([mpanCreated()]).when(changeDuosTariffId({ duosTariffId: '1A' })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'DUoS tariff id is already "1A" on 2025-06-01' },
      ]);
    });

    it('DuosTariffIdLength (LOC013)', () => {
      given([mpanCreated()]).when(changeDuosTariffId({ duosTariffId: 'ABCD' })).then([
        { code: 'LOC013', rule: 'DuosTariffIdLength', message: 'DUoS tariff id "ABCD" must have 1 to 3 characters, not 4' },
      ]);
    });
  });

  describe('decideChangeEnergyDirection ([EnergyDirection])', () => {
    it('changes the energy direction from its effective-from date', () => {
      given([mpanCreated()]).when(changeEnergyDirection()).then([
        { type: 'EnergyDirectionChanged', data: { mpanCore: DNO_MPAN, energyDirection: 'E', effectiveFromDate: '2025-06-01' } },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(changeEnergyDirection()).then([unknown(DNO_MPAN)]);
    });

    it('EffectiveFromBeforeMpanEffectiveFrom (LOC012)', () => {
      given([mpanCreated()]).when(changeEnergyDirection({ effectiveFromDate: d('2025-03-31') })).then([tooEarly('energy direction')]);
    });

    it('NoChange (LOC022): the energy direction already effective on that date', () => {
      given([mpanCreated()]).when(changeEnergyDirection({ energyDirection: 'I' })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'energy direction is already I on 2025-06-01' },
      ]);
    });

    it('NoChange compares with the value effective on the date, not the latest: re-sending an earlier value after a change is a change', () => {
      const toExport = { type: 'EnergyDirectionChanged' as const, data: { mpanCore: DNO_MPAN, energyDirection: 'E' as const, effectiveFromDate: '2025-06-01' } };
      given([mpanCreated(), toExport]).when(changeEnergyDirection({ energyDirection: 'I', effectiveFromDate: d('2025-07-01') })).then([
        { type: 'EnergyDirectionChanged', data: { mpanCore: DNO_MPAN, energyDirection: 'I', effectiveFromDate: '2025-07-01' } },
      ]);
      given([mpanCreated(), toExport]).when(changeEnergyDirection({ energyDirection: 'I', effectiveFromDate: d('2025-05-01') })).then([
        { code: 'LOC022', rule: 'NoChange', message: 'energy direction is already I on 2025-05-01' },
      ]);
    });
  });
});
