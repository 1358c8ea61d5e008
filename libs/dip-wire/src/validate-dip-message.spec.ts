import { D0_REFUSED_MESSAGE } from './dto/envelope.dto';
import {
  addressChgMessage,
  changeOfSupplierMessage,
  DipMessageJson,
  duosTariffIdChgMessage,
  energyDirectionMessage,
  gspChgMessage,
  initialRegistrationMessage,
  mpanCreationMessage,
  SAMPLE,
  VALID_MESSAGES,
  withValue,
  without,
} from './testing/fixtures';
import { formatWireError, MAX_WIRE_ERRORS, validateDipMessage, WireError, WireValidation } from './validate-dip-message';

const CB = 'payload.CommonBlock';
const S1 = `${CB}.S1`;
const M0 = `${CB}.M0`;
const CU = 'payload.CustomBlock';

function errorsOf(result: WireValidation): WireError[] {
  if (result.ok) throw new Error('expected the message to fail validation');
  return result.errors;
}

/** Validates `message` on `channel` and returns its errors (the message must fail). */
function fails(message: unknown, channel = 'REGS-LDSO'): WireError[] {
  return errorsOf(validateDipMessage(channel, message));
}

/** The single error the message gives, asserting there is exactly one. */
function onlyError(message: unknown, channel = 'REGS-LDSO'): WireError {
  const errors = fails(message, channel);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

const ALL_VALID: [string, string, () => DipMessageJson][] = Object.entries(VALID_MESSAGES).flatMap(([channel, events]) =>
  Object.entries(events).map(([eventCode, build]) => [channel, eventCode, build] as [string, string, () => DipMessageJson]),
);

describe('validateDipMessage: valid messages', () => {
  it.each(ALL_VALID)('accepts a valid %s %s message%#', (channel, eventCode, build) => {
    const result = validateDipMessage(channel, build());
    if (!result.ok) throw new Error(result.errors.map(formatWireError).join('\n'));
    expect(result.message.channelId).toBe(channel);
    expect(result.message.eventCode).toBe(eventCode);
  });

  it('returns the sender, MPAN, custom block and raw payload as sent', () => {
    const raw = mpanCreationMessage({ correlationId: 'CI-20250320-abc' });
    const result = validateDipMessage('REGS-LDSO', raw);
    expect(result).toEqual({
      ok: true,
      message: {
        channelId: 'REGS-LDSO',
        eventCode: '[MPANCreation]',
        schemaVersion: '011',
        sender: {
          dipId: '3000000019',
          roleId: 'LDSO',
          uniqueReference: 'S-IF-050-3000000019-LDSO-20250320-MPANCreation0001',
          timestamp: '2025-03-20T10:15:00+00:00',
          correlationId: 'CI-20250320-abc',
          connectionProviderId: null,
          environmentTag: 'DEV',
        },
        mpan: { mpanCore: '1900012374324', distributorDipId: '3000000019', gspGroupId: '_J' },
        customBlock: raw.payload.CustomBlock,
        raw: raw.payload,
      },
    });
  });

  it('narrows the custom block type by channel and event code', () => {
    const result = validateDipMessage('REGS-CSS', changeOfSupplierMessage());
    if (!result.ok || result.message.channelId !== 'REGS-CSS' || result.message.eventCode !== '[ChangeOfSupplier]') {
      throw new Error('expected a valid change of supplier');
    }
    const outgoing: string = result.message.customBlock.B003.outgoingSupplierMPID;
    // @ts-expect-error B022 is not a block of the thin REGS-CSS [ChangeOfSupplier] custom block
    expect(result.message.customBlock.B022).toBeUndefined();
    expect(outgoing).toBe('BRWE');
  });

  it('refuses B003 on a thin [InitialRegistration]', () => {
    const b003 = changeOfSupplierMessage().payload.CustomBlock.B003;
    expect(onlyError(withValue(initialRegistrationMessage(), `${CU}.B003`, b003), 'REGS-CSS')).toEqual({
      path: `${CU}.B003`,
      message: 'is not a property of the [InitialRegistration] CustomBlock (thin IF-001-InitialRegistration) (expected: B013, B002, B004)',
    });
  });

  it.each([
    ['[InitialRegistration]', initialRegistrationMessage],
    ['[ChangeOfSupplier]', changeOfSupplierMessage],
  ])('accepts REGS-CSS %s with and without the optional B004 (existing senders leave it out)', (_code, build) => {
    expect(build().payload.CustomBlock.B004).toBeDefined();
    expect(validateDipMessage('REGS-CSS', build()).ok).toBe(true);
    expect(validateDipMessage('REGS-CSS', without(build(), `${CU}.B004`)).ok).toBe(true);
    expect(validateDipMessage('REGS-CSS', withValue(build(), `${CU}.B004.domesticPremiseIndicator`, false)).ok).toBe(true);
  });

  it('does not check the MPAN check digit (a business rule, REG0000)', () => {
    expect(validateDipMessage('REGS-LDSO', mpanCreationMessage({ mpanCore: SAMPLE.mpanCoreBadCheckDigit })).ok).toBe(true);
  });

  it('does not check the sender role against the channel (the app does)', () => {
    expect(validateDipMessage('REGS-LDSO', mpanCreationMessage({ senderRoleId: 'SUP' })).ok).toBe(true);
  });

  it.each([
    ['A0 left out', without(mpanCreationMessage(), `${CB}.A0`)],
    ['null recipients in A0', withValue(mpanCreationMessage(), `${CB}.A0.primaryRecipients`, [null, '9000000002'])],
    ['B013 left out of [AddressChg]', without(addressChgMessage(), `${CU}.B013`)],
    ['B013 in [AddressChg]', withValue(addressChgMessage(), `${CU}.B013`, { CSSRegistrationID: 'X1' })],
    ['B013 in [DUOSTariffIDChg]', withValue(duosTariffIdChgMessage(), `${CU}.B013`, { CSSRegistrationID: '' })],
    ['B013 in [EnergyDirection]', withValue(energyDirectionMessage(), `${CU}.B013`, { CSSRegistrationID: 'x'.repeat(36) })],
    ['a null postcode (the domain requires one)', withValue(mpanCreationMessage(), `${CU}.B022.meteringPointPostcode`, null)],
    ['empty address lines', withValue(mpanCreationMessage(), `${CU}.B022.addressLine9`, '')],
    ['a 40-character address line', withValue(mpanCreationMessage(), `${CU}.B022.addressLine2`, 'x'.repeat(40))],
    ['null subText, correlation id and connection provider', mpanCreationMessage()],
    ['a sub-text', withValue(mpanCreationMessage(), `${S1}.subText`, 'SIT run 4')],
    ['a connection provider', withValue(mpanCreationMessage(), `${S1}.DIPConnectionProviderID`, '4000000001')],
    ['a REP-style sender unique reference', withValue(mpanCreationMessage(), `${S1}.senderUniqueReference`, 'S-REP-002A-abcdef0123-LDSO-20250320-x1')],
    ['a 5-character role', withValue(mpanCreationMessage(), `${S1}.senderRoleID`, 'UMSDS')],
    ['meteredIndicator false', withValue(mpanCreationMessage(), `${CU}.B023.meteredIndicator`, false)],
    ['energisation status U', withValue(mpanCreationMessage(), `${CU}.B025.energisationStatus`, 'U')],
  ])('accepts %s', (_, message) => {
    const channel = (message.payload.CommonBlock.S0 as { interfaceID: string }).interfaceID;
    const result = validateDipMessage(channel, message);
    if (!result.ok) throw new Error(result.errors.map(formatWireError).join('\n'));
  });
});

describe('validateDipMessage: message shape', () => {
  it.each([
    [null, 'null'],
    [42, 'number 42'],
    ['{"payload":{}}', '"{\\"payload\\":{}}"'],
    [true, 'boolean true'],
    [[], 'an array'],
    [[mpanCreationMessage()], 'an array'],
    [undefined, 'nothing'],
  ])('refuses the non-object message %p', (raw, shown) => {
    expect(fails(raw)).toEqual([
      { path: '', message: `a DIP message must be a JSON object { "payload": { "CommonBlock": …, "CustomBlock": … } }, got ${shown}` },
    ]);
  });

  it.each([
    [null, 'must not be null'],
    [[], 'must be a JSON object (the DIP payload { CommonBlock, CustomBlock }), got an array'],
    ['payload', 'must be a JSON object (the DIP payload { CommonBlock, CustomBlock }), got "payload"'],
    [7, 'must be a JSON object (the DIP payload { CommonBlock, CustomBlock }), got number 7'],
  ])('refuses the non-object payload %p', (payload, message) => {
    expect(fails({ payload })).toEqual([{ path: 'payload', message }]);
  });

  it('requires payload, CommonBlock and CustomBlock', () => {
    expect(fails({})).toEqual([{ path: 'payload', message: 'is required' }]);
    expect(fails({ payload: {} })).toEqual([
      { path: `${CB}`, message: 'is required' },
      { path: `${CU}`, message: 'is required' },
    ]);
  });

  it('refuses an unknown channel', () => {
    expect(fails(mpanCreationMessage(), 'IF-006')).toEqual([{ path: '', message: '"IF-006" is not a known inbound channel' }]);
    expect(fails(mpanCreationMessage(), '__proto__')).toEqual([{ path: '', message: '"__proto__" is not a known inbound channel' }]);
  });
});

describe('validateDipMessage: S0 and the channel', () => {
  it('refuses an S0.interfaceID that is not the channel of the URL', () => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S0.interfaceID`, 'REGS-CSS'))).toEqual({
      path: `${CB}.S0.interfaceID`,
      message: 'S0.interfaceID REGS-CSS does not match the channel REGS-LDSO in the URL',
    });
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S0.interfaceID`, 'IF-050')).message).toBe(
      'S0.interfaceID IF-050 does not match the channel REGS-LDSO in the URL',
    );
  });

  it('refuses a REGS-CSS message posted on REGS-LDSO on both S0 fields', () => {
    expect(fails(initialRegistrationMessage())).toEqual([
      { path: `${CB}.S0.interfaceID`, message: 'S0.interfaceID REGS-CSS does not match the channel REGS-LDSO in the URL' },
      {
        path: `${CB}.S0.eventCode`,
        message:
          '[InitialRegistration] is not an event code of channel REGS-LDSO (expected one of [MPANCreation], [AddressChg], [GSPChg], [DUOSTariffIDChg], [EnergyDirection], [MarketSegmentChange], [ConnectionTypeChange], [DomPremInd], [MPANDisconnection], [MPANReconnection])',
      },
    ]);
  });

  it('refuses an event code of another channel and leaves the custom block unchecked', () => {
    const message = withValue(mpanCreationMessage(), `${CB}.S0.eventCode`, '[MSApp]');
    expect(onlyError(message)).toEqual({
      path: `${CB}.S0.eventCode`,
      message:
        '[MSApp] is not an event code of channel REGS-LDSO (expected one of [MPANCreation], [AddressChg], [GSPChg], [DUOSTariffIDChg], [EnergyDirection], [MarketSegmentChange], [ConnectionTypeChange], [DomPremInd], [MPANDisconnection], [MPANReconnection])',
    });
  });

  it('refuses a REGS-CSS event code with the REGS-LDSO interface id', () => {
    const message = withValue(initialRegistrationMessage(), `${CB}.S0.interfaceID`, 'REGS-LDSO');
    expect(onlyError(message).message).toMatch(/^\[InitialRegistration\] is not an event code of channel REGS-LDSO/);
  });

  it('refuses an unbracketed event code and a non-string one', () => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S0.eventCode`, 'MPANCreation')).message).toMatch(
      /^MPANCreation is not an event code of channel REGS-LDSO/,
    );
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S0.eventCode`, ['[MPANCreation]'])).message).toMatch(
      /^an array is not an event code/,
    );
  });

  it('refuses an event code that names an Object.prototype member', () => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S0.eventCode`, 'constructor')).path).toBe(`${CB}.S0.eventCode`);
  });

  it('refuses another schema version', () => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S0.schemaVersion`, '006'))).toEqual({
      path: `${CB}.S0.schemaVersion`,
      message: 'schema version 006 is not accepted on channel REGS-LDSO (expected 011)',
    });
  });

  it('refuses the InterfaceID spelling of some official examples', () => {
    const message = withValue(without(mpanCreationMessage(), `${CB}.S0.interfaceID`), `${CB}.S0.InterfaceID`, 'REGS-LDSO');
    expect(fails(message)).toEqual([
      {
        path: `${CB}.S0.InterfaceID`,
        message: 'is not a property of S0 (header of channel REGS-LDSO) (expected: interfaceID, schemaVersion, eventCode)',
      },
      { path: `${CB}.S0.interfaceID`, message: 'is required' },
    ]);
  });

  it.each([{}, null, { transactionID: 'T-1' }])('refuses D0 (%p)', (d0) => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.D0`, d0))).toEqual({ path: `${CB}.D0`, message: D0_REFUSED_MESSAGE });
  });
});

describe('validateDipMessage: unknown properties', () => {
  it.each([
    ['the message', 'extra', 'the DIP message (expected: payload)'],
    ['payload', 'payload.extra', 'payload (expected: CommonBlock, CustomBlock)'],
    ['CommonBlock', `${CB}.M1`, 'CommonBlock (expected: S0, S1, A0, D0, M0)'],
    ['S0', `${CB}.S0.extra`, 'S0 (header of channel REGS-LDSO) (expected: interfaceID, schemaVersion, eventCode)'],
    [
      'S1',
      `${S1}.senderID`,
      'S1 (sender) (expected: environmentTag, subText, senderUniqueReference, senderTimestamp, senderDIPID, senderRoleID, senderCorrelationID, DIPConnectionProviderID)',
    ],
    ['M0', `${M0}.gspGroupID`, 'M0 (MPAN) (expected: MPANCore, distributorDIPID, GSPGroupID)'],
    ['A0', `${CB}.A0.others`, 'A0 (addressing) (expected: primaryRecipients, secondaryRecipients, always)'],
    ['CustomBlock', `${CU}.B004`, 'the [MPANCreation] CustomBlock (IF-050-MPANCreation) (expected: B001, B022, B023, B024, B025, B026, B079)'],
    ['B001', `${CU}.B001.GSPGroupID`, 'B001 (GSP Effective From) (expected: GSPGroupEffectiveFromDate)'],
    ['B022', `${CU}.B022.addressLine10`, expect.stringMatching(/^B022 \(MPAN Address\) \(expected: meteringPointPostcode, addressLine1, /)],
    ['B023', `${CU}.B023.extra`, expect.stringMatching(/^B023 \(MPAN Connection Info\)/)],
    ['B024', `${CU}.B024.extra`, expect.stringMatching(/^B024 \(MPAN DUOS Tariff ID\)/)],
    ['B025', `${CU}.B025.extra`, expect.stringMatching(/^B025 \(MPAN Energisation Info\)/)],
    ['B026', `${CU}.B026.extra`, expect.stringMatching(/^B026 \(MPAN Segment Info\)/)],
    ['B079', `${CU}.B079.extra`, expect.stringMatching(/^B079 \(Meter Point Registration Statuses\)/)],
  ])('refuses an unknown property of %s', (_, path, label) => {
    const error = onlyError(withValue(mpanCreationMessage(), path, 'x'));
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/^is not a property of /);
    expect(error.message.replace(/^is not a property of /, '')).toEqual(label);
  });

  it.each([
    [`${CU}.B013.CSSRegistrationRequestID`, 'B013 (CSS Registration Request Id) (expected: CSSRegistrationID)'],
    [`${CU}.B002.incomingSupplierEffectiveFromDate`, expect.stringMatching(/^B002 \(Incoming Supplier Information\) \(expected: incomingSupplierDIPID, incomingSupplierMPID, supplierEffectiveFromDate\)$/)],
    [`${CU}.B003.outgoingSupplierEffectiveToDate`, expect.stringMatching(/^B003 \(Outgoing Supplier Information\)/)],
    [
      `${CU}.B004.domesticPremisesIndicator`,
      'B004 (MPAN CSS Dom Indicator) (expected: domesticPremiseIndicator, domesticPremiseIndicatorEffectiveFromDate)',
    ],
    [`${CU}.B005`, 'the [ChangeOfSupplier] CustomBlock (thin IF-001-ChangeOfSupplier) (expected: B013, B002, B003, B004)'],
    [`${CU}.B022`, 'the [ChangeOfSupplier] CustomBlock (thin IF-001-ChangeOfSupplier) (expected: B013, B002, B003, B004)'],
  ])('refuses %s on REGS-CSS (official-example spellings and registry-owned IF-001 blocks included)', (path, label) => {
    const error = onlyError(withValue(changeOfSupplierMessage(), path, 'x'), 'REGS-CSS');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/^is not a property of /);
    expect(error.message.replace(/^is not a property of /, '')).toEqual(label);
  });

  it.each([
    ['', '__proto__'],
    ['payload', '__proto__'],
    [CB, '__proto__'],
    [S1, 'constructor'],
    [`${CU}.B022`, '__proto__'],
    [`${CU}.B079`, 'prototype'],
  ])('refuses the reserved key %s.%s without polluting prototypes', (parent, key) => {
    const message = mpanCreationMessage() as unknown as Record<string, unknown>;
    const json = JSON.stringify(message);
    const parentJson = parent === '' ? '{' : null;
    const raw = parentJson
      ? JSON.parse(`{"${key}":{"polluted":true},${json.slice(1)}`)
      : (() => {
          const m = JSON.parse(json) as Record<string, unknown>;
          let node = m;
          for (const k of parent.split('.')) node = node[k] as Record<string, unknown>;
          Object.defineProperty(node, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
          return m;
        })();
    const error = onlyError(raw);
    expect(error).toEqual({ path: parent === '' ? key : `${parent}.${key}`, message: 'is not a property of the DIP schema (a reserved JavaScript name)' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateDipMessage: required blocks and fields', () => {
  it.each(['S0', 'S1', 'M0'])('requires CommonBlock.%s', (block) => {
    expect(onlyError(without(mpanCreationMessage(), `${CB}.${block}`))).toEqual({ path: `${CB}.${block}`, message: 'is required' });
  });

  it('refuses a null A0 (optional, not nullable)', () => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.A0`, null))).toEqual({
      path: `${CB}.A0`,
      message: 'must not be null (leave the property out instead)',
    });
  });

  it.each(['senderUniqueReference', 'senderTimestamp', 'senderDIPID', 'senderRoleID', 'environmentTag'])('requires S1.%s', (field) => {
    expect(onlyError(without(mpanCreationMessage(), `${S1}.${field}`))).toEqual({ path: `${S1}.${field}`, message: 'is required' });
    expect(onlyError(withValue(mpanCreationMessage(), `${S1}.${field}`, null))).toEqual({ path: `${S1}.${field}`, message: 'must not be null' });
  });

  it.each(['subText', 'senderCorrelationID', 'DIPConnectionProviderID'])('requires the nullable S1.%s to be present', (field) => {
    expect(onlyError(without(mpanCreationMessage(), `${S1}.${field}`))).toEqual({ path: `${S1}.${field}`, message: 'is required (null is allowed)' });
  });

  it.each(['MPANCore', 'distributorDIPID', 'GSPGroupID'])('requires M0.%s', (field) => {
    expect(onlyError(without(mpanCreationMessage(), `${M0}.${field}`))).toEqual({ path: `${M0}.${field}`, message: 'is required' });
  });

  it.each(['primaryRecipients', 'secondaryRecipients', 'always'])('requires A0.%s when A0 is sent', (field) => {
    expect(onlyError(without(mpanCreationMessage(), `${CB}.A0.${field}`))).toEqual({ path: `${CB}.A0.${field}`, message: 'is required' });
  });

  const requiredBlocks: [string, string, string, () => DipMessageJson][] = [
    ...['B001', 'B022', 'B023', 'B024', 'B025', 'B026', 'B079'].map(
      (b) => ['REGS-LDSO', '[MPANCreation]', b, mpanCreationMessage] as [string, string, string, () => DipMessageJson],
    ),
    ['REGS-LDSO', '[AddressChg]', 'B001', addressChgMessage],
    ['REGS-LDSO', '[AddressChg]', 'B022', addressChgMessage],
    ['REGS-LDSO', '[GSPChg]', 'B001', gspChgMessage],
    ['REGS-LDSO', '[GSPChg]', 'B022', gspChgMessage],
    ['REGS-LDSO', '[DUOSTariffIDChg]', 'B024', duosTariffIdChgMessage],
    ['REGS-LDSO', '[EnergyDirection]', 'B023', energyDirectionMessage],
    ['REGS-CSS', '[InitialRegistration]', 'B013', initialRegistrationMessage],
    ['REGS-CSS', '[InitialRegistration]', 'B002', initialRegistrationMessage],
    ['REGS-CSS', '[ChangeOfSupplier]', 'B013', changeOfSupplierMessage],
    ['REGS-CSS', '[ChangeOfSupplier]', 'B002', changeOfSupplierMessage],
    ['REGS-CSS', '[ChangeOfSupplier]', 'B003', changeOfSupplierMessage],
  ];
  it.each(requiredBlocks)('%s %s requires %s', (channel, _event, block, build) => {
    expect(onlyError(without(build(), `${CU}.${block}`), channel)).toEqual({ path: `${CU}.${block}`, message: 'is required' });
  });

  it.each([
    ['B022', 'addressLine5', 'is required (null is allowed)'],
    ['B022', 'meteringPointPostcode', 'is required (null is allowed)'],
    ['B023', 'meteredIndicator', 'is required'],
    ['B079', 'MPStatusEffectiveFromDate', 'is required'],
    ['B024', 'DUOSTariffIDEffectiveFromDate', 'is required'],
  ])('requires %s.%s', (block, field, message) => {
    expect(onlyError(without(mpanCreationMessage(), `${CU}.${block}.${field}`))).toEqual({ path: `${CU}.${block}.${field}`, message });
  });

  it('refuses a block sent as an array or a string', () => {
    expect(onlyError(withValue(mpanCreationMessage(), `${CU}.B024`, [{ DUOSTariffID: '801' }]))).toEqual({
      path: `${CU}.B024`,
      message: 'must be a JSON object (block B024), got an array',
    });
    expect(onlyError(withValue(mpanCreationMessage(), `${CB}.S1`, 'LDSO'))).toEqual({
      path: `${S1}`,
      message: 'must be a JSON object (block S1), got "LDSO"',
    });
  });
});

