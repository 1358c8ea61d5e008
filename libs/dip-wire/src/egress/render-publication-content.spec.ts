import { CreatedMpanState, DataServiceProposal, evolve, MpanEvent } from '@app/registration-domain';
import {
  HALFHOUR,
  METERWISE,
  requestAppointment,
  respond,
  runDayStart,
  SMART_RETRIEVAL,
} from '@app/registration-domain/appointment/testing/fixtures';
import { createMpan, d, NORTHSTAR, registerSupplier } from '@app/registration-domain/registration/testing/fixtures';
import { loadOfficialSchemas } from '../conformance/official-schemas';
import { egressSchemaName } from './egress-schemas';
import { EgressIdentity, EgressMessage, EgressRenderError, RenderPublicationInput } from './egress-types';
import { renderPublication } from './render-publication';
import { identityFor, Issued, MpanStory } from './testing/egress-story';
import { fullStory, gspStory, outcomesStory, registeredMpan } from './testing/egress-stories';

/** What the rendered messages say (values, not only shapes), and the inputs that cannot be rendered. */

const schemas = loadOfficialSchemas();
const story = fullStory();
const gsp = gspStory();
const outcomes = outcomesStory();

function inputOf(i: Issued, s: MpanStory = story, overrides: Partial<RenderPublicationInput> = {}): RenderPublicationInput {
  return {
    publication: i.publication,
    causedBy: { event: i.event, stateAfter: i.stateAfter },
    recipient: i.publication.recipients[0]!,
    referenceData: s.ref,
    identity: identityFor(i.publication.interfaceId, i.position, 0),
    ...overrides,
  };
}
const render = (i: Issued, s: MpanStory = story, overrides: Partial<RenderPublicationInput> = {}): EgressMessage => {
  const message = renderPublication(inputOf(i, s, overrides));
  expect(schemas.validate(egressSchemaName(message), message).errors).toEqual([]);
  return message;
};

