import { DataSource } from 'typeorm';
import { FeedItemEntity, FeedRecipientEntity } from './feed.entities';
import { readFeedPage } from './feed-page';
import { openFeedTestDatabase } from './testing/projected-log';

/** Reading a page of a recipient's feed, with and without an event-code filter. */
describe('readFeedPage', () => {
  let db: DataSource;
  const A = '1000000001';
  const B = '2000000001';
  // A: 1 [MSAppActive], 2 [MSDeApp], 3 [MSAppActive], 4 [MSDeApp] (not rendered), 5 [MSDeApp], 6 [MSAppActive]; B: 1 [MSAppActive].
  const codesOfA = ['[MSAppActive]', '[MSDeApp]', '[MSAppActive]', '[MSDeApp]', '[MSDeApp]', '[MSAppActive]'];

  beforeAll(async () => {
    db = await openFeedTestDatabase();
    const row = (recipientDipId: string, sequence: number, eventCode: string, rendered = true): FeedItemEntity => ({
      recipientDipId,
      sequence,
      sourcePosition: String(sequence * 10),
      itemIndex: 0,
      kind: 'publication',
      format: 'egress',
      interfaceId: eventCode === '[MSDeApp]' ? 'IF-037' : 'IF-036',
      eventCode,
      mpanCore: '1900012374324',
      publicationId: 'PUB-036',
      transactionId: `T-${recipientDipId}-${sequence}`,
      recordedAt: '2025-04-01T09:00:00.000Z',
      schemaName: 'IF-036-MSAppActive',
      message: rendered ? JSON.stringify({ n: sequence }) : null,
      renderError: rendered ? null : 'cannot render',
    });
    await db.getRepository(FeedItemEntity).insert([...codesOfA.map((c, i) => row(A, i + 1, c, i !== 3)), row(B, 1, '[MSAppActive]')]);
    await db.getRepository(FeedRecipientEntity).insert([{ recipientDipId: A, lastSequence: 6 }, { recipientDipId: B, lastSequence: 1 }]);
  });

  afterAll(async () => {
    await db.destroy();
  });

  const seqs = (page: { items: Array<{ sequence: number }> }) => page.items.map((i) => i.sequence);

  it('pages through one recipient\'s items in sequence order, never another\'s', async () => {
    const first = await readFeedPage(db.manager, A, 0, 4, null);
    expect([seqs(first), first.scannedThrough, first.lastSequence]).toEqual([[1, 2, 3, 4], 4, 6]);
    const second = await readFeedPage(db.manager, A, first.scannedThrough, 4, null);
    expect([seqs(second), second.scannedThrough]).toEqual([[5, 6], 6]);
    const other = await readFeedPage(db.manager, B, 0, 100, null);
    expect(other.items.map((i) => i.transactionId)).toEqual([`T-${B}-1`]);
  });

  it('with a filter, returns only those codes and scans past the others', async () => {
    const first = await readFeedPage(db.manager, A, 0, 2, ['[MSAppActive]']);
    expect([seqs(first), first.scannedThrough]).toEqual([[1, 3], 3]);
    const second = await readFeedPage(db.manager, A, first.scannedThrough, 2, ['[MSAppActive]']);
    expect([seqs(second), second.scannedThrough]).toEqual([[6], 6]);
    const none = await readFeedPage(db.manager, A, 0, 10, ['[NoDSAppointed]']);
    expect([seqs(none), none.scannedThrough]).toEqual([[], 6]);
  });

  it('shows an unrendered item with its error, and leaves it out for push', async () => {
    const pulled = await readFeedPage(db.manager, A, 3, 1, null);
    expect(pulled.items[0]).toMatchObject({ sequence: 4, message: null, renderError: 'cannot render' });
    const pushed = await readFeedPage(db.manager, A, 3, 1, null, { renderedOnly: true });
    expect([seqs(pushed), pushed.scannedThrough]).toEqual([[5], 5]);
  });

  it('answers an empty page at or after the end, keeping the cursor', async () => {
    expect(await readFeedPage(db.manager, A, 6, 10, null)).toEqual({ items: [], lastSequence: 6, scannedThrough: 6 });
    expect(await readFeedPage(db.manager, A, 9, 10, null)).toEqual({ items: [], lastSequence: 6, scannedThrough: 9 });
    expect(await readFeedPage(db.manager, '1000000009', 0, 10, null)).toEqual({ items: [], lastSequence: 0, scannedThrough: 0 });
  });
});
