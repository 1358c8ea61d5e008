import { AppendResult, EventMetadata, EventStore, ExpectedRevision, NewEvent, WrongExpectedRevisionError } from '@app/event-store';
import { Decision, RejectionReason } from '@app/registration-domain';
import { FoldedStreamCache, readFoldedStream } from './folded-stream-cache';

/** A decider as the command loop sees it: fold the stream, then decide on a command. */
export interface LoopDecider<C, S, E extends { type: string; data: object }> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): Decision<E>;
  /** Informational messages about an accepted decision (e.g. REG1089), from its events and the state before. */
  notesFor?(events: E[], stateBefore: S): RejectionReason[];
}

/** What one run of the loop did. Revisions and positions are bigint (64-bit). */
export type CommandLoopResult =
  | {
      kind: 'appended';
      eventTypes: string[];
      streamRevision: bigint;
      positions: bigint[];
      /** Informational messages (never rejections) about what was decided. */
      notes: RejectionReason[];
      attempts: number;
      /**
       * Present when the events were committed together with `options.commitWith` (one
       * transaction): the results of its `before` batch (when given) and of its `after` batch.
       */
      committedWith?: { before?: AppendResult; after: AppendResult };
    }
  | { kind: 'rejected'; reasons: RejectionReason[]; streamRevision: bigint | null; attempts: number }
  /** The stream already holds events of this message (an earlier run appended, then stopped). */
  | {
      kind: 'already-applied';
      eventTypes: string[];
      streamRevision: bigint;
      positions: bigint[];
      /** Body hash recorded with those events (compare with the resend's). */
      bodyHash: string | undefined;
      attempts: number;
    };

