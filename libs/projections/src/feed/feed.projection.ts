import type { DataSource, Driver, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Projection, ProjectionBatch, ProjectedEvent, ProjectionContext } from '../runtime/projection';
import { inChunks, memoByCount, perDataSource, placeholdersOf, tuplesOf } from '../runtime/sql-chunks';
import { FeedItemEntity } from './feed.entities';
import { FeedItemDraft, feedItemsOf } from './feed-items';
import { copyIdentityOf, isPlainCarrier, sharesCarrierText } from './shared-copies';

/** Name of the feed projection (its checkpoint row, its digest section). */
export const FEED_PROJECTION_NAME = 'feed';

/**
 * The tables the feed projection owns (digested, rebuilt from zero). `feed_subscriptions` and
 * `feed_deliveries` are not listed: they hold what participants told us and what the webhook
 * deliverer did, which the log does not determine.
 */
export const FEED_PROJECTED_TABLES: ReadonlyArray<{ name: string; orderBy: string[] }> = [
  { name: 'feed_recipients', orderBy: ['recipient_dip_id'] },
  { name: 'feed_items', orderBy: ['recipient_dip_id', 'sequence'] },
];

/**
 * The subscriber notification feed projection (issue #5; docs/feed.md).
 *
 * For each log event it appends the feed items of {@link feedItemsOf} — one per recipient of a
 * `PublicationIssued`, one for the originator of an `InboundMessageRejected` — each with the
 * recipient's next sequence (1, 2, 3 …, no gaps), kept in `feed_recipients` and written in the
 * projector's batch transaction, so items, sequences and checkpoint commit together.
 *
 * Idempotent per event: an item whose (recipient, source position, index) is already stored is
 * skipped, so applying an event twice leaves the same rows. Deterministic: rows depend only on
 * the log, the reference data and the registry's identity (DIP id, `S1.environmentTag`), never on the wall clock or on participants' config (event-code
 * filters apply when reading and delivering, not here).
 *
 * The runtime uses `openBatch`: the items of every event of a batch, in order, stored together at
 * the batch's end (`appendBatchItems`) — the same rows, in a few statements per batch instead of
 * four per publication.
 *
 * Stored form (./shared-copies.ts, docs/adr/0023-feed-copies-share-one-stored-text.md): the copies
 * of a publication share one stored message text — the first rendered copy keeps it, every other
 * copy that differs only in its sender unique reference and transaction id keeps just those and
 * the key of that row; `readFeedPage` serves every copy with the same bytes as its own text.
 */
export function createFeedProjection(): Projection {
  return {
    name: FEED_PROJECTION_NAME,
    tables: FEED_PROJECTED_TABLES,
    async apply(event: ProjectedEvent, context: ProjectionContext): Promise<void> {
      const drafts = feedItemsOf(event, context.referenceData, { registryDipId: context.registryDipId, environmentTag: context.environmentTag });
      await appendItems(context.manager, drafts);
    },
    openBatch(context: ProjectionContext): ProjectionBatch {
      const drafts: FeedItemDraft[] = [];
      const sender = { registryDipId: context.registryDipId, environmentTag: context.environmentTag };
      return {
        apply(event: ProjectedEvent): void {
          for (const draft of feedItemsOf(event, context.referenceData, sender)) drafts.push(draft);
        },
        async finish(): Promise<void> {
          await appendBatchItems(context.manager, drafts);
          drafts.length = 0;
        },
      };
    },
  };
}

/**
 * The batch form of {@link appendItems}: stores the items of a batch's events (`drafts` in position
 * order), each with its recipient's next sequence in that order, skipping those already stored —
 * the same rows as `appendItems` event by event, in a few statements per batch: the items already
 * stored at the batch's source positions, the recipients' last sequences, multi-row inserts of the
 * items and one upsert of the recipients (chunked, ../runtime/sql-chunks.ts).
 */
async function appendBatchItems(manager: EntityManager, drafts: readonly FeedItemDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const sql = feedStatementsFor(manager.connection);
  const positions = [...new Set(drafts.map((d) => d.sourcePosition))];
  const stored = (await inChunks(positions, 1, (chunk) => manager.query(sql.selectStoredIn(chunk.length), chunk))).flat() as Array<{
    source_position: string;
    recipient_dip_id: string;
    item_index: number | string;
  }>;
  const already = new Set(stored.map((i) => `${i.source_position}#${i.recipient_dip_id}#${Number(i.item_index)}`));
  const fresh = already.size === 0 ? drafts : drafts.filter((d) => !already.has(`${d.sourcePosition}#${d.recipientDipId}#${d.itemIndex}`));
  if (fresh.length === 0) return;
  const recipients = [...new Set(fresh.map((d) => d.recipientDipId))];
  const found = (await inChunks(recipients, 1, (chunk) => manager.query(sql.selectRecipients(chunk.length), chunk))).flat() as Array<{
    recipient_dip_id: string;
    last_sequence: number | string;
  }>;
  const last = new Map(found.map((r) => [r.recipient_dip_id, Number(r.last_sequence)]));
  const rows = rowsOf(fresh, last);
  await inChunks(rows, sql.itemColumns.length, (chunk) =>
    manager.query(
      sql.insertItems(chunk.length),
      chunk.flatMap((row) => sql.itemColumns.map((c) => sql.driver.preparePersistentValue(row[c.propertyName as keyof FeedItemEntity], c))),
    ),
  );
  await inChunks(recipients, 2, (chunk) =>
    manager.query(
      sql.upsertRecipients(chunk.length),
      chunk.flatMap((recipientDipId) => [recipientDipId, last.get(recipientDipId)!]),
    ),
  );
}

