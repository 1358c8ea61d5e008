/**
 * Digests of the global log, read page by page (never the whole log in memory), so that two stores
 * holding the same history — e.g. a SQLite file and the PostgreSQL database it was copied into
 * (`registry copy-store`, docs/scaling.md) — can be shown to hold exactly the same events.
 */
import { createHash } from 'node:crypto';
import { EventStore, RecordedEvent } from './event-store.port';

/** What reading the log needs of a store: its `readAll` (any adapter, or a narrower reader). */
export type LogReader = Pick<EventStore, 'readAll'>;

/** Events per `readAll` page when reading the log for a digest or a copy. */
export const DEFAULT_LOG_PAGE_SIZE = 1000;

/** Options of {@link readLogPages}, {@link digestLog} and {@link compareLogs}. */
export interface LogReadOptions {
  /** Start after this position (exclusive); default `0n` (the whole log). */
  after?: bigint;
  /** Stop at this position (inclusive); default: read until the log ends. */
  through?: bigint;
  /** Events per page; default {@link DEFAULT_LOG_PAGE_SIZE} (1 to 100,000). */
  pageSize?: number;
}

/** The digest of (a prefix of) a log. */
export interface LogDigest {
  /** Number of events digested. */
  events: number;
  /** Position of the last event digested; `0n` when there was none. */
  head: bigint;
  /** SHA-256 (hex) over {@link canonicalEventLine} of every event, in position order, each line ended by `\n`. */
  sha256: string;
}

/**
 * The canonical form of one recorded event, as hashed by {@link digestLog}: the JSON array
 * `[position, streamName, revision, type, data, metadata, recordedAt]` with the position and the
 * revision as decimal strings. `data` and `metadata` keep their key order (both stores keep the
 * exact `JSON.stringify` text), so a reordered or altered field changes the line.
 */
export function canonicalEventLine(event: RecordedEvent): string {
  return JSON.stringify([
    event.position.toString(),
    event.streamName,
    event.revision.toString(),
    event.type,
    event.data,
    event.metadata,
    event.recordedAt,
  ]);
}

/**
 * Reads the global log of `store` in position order, one `readAll` page at a time (at most
 * `pageSize` events in memory), from after `options.after` through `options.through`.
 * @throws RangeError for a `pageSize` outside 1–100,000.
 * @throws Error when the store returns positions that do not increase (a broken adapter).
 */
export async function* readLogPages(store: LogReader, options: LogReadOptions = {}): AsyncGenerator<RecordedEvent[], void, undefined> {
  const pageSize = options.pageSize ?? DEFAULT_LOG_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100_000) {
    throw new RangeError(`pageSize must be a whole number from 1 to 100000, got ${String(pageSize)}`);
  }
  let after = options.after ?? 0n;
  for (;;) {
    if (options.through !== undefined && after >= options.through) return;
    const page = await store.readAll({ after, maxCount: pageSize });
    const kept = options.through === undefined ? page : page.filter((e) => e.position <= options.through!);
    for (const event of kept) {
      if (event.position <= after) throw new Error(`the log went backwards: position ${event.position} after ${after}`);
      after = event.position;
    }
    if (kept.length > 0) yield kept;
    if (page.length < pageSize || kept.length < page.length) return;
  }
}

/** Accumulates a {@link LogDigest} one event at a time. */
class LogHasher {
  private readonly hash = createHash('sha256');
  events = 0;
  head = 0n;

  add(event: RecordedEvent): string {
    const line = canonicalEventLine(event);
    this.hash.update(line);
    this.hash.update('\n');
    this.events += 1;
    this.head = event.position;
    return line;
  }

  digest(): LogDigest {
    return { events: this.events, head: this.head, sha256: this.hash.digest('hex') };
  }
}

/**
 * The digest of `store`'s log (or of the part `options` selects): event count, last position and
 * SHA-256 over the canonical line of every event in position order (see {@link canonicalEventLine}).
 * Streams the log page by page. Two stores with equal digests hold the same events at the same
 * positions, byte for byte in what the port returns.
 * @throws what {@link readLogPages} and the store throw.
 */
export async function digestLog(
  store: LogReader,
  options: LogReadOptions & { onProgress?: (progress: { position: bigint; events: number }) => void } = {},
): Promise<LogDigest> {
  const hasher = new LogHasher();
  for await (const page of readLogPages(store, options)) {
    for (const event of page) hasher.add(event);
    options.onProgress?.({ position: hasher.head, events: hasher.events });
  }
  return hasher.digest();
}

/** What {@link compareLogs} found. */
export interface LogComparison {
  left: LogDigest;
  right: LogDigest;
  /**
   * The first position where the logs differ (an event that differs, or one that only one side
   * has: the lower of the two positions met there), or `null` when they hold the same events.
   */
  firstDifference: bigint | null;
}

/**
 * Reads two logs side by side in position order, page by page, and digests both (as
 * {@link digestLog}) while looking for the first event where they differ. `options` selects the same
 * range on both sides.
 * @throws what {@link readLogPages} and the stores throw.
 */
export async function compareLogs(
  left: LogReader,
  right: LogReader,
  options: LogReadOptions & { onProgress?: (progress: { position: bigint; events: number }) => void } = {},
): Promise<LogComparison> {
  const l = new LogHasher();
  const r = new LogHasher();
  const leftEvents = eventsOf(readLogPages(left, options));
  const rightEvents = eventsOf(readLogPages(right, options));
  let firstDifference: bigint | null = null;
  const progressEvery = options.pageSize ?? DEFAULT_LOG_PAGE_SIZE;
  for (;;) {
    const [a, b] = await Promise.all([leftEvents.next(), rightEvents.next()]);
    if (a.done && b.done) break;
    const lineA = a.done ? null : l.add(a.value);
    const lineB = b.done ? null : r.add(b.value);
    if (firstDifference === null && lineA !== lineB) {
      const positions = [a.done ? null : a.value.position, b.done ? null : b.value.position].filter((p): p is bigint => p !== null);
      firstDifference = positions.reduce((min, p) => (p < min ? p : min));
    }
    const read = Math.max(l.events, r.events);
    if (options.onProgress && read % progressEvery === 0) options.onProgress({ position: l.head > r.head ? l.head : r.head, events: read });
  }
  options.onProgress?.({ position: l.head > r.head ? l.head : r.head, events: Math.max(l.events, r.events) });
  return { left: l.digest(), right: r.digest(), firstDifference };
}

async function* eventsOf(pages: AsyncGenerator<RecordedEvent[], void, undefined>): AsyncGenerator<RecordedEvent, void, undefined> {
  for await (const page of pages) yield* page;
}
