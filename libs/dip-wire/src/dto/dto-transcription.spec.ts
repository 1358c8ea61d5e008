import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DIP_CHANNELS } from '../channels';
import {
  changeOfSupplierMessage,
  consentGranularityMessage,
  domPremIndMessage,
  dsAppSpResponseMessage,
  energisationStatusFailureMessage,
  meterExchangeMessage,
  meterUpdateMessage,
  mpanCreationMessage,
  mpanDisconnectionMessage,
  mpanReconnectionMessage,
  msAppSpResponseMessage,
  SAMPLE,
  smsoMessage,
  sscAndProfileClassMessage,
} from '../testing/fixtures';
import {
  B001Dto,
  B002Dto,
  B003Dto,
  B004Dto,
  B007Dto,
  B012Dto,
  B013Dto,
  B018Dto,
  B022Dto,
  B023Dto,
  B024Dto,
  B025Dto,
  B026Dto,
  B028Dto,
  B030Dto,
  B031Dto,
  B032Dto,
  B033Dto,
  B034Dto,
  B039Dto,
  B040Dto,
  B041Dto,
  B068Dto,
  B070Dto,
  B071Dto,
  B079Dto,
  B098Dto,
  B906aDto,
  B906Dto,
} from './blocks.dto';
import { A0Dto, M0Dto, S1Dto } from './common-block.dto';
import { wirePropertiesOf } from './wire-rules';

/**
 * The DTOs are a transcription of the official DIP OpenAPI document 2.2.1: this spec reads the
 * document and checks every block DTO against its schema — the property names (in order), the
 * required list, nullability, enumerations, booleans and string lengths.
 */

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
};

const openApi = JSON.parse(
  readFileSync(join(__dirname, '../../../../reference/dip/elexon-dip-openapi-2.2.1.json'), 'utf8'),
) as { components: { schemas: Record<string, Schema> } };
const schemas = openApi.components.schemas;
const resolve = (s: Schema): Schema & { name?: string } =>
  s.$ref ? { ...resolve(schemas[s.$ref.split('/').pop()!]!), name: s.$ref.split('/').pop() } : s;

const ldso = mpanCreationMessage().payload;
const css = changeOfSupplierMessage().payload;
const msResponse = msAppSpResponseMessage().payload;
const dsResponse = dsAppSpResponseMessage().payload;
const samples: [string, new () => object, Record<string, unknown>][] = [
  ['S1', S1Dto, ldso.CommonBlock.S1 as Record<string, unknown>],
  ['M0', M0Dto, ldso.CommonBlock.M0 as Record<string, unknown>],
  ['A0', A0Dto, ldso.CommonBlock.A0 as Record<string, unknown>],
  ...(['B001', 'B022', 'B023', 'B024', 'B025', 'B026', 'B079'] as const).map(
    (b) => [b, { B001: B001Dto, B022: B022Dto, B023: B023Dto, B024: B024Dto, B025: B025Dto, B026: B026Dto, B079: B079Dto }[b], ldso.CustomBlock[b]] as [string, new () => object, Record<string, unknown>],
  ),
  ['B002', B002Dto, css.CustomBlock.B002 as Record<string, unknown>],
  ['B003', B003Dto, css.CustomBlock.B003 as Record<string, unknown>],
  ['B004', B004Dto, css.CustomBlock.B004 as Record<string, unknown>],
  ['B013', B013Dto, css.CustomBlock.B013 as Record<string, unknown>],
  ['B007', B007Dto, msResponse.CustomBlock.B007 as Record<string, unknown>],
  ['B012', B012Dto, msResponse.CustomBlock.B012 as Record<string, unknown>],
  ['B070', B070Dto, msResponse.CustomBlock.B070 as Record<string, unknown>],
  ['B071', B071Dto, dsResponse.CustomBlock.B071 as Record<string, unknown>],
  [
    'B018',
    B018Dto,
    { SDSNominatedMDRDIPID: SAMPLE.providers.MDRA, SDSNominatedMDRMPID: 'MDRA', SDSNominatedMDRRequestedEffectiveFromDate: '2025-04-02T00:00:00+01:00' },
  ],
  ...((): [string, new () => object, Record<string, unknown>][] => {
    const exchange = meterExchangeMessage().payload.CustomBlock as Record<string, Record<string, unknown>>;
    const b906 = exchange.B906!;
    const block = (build: () => { payload: { CustomBlock: Record<string, unknown> } }, name: string) =>
      build().payload.CustomBlock[name] as Record<string, unknown>;
    return [
      ['B906', B906Dto, b906],
      ['B906a', B906aDto, block(meterUpdateMessage, 'B906')],
      ['B033', B033Dto, b906.existingMeter as Record<string, unknown>],
      ['B034', B034Dto, (b906.historyMAP as Record<string, unknown>[])[0]!],
      ['B039', B039Dto, exchange.B039!],
      ['B030', B030Dto, { IHDInstallStatus: 'I', IHDEffectiveFromDate: '2025-04-10T00:00:00+01:00' }],
      ['B040', B040Dto, block(energisationStatusFailureMessage, 'B040')],
      ['B032', B032Dto, block(sscAndProfileClassMessage, 'B032')],
      ['B068', B068Dto, block(consentGranularityMessage, 'B068')],
      ['B031', B031Dto, block(smsoMessage, 'B031')],
      ['B028', B028Dto, block(domPremIndMessage, 'B028')],
      ['B041', B041Dto, block(mpanDisconnectionMessage, 'B041')],
      ['B098', B098Dto, block(mpanReconnectionMessage, 'B098')],
    ];
  })(),
];

