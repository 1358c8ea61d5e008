import { NewEvent, ObservedEventStore, WrongExpectedRevisionError } from '@app/event-store';
import { InMemoryEventStore } from '@app/event-store/testing';
import { EventStoreActivity } from './event-store-activity';

const event = (type: string): NewEvent => ({ type, data: {}, metadata: { schemaVersion: 1, eventId: type, correlationId: 'c', causationId: 'c' } });

/** An in-memory store wrapped as RegistrationAppModule wraps the real one, feeding `activity`. */
function observed(activity: EventStoreActivity): ObservedEventStore {
  return new ObservedEventStore(
    new InMemoryEventStore(),
    (streamName, result, events) => activity.appended(streamName, events, result),
    (streamName, error) => activity.appendFailed(streamName, error),
  );
}

describe('EventStoreActivity (fed by ObservedEventStore)', () => {
  it('tells listeners of each committed append with its events and positions, and of each wrong-expected-revision refusal', async () => {
    const activity = new EventStoreActivity();
    const heard: string[] = [];
    activity.subscribe({
      appended: (stream, events, result) => heard.push(`appended ${stream} ${events.map((e) => e.type).join(',')} @${result.lastPosition}`),
      conflicted: (stream, error) => heard.push(`conflict ${stream} expected ${String(error.expected)}`),
    });
    const store = observed(activity);
    await store.appendToStream('mpan-1', 'no_stream', [event('A'), event('B')]);
    await expect(store.appendToStream('mpan-1', 'no_stream', [event('C')])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(heard).toEqual(['appended mpan-1 A,B @2', 'conflict mpan-1 expected no_stream']);
  });

  it('hears nothing of other append failures, and a throwing listener fails no append', async () => {
    const activity = new EventStoreActivity();
    const conflicts: string[] = [];
    activity.subscribe({
      appended: () => {
        throw new Error('listener bug');
      },
      conflicted: (stream) => conflicts.push(stream),
    });
    const store = observed(activity);
    await expect(store.appendToStream('mpan-2', 'no_stream', [event('A')])).resolves.toMatchObject({ lastPosition: 1n });
    await expect(store.appendToStream('mpan-2', 0n, [])).rejects.toThrow(); // empty append: not a conflict
    expect(conflicts).toEqual([]);
  });

  it('stops telling a listener once it unsubscribed', async () => {
    const activity = new EventStoreActivity();
    let count = 0;
    const unsubscribe = activity.subscribe({ appended: () => (count += 1) });
    const store = observed(activity);
    await store.appendToStream('a', 'no_stream', [event('A')]);
    unsubscribe();
    await store.appendToStream('b', 'no_stream', [event('B')]);
    expect(count).toBe(1);
  });
});
