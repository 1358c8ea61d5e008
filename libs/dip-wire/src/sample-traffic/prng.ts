/**
 * Seeded pseudo-random numbers for the sample-traffic generator (no `Math.random`: the same seed
 * gives the same traffic on every machine and Node version).
 */

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of a 32-bit integer. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed derived from a run seed and a stream number (e.g. the MPAN's index). */
export function deriveSeed(seed: number, stream: number): number {
  return fmix32((seed ^ 0x9e3779b9) + fmix32((stream >>> 0) + 0x7f4a7c15 + Math.floor(stream / 0x1_0000_0000)));
}

/** A small seeded generator (mulberry32) with the helpers the traffic generator needs. */
export class Prng {
  private state: number;

  /** @param seed any 32-bit integer; other numbers are truncated to 32 bits. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element. @throws RangeError on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An element chosen with probability proportional to its weight. @throws RangeError when all weights are 0. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
}
