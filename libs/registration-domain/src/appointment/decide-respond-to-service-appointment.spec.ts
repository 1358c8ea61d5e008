import { snapshotOn } from '../registration/snapshot';
import { CreatedMpanState } from '../registration/state';
import { d, given, GREENFIELD, LONDON_LDSO, NORTHSTAR, supplierRegistered } from '../registration/testing/fixtures';
import {
  accepted,
  activated,
  BRWE_MS,
  deappointed,
  HISTORY,
  idOf,
  KESTREL,
  METERWISE,
  NORTHSTAR_SWITCH,
  REQUEST_ID,
  requested,
  respond,
  service,
} from './testing/fixtures';

/** Brightwater's CSP to Kestrel from 2025-04-20, requested 2025-04-10, awaiting Kestrel. */
const pendingKestrel = [...HISTORY, requested()];
const ids = { mpanCore: '1012345678903', appointmentId: REQUEST_ID, serviceType: 'MS' as const };

describe('decideRespondToServiceAppointment (IF-034 [MSAppSPResponse] / [DSAppSPResponse])', () => {
  describe('outcomes', () => {
    it('A for a future date: ServiceAppointmentAccepted; the provider holds from its date before day-start runs', () => {
      const when = given(pendingKestrel).when(respond());
      when.then([accepted(REQUEST_ID)]);
      const state = when.stateAfter as CreatedMpanState;
      expect(snapshotOn(state, '2025-04-19').meteringService?.value.providerDipId).toBe(METERWISE.dipId);
      expect(snapshotOn(state, '2025-04-20').meteringService).toEqual({
        value: service(KESTREL, REQUEST_ID, { scenario: 'CSP', contractReference: 'CON-MS-2' }),
        effectiveFromDate: '2025-04-20',
        effectiveToDate: null,
      });
    });

    it('A on or after the effective-from date: accepted, activated and the outgoing provider de-appointed (CSERV) at once', () => {
      given(pendingKestrel).when(respond({ respondedOn: d('2025-04-20') })).then([
        accepted(REQUEST_ID),
        activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20'),
        deappointed({
          serviceType: 'MS',
          appointmentId: BRWE_MS,
          providerDipId: METERWISE.dipId,
          providerMpid: METERWISE.mpid,
          effectiveFromDate: '2025-04-01',
          effectiveToDate: '2025-04-19',
          reason: 'CSERV',
          replacedByAppointmentId: REQUEST_ID,
        }),
      ]);
    });

    it('A for a USP of the appointed provider effective today: activated, no de-appointment (the same provider continues)', () => {
      const usp = requested({ appointmentScenario: 'USP', providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, effectiveFromDate: '2025-04-10' });
      given([...HISTORY, usp])
        .when(respond({ providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, effectiveFromDate: d('2025-04-10') }, { provider: METERWISE }))
        .then([accepted(REQUEST_ID), activated(REQUEST_ID, 'MS', '2025-04-10', '2025-04-10')]);
    });

    it('R: ServiceAppointmentRejected with the SP code', () => {
      given(pendingKestrel).when(respond({ responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract reference not valid' })).then([
        { type: 'ServiceAppointmentRejected', data: { ...ids, proposedAppointmentResponseCode: 'SP002 - Contract reference not valid' } },
      ]);
    });

    it('A for a request whose supplier is no longer registered on its date: lapsed (SupplierNotRegistered), not accepted', () => {
      const nstpId = idOf(NORTHSTAR, 'S-IF-031-0001');
      const cos = requested({
        appointmentId: nstpId,
        requestingSupplierDipId: NORTHSTAR.dipId,
        requestingSupplierMpid: NORTHSTAR.mpid,
        effectiveFromDate: '2025-05-01',
        appointmentScenario: 'COS',
        cssRegistrationId: 'CSS-REG-0002',
      });
      const replaced = supplierRegistered({ ...NORTHSTAR_SWITCH.data, cssRegistrationId: 'CSS-REG-0003', supplierDipId: GREENFIELD.dipId, supplierMpid: GREENFIELD.mpid });
      const answer = respond({ effectiveFromDate: d('2025-05-01'), requestingSupplierDipId: NORTHSTAR.dipId, requestingSupplierMpid: NORTHSTAR.mpid });
      given([...HISTORY, NORTHSTAR_SWITCH, cos, replaced]).when(answer).then([
        {
          type: 'ServiceAppointmentLapsed',
          data: { mpanCore: '1012345678903', appointmentId: nstpId, serviceType: 'MS', reason: 'SupplierNotRegistered', lapsedOn: '2025-04-10' },
        },
      ]);
    });
  });

  describe('rules', () => {
    it("SenderRoleIdMismatch (LOC001): the role id is the pending request's provider role, else a role of the service", () => {
      given(pendingKestrel).when(respond({}, { role: 'MSA' })).then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id MSA is not MSS, the role that sends RespondToServiceAppointment' },
      ]);
      given(HISTORY).when(respond({}, { role: 'SUP' })).then([
        {
          code: 'LOC001',
          rule: 'SenderRoleIdMismatch',
          message: 'sender role id SUP is not a metering service role (MSS, MSA, UMSO), the role that sends RespondToServiceAppointment',
        },
        { code: 'LOC026', rule: 'NoPendingAppointmentRequest', message: 'no MS appointment request is pending for MPAN 1012345678903' },
      ]);
    });

    it('SenderDoesNotHoldRole (LOC002): the sender holds the role on the effective-from date', () => {
      given(pendingKestrel).when(respond({}, { context: { senderDipId: '2999999999' } })).then([
        { code: 'LOC002', rule: 'SenderDoesNotHoldRole', message: 'sender 2999999999 is not a known participant, so does not hold role MSS on 2025-04-20' },
        {
          code: 'LOC027',
          rule: 'ResponderNotProposedProvider',
          message: 'sender 2999999999 is not 2000000002 (MSSB), the proposed MS of pending request 1000000001:S-IF-031-0001',
        },
      ]);
    });

    it("DistributorDipIdMismatch (LOC004): M0.distributorDIPID is the MPAN's LDSO", () => {
      given(pendingKestrel).when(respond({}, { context: { distributorDipId: LONDON_LDSO } })).then([
        { code: 'LOC004', rule: 'DistributorDipIdMismatch', message: 'distributor DIP id 3000000012 is not the LDSO of distributor id 10, which is 3000000010 (EELC)' },
      ]);
    });

    it('MpanUnknown (REG0000)', () => {
      given([]).when(respond()).then([{ code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' }]);
    });

    it('NoPendingAppointmentRequest (LOC026): a request of that service must be awaiting its provider', () => {
      given([...pendingKestrel, accepted(REQUEST_ID)]).when(respond()).then([
        { code: 'LOC026', rule: 'NoPendingAppointmentRequest', message: 'no MS appointment request is pending for MPAN 1012345678903' },
      ]);
    });

    it('ResponderNotProposedProvider (LOC027): only the proposed provider may answer', () => {
      given(pendingKestrel).when(respond({ providerDipId: KESTREL.dipId, providerMpid: KESTREL.mpid }, { provider: METERWISE })).then([
        {
          code: 'LOC027',
          rule: 'ResponderNotProposedProvider',
          message: 'sender 2000000001 (MSSA) is not 2000000002 (MSSB), the proposed MS of pending request 1000000001:S-IF-031-0001',
        },
      ]);
    });

    it('PendingAppointmentMismatch (LOC028): the answer echoes the pending proposal (provider, date, requesting supplier)', () => {
      given(pendingKestrel).when(respond({ effectiveFromDate: d('2025-04-21'), requestingSupplierDipId: NORTHSTAR.dipId, requestingSupplierMpid: NORTHSTAR.mpid })).then([
        {
          code: 'LOC028',
          rule: 'PendingAppointmentMismatch',
          message:
            'the pending MS request 1000000001:S-IF-031-0001 is for 2000000002 (MSSB) from 2025-04-20 requested by 1000000001 (BRWE), not for 2000000002 (MSSB) from 2025-04-21 requested by 1000000002 (NSTP)',
        },
      ]);
    });

    it('ResponseCodeVsSpCode (LOC029): A comes with SP000, R with another SP code', () => {
      given(pendingKestrel).when(respond({ proposedAppointmentResponseCode: 'SP002 - Contract reference not valid' })).then([
        {
          code: 'LOC029',
          rule: 'ResponseCodeVsSpCode',
          message: 'response code A (accepted) needs proposed appointment response code SP000, not "SP002 - Contract reference not valid"',
        },
      ]);
      given(pendingKestrel).when(respond({ responseCode: 'R' })).then([
        {
          code: 'LOC029',
          rule: 'ResponseCodeVsSpCode',
          message: 'response code R (rejected) cannot come with proposed appointment response code "SP000 - Proposed Appointment ACCEPTED"',
        },
      ]);
    });
  });

  it('a data service answer works alike (SDS role)', () => {
    const ds = requested({ serviceType: 'DS', providerRole: 'SDS', providerDipId: '2000000012', providerMpid: 'SDSB' });
    const answer = respond({ serviceType: 'DS', providerDipId: '2000000012', providerMpid: 'SDSB' }, { provider: { dipId: '2000000012', mpid: 'SDSB' }, role: 'SDS' });
    given([...HISTORY, ds]).when(answer).then([accepted(REQUEST_ID, 'DS')]);
  });
});
