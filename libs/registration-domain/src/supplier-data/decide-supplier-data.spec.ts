import { HISTORY, KESTREL, Party } from '../appointment/testing/fixtures';
import { disconnected } from '../network/testing/fixtures';
import { CommandContext } from '../registration/commands';
import { BRIGHTWATER, d, DNO_MPAN, EASTERN_LDSO, given, NORTHSTAR } from '../registration/testing/fixtures';
import { ChangeConsentGranularity, ChangeIhdInfo, ChangeSmso, ChangeSscAndProfileClass } from './commands';
import { SupplierDataEvent } from './events';

/** IF-025 from Brightwater (registered from 2025-04-01), received 2025-04-10. */
const context = (supplier: Party = BRIGHTWATER, overrides: Partial<CommandContext> = {}): CommandContext => ({
  senderDipId: supplier.dipId,
  senderRoleId: 'SUP',
  senderUniqueReference: 'S-IF-025-0001',
  messageKey: `${supplier.dipId}:S-IF-025-0001`,
  distributorDipId: EASTERN_LDSO,
  ...overrides,
});
const common = { cssRegistrationId: null, receivedOn: d('2025-04-10') };
const sscPc = (data: Partial<ChangeSscAndProfileClass['data']> = {}, supplier?: Party): ChangeSscAndProfileClass => ({
  type: 'ChangeSscAndProfileClass',
  mpanCore: DNO_MPAN,
  context: context(supplier),
  data: { ...common, profileClass: '01', profileClassEffectiveFromDate: d('2025-04-08'), ssc: '0393', sscEffectiveFromDate: d('2025-04-08'), ...data },
});
const consent = (data: Partial<ChangeConsentGranularity['data']> = {}): ChangeConsentGranularity => ({
  type: 'ChangeConsentGranularity',
  mpanCore: DNO_MPAN,
  context: context(),
  data: { ...common, consentGranularity: 'H', effectiveFromDate: d('2025-04-10'), ...data },
});
const ihd = (data: Partial<ChangeIhdInfo['data']> = {}): ChangeIhdInfo => ({
  type: 'ChangeIhdInfo',
  mpanCore: DNO_MPAN,
  context: context(),
  data: { ...common, ihdInstallStatus: 'I', effectiveFromDate: d('2025-04-10'), ...data },
});
const smso = (data: Partial<ChangeSmso['data']> = {}): ChangeSmso => ({
  type: 'ChangeSmso',
  mpanCore: DNO_MPAN,
  context: context(),
  data: { ...common, smsoId: 'SMSA', effectiveFromDate: d('2025-04-10'), ...data },
});
const sscPcChanged = (data: Partial<Extract<SupplierDataEvent, { type: 'SscAndProfileClassChanged' }>['data']> = {}): SupplierDataEvent => ({
  type: 'SscAndProfileClassChanged',
  data: {
    mpanCore: DNO_MPAN,
    profileClass: '01',
    profileClassEffectiveFromDate: '2025-04-08',
    ssc: '0393',
    sscEffectiveFromDate: '2025-04-08',
    supplierDipId: BRIGHTWATER.dipId,
    ...data,
  },
});

