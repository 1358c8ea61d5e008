import { d, given, givenState, mpanCreated, NORTHSTAR, supplierRegistered } from '../registration/testing/fixtures';
import {
  accepted,
  ADVANCED_DATA,
  ADVANCED_METERING,
  appointed,
  BRWE_MS,
  HALFHOUR,
  HISTORY,
  KESTREL,
  METERWISE,
  northstarCos,
  NSTP_ID,
  REQUEST_ID,
  requestAppointment,
  requested,
  segmentChanged,
  SETTLEMENT_DATA,
  SMART_RETRIEVAL,
  STREETLIGHT,
  SWITCHED,
} from './testing/fixtures';

/**
 * The IF-031 rules of each scenario and of the proposed provider (request-rules.ts), one `it` per
 * rule, exact codes and messages. Sender, date and supersession rules: decide-request-service-appointment.spec.ts.
 */
const unmetered = mpanCreated({ connectionType: 'U', meteredIndicator: false, marketSegment: 'U' });

describe('IF-031 rules of scenario COS', () => {
  it('CssRegistrationIdMissing (REG0005): COS must quote the CSS registration id (B013)', () => {
    given(SWITCHED).when(northstarCos({ cssRegistrationId: null })).then([
      { code: 'REG0005', rule: 'CssRegistrationIdMissing', message: 'COS request for MPAN 1012345678903 has no CSS registration id (B013)' },
    ]);
  });

  it("CssRegistrationIdNotSenders (REG0006): the id must be a registration of this MPAN, and the sender's", () => {
    given(SWITCHED).when(northstarCos({ cssRegistrationId: 'CSS-REG-9999' })).then([
      { code: 'REG0006', rule: 'CssRegistrationIdNotSenders', message: 'CSS registration id CSS-REG-9999 is not a registration of MPAN 1012345678903' },
    ]);
    given(SWITCHED).when(northstarCos({ cssRegistrationId: 'CSS-REG-0001' })).then([
      {
        code: 'REG0006',
        rule: 'CssRegistrationIdNotSenders',
        message: 'CSS registration id CSS-REG-0001 registers 1000000001 (BRWE), not the sender 1000000002 (NSTP)',
      },
    ]);
  });

  it('CosEffectiveFromNotSupplyStart (REG1032): COS is effective from the supply start date of that registration', () => {
    given(SWITCHED).when(northstarCos({ effectiveFromDate: d('2025-05-02') })).then([
      {
        code: 'REG1032',
        rule: 'CosEffectiveFromNotSupplyStart',
        message: 'COS MS effective-from date 2025-05-02 is not 2025-05-01, the supply start date of CSS registration CSS-REG-0002',
      },
    ]);
  });

  it("EffectiveFromOutsideSupplyPeriod (REG1019): the COS date lies in the requester's period of responsibility", () => {
    given(SWITCHED).when(northstarCos({ effectiveFromDate: d('2025-04-30') })).then([
      {
        code: 'REG1032',
        rule: 'CosEffectiveFromNotSupplyStart',
        message: 'COS MS effective-from date 2025-04-30 is not 2025-05-01, the supply start date of CSS registration CSS-REG-0002',
      },
      {
        code: 'REG1019',
        rule: 'EffectiveFromOutsideSupplyPeriod',
        message: 'MS effective-from date 2025-04-30 is not in a period of supply of 1000000002 (NSTP): the supplier registered on 2025-04-30 is 1000000001 (BRWE)',
      },
    ]);
  });
});

