import { EventStore, RecordedEvent } from '@app/event-store';

/** How a stream is folded: the decider's initial state and its pure, total `evolve`. */
export interface StreamFold<S, E extends { type: string; data: object }> {
  initialState(): S;
  evolve(state: S, event: E): S;
}

/** One recorded event under a message key (what the command loop's "already applied" check needs). */
export interface KeyedEvent {
  revision: bigint;
  position: bigint;
  type: string;
  /** The `bodyHash` of the event's metadata, when it has one. */
  bodyHash: string | undefined;
}

/**
 * A stream folded up to a revision: the state after its events, the revision and global position
 * of the last one, and the events recorded under each message key (metadata `messageKey`).
 * Immutable as far as its holders can tell: the state must never be changed in place (`evolve`
 * and `decide` are pure, and a cached state is shared by later commands).
 */
export class FoldedStream<S> {
  /** @internal built by {@link FoldedStreamCache.load} / {@link readFoldedStream}. */
  constructor(
    readonly streamName: string,
    readonly state: S,
    /** Revision of the last event folded; `null` for a stream with no events. */
    readonly revision: bigint | null,
    /** Global position of the last event folded; `null` for a stream with no events. */
    readonly position: bigint | null,
    /** The message-key index this version shares with the versions it was extended from. */
    readonly index: MessageKeyIndex,
  ) {}

  /** The events recorded under `messageKey` up to {@link revision}, oldest first. */
  eventsOfKey(messageKey: string): KeyedEvent[] {
    const revision = this.revision;
    if (revision === null) return [];
    return (this.index.byKey.get(messageKey) ?? []).filter((e) => e.revision <= revision);
  }
}

/**
 * The message-key index of one line of folded versions of a stream, shared by those versions
 * (append-only: a version sees the events up to its own revision). Events arrive in revision order
 * and contiguous from revision 0, so an event at or below `indexedThrough` is already there.
 */
export class MessageKeyIndex {
  readonly byKey = new Map<string, KeyedEvent[]>();
  indexedThrough = -1n;

  add(recorded: RecordedEvent): void {
    if (recorded.revision <= this.indexedThrough) return;
    this.indexedThrough = recorded.revision;
    const key = recorded.metadata.messageKey;
    if (typeof key !== 'string') return;
    const bodyHash = typeof recorded.metadata.bodyHash === 'string' ? recorded.metadata.bodyHash : undefined;
    const entry: KeyedEvent = { revision: recorded.revision, position: recorded.position, type: recorded.type, bodyHash };
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
  }
}

/** Counters of a {@link FoldedStreamCache} since it was made. */
export interface FoldedStreamCacheStats {
  /** Streams held now, and at most. */
  entries: number;
  maxEntries: number;
  /** Loads that started from a held state (reading only the events after it), and loads that read the whole stream. */
  hits: number;
  misses: number;
  /** Entries dropped on doubt (an append conflict, a stream that did not continue the held one). */
  invalidations: number;
  /** Entries dropped to stay within `maxEntries` (least recently used first). */
  evictions: number;
}

/**
 * A bounded in-memory cache of folded streams (state + revision), so that a command on a long
 * stream reads and folds only the events recorded since the last command instead of the whole
 * history (issue #9, W2; docs/adr/*-folded-stream-cache.md).
 *
 * A load always reads the store: the events from the held revision on (inclusive, as an anchor),
 * folded onto the held state. If the anchor is not the held event (same revision and global
 * position) the entry is dropped and the whole stream read again. The result is therefore the
 * stream as the store holds it at the read, exactly as a full read would give — the cache saves
 * reading and folding the old events, never the read itself — whoever else appends (another
 * process, day-start, a CLI load). Correctness of appends still rests on the expected revision: a
 * state that went stale between the read and the append meets a `WrongExpectedRevisionError`, the
 * caller drops the entry ({@link invalidate}) and decides again on a fresh read.
 *
 * Bounded by count (`maxEntries` streams, least recently used dropped first; 0 disables it). Only
 * streams with events are held. One cache per fold: every state it holds was made by its `fold`.
 * Not for as-of ("as known at T") reads: those fold a prefix of the stream, not its head.
 */
