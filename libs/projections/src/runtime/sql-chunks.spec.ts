import { chunkSizes, MAX_STATEMENT_PARAMS, MAX_STATEMENT_ROWS } from './sql-chunks';

describe('chunkSizes (multi-row statement sizes)', () => {
  it('splits into full chunks, then the binary decomposition of the rest', () => {
    expect(chunkSizes(0, 4)).toEqual([]);
    expect(chunkSizes(1, 4)).toEqual([1]);
    expect(chunkSizes(300, 10)).toEqual([256, 32, 8, 4]);
    expect(chunkSizes(600, 1)).toEqual([256, 256, 64, 16, 8]);
  });

  it('keeps every chunk within the row and parameter caps, and the sizes sum to the count', () => {
    for (const width of [1, 2, 4, 15, 16, 17, 64, 100, 3000]) {
      for (const count of [0, 1, 7, 255, 256, 257, 1000, 4097]) {
        const sizes = chunkSizes(count, width);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
        for (const size of sizes) {
          expect(size).toBeLessThanOrEqual(MAX_STATEMENT_ROWS);
          expect(size === 1 || size * width <= MAX_STATEMENT_PARAMS).toBe(true);
          // Powers of two only: few distinct statement texts.
          expect(size & (size - 1)).toBe(0);
        }
      }
    }
  });

  it('refuses a bad count or width', () => {
    expect(() => chunkSizes(-1, 4)).toThrow(RangeError);
    expect(() => chunkSizes(1.5, 4)).toThrow(RangeError);
    expect(() => chunkSizes(3, 0)).toThrow(RangeError);
  });
});
