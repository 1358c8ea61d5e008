import { MpanCore } from '../mpan/mpan-core';
import {
  BRIGHTWATER,
  changeEnergyDirection,
  createMpan,
  CSS,
  d,
  EASTERN_LDSO,
  given,
  LONDON_LDSO,
  mpanCreated,
  registerSupplier,
} from './testing/fixtures';

/** Rules on the sender, common to every command (decide-common.ts `senderReasons`). */
describe('decide: sender rules common to every command', () => {
  it('SenderRoleIdMismatch (LOC001): S1.senderRoleID is the role of the channel (LDSO or CSS)', () => {
    given([]).when(createMpan({}, { context: { senderRoleId: 'SUP' } })).then([
      { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not LDSO, the role that sends CreateMpan' },
    ]);
    given([mpanCreated()]).when(registerSupplier({}, { context: { senderRoleId: 'LDSO' } })).then([
      { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id LDSO is not CSS, the role that sends RegisterSupplier' },
    ]);
  });

  it('SenderDoesNotHoldRole (LOC002): an LDSO command from a participant without LDSO on the effective-from date', () => {
    given([]).when(createMpan({}, { context: { senderDipId: BRIGHTWATER.dipId } })).then([
      { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 1000000001 (BRWE) does not hold role LDSO on 2025-04-01' },
      {
        code: 'LOC003',
        rule: 'SenderNotMpanLdso',
        message: 'sender 1000000001 (BRWE) is not the LDSO of distributor id 10, which is 3000000010 (EELC)',
      },
    ]);
  });

  it('SenderDoesNotHoldRole (LOC002): the LDSO before its role starts (2020-01-01 in the sample)', () => {
    const early = {
      effectiveFromDate: d('2019-12-31'),
      gspGroupEffectiveFromDate: d('2019-12-31'),
      connectionTypeEffectiveFromDate: d('2019-12-31'),
      marketSegmentEffectiveFromDate: d('2019-12-31'),
      duosTariffIdEffectiveFromDate: d('2019-12-31'),
      energisationStatusEffectiveFromDate: d('2019-12-31'),
    };
    given([]).when(createMpan(early)).then([
      { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 3000000010 (EELC) does not hold role LDSO on 2019-12-31' },
    ]);
  });

  it('SenderDoesNotHoldRole (LOC002): an unknown sender', () => {
    given([mpanCreated()]).when(registerSupplier({}, { context: { senderDipId: '5555555555' } })).then([
      { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 5555555555 is not a known participant, so does not hold role CSS on 2025-04-01' },
    ]);
  });

  it("SenderNotMpanLdso (LOC003): another distributor's LDSO cannot act on the MPAN", () => {
    given([mpanCreated()]).when(changeEnergyDirection({}, { context: { senderDipId: LONDON_LDSO } })).then([
      {
        code: 'LOC003',
        rule: 'SenderNotMpanLdso',
        message: 'sender 3000000012 (LOND) is not the LDSO of distributor id 10, which is 3000000010 (EELC)',
      },
    ]);
  });

  it("DistributorDipIdMismatch (LOC004): M0.distributorDIPID is the MPAN's LDSO, for LDSO and CSS commands alike", () => {
    const reason = {
      code: 'LOC004',
      rule: 'DistributorDipIdMismatch',
      message: 'distributor DIP id 3000000012 is not the LDSO of distributor id 10, which is 3000000010 (EELC)',
    };
    given([mpanCreated()]).when(changeEnergyDirection({}, { context: { distributorDipId: LONDON_LDSO } })).then([reason]);
    given([mpanCreated()]).when(registerSupplier({}, { context: { distributorDipId: LONDON_LDSO } })).then([reason]);
  });

  it('the CSS need not be an LDSO: RegisterSupplier from the CSS with the right distributor DIP id is accepted', () => {
    const decision = given([mpanCreated()]).when(registerSupplier({}, { context: { senderDipId: CSS, distributorDipId: EASTERN_LDSO } })).decision;
    expect(decision.kind).toBe('accepted');
  });

  it('MpanCoreDistributorUnknown (REG0000): the reference data no longer knows the MPAN core\'s distributor id', () => {
    const core = '3712345678900' as MpanCore;
    given([]).when(changeEnergyDirection({}, { mpanCore: core, context: { senderDipId: EASTERN_LDSO, distributorDipId: EASTERN_LDSO } })).then([
      {
        code: 'REG0000',
        rule: 'MpanCoreDistributorUnknown',
        message: 'MPAN core 3712345678900 has distributor id 37, which is not a known DNO or IDNO',
      },
      { code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 3712345678900 is not known to the registry' },
    ]);
  });
});