/**
 * Stores the items of one event (they share its source position), each with its recipient's next
 * sequence, skipping those already stored. A handful of statements per event, not per item: the
 * stored copies of the position, the recipients' last sequences, one multi-row insert, one upsert.
 *
 * The statements are plain SQL built once per DataSource (and row count) from the entities'
 * metadata, with the driver's placeholders and value conversion, run through `manager` (the
 * projector's batch transaction): TypeORM's `find`/`insert`/`upsert` query builders cost about a
 * third of a rebuild (bench/results/profiles, P1) for statements that never change.
 */
async function appendItems(manager: EntityManager, drafts: FeedItemDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const sql = feedStatementsFor(manager.connection);
  const sourcePosition = drafts[0]!.sourcePosition;
  const stored = (await manager.query(sql.selectStored, [sourcePosition])) as Array<{ recipient_dip_id: string; item_index: number | string }>;
  const already = new Set(stored.map((i) => `${i.recipient_dip_id}#${Number(i.item_index)}`));
  const fresh = drafts.filter((d) => !already.has(`${d.recipientDipId}#${d.itemIndex}`));
  if (fresh.length === 0) return;
  const recipients = [...new Set(fresh.map((d) => d.recipientDipId))];
  const found = (await manager.query(sql.selectRecipients(recipients.length), recipients)) as Array<{ recipient_dip_id: string; last_sequence: number | string }>;
  const last = new Map(found.map((r) => [r.recipient_dip_id, Number(r.last_sequence)]));
  const rows = rowsOf(fresh, last);
  await manager.query(
    sql.insertItems(rows.length),
    rows.flatMap((row) => sql.itemColumns.map((c) => sql.driver.preparePersistentValue(row[c.propertyName as keyof FeedItemEntity], c))),
  );
  await manager.query(
    sql.upsertRecipients(recipients.length),
    recipients.flatMap((recipientDipId) => [recipientDipId, last.get(recipientDipId)!]),
  );
}

/** The feed projection's statements on one DataSource; those taking a list are built per length. */
interface FeedStatements {
  driver: Driver;
  itemColumns: ColumnMetadata[];
  /** Items already stored for a source position ($1). */
  selectStored: string;
  /** Items already stored for `n` source positions (parameters: the positions). */
  selectStoredIn(n: number): string;
  /** Last sequences of `n` recipients (parameters: the DIP ids). */
  selectRecipients(n: number): string;
  /** Inserts `n` feed items (parameters: each row's columns in {@link itemColumns} order). */
  insertItems(n: number): string;
  /** Sets the last sequence of `n` recipients (parameters: id, sequence, id, sequence …). */
  upsertRecipients(n: number): string;
}

const feedStatementsFor = perDataSource((source: DataSource): FeedStatements => {
  const driver = source.driver;
  // The driver's own placeholders (`?` on SQLite, `$n` on PostgreSQL) for parameters p0 … pn-1.
  const placeholders = (count: number) => placeholdersOf(source, count);
  const memo = memoByCount;
  const itemColumns = source.getMetadata(FeedItemEntity).columns;
  const tuples = (rows: number, width: number) => tuplesOf(source, rows, width);
  const statements: FeedStatements = {
    driver,
    itemColumns,
    selectStored: `SELECT "recipient_dip_id", "item_index" FROM "feed_items" WHERE "source_position" = ${placeholders(1)[0]}`,
    selectStoredIn: memo(
      (n) => `SELECT "source_position", "recipient_dip_id", "item_index" FROM "feed_items" WHERE "source_position" IN (${placeholders(n).join(', ')})`,
    ),
    selectRecipients: memo((n) => `SELECT "recipient_dip_id", "last_sequence" FROM "feed_recipients" WHERE "recipient_dip_id" IN (${placeholders(n).join(', ')})`),
    insertItems: memo(
      (n) => `INSERT INTO "feed_items" (${itemColumns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES ${tuples(n, itemColumns.length)}`,
    ),
    upsertRecipients: memo(
      (n) =>
        `INSERT INTO "feed_recipients" ("recipient_dip_id", "last_sequence") VALUES ${tuples(n, 2)} ` +
        'ON CONFLICT ("recipient_dip_id") DO UPDATE SET "last_sequence" = excluded."last_sequence"',
    ),
  };
  return statements;
});