describe('supplier-maintained data (IF-025 → IF-026)', () => {
  describe('happy paths', () => {
    it('[SSCandProfileClass] sets each item from its date', () => {
      given(HISTORY).when(sscPc()).then([sscPcChanged()]);
    });

    it('[ConsentGranularity], [IHDInfo] and [SMSO]', () => {
      given(HISTORY).when(consent()).then([
        { type: 'ConsentGranularityChanged', data: { mpanCore: DNO_MPAN, consentGranularity: 'H', effectiveFromDate: '2025-04-10', supplierDipId: BRIGHTWATER.dipId } },
      ]);
      given(HISTORY).when(ihd()).then([
        { type: 'IhdInfoChanged', data: { mpanCore: DNO_MPAN, ihdInstallStatus: 'I', effectiveFromDate: '2025-04-10', supplierDipId: BRIGHTWATER.dipId } },
      ]);
      given(HISTORY).when(smso()).then([{ type: 'SmsoChanged', data: { mpanCore: DNO_MPAN, smsoId: 'SMSA', effectiveFromDate: '2025-04-10', supplierDipId: BRIGHTWATER.dipId } }]);
    });

    it('a null with a date clears an item that has a value', () => {
      const history = [...HISTORY, { type: 'SmsoChanged' as const, data: { mpanCore: DNO_MPAN, smsoId: 'SMSA', effectiveFromDate: '2025-04-08', supplierDipId: BRIGHTWATER.dipId } }];
      expect(given(history).when(smso({ smsoId: null })).decision.kind).toBe('accepted');
    });
  });

  describe('rules every IF-025 shares', () => {
    it('SenderRoleIdMismatch (LOC001): only a supplier sends IF-025', () => {
      given(HISTORY).when({ ...consent(), context: context(BRIGHTWATER, { senderRoleId: 'MSS' }) }).then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id MSS is not SUP, the role that sends ChangeConsentGranularity' },
      ]);
    });

    it('RequesterNotCurrentSupplier (REG1021): only the supplier registered on the effective-from date', () => {
      given(HISTORY).when({ ...consent(), context: context(NORTHSTAR) }).then([
        { code: 'REG1021', rule: 'RequesterNotCurrentSupplier', message: '[ConsentGranularity] is only for the supplier registered on 2025-04-10, not 1000000002 (NSTP): that is 1000000001 (BRWE)' },
      ]);
    });

    it('SupplierDataTooRetrospective (REG1024): at most 5 days before the receipt day', () => {
      expect(given(HISTORY).when(consent({ effectiveFromDate: d('2025-04-05') })).decision.kind).toBe('accepted');
      given(HISTORY).when(consent({ effectiveFromDate: d('2025-04-04') })).then([
        {
          code: 'REG1024',
          rule: 'SupplierDataTooRetrospective',
          message: '[ConsentGranularity] effective-from date 2025-04-04 is more than 5 days before 2025-04-10, the day it was received (earliest 2025-04-05)',
        },
      ]);
    });

    it('MpanDisconnected (REG1001)', () => {
      given([...HISTORY, disconnected('2025-04-08')]).when(consent()).then([
        { code: 'REG1001', rule: 'MpanDisconnected', message: 'MPAN 1012345678903 is disconnected (MP status X) from 2025-04-08: [ConsentGranularity] is not accepted after disconnection' },
      ]);
    });

    it('MpanUnknown (REG0000) and the sender holding SUP (LOC002)', () => {
      given([]).when({ ...smso(), context: context(KESTREL) }).then([
        { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 2000000002 (MSSB) does not hold role SUP on 2025-04-10' },
        { code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' },
      ]);
    });

    it('NoChange (LOC022): the value already effective', () => {
      const history = [...HISTORY, { type: 'ConsentGranularityChanged' as const, data: { mpanCore: DNO_MPAN, consentGranularity: 'H' as const, effectiveFromDate: '2025-04-08', supplierDipId: BRIGHTWATER.dipId } }];
      given(history).when(consent()).then([{ code: 'LOC022', rule: 'NoChange', message: 'consent granularity is already H on 2025-04-10' }]);
    });
  });

  describe('[SSCandProfileClass]', () => {
    it('SscEffectiveFromNotLater (REG1040) and ProfileClassEffectiveFromNotLater (REG1041): later than the latest on record', () => {
      given([...HISTORY, sscPcChanged()]).when(sscPc({ profileClass: '02', ssc: '0151' })).then([
        { code: 'REG1041', rule: 'ProfileClassEffectiveFromNotLater', message: 'profile class effective-from date 2025-04-08 is not later than 2025-04-08, the latest on record' },
        { code: 'REG1040', rule: 'SscEffectiveFromNotLater', message: 'SSC effective-from date 2025-04-08 is not later than 2025-04-08, the latest on record' },
      ]);
    });

    it('EffectiveFromDateMissing (REG1088): a value needs its date', () => {
      given(HISTORY).when(sscPc({ profileClassEffectiveFromDate: null })).then([
        { code: 'REG1088', rule: 'EffectiveFromDateMissing', message: 'profile class 01 has no effective-from date' },
      ]);
    });

    it('NullAlreadyNull (REG0009): clearing an item that is already null', () => {
      given(HISTORY).when(sscPc({ profileClass: null, sscEffectiveFromDate: null, ssc: null })).then([
        { code: 'REG0009', rule: 'NullAlreadyNull', message: 'profile class is already null on 2025-04-08' },
      ]);
    });

    it('NoChange (LOC022): neither item nor date', () => {
      given(HISTORY).when(sscPc({ profileClass: null, profileClassEffectiveFromDate: null, ssc: null, sscEffectiveFromDate: null })).then([
        { code: 'LOC022', rule: 'NoChange', message: '[SSCandProfileClass] changes nothing: no profile class, no SSC and no effective-from dates' },
      ]);
    });
  });

  it('[IHDInfo] and [SMSO]: NullAlreadyNull (REG0009)', () => {
    given(HISTORY).when(ihd({ ihdInstallStatus: null })).then([{ code: 'REG0009', rule: 'NullAlreadyNull', message: 'IHD install status is already null on 2025-04-10' }]);
    given(HISTORY).when(smso({ smsoId: null })).then([{ code: 'REG0009', rule: 'NullAlreadyNull', message: 'SMSO is already null on 2025-04-10' }]);
  });
});
