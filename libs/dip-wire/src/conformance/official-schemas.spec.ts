import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mpanCheckDigit } from '@app/registration-domain';
import {
  changeOfSupplierMessage,
  consentGranularityMessage,
  domPremIndMessage,
  dsAppMessage,
  dsAppSpResponseMessage,
  initialRegistrationMessage,
  marketSegmentChangeMessage,
  meterInstallMessage,
  meterRemovalMessage,
  meterUpdateMessage,
  mpanCreationMessage,
  mpanDisconnectionMessage,
  msAppMessage,
  msAppSpResponseMessage,
  VALID_MESSAGES,
  withValue,
  without,
} from '../testing/fixtures';
import { INPUT_CHANNELS } from './input-channels';
import { loadOfficialSchemas, officialSchemas, validateInputMessage } from './official-schemas';
import { OFFICIAL_OPENAPI_RELATIVE_PATH, findRepoRoot } from './repo-root';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = findRepoRoot();
const document = JSON.parse(readFileSync(join(root, OFFICIAL_OPENAPI_RELATIVE_PATH), 'utf8')) as Json;
const examples = document.components.examples as Record<string, { value: Json | Json[] }>;

function messagesOf(exampleName: string): Json[] {
  const value = examples[exampleName]!.value;
  return structuredClone(Array.isArray(value) ? value : [value]);
}

/**
 * The one quirk of the official examples that the JSON schema sees, as documented in
 * reference/dip/README.md: `S0.InterfaceID` instead of `S0.interfaceID`. The README's other known
 * quirks (MPAN 2000056535972 with a wrong check digit, GSP `_K` with distributor 20, `senderRoleID`
 * SUP on a message REGS sends) are business facts the schema does not check, so they need no fixing.
 */
function fixDocumentedQuirks(message: Json): Json {
  const s0 = message.payload.CommonBlock.S0;
  if ('InterfaceID' in s0) {
    s0.interfaceID = s0.InterfaceID;
    delete s0.InterfaceID;
  }
  return message;
}