/**
 * The rows of `fresh` (drafts in position order, each event's copies together in recipient order),
 * each with its recipient's next sequence after `last` (updated), in the stored form of
 * ./shared-copies.ts: of each publication's rendered copies the first (the carrier) keeps its
 * message text, and every other copy whose text is the carrier's with its own sender unique
 * reference and transaction id stores only the first and a reference to the carrier's row — its
 * text is never written. Rejections (one copy each) and unrendered items keep their own text (or
 * none).
 */
function rowsOf(fresh: readonly FeedItemDraft[], last: Map<string, number>): FeedItemEntity[] {
  const rows = fresh.map((d) => {
    const sequence = (last.get(d.recipientDipId) ?? 0) + 1;
    last.set(d.recipientDipId, sequence);
    return rowOf(d, sequence);
  });
  for (let start = 0; start < fresh.length; ) {
    const position = fresh[start]!.sourcePosition;
    let end = start + 1;
    while (end < fresh.length && fresh[end]!.sourcePosition === position) end++;
    if (fresh[start]!.kind === 'publication') shareRenderedCopies(fresh, rows, start, end);
    start = end;
  }
  for (let i = 0; i < rows.length; i++) {
    const message = fresh[i]!.message;
    if (message !== null && rows[i]!.bodySequence === null) rows[i]!.message = messageJsonOf(message);
  }
  return rows;
}

/**
 * Marks the copies among `rows[start … end)` (one publication) that share the carrier's text (see
 * {@link sharesCarrierText}): the carrier is the first rendered copy (an earlier copy the renderer
 * refused keeps its error and no text); nothing is shared when it is not a plain egress message
 * ({@link isPlainCarrier}).
 */
function shareRenderedCopies(drafts: readonly FeedItemDraft[], rows: FeedItemEntity[], start: number, end: number): void {
  let carrier = -1;
  for (let i = start; i < end; i++) {
    const message = drafts[i]!.message;
    if (message === null) continue;
    if (carrier < 0) {
      // The first rendered copy carries the text, if its identity path is plain (see isPlainCarrier).
      if (!isPlainCarrier(message)) return;
      carrier = i;
      continue;
    }
    const own = copyIdentityOf(message);
    if (own === null) continue;
    const identity = { senderUniqueReference: own.senderUniqueReference, transactionId: drafts[i]!.transactionId };
    if (!sharesCarrierText(drafts[carrier]!.message, identity, message, () => messageJsonOf(message), stringifyMessage)) continue;
    const row = rows[i]!;
    row.senderUniqueReference = own.senderUniqueReference;
    row.bodyRecipientDipId = rows[carrier]!.recipientDipId;
    row.bodySequence = rows[carrier]!.sequence;
  }
}

/** {@link messageJsonOf} for any value (the shared-copies functions take messages as `unknown`). */
const stringifyMessage = messageJsonOf as (message: unknown) => string;

function rowOf(draft: FeedItemDraft, sequence: number): FeedItemEntity {
  return {
    recipientDipId: draft.recipientDipId,
    sequence,
    sourcePosition: draft.sourcePosition,
    itemIndex: draft.itemIndex,
    kind: draft.kind,
    format: draft.format,
    interfaceId: draft.interfaceId,
    eventCode: draft.eventCode,
    mpanCore: draft.mpanCore,
    publicationId: draft.publicationId,
    transactionId: draft.transactionId,
    recordedAt: draft.recordedAt,
    schemaName: draft.schemaName,
    // Written by rowsOf: the text, unless the copy shares its carrier's.
    message: null,
    renderError: draft.renderError,
    senderUniqueReference: null,
    bodyRecipientDipId: null,
    bodySequence: null,
  };
}

/** The JSON text of each CustomBlock already serialised (the copies of one publication share theirs). */
const customBlockJson = new WeakMap<object, string>();

/** A plain object or array that `JSON.stringify` serialises member by member (no `toJSON`). */
function isPlainJsonObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * `JSON.stringify(message)`, the stored text of a feed item, character for character. An egress
 * message is `{ CommonBlock, CustomBlock }` and the copies of one publication share their
 * CustomBlock object (`preparePublication`), so its text is made once and reused: JSON.stringify of
 * a plain object is its members' texts in key order, which is what is assembled here. Any other
 * shape (a status message, …) goes through JSON.stringify whole.
 */
function messageJsonOf(message: NonNullable<FeedItemDraft['message']>): string {
  const { CommonBlock: common, CustomBlock: custom } = message as { CommonBlock?: unknown; CustomBlock?: unknown };
  if (Object.getPrototypeOf(message) !== Object.prototype || !isPlainJsonObject(common) || !isPlainJsonObject(custom)) return JSON.stringify(message);
  const keys = Object.keys(message);
  if (keys.length !== 2 || keys[0] !== 'CommonBlock' || keys[1] !== 'CustomBlock') return JSON.stringify(message);
  let customText = customBlockJson.get(custom);
  if (customText === undefined) {
    customText = JSON.stringify(custom);
    customBlockJson.set(custom, customText);
  }
  return `{"CommonBlock":${JSON.stringify(common)},"CustomBlock":${customText}}`;
}
