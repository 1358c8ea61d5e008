import {
  DipMessageJson,
  dsAppMessage,
  dsAppSpResponseMessage,
  msAppMessage,
  msAppSpResponseMessage,
  SAMPLE,
  withValue,
  without,
} from './testing/fixtures';
import { formatWireError, validateDipMessage, WireError } from './validate-dip-message';

/**
 * validateDipMessage on the DIP interfaces IF-031 (`[MSApp]`, `[DSApp]`) and IF-034
 * (`[MSAppSPResponse]`, `[DSAppSPResponse]`): the DTOs mirror the official event schemas
 * (`IF-031-MSApp` …) and blocks B007, B012, B013, B018, B070, B071.
 */

const CB = 'payload.CommonBlock';
const CU = 'payload.CustomBlock';

type Build = () => DipMessageJson;
const EVENTS: [string, string, Build][] = [
  ['IF-031', '[MSApp]', msAppMessage],
  ['IF-031', '[DSApp]', dsAppMessage],
  ['IF-034', '[MSAppSPResponse]', msAppSpResponseMessage],
  ['IF-034', '[DSAppSPResponse]', dsAppSpResponseMessage],
];

function accepts(channel: string, message: unknown): void {
  const result = validateDipMessage(channel, message);
  if (!result.ok) throw new Error(result.errors.map(formatWireError).join('\n'));
}