describe('renderPublication: the values of the blocks', () => {
  it('CommonBlock: S0, S1 (the registry, REGS), D0 from the identity, M0 (LDSO of the distributor, GSP group)', () => {
    const i = story.last('IF-044', '[MarketSegmentChange]');
    const identity: EgressIdentity = { ...identityFor('IF-044', i.position, 0), replay: true, environmentTag: 'SIT' };
    const m = render(i, story, { identity });
    expect(m.CommonBlock).toEqual({
      S0: { interfaceID: 'IF-044', schemaVersion: '011', eventCode: '[MarketSegmentChange]' },
      S1: {
        environmentTag: 'SIT',
        subText: null,
        senderUniqueReference: identity.senderUniqueReference,
        senderTimestamp: '2025-04-10T09:00:00+00:00',
        senderDIPID: '9000000002',
        senderRoleID: 'REGS',
        senderCorrelationID: identity.correlationId,
        DIPConnectionProviderID: '9000000002',
      },
      D0: {
        transactionID: identity.transactionId,
        transactionTimestamp: '2025-04-10T09:00:00+00:00',
        publicationID: 'PUB-044',
        initialCorrelationID: identity.correlationId,
        replayIndicator: true,
        serviceTicketURL: null,
      },
      M0: { MPANCore: '1012345678903', distributorDIPID: '3000000010', GSPGroupID: '_A' },
    });
    expect(m.CustomBlock).toEqual({
      B026: { marketSegmentIndicator: 'A', marketSegmentIndicatorEffectiveFromDate: '2025-04-20T00:00:00+01:00' },
      B023: { connectionTypeIndicator: 'L', connectionTypeEffectiveFromDate: '2025-04-15T00:00:00+01:00', energyDirection: 'E', meteredIndicator: true },
    });
  });

  it('IF-037: the de-appointed provider and its period (last day inclusive), CSUPP, the incoming supplier and its CSS registration', () => {
    expect(render(story.last('IF-037', '[DSDeApp]')).CustomBlock).toEqual({
      B013: { CSSRegistrationID: 'CSS-REG-0002' },
      B009: {
        deAppointedDataServiceDIPID: '2000000011',
        deAppointedDataServiceMPID: 'SDSA',
        dataServiceEffectiveFromDate: '2025-04-01T00:00:00+01:00',
        dataServiceEffectiveToDate: '2025-04-30T00:00:00+01:00',
        deAppointmentReasonCode: 'CSUPP',
      },
      B002: { incomingSupplierDIPID: '1000000002', incomingSupplierMPID: 'NSTP', supplierEffectiveFromDate: '2025-05-01T00:00:00+01:00' },
    });
  });

  it('IF-035: B007 A / R / L with the provider’s SP code, from the recorded request', () => {
    const b007 = (i: Issued, s: MpanStory) => render(i, s).CustomBlock.B007;
    expect(b007(story.last('IF-035', '[MSAppAccepted]'), story)).toEqual({ responseCode: 'A', proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' });
    expect(b007(outcomes.last('IF-035', '[DSAppRejected]'), outcomes)).toEqual({ responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract reference not valid' });
    expect(b007(outcomes.last('IF-035', '[MSAppLapsed]'), outcomes)).toEqual({ responseCode: 'L', proposedAppointmentResponseCode: null });
  });

  it('IF-032: R0 A, with the REG1089 note when the request supersedes a pending one', () => {
    const s = registeredMpan();
    s.send(requestAppointment({ appointmentScenario: 'COS', cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: d('2025-04-01'), requestedOn: d('2025-04-01') }, { ref: 'S-IF-031-A' }), '2025-04-01');
    s.send(
      requestAppointment(
        { appointmentScenario: 'COS', cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: d('2025-04-01'), requestedOn: d('2025-04-01'), providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid },
        { ref: 'S-IF-031-B' },
      ),
      '2025-04-01',
    );
    const [first, second] = s.find('IF-032', '[MSAppInitialResp]').map((i) => render(i, s));
    expect(first!.CommonBlock.R0).toEqual({ responseCode: 'A', responseMessages: [] });
    expect(second!.CommonBlock.R0).toEqual({
      responseCode: 'A',
      responseMessages: [
        'REG1089 - MS request 1000000001:S-IF-031-B supersedes the pending MS request 1000000001:S-IF-031-A (2000000002 (MSSB) from 2025-04-01)',
      ],
    });
    expect(second!.CustomBlock.B070).toEqual({
      proposedMeteringServiceDIPID: '2000000001',
      proposedMeteringServiceMPID: 'MSSA',
      proposedMeteringServiceDIPEffectiveFromDate: '2025-04-01T00:00:00+01:00',
      contractReferenceMeteringService: 'CON-MS-2',
      appointmentScenario: 'COS',
    });
  });

  it('IF-018 [GSPChg]: the new group in M0, B001 its date, B022 the address on that date', () => {
    const m = render(gsp.last('IF-018', '[GSPChg]'), gsp);
    expect(m.CommonBlock.M0).toEqual({ MPANCore: '2900000000016', distributorDIPID: '3000000029', GSPGroupID: '_B' });
    expect(m.CustomBlock).toEqual({
      B001: { GSPGroupEffectiveFromDate: '2025-06-01T00:00:00+01:00' },
      B022: expect.objectContaining({ meteringPointPostcode: 'CB1 2AB', addressLine1: '1 Mill Road', addressLine9: null }),
    });
  });

  it('IF-006 [MeterExchange]: R0 A, the new meter (B906), the removed one on the exchange date (B039); B905List only the other meters', () => {
    const m = render(story.last('IF-006', '[MeterExchange]'));
    expect(m.CommonBlock.R0).toEqual({ responseCode: 'A', responseMessages: [] });
    expect(m.CustomBlock.B039).toEqual({ meterIDRemoved: 'S95A01234', meterRemovalDate: '2025-04-08T00:00:00+01:00' });
    expect((m.CustomBlock.B906 as { existingMeter: { meterID: string } }).existingMeter.meterID).toBe('K1');
    expect((m.CustomBlock.B905List as Array<{ existingMeter: { meterID: string } }>).map((x) => x.existingMeter.meterID)).toEqual(['CHK0001']);
  });

  it('IF-050 [MPStatusChange]: RMP status C from the MPAN’s date, MP status X from the disconnection', () => {
    const [disconnection] = story.find('IF-050', '[MPStatusChange]');
    expect(render(disconnection!).CustomBlock).toEqual({
      B079: { RMPStatus: 'C', RMPStatusEffectiveFromDate: '2025-04-01T00:00:00+01:00', MPStatus: 'X', MPStatusEffectiveFromDate: '2025-05-05T00:00:00+01:00' },
    });
  });

  it('DS proposals: the B071 items the request records win over the MPAN’s recorded values', () => {
    const i = story.last('IF-032', '[DSAppInitialResp]');
    const event = { ...i.event, data: { ...i.event.data, supplierProposedConsentGranularity: 'H', supplierProposedDomesticIndicator: false, traditionalFallBackReadFrequency: 'M' } } as unknown as MpanEvent;
    const b071 = render({ ...i, event }).CustomBlock.B071 as Record<string, unknown>;
    expect(b071).toMatchObject({ supplierProposedConsentGranularity: 'H', supplierProposedDomesticIndicator: false, traditionalFallBackReadFrequency: 'M' });
    expect(render(i).CustomBlock.B071).toMatchObject({ supplierProposedConsentGranularity: 'D', supplierProposedDomesticIndicator: true, traditionalFallBackReadFrequency: null });
  });
});

describe('renderPublication: what the switching service and the supplier stated (B004 of a registration, B071 of a DS request)', () => {
  // No [DomPremInd] and no consent granularity: everything below comes from the registration's B004
  // and the DS request's B071 as the real decider records them.
  const cos = { appointmentScenario: 'COS' as const, cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: d('2025-04-01'), requestedOn: d('2025-04-01') };
  const proposal: DataServiceProposal = {
    supplierProposedConsentGranularity: 'M',
    supplierProposedDomesticIndicator: true,
    supplierNominatedMdr: { dipId: SMART_RETRIEVAL.dipId, mpid: null, effectiveFromDate: '2025-04-01' },
    traditionalFallBackReadFrequency: 'Q',
  };
  const stated = new MpanStory();
  stated.send(createMpan(), '2025-04-01');
  stated.send(registerSupplier({ domesticPremiseIndicator: { value: true, effectiveFromDate: d('2025-04-01') } }), '2025-04-01');
  stated.send(requestAppointment({ ...cos, providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid, contractReference: 'CON-MS-1' }, { ref: 'S-MS-1' }), '2025-04-01');
  stated.send(respond({ effectiveFromDate: d('2025-04-01'), respondedOn: d('2025-04-01') }, { provider: METERWISE, ref: 'S-034-MS-1' }), '2025-04-01');
  stated.send(
    requestAppointment(
      { ...cos, serviceType: 'DS', providerDipId: HALFHOUR.dipId, providerMpid: HALFHOUR.mpid, contractReference: 'CON-DS-1', dataServiceProposal: proposal },
      { ref: 'S-DS-1' },
    ),
    '2025-04-01',
  );
  stated.send(respond({ serviceType: 'DS', effectiveFromDate: d('2025-04-01'), respondedOn: d('2025-04-01') }, { provider: HALFHOUR, role: 'SDS', ref: 'S-034-DS-1' }), '2025-04-01');
  stated.send(runDayStart('2025-04-01'), '2025-04-01');
  stated.send(
    registerSupplier(
      {
        registrationKind: 'ChangeOfSupplier',
        cssRegistrationId: 'CSS-REG-0002',
        supplierDipId: NORTHSTAR.dipId,
        supplierMpid: NORTHSTAR.mpid,
        supplyStartDate: d('2025-05-01'),
        domesticPremiseIndicator: { value: false, effectiveFromDate: d('2025-05-01') },
      },
      { context: { senderUniqueReference: 'S-CSS-0002', messageKey: '9000000001:S-CSS-0002' } },
    ),
    '2025-04-20',
  );
  const renderStated = (interfaceId: string, eventCode: string) => render(stated.last(interfaceId, eventCode), stated);
  const b071 = {
    proposedDataServiceDIPID: HALFHOUR.dipId,
    proposedDataServiceMPID: HALFHOUR.mpid,
    proposedDataServiceDIPEffectiveFromDate: '2025-04-01T00:00:00+01:00',
    contractReferenceDataService: 'CON-DS-1',
    appointmentScenario: 'COS',
    supplierNominatedMDRDIPID: SMART_RETRIEVAL.dipId,
    supplierNominatedMDRMPID: null,
    supplierNominatedMDREffectiveFromDate: '2025-04-01T00:00:00+01:00',
    supplierProposedConsentGranularity: 'M',
    supplierProposedDomesticIndicator: true,
    traditionalFallBackReadFrequency: 'Q',
  };

  it('IF-001 B004: the indicator of the registration, from its supply start (initial registration and change of supplier)', () => {
    expect(renderStated('IF-001', '[InitialRegistration]').CustomBlock.B004).toEqual({
      domesticPremiseIndicator: true,
      domesticPremiseIndicatorEffectiveFromDate: '2025-04-01T00:00:00+01:00',
    });
    expect(renderStated('IF-001', '[ChangeOfSupplier]').CustomBlock.B004).toEqual({
      domesticPremiseIndicator: false,
      domesticPremiseIndicatorEffectiveFromDate: '2025-05-01T00:00:00+01:00',
    });
  });

  it('IF-036 B028: the indicator in force on the appointment date, from the registration', () => {
    for (const code of ['[MSAppActive]', '[DSAppActive]']) {
      expect(renderStated('IF-036', code).CustomBlock.B028).toEqual({
        domesticPremiseIndicator: true,
        domesticPremiseIndicatorEffectiveFromDate: '2025-04-01T00:00:00+01:00',
      });
    }
  });

  it('IF-032, IF-033, IF-035 [DS…]: B071 echoes the proposal as recorded, each nominated MDR item as sent (a null MPID stays null)', () => {
    expect(renderStated('IF-032', '[DSAppInitialResp]').CustomBlock.B071).toEqual(b071);
    expect(renderStated('IF-033', '[DSAppSPRequest]').CustomBlock.B071).toEqual(b071);
    expect(renderStated('IF-035', '[DSAppAccepted]').CustomBlock.B071).toEqual(b071);
  });

  it('IF-036 [DSAppActive] B015: the proposed read frequency', () => {
    expect(renderStated('IF-036', '[DSAppActive]').CustomBlock.B015).toMatchObject({ traditionalFallBackReadFrequency: 'Q' });
  });
});

describe('renderPublication: inputs that cannot be rendered throw EgressRenderError', () => {
  const i = story.last('IF-036', '[MSAppActive]');
  const expectError = (overrides: Partial<RenderPublicationInput>, message: RegExp, issued: Issued = i) => {
    expect(() => renderPublication(inputOf(issued, story, overrides))).toThrow(EgressRenderError);
    expect(() => renderPublication(inputOf(issued, story, overrides))).toThrow(message);
  };

  it('an interface or event code the renderer does not know', () => {
    expectError({ publication: { ...i.publication, interfaceId: 'IF-099' } }, /no egress renderer for IF-099 \[MSAppActive\]/);
    expectError({ publication: { ...i.publication, eventCode: '[MSAppInactive]' } }, /no egress renderer for IF-036 \[MSAppInactive\]/);
    expectError({ publication: { ...i.publication, interfaceId: '__proto__' } }, /no egress renderer/);
  });

  it('a cause of another event type or MPAN, or a recipient the publication does not have', () => {
    const other = story.last('IF-044', '[MarketSegmentChange]');
    expectError({ causedBy: { event: other.event, stateAfter: i.stateAfter } }, /cannot be rendered from a MarketSegmentChanged event/);
    expectError({ publication: { ...i.publication, mpanCore: '1900012374324' } }, /is about MPAN 1900012374324/);
    expectError({ recipient: { role: 'SUP', dipId: '1000000004' } }, /SUP 1000000004 is not a recipient/);
    expectError({ publication: { ...i.publication, eventCode: '[DSAppActive]' } }, /not about the MS appointment/);
  });

  it('identity values outside their official types', () => {
    const identity = identityFor('IF-036', i.position, 0);
    expectError({ identity: { ...identity, registryDipId: '90000002' } }, /registryDipId/);
    expectError({ identity: { ...identity, senderUniqueReference: 'S-0001' } }, /DT-995/);
    expectError({ identity: { ...identity, transactionId: 'T'.repeat(66) } }, /DT-014/);
    expectError({ identity: { ...identity, publicationId: 'PUB-36' } }, /DI-986/);
    expectError({ identity: { ...identity, correlationId: 'C'.repeat(61) } }, /DT-011N/);
    expectError({ identity: { ...identity, recordedAt: '2025-04-10T10:00:00+01:00' } }, /not a UTC instant/);
    expectError({ identity: { ...identity, environmentTag: 'TEST' } }, /DT-013/);
  });

  it('required data the MPAN does not record: the domestic premise indicator (B028) before [DomPremInd]', () => {
    const state: CreatedMpanState = { ...i.stateAfter, domesticPremiseIndicator: [] };
    expectError({ causedBy: { event: i.event, stateAfter: state } }, /no domestic premise indicator .* is recorded, and B028 requires it/);
  });

  it('[ChangeOfSupplier] with no outgoing supplier in the event or the state', () => {
    const cos = story.last('IF-001', '[ChangeOfSupplier]');
    const event = { ...cos.event, data: { ...cos.event.data, outgoingSupplier: null } } as MpanEvent;
    const state = evolve({ ...cos.stateAfter, suppliers: [] }, event) as CreatedMpanState;
    expectError({ causedBy: { event, stateAfter: state } }, /needs an outgoing supplier \(B003\)/, cos);
  });

  it('a DS proposal with no consent granularity recorded anywhere', () => {
    const ds = story.last('IF-033', '[DSAppSPRequest]');
    const state: CreatedMpanState = { ...ds.stateAfter, consentGranularity: [] };
    expectError({ causedBy: { event: ds.event, stateAfter: state } }, /supplierProposedConsentGranularity is required/, ds);
  });
});
