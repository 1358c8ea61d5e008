import { Injectable } from '@nestjs/common';
import { AppendResult, NewEvent, WrongExpectedRevisionError } from '@app/event-store';

/** What an {@link EventStoreActivity} listener hears. Each callback is optional. */
export interface EventStoreActivityListener {
  /** An append committed: the stream, the events as appended, and the store's result (positions, revision). */
  appended?(streamName: string, events: readonly NewEvent[], result: AppendResult): void;
  /**
   * An append was refused because the stream moved on (a concurrent writer won): the command loop
   * reads again and decides again, the intake looks at the message stream again.
   */
  conflicted?(streamName: string, error: WrongExpectedRevisionError): void;
}

/**
 * In-process feed of what the application's event store did — appends committed and appends refused
 * on a wrong expected revision — for observers that must not sit in the write path's code (metrics:
 * events appended per stream type, append conflicts, day-start runs). Fed by the `ObservedEventStore`
 * that wraps the store in `RegistrationAppModule`. A listener that throws is ignored: observing must
 * never fail a write.
 */
@Injectable()
export class EventStoreActivity {
  private readonly listeners = new Set<EventStoreActivityListener>();

  /** Registers `listener`; returns a function that removes it. */
  subscribe(listener: EventStoreActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener that `events` were appended to `streamName`. */
  appended(streamName: string, events: readonly NewEvent[], result: AppendResult): void {
    for (const listener of this.listeners) {
      try {
        listener.appended?.(streamName, events, result);
      } catch {
        // see the class comment
      }
    }
  }

  /** Tells every listener of a failed append when it failed on a wrong expected revision; other errors are not activity. */
  appendFailed(streamName: string, error: unknown): void {
    if (!(error instanceof WrongExpectedRevisionError)) return;
    for (const listener of this.listeners) {
      try {
        listener.conflicted?.(streamName, error);
      } catch {
        // see the class comment
      }
    }
  }
}
