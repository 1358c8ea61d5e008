import { evolve } from '../registration/evolve';
import { MpanEvent } from '../registration/mpan-messages';
import { CreatedMpanState, initialState } from '../registration/state';
import { DNO_MPAN, mpanCreated, ref, supplierRegistered } from '../registration/testing/fixtures';
import { ReferenceData } from '../reference-data/reference-data';
import { publicationsFor } from './publications-for';
import { accepted, activated, BRWE_MS, deappointed, HISTORY, METERWISE, REQUEST_ID, requested } from './testing/fixtures';

/** Folds `history` and `event`, then asks for the publications of `event` on the state after it. */
function publish(history: MpanEvent[], event: MpanEvent, reference: ReferenceData = ref) {
  const after = [...history, event].reduce(evolve, initialState()) as CreatedMpanState;
  return publicationsFor(event, after, reference);
}
/** `[interface, event code, "ROLE:dipId ..."]` per publication. */
const brief = (pubs: ReturnType<typeof publicationsFor>) =>
  pubs.map((p) => [p.data.interfaceId, p.data.eventCode, p.data.recipients.map((r) => `${r.role}:${r.dipId}`).join(' ')]);

const pending = [...HISTORY, requested()];
const ids = { mpanCore: DNO_MPAN, appointmentId: REQUEST_ID, serviceType: 'MS' as const };
const ENDS = 'MDS:9000000004 LDSO:3000000010 EES:9000000003';

