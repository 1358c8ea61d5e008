import { addDays, LocalDate } from '@app/registration-domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOfficialSchemas } from '../conformance/official-schemas';
import { findRepoRoot, OFFICIAL_OPENAPI_RELATIVE_PATH } from '../conformance/repo-root';
import { isUkLocalMidnight, settlementDayOf } from '../settlement-day';
import { dipDateTimeOfInstant, dipDateTimeOfSettlementDay } from './egress-date-time';
import { deterministicTransactionId, egressPublicationId, egressSenderReference } from './egress-ids';
import { EGRESS_SCHEMA_VERSION, OFFICIAL_EVENT_SCHEMAS, schemaNameOf } from './egress-schemas';
import { EgressRenderError } from './egress-types';
import { EGRESS_PUBLICATION_TYPES, renderPublication } from './render-publication';
import { identityFor } from './testing/egress-story';
import { fullStory } from './testing/egress-stories';

/** Identifiers, date-times and schema names in the official formats; rendering is deterministic. */

const schemas = loadOfficialSchemas();
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const document = JSON.parse(readFileSync(join(findRepoRoot(), OFFICIAL_OPENAPI_RELATIVE_PATH), 'utf8')) as Json;
const valid = (schema: string, value: unknown) => expect(schemas.validate(schema, value)).toEqual({ valid: true, errors: [] });

