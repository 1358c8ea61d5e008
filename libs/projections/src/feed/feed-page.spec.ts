import { DataSource } from 'typeorm';
import { FeedItemEntity, FeedRecipientEntity } from './feed.entities';
import { readFeedPage, storedMessageOf } from './feed-page';
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
      senderUniqueReference: null,
      bodyRecipientDipId: null,
      bodySequence: null,
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

  describe('a copy that shares its publication\'s stored text', () => {
    const C = '3000000001';
    const D = '3000000002';
    // Member order as the renderer gives it; the reader must keep it (the served bytes are its JSON).
    const messageOf = (reference: string, transaction: string) => ({
      CommonBlock: {
        S0: { interfaceID: 'IF-036', schemaVersion: '011', eventCode: '[MSAppActive]' },
        S1: { environmentTag: 'PRD', subText: null, senderUniqueReference: reference, senderTimestamp: '2025-04-01T09:00:00+00:00' },
        D0: { transactionID: transaction, publicationID: 'PUB-036', replayIndicator: false },
        M0: { MPANCore: '1900012374324' },
      },
      CustomBlock: { B012: { appointmentEffectiveFromDate: '2025-04-02T00:00:00+01:00', b: [1, 'x', null] } },
    });
    const base = {
      sourcePosition: '500',
      kind: 'publication' as const,
      format: 'egress' as const,
      interfaceId: 'IF-036',
      eventCode: '[MSAppActive]',
      mpanCore: '1900012374324',
      publicationId: 'PUB-036',
      recordedAt: '2025-04-01T09:00:00.000Z',
      schemaName: 'IF-036-MSAppActive',
      renderError: null,
    };

    beforeAll(async () => {
      await db.getRepository(FeedItemEntity).insert([
        { ...base, recipientDipId: C, sequence: 1, itemIndex: 0, transactionId: 'T-0', message: JSON.stringify(messageOf('S-p500i0', 'T-0')), senderUniqueReference: null, bodyRecipientDipId: null, bodySequence: null },
        { ...base, recipientDipId: D, sequence: 1, itemIndex: 1, transactionId: 'T-1', message: null, senderUniqueReference: 'S-p500i1', bodyRecipientDipId: C, bodySequence: 1 },
        // A shared copy whose carrier is missing (a database altered by hand).
        { ...base, recipientDipId: D, sequence: 2, itemIndex: 2, sourcePosition: '600', transactionId: 'T-2', message: null, senderUniqueReference: 'S-p600i2', bodyRecipientDipId: C, bodySequence: 9 },
      ]);
      await db.getRepository(FeedRecipientEntity).insert([{ recipientDipId: C, lastSequence: 1 }, { recipientDipId: D, lastSequence: 2 }]);
    });

    it('reads the carrier\'s text with its own sender unique reference and transaction id, byte for byte', async () => {
      const page = await readFeedPage(db.manager, D, 0, 1, null);
      expect(page.items).toHaveLength(1);
      expect(JSON.stringify(page.items[0]!.message)).toBe(JSON.stringify(messageOf('S-p500i1', 'T-1')));
      expect(page.items[0]).toMatchObject({ sequence: 1, transactionId: 'T-1' });
      expect('renderError' in page.items[0]!).toBe(false);
      // The carrier itself is served as stored.
      const carrier = await readFeedPage(db.manager, C, 0, 10, null);
      expect(JSON.stringify(carrier.items[0]!.message)).toBe(JSON.stringify(messageOf('S-p500i0', 'T-0')));
    });

    it('counts as rendered for push', async () => {
      const pushed = await readFeedPage(db.manager, D, 0, 1, null, { renderedOnly: true });
      expect(seqs(pushed)).toEqual([1]);
    });

    it('refuses to serve a shared copy whose carrier is gone, naming both items', async () => {
      await expect(readFeedPage(db.manager, D, 1, 1, null)).rejects.toThrow(`feed item ${D}#2 shares the text of ${C}#9, which has none`);
    });

    it('says which of a shared copy\'s parts is wrong: its own sender unique reference missing, or a carrier that is not egress', () => {
      const shared = { ...base, recipientDipId: D, sequence: 3, itemIndex: 1, transactionId: 'T-1', message: null, senderUniqueReference: null, bodyRecipientDipId: C, bodySequence: 1 } as FeedItemEntity;
      const carrierText = JSON.stringify(messageOf('S-p500i0', 'T-0'));
      expect(() => storedMessageOf(shared, carrierText)).toThrow(`feed item ${D}#3 shares the text of ${C}#1 but has no sender_unique_reference of its own`);
      expect(() => storedMessageOf({ ...shared, senderUniqueReference: 'S-p500i1' }, JSON.stringify({ transactionID: 'T-0', message: 'status' }))).toThrow(
        `feed item ${D}#3 shares the text of ${C}#1, which is not a DIP egress message`,
      );
      expect(JSON.stringify(storedMessageOf({ ...shared, senderUniqueReference: 'S-p500i1' }, carrierText))).toBe(JSON.stringify(messageOf('S-p500i1', 'T-1')));
    });
  });
});