/** Raised when every attempt met a concurrent writer; nothing was appended by this run. */
export class ConcurrencyRetriesExhaustedError extends Error {
  constructor(readonly streamName: string, readonly attempts: number) {
    super(`stream ${streamName} kept changing under ${attempts} attempts; nothing was appended, try again`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}

/** What the command loop appended to its stream, as {@link CommitWith.after} is told. */
export interface AppendedToStream {
  eventTypes: string[];
  /** The stream's revision after the append. */
  streamRevision: bigint;
  /** Global positions of the events appended, in order. */
  positions: bigint[];
  notes: RejectionReason[];
}

/**
 * Records to commit in the SAME transaction as the events the loop appends (ADR 0017: the
 * message's receipt before them, its outcome after), through the store's optional
 * `appendToStreams`. Both streams must differ from the loop's stream.
 */
export interface CommitWith {
  /** Appended first, e.g. the receipt reserving the message key (expected revision `no_stream`). */
  before?: { streamName: string; expectedRevision: ExpectedRevision; events: NewEvent[] };
  /** Appended last, built from what the loop appended (its revision and global positions). */
  after: { streamName: string; expectedRevision: ExpectedRevision; events(appended: AppendedToStream): NewEvent[] };
}

/** Options of {@link handleCommand}. */
export interface HandleCommandOptions<E extends { type: string; data: object }, S = unknown> {
  /** Idempotency key stored in every event's metadata as `messageKey`. */
  messageKey: string;
  /** Hash of the message body, stored in every event's metadata as `bodyHash`. */
  bodyHash: string;
  /** Metadata of the i-th new event (eventId, correlation, causation, sender ...). */
  metadataFor(event: E, index: number): EventMetadata;
  /** Attempts before giving up on concurrent writers; default 10. */
  maxAttempts?: number;
  /**
   * Folded states of recent streams (made with the decider's own `initialState`/`evolve`): a read
   * then covers only the events recorded since. Without it every attempt reads the whole stream.
   */
  cache?: FoldedStreamCache<S, E>;
  /**
   * Commit these records in the same transaction as the events, when the store has
   * `appendToStreams` (ignored otherwise, and when nothing is appended: the result then has no
   * `committedWith` and the caller records them itself).
   */
  commitWith?: CommitWith;
}

/**
 * The one command loop (conventions §9): read the stream, fold it, decide, append with the exact
 * revision read; on a concurrency conflict, wait a random moment (jittered backoff), read again and
 * decide again, up to `maxAttempts` (default 10).
 *
 * With `options.cache`, the read starts from the held state and reads only the later events (the
 * result is the same as a full read); an append conflict drops the stream's entry, so the retry
 * reads the whole stream. The state handed to `decide` may be held by the cache: `decide` must not
 * change it (it is pure).
 *
 * If the stream already carries events whose metadata `messageKey` equals this message's key, the
 * message was applied before (a crash between the append and the outcome record, or a concurrent
 * resend): nothing is appended and `already-applied` is returned.
 *
 * With `options.commitWith` and a store that has `appendToStreams`, the events are committed in one
 * transaction with those records (all or nothing); only a conflict on the loop's own stream is
 * retried — a conflict on a `commitWith` stream (e.g. a racing copy reserved the message key) is
 * thrown to the caller, with nothing written.
 *
 * @throws ConcurrencyRetriesExhaustedError when every attempt conflicted.
 * @throws WrongExpectedRevisionError naming a `commitWith` stream (see above).
 */
export async function handleCommand<C, S, E extends { type: string; data: object }>(
  store: EventStore,
  streamName: string,
  decider: LoopDecider<C, S, E>,
  command: C,
  options: HandleCommandOptions<E, S>,
): Promise<CommandLoopResult> {
  const maxAttempts = options.maxAttempts ?? 10;
  const cache = options.cache;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const folded = cache ? await cache.load(store, streamName) : await readFoldedStream(store, streamName, decider);
    const mine = folded.eventsOfKey(options.messageKey);
    if (mine.length > 0) {
      const last = mine[mine.length - 1]!;
      return {
        kind: 'already-applied',
        eventTypes: mine.map((e) => e.type),
        streamRevision: last.revision,
        positions: mine.map((e) => e.position),
        bodyHash: last.bodyHash,
        attempts: attempt,
      };
    }
    const state = folded.state;
    const decision = decider.decide(command, state);
    const currentRevision = folded.revision;
    if (decision.kind === 'rejected') {
      return { kind: 'rejected', reasons: decision.reasons, streamRevision: currentRevision, attempts: attempt };
    }
    if (decision.events.length === 0) {
      return { kind: 'appended', eventTypes: [], streamRevision: currentRevision ?? -1n, positions: [], notes: [], attempts: attempt };
    }
    const notes = decider.notesFor?.(decision.events, state) ?? [];
    const newEvents: NewEvent[] = decision.events.map((event, i) => ({
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: { ...options.metadataFor(event, i), messageKey: options.messageKey, bodyHash: options.bodyHash },
    }));
    const eventTypes = newEvents.map((e) => e.type);
    try {
      const commitWith = store.appendToStreams ? options.commitWith : undefined;
      if (commitWith) {
        const { before, after } = commitWith;
        const results = await store.appendToStreams!([
          ...(before ? [before] : []),
          { streamName, expectedRevision: currentRevision ?? 'no_stream', events: newEvents },
          {
            streamName: after.streamName,
            expectedRevision: after.expectedRevision,
            events: (earlier) => {
              const mine = earlier[earlier.length - 1]!;
              return after.events({ eventTypes, streamRevision: mine.nextExpectedRevision, positions: mine.positions, notes });
            },
          },
        ]);
        const mine = results[before ? 1 : 0]!;
        return {
          kind: 'appended',
          eventTypes,
          streamRevision: mine.nextExpectedRevision,
          positions: mine.positions,
          notes,
          attempts: attempt,
          committedWith: { ...(before ? { before: results[0]! } : {}), after: results[results.length - 1]! },
        };
      }
      const result = await store.appendToStream(streamName, currentRevision ?? 'no_stream', newEvents);
      return {
        kind: 'appended',
        eventTypes,
        streamRevision: result.nextExpectedRevision,
        positions: result.positions,
        notes,
        attempts: attempt,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || error.streamName !== streamName) throw error;
      // What was held is stale (or was never the store's): read the whole stream again.
      cache?.invalidate(streamName);
      // Writers that lost the same race would otherwise retry in lock step: wait a random,
      // growing moment (full jitter, capped) so they spread out.
      if (attempt < maxAttempts) await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt));
    }
  }
  throw new ConcurrencyRetriesExhaustedError(streamName, maxAttempts);
}

/** Longest pause before a retry, in milliseconds. */
const MAX_BACKOFF_MS = 50;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