describe('publicationsFor: the outbound publications of each MPAN event (interface catalogue)', () => {
  it('ServiceAppointmentRequested → IF-032 to the requesting supplier and IF-033 to the proposed provider', () => {
    expect(publish(HISTORY, requested())).toEqual([
      {
        type: 'PublicationIssued',
        data: {
          mpanCore: DNO_MPAN,
          interfaceId: 'IF-032',
          eventCode: '[MSAppInitialResp]',
          recipients: [{ role: 'SUP', dipId: '1000000001' }],
          causedByEventType: 'ServiceAppointmentRequested',
          appointmentId: REQUEST_ID,
        },
      },
      {
        type: 'PublicationIssued',
        data: {
          mpanCore: DNO_MPAN,
          interfaceId: 'IF-033',
          eventCode: '[MSAppSPRequest]',
          recipients: [{ role: 'MSS', dipId: '2000000002' }],
          causedByEventType: 'ServiceAppointmentRequested',
          appointmentId: REQUEST_ID,
        },
      },
    ]);
    const ds = requested({ serviceType: 'DS', providerRole: 'SDS', providerDipId: '2000000012', providerMpid: 'SDSB' });
    expect(brief(publish(HISTORY, ds))).toEqual([
      ['IF-032', '[DSAppInitialResp]', 'SUP:1000000001'],
      ['IF-033', '[DSAppSPRequest]', 'SDS:2000000012'],
    ]);
  });

  it('ServiceAppointmentAccepted → IF-035 [MSAppAccepted] to the supplier and the provider', () => {
    expect(brief(publish(pending, accepted(REQUEST_ID)))).toEqual([['IF-035', '[MSAppAccepted]', 'SUP:1000000001 MSS:2000000002']]);
  });

  it('ServiceAppointmentRejected → IF-035 [MSAppRejected] to the supplier and the provider', () => {
    const rejected: MpanEvent = { type: 'ServiceAppointmentRejected', data: { ...ids, proposedAppointmentResponseCode: 'SP001 - No contract' } };
    expect(brief(publish(pending, rejected))).toEqual([['IF-035', '[MSAppRejected]', 'SUP:1000000001 MSS:2000000002']]);
  });

  it('ServiceAppointmentLapsed → IF-035 [DSAppLapsed] to the supplier and the provider', () => {
    const ds = requested({ serviceType: 'DS', providerRole: 'SDS', providerDipId: '2000000012', providerMpid: 'SDSB' });
    const lapsed: MpanEvent = {
      type: 'ServiceAppointmentLapsed',
      data: { ...ids, serviceType: 'DS', reason: 'NoProviderResponse', lapsedOn: '2025-04-16' },
    };
    expect(brief(publish([...HISTORY, ds], lapsed))).toEqual([['IF-035', '[DSAppLapsed]', 'SUP:1000000001 SDS:2000000012']]);
  });

  it('ServiceAppointmentActivated → IF-036 [MSAppActive] to the supplier, the MS and DS on that date, LDSO, MDS, EES', () => {
    expect(brief(publish([...pending, accepted(REQUEST_ID)], activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20')))).toEqual([
      ['IF-036', '[MSAppActive]', 'SUP:1000000001 MSS:2000000002 SDS:2000000011 LDSO:3000000010 MDS:9000000004 EES:9000000003'],
    ]);
  });

  it('ServiceProviderDeappointed → IF-037 [MSDeApp] to the supplier, the de-appointed provider, the other service, MDS, LDSO, EES', () => {
    const history = [...pending, accepted(REQUEST_ID), activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20')];
    const ended = deappointed({
      serviceType: 'MS',
      appointmentId: BRWE_MS,
      providerDipId: METERWISE.dipId,
      providerMpid: METERWISE.mpid,
      effectiveFromDate: '2025-04-01',
      effectiveToDate: '2025-04-19',
      reason: 'CSERV',
      replacedByAppointmentId: REQUEST_ID,
    });
    expect(brief(publish(history, ended))).toEqual([['IF-037', '[MSDeApp]', `SUP:1000000001 MSS:2000000001 SDS:2000000011 ${ENDS}`]]);
  });

  it('ServiceAppointmentSuperseded publishes nothing (REG1089 is a note on the superseding IF-032)', () => {
    const superseded: MpanEvent = {
      type: 'ServiceAppointmentSuperseded',
      data: { ...ids, supersededByAppointmentId: 'later' },
    };
    expect(publish(pending, superseded)).toEqual([]);
  });

  it('SupplierRegistered: IF-001 [InitialRegistration] to the incoming supplier, MDS and LDSO', () => {
    expect(brief(publish([mpanCreated()], supplierRegistered()))).toEqual([
      ['IF-001', '[InitialRegistration]', 'SUP:1000000001 MDS:9000000004 LDSO:3000000010'],
    ]);
  });

  it('SupplierRegistered for a change of supplier: IF-002 [GainMPANInfo] to the incoming supplier, then IF-001 [ChangeOfSupplier]', () => {
    const cos = supplierRegistered({
      registrationKind: 'ChangeOfSupplier',
      supplierDipId: '1000000002',
      supplierMpid: 'OTHR',
      supplyStartDate: '2025-06-01',
      outgoingSupplier: { supplierDipId: '1000000001', supplierMpid: 'BRWE', supplyEndDate: '2025-05-31' },
    });
    expect(brief(publish([mpanCreated(), supplierRegistered()], cos))).toEqual([
      ['IF-002', '[GainMPANInfo]', 'SUP:1000000002'],
      ['IF-001', '[ChangeOfSupplier]', 'SUP:1000000002 MDS:9000000004 LDSO:3000000010'],
    ]);
  });

  it('an event whose appointment the state does not hold publishes nothing', () => {
    expect(publish(HISTORY, accepted('unknown'))).toEqual([]);
  });

  it('throws when the reference data cannot list participants (MDS and EES unknown)', () => {
    const lookUpOnly: ReferenceData = {
      version: 'look-up-only',
      participant: (id) => ref.participant(id),
      distributor: (id) => ref.distributor(id),
      holdsRole: (id, role, date) => ref.holdsRole(id, role, date),
    };
    expect(() => publish([...pending, accepted(REQUEST_ID)], activated(REQUEST_ID, 'MS', '2025-04-20', '2025-04-20'), lookUpOnly)).toThrow(
      new Error('reference data look-up-only cannot list participants, so the MDS recipients are unknown'),
    );
    expect(brief(publish(pending, accepted(REQUEST_ID), lookUpOnly))).toEqual([['IF-035', '[MSAppAccepted]', 'SUP:1000000001 MSS:2000000002']]);
  });
});
