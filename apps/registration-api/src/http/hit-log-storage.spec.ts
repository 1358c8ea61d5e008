import { ThrottlerStorageService } from '@nestjs/throttler';
import { HIT_LOG_SWEEP_INTERVAL_MS, HitLogStorage } from './hit-log-storage';

/** mulberry32: a seeded generator, so that a failing sequence can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * HitLogStorage must count exactly as @nestjs/throttler's own in-memory storage: both are driven with
 * the same calls at the same instants (jest's fake clock, which the default storage reads through
 * Date.now) and must give the same answers. `timeToBlockExpire` is compared while blocked, the only
 * time the guard reads it.
 */
describe('HitLogStorage (the rate limit counters)', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12) }));
  afterEach(() => jest.useRealTimers());

  type Settings = { ttl: number; limit: number; blockDuration: number };

  /** Drives both storages through `steps` random calls; returns how many answers were blocks. */
  async function differential(
    settings: Settings[],
    steps: number,
    seed: number,
    maxStepMs: number,
    { clockStepsBack = false, longGapMs = 0 }: { clockStepsBack?: boolean; longGapMs?: number } = {},
  ): Promise<number> {
    const random = seeded(seed);
    const reference = new ThrottlerStorageService();
    const storage = new HitLogStorage();
    let blocked = 0;
    try {
      for (let i = 0; i < steps; i++) {
        const draw = random();
        if (clockStepsBack && draw < 0.02) jest.setSystemTime(Date.now() - Math.floor(random() * 2000));
        else if (longGapMs > 0 && draw < 0.05) jest.advanceTimersByTime(Math.floor(random() * longGapMs));
        else jest.advanceTimersByTime(Math.floor(random() * maxStepMs)); // also runs the default storage's sweep timer
        const s = settings[Math.floor(random() * settings.length)]!;
        const key = `default:participant 100000000${Math.floor(random() * 2)}`;
        const name = random() < 0.8 ? 'default' : 'burst';
        const expected = await reference.increment(key, s.ttl, s.limit, s.blockDuration, name);
        const actual = await storage.increment(key, s.ttl, s.limit, s.blockDuration, name);
        const comparable = (r: typeof expected) => ({ ...r, timeToBlockExpire: r.isBlocked ? r.timeToBlockExpire : 'not read' });
        if (JSON.stringify(comparable(actual)) !== JSON.stringify(comparable(expected))) {
          throw new Error(`step ${i} (seed ${seed}), ${key} ${name} ${JSON.stringify(s)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
        }
        if (expected.isBlocked) blocked++;
      }
    } finally {
      reference.onApplicationShutdown();
    }
    return blocked;
  }

  it('answers as the default storage with a block of one window (the service: blockDuration = ttl)', async () => {
    for (const seed of [1, 2, 3]) {
      expect(await differential([{ ttl: 3000, limit: 5, blockDuration: 3000 }], 3000, seed, 300)).toBeGreaterThan(0);
    }
  });

  it('answers as the default storage with other blocks, limits and windows, and with no block (blockDuration 0)', async () => {
    const settings: Settings[] = [
      { ttl: 1000, limit: 1, blockDuration: 0 },
      { ttl: 2500, limit: 3, blockDuration: 5000 },
      { ttl: 60_000, limit: 10, blockDuration: 60_000 },
    ];
    for (const seed of [4, 5]) expect(await differential(settings, 3000, seed, 400)).toBeGreaterThan(0);
    expect(await differential([{ ttl: 2000, limit: 4, blockDuration: 0 }], 2000, 6, 200)).toBeGreaterThan(0);
  });

  it('answers as the default storage across idle periods longer than its sweep (forgotten keys)', async () => {
    expect(await differential([{ ttl: 1000, limit: 2, blockDuration: 1000 }], 2000, 7, 200, { longGapMs: 3 * HIT_LOG_SWEEP_INTERVAL_MS })).toBeGreaterThan(0);
  });

  it('answers as the default storage when the clock steps back', async () => {
    expect(await differential([{ ttl: 3000, limit: 6, blockDuration: 3000 }], 3000, 8, 300, { clockStepsBack: true })).toBeGreaterThan(0);
  });

  it('answers as the default storage over long logs (thousands of live hits, dropped from the front)', async () => {
    // About 2 400 live hits per key at a time (0.5 ms apart, two keys, two throttlers) under a limit
    // never reached: each log is compacted several times.
    expect(await differential([{ ttl: 3_000, limit: 1_000_000, blockDuration: 3_000 }], 20_000, 9, 2)).toBe(0);
    // And a limit reached with about a thousand hits in the window.
    expect(await differential([{ ttl: 3_000, limit: 1_000, blockDuration: 3_000 }], 10_000, 10, 2)).toBeGreaterThan(0);
  });

  it('forgets a key idle for a window once the sweep interval has passed, at the next request', async () => {
    const storage = new HitLogStorage();
    await storage.increment('a', 1000, 5, 1000, 'default');
    await storage.increment('b', 120_000, 5, 120_000, 'default');
    expect(storage.size).toBe(2);
    jest.advanceTimersByTime(HIT_LOG_SWEEP_INTERVAL_MS);
    await storage.increment('c', 1000, 5, 1000, 'default');
    expect(storage.size).toBe(2); // 'a' forgotten; 'b' still in its window
  });

  it('keeps a blocked key until its block ends', async () => {
    const storage = new HitLogStorage();
    for (let i = 0; i < 3; i++) await storage.increment('a', 1000, 2, 120_000, 'default');
    expect((await storage.increment('a', 1000, 2, 120_000, 'default')).isBlocked).toBe(true);
    jest.advanceTimersByTime(HIT_LOG_SWEEP_INTERVAL_MS);
    await storage.increment('b', 1000, 2, 120_000, 'default');
    expect(storage.size).toBe(2);
    expect(await storage.increment('a', 1000, 2, 120_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
  });
});