/**
 * Deliberate narrowings of an official enumeration (documented in blocks.dto.ts): B007 reaches the
 * registry only in a provider's IF-034 answer, which is `A` or `R`; `L`, `W` and `x` are refused.
 * B068's consent granularity refuses the placeholder `x`.
 */
const NARROWED_ENUMS: Record<string, readonly string[]> = {
  'B007.responseCode': ['A', 'R'],
  'B068.consentGranularity': ['H', 'D', 'M', 'N'],
};

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true };

/** Properties of the block that fail validation. */
function failing(dto: new () => object, block: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(dto, block) as object, OPTIONS).map((e) => e.property);
}

/** DIP ids (DT-006) are digits by our rule, on top of the schema's length. */
const DIGIT_TYPES = new Set(['DT-006-DIPParticipantID', 'DT-006N-DIPParticipantID', 'DT-002-MPAN']);
const filler = (item: Schema & { name?: string }): string =>
  DIGIT_TYPES.has(item.name ?? '') || (item.pattern && /\\d|0-9/.test(item.pattern)) ? '1' : 'A';

describe.each(samples)('%s DTO mirrors the official schema', (name, dto, sample) => {
  const official = schemas[name]!;
  const props = Object.entries(official.properties ?? {}).map(([key, s]) => [key, resolve(s)] as const);

  it('the sample block is valid', () => {
    expect(failing(dto, sample)).toEqual([]);
  });

  it('has exactly the official properties, in order', () => {
    expect(wirePropertiesOf(dto)).toEqual(Object.keys(official.properties ?? {}));
  });

  it.each(props)('%s: required, nullable, type, enumeration and lengths as in the schema', (key, item) => {
    const withValue = (value: unknown) => failing(dto, { ...sample, [key]: value });
    const missing = { ...sample };
    delete missing[key];
    expect(failing(dto, missing)).toEqual((official.required ?? []).includes(key) ? [key] : []);
    expect(withValue(null)).toEqual(item.nullable ? [] : [key]);

    if (item.enum) {
      const accepted = NARROWED_ENUMS[`${name}.${key}`] ?? item.enum;
      for (const value of accepted) expect(withValue(value)).toEqual([]);
      for (const value of item.enum.filter((v) => !accepted.includes(v))) expect(withValue(value)).toEqual([key]);
      for (const value of ['Z', 'z', '', 1].filter((v) => !item.enum!.includes(v as string))) expect(withValue(value)).toEqual([key]);
    } else if (item.type === 'boolean') {
      for (const value of [true, false]) expect(withValue(value)).toEqual([]);
      for (const value of ['true', 1, 0]) expect(withValue(value)).toEqual([key]);
    } else if (item.type === 'array' && resolve(item.items!).type === 'object') {
      // A list of blocks (B906.historyMAP: B034 items, at least minItems).
      const first = (sample[key] as unknown[] | undefined)?.[0] ?? (samples.find(([n]) => n === resolve(item.items!).name)?.[2] as unknown);
      expect(first).toBeDefined();
      expect(withValue([first, first])).toEqual([]);
      if ((item.minItems ?? 0) > 0) expect(withValue([])).toEqual([key]);
      expect(withValue(first)).toEqual([key]);
      expect(withValue(['x'])).toEqual([key]);
      expect(withValue([{}])).toEqual([key]);
    } else if (item.type === 'array') {
      expect(resolve(item.items!).nullable).toBe(true);
      expect(withValue([null, '1000000001'])).toEqual([]);
      expect(withValue(['100000000'])).toEqual([key]);
      expect(withValue('1000000001')).toEqual([key]);
    } else if (item.type === 'object') {
      // A nested block (B906.existingMeter: B033), checked in its own right above.
      expect(withValue('x')).toEqual([key]);
      expect(withValue([])).toEqual([key]);
      expect(withValue({})).toEqual([key]);
    } else if (item.type === 'integer') {
      for (const value of [item.minimum!, item.maximum!]) expect(withValue(value)).toEqual([]);
      for (const value of [item.minimum! - 1, item.maximum! + 1, 1.5, '1', true]) expect(withValue(value)).toEqual([key]);
    } else if (item.name === 'DT-003-DateTime' || item.name === 'DT-003N-DateTime') {
      expect(withValue('2025-04-01T00:00:00+01:00')).toEqual([]);
      expect(withValue('2025-04-01')).toEqual([key]);
    } else if (item.name === 'DT-995-SenderUniqueReference') {
      expect(withValue(`S-IF-050-3000000019-LDSO-20250320-${'a'.repeat(166)}`)).toEqual([]); // 200 characters
      expect(withValue(`S-IF-050-3000000019-LDSO-20250320-${'a'.repeat(167)}`)).toEqual([key]);
      expect(withValue('x')).toEqual([key]);
    } else {
      expect(item.type).toBe('string');
      const min = item.minLength ?? 0;
      const max = item.maxLength!;
      const ch = filler(item);
      expect(withValue(ch.repeat(max))).toEqual([]);
      expect(withValue(ch.repeat(max + 1))).toEqual([key]);
      if (min > 0) expect(withValue(ch.repeat(min - 1))).toEqual([key]);
      if (!item.pattern || min === max) expect(withValue(ch.repeat(Math.max(min, 1)))).toEqual([]);
      expect(withValue(5)).toEqual([key]);
      if (DIGIT_TYPES.has(item.name ?? '')) expect(withValue('A'.repeat(max))).toEqual([key]);
    }
  });
});