describe('identifier helpers', () => {
  it('egressSenderReference: DT-995, with the UTC date of recordedAt, unique per position and index', () => {
    const ref = egressSenderReference('IF-037', '9000000002', 1234n, 2, '2025-04-01T23:30:00.000Z');
    expect(ref).toBe('S-IF-037-9000000002-REGS-20250401-p1234i2');
    valid('DT-995-SenderUniqueReference', ref);
    valid('DT-995-SenderUniqueReference', egressSenderReference('IF-001', '9000000002', 2n ** 63n - 1n, 10_000));
    expect(egressSenderReference('IF-001', '9000000002', 0n, 0)).toBe('S-IF-001-9000000002-REGS-00000000-p0i0');
    const refs = new Set([egressSenderReference('IF-006', '9000000002', 12n, 3), egressSenderReference('IF-006', '9000000002', 1n, 23), egressSenderReference('IF-006', '9000000002', 123n, 0)]);
    expect(refs.size).toBe(3);
    expect(() => egressSenderReference('IF-37', '9000000002', 1n, 0)).toThrow(EgressRenderError);
    expect(() => egressSenderReference('IF-037', '900000000', 1n, 0)).toThrow(/not 10 digits/);
    expect(() => egressSenderReference('IF-037', '9000000002', -1n, 0)).toThrow(/negative/);
    expect(() => egressSenderReference('IF-037', '9000000002', 1n, 0.5)).toThrow(EgressRenderError);
    expect(() => egressSenderReference('IF-037', '9000000002', 1n, 0, '2025-04-01')).toThrow(/not a UTC instant/);
  });

  it('deterministicTransactionId: DT-014 (≤ 65), same seed → same id, UUID-shaped or in the DIP style', () => {
    const a = deterministicTransactionId('42:1000000001');
    expect(a).toBe(deterministicTransactionId('42:1000000001'));
    expect(a).not.toBe(deterministicTransactionId('42:1000000002'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    valid('DT-014-DIPTransactionID', a);
    const shaped = deterministicTransactionId('42:1000000001', { interfaceId: 'IF-036', senderDipId: '9000000002', senderRoleId: 'REGS', on: '2025-04-01T09:30:00Z' });
    expect(shaped).toMatch(/^T-IF-036-9000000002-REGS-20250401-[0-9a-f]{16}$/);
    expect(deterministicTransactionId('42:1000000001', { interfaceId: 'IF-036', senderDipId: '9000000002', senderRoleId: 'REGS', on: '2025-04-01' })).toBe(shaped);
    valid('DT-014-DIPTransactionID', shaped);
    expect(() => deterministicTransactionId('')).toThrow(EgressRenderError);
  });

  it('egressPublicationId: PUB-nnn of the interface (DI-986)', () => {
    expect(egressPublicationId('IF-037')).toBe('PUB-037');
    valid('DI-986-Publication-ID', egressPublicationId('IF-001'));
    expect(() => egressPublicationId('REGS-LDSO')).toThrow(EgressRenderError);
  });
});

describe('date-times (DT-003)', () => {
  it('a settlement day renders as its UK local midnight, with the UK offset, and reads back as the same day', () => {
    expect(dipDateTimeOfSettlementDay('2025-01-15')).toBe('2025-01-15T00:00:00+00:00');
    expect(dipDateTimeOfSettlementDay('2025-07-01')).toBe('2025-07-01T00:00:00+01:00');
    // The days of the clock changes (2025-03-30 and 2025-10-26) start in the old offset.
    expect(dipDateTimeOfSettlementDay('2025-03-30')).toBe('2025-03-30T00:00:00+00:00');
    expect(dipDateTimeOfSettlementDay('2025-03-31')).toBe('2025-03-31T00:00:00+01:00');
    expect(dipDateTimeOfSettlementDay('2025-10-26')).toBe('2025-10-26T00:00:00+01:00');
    expect(dipDateTimeOfSettlementDay('2025-10-27')).toBe('2025-10-27T00:00:00+00:00');
    for (let day = '2024-12-25' as LocalDate; day <= '2026-01-05'; day = addDays(day, 1)) {
      const value = dipDateTimeOfSettlementDay(day);
      expect(settlementDayOf(value)).toBe(day);
      expect(isUkLocalMidnight(value)).toBe(true);
    }
    valid('DT-003-DateTime', dipDateTimeOfSettlementDay('2025-07-01'));
    expect(() => dipDateTimeOfSettlementDay('2025-02-30')).toThrow(EgressRenderError);
    expect(() => dipDateTimeOfSettlementDay('2025-04-01T00:00:00Z')).toThrow(EgressRenderError);
  });

  it('a UTC instant renders in UTC, to the second', () => {
    expect(dipDateTimeOfInstant('2025-04-01T09:30:00.123Z')).toBe('2025-04-01T09:30:00+00:00');
    expect(dipDateTimeOfInstant('2025-07-01T23:59:59Z')).toBe('2025-07-01T23:59:59+00:00');
    valid('DT-003-DateTime', dipDateTimeOfInstant('2025-04-01T09:30:00.123Z'));
    for (const bad of ['2025-04-01T09:30:00+01:00', '2025-04-01', '2025-02-30T00:00:00Z', '2025-04-01T25:00:00Z']) {
      expect(() => dipDateTimeOfInstant(bad)).toThrow(EgressRenderError);
    }
  });
});

describe('schema names and versions', () => {
  it('OFFICIAL_EVENT_SCHEMAS is exactly the per-event schemas of the document', () => {
    const names = Object.keys(document.components.schemas).filter((k) => /^(IF|REP)-\d{3}[AB]?-/.test(k) && !/-(Payload|CustomBlock)$/.test(k));
    expect([...OFFICIAL_EVENT_SCHEMAS].sort()).toEqual(names.sort());
  });

  it.each(Object.entries(EGRESS_PUBLICATION_TYPES).flatMap(([i, codes]) => codes.map((c) => [i, c] as const)))(
    '%s %s: the schema exists, lists the event code, and enumerates schema version 011',
    (interfaceId, eventCode) => {
      const schema = document.components.schemas[schemaNameOf(interfaceId, eventCode)];
      const variants: Json[] = schema.properties ? [schema] : schema.oneOf.map((r: Json) => document.components.schemas[r.$ref.split('/').pop()]);
      const s0s = variants.map((v) => v.properties.CommonBlock.properties.S0.properties);
      expect(s0s.some((s0) => s0.eventCode.enum.includes(eventCode) && s0.interfaceID.enum.includes(interfaceId))).toBe(true);
      for (const s0 of s0s) expect(s0.schemaVersion.enum).toEqual([EGRESS_SCHEMA_VERSION]);
    },
  );
});

describe('determinism', () => {
  it('the same publication renders the same message, byte for byte, each time and from a rebuilt story', () => {
    const [first, second] = [fullStory(), fullStory()];
    const renderAll = (story: typeof first) =>
      story.issued.map((i) =>
        renderPublication({
          publication: i.publication,
          causedBy: { event: i.event, stateAfter: i.stateAfter },
          recipient: i.publication.recipients[0]!,
          referenceData: story.ref,
          identity: identityFor(i.publication.interfaceId, i.position, 0),
        }),
      );
    const a = renderAll(first);
    expect(a.length).toBeGreaterThan(40);
    expect(JSON.stringify(renderAll(first))).toBe(JSON.stringify(a));
    expect(JSON.stringify(renderAll(second))).toBe(JSON.stringify(a));
  });
});
