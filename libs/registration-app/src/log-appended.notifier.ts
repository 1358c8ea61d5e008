import { Injectable } from '@nestjs/common';

/**
 * In-process signal that the log has new events: the intake and day-start call {@link notify}
 * after appending; the projector (libs/projections) listens, so the views catch up at once instead
 * of at their next idle poll. Carries no data: listeners read the log themselves.
 */
@Injectable()
export class LogAppendedNotifier {
  private readonly listeners = new Set<() => void>();

  /** Registers `listener`; returns a function that removes it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls every listener (a listener that throws is ignored: a signal must not fail an append). */
  notify(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // a lost nudge only delays the views until their idle poll
      }
    }
  }
}
