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
