import {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppendBatch,
  SubscribeToAllOptions,
} from './event-store.port';

/**
 * An {@link EventStore} that calls `onAppended` after every successful append (after the store has
 * committed it) with the stream, the result and the events appended, `onAppendFailed` (when given)
 * with the error of every failed append (e.g. a `WrongExpectedRevisionError`), and otherwise
 * delegates unchanged. The registration app wraps its store in it so that in-process projections
 * learn of new events at once (see LogAppendedNotifier) and metrics see appends and conflicts. A
 * listener's error is swallowed: the append has already committed (or failed) and must be reported
 * as such.
 *
 * It has `appendToStreams` exactly when the inner store has it: after a multi-stream append commits,
 * `onAppended` is called once per batch, in order; a failed one calls `onAppendFailed` once, with
 * the stream the error names (a `WrongExpectedRevisionError`'s) or else the first batch's.
 */
export class ObservedEventStore implements EventStore {
  readonly appendToStreams?: (batches: StreamAppendBatch[]) => Promise<AppendResult[]>;

  constructor(
    readonly inner: EventStore,
    private readonly onAppended: (streamName: string, result: AppendResult, events: readonly NewEvent[]) => void,
    private readonly onAppendFailed?: (streamName: string, error: unknown) => void,
  ) {
    if (inner.appendToStreams) this.appendToStreams = (batches) => this.observedAppendToStreams(batches);
  }

  private async observedAppendToStreams(batches: StreamAppendBatch[]): Promise<AppendResult[]> {
    // The events each batch wrote (a function batch's are known only once the store has run it).
    const written: NewEvent[][] = batches.map((batch) => (typeof batch.events === 'function' ? [] : batch.events));
    const recorded = batches.map((batch, index) => {
      const build = batch.events;
      if (typeof build !== 'function') return batch;
      return {
        ...batch,
        events: (earlier: readonly AppendResult[]) => (written[index] = build(earlier)),
      };
    });
    let results: AppendResult[];
    try {
      results = await this.inner.appendToStreams!(recorded);
    } catch (error) {
      try {
        const named = (error as { streamName?: unknown } | null)?.streamName;
        this.onAppendFailed?.(typeof named === 'string' ? named : (batches[0]?.streamName ?? ''), error);
      } catch {
        // see the class comment
      }
      throw error;
    }
    results.forEach((result, index) => {
      try {
        this.onAppended(batches[index]!.streamName, result, written[index]!);
      } catch {
        // see the class comment
      }
    });
    return results;
  }

  async appendToStream(streamName: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = await this.inner.appendToStream(streamName, expectedRevision, events);
    } catch (error) {
      try {
        this.onAppendFailed?.(streamName, error);
      } catch {
        // see the class comment
      }
      throw error;
    }
    try {
      this.onAppended(streamName, result, events);
    } catch {
      // see the class comment
    }
    return result;
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamName, options);
  }

  streamRevision(streamName: string): Promise<bigint | 'no_stream'> {
    return this.inner.streamRevision(streamName);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  /** The inner store's subscription, unchanged. */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    return this.inner.subscribeToAll(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