function onlyError(channel: string, message: unknown): WireError {
  const result = validateDipMessage(channel, message);
  if (result.ok) throw new Error('expected the message to fail validation');
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

describe('validateDipMessage: IF-031 and IF-034, valid messages', () => {
  it.each(EVENTS)('accepts the %s %s fixture and narrows its custom block', (channel, eventCode, build) => {
    const result = validateDipMessage(channel, build());
    if (!result.ok) throw new Error(result.errors.map(formatWireError).join('\n'));
    expect([result.message.channelId, result.message.eventCode]).toEqual([channel, eventCode]);
  });

  it('types the custom block by channel and event code', () => {
    const result = validateDipMessage('IF-034', msAppSpResponseMessage());
    if (!result.ok || result.message.channelId !== 'IF-034' || result.message.eventCode !== '[MSAppSPResponse]') {
      throw new Error('expected a valid [MSAppSPResponse]');
    }
    const code: 'A' | 'R' = result.message.customBlock.B007.responseCode;
    // @ts-expect-error B071 is not a block of [MSAppSPResponse]
    expect(result.message.customBlock.B071).toBeUndefined();
    expect(code).toBe('A');
  });

  it.each<[string, string, DipMessageJson]>([
    ['IF-031', '[MSApp] without the optional B013 (a CSP)', without(msAppMessage(), `${CU}.B013`)],
    ['IF-031', '[DSApp] without the optional B013', without(dsAppMessage(), `${CU}.B013`)],
    ['IF-034', '[MSAppSPResponse] without the optional B013', without(msAppSpResponseMessage(), `${CU}.B013`)],
    ['IF-034', '[DSAppSPResponse] without B013', without(dsAppSpResponseMessage(), `${CU}.B013`)],
    ['IF-034', '[DSAppSPResponse] with the optional B070', withValue(dsAppSpResponseMessage(), `${CU}.B070`, msAppMessage().payload.CustomBlock.B070)],
    [
      'IF-034',
      '[DSAppSPResponse] with the optional B018 (the SDS nominates an MDR)',
      withValue(dsAppSpResponseMessage(), `${CU}.B018`, {
        SDSNominatedMDRDIPID: SAMPLE.providers.MDRA,
        SDSNominatedMDRMPID: 'MDRA',
        SDSNominatedMDRRequestedEffectiveFromDate: '2025-04-02T00:00:00+01:00',
      }),
    ],
    ['IF-031', 'a null metering contract reference (DI-019 is nullable)', withValue(msAppMessage(), `${CU}.B070.contractReferenceMeteringService`, null)],
    ['IF-031', 'a 50-character data contract reference', withValue(dsAppMessage(), `${CU}.B071.contractReferenceDataService`, 'C'.repeat(50))],
    ['IF-031', 'no nominated MDR (three nulls)', (() => {
      let m = dsAppMessage();
      for (const f of ['supplierNominatedMDRDIPID', 'supplierNominatedMDRMPID', 'supplierNominatedMDREffectiveFromDate']) m = withValue(m, `${CU}.B071.${f}`, null);
      return m;
    })()],
    ['IF-031', 'a null read frequency (DI-126 is nullable)', withValue(dsAppMessage(), `${CU}.B071.traditionalFallBackReadFrequency`, null)],
    ['IF-031', 'the official placeholder x of DI-838', withValue(dsAppMessage(), `${CU}.B071.supplierProposedConsentGranularity`, 'x')],
    ['IF-031', 'the official placeholder x of DI-126', withValue(dsAppMessage(), `${CU}.B071.traditionalFallBackReadFrequency`, 'x')],
    ['IF-031', 'a non-domestic proposal', withValue(dsAppMessage(), `${CU}.B071.supplierProposedDomesticIndicator`, false)],
    ['IF-031', 'an effective-from that is not local midnight (REG1032 is a business rule)', withValue(msAppMessage(), `${CU}.B070.proposedMeteringServiceDIPEffectiveFromDate`, '2025-05-01T12:00:00+01:00')],
    ['IF-031', 'an unknown provider DIP id (reference data is a business rule)', withValue(msAppMessage(), `${CU}.B070.proposedMeteringServiceDIPID`, SAMPLE.unknownProviderDipId)],
    [
      'IF-034',
      'a rejection with an SP code',
      withValue(msAppSpResponseMessage(), `${CU}.B007`, { responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract Reference not valid' }),
    ],
    ['IF-034', 'a null DI-143 response code', withValue(msAppSpResponseMessage(), `${CU}.B007.proposedAppointmentResponseCode`, null)],
    ['IF-034', 'a 200-character DI-143 response code', withValue(msAppSpResponseMessage(), `${CU}.B007.proposedAppointmentResponseCode`, 'S'.repeat(200))],
    ['IF-034', 'a sender role the wire does not check (the domain does)', msAppSpResponseMessage({ senderRoleId: 'SUP' })],
    ['IF-031', 'A0 left out', without(msAppMessage(), `${CB}.A0`)],
  ])('%s: accepts %s', (channel, _, message) => {
    accepts(channel, message);
  });

  it.each(['COS', 'CSP', 'USP', 'SEG', 'MCA', 'MCS', 'ALG'])('accepts the DI-800 appointment scenario %s in B070 and B071', (scenario) => {
    accepts('IF-031', withValue(msAppMessage(), `${CU}.B070.appointmentScenario`, scenario));
    accepts('IF-031', withValue(dsAppMessage(), `${CU}.B071.appointmentScenario`, scenario));
  });

  it.each(['H', 'D', 'M', 'N'])('accepts the DI-838 consent granularity %s', (value) => {
    accepts('IF-031', withValue(dsAppMessage(), `${CU}.B071.supplierProposedConsentGranularity`, value));
  });

  it.each(['W', 'F', 'M', 'Q', 'S', 'A'])('accepts the DI-126 read frequency %s', (value) => {
    accepts('IF-031', withValue(dsAppMessage(), `${CU}.B071.traditionalFallBackReadFrequency`, value));
  });
});

describe('validateDipMessage: IF-031 and IF-034, S0 and the channel', () => {
  it('refuses an IF-031 event posted on IF-034, and an IF-034 event on IF-031', () => {
    const result = validateDipMessage('IF-034', msAppMessage());
    expect(result.ok ? [] : result.errors).toEqual([
      { path: `${CB}.S0.interfaceID`, message: 'S0.interfaceID IF-031 does not match the channel IF-034 in the URL' },
      { path: `${CB}.S0.eventCode`, message: '[MSApp] is not an event code of channel IF-034 (expected one of [MSAppSPResponse], [DSAppSPResponse])' },
    ]);
    expect(onlyError('IF-031', withValue(msAppSpResponseMessage(), `${CB}.S0.interfaceID`, 'IF-031'))).toEqual({
      path: `${CB}.S0.eventCode`,
      message: '[MSAppSPResponse] is not an event code of channel IF-031 (expected one of [MSApp], [DSApp])',
    });
  });

  it('refuses [SDS-MDRUpdate] on IF-034 with a message that says it is not accepted yet', () => {
    const message = withValue(dsAppSpResponseMessage(), `${CB}.S0.eventCode`, '[SDS-MDRUpdate]');
    expect(onlyError('IF-034', message)).toEqual({
      path: `${CB}.S0.eventCode`,
      message:
        '[SDS-MDRUpdate] is not accepted on channel IF-034: an official IF-034 event (an SDS nominating its meter data retriever, B012/B018) that the registry does not accept yet (expected one of [MSAppSPResponse], [DSAppSPResponse])',
    });
  });

  it('refuses an unbracketed event code and another schema version', () => {
    expect(onlyError('IF-031', withValue(msAppMessage(), `${CB}.S0.eventCode`, 'MSApp')).message).toBe(
      'MSApp is not an event code of channel IF-031 (expected one of [MSApp], [DSApp])',
    );
    expect(onlyError('IF-031', withValue(msAppMessage(), `${CB}.S0.schemaVersion`, '010'))).toEqual({
      path: `${CB}.S0.schemaVersion`,
      message: 'schema version 010 is not accepted on channel IF-031 (expected 011)',
    });
  });

  it('refuses D0 on IF-034 too', () => {
    expect(onlyError('IF-034', withValue(msAppSpResponseMessage(), `${CB}.D0`, {})).path).toBe(`${CB}.D0`);
  });
});

describe('validateDipMessage: IF-031 and IF-034, unknown properties', () => {
  it.each<[string, Build, string, string]>([
    ['IF-031', msAppMessage, `${CU}.B071`, 'the [MSApp] CustomBlock (IF-031-MSApp) (expected: B013, B070)'],
    ['IF-031', dsAppMessage, `${CU}.B070`, 'the [DSApp] CustomBlock (IF-031-DSApp) (expected: B013, B071)'],
    ['IF-034', msAppSpResponseMessage, `${CU}.B018`, 'the [MSAppSPResponse] CustomBlock (IF-034-MSAppSPResponse) (expected: B007, B012, B013, B070)'],
    [
      'IF-034',
      dsAppSpResponseMessage,
      `${CU}.B072`,
      'the [DSAppSPResponse] CustomBlock (IF-034-DSAppSPResponse) (expected: B007, B012, B013, B070, B071, B018)',
    ],
    ['IF-031', msAppMessage, `${CU}.B013.CSSRegistrationRequestID`, 'B013 (CSS Registration Request Id) (expected: CSSRegistrationID)'],
    [
      'IF-031',
      msAppMessage,
      `${CU}.B070.contractReference`,
      'B070 (Proposed MeteringService) (expected: proposedMeteringServiceDIPID, proposedMeteringServiceMPID, proposedMeteringServiceDIPEffectiveFromDate, contractReferenceMeteringService, appointmentScenario)',
    ],
    ['IF-031', dsAppMessage, `${CU}.B071.proposedMeteringServiceDIPID`, expect.stringMatching(/^B071 \(Proposed Data Service\) \(expected: proposedDataServiceDIPID, /)],
    ['IF-034', msAppSpResponseMessage, `${CU}.B007.reason`, 'B007 (New SP Outcome) (expected: responseCode, proposedAppointmentResponseCode)'],
    [
      'IF-034',
      msAppSpResponseMessage,
      `${CU}.B012.supplierDIPID`,
      'B012 (Service Provider Appointment Requesting Supplier) (expected: serviceProviderAppointmentRequestingSupplierDIPID, serviceProviderAppointmentRequestingSupplierMPID)',
    ],
    [
      'IF-034',
      () =>
        withValue(dsAppSpResponseMessage(), `${CU}.B018`, {
          SDSNominatedMDRDIPID: SAMPLE.providers.MDRA,
          SDSNominatedMDRMPID: 'MDRA',
          SDSNominatedMDRRequestedEffectiveFromDate: '2025-04-02T00:00:00+01:00',
        }),
      `${CU}.B018.SDSNominatedMDREffectiveFromDate`,
      'B018 (SDS Nominated MDR) (expected: SDSNominatedMDRDIPID, SDSNominatedMDRMPID, SDSNominatedMDRRequestedEffectiveFromDate)',
    ],
  ])('%s refuses %#: %s', (channel, build, path, label) => {
    const error = onlyError(channel, withValue(build(), path, 'x'));
    expect(error.path).toBe(path);
    expect(error.message.replace(/^is not a property of /, '')).toEqual(label);
  });
});

describe('validateDipMessage: IF-031 and IF-034, required blocks and fields', () => {
  it.each<[string, string, string, Build]>([
    ['IF-031', '[MSApp]', 'B070', msAppMessage],
    ['IF-031', '[DSApp]', 'B071', dsAppMessage],
    ['IF-034', '[MSAppSPResponse]', 'B007', msAppSpResponseMessage],
    ['IF-034', '[MSAppSPResponse]', 'B012', msAppSpResponseMessage],
    ['IF-034', '[MSAppSPResponse]', 'B070', msAppSpResponseMessage],
    ['IF-034', '[DSAppSPResponse]', 'B007', dsAppSpResponseMessage],
    ['IF-034', '[DSAppSPResponse]', 'B012', dsAppSpResponseMessage],
    ['IF-034', '[DSAppSPResponse]', 'B071', dsAppSpResponseMessage],
  ])('%s %s requires %s', (channel, _event, block, build) => {
    expect(onlyError(channel, without(build(), `${CU}.${block}`))).toEqual({ path: `${CU}.${block}`, message: 'is required' });
  });

  it.each([
    ['B070', 'proposedMeteringServiceDIPID', 'is required'],
    ['B070', 'proposedMeteringServiceMPID', 'is required'],
    ['B070', 'proposedMeteringServiceDIPEffectiveFromDate', 'is required'],
    ['B070', 'contractReferenceMeteringService', 'is required (null is allowed)'],
    ['B070', 'appointmentScenario', 'is required'],
  ])('[MSApp] requires %s.%s', (block, field, message) => {
    expect(onlyError('IF-031', without(msAppMessage(), `${CU}.${block}.${field}`))).toEqual({ path: `${CU}.${block}.${field}`, message });
  });

  it.each([
    ['proposedDataServiceDIPID', 'is required'],
    ['proposedDataServiceMPID', 'is required'],
    ['proposedDataServiceDIPEffectiveFromDate', 'is required'],
    ['contractReferenceDataService', 'is required (null is allowed)'],
    ['appointmentScenario', 'is required'],
    ['supplierNominatedMDRDIPID', 'is required (null is allowed)'],
    ['supplierNominatedMDRMPID', 'is required (null is allowed)'],
    ['supplierNominatedMDREffectiveFromDate', 'is required (null is allowed)'],
    ['supplierProposedConsentGranularity', 'is required'],
    ['supplierProposedDomesticIndicator', 'is required'],
    ['traditionalFallBackReadFrequency', 'is required (null is allowed)'],
  ])('[DSApp] requires B071.%s', (field, message) => {
    expect(onlyError('IF-031', without(dsAppMessage(), `${CU}.B071.${field}`))).toEqual({ path: `${CU}.B071.${field}`, message });
  });

  it.each([
    ['B007', 'responseCode', 'is required'],
    ['B007', 'proposedAppointmentResponseCode', 'is required (null is allowed)'],
    ['B012', 'serviceProviderAppointmentRequestingSupplierDIPID', 'is required'],
    ['B012', 'serviceProviderAppointmentRequestingSupplierMPID', 'is required'],
  ])('[MSAppSPResponse] requires %s.%s', (block, field, message) => {
    expect(onlyError('IF-034', without(msAppSpResponseMessage(), `${CU}.${block}.${field}`))).toEqual({ path: `${CU}.${block}.${field}`, message });
  });

  it.each([
    ['appointmentScenario', null, 'must not be null'],
    ['supplierProposedConsentGranularity', null, 'must not be null'],
    ['supplierProposedDomesticIndicator', null, 'must not be null'],
    ['proposedDataServiceDIPEffectiveFromDate', null, 'must not be null'],
  ])('[DSApp] refuses a null B071.%s (not nullable)', (field, value, message) => {
    expect(onlyError('IF-031', withValue(dsAppMessage(), `${CU}.B071.${field}`, value))).toEqual({ path: `${CU}.B071.${field}`, message });
  });

  it('refuses a B018 without its date and a null optional block', () => {
    const b018 = { SDSNominatedMDRDIPID: SAMPLE.providers.MDRA, SDSNominatedMDRMPID: 'MDRA' };
    expect(onlyError('IF-034', withValue(dsAppSpResponseMessage(), `${CU}.B018`, b018))).toEqual({
      path: `${CU}.B018.SDSNominatedMDRRequestedEffectiveFromDate`,
      message: 'is required',
    });
    expect(onlyError('IF-031', withValue(msAppMessage(), `${CU}.B013`, null))).toEqual({
      path: `${CU}.B013`,
      message: 'must not be null (leave the property out instead)',
    });
  });
});

describe('validateDipMessage: IF-031 and IF-034, data types', () => {
  it.each([
    ['L', "must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got \"L\": L (lapsed) is an outcome the registry issues, not a provider's answer"],
    ['W', "must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got \"W\": W (warning) is an outcome the registry issues, not a provider's answer"],
    ['x', "must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got \"x\""],
    ['a', "must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got \"a\""],
    ['AR', "must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got \"AR\""],
    [true, "must be A (accept) or R (reject) (DI-979 response code in a provider's IF-034 answer), got boolean true"],
  ])('refuses the provider response code %p', (value, message) => {
    for (const build of [msAppSpResponseMessage, dsAppSpResponseMessage]) {
      expect(onlyError('IF-034', withValue(build(), `${CU}.B007.responseCode`, value))).toEqual({ path: `${CU}.B007.responseCode`, message });
    }
  });

  it.each<[string, Build, string, unknown, string | RegExp]>([
    ['IF-031', msAppMessage, 'B070.appointmentScenario', 'COT', 'must be one of COS, CSP, USP, SEG, MCA, MCS, ALG (DI-800 appointment scenario), got "COT"'],
    ['IF-031', msAppMessage, 'B070.appointmentScenario', 'cos', /DI-800 appointment scenario\), got "cos"$/],
    ['IF-031', dsAppMessage, 'B071.appointmentScenario', '', /DI-800 appointment scenario\), got ""$/],
    ['IF-031', dsAppMessage, 'B071.supplierProposedConsentGranularity', 'Y', 'must be one of H, D, M, N, x (DI-838 supplier proposed consent granularity), got "Y"'],
    ['IF-031', dsAppMessage, 'B071.traditionalFallBackReadFrequency', 'D', 'must be one of W, F, M, Q, S, A, x (DI-126 traditional / fall-back read frequency), got "D"'],
    ['IF-031', dsAppMessage, 'B071.supplierProposedDomesticIndicator', 'true', 'must be true or false (DI-837 supplier proposed domestic indicator), got "true"'],
    ['IF-031', msAppMessage, 'B070.contractReferenceMeteringService', '', /^must be 1–50 characters \(DI-019 metering service contract reference\), got 0/],
    ['IF-031', dsAppMessage, 'B071.contractReferenceDataService', 'C'.repeat(51), /^must be 1–50 characters \(DI-020 data service contract reference\), got 51/],
    ['IF-031', msAppMessage, 'B070.contractReferenceMeteringService', 42, /^must be a string of 1–50 characters/],
    ['IF-034', msAppSpResponseMessage, 'B007.proposedAppointmentResponseCode', '', /^must be 1–200 characters \(DI-143 proposed appointment response code\), got 0/],
    ['IF-034', msAppSpResponseMessage, 'B007.proposedAppointmentResponseCode', 'S'.repeat(201), /got 201/],
    ['IF-031', msAppMessage, 'B070.proposedMeteringServiceDIPID', '200000001', /^must be exactly 10 digits \(DT-006 DIP participant id\)/],
    ['IF-031', dsAppMessage, 'B071.supplierNominatedMDRDIPID', 'MDRA', /^must be exactly 10 digits \(DT-006 DIP participant id\)/],
    ['IF-034', msAppSpResponseMessage, 'B012.serviceProviderAppointmentRequestingSupplierDIPID', 1000000001, /^must be exactly 10 digits/],
    ['IF-031', msAppMessage, 'B070.proposedMeteringServiceMPID', 'mssa', 'must match ^[A-Z]{4}$ (DT-027 MPID), got "mssa"'],
    ['IF-031', dsAppMessage, 'B071.supplierNominatedMDRMPID', 'MDR', 'must be exactly 4 characters (DT-027 MPID), got 3: "MDR"'],
    ['IF-034', msAppSpResponseMessage, 'B012.serviceProviderAppointmentRequestingSupplierMPID', 'BRWE1', /^must be exactly 4 characters \(DT-027 MPID\)/],
    ['IF-031', msAppMessage, 'B013.CSSRegistrationID', 'x'.repeat(37), /^must be at most 36 characters \(DI-849 CSS registration id\), got 37/],
  ])('%s %#: %s = %p is refused', (channel, build, field, value, message) => {
    const error = onlyError(channel, withValue(build(), `${CU}.${field}`, value));
    expect(error.path).toBe(`${CU}.${field}`);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it.each<[string, Build, string, unknown, RegExp]>([
    ['IF-031', msAppMessage, 'B070.proposedMeteringServiceDIPEffectiveFromDate', '2025-04-02', /must be exactly 25 characters/],
    ['IF-031', msAppMessage, 'B070.proposedMeteringServiceDIPEffectiveFromDate', '2025-04-01T23:00:00Z', /must be exactly 25 characters/],
    ['IF-031', dsAppMessage, 'B071.proposedDataServiceDIPEffectiveFromDate', '2025-02-30T00:00:00+00:00', /^2025-02-30 is not a calendar date/],
    ['IF-031', dsAppMessage, 'B071.supplierNominatedMDREffectiveFromDate', '2025-04-02T24:00:00+01:00', /is not a time of day/],
    ['IF-034', msAppSpResponseMessage, 'B070.proposedMeteringServiceDIPEffectiveFromDate', '2025-04-02T00:00:00+15:00', /^offset \+15:00 is not a UTC offset/],
    ['IF-034', dsAppSpResponseMessage, 'B071.proposedDataServiceDIPEffectiveFromDate', 20250402, /must be a DT-003 date-time string/],
  ])('%s %#: the date %s = %p is refused', (channel, build, field, value, message) => {
    const error = onlyError(channel, withValue(build(), `${CU}.${field}`, value));
    expect(error.path).toBe(`${CU}.${field}`);
    expect(error.message).toMatch(message);
  });

  it('refuses a bad B018 date on [DSAppSPResponse]', () => {
    const b018 = {
      SDSNominatedMDRDIPID: SAMPLE.providers.MDRA,
      SDSNominatedMDRMPID: 'MDRA',
      SDSNominatedMDRRequestedEffectiveFromDate: '2025-04-02T00:00:00',
    };
    expect(onlyError('IF-034', withValue(dsAppSpResponseMessage(), `${CU}.B018`, b018)).path).toBe(
      `${CU}.B018.SDSNominatedMDRRequestedEffectiveFromDate`,
    );
  });

  it('reports every error of a broken IF-031 together, in check order', () => {
    let message: unknown = dsAppMessage();
    message = withValue(message, `${CU}.B071.supplierProposedConsentGranularity`, 'h');
    message = withValue(message, `${CU}.B071.appointmentScenario`, 'XYZ');
    message = withValue(message, `${CB}.S1.senderUniqueReference`, 'S-IF-031-1000000001-sup-20250320-1');
    const result = validateDipMessage('IF-031', message);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      `${CB}.S1.senderUniqueReference`,
      `${CU}.B071.appointmentScenario`,
      `${CU}.B071.supplierProposedConsentGranularity`,
    ]);
  });
});