describe('official DIP schemas (OpenAPI 2.2.1)', () => {
  const schemas = officialSchemas();

  it('compiles every schema of components.schemas into one Ajv instance', () => {
    expect(schemas.documentVersion).toBe('2.2.1');
    expect(schemas.compileAll()).toBe(Object.keys(document.components.schemas).length);
    expect(schemas.hasSchema('S1')).toBe(true);
    expect(schemas.hasSchema('IF-050-MPANCreation')).toBe(true);
    expect(schemas.hasSchema('IF-999-Nothing')).toBe(false);
  });

  it('has every official event schema the input channels mirror, each with a CustomBlock', () => {
    for (const channel of Object.values(INPUT_CHANNELS)) {
      for (const event of channel.events) {
        expect(schemas.hasSchema(event.mirroredSchema)).toBe(true);
        expect(document.components.schemas[event.mirroredSchema].properties.CustomBlock).toBeDefined();
      }
    }
  });

  it('is a cached singleton, and finds the document from compiled output folders too', () => {
    expect(officialSchemas()).toBe(schemas);
    expect(findRepoRoot(join(root, 'dist', 'libs', 'dip-wire', 'src', 'conformance'))).toBe(root);
    expect(() => loadOfficialSchemas('reference/dip/missing.json')).toThrow(/cannot load the DIP OpenAPI document/);
  });

  it('throws RangeError for a schema name the document does not have', () => {
    expect(() => schemas.validate('IF-999-Nothing', {})).toThrow(RangeError);
  });

  it('reads nullable the OpenAPI 3.0 way, also on nullable enums', () => {
    expect(schemas.validate('DT-003N-DateTime', null).valid).toBe(true);
    expect(schemas.validate('DT-003-DateTime', null)).toEqual({
      valid: false,
      errors: ['(root): must be string (got null)'],
    });
    // DI-137 is `nullable: true` with enum [I, D, E, F]; OpenAPI 3.0.3 says null is allowed.
    expect(schemas.validate('DI-137-IHD-Install-Status', null).valid).toBe(true);
    expect(schemas.validate('DI-137-IHD-Install-Status', 'Z').valid).toBe(false);
  });

  describe('official examples (components.examples) against their payload schemas', () => {
    // Examples that are valid once the documented InterfaceID quirk is fixed.
    it.each([
      ['IF-043', 'IF-043-Payload'],
      ['IF-044', 'IF-044-Payload'],
    ])('%s validates against %s', (exampleName, schemaName) => {
      for (const message of messagesOf(exampleName).map(fixDocumentedQuirks)) {
        expect(schemas.validate(schemaName, message.payload)).toEqual({ valid: true, errors: [] });
        expect(schemas.validate('DIPMessage', message).valid).toBe(true);
      }
    });

    it('the schema does not check MPAN check digits (IF-043 carries 2000056535972, a known quirk)', () => {
      const core = messagesOf('IF-043')[0]!.payload.CommonBlock.M0.MPANCore as string;
      expect(core).toBe('2000056535972');
      expect(mpanCheckDigit(core.slice(0, 12))).toBe(1);
    });

    // The other examples are not skipped: each is pinned to its exact remaining defects, all of them
    // defects of the example (field names or shapes older than the 011 schemas), none in the schema.
    it.each<[string, string, string[]]>([
      [
        'IF-001-InitialRegistration',
        'IF-001-InitialRegistration',
        [
          // B013 is spelt CSSRegistrationRequestID in the examples; the schema's item is CSSRegistrationID.
          "/CustomBlock/B013: must have required property 'CSSRegistrationID'",
          // B002's date is supplierEffectiveFromDate in the schema (the examples use an older name).
          "/CustomBlock/B002: must have required property 'supplierEffectiveFromDate'",
          "/CustomBlock/B002: must NOT have additional properties: 'incomingSupplierEffectiveFromDate'",
          // DI-123 SSC is four digits; the example sends "83".
          '/CustomBlock/B032/SSC: must NOT have fewer than 4 characters (got "83")',
          '/CustomBlock/B032/SSC: must match pattern "^\\d{4,4}$" (got "83")',
          // B035List / B037List are arrays in the schema; the example sends single objects.
          '/CustomBlock/B035List: must be array (got {"linkedImportExportMPAN":"2000056535971","linkedMPANEner...)',
          '/CustomBlock/B037List: must be array (got {"primaryMPAN":"2000056535971","secondaryMPAN":"200005653...)',
        ],
      ],
      [
        'IF-001-ChangeOfSupplier',
        'IF-001-ChangeOfSupplier',
        [
          "/CustomBlock/B013: must have required property 'CSSRegistrationID'",
          "/CustomBlock/B002: must have required property 'supplierEffectiveFromDate'",
          "/CustomBlock/B002: must NOT have additional properties: 'incomingSupplierEffectiveFromDate'",
          // B003's date is supplierEffectiveToDate in the schema.
          "/CustomBlock/B003: must have required property 'supplierEffectiveToDate'",
          "/CustomBlock/B003: must NOT have additional properties: 'outgoingSupplierEffectiveToDate'",
          '/CustomBlock/B032/SSC: must NOT have fewer than 4 characters (got "83")',
          '/CustomBlock/B032/SSC: must match pattern "^\\d{4,4}$" (got "83")',
        ],
      ],
      [
        'IF-002',
        'IF-002-Payload',
        [
          // IF-002 has no B035List/B037List (it has B905List, B907List, B908List).
          "/CustomBlock: must NOT have additional properties: 'B035List'",
          "/CustomBlock: must NOT have additional properties: 'B037List'",
          "/CustomBlock/B013: must have required property 'CSSRegistrationID'",
          '/CustomBlock/B032/SSC: must NOT have fewer than 4 characters (got "83")',
          '/CustomBlock/B032/SSC: must match pattern "^\\d{4,4}$" (got "83")',
        ],
      ],
      [
        // The IF-003 example is a copy of the IF-037 [MSDeApp] example with the interface id changed:
        // IF-003's event is [MSDeAppRM] and has no B010.
        'IF-003-MSDeAppRM',
        'IF-003-MSDeAppRM',
        [
          '/CommonBlock/S0/eventCode: must be equal to one of the allowed values: "[MSDeAppRM]" (got "[MSDeApp]")',
          "/CustomBlock: must NOT have additional properties: 'B010'",
          "/CustomBlock/B013: must have required property 'CSSRegistrationID'",
          "/CustomBlock/B002: must have required property 'supplierEffectiveFromDate'",
          "/CustomBlock/B002: must NOT have additional properties: 'incomingSupplierEffectiveFromDate'",
        ],
      ],
      [
        'IF-037-MSDeApp',
        'IF-037-MSDeApp',
        [
          "/CustomBlock/B013: must have required property 'CSSRegistrationID'",
          "/CustomBlock/B002: must have required property 'supplierEffectiveFromDate'",
          "/CustomBlock/B002: must NOT have additional properties: 'incomingSupplierEffectiveFromDate'",
        ],
      ],
      [
        // The IF-021 example uses a pre-2.x naming throughout (S0.interfaceId, S1.environment,
        // sentTimestamp, senderDIPId, senderRole, ...; B900List for B900).
        'IF-021',
        'IF-021-Payload',
        [
          "/CommonBlock/S0: must have required property 'interfaceID'",
          "/CommonBlock/S0: must NOT have additional properties: 'interfaceId'",
          "/CommonBlock/S1: must have required property 'environmentTag'",
          "/CommonBlock/S1: must have required property 'senderTimestamp'",
          "/CommonBlock/S1: must have required property 'senderDIPID'",
          "/CommonBlock/S1: must have required property 'senderCorrelationID'",
          "/CommonBlock/S1: must have required property 'DIPConnectionProviderID'",
          "/CommonBlock/S1: must have required property 'senderRoleID'",
          "/CommonBlock/S1: must NOT have additional properties: 'environment'",
          "/CommonBlock/S1: must NOT have additional properties: 'sentTimestamp'",
          "/CommonBlock/S1: must NOT have additional properties: 'senderDIPId'",
          "/CommonBlock/S1: must NOT have additional properties: 'senderRole'",
          "/CommonBlock/S1: must NOT have additional properties: 'senderCorrelationId'",
          "/CommonBlock/S1: must NOT have additional properties: 'DIPConnectionProviderId'",
          "/CustomBlock: must have required property 'B900'",
          "/CustomBlock: must NOT have additional properties: 'B900List'",
        ],
      ],
      [
        // REP-002: schema version 006 (the schema accepts 008/009), an event code the schema does not
        // list, and the custom data wrapped in a `schema` object.
        'REP-002',
        'REP-002-Payload',
        [
          '/CommonBlock/S0/schemaVersion: must be equal to one of the allowed values: "008", "009" (got "006")',
          '/CommonBlock/S0/eventCode: must be equal to one of the allowed values: "[DUOSSupplierAggData]" (got "[DUoSLDSOAggData]")',
          "/CustomBlock/schema: must NOT have additional properties: 'REP-002-CustomBlock'",
        ],
      ],
    ])('%s against %s fails only on its own defects', (exampleName, schemaName, expectedErrors) => {
      for (const message of messagesOf(exampleName).map(fixDocumentedQuirks)) {
        expect(schemas.validate(schemaName, message.payload)).toEqual({ valid: false, errors: expectedErrors });
      }
    });

    it('covers every example in the document', () => {
      expect(Object.keys(examples).sort()).toEqual(
        [
          'IF-001-ChangeOfSupplier', 'IF-001-InitialRegistration', 'IF-002', 'IF-003-MSDeAppRM', 'IF-021',
          'IF-037-MSDeApp', 'IF-043', 'IF-044', 'REP-002',
        ].sort(),
      );
    });

    it('the IF-001 examples validate once their older field names and shapes are corrected', () => {
      for (const name of ['IF-001-InitialRegistration', 'IF-001-ChangeOfSupplier']) {
        for (const message of messagesOf(name).map(fixDocumentedQuirks)) {
          const cb = message.payload.CustomBlock;
          cb.B013 = { CSSRegistrationID: cb.B013.CSSRegistrationRequestID };
          cb.B002.supplierEffectiveFromDate = cb.B002.incomingSupplierEffectiveFromDate;
          delete cb.B002.incomingSupplierEffectiveFromDate;
          if (cb.B003) {
            cb.B003.supplierEffectiveToDate = cb.B003.outgoingSupplierEffectiveToDate;
            delete cb.B003.outgoingSupplierEffectiveToDate;
          }
          cb.B032.SSC = cb.B032.SSC.padStart(4, '0');
          for (const list of ['B035List', 'B037List']) {
            if (cb[list] && !Array.isArray(cb[list])) cb[list] = [cb[list]];
          }
          expect(schemas.validate(name, message.payload)).toEqual({ valid: true, errors: [] });
        }
      }
    });
  });
});

