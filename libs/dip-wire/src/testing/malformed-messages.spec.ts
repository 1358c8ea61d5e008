import { dottedPath, fuzzSeed, jsonPath, MalformedMessageGenerator, SeededRandom } from './malformed-messages';

describe('the malformed-message generator', () => {
  it('is reproducible: the same seed gives the same messages and bodies', () => {
    const a = new MalformedMessageGenerator(42);
    const b = new MalformedMessageGenerator(42);
    const take = (g: MalformedMessageGenerator) => [...Array.from({ length: 50 }, () => g.message()), ...Array.from({ length: 20 }, () => g.body())];
    expect(JSON.stringify(take(a))).toBe(JSON.stringify(take(b)));
    expect(JSON.stringify(take(new MalformedMessageGenerator(43)))).not.toBe(JSON.stringify(take(new MalformedMessageGenerator(42))));
  });

  it('SeededRandom stays in [0, 1) and picks every item', () => {
    const random = new SeededRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      seen.add(random.pick([0, 1, 2, 3]));
    }
    expect(seen).toEqual(new Set([0, 1, 2, 3]));
  });

  it('reads REGISTRY_FUZZ_SEED, or draws one', () => {
    expect(fuzzSeed({ REGISTRY_FUZZ_SEED: '123' })).toBe(123);
    expect(Number.isInteger(fuzzSeed({}))).toBe(true);
    expect(() => fuzzSeed({ REGISTRY_FUZZ_SEED: 'x1' })).toThrow('REGISTRY_FUZZ_SEED must be a whole number');
    expect(() => fuzzSeed({ REGISTRY_FUZZ_SEED: String(2 ** 32) })).toThrow('REGISTRY_FUZZ_SEED must be a whole number');
  });

  it('writes paths as the registry reports them', () => {
    expect(dottedPath(['payload', 'CommonBlock', 'A0', 'primaryRecipients', 0])).toBe('payload.CommonBlock.A0.primaryRecipients[0]');
    expect(jsonPath(2, ['payload', 'a b', 1])).toBe('$[2].payload["a b"][1]');
  });

  it('makes bodies that JSON.parse reads but a strict reader refuses (a duplicated key, a prototype key, …)', () => {
    const g = new MalformedMessageGenerator(9);
    for (let i = 0; i < 100; i++) {
      const body = g.body();
      if (body.kind === 'deep nesting') continue;
      expect(() => JSON.parse(body.text) as unknown).not.toThrow();
    }
  });
});
