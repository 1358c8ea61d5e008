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

  it('tells of a multi-stream append once per batch, in order, with the events a function batch built', async () => {
    const activity = new EventStoreActivity();
    const heard: string[] = [];
    activity.subscribe({
      appended: (stream, events, result) => heard.push(`appended ${stream} ${events.map((e) => e.type).join(',')} @${result.lastPosition}`),
      conflicted: (stream, error) => heard.push(`conflict ${stream} expected ${String(error.expected)}`),
    });
    const store = observed(activity);
    await store.appendToStream('mpan-3', 'no_stream', [event('Old')]);
    await store.appendToStreams!([
      { streamName: 'message-x', expectedRevision: 'no_stream', events: [event('Received')] },
      { streamName: 'mpan-3', expectedRevision: 0n, events: [event('A'), event('B')] },
      { streamName: 'message-x', expectedRevision: 0n, events: (earlier) => [event(`Outcome${earlier[1]!.lastPosition}`)] },
    ]);
    await expect(
      store.appendToStreams!([
        { streamName: 'message-y', expectedRevision: 'no_stream', events: [event('Received')] },
        { streamName: 'mpan-3', expectedRevision: 0n, events: [event('C')] },
      ]),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(heard).toEqual([
      'appended mpan-3 Old @1',
      'appended message-x Received @2',
      'appended mpan-3 A,B @4',
      'appended message-x Outcome4 @5',
      'conflict mpan-3 expected 0',
    ]);
  });

  it('has appendToStreams exactly when the store it wraps has it', () => {
    const inner = new InMemoryEventStore();
    expect(new ObservedEventStore(inner, () => undefined).appendToStreams).toBeInstanceOf(Function);
    const withoutIt = Object.assign(Object.create(inner) as InMemoryEventStore, { appendToStreams: undefined });
    expect(new ObservedEventStore(withoutIt, () => undefined).appendToStreams).toBeUndefined();
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