describe('validateInputMessage (docs/adr/0003 input channels)', () => {
  function mpanCreation(): Json {
    const at = '2025-04-01T00:00:00+01:00';
    const address = {
      meteringPointPostcode: 'NR1 3QY',
      addressLine1: '12 Mill Lane',
      addressLine2: 'Norwich',
      addressLine3: null,
      addressLine4: null,
      addressLine5: null,
      addressLine6: null,
      addressLine7: null,
      addressLine8: null,
      addressLine9: null,
    };
    return {
      payload: {
        CommonBlock: {
          S0: { interfaceID: 'REGS-LDSO', schemaVersion: '011', eventCode: '[MPANCreation]' },
          S1: {
            environmentTag: 'DEV',
            subText: null,
            senderUniqueReference: 'S-050-3000000010-LDSO-20250401-1',
            senderTimestamp: '2025-04-01T09:15:00+01:00',
            senderDIPID: '3000000010',
            senderRoleID: 'LDSO',
            senderCorrelationID: null,
            DIPConnectionProviderID: null,
          },
          M0: { MPANCore: '1012345678903', distributorDIPID: '3000000010', GSPGroupID: '_A' },
        },
        CustomBlock: {
          B001: { GSPGroupEffectiveFromDate: at },
          B022: address,
          B023: { connectionTypeIndicator: 'W', connectionTypeEffectiveFromDate: at, energyDirection: 'I', meteredIndicator: true },
          B024: { DUOSTariffID: '1', DUOSTariffIDEffectiveFromDate: at },
          B025: { energisationStatus: 'D', energisationStatusEffectiveFromDate: at },
          B026: { marketSegmentIndicator: 'S', marketSegmentIndicatorEffectiveFromDate: at },
          B079: { RMPStatus: 'C', RMPStatusEffectiveFromDate: at, MPStatus: 'N', MPStatusEffectiveFromDate: at },
        },
      },
    };
  }

  it('accepts a well-formed [MPANCreation] and names the mirrored schema', () => {
    expect(validateInputMessage(mpanCreation(), 'REGS-LDSO')).toEqual({
      valid: true,
      errors: [],
      channel: 'REGS-LDSO',
      eventCode: '[MPANCreation]',
      mirroredSchema: 'IF-050-MPANCreation',
    });
  });

  it('accepts an optional A0 and checks it against the official A0', () => {
    const m = mpanCreation();
    m.payload.CommonBlock.A0 = { primaryRecipients: ['9000000002'], secondaryRecipients: [], always: [] };
    expect(validateInputMessage(m).valid).toBe(true);
    m.payload.CommonBlock.A0.primaryRecipients = ['REGS'];
    expect(validateInputMessage(m).errors).toEqual([
      '/payload/CommonBlock/A0/primaryRecipients/0: must NOT have fewer than 10 characters (got "REGS")',
    ]);
  });

  it('rejects a broken message with readable errors naming where', () => {
    const m = mpanCreation();
    m.payload.CommonBlock.S1.senderTimestamp = '2025-04-01T08:15:00Z';
    m.payload.CommonBlock.S1.senderUniqueReference = 'S-050-3000000010-ldso-20250401-1';
    delete m.payload.CustomBlock.B079;
    m.payload.CustomBlock.B023.connectionTypeIndicator = 'X';
    const result = validateInputMessage(m, 'REGS-LDSO');
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      '/payload/CommonBlock/S1/senderUniqueReference: must match pattern "^S-((IF|REP)-)?\\d{3}[A-B]?-[0-9a-fA-F]{10}-[A-Z]{3,5}-\\d{8}-[a-zA-Z0-9]+$" (got "S-050-3000000010-ldso-20250401-1")',
      '/payload/CommonBlock/S1/senderTimestamp: must NOT have fewer than 25 characters (got "2025-04-01T08:15:00Z")',
      "/payload/CustomBlock: must have required property 'B079'",
      '/payload/CustomBlock/B023/connectionTypeIndicator: must be equal to one of the allowed values: "W", "L", "H", "E", "U" (got "X")',
    ]);
  });

  it('checks S0 against the channel: interface id, schema version, bracketed event code of that channel', () => {
    const m = mpanCreation();
    m.payload.CommonBlock.S0 = { InterfaceID: 'REGS-LDSO', schemaVersion: '010', eventCode: 'MPANCreation' };
    expect(validateInputMessage(m, 'REGS-LDSO').errors).toEqual([
      "/payload/CommonBlock/S0: must have required property 'interfaceID'",
      "/payload/CommonBlock/S0: must NOT have additional properties: 'InterfaceID'",
      '/payload/CommonBlock/S0/schemaVersion: must be equal to one of the allowed values: "011" (got "010")',
      '/payload/CommonBlock/S0/eventCode: must be equal to one of the allowed values: "[MPANCreation]", "[AddressChg]", "[GSPChg]", "[DUOSTariffIDChg]", "[EnergyDirection]", "[MarketSegmentChange]", "[ConnectionTypeChange]", "[DomPremInd]", "[MPANDisconnection]", "[MPANReconnection]" (got "MPANCreation")',
    ]);
    const css = mpanCreation();
    css.payload.CommonBlock.S0.interfaceID = 'REGS-CSS';
    expect(validateInputMessage(css).errors).toContain(
      '/payload/CommonBlock/S0/eventCode: must be equal to one of the allowed values: "[InitialRegistration]", "[ChangeOfSupplier]" (got "[MPANCreation]")',
    );
    expect(validateInputMessage(mpanCreation(), 'REGS-CSS').errors).toContain(
      '/payload/CommonBlock/S0/interfaceID: must be equal to one of the allowed values: "REGS-CSS" (got "REGS-LDSO")',
    );
  });

  it('validates the CustomBlock against the mirrored event, not another event of the channel', () => {
    const m = mpanCreation();
    m.payload.CommonBlock.S0.eventCode = '[DUOSTariffIDChg]';
    const result = validateInputMessage(m);
    expect(result.mirroredSchema).toBe('IF-018-DUOSTariffIDChg');
    expect(result.errors).toContain("/payload/CustomBlock: must NOT have additional properties: 'B079'");
  });

  it('refuses D0 on input and any unknown envelope member', () => {
    const m = mpanCreation();
    m.payload.CommonBlock.D0 = { transactionID: 'T-1' };
    m.payload.extra = true;
    expect(validateInputMessage(m).errors).toEqual([
      '/payload/CommonBlock/D0: refused on input (the DIP adds D0 on egress only)',
      "/payload: must NOT have additional properties: 'extra'",
    ]);
  });

  it('requires B013 and B002 on switching-service events', () => {
    const result = validateInputMessage({
      payload: {
        CommonBlock: { ...mpanCreation().payload.CommonBlock, S0: { interfaceID: 'REGS-CSS', schemaVersion: '011', eventCode: '[InitialRegistration]' } },
        CustomBlock: {},
      },
    });
    expect(result.mirroredSchema).toBe('IF-001-InitialRegistration');
    expect(result.errors).toEqual(
      expect.arrayContaining([
        "/payload/CustomBlock: must have required property 'B013'",
        "/payload/CustomBlock: must have required property 'B002'",
      ]),
    );
  });

  it.each([
    ['[InitialRegistration]', 'IF-001-InitialRegistration', initialRegistrationMessage],
    ['[ChangeOfSupplier]', 'IF-001-ChangeOfSupplier', changeOfSupplierMessage],
  ] as const)('REGS-CSS %s: B004 is allowed but optional, validated against the official B004; registry-owned blocks stay refused', (eventCode, schema, build) => {
    expect(validateInputMessage(build(), 'REGS-CSS')).toEqual({ valid: true, errors: [], channel: 'REGS-CSS', eventCode, mirroredSchema: schema });
    expect(validateInputMessage(without(build(), 'payload.CustomBlock.B004'), 'REGS-CSS').valid).toBe(true);
    expect(validateInputMessage(withValue(build(), 'payload.CustomBlock.B004.domesticPremiseIndicator', 'Y'), 'REGS-CSS').errors).toEqual([
      '/payload/CustomBlock/B004/domesticPremiseIndicator: must be boolean (got "Y")',
    ]);
    expect(validateInputMessage(without(build(), 'payload.CustomBlock.B004.domesticPremiseIndicatorEffectiveFromDate'), 'REGS-CSS').errors).toEqual([
      "/payload/CustomBlock/B004: must have required property 'domesticPremiseIndicatorEffectiveFromDate'",
    ]);
    expect(validateInputMessage(withValue(build(), 'payload.CustomBlock.B022', {}), 'REGS-CSS').errors).toContain(
      "/payload/CustomBlock: must NOT have additional properties: 'B022'",
    );
  });

  it('reports a message that is not an envelope element at all', () => {
    expect(validateInputMessage([mpanCreation()])).toMatchObject({
      valid: false,
      channel: null,
      errors: ['(root): must be object (got [{"payload":{"CommonBlock":{"S0":{"interfaceID":"REGS-LDS...)'],
    });
  });
});

