import { generateTraffic } from '@app/dip-wire';
import { Prng } from '@app/dip-wire/sample-traffic/prng';
import { bodyHash, canonicalJson } from './body-hash';

describe('canonical JSON and body hash', () => {
  it('sorts keys at every level, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('hashes two bodies that differ only in key order alike', () => {
    expect(bodyHash({ x: 1, y: { p: 'a', q: 'b' } })).toBe(bodyHash({ y: { q: 'b', p: 'a' }, x: 1 }));
  });

  it('hashes different values differently (a resend with another body is a conflict)', () => {
    expect(bodyHash({ x: 1 })).not.toBe(bodyHash({ x: 2 }));
    expect(bodyHash([1, 2])).not.toBe(bodyHash([2, 1]));
  });

  it('is a 64-character hex SHA-256', () => {
    expect(bodyHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});

/** The definition the stored hashes were made with (body-hash.ts before the direct writer). */
function referenceCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

describe('canonicalJson agrees with its definition (JSON.stringify with sorted keys)', () => {
  it('on every message of generated traffic, and on messageHash of them', () => {
    let count = 0;
    for (const line of generateTraffic({ mpans: 60, seed: 7 })) {
      expect(canonicalJson(line.message)).toBe(referenceCanonicalJson(line.message));
      expect(canonicalJson(JSON.parse(JSON.stringify(line.message)))).toBe(referenceCanonicalJson(line.message));
      count++;
    }
    expect(count).toBeGreaterThan(300);
  });

  it('on values the direct writer hands back to the definition, and on awkward strings and numbers', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    class Point {
      constructor(readonly y: number, readonly x: number) {}
    }
    const cases: unknown[] = [
      null, true, false, 0, -0, 1.5e300, NaN, Infinity, 'text', '', '\u2028"\\\ud800', undefined,
      [], {}, [undefined, () => 1, Symbol('s')], { a: undefined, b: () => 1, c: Symbol('s') },
      { 10: 'a', 2: 'b', x: 'c', '': 'e', '01': 'f' }, { z: new Date(0), a: { toJSON: () => 'J' } },
      { toJSON: 'not a function', a: 1 }, sparse, new Point(1, 2), Object.create(null) as object,
      Object.assign(Object.create(null) as object, { b: 1, a: [{ d: 1, c: 2 }] }),
      [new String('s'), new Number(1), new Boolean(false)], { é: 1, e: 2, E: 3, '\u{1F600}': 4, '\uFFFF': 5 },
      JSON.parse('{"__proto__": {"b": 1, "a": 2}}'),
    ];
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { [`k${i}`]: [deep] };
    cases.push(deep);
    for (const value of cases) {
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }
  });

  it('on random JSON-like values (seeded)', () => {
    const rng = new Prng(42);
    const keys = ['a', 'B', 'b', 'aa', '_', '1', '2', '10', 'toJSON', 'é', ''];
    const make = (depth: number): unknown => {
      const r = rng.int(0, 9);
      if (depth > 4 || r < 3) return rng.pick([null, true, false, 0, -1, 3.25, 'x', '"q"', '\n', undefined]);
      if (r < 6) return Array.from({ length: rng.int(0, 4) }, () => make(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 5); i > 0; i--) o[rng.pick(keys)] = make(depth + 1);
      return o;
    };
    for (let i = 0; i < 3000; i++) {
      const value = make(0);
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }
  });

  it('throws as its definition does: TypeError on a bigint, an error on a cycle (the rebuilt objects recurse)', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => referenceCanonicalJson(cycle)).toThrow(RangeError);
    expect(() => canonicalJson(cycle)).toThrow(RangeError);
  });
});
