import type { DataSource } from 'typeorm';

/**
 * Helpers for the multi-row statements projections run per batch (one INSERT of many rows, one
 * DELETE/SELECT with an `IN (…)` list), built with the driver's own placeholders (`?` on SQLite,
 * `$n` on PostgreSQL).
 *
 * Row counts are split into power-of-two chunks ({@link chunkSizes}) so that a DataSource only ever
 * sees a handful of distinct statement texts per table (SQLite's prepared-statement cache is keyed
 * by the text; see `statementCacheSize` in ./view-database.ts).
 */

/** Most parameters one multi-row statement binds: below SQLite's 32 766 and PostgreSQL's 65 535. */
export const MAX_STATEMENT_PARAMS = 16_384;

/** Most rows one multi-row statement carries, whatever its width (a power of two). */
export const MAX_STATEMENT_ROWS = 256;

/**
 * Splits `count` rows of `width` parameters each into statement sizes: as many full chunks of the
 * largest power of two that fits ({@link MAX_STATEMENT_ROWS}, {@link MAX_STATEMENT_PARAMS}) as
 * there are, then the rest as its binary decomposition (e.g. 300 rows of 10 → 256, 32, 8, 4).
 * The sizes sum to `count`; an empty list for 0.
 * @throws RangeError when `count` is not a non-negative integer or `width` not a positive one.
 */
export function chunkSizes(count: number, width: number): number[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isSafeInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
  let full = 1;
  while (full * 2 <= MAX_STATEMENT_ROWS && full * 2 * width <= MAX_STATEMENT_PARAMS) full *= 2;
  const sizes: number[] = [];
  let left = count;
  while (left >= full) {
    sizes.push(full);
    left -= full;
  }
  for (let size = full / 2; size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** `count` placeholders of `source`'s driver, in order (`?` … on SQLite, `$1` … `$count` on PostgreSQL). */
export function placeholdersOf(source: DataSource, count: number): string[] {
  if (count === 0) return [];
  const names = Array.from({ length: count }, (_v, i) => `p${i}`);
  const [text] = source.driver.escapeQueryWithParameters(names.map((n) => `:${n}`).join(','), Object.fromEntries(names.map((n) => [n, null])), {});
  return text.split(',');
}

/** `rows` parenthesised tuples of `width` placeholders each, comma-separated: `(?, ?), (?, ?)`. */
export function tuplesOf(source: DataSource, rows: number, width: number): string {
  const p = placeholdersOf(source, rows * width);
  return Array.from({ length: rows }, (_v, r) => `(${p.slice(r * width, (r + 1) * width).join(', ')})`).join(', ');
}

/** Memoises a statement text built for a row count (one text per count, per DataSource by the caller). */
export function memoByCount(build: (n: number) => string): (n: number) => string {
  const built = new Map<number, string>();
  return (n: number) => {
    let text = built.get(n);
    if (text === undefined) {
      text = build(n);
      built.set(n, text);
    }
    return text;
  };
}

/**
 * Runs `run(chunk)` for consecutive slices of `items` sized by {@link chunkSizes} (`width`
 * parameters per item), one after another, and returns the results in order.
 */
export async function inChunks<T, R>(items: readonly T[], width: number, run: (chunk: T[]) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let start = 0;
  for (const size of chunkSizes(items.length, width)) {
    results.push(await run(items.slice(start, start + size)));
    start += size;
  }
  return results;
}

/**
 * `build(source)` made once per DataSource and remembered (weakly) for it: statement texts depend
 * on the driver's placeholders and the entities' metadata, never on anything else.
 */
export function perDataSource<T>(build: (source: DataSource) => T): (source: DataSource) => T {
  const built = new WeakMap<DataSource, T>();
  return (source) => {
    let value = built.get(source);
    if (value === undefined) {
      value = build(source);
      built.set(source, value);
    }
    return value;
  };
}