export class FoldedStreamCache<S, E extends { type: string; data: object }> {
  private readonly entries = new Map<string, FoldedStream<S>>();
  private hits = 0;
  private misses = 0;
  private invalidations = 0;
  private evictions = 0;

  /**
   * @param fold the one fold every held state was made with.
   * @param maxEntries how many streams to hold at most (a whole number ≥ 0; 0 = hold none).
   * @throws RangeError for a negative or fractional `maxEntries`.
   */
  constructor(
    private readonly fold: StreamFold<S, E>,
    readonly maxEntries: number,
  ) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(`maxEntries must be a whole number ≥ 0, got ${String(maxEntries)}`);
    }
  }

  /**
   * The stream folded as the store holds it now: from the held state when there is one (reading
   * the events from its revision on), else from the whole stream; the result is held (most
   * recently used) when the stream has events.
   * @throws the store's errors; the entry is dropped then.
   */
  async load(store: EventStore, streamName: string): Promise<FoldedStream<S>> {
    const held = this.entries.get(streamName);
    if (held !== undefined && held.revision !== null) {
      try {
        const tail = await store.readStream(streamName, { fromRevision: held.revision });
        const anchor = tail[0];
        if (anchor !== undefined && anchor.revision === held.revision && anchor.position === held.position && contiguous(tail)) {
          this.hits++;
          return this.keep(this.extend(held, tail.slice(1)));
        }
      } catch (error) {
        this.invalidate(streamName);
        throw error;
      }
      // The store does not continue what is held (it cannot happen with an append-only log): start again.
      this.invalidate(streamName);
    }
    this.misses++;
    try {
      const recorded = await store.readStream(streamName);
      const empty = new FoldedStream<S>(streamName, this.fold.initialState(), null, null, new MessageKeyIndex());
      const folded = this.extend(empty, recorded);
      // Folded as read, like any full read; but a stream that does not start at revision 0 or has a
      // gap (a truncated stream in a server store) is not held: a tail read could not be anchored.
      const whole = recorded.length === 0 || (recorded[0]!.revision === 0n && contiguous(recorded));
      return whole ? this.keep(folded) : folded;
    } catch (error) {
      this.entries.delete(streamName);
      throw error;
    }
  }

  /** Drops the stream's entry (after an append conflict, or any doubt about it). */
  invalidate(streamName: string): void {
    if (this.entries.delete(streamName)) this.invalidations++;
  }

  /** Drops every entry (e.g. when the store behind the cache is replaced). */
  clear(): void {
    this.invalidations += this.entries.size;
    this.entries.clear();
  }

  /** The cache's counters (see {@link FoldedStreamCacheStats}). */
  stats(): FoldedStreamCacheStats {
    return {
      entries: this.entries.size,
      maxEntries: this.maxEntries,
      hits: this.hits,
      misses: this.misses,
      invalidations: this.invalidations,
      evictions: this.evictions,
    };
  }

  /** `from` with `events` (its next revisions, contiguous, oldest first) folded on. */
  private extend(from: FoldedStream<S>, events: RecordedEvent[]): FoldedStream<S> {
    if (events.length === 0) return from;
    let state = from.state;
    for (const e of events) {
      state = this.fold.evolve(state, { type: e.type, data: e.data } as unknown as E);
      from.index.add(e);
    }
    const last = events[events.length - 1]!;
    return new FoldedStream(from.streamName, state, last.revision, last.position, from.index);
  }

  private keep(folded: FoldedStream<S>): FoldedStream<S> {
    if (this.maxEntries === 0 || folded.revision === null) return folded;
    this.entries.delete(folded.streamName);
    this.entries.set(folded.streamName, folded);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.evictions++;
    }
    return folded;
  }
}

/** Whether `events` have consecutive revisions. */
function contiguous(events: readonly RecordedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.revision !== events[i - 1]!.revision + 1n) return false;
  return true;
}

/**
 * The stream folded from its whole history, without a cache (the same result a cache gives).
 * @throws the store's errors.
 */
export function readFoldedStream<S, E extends { type: string; data: object }>(
  store: EventStore,
  streamName: string,
  fold: StreamFold<S, E>,
): Promise<FoldedStream<S>> {
  return new FoldedStreamCache(fold, 0).load(store, streamName);
}
