import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the notification feed's tables (see ./feed.entities.ts). Frozen once shipped. */
export class CreateFeedTables1764480002000 implements MigrationInterface {
  readonly name = 'CreateFeedTables1764480002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "feed_items" (` +
        `"recipient_dip_id" varchar NOT NULL, "sequence" integer NOT NULL, "source_position" varchar NOT NULL, ` +
        `"item_index" integer NOT NULL, "kind" varchar NOT NULL, "format" varchar NOT NULL, "interface_id" varchar NOT NULL, ` +
        `"event_code" varchar NOT NULL, "mpan_core" varchar NOT NULL, "publication_id" varchar, "transaction_id" varchar NOT NULL, ` +
        `"recorded_at" varchar NOT NULL, "schema_name" varchar NOT NULL, "message" text, "render_error" text, ` +
        `PRIMARY KEY ("recipient_dip_id", "sequence"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_feed_items_source" ON "feed_items" ("source_position", "recipient_dip_id", "item_index")`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_recipients" ("recipient_dip_id" varchar PRIMARY KEY NOT NULL, "last_sequence" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_subscriptions" ("recipient_dip_id" varchar PRIMARY KEY NOT NULL, ` +
        `"acknowledged_sequence" integer NOT NULL DEFAULT (0), "event_codes" text, "webhook_url" varchar, "updated_at" varchar NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_deliveries" ("recipient_dip_id" varchar PRIMARY KEY NOT NULL, ` +
        `"delivered_sequence" integer NOT NULL DEFAULT (0), "replay_through" integer NOT NULL DEFAULT (0), ` +
        `"generation" integer NOT NULL DEFAULT (0), "consecutive_failures" integer NOT NULL DEFAULT (0), ` +
        `"next_attempt_at" varchar, "parked_at" varchar, "last_error" text, "last_attempt_at" varchar, "last_success_at" varchar)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "feed_deliveries"`);
    await queryRunner.query(`DROP TABLE "feed_subscriptions"`);
    await queryRunner.query(`DROP TABLE "feed_recipients"`);
    await queryRunner.query(`DROP INDEX "UQ_feed_items_source"`);
    await queryRunner.query(`DROP TABLE "feed_items"`);
  }
}

/**
 * The webhook's last error no longer quotes the receiver's response body (issue #8): a last error
 * kept by an earlier version, `HTTP 500: <body excerpt>`, is cut to its status
 * (`HTTP 500 (response body no longer kept)`). Other errors stay. Irreversible (`down` does nothing:
 * the excerpts are gone). Frozen once shipped.
 */
export class RedactWebhookErrorBodies1764480008000 implements MigrationInterface {
  readonly name = 'RedactWebhookErrorBodies1764480008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "feed_deliveries" SET "last_error" = substr("last_error", 1, 8) || ' (response body no longer kept)' ` +
        `WHERE "last_error" LIKE 'HTTP ___:%'`,
    );
  }

  async down(): Promise<void> {
    // The body excerpts cannot be restored (and must not be).
  }
}

/**
 * The copies of a publication share one stored text (issue #9, P1; docs/adr/0023-feed-copies-share-one-stored-text.md,
 * ./shared-copies.ts): adds `feed_items.sender_unique_reference`, `body_recipient_dip_id` and
 * `body_sequence`, and converts the items already stored to that form ({@link shareStoredCopies}),
 * so that the migrated views equal a rebuild with this version (same rows, same digest) and serve
 * the same bytes; no rebuild is needed. The file keeps its size (SQLite reuses the freed pages; a
 * rebuild into a new file, or `VACUUM`, gives the space back). `down` restores every copy's own
 * text and drops the columns. Frozen once shipped.
 */
export class ShareFeedCopyText1764480009000 implements MigrationInterface {
  readonly name = 'ShareFeedCopyText1764480009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "feed_items" ADD COLUMN "sender_unique_reference" varchar`);
    await queryRunner.query(`ALTER TABLE "feed_items" ADD COLUMN "body_recipient_dip_id" varchar`);
    await queryRunner.query(`ALTER TABLE "feed_items" ADD COLUMN "body_sequence" integer`);
    await shareStoredCopies(queryRunner, () => '?');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await unshareStoredCopies(queryRunner, () => '?');
    await queryRunner.query(`ALTER TABLE "feed_items" DROP COLUMN "body_sequence"`);
    await queryRunner.query(`ALTER TABLE "feed_items" DROP COLUMN "body_recipient_dip_id"`);
    await queryRunner.query(`ALTER TABLE "feed_items" DROP COLUMN "sender_unique_reference"`);
  }
}

/** The two per-copy values of a stored copy (frozen with `ShareFeedCopyText1764480009000`). */
interface FrozenCopyIdentity {
  senderUniqueReference: string;
  transactionId: string;
}