describe('validateInputMessage: the DIP interfaces IF-031 and IF-034 (whole payload against the official event schema)', () => {
  it.each([
    ['IF-031', '[MSApp]', 'IF-031-MSApp', msAppMessage],
    ['IF-031', '[DSApp]', 'IF-031-DSApp', dsAppMessage],
    ['IF-034', '[MSAppSPResponse]', 'IF-034-MSAppSPResponse', msAppSpResponseMessage],
    ['IF-034', '[DSAppSPResponse]', 'IF-034-DSAppSPResponse', dsAppSpResponseMessage],
  ] as const)('accepts the %s %s fixture, validated against %s', (channel, eventCode, schema, build) => {
    const message = build();
    expect(validateInputMessage(message, channel)).toEqual({ valid: true, errors: [], channel, eventCode, mirroredSchema: schema });
    expect(officialSchemas().validate(schema, message.payload)).toEqual({ valid: true, errors: [] });
    expect(officialSchemas().validate('DIPMessage', message).valid).toBe(true);
  });

  it('lists the four events with their sender roles', () => {
    expect(INPUT_CHANNELS['IF-031']).toMatchObject({ kind: 'dip-interface', senderRoles: ['SUP'] });
    expect(INPUT_CHANNELS['IF-034'].events.map((e) => [e.eventCode, e.mirroredSchema, e.senderRoles])).toEqual([
      ['[MSAppSPResponse]', 'IF-034-MSAppSPResponse', ['MSS', 'MSA', 'UMSO']],
      ['[DSAppSPResponse]', 'IF-034-DSAppSPResponse', ['SDS', 'ADS', 'UMSDS']],
    ]);
  });

  it('checks S0 with the official enumerations of the event schema', () => {
    const m = withValue(msAppMessage(), 'payload.CommonBlock.S0.schemaVersion', '010');
    expect(validateInputMessage(m, 'IF-031').errors).toEqual([
      '/payload/CommonBlock/S0/schemaVersion: must be equal to one of the allowed values: "011" (got "010")',
    ]);
    expect(validateInputMessage(msAppMessage(), 'IF-034')).toMatchObject({
      valid: false,
      eventCode: null,
      errors: [
        '/payload/CommonBlock/S0/interfaceID: must be equal to one of the allowed values: "IF-034" (got "IF-031")',
        '/payload/CommonBlock/S0/eventCode: must be equal to one of the allowed values: "[MSAppSPResponse]", "[DSAppSPResponse]" (got "[MSApp]")',
      ],
    });
    const mdr = withValue(dsAppSpResponseMessage(), 'payload.CommonBlock.S0.eventCode', '[SDS-MDRUpdate]');
    expect(validateInputMessage(mdr).errors).toEqual([
      '/payload/CommonBlock/S0/eventCode: must be equal to one of the allowed values: "[MSAppSPResponse]", "[DSAppSPResponse]" (got "[SDS-MDRUpdate]")',
    ]);
  });

  it('reports the official required blocks and fields, enumerations and unknown properties', () => {
    let m = without(msAppSpResponseMessage(), 'payload.CustomBlock.B012');
    m = withValue(m, 'payload.CustomBlock.B070.appointmentScenario', 'COT');
    m = withValue(m, 'payload.CustomBlock.B071', {});
    expect(validateInputMessage(m).errors).toEqual([
      "/payload/CustomBlock: must have required property 'B012'",
      "/payload/CustomBlock: must NOT have additional properties: 'B071'",
      '/payload/CustomBlock/B070/appointmentScenario: must be equal to one of the allowed values: "COS", "CSP", "USP", "SEG", "MCA", "MCS", "ALG" (got "COT")',
    ]);
    const ds = without(dsAppMessage(), 'payload.CustomBlock.B071.traditionalFallBackReadFrequency');
    expect(validateInputMessage(ds).errors).toEqual(["/payload/CustomBlock/B071: must have required property 'traditionalFallBackReadFrequency'"]);
  });

  it('allows what the official schema allows: the optional blocks, nulls, and L/W (which the wire DTOs refuse)', () => {
    expect(validateInputMessage(without(msAppMessage(), 'payload.CustomBlock.B013')).valid).toBe(true);
    expect(validateInputMessage(withValue(dsAppMessage(), 'payload.CustomBlock.B071.traditionalFallBackReadFrequency', null)).valid).toBe(true);
    expect(validateInputMessage(withValue(msAppSpResponseMessage(), 'payload.CustomBlock.B007.responseCode', 'L')).valid).toBe(true);
  });

  it('refuses D0 on input even though the official event schemas allow it on egress', () => {
    const m = withValue(msAppMessage(), 'payload.CommonBlock.D0', { transactionID: 'T-1' });
    expect(validateInputMessage(m).errors).toEqual(['/payload/CommonBlock/D0: refused on input (the DIP adds D0 on egress only)']);
  });

  it('refuses anything beside the payload', () => {
    const m = { ...msAppMessage(), extra: 1 };
    expect(validateInputMessage(m).errors).toEqual(["(root): must NOT have additional properties: 'extra'"]);
  });
});

