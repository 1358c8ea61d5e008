import type { ThrottlerStorage } from '@nestjs/throttler';

/** What {@link HitLogStorage.increment} answers: `@nestjs/throttler`'s `ThrottlerStorageRecord`. */
export interface HitLogRecord {
  totalHits: number;
  /** Seconds (rounded up) until the key's window ends. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds (rounded up) until the block ends; read by the guard only when `isBlocked`. */
  timeToBlockExpire: number;
}

/**
 * One throttler's remembered hits on one key: the instants (epoch ms) each hit expires, in
 * non-decreasing order from `head` on (the entries before `head` have expired and are dropped).
 */
interface HitLog {
  expiries: number[];
  head: number;
}

/** One key's counters, as `@nestjs/throttler`'s `ThrottlerStorageService` keeps them. */
interface KeyRecord {
  logs: Map<string, HitLog>;
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
}

/** How often idle keys are forgotten, ms (the throttler's own `DEFAULT_SWEEP_INTERVAL`). */
export const HIT_LOG_SWEEP_INTERVAL_MS = 60_000;

/** Dropped entries at the front of a log before it is compacted (and only when they are more than half of it). */
const COMPACT_AFTER = 1024;

/**
 * The per-participant rate limit's counters in the process's memory: the same counting as
 * `@nestjs/throttler`'s default `ThrottlerStorageService` (6.7; docs/security.md "The rate limit" — a
 * sliding log of each hit for `ttl`, a block of `blockDuration` from the first refused request,
 * refused requests not counted, the count starting from zero when a block ends; or, with
 * `blockDuration` ≤ 0, refusal until the oldest hit expires), and the same answers, at a constant
 * cost per request instead of one proportional to the requests in the window.
 *
 * Why: the default storage filters the key's whole list of hit expiries on every request
 * (`pruneExpiredHits`, an `Array.filter` and a new array each time). Every request of a
 * participant is one more entry, so at N requests a window each request costs O(N): at the
 * default 6 000 a minute, 6 000 entries copied per request; the benchmark, which reads as one
 * participant with the limit lifted, copied up to 30 000 (issue #9, Q1: 2–4% of the server's CPU
 * per read). Here each log is kept in expiry order (a hit expires at `now + ttl`; `ttl` is fixed
 * per throttler, so hits arrive in order, and an out-of-order one — the clock stepped back — is put
 * in its place), expired hits are dropped from the front (amortised O(1), the array compacted
 * once more than half of it is dropped), and the count is the live length.
 *
 * Keys idle for a whole window (no live hit, window and any block over) are forgotten, checked at
 * most every {@link HIT_LOG_SWEEP_INTERVAL_MS} during an `increment` (no timer). Counters are per
 * process, as with the default storage (several instances each count alone).
 */
export class HitLogStorage implements ThrottlerStorage {
  private readonly records = new Map<string, KeyRecord>();
  private nextSweepAt: number;

  /** @param now the clock (epoch ms), `Date.now` by default (tests pass their own). */
  constructor(private readonly now: () => number = Date.now) {
    this.nextSweepAt = now() + HIT_LOG_SWEEP_INTERVAL_MS;
  }

  /** Number of keys remembered (for tests and diagnostics). */
  get size(): number {
    return this.records.size;
  }

  /**
   * Counts one request on `key` for throttler `throttlerName` (see the class), ms for `ttl` and
   * `blockDuration`; answers as `ThrottlerStorageService.increment` does for the same calls at the
   * same instants (the one difference: an instant is read once per call, where the default reads
   * the clock several times).
   */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<HitLogRecord> {
    return this.count(key, ttl, limit, blockDuration, throttlerName, this.now());
  }

  private count(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string, now: number): HitLogRecord {
    if (now >= this.nextSweepAt) this.sweep(now);
    let record = this.records.get(key);
    if (record === undefined) {
      record = { logs: new Map(), expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false };
      this.records.set(key, record);
    }
    let log = record.logs.get(throttlerName);
    if (log === undefined) {
      log = { expiries: [], head: 0 };
      record.logs.set(throttlerName, log);
    }
    prune(log, now);
    let timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      record.expiresAt = now + ttl;
      timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    }

    if (blockDuration <= 0) {
      // Refused while `limit` hits are live; the refusal lasts until the oldest of them expires.
      const isBlocked = liveHits(log) >= limit;
      if (!isBlocked) addHit(log, now + ttl);
      const live = liveHits(log);
      const timeToBlockExpire = live > 0 ? Math.ceil((log.expiries[log.head]! - now) / 1000) : timeToExpire;
      return { totalHits: live + (isBlocked ? 1 : 0), timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToBlockExpire : 0 };
    }

    if (!record.isBlocked) addHit(log, now + ttl);
    if (liveHits(log) > limit && !record.isBlocked) {
      record.isBlocked = true;
      record.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((record.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && record.isBlocked) {
      // The block is over: the count starts again from zero, with this request.
      record.isBlocked = false;
      log.expiries = [];
      log.head = 0;
      addHit(log, now + ttl);
    }
    return { totalHits: liveHits(log), timeToExpire, isBlocked: record.isBlocked, timeToBlockExpire };
  }

  /** Forgets every key with no live hit whose window and block (if any) are over. */
  private sweep(now: number): void {
    this.nextSweepAt = now + HIT_LOG_SWEEP_INTERVAL_MS;
    for (const [key, record] of this.records) {
      if (record.isBlocked && record.blockExpiresAt > now) continue;
      if (record.expiresAt > now) continue;
      let live = false;
      for (const log of record.logs.values()) {
        prune(log, now);
        if (liveHits(log) > 0) live = true;
      }
      if (!live) this.records.delete(key);
    }
  }
}

/** Drops the hits that expired at or before `now` (the default storage keeps those with expiry > now). */
function prune(log: HitLog, now: number): void {
  const { expiries } = log;
  let head = log.head;
  while (head < expiries.length && expiries[head]! <= now) head++;
  if (head === expiries.length) {
    log.expiries = [];
    log.head = 0;
  } else if (head >= COMPACT_AFTER && head * 2 >= expiries.length) {
    log.expiries = expiries.slice(head);
    log.head = 0;
  } else log.head = head;
}

function liveHits(log: HitLog): number {
  return log.expiries.length - log.head;
}

/** Remembers a hit expiring at `expiry`, in order (at the end but for a clock that stepped back). */
function addHit(log: HitLog, expiry: number): void {
  const { expiries } = log;
  if (expiries.length === log.head || expiries[expiries.length - 1]! <= expiry) {
    expiries.push(expiry);
    return;
  }
  let lo = log.head;
  let hi = expiries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (expiries[mid]! <= expiry) lo = mid + 1;
    else hi = mid;
  }
  expiries.splice(lo, 0, expiry);
}