/** A JSON object (not an array, not null). Frozen with `ShareFeedCopyText1764480009000`. */
function isFrozenObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `{ CommonBlock: { S1: { senderUniqueReference }, D0: { transactionID } } }`'s two values (both
 * strings), or null. A private copy of ./shared-copies.ts's `copyIdentityOf` as it was when
 * `ShareFeedCopyText1764480009000` shipped: the migration must convert the same rows forever,
 * whatever the live helper becomes, so this copy must never change.
 */
function frozenCopyIdentityOf(message: unknown): FrozenCopyIdentity | null {
  if (!isFrozenObject(message) || !isFrozenObject(message.CommonBlock)) return null;
  const { S1, D0 } = message.CommonBlock;
  if (!isFrozenObject(S1) || !isFrozenObject(D0)) return null;
  const senderUniqueReference = S1.senderUniqueReference;
  const transactionId = D0.transactionID;
  if (typeof senderUniqueReference !== 'string' || typeof transactionId !== 'string') return null;
  return { senderUniqueReference, transactionId };
}

/**
 * `message` with `identity`'s values in `CommonBlock.S1` / `CommonBlock.D0`, the same members in
 * the same order, `message` untouched. A private copy of ./shared-copies.ts's `withCopyIdentity`
 * as it was when `ShareFeedCopyText1764480009000` shipped; must never change.
 * @throws TypeError when `message` has not the egress shape.
 */
function frozenWithCopyIdentity(message: unknown, identity: FrozenCopyIdentity): Record<string, unknown> {
  if (frozenCopyIdentityOf(message) === null) throw new TypeError('not a DIP egress message with S1.senderUniqueReference and D0.transactionID');
  const m = message as { CommonBlock: Record<string, unknown> & { S1: object; D0: object } };
  return {
    ...m,
    CommonBlock: {
      ...m.CommonBlock,
      S1: { ...m.CommonBlock.S1, senderUniqueReference: identity.senderUniqueReference },
      D0: { ...m.CommonBlock.D0, transactionID: identity.transactionId },
    },
  };
}

/** One stored copy's new values: its text (or null), its sender unique reference and carrier key (or nulls), and its own key. */
type CopyUpdate = [message: string | null, senderUniqueReference: string | null, bodyRecipientDipId: string | null, bodySequence: number | null, recipientDipId: string, sequence: number];

/** Rows per UPDATE statement of {@link updateCopies} (6 parameters each: within SQLite's 32766 and PostgreSQL's 65535). */
const ROWS_PER_UPDATE = 500;

/**
 * Writes `updates` (`message`, `sender_unique_reference`, `body_recipient_dip_id`, `body_sequence`
 * of the `feed_items` row with the given key) in one statement per 500 rows:
 * `WITH "v" (…) AS (VALUES …) UPDATE "feed_items" SET … FROM "v" WHERE <primary key> = …`, which
 * SQLite (3.33 or later) and PostgreSQL both run as one primary-key lookup per row — one round trip
 * per 500 copies instead of one per copy. The integers are cast so that PostgreSQL types the
 * parameters of the VALUES list.
 */
async function updateCopies(queryRunner: QueryRunner, placeholder: (n: number) => string, updates: readonly CopyUpdate[]): Promise<void> {
  for (let start = 0; start < updates.length; start += ROWS_PER_UPDATE) {
    const chunk = updates.slice(start, start + ROWS_PER_UPDATE);
    const tuples = chunk.map((_, i) => {
      const p = (k: number) => placeholder(i * 6 + k);
      return `(${p(1)}, ${p(2)}, ${p(3)}, CAST(${p(4)} AS integer), ${p(5)}, CAST(${p(6)} AS integer))`;
    });
    await queryRunner.query(
      `WITH "v" ("m", "s", "br", "bs", "r", "q") AS (VALUES ${tuples.join(', ')}) ` +
        `UPDATE "feed_items" SET "message" = "v"."m", "sender_unique_reference" = "v"."s", "body_recipient_dip_id" = "v"."br", "body_sequence" = "v"."bs" ` +
        `FROM "v" WHERE "feed_items"."recipient_dip_id" = "v"."r" AND "feed_items"."sequence" = "v"."q"`,
      chunk.flat(),
    );
  }
}

/** Publications converted per round of {@link shareStoredCopies}. */
const POSITIONS_PER_ROUND = 500;

/**
 * Converts the rendered publication copies stored in full (as versions before
 * `ShareFeedCopyText1764480009000` wrote them) to the shared form the projection writes now: per
 * source position, the copies in `item_index` order, the first the carrier, each other copy shared
 * when its text is exactly the carrier's with its own two values (`withCopyIdentity`, frozen here as
 * {@link frozenWithCopyIdentity}) — the
 * projection's rule (`sharesCarrierText`) on the same texts, so the rows are those a rebuild writes.
 * `placeholder(n)` is the dialect's n-th parameter (`?` or `$n`). Reads 500 publications at a time
 * and writes their shared copies with one UPDATE per 500 copies ({@link updateCopies}).
 */
