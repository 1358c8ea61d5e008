import { MAX_QUOTED_INPUT, quoteInput } from './quote-input';

describe('quoteInput', () => {
  it('quotes short input as JSON', () => {
    expect(quoteInput('2')).toBe('"2"');
    expect(quoteInput(null)).toBe('null');
    expect(quoteInput(1.5)).toBe('1.5');
    expect(quoteInput([1])).toBe('[1]');
    expect(quoteInput(undefined)).toBe('nothing');
    expect(quoteInput('a\u0000b')).toBe('"a\\u0000b"');
  });

  it(`cuts long input to ${MAX_QUOTED_INPUT} characters with …`, () => {
    expect(quoteInput('x'.repeat(5000))).toBe(`"${'x'.repeat(MAX_QUOTED_INPUT)}…"`);
    const array = quoteInput(Array.from({ length: 1000 }, (_, i) => i));
    expect(array).toHaveLength(MAX_QUOTED_INPUT + 1);
    expect(array.endsWith('…')).toBe(true);
  });
});