/** ADR 0003: the REGS-CSS input is thin — only these blocks of IF-001, the optional B004 and the required rest. */
const THIN: Record<string, { allowed: string[]; required: string[] }> = {
  '[InitialRegistration]': { allowed: ['B013', 'B002', 'B004'], required: ['B013', 'B002'] },
  '[ChangeOfSupplier]': { allowed: ['B013', 'B002', 'B003', 'B004'], required: ['B013', 'B002', 'B003'] },
};

describe.each(
  Object.values(DIP_CHANNELS).flatMap((c) => Object.entries(c.events).map(([code, e]) => [code, e.mirrors, e.customBlockDto] as const)),
)('the %s CustomBlock DTO mirrors %s', (eventCode, mirrors, dto) => {
  const official = schemas[mirrors]!.properties!.CustomBlock!;

  it('has exactly the official blocks, in order (the thin subset on REGS-CSS)', () => {
    const officialBlocks = Object.keys(official.properties!);
    expect(wirePropertiesOf(dto)).toEqual(THIN[eventCode] ? officialBlocks.filter((b) => THIN[eventCode]!.allowed.includes(b)) : officialBlocks);
  });

  it('requires the official blocks (on REGS-CSS: the thin blocks but B004)', () => {
    const required = THIN[eventCode]?.required ?? official.required ?? [];
    const failures = validateSync(plainToInstance(dto, {}) as object, OPTIONS).map((e) => e.property);
    expect(failures.sort()).toEqual([...required].sort());
  });
});