describe('validateDipMessage: data types', () => {
  it.each([
    [`${S1}.environmentTag`, 'PROD', 'must be one of PRD, SITB, SIT, UIT, DEV (DT-013 environment tag), got "PROD"'],
    [`${M0}.GSPGroupID`, '_I', 'must be one of _A, _B, _C, _D, _E, _F, _G, _H, _J, _K, _L, _M, _N, _P (DI-037 GSP group id), got "_I"'],
    [`${M0}.GSPGroupID`, 'J', expect.stringMatching(/DI-037 GSP group id\), got "J"$/)],
    [`${CU}.B023.connectionTypeIndicator`, 'w', 'must be one of W, L, H, E, U (DI-015 connection type indicator), got "w"'],
    [`${CU}.B023.energyDirection`, 'X', 'must be one of I, E (DI-035 energy direction), got "X"'],
    [`${CU}.B026.marketSegmentIndicator`, 'H', 'must be one of U, S, A (DI-050 market segment indicator), got "H"'],
    [`${CU}.B025.energisationStatus`, 'X', 'must be one of D, E, U (DI-033 energisation status), got "X"'],
    [`${CU}.B079.RMPStatus`, 'N', 'must be one of O, C, T (DI-130 RMP status), got "N"'],
    [`${CU}.B079.MPStatus`, 'C', 'must be one of N, R, T, X (DI-131 MP status), got "C"'],
    [`${CU}.B023.meteredIndicator`, 'true', 'must be true or false (DI-127 metered indicator), got "true"'],
    [`${CU}.B023.meteredIndicator`, 1, 'must be true or false (DI-127 metered indicator), got number 1'],
  ])('%s = %p is refused', (path, value, message) => {
    expect(onlyError(withValue(mpanCreationMessage(), path, value))).toEqual({ path, message });
  });

  describe('DT-003 date-times', () => {
    it.each([
      [`${S1}.senderTimestamp`, '2025-03-20T10:15:00Z', /must be exactly 25 characters/],
      [`${CU}.B001.GSPGroupEffectiveFromDate`, '2025-04-01', /must be exactly 25 characters \(YYYY-MM-DDTHH:MM:SS±HH:MM\), not 10 \(DT-003 date-time, e.g. 2025-04-01T00:00:00\+01:00\), got "2025-04-01"$/],
      [`${CU}.B023.connectionTypeEffectiveFromDate`, '2025-04-01 00:00:00+01:00', /must have the form YYYY-MM-DDTHH:MM:SS±HH:MM/],
      [`${CU}.B024.DUOSTariffIDEffectiveFromDate`, '2025-02-30T00:00:00+00:00', /^2025-02-30 is not a calendar date \(DT-003 date-time/],
      [`${CU}.B025.energisationStatusEffectiveFromDate`, '2025-04-01T00:00:00+25:00', /^offset \+25:00 is not a UTC offset/],
      [`${CU}.B026.marketSegmentIndicatorEffectiveFromDate`, '2025-04-01T25:00:00+01:00', /is not a time of day/],
      [`${CU}.B079.RMPStatusEffectiveFromDate`, 20250401, /must be a DT-003 date-time string .*got number 20250401/],
    ])('%s = %p is refused', (path, value, message) => {
      const error = onlyError(withValue(mpanCreationMessage(), path, value));
      expect(error.path).toBe(path);
      expect(error.message).toMatch(message);
    });

    it.each([
      ['B002.supplierEffectiveFromDate', '2025-06-31T00:00:00+01:00'],
      ['B003.supplierEffectiveToDate', '2025-05-14T00:00:00+0100'],
    ])('REGS-CSS %s = %p is refused', (field, value) => {
      expect(onlyError(withValue(changeOfSupplierMessage(), `${CU}.${field}`, value), 'REGS-CSS').path).toBe(`${CU}.${field}`);
    });
  });

  describe('DIP participant ids (10 digits)', () => {
    it.each([
      [`${S1}.senderDIPID`, '300000001'],
      [`${S1}.senderDIPID`, '30000000190'],
      [`${S1}.senderDIPID`, 'ABCDEFGHIJ'],
      [`${S1}.senderDIPID`, 3000000019],
      [`${S1}.DIPConnectionProviderID`, '123'],
      [`${M0}.distributorDIPID`, '３０００００００１９'],
    ])('%s = %p is refused', (path, value) => {
      expect(onlyError(withValue(mpanCreationMessage(), path, value))).toEqual({
        path,
        message: expect.stringMatching(/^must be exactly 10 digits \(DT-006 DIP participant id\), got /),
      });
    });

    it('refuses a bad recipient in A0 and names its index', () => {
      expect(onlyError(withValue(mpanCreationMessage(), `${CB}.A0.always`, ['9000000002', 'SUP']))).toEqual({
        path: `${CB}.A0.always`,
        message: 'item [1] must be exactly 10 digits or null (DT-006N DIP participant id), got "SUP"',
      });
      expect(onlyError(withValue(mpanCreationMessage(), `${CB}.A0.always`, '9000000002')).message).toMatch(/^must be an array/);
    });

    it.each([
      ['B002.incomingSupplierDIPID', '100000001'],
      ['B003.outgoingSupplierDIPID', '1000000001A'],
    ])('REGS-CSS %s = %p is refused', (field, value) => {
      expect(onlyError(withValue(changeOfSupplierMessage(), `${CU}.${field}`, value), 'REGS-CSS').path).toBe(`${CU}.${field}`);
    });
  });

  describe('B004 on REGS-CSS: validated as the official B004 (DI-030 boolean, DT-003 date-time, both required)', () => {
    it.each([
      ['[InitialRegistration]', initialRegistrationMessage],
      ['[ChangeOfSupplier]', changeOfSupplierMessage],
    ])('%s: each item is required', (_code, build) => {
      for (const field of ['domesticPremiseIndicator', 'domesticPremiseIndicatorEffectiveFromDate']) {
        expect(onlyError(without(build(), `${CU}.B004.${field}`), 'REGS-CSS')).toEqual({ path: `${CU}.B004.${field}`, message: 'is required' });
      }
    });

    it.each([
      ['domesticPremiseIndicator', 'true', 'must be true or false (DI-030 domestic premise indicator), got "true"'],
      ['domesticPremiseIndicator', null, expect.stringMatching(/^must not be null/)],
      ['domesticPremiseIndicator', 1, 'must be true or false (DI-030 domestic premise indicator), got number 1'],
      ['domesticPremiseIndicatorEffectiveFromDate', '2025-05-15', expect.stringMatching(/^must be exactly 25 characters/)],
      ['domesticPremiseIndicatorEffectiveFromDate', null, expect.stringMatching(/^must not be null/)],
    ])('B004.%s = %p is refused', (field, value, message) => {
      expect(onlyError(withValue(changeOfSupplierMessage(), `${CU}.B004.${field}`, value), 'REGS-CSS')).toEqual({
        path: `${CU}.B004.${field}`,
        message,
      });
    });

    it('a null B004 is refused (optional, not nullable)', () => {
      expect(onlyError(withValue(initialRegistrationMessage(), `${CU}.B004`, null), 'REGS-CSS').path).toBe(`${CU}.B004`);
    });
  });

  it.each([
    ['B002.incomingSupplierMPID', 'brwe', 'must match ^[A-Z]{4}$ (DT-027 MPID), got "brwe"'],
    ['B002.incomingSupplierMPID', 'BRW', 'must be exactly 4 characters (DT-027 MPID), got 3: "BRW"'],
    ['B003.outgoingSupplierMPID', 'BRWE1', 'must be exactly 4 characters (DT-027 MPID), got 5: "BRWE1"'],
    ['B013.CSSRegistrationID', 'x'.repeat(37), expect.stringMatching(/^must be at most 36 characters \(DI-849 CSS registration id\), got 37/)],
  ])('REGS-CSS %s = %p is refused', (field, value, message) => {
    expect(onlyError(withValue(changeOfSupplierMessage(), `${CU}.${field}`, value), 'REGS-CSS')).toEqual({ path: `${CU}.${field}`, message });
  });

  it.each([
    ['190001237432', 'got "190001237432"'],
    ['19000123743245', 'got "19000123743245"'],
    ['19000123743A4', 'got "19000123743A4"'],
    [1900012374324, 'got number 1900012374324'],
  ])('refuses the MPAN core %p', (value, got) => {
    expect(onlyError(withValue(mpanCreationMessage(), `${M0}.MPANCore`, value))).toEqual({
      path: `${M0}.MPANCore`,
      message: `must be exactly 13 digits (DT-002 MPAN core), ${got}`,
    });
  });

  it.each([
    ['S-IF-050-3000000019-LDSO-20250320', /must match/],
    ['IF-050-3000000019-LDSO-20250320-1', /must match/],
    ['S-IF-050-3000000019-ldso-20250320-1', /must match/],
    ['S-IF-050-300000001-LDSO-20250320-1', /must match/],
    ['S-IF-050-3000000019-LDSO-2025032-1', /must match/],
    ['S-IF-050-3000000019-LDSO-20250320-a_b', /must match/],
    [`S-IF-050-3000000019-LDSO-20250320-${'a'.repeat(170)}`, /must be 1–200 characters .*got 204/],
    ['', /must be 1–200 characters/],
  ])('refuses the sender unique reference %p', (value, message) => {
    const error = onlyError(withValue(mpanCreationMessage(), `${S1}.senderUniqueReference`, value));
    expect(error.path).toBe(`${S1}.senderUniqueReference`);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/DT-995 sender unique reference/);
  });

  it.each([
    [`${S1}.subText`, '', /must be 1–500 characters \(DT-020N sub-text\), got 0/],
    [`${S1}.senderRoleID`, 'SU', /must be 3–5 characters \(DT-009 DIP participant role\), got 2/],
    [`${S1}.senderRoleID`, 'SUPPLY', /must be 3–5 characters/],
    [`${S1}.senderCorrelationID`, 'C'.repeat(61), /must be 1–60 characters \(DT-011N correlation id\), got 61/],
    [`${CU}.B022.addressLine1`, 'x'.repeat(41), /must be at most 40 characters \(DT-001N address line\), got 41/],
    [`${CU}.B022.addressLine3`, 3, /must be a string of at most 40 characters \(DT-001N address line\), got number 3/],
    [`${CU}.B022.meteringPointPostcode`, '', /must be 1–10 characters \(DT-007N UK postcode\), got 0/],
    [`${CU}.B022.meteringPointPostcode`, 'TN1 1AA TN1', /must be 1–10 characters \(DT-007N UK postcode\), got 11/],
    [`${CU}.B024.DUOSTariffID`, '8011', /must be 1–3 characters \(DI-128 DUoS tariff id\), got 4/],
    [`${CU}.B024.DUOSTariffID`, 801, /must be a string of 1–3 characters \(DI-128 DUoS tariff id\), got number 801/],
  ])('%s = %p is refused', (path, value, message) => {
    const error = onlyError(withValue(mpanCreationMessage(), path, value));
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});

describe('validateDipMessage: reporting', () => {
  it('reports every error, in check order (shape, S0, S1, M0, CustomBlock), with the sender identity', () => {
    let message: unknown = mpanCreationMessage();
    message = withValue(message, `${CU}.B022.addressLine1`, 'x'.repeat(41));
    message = withValue(message, `${M0}.GSPGroupID`, '_Z');
    message = withValue(message, `${S1}.senderTimestamp`, 'yesterday');
    message = withValue(message, `${CB}.S0.schemaVersion`, '010');
    message = withValue(message, 'payload.extra', true);
    const result = validateDipMessage('REGS-LDSO', message);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'payload.extra',
      `${CB}.S0.schemaVersion`,
      `${S1}.senderTimestamp`,
      `${M0}.GSPGroupID`,
      `${CU}.B022.addressLine1`,
    ]);
    expect(result.senderUniqueReference).toBe('S-IF-050-3000000019-LDSO-20250320-MPANCreation0001');
    expect(result.senderDipId).toBe('3000000019');
  });

  it('gives null sender identity when S1 does not carry usable strings', () => {
    const result = validateDipMessage('REGS-LDSO', withValue(withValue(mpanCreationMessage(), `${S1}.senderDIPID`, 3000000019), `${S1}.senderUniqueReference`, 'x'.repeat(201)));
    expect(result).toMatchObject({ ok: false, senderUniqueReference: null, senderDipId: null });
  });

  it(`caps the error list at ${MAX_WIRE_ERRORS}`, () => {
    const message = mpanCreationMessage() as unknown as Record<string, Record<string, unknown>>;
    for (let i = 0; i < 500; i++) message.payload![`extra${i}`] = i;
    const errors = fails(message);
    expect(errors).toHaveLength(MAX_WIRE_ERRORS);
    expect(errors[MAX_WIRE_ERRORS - 1]).toEqual({ path: '', message: `… and ${500 - MAX_WIRE_ERRORS + 1} more errors` });
  });

  it('formats an error as one line', () => {
    expect(formatWireError({ path: `${CU}.B022`, message: 'is required' })).toBe('payload.CustomBlock.B022: is required');
    expect(formatWireError({ path: '', message: 'x' })).toBe('(message): x');
  });
});