describe('IF-031 rules of scenarios CSP, USP, SEG', () => {
  it('RequesterNotSupplierOnEffectiveDate (REG1033): only the supplier registered on the effective-from date', () => {
    given(SWITCHED).when(requestAppointment({}, { supplier: NORTHSTAR })).then([
      {
        code: 'REG1033',
        rule: 'RequesterNotSupplierOnEffectiveDate',
        message: 'CSP is only for the supplier registered on 2025-04-20, not 1000000002 (NSTP): that is 1000000001 (BRWE)',
      },
    ]);
  });

  it('AppointmentNotContiguous (REG1032): no gap between the supply start and the appointment', () => {
    given(SWITCHED).when(requestAppointment({ effectiveFromDate: d('2025-05-03') }, { supplier: NORTHSTAR })).then([
      {
        code: 'REG1032',
        rule: 'AppointmentNotContiguous',
        message: 'MS effective-from date 2025-05-03 leaves a gap: no MS is appointed on 2025-05-02 and the supply start date is 2025-05-01',
      },
    ]);
    const fromStart = requestAppointment({ effectiveFromDate: d('2025-05-01') }, { supplier: NORTHSTAR });
    expect(given(SWITCHED).when(fromStart).decision.kind).toBe('accepted');
  });

  it('UspNotCurrentProvider (REG1025): USP names the provider appointed on the effective-from date', () => {
    given(HISTORY).when(requestAppointment({ appointmentScenario: 'USP' })).then([
      {
        code: 'REG1025',
        rule: 'UspNotCurrentProvider',
        message: 'USP must name the appointed MS, but proposes 2000000002 (MSSB): the MS appointed on 2025-04-20 is 2000000001 (MSSA)',
      },
    ]);
  });

  it('CspSameProvider (REG1026): CSP proposes a different provider', () => {
    given(HISTORY).when(requestAppointment({ providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid })).then([
      { code: 'REG1026', rule: 'CspSameProvider', message: 'CSP must propose a different MS, but 2000000001 (MSSA) is already the MS appointed on 2025-04-20' },
    ]);
  });

  it('SegProposesCurrentProvider (REG1095): SEG proposes a provider other than the current one', () => {
    const kestrelAppointed = [mpanCreated(), supplierRegistered(), ...appointed('MS', KESTREL, BRWE_MS)];
    givenState(segmentChanged(kestrelAppointed)).when(requestAppointment({ appointmentScenario: 'SEG' })).then([
      { code: 'REG1095', rule: 'SegProposesCurrentProvider', message: 'SEG must propose a new MS, but 2000000002 (MSSB) is already the MS appointed on 2025-04-20' },
    ]);
  });

  it('SegWithoutSegmentChange (LOC025): SEG only on a day the market segment changes', () => {
    given(HISTORY).when(requestAppointment({ appointmentScenario: 'SEG' })).then([
      {
        code: 'LOC025',
        rule: 'SegWithoutSegmentChange',
        message: 'SEG MS effective-from date 2025-04-20 is not a change of market segment: the segment is S on that day and S the day before',
      },
    ]);
  });

  it('AppointmentOverlapsRecorded (REG1032): not before a recorded appointment, nor on its first day for another provider', () => {
    const kestrelFrom20 = [...HISTORY, requested(), accepted(REQUEST_ID)];
    given(kestrelFrom20).when(requestAppointment({ effectiveFromDate: d('2025-04-15') }, { ref: 'S-IF-031-0002' })).then([
      {
        code: 'REG1032',
        rule: 'AppointmentOverlapsRecorded',
        message: 'MS effective-from date 2025-04-15 overlaps the recorded MS appointment of 2000000002 (MSSB) from 2025-04-20, which starts later',
      },
    ]);
    const cosAccepted = [...SWITCHED, requested({ appointmentId: NSTP_ID, requestingSupplierDipId: NORTHSTAR.dipId, requestingSupplierMpid: NORTHSTAR.mpid, effectiveFromDate: '2025-05-01', appointmentScenario: 'COS', cssRegistrationId: 'CSS-REG-0002' }), accepted(NSTP_ID)];
    given(cosAccepted).when(northstarCos({ providerDipId: METERWISE.dipId, providerMpid: METERWISE.mpid })).then([
      {
        code: 'REG1032',
        rule: 'AppointmentOverlapsRecorded',
        message: 'MS effective-from date 2025-05-01 overlaps the recorded MS appointment of 2000000002 (MSSB) from 2025-05-01, which starts on the same day',
      },
    ]);
  });
});

