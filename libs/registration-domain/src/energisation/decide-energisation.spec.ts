import { HISTORY, KESTREL, METERWISE } from '../appointment/testing/fixtures';
import { msContext } from '../metering/testing/fixtures';
import { disconnected } from '../network/testing/fixtures';
import { d, DNO_MPAN, given } from '../registration/testing/fixtures';
import { ChangeEnergisationStatus, ReportEnergisationFailure } from './commands';
import { EnergisationStatusChanged } from './events';

/** IF-007: Meterwise (the appointed MS) de-energises on 2025-04-12, reporting it on 2025-04-12. */
const change = (data: Partial<ChangeEnergisationStatus['data']> = {}, sender = METERWISE): ChangeEnergisationStatus => ({
  type: 'ChangeEnergisationStatus',
  mpanCore: DNO_MPAN,
  context: msContext(sender),
  data: { energisationStatus: 'D', effectiveFromDate: d('2025-04-12'), receivedOn: d('2025-04-12'), ...data },
});
const changed = (data: Partial<EnergisationStatusChanged['data']> = {}): EnergisationStatusChanged => ({
  type: 'EnergisationStatusChanged',
  data: {
    mpanCore: DNO_MPAN,
    energisationStatus: 'D',
    effectiveFromDate: '2025-04-12',
    previousEnergisationStatus: 'E',
    meteringServiceDipId: METERWISE.dipId,
    receivedOn: '2025-04-12',
    ...data,
  },
});
const failure = (sender = METERWISE): ReportEnergisationFailure => ({
  type: 'ReportEnergisationFailure',
  mpanCore: DNO_MPAN,
  context: msContext(sender),
  data: { failureReasonCode: '03', siteVisitCheckCode: '01', natureOfMaintenance: null, additionalInformation: 'No access to the meter cupboard', receivedOn: d('2025-04-12') },
});

describe('decideChangeEnergisationStatus (IF-007 → IF-008)', () => {
  it('a de-energisation and a re-energisation from the appointed MS', () => {
    const off = given(HISTORY).when(change());
    off.then([changed()]);
    const on = change({ energisationStatus: 'E', effectiveFromDate: d('2025-04-20'), receivedOn: d('2025-04-20') });
    given([...HISTORY, changed()]).when(on).then([changed({ energisationStatus: 'E', effectiveFromDate: '2025-04-20', previousEnergisationStatus: 'D', receivedOn: '2025-04-20' })]);
  });

  it('SenderRoleIdMismatch (LOC001) and SenderDoesNotHoldRole (LOC002): a metering service role, held on the effective-from date', () => {
    const cmd = { ...change(), context: msContext(METERWISE, { senderRoleId: 'MSA' }) };
    given(HISTORY).when(cmd).then([{ code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 2000000001 (MSSA) does not hold role MSA on 2025-04-12' }]);
    given(HISTORY).when({ ...change(), context: msContext(METERWISE, { senderRoleId: 'SUP' }) }).then([
      { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not MSS, MSA or UMSO, the role that sends ChangeEnergisationStatus' },
    ]);
  });

  it('MeteringServiceNotAppointed (REG1002): only the MS appointed on the effective-from date', () => {
    given(HISTORY).when(change({}, KESTREL)).then([
      {
        code: 'REG1002',
        rule: 'MeteringServiceNotAppointed',
        message: 'sender 2000000002 (MSSB) is not the metering service appointed on 2025-04-12, the date of [EnergisationStatusChange]: that is 2000000001 (MSSA)',
      },
    ]);
  });

  it('NoChange (LOC022): the status differs from the one effective on the date', () => {
    given(HISTORY).when(change({ energisationStatus: 'E' })).then([{ code: 'LOC022', rule: 'NoChange', message: 'energisation status is already E on 2025-04-12' }]);
  });

  it('EnergisationStatusNotSettable (LOC032): U is not a status a metering service sets', () => {
    given(HISTORY).when(change({ energisationStatus: 'U' })).then([
      { code: 'LOC032', rule: 'EnergisationStatusNotSettable', message: 'energisation status U is not a status a metering service sets: send E (energised) or D (de-energised)' },
    ]);
  });

  it('EffectiveFromBeforeMpanEffectiveFrom (LOC012): not before the MPAN was created', () => {
    const early = change({ effectiveFromDate: d('2025-03-31') });
    given(HISTORY).when(early).then([
      {
        code: 'REG1002',
        rule: 'MeteringServiceNotAppointed',
        message: 'sender 2000000001 (MSSA) is not the metering service appointed on 2025-03-31, the date of [EnergisationStatusChange]: nobody is appointed then',
      },
      { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "energisation status effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
    ]);
  });

  it('EventInFuture (REG1020): not dated after the day it is received', () => {
    given(HISTORY).when(change({ effectiveFromDate: d('2025-04-13') })).then([
      { code: 'REG1020', rule: 'EventInFuture', message: '[EnergisationStatusChange] dated 2025-04-13 is in the future: it was received on 2025-04-12' },
    ]);
  });

  it('MpanDisconnected (REG1001): after disconnection only a de-energisation is accepted', () => {
    const history = [...HISTORY, disconnected('2025-04-08')];
    given(history).when(change()).then([changed()]);
    given([...history, changed()]).when(change({ energisationStatus: 'E', effectiveFromDate: d('2025-04-20'), receivedOn: d('2025-04-20') })).then([
      { code: 'REG1001', rule: 'MpanDisconnected', message: 'MPAN 1012345678903 is disconnected (MP status X) from 2025-04-08: [EnergisationStatusChange] is not accepted after disconnection' },
    ]);
  });

  it('MpanUnknown (REG0000)', () => {
    given([]).when(change()).then([{ code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' }]);
  });
});

describe('decideReportEnergisationFailure (IF-007 failure, to the supplier only)', () => {
  it('records the failure reported by the MS appointed on the receipt day', () => {
    given(HISTORY).when(failure()).then([
      {
        type: 'EnergisationFailureReported',
        data: {
          mpanCore: DNO_MPAN,
          failureReasonCode: '03',
          siteVisitCheckCode: '01',
          natureOfMaintenance: null,
          additionalInformation: 'No access to the meter cupboard',
          meteringServiceDipId: METERWISE.dipId,
          reportedOn: '2025-04-12',
        },
      },
    ]);
  });

  it('MeteringServiceNotAppointed (REG1002): from the MS appointed on the receipt day only', () => {
    given(HISTORY).when(failure(KESTREL)).then([
      {
        code: 'REG1002',
        rule: 'MeteringServiceNotAppointed',
        message: 'sender 2000000002 (MSSB) is not the metering service appointed on 2025-04-12, the date of [EnergisationStatusFailure]: that is 2000000001 (MSSA)',
      },
    ]);
  });

  it('is accepted after disconnection', () => {
    expect(given([...HISTORY, disconnected('2025-04-08')]).when(failure()).decision.kind).toBe('accepted');
  });
});
