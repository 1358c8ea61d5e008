import {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from './event-store.port';

/**
 * An {@link EventStore} that calls `onAppended` after every successful append (after the store has
 * committed it), and otherwise delegates unchanged. The registration app wraps its store in it so
 * that in-process projections learn of new events at once (see LogAppendedNotifier). A listener's
 * error is swallowed: the append has already committed and must be reported as such.
 */
export class ObservedEventStore implements EventStore {
  constructor(
    readonly inner: EventStore,
    private readonly onAppended: (streamName: string, result: AppendResult) => void,
  ) {}

  async appendToStream(streamName: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    const result = await this.inner.appendToStream(streamName, expectedRevision, events);
    try {
      this.onAppended(streamName, result);
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
