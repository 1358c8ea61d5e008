import { EventStore } from '@app/event-store';
import { ProjectionCheckpointEntity } from './entities';
import { ViewDatabase } from './view-database';

/**
 * How far behind the event log each projection is (readiness probe and metrics; docs/operations.md).
 *
 * A projection's lag has two measures:
 * - **events behind**: how many events the log holds after the projection's checkpoint. Counted by
 *   reading the log after the checkpoint (positions are not event counts on every store: PostgreSQL
 *   sequences leave gaps, EventStoreDB positions are byte offsets), at most `countLimit` events, so
 *   a probe of a far-behind projection stays cheap; past the limit the count is a lower bound
 *   (`eventsBehindCapped`).
 * - **seconds behind**: the age of the oldest event the projection has not applied — from that
 *   event's `recordedAt` to `now` — or 0 when it has applied everything. A projection that is
 *   behind by one event recorded an hour ago is an hour behind, however few events that is.
 */

/** One projection's lag. Positions are global log positions (64-bit); instants UTC ISO strings. */
export interface ProjectionLag {
  /** The projection's name (`mpan-view`, `feed`, …). */
  projection: string;
  /** The log position it has applied up to (`0n` before any). */
  position: bigint;
  /** The log head's position when measured. */
  headPosition: bigint;
  /** Events in the log after {@link position} (at most the count limit, see {@link eventsBehindCapped}). */
  eventsBehind: number;
  /** True when counting stopped at the limit: the projection is at least {@link eventsBehind} events behind. */
  eventsBehindCapped: boolean;
  /** Seconds from the recorded-at instant of the oldest unapplied event to `now` (0 when caught up; never negative). */
  secondsBehind: number;
  /** Recorded-at instant of the oldest unapplied event, or `null` when caught up. */
  oldestUnappliedRecordedAt: string | null;
}

/** What one count of the log after a checkpoint found (see {@link countEventsAfter}). */
export interface UnappliedEvents {
  /** Events found after the checkpoint, up to the limit. */
  count: number;
  /** True when the limit was reached (there may be more). */
  capped: boolean;
  /** Recorded-at instant of the first event after the checkpoint, or `null` when there is none. */
  oldestRecordedAt: string | null;
}

/** Bounds a projection's lag must stay within for the instance to be ready (`RegistryConfig.health`). */
export interface LagBounds {
  /** Most events behind allowed. */
  maxEvents: number;
  /** Most seconds behind allowed. */
  maxSeconds: number;
}

/** Events read per page while counting (the `readAll` default page). */
const COUNT_PAGE = 1000;

/**
 * Counts the events of the log after `after`, reading page by page, and stops at `limit` (a whole
 * number ≥ 1). Returns the count, whether it stopped at the limit, and the recorded-at instant of the
 * first event found.
 * @throws RangeError for a limit below 1; whatever the store throws.
 */
export async function countEventsAfter(store: EventStore, after: bigint, limit: number): Promise<UnappliedEvents> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${String(limit)}`);
  let count = 0;
  let cursor = after;
  let oldestRecordedAt: string | null = null;
  while (count < limit) {
    const maxCount = Math.min(COUNT_PAGE, limit - count);
    const page = await store.readAll({ after: cursor, maxCount });
    if (page.length === 0) break;
    oldestRecordedAt ??= page[0]!.recordedAt;
    count += page.length;
    cursor = page[page.length - 1]!.position;
    if (page.length < maxCount) break;
  }
  return { count, capped: count >= limit, oldestRecordedAt };
}

/**
 * The lag of one projection from what was read: its checkpoint `position`, the log `headPosition`,
 * the unapplied events found after the checkpoint, and `now` (UTC instant). Pure.
 * Seconds are whole milliseconds / 1000 (a clock that went backwards gives 0, never a negative lag).
 */
export function lagOf(projection: string, position: bigint, headPosition: bigint, unapplied: UnappliedEvents, now: string): ProjectionLag {
  const ageMs = unapplied.oldestRecordedAt === null ? 0 : Date.parse(now) - Date.parse(unapplied.oldestRecordedAt);
  return {
    projection,
    position,
    headPosition,
    eventsBehind: unapplied.count,
    eventsBehindCapped: unapplied.capped,
    secondsBehind: Number.isFinite(ageMs) && ageMs > 0 ? ageMs / 1000 : 0,
    oldestUnappliedRecordedAt: unapplied.oldestRecordedAt,
  };
}

/**
 * Why `lag` breaks `bounds`, as one sentence naming the projection and both measures, or `null`
 * when it is within them (both bounds inclusive: exactly `maxEvents` behind is still ready).
 */
export function lagProblem(lag: ProjectionLag, bounds: LagBounds): string | null {
  const eventsOver = lag.eventsBehind > bounds.maxEvents;
  const secondsOver = lag.secondsBehind > bounds.maxSeconds;
  if (!eventsOver && !secondsOver) return null;
  const events = `${lag.eventsBehindCapped ? 'at least ' : ''}${lag.eventsBehind} event(s)`;
  const seconds = `${formatSeconds(lag.secondsBehind)} s`;
  const broken = [eventsOver ? `${bounds.maxEvents} event(s)` : null, secondsOver ? `${bounds.maxSeconds} s` : null].filter((b) => b !== null).join(' and ');
  return `projection ${lag.projection} is ${events} and ${seconds} behind the log (at position ${lag.position}, head ${lag.headPosition}); the bound is ${broken}`;
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3);
}

/**
 * Measures every projection's lag: reads the checkpoints from the view database, the log head, and
 * counts the events after each distinct checkpoint (at most `countLimit`, ≥ 1). Projections without
 * a checkpoint row are at position 0. `now` is the registry clock's UTC instant.
 * @throws whatever the event store or the view database throws (the caller reports it as down).
 */
export async function measureProjectionLag(options: {
  store: EventStore;
  views: ViewDatabase;
  projections: readonly string[];
  countLimit: number;
  now: string;
}): Promise<ProjectionLag[]> {
  const { store, views, projections, countLimit, now } = options;
  const rows = await views.reader.getRepository(ProjectionCheckpointEntity).find();
  // Checkpoints first, then the head: the head is never below a checkpoint read before it.
  const headPosition = await store.headPosition();
  const byPosition = new Map<bigint, UnappliedEvents>();
  const lags: ProjectionLag[] = [];
  for (const projection of projections) {
    const position = BigInt(rows.find((r) => r.name === projection)?.position ?? '0');
    let unapplied = byPosition.get(position);
    if (unapplied === undefined) {
      unapplied = position >= headPosition ? { count: 0, capped: false, oldestRecordedAt: null } : await countEventsAfter(store, position, countLimit);
      byPosition.set(position, unapplied);
    }
    lags.push(lagOf(projection, position, headPosition, unapplied, now));
  }
  return lags;
}