describe('IF-031 rules on the proposed provider', () => {
  it('ProviderIncompatibleWithSegment (REG1031): the provider holds the role the segment needs (Smart: MSS, SDS)', () => {
    given(HISTORY).when(requestAppointment({ providerDipId: ADVANCED_METERING.dipId, providerMpid: ADVANCED_METERING.mpid })).then([
      {
        code: 'REG1031',
        rule: 'ProviderIncompatibleWithSegment',
        message: 'proposed MS 2000000003 (MSAC) does not hold role MSS on 2025-04-20, the metering service role for market segment S',
      },
    ]);
    given(HISTORY).when(requestAppointment({ serviceType: 'DS', providerDipId: ADVANCED_DATA.dipId, providerMpid: ADVANCED_DATA.mpid })).then([
      {
        code: 'REG1031',
        rule: 'ProviderIncompatibleWithSegment',
        message: 'proposed DS 2000000013 (ADSC) does not hold role SDS on 2025-04-20, the data service role for market segment S',
      },
    ]);
  });

  it('UmsoNotValidForLdso (REG1030): on an unmetered MPAN the MS must hold UMSO', () => {
    const cos = { appointmentScenario: 'COS' as const, cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: d('2025-04-01'), requestedOn: d('2025-04-01') };
    given([unmetered, supplierRegistered()]).when(requestAppointment(cos)).then([
      {
        code: 'REG1030',
        rule: 'UmsoNotValidForLdso',
        message: 'proposed MS 2000000002 (MSSB) does not hold role UMSO on 2025-04-01, so is not a valid UMSO for the area of LDSO 3000000010 (EELC)',
      },
    ]);
    const umso = { ...cos, providerDipId: STREETLIGHT.dipId, providerMpid: STREETLIGHT.mpid };
    given([unmetered, supplierRegistered()]).when(requestAppointment(umso)).then([
      requested({ ...umso, providerRole: 'UMSO', cssRegistrationId: 'CSS-REG-0001', effectiveFromDate: '2025-04-01', requestedOn: '2025-04-01' }),
    ]);
  });

  it('ProposedMsMpidMismatch (REG1090): the MS MPID is its DIP id\'s; an unknown DIP id has none', () => {
    given(HISTORY).when(requestAppointment({ providerMpid: 'MSSA' })).then([
      { code: 'REG1090', rule: 'ProposedMsMpidMismatch', message: 'proposed MS MPID MSSA does not match DIP id 2000000002, whose MPID is MSSB' },
    ]);
    given(HISTORY).when(requestAppointment({ providerDipId: '2999999999', providerMpid: 'XXXX' })).then([
      { code: 'REG1090', rule: 'ProposedMsMpidMismatch', message: 'proposed MS DIP id 2999999999 is not a known participant, so MPID XXXX cannot be its MPID' },
    ]);
  });

  it("ProposedDsMpidMismatch (REG1091): the DS MPID is its DIP id's", () => {
    given(HISTORY).when(requestAppointment({ serviceType: 'DS', providerDipId: SETTLEMENT_DATA.dipId, providerMpid: 'SDSA' })).then([
      { code: 'REG1091', rule: 'ProposedDsMpidMismatch', message: 'proposed DS MPID SDSA does not match DIP id 2000000012, whose MPID is SDSB' },
    ]);
  });

  it('ProposedMsRoleMissing (REG1092): the proposed MS holds a metering service role on the date', () => {
    given(HISTORY).when(requestAppointment({ providerDipId: HALFHOUR.dipId, providerMpid: HALFHOUR.mpid })).then([
      { code: 'REG1092', rule: 'ProposedMsRoleMissing', message: 'proposed MS 2000000011 (SDSA) holds no metering service role (MSS, MSA, UMSO) on 2025-04-20' },
    ]);
  });

  it('ProposedDsRoleMissing (REG1093): the proposed DS holds a data service role on the date', () => {
    given(HISTORY).when(requestAppointment({ serviceType: 'DS', providerDipId: SMART_RETRIEVAL.dipId, providerMpid: SMART_RETRIEVAL.mpid })).then([
      { code: 'REG1093', rule: 'ProposedDsRoleMissing', message: 'proposed DS 2000000021 (MDRA) holds no data service role (SDS, ADS, UMSDS) on 2025-04-20' },
    ]);
  });
});
