import type { FeedItemView } from './feed-page';
import { asReplay, leadingRun } from './webhook-deliverer';

/** Pure helpers of the webhook deliverer: batches of one body kind, and the replay flag. */
describe('webhook deliverer helpers', () => {
  const item = (sequence: number, format: 'egress' | 'status'): FeedItemView => ({
    sequence,
    publicationId: null,
    transactionId: `T-${sequence}`,
    interfaceId: 'IF-036',
    eventCode: '[MSAppActive]',
    mpanCore: '1900012374324',
    kind: format === 'egress' ? 'publication' : 'rejection',
    format,
    schema: 'x',
    sourcePosition: String(sequence),
    recordedAt: '2025-04-01T09:00:00.000Z',
    message: {},
  });

  it('cuts a page at the first change of body kind (egress messages and status messages go in separate POSTs)', () => {
    const seqs = (items: FeedItemView[]) => items.map((i) => i.sequence);
    expect(seqs(leadingRun([item(1, 'egress'), item(2, 'egress'), item(3, 'status'), item(4, 'egress')]))).toEqual([1, 2]);
    expect(seqs(leadingRun([item(3, 'status'), item(4, 'status'), item(5, 'egress')]))).toEqual([3, 4]);
    expect(seqs(leadingRun([item(1, 'egress'), item(2, 'egress')]))).toEqual([1, 2]);
  });

  it('flags a replayed egress message in D0 without touching the stored one', () => {
    const stored = { CommonBlock: { S0: { interfaceID: 'IF-036' }, D0: { transactionID: 'T-1', replayIndicator: false } }, CustomBlock: { B012: {} } };
    const replayed = asReplay(stored) as typeof stored;
    expect(replayed.CommonBlock.D0).toEqual({ transactionID: 'T-1', replayIndicator: true });
    expect(replayed.CustomBlock).toBe(stored.CustomBlock);
    expect(stored.CommonBlock.D0.replayIndicator).toBe(false);
    const status = { transactionID: 'T-2', message: 'REG0000 - x' };
    expect(asReplay(status)).toBe(status);
  });
});
