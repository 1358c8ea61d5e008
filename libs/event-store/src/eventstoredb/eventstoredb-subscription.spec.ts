import { UnavailableError } from '@eventstore/db-client';
import { RecordedEvent } from '../event-store.port';
import { isRetryableSubscriptionError } from './eventstoredb-mapping';
import { resubscribeDelay, ResubscribingSubscription, SubscriptionSource } from './eventstoredb-subscription';

function event(position: bigint): RecordedEvent {
  return {
    streamName: 'mpan-1',
    revision: position / 10n,
    position,
    type: `E${position}`,
    data: {},
    metadata: { schemaVersion: 1, eventId: `e${position}`, correlationId: 'c', causationId: 'c' },
    recordedAt: '2025-04-01T00:00:00.000Z',
  };
}

/** A server subscription that delivers `script` (events, then a drop with an error, or an end). */
function scripted(script: Array<bigint | Error | 'end' | 'hang'>): SubscriptionSource & { cancelled: boolean } {
  const steps = [...script];
  const source = {
    cancelled: false,
    async next(): Promise<IteratorResult<RecordedEvent>> {
      const step = steps.shift() ?? 'hang';
      if (step === 'end') return { done: true, value: undefined };
      if (step === 'hang') return new Promise(() => undefined);
      if (step instanceof Error) throw step;
      return { done: false, value: event(step) };
    },
    async cancel() {
      source.cancelled = true;
    },
  };
  return source;
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<bigint[]> {
  const positions: bigint[] = [];
  while (positions.length < count) {
    const result = await iterator.next();
    if (result.done) break;
    positions.push(result.value.position);
  }
  return positions;
}

describe('ResubscribingSubscription', () => {
  it('re-subscribes after a drop from the last delivered position and skips what the new subscription repeats', async () => {
    const opened: Array<[bigint, boolean]> = [];
    const sources = [scripted([10n, 20n, new UnavailableError()]), scripted([20n, 30n, 40n])];
    const drops: number[] = [];
    const subscription = new ResubscribingSubscription({
      after: 5n,
      open: (after, delivered) => {
        opened.push([after, delivered]);
        return sources[opened.length - 1];
      },
      isRetryable: isRetryableSubscriptionError,
      backoff: { initialMs: 1, maxMs: 4 },
      onDrop: (_error, delayMs) => drops.push(delayMs),
    });

    const positions = await take(subscription[Symbol.asyncIterator](), 4);
    await subscription.close();

    expect(positions).toEqual([10n, 20n, 30n, 40n]);
    expect(opened).toEqual([
      [5n, false],
      [20n, true],
    ]);
    expect(drops).toEqual([1]);
    expect(sources[0].cancelled).toBe(true);
    expect(sources[1].cancelled).toBe(true);
  });

  it('treats a subscription the server ended as a drop, and backs off longer for each failure in a row', async () => {
    const drops: number[] = [];
    const sources = [scripted(['end']), scripted([new UnavailableError()]), scripted([new UnavailableError()]), scripted([7n])];
    let next = 0;
    const subscription = new ResubscribingSubscription({
      after: 0n,
      open: () => sources[next++],
      isRetryable: isRetryableSubscriptionError,
      backoff: { initialMs: 1, maxMs: 3 },
      onDrop: (_error, delayMs) => drops.push(delayMs),
    });

    expect(await take(subscription[Symbol.asyncIterator](), 1)).toEqual([7n]);
    await subscription.close();
    expect(drops).toEqual([1, 2, 3]);
  });

  it('ends the iteration with an error that is not worth a retry (our decoding error, access denied)', async () => {
    const failure = new TypeError('EventStoreDB event ns/mpan-1@0 (X) is not a JSON object event');
    let closed = 0;
    const subscription = new ResubscribingSubscription({
      after: 0n,
      open: () => scripted([failure]),
      isRetryable: isRetryableSubscriptionError,
      onClosed: () => (closed += 1),
    });
    const iterator = subscription[Symbol.asyncIterator]();

    await expect(iterator.next()).rejects.toBe(failure);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    expect(closed).toBe(1);
  });

  it('ends a pending next() when closed, even if the server subscription never answers', async () => {
    const source = scripted(['hang']);
    const subscription = new ResubscribingSubscription({ after: 0n, open: () => source, isRetryable: () => true });
    const pending = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setImmediate(resolve));

    await subscription.close();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(source.cancelled).toBe(true);
  });

  it('stops waiting out a backoff when closed', async () => {
    const subscription = new ResubscribingSubscription({
      after: 0n,
      open: () => scripted([new UnavailableError()]),
      isRetryable: () => true,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    const pending = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();

    await subscription.close();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('computes the bounded backoff: initial, doubling, capped', () => {
    const backoff = { initialMs: 100, maxMs: 5000 };
    expect([1, 2, 3, 6, 7, 100].map((n) => resubscribeDelay(n, backoff))).toEqual([100, 200, 400, 3200, 5000, 5000]);
    expect(() => new ResubscribingSubscription({ after: 0n, open: () => scripted([]), isRetryable: () => true, backoff: { initialMs: 0, maxMs: 1 } })).toThrow(
      RangeError,
    );
  });
});
