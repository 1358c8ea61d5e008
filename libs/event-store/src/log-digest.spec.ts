import { NewEvent } from './event-store.port';
import { canonicalEventLine, compareLogs, digestLog, readLogPages } from './log-digest';
import { InMemoryEventStore } from './testing/in-memory-event-store';

const AT = new Date('2025-06-15T10:00:00.000Z');

function ev(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { schemaVersion: 1, eventId: `id-${type}`, correlationId: 'c', causationId: 'c' } };
}

/** A store holding `count` events over three streams, with a pinned clock. */
async function storeWith(count: number, change?: { at: number; data: Record<string, unknown> }): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore({ now: () => AT });
  const revisions = new Map<string, bigint>();
  for (let i = 0; i < count; i++) {
    const stream = `mpan-${i % 3}`;
    const expected = revisions.get(stream) ?? 'no_stream';
    const data = change?.at === i ? change.data : { i };
    const result = await store.appendToStream(stream, expected, [ev(`E${i}`, data)]);
    revisions.set(stream, result.nextExpectedRevision);
  }
  return store;
}

describe('digestLog', () => {
  it('gives equal digests (count, head, sha-256) for equal logs, whatever the page size', async () => {
    const a = await digestLog(await storeWith(7), { pageSize: 2 });
    const b = await digestLog(await storeWith(7), { pageSize: 1000 });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ events: 7, head: 7n });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when one field of one event differs', async () => {
    expect((await digestLog(await storeWith(7, { at: 4, data: { i: 'x' } }))).sha256).not.toBe((await digestLog(await storeWith(7))).sha256);
  });

  it('digests an empty log as 0 events at head 0', async () => {
    expect(await digestLog(new InMemoryEventStore())).toMatchObject({ events: 0, head: 0n });
  });

  it('reads only the range asked for, page by page', async () => {
    const store = await storeWith(7);
    const pages: bigint[][] = [];
    for await (const page of readLogPages(store, { after: 1n, through: 5n, pageSize: 2 })) pages.push(page.map((e) => e.position));
    expect(pages).toEqual([[2n, 3n], [4n, 5n]]);
    expect(await digestLog(store, { through: 3n })).toMatchObject({ events: 3, head: 3n });
    await expect(digestLog(store, { pageSize: 0 })).rejects.toThrow(RangeError);
  });

  it('hashes a canonical line that keeps key order, with positions and revisions as text', async () => {
    const [event] = await (await storeWith(1)).readAll();
    expect(canonicalEventLine(event!)).toBe(
      JSON.stringify(['1', 'mpan-0', '0', 'E0', { i: 0 }, { schemaVersion: 1, eventId: 'id-E0', correlationId: 'c', causationId: 'c' }, AT.toISOString()]),
    );
  });
});

describe('compareLogs', () => {
  it('finds no difference between equal logs and returns both digests', async () => {
    const result = await compareLogs(await storeWith(9), await storeWith(9), { pageSize: 4 });
    expect(result.firstDifference).toBeNull();
    expect(result.left).toEqual(result.right);
  });

  it('names the first position that differs', async () => {
    const result = await compareLogs(await storeWith(9), await storeWith(9, { at: 5, data: { i: 'x' } }), { pageSize: 4 });
    expect(result.firstDifference).toBe(6n);
    expect(result.left.sha256).not.toBe(result.right.sha256);
  });

  it('names the first event only one side has', async () => {
    const result = await compareLogs(await storeWith(9), await storeWith(6));
    expect(result.firstDifference).toBe(7n);
    expect(result.left.events).toBe(9);
    expect(result.right.events).toBe(6);
  });

  it('compares only the range asked for', async () => {
    expect((await compareLogs(await storeWith(9), await storeWith(6), { through: 6n })).firstDifference).toBeNull();
  });
});