export async function shareStoredCopies(queryRunner: QueryRunner, placeholder: (n: number) => string): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const positions: string[] = ((await queryRunner.query(
      `SELECT DISTINCT "source_position" FROM "feed_items" WHERE "kind" = 'publication' AND "message" IS NOT NULL` +
        (after === null ? '' : ` AND "source_position" > ${placeholder(1)}`) +
        ` ORDER BY "source_position" LIMIT ${POSITIONS_PER_ROUND}`,
      after === null ? [] : [after],
    )) as Array<{ source_position: string | number }>).map((p) => String(p.source_position));
    if (positions.length === 0) return;
    after = positions[positions.length - 1]!;
    const rows = (await queryRunner.query(
      `SELECT "recipient_dip_id", "sequence", "source_position", "item_index", "transaction_id", "message" FROM "feed_items" ` +
        `WHERE "kind" = 'publication' AND "message" IS NOT NULL AND "source_position" IN (${positions.map((_, i) => placeholder(i + 1)).join(', ')}) ` +
        `ORDER BY "source_position", "item_index"`,
      positions,
    )) as Array<{ recipient_dip_id: string; sequence: number | string; source_position: string | number; item_index: number | string; transaction_id: string; message: string }>;
    const updates: CopyUpdate[] = [];
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      while (end < rows.length && String(rows[end]!.source_position) === String(rows[start]!.source_position)) end++;
      const copies = rows.slice(start, end);
      start = end;
      if (copies.length < 2) continue;
      // The carrier: the first copy; its text must be the canonical JSON of its message (as the
      // projection wrote it), else nothing is shared.
      const carrier = JSON.parse(copies[0]!.message) as unknown;
      if (frozenCopyIdentityOf(carrier) === null || JSON.stringify(carrier) !== copies[0]!.message) continue;
      for (let i = 1; i < copies.length; i++) {
        const copy = copies[i]!;
        const own = frozenCopyIdentityOf(JSON.parse(copy.message));
        if (own === null) continue;
        const identity = { senderUniqueReference: own.senderUniqueReference, transactionId: copy.transaction_id };
        // Texts only (no value short cut): a stored text is served as it is.
        if (JSON.stringify(frozenWithCopyIdentity(carrier, identity)) !== copy.message) continue;
        updates.push([null, own.senderUniqueReference, copies[0]!.recipient_dip_id, Number(copies[0]!.sequence), copy.recipient_dip_id, Number(copy.sequence)]);
      }
    }
    await updateCopies(queryRunner, placeholder, updates);
  }
}

/** Shared copies restored per round of {@link unshareStoredCopies}. */
const COPIES_PER_ROUND = 1000;

/**
 * The reverse of {@link shareStoredCopies}: every shared copy gets its own text back (the carrier's
 * with its own values, `JSON.stringify` of what the reader serves) and loses its references. Reads
 * 1000 shared copies at a time in primary-key order, each round starting after the previous
 * round's last key — a row-value comparison, which SQLite and PostgreSQL both answer with a seek on
 * the primary key (an `a > ? OR (a = ? AND b > ?)` form is a full index scan in SQLite) — so the
 * whole pass reads the table once; there is no index on `body_sequence`.
 * @throws Error when a shared copy's carrier row has no text (a view database altered by hand).
 */
export async function unshareStoredCopies(queryRunner: QueryRunner, placeholder: (n: number) => string): Promise<void> {
  let after: { recipient: string; sequence: number } | null = null;
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT i."recipient_dip_id", i."sequence", i."transaction_id", i."sender_unique_reference", b."message" AS "carrier_message" ` +
        `FROM "feed_items" i LEFT JOIN "feed_items" b ON b."recipient_dip_id" = i."body_recipient_dip_id" AND b."sequence" = i."body_sequence" ` +
        `WHERE i."body_sequence" IS NOT NULL` +
        (after === null ? '' : ` AND (i."recipient_dip_id", i."sequence") > (${placeholder(1)}, ${placeholder(2)})`) +
        ` ORDER BY i."recipient_dip_id", i."sequence" LIMIT ${COPIES_PER_ROUND}`,
      after === null ? [] : [after.recipient, after.sequence],
    )) as Array<{ recipient_dip_id: string; sequence: number | string; transaction_id: string; sender_unique_reference: string; carrier_message: string | null }>;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = { recipient: last.recipient_dip_id, sequence: Number(last.sequence) };
    const updates: CopyUpdate[] = rows.map((r) => {
      if (r.carrier_message === null) throw new Error(`feed item ${r.recipient_dip_id}#${r.sequence} shares a text that is not stored`);
      const text = JSON.stringify(frozenWithCopyIdentity(JSON.parse(r.carrier_message), { senderUniqueReference: r.sender_unique_reference, transactionId: r.transaction_id }));
      return [text, null, null, null, r.recipient_dip_id, Number(r.sequence)];
    });
    await updateCopies(queryRunner, placeholder, updates);
  }
}

/** The feed's migrations, oldest first (timestamps after the runtime's 1764480000000 and the MPAN view's). */
export const FEED_MIGRATION_CLASSES = [CreateFeedTables1764480002000, RedactWebhookErrorBodies1764480008000, ShareFeedCopyText1764480009000];