describe('validateInputMessage: IF-005, IF-007, IF-025 and the new REGS-LDSO events', () => {
  const NEW_EVENTS: [string, string, string][] = [
    ...(['MeterInstall', 'MeterRemoval', 'MeterExchange', 'MeterUpdate', 'MeterHistoryUpdate'] as const).map((e) => ['IF-005', `[${e}]`, `IF-005-${e}`] as [string, string, string]),
    ['IF-007', '[EnergisationStatusChange]', 'IF-007-EnergisationStatusChange'],
    ['IF-007', '[EnergisationStatusFailure]', 'IF-007-EnergisationStatusFailure'],
    ...(['SSCandProfileClass', 'ConsentGranularity', 'IHDInfo', 'SMSO'] as const).map((e) => ['IF-025', `[${e}]`, `IF-025-${e}`] as [string, string, string]),
    ['REGS-LDSO', '[MarketSegmentChange]', 'IF-044-Payload'],
    ['REGS-LDSO', '[ConnectionTypeChange]', 'IF-043-Payload'],
    ['REGS-LDSO', '[DomPremInd]', 'IF-018-DomPremInd'],
    ['REGS-LDSO', '[MPANDisconnection]', 'IF-009-MPANDisconnection'],
    ['REGS-LDSO', '[MPANReconnection]', 'IF-009-MPANReconnection'],
  ];
  const fixtures = VALID_MESSAGES as unknown as Record<string, Record<string, () => Json>>;

  it.each(NEW_EVENTS)('accepts the %s %s fixture, validated against %s', (channel, eventCode, schema) => {
    const message = fixtures[channel]![eventCode]!();
    expect(validateInputMessage(message, channel as 'IF-005')).toEqual({ valid: true, errors: [], channel, eventCode, mirroredSchema: schema });
    if (channel === 'REGS-LDSO') {
      expect(officialSchemas().validate(schema, { ...message.payload, CommonBlock: undefined }).errors).toEqual([
        "(root): must have required property 'CommonBlock'",
      ]);
    } else {
      expect(officialSchemas().validate(schema, message.payload)).toEqual({ valid: true, errors: [] });
      expect(officialSchemas().validate('DIPMessage', message).valid).toBe(true);
    }
  });

  it('lists the events of the three DIP interfaces with their sender roles', () => {
    expect(INPUT_CHANNELS['IF-005']).toMatchObject({ kind: 'dip-interface', senderRoles: ['MSS', 'MSA', 'UMSO'] });
    expect(INPUT_CHANNELS['IF-007'].events.map((e) => [e.eventCode, e.mirroredSchema, e.senderRoles])).toEqual([
      ['[EnergisationStatusChange]', 'IF-007-EnergisationStatusChange', ['MSS', 'MSA', 'UMSO']],
      ['[EnergisationStatusFailure]', 'IF-007-EnergisationStatusFailure', ['MSS', 'MSA', 'UMSO']],
    ]);
    expect(INPUT_CHANNELS['IF-025']).toMatchObject({ kind: 'dip-interface', senderRoles: ['SUP'] });
    expect(INPUT_CHANNELS['IF-025'].events.map((e) => e.eventCode)).toEqual(['[SSCandProfileClass]', '[ConsentGranularity]', '[IHDInfo]', '[SMSO]']);
  });

  it('checks IF-005 against the official B906: the meter, a non-empty MAP history, the enumerations and the integer digits', () => {
    let m = withValue(meterInstallMessage(), 'payload.CustomBlock.B906.historyMAP', []);
    m = withValue(m, 'payload.CustomBlock.B906.existingMeter.meterType', 'SMET2');
    m = withValue(m, 'payload.CustomBlock.B906.existingMeter.numberOfDisplayedRegisterDigits', 10);
    m = withValue(m, 'payload.CustomBlock.B039', meterRemovalMessage().payload.CustomBlock.B039);
    expect(validateInputMessage(m).errors).toEqual([
      "/payload/CustomBlock: must NOT have additional properties: 'B039'",
      expect.stringMatching(/^\/payload\/CustomBlock\/B906\/existingMeter\/meterType: must be equal to one of the allowed values: "CHECK", .* \(got "SMET2"\)$/),
      '/payload/CustomBlock/B906/existingMeter/numberOfDisplayedRegisterDigits: must be <= 9 (got 10)',
      '/payload/CustomBlock/B906/historyMAP: must NOT have fewer than 1 items',
    ]);
    expect(validateInputMessage(without(meterInstallMessage(), 'payload.CustomBlock.B906.historyMAP')).errors).toEqual([
      "/payload/CustomBlock/B906: must have required property 'historyMAP'",
    ]);
    // B906a ([MeterUpdate]): the MAP history is optional.
    expect(validateInputMessage(meterUpdateMessage()).valid).toBe(true);
  });

  it('checks a REGS-LDSO CustomBlock against the mirrored IF-044, IF-018 and IF-009 event', () => {
    expect(validateInputMessage(without(marketSegmentChangeMessage(), 'payload.CustomBlock.B023')).errors).toEqual([
      "/payload/CustomBlock: must have required property 'B023'",
    ]);
    const dom = withValue(domPremIndMessage(), 'payload.CustomBlock.B041', mpanDisconnectionMessage().payload.CustomBlock.B041);
    expect(validateInputMessage(dom)).toMatchObject({
      mirroredSchema: 'IF-018-DomPremInd',
      errors: ["/payload/CustomBlock: must NOT have additional properties: 'B041'"],
    });
    expect(validateInputMessage(withValue(mpanDisconnectionMessage(), 'payload.CustomBlock.B041.additionalInformation', '')).errors).toEqual([
      '/payload/CustomBlock/B041/additionalInformation: must NOT have fewer than 1 characters (got "")',
    ]);
  });

  it('allows what the official schemas allow and the wire DTOs refuse (documented tightenings)', () => {
    // The consent granularity placeholder x (the wire refuses it in B068).
    expect(validateInputMessage(withValue(consentGranularityMessage(), 'payload.CustomBlock.B068.consentGranularity', 'x')).valid).toBe(true);
    // Control and bidirectional formatting characters in free text (the wire refuses them).
    expect(validateInputMessage(withValue(mpanCreationMessage(), 'payload.CustomBlock.B022.addressLine1', 'Flat 2\u0000')).valid).toBe(true);
    expect(validateInputMessage(withValue(meterInstallMessage(), 'payload.CustomBlock.B906.existingMeter.meterID', '\u202e543210P52')).valid).toBe(true);
  });
});
