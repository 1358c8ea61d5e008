import { DataSource } from 'typeorm';
import type { MpanEvent } from '@app/registration-domain';
import { HISTORY, NORTHSTAR_SWITCH } from '@app/registration-domain/appointment/testing/fixtures';
import { ref } from '@app/registration-domain/registration/testing/fixtures';
import type { ProjectedEvent } from '../runtime/projection';
import type { FeedItemDraft } from './feed-items';
import { createFeedProjection } from './feed.projection';
import { withCopyIdentity } from './shared-copies';
import { contextOn, openFeedTestDatabase, ProjectedLog, servedFeedItems } from './testing/projected-log';

/**
 * Which copy carries a publication's stored text (./shared-copies.ts), with the rendered drafts
 * altered between `feedItemsOf` and the projection: the real renderer never refuses the first copy
 * alone, nor renders a `toJSON` or a class instance.
 */
const mockDrafts: { alter: (drafts: FeedItemDraft[]) => FeedItemDraft[] } = { alter: (d) => d };
jest.mock('./feed-items', () => {
  const actual = jest.requireActual<typeof import('./feed-items')>('./feed-items');
  return { ...actual, feedItemsOf: (...args: Parameters<typeof actual.feedItemsOf>) => mockDrafts.alter(actual.feedItemsOf(...args)) };
});

describe('feed projection: the carrier of a publication\'s text', () => {
  let db: DataSource;
  const projection = createFeedProjection();
  const story: MpanEvent[] = [...HISTORY, NORTHSTAR_SWITCH];
  /** The JSON text of every draft the projection was given, by recipient, position and index. */
  const rendered = new Map<string, string | null>();
  const keyOf = (i: { recipientDipId: string; sourcePosition: string; itemIndex: number }) => `${i.recipientDipId}#${i.sourcePosition}#${i.itemIndex}`;

  beforeEach(async () => {
    db = await openFeedTestDatabase();
    rendered.clear();
  });

  afterEach(async () => {
    mockDrafts.alter = (d) => d;
    await db.destroy();
  });

  /** Applies the story event by event (`apply`) or as one batch (`openBatch`), recording each draft's text. */
  async function project(alter: (drafts: FeedItemDraft[]) => void, batched: boolean): Promise<void> {
    mockDrafts.alter = (drafts) => {
      alter(drafts);
      for (const d of drafts) rendered.set(keyOf(d), d.message === null ? null : JSON.stringify(d.message));
      return drafts;
    };
    const log = new ProjectedLog(ref);
    const events: ProjectedEvent[] = story.flatMap((e) => log.mpanEvent(e));
    await db.transaction(async (manager) => {
      const context = contextOn(manager, ref, 'PRD');
      if (batched) {
        const batch = projection.openBatch!(context);
        for (const e of events) batch.apply(e);
        await batch.finish();
      } else {
        for (const e of events) await projection.apply(e, context);
      }
    });
  }

  /** Every item serves its draft's text, byte for byte (null for an unrendered one). */
  async function expectServedAsRendered(): Promise<void> {
    const items = await servedFeedItems(db.manager);
    expect(items.length).toBe(rendered.size);
    for (const i of items) expect(i.served === null ? null : JSON.stringify(i.served)).toBe(rendered.get(keyOf(i)));
  }

  for (const batched of [false, true]) {
    describe(batched ? 'batched' : 'event by event', () => {
      it('makes the next rendered copy the carrier when the first could not be rendered', async () => {
        await project((drafts) => {
          // The story's publications render two copies at most: a third is added (the last one's message
          // for another recipient, with its own two values), then the first rendered copy is refused.
          const publication = drafts.filter((d) => d.kind === 'publication' && d.message !== null);
          if (publication.length < 2) return;
          const last = publication[publication.length - 1]!;
          const itemIndex = Math.max(...drafts.map((d) => d.itemIndex)) + 1;
          const identity = { senderUniqueReference: `S-extra-p${last.sourcePosition}i${itemIndex}`, transactionId: `T-extra-p${last.sourcePosition}` };
          const extra = { ...last, recipientDipId: '2999999999', itemIndex, transactionId: identity.transactionId, message: withCopyIdentity(last.message, identity) as FeedItemDraft['message'] };
          drafts.push(extra);
          publication[0]!.message = null;
          publication[0]!.renderError = 'cannot render (test)';
        }, batched);
        const items = await servedFeedItems(db.manager);
        const refused = items.filter((i) => i.renderError === 'cannot render (test)');
        expect(refused.length).toBeGreaterThan(0);
        let sharedWithSecond = 0;
        for (const first of refused) {
          expect(first).toMatchObject({ message: null, senderUniqueReference: null, bodyRecipientDipId: null, bodySequence: null });
          const copies = items
            .filter((i) => i.sourcePosition === first.sourcePosition && i.renderError === null)
            .sort((a, b) => a.itemIndex - b.itemIndex);
          const [carrier, ...others] = copies;
          expect(carrier!.itemIndex).toBeGreaterThan(first.itemIndex);
          expect(carrier).toMatchObject({ message: expect.any(String), bodySequence: null });
          for (const copy of others) {
            expect(copy).toMatchObject({ message: null, bodyRecipientDipId: carrier!.recipientDipId, bodySequence: carrier!.sequence });
            sharedWithSecond += 1;
          }
        }
        expect(sharedWithSecond).toBeGreaterThan(0);
        await expectServedAsRendered();
      });

      // A toJSON on the carrier's path to its two values makes its stored text differ from its members'
      // texts: the copies (with the same toJSON, so the values compare the same) must keep their own text.
      for (const where of ['message', 'CommonBlock', 'S1', 'D0'] as const) {
        it(`shares nothing when the carrier's ${where} is not a plain object (own toJSON), and serves every copy as rendered`, async () => {
          const toJSON = () => ({ replaced: where });
          await project((drafts) => {
            for (const d of drafts) {
              if (d.kind !== 'publication' || d.message === null) continue;
              const m = d.message as { CommonBlock: { S1: object; D0: object } };
              const target = where === 'message' ? m : where === 'CommonBlock' ? m.CommonBlock : m.CommonBlock[where];
              Object.defineProperty(target, 'toJSON', { value: toJSON, enumerable: true });
            }
          }, batched);
          const items = await servedFeedItems(db.manager);
          expect(items.filter((i) => i.kind === 'publication').length).toBeGreaterThan(3);
          for (const i of items) expect(i.bodySequence).toBeNull();
          await expectServedAsRendered();
        });
      }

      it('shares nothing when the carrier is a class instance, and serves every copy as rendered', async () => {
        class Rendered {}
        await project((drafts) => {
          for (const d of drafts) {
            if (d.kind === 'publication' && d.message !== null) d.message = Object.assign(new Rendered(), d.message) as FeedItemDraft['message'];
          }
        }, batched);
        const items = await servedFeedItems(db.manager);
        for (const i of items) expect(i.bodySequence).toBeNull();
        await expectServedAsRendered();
      });
    });
  }
});
