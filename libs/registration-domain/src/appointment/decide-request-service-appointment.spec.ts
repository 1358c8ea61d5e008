import { CreatedMpanState } from '../registration/state';
import {
  BRIGHTWATER,
  d,
  given,
  givenState,
  LONDON_LDSO,
  LUMEN,
  mpanCreated,
  NORTHSTAR,
  supplierRegistered,
} from '../registration/testing/fixtures';
import { DataServiceProposal } from './commands';
import { supersededNote } from './decide-request-service-appointment';
import { ServiceAppointmentSuperseded } from './events';
import {
  appointed,
  BRWE_MS,
  HALFHOUR,
  HISTORY,
  idOf,
  METERWISE,
  northstarCos,
  NSTP_ID,
  REQUEST_ID,
  requestAppointment,
  requested,
  segmentChanged,
  SETTLEMENT_DATA,
  SMART_RETRIEVAL,
  SWITCHED,
} from './testing/fixtures';

/**
 * IF-031: each scenario's happy path, the sender and date rules, supersession (REG1089). The
 * scenario and provider rules are in request-rules.spec.ts.
 */
describe('decideRequestServiceAppointment (IF-031 [MSApp] / [DSApp])', () => {
  describe('happy paths', () => {
    it('COS: the gaining supplier appoints from its supply start date, quoting its CSS registration id', () => {
      given(SWITCHED).when(northstarCos()).then([
        requested({
          appointmentId: NSTP_ID,
          requestingSupplierDipId: NORTHSTAR.dipId,
          requestingSupplierMpid: NORTHSTAR.mpid,
          effectiveFromDate: '2025-05-01',
          appointmentScenario: 'COS',
          cssRegistrationId: 'CSS-REG-0002',
        }),
      ]);
    });

    it('CSP: the current supplier changes its MS provider from a later date', () => {
      given(HISTORY).when(requestAppointment()).then([requested()]);
    });

    it('USP: the current supplier updates the appointed provider (new contract reference)', () => {
      const usp = { appointmentScenario: 'USP' as const, providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, contractReference: 'CON-MS-9' };
      given(HISTORY).when(requestAppointment(usp)).then([requested(usp)]);
    });

    it('SEG: on the day the segment changes to Advanced, a provider holding MSA is proposed with role MSA', () => {
      givenState(segmentChanged(HISTORY))
        .when(requestAppointment({ appointmentScenario: 'SEG' }))
        .then([requested({ appointmentScenario: 'SEG', providerRole: 'MSA' })]);
    });

    it('a data service request records the segment role (SDS on Smart)', () => {
      const ds = { serviceType: 'DS' as const, providerDipId: SETTLEMENT_DATA.dipId, providerMpid: SETTLEMENT_DATA.mpid };
      given(HISTORY).when(requestAppointment(ds)).then([requested({ ...ds, providerRole: 'SDS' })]);
    });
  });

  describe('the data service proposal (B071)', () => {
    const ds = { serviceType: 'DS' as const, providerDipId: SETTLEMENT_DATA.dipId, providerMpid: SETTLEMENT_DATA.mpid };
    const proposal: DataServiceProposal = {
      supplierProposedConsentGranularity: 'D',
      supplierProposedDomesticIndicator: true,
      supplierNominatedMdr: { dipId: SMART_RETRIEVAL.dipId, mpid: SMART_RETRIEVAL.mpid, effectiveFromDate: '2025-04-20' },
      traditionalFallBackReadFrequency: 'Q',
    };

    it('a data service request records what the supplier proposed, under the B071 names', () => {
      given(HISTORY)
        .when(requestAppointment({ ...ds, dataServiceProposal: proposal }))
        .then([requested({ ...ds, providerRole: 'SDS', ...proposal })]);
    });

    it('records a proposal without a nominated MDR or read frequency as null, and the placeholder x as sent', () => {
      const bare: DataServiceProposal = {
        supplierProposedConsentGranularity: 'x',
        supplierProposedDomesticIndicator: false,
        supplierNominatedMdr: null,
        traditionalFallBackReadFrequency: null,
      };
      given(HISTORY)
        .when(requestAppointment({ ...ds, dataServiceProposal: bare }))
        .then([requested({ ...ds, providerRole: 'SDS', ...bare })]);
    });

    it('a metering service request records no data service proposal, even when the command carries one', () => {
      given(HISTORY).when(requestAppointment({ dataServiceProposal: proposal })).then([requested()]);
    });

    it('a data service request without proposal details (a command built before they were mapped) records none', () => {
      given(HISTORY).when(requestAppointment({ ...ds, dataServiceProposal: null })).then([requested({ ...ds, providerRole: 'SDS' })]);
    });
  });

  describe('sender and MPAN', () => {
    it('SenderRoleIdMismatch (LOC001): S1.senderRoleID must be SUP', () => {
      given(HISTORY).when(requestAppointment({}, { context: { senderRoleId: 'MSS' } })).then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id MSS is not SUP, the role that sends RequestServiceAppointment' },
      ]);
    });

    it('SenderDoesNotHoldRole (LOC002): the requester must hold SUP on the effective-from date', () => {
      const lumen = [mpanCreated(), supplierRegistered({ supplierDipId: LUMEN.dipId, supplierMpid: LUMEN.mpid }), ...appointed('MS', METERWISE, 'L-MS', { supplier: LUMEN })];
      given(lumen).when(requestAppointment({ effectiveFromDate: d('2025-07-01'), requestedOn: d('2025-06-20') }, { supplier: LUMEN })).then([
        { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 1000000005 (LUMN) does not hold role SUP on 2025-07-01' },
      ]);
    });

    it("DistributorDipIdMismatch (LOC004): M0.distributorDIPID must be the MPAN's LDSO", () => {
      given(HISTORY).when(requestAppointment({}, { context: { distributorDipId: LONDON_LDSO } })).then([
        { code: 'LOC004', rule: 'DistributorDipIdMismatch', message: 'distributor DIP id 3000000012 is not the LDSO of distributor id 10, which is 3000000010 (EELC)' },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(requestAppointment()).then([
        { code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' },
      ]);
    });

    it('AppointmentScenarioNotSupported (LOC024): the migration scenarios and ALG are not decided', () => {
      given(HISTORY).when(requestAppointment({ appointmentScenario: 'MCS' })).then([
        {
          code: 'LOC024',
          rule: 'AppointmentScenarioNotSupported',
          message: 'appointment scenario MCS is not supported: this registry decides COS, CSP, USP, SEG (every MPAN it holds is migrated)',
        },
      ]);
    });
  });

  describe('dates', () => {
    it('EffectiveFromNotLocalMidnight (REG1032): the effective-from must be UK local midnight', () => {
      given(HISTORY).when(requestAppointment({ effectiveFromIsLocalMidnight: false })).then([
        { code: 'REG1032', rule: 'EffectiveFromNotLocalMidnight', message: 'MS effective-from date 2025-04-20 was not sent as UK local midnight' },
      ]);
    });

    it('EffectiveFromTooFarAhead (REG1099): at most 28 days after today (requestedOn)', () => {
      given(HISTORY).when(requestAppointment({ effectiveFromDate: d('2025-05-09') })).then([
        {
          code: 'REG1099',
          rule: 'EffectiveFromTooFarAhead',
          message: 'MS effective-from date 2025-05-09 is more than 28 days after today 2025-04-10 (latest 2025-05-08)',
        },
      ]);
      given(HISTORY).when(requestAppointment({ effectiveFromDate: d('2025-05-08') })).then([requested({ effectiveFromDate: '2025-05-08' })]);
    });

    it('GainingSupplierBackdated (REG1034): a gaining supplier cannot backdate; the current supplier may', () => {
      given(SWITCHED).when(northstarCos({ requestedOn: d('2025-05-03') })).then([
        {
          code: 'REG1034',
          rule: 'GainingSupplierBackdated',
          message: "MS effective-from date 2025-05-01 is before today 2025-05-03: a gaining supplier's appointment cannot be backdated",
        },
      ]);
      given(HISTORY).when(requestAppointment({ effectiveFromDate: d('2025-04-05') })).then([requested({ effectiveFromDate: '2025-04-05' })]);
    });

    it("EffectiveFromBeforeMpanEffectiveFrom (LOC012): not before the MPAN's effective-from date", () => {
      given(HISTORY).when(requestAppointment({ effectiveFromDate: d('2025-03-31') })).then([
        { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "MS effective-from date 2025-03-31 is before the MPAN's effective-from date 2025-04-01" },
        {
          code: 'REG1033',
          rule: 'RequesterNotSupplierOnEffectiveDate',
          message: 'CSP is only for the supplier registered on 2025-03-31, not 1000000001 (BRWE): no supplier is registered then',
        },
        {
          code: 'REG1032',
          rule: 'AppointmentOverlapsRecorded',
          message: 'MS effective-from date 2025-03-31 overlaps the recorded MS appointment of 2000000001 (MSSA) from 2025-04-01, which starts later',
        },
        { code: 'REG1031', rule: 'ProviderIncompatibleWithSegment', message: 'MPAN 1012345678903 has no market segment on 2025-03-31, so no MS role fits it' },
      ]);
    });
  });

  describe('supersession', () => {
    const second = requestAppointment({ effectiveFromDate: d('2025-04-22'), contractReference: 'CON-MS-3' }, { ref: 'S-IF-031-0002' });
    const secondId = idOf(BRIGHTWATER, 'S-IF-031-0002');
    const superseded: ServiceAppointmentSuperseded = {
      type: 'ServiceAppointmentSuperseded',
      data: { mpanCore: '1012345678903', appointmentId: REQUEST_ID, serviceType: 'MS', supersededByAppointmentId: secondId },
    };

    it('PendingRequestSuperseded (REG1089): a later request of the same service replaces the pending one, informational', () => {
      const when = given([...HISTORY, requested()]).when(second);
      when.then([
        requested({ appointmentId: secondId, effectiveFromDate: '2025-04-22', contractReference: 'CON-MS-3', supersedesAppointmentId: REQUEST_ID }),
        superseded,
      ]);
      expect(supersededNote(superseded, when.stateAfter)).toEqual({
        code: 'REG1089',
        rule: 'PendingRequestSuperseded',
        message: 'MS request 1000000001:S-IF-031-0002 supersedes the pending MS request 1000000001:S-IF-031-0001 (2000000002 (MSSB) from 2025-04-20)',
      });
      const after = when.stateAfter as CreatedMpanState;
      expect(after.appointmentRequests.map((r) => [r.appointmentId, r.status])).toEqual([
        [BRWE_MS, 'Activated'],
        ['1000000001:S-DS-0001', 'Activated'],
        [REQUEST_ID, 'Superseded'],
        [secondId, 'Pending'],
      ]);
    });

    it('a pending request of the other service is not superseded', () => {
      const ds = requested({ appointmentId: 'DS-PENDING', serviceType: 'DS', providerRole: 'SDS', providerDipId: SETTLEMENT_DATA.dipId, providerMpid: SETTLEMENT_DATA.mpid });
      given([...HISTORY, ds]).when(second).then([
        requested({ appointmentId: secondId, effectiveFromDate: '2025-04-22', contractReference: 'CON-MS-3' }),
      ]);
    });
  });

  it('reports every broken rule at once, in the documented order', () => {
    const bad = requestAppointment(
      { effectiveFromIsLocalMidnight: false, effectiveFromDate: d('2025-06-01'), providerDipId: HALFHOUR.dipId, providerMpid: 'XXXX', appointmentScenario: 'USP' },
      { supplier: NORTHSTAR, context: { senderRoleId: 'LDSO' } },
    );
    const reasons = given(HISTORY).when(bad).decision;
    expect(reasons.kind === 'rejected' && reasons.reasons.map((r) => `${r.code} ${r.rule}`)).toEqual([
      'LOC001 SenderRoleIdMismatch',
      'REG1032 EffectiveFromNotLocalMidnight',
      'REG1099 EffectiveFromTooFarAhead',
      'REG1033 RequesterNotSupplierOnEffectiveDate',
      'REG1025 UspNotCurrentProvider',
      'REG1090 ProposedMsMpidMismatch',
      'REG1092 ProposedMsRoleMissing',
    ]);
  });
});