describe('validateDipMessage never throws', () => {
  const deep = (depth: number): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
    return v;
  };
  const cyclic: Record<string, unknown> = { payload: {} };
  (cyclic.payload as Record<string, unknown>).CommonBlock = cyclic;
  const hostile = new Proxy(
    {},
    {
      ownKeys: () => {
        throw new Error('boom');
      },
      getPrototypeOf: () => Object.prototype,
    },
  );

  it.each([
    ['null', null],
    ['a number', 3.5],
    ['NaN', Number.NaN],
    ['a string', '[]'],
    ['an array of messages', [mpanCreationMessage()]],
    ['deep nesting as the payload', { payload: deep(10_000) }],
    ['deep nesting inside a block', withValue(mpanCreationMessage(), `${CU}.B022.addressLine1`, deep(5_000))],
    ['a cycle', cyclic],
    ['a Date', new Date(0)],
    ['a Map as payload', { payload: new Map([['CommonBlock', {}]]) }],
    ['a function as a field', withValue(mpanCreationMessage(), `${S1}.subText`, () => 1)],
    ['a bigint', { payload: { CommonBlock: 1n } }],
    ['a symbol', { payload: Symbol('x') }],
    ['a hostile proxy', hostile],
    ['a hostile proxy as payload', { payload: hostile }],
    ['an object with a null prototype', Object.assign(Object.create(null) as object, { payload: 1 })],
    ['numbers everywhere', JSON.parse(JSON.stringify(mpanCreationMessage()).replace(/"[^"]*"(?=[,}\]])/g, '0'))],
    ['nulls everywhere', JSON.parse(JSON.stringify(mpanCreationMessage()).replace(/"[^"]*"(?=[,}\]])/g, 'null'))],
    ['arrays everywhere', JSON.parse(JSON.stringify(mpanCreationMessage()).replace(/"[^"]*"(?=[,}\]])/g, '[[]]'))],
  ])('%s', (_, raw) => {
    const result = validateDipMessage('REGS-LDSO', raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
  });

  it('survives random mutations of every valid message', () => {
    let seed = 20250401;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const garbage: unknown[] = [null, 0, -1, 1e308, '', 'x', '__proto__', true, [], [null], {}, { __proto__: 1 }, '2025-02-30T00:00:00+00:00'];
    for (let round = 0; round < 400; round++) {
      const [channel, , build] = ALL_VALID[round % ALL_VALID.length]!;
      const message = JSON.parse(JSON.stringify(build())) as Record<string, unknown>;
      for (let k = 0; k < 1 + rand(4); k++) {
        let node: Record<string, unknown> = message;
        for (;;) {
          const keys = Object.keys(node);
          const key = keys[rand(keys.length)]!;
          const child = node[key];
          if (child && typeof child === 'object' && rand(3) > 0) node = child as Record<string, unknown>;
          else {
            node[rand(5) === 0 ? `${key}x` : key] = garbage[rand(garbage.length)];
            break;
          }
        }
      }
      expect(() => validateDipMessage(channel, message)).not.toThrow();
    }
  });
});
