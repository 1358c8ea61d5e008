/**
 * Writing already-recorded events into the PostgreSQL log with their own positions, revisions and
 * instants: the body of {@link PostgresEventStore.importRecorded}, used by `registry copy-store`
 * to move a registry from the embedded SQLite store to PostgreSQL (docs/scaling.md).
 */
import type { PoolClient } from 'pg';
import { RecordedEvent } from '../event-store.port';
import { serialiseJsonObject } from '../event-store.validation';
import { POSTGRES_APPEND_LOCK_KEY } from './postgres-migrations';

/** Raised when events offered to {@link PostgresEventStore.importRecorded} would not continue the log; nothing was written. */
export class LogImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogImportRefusedError';
  }
}

/** What an import wrote. */
export interface ImportResult {
  /** Number of events written. */
  events: number;
  /** Position of the last event written (the log's new head). */
  lastPosition: bigint;
}

/** The rows of an import, serialised and checked before the transaction starts. */
export interface ImportRows {
  positions: string[];
  streams: string[];
  revisions: string[];
  types: string[];
  data: string[];
  metadata: string[];
  recordedAt: string[];
}

/**
 * Checks the shape of `events` on their own (positions strictly increasing, revisions consecutive
 * within each stream of the batch, ISO `recordedAt`, JSON-object data and metadata) and serialises
 * them. What they must continue in the target (its head, its streams' revisions) is checked in the
 * transaction by {@link importInTransaction}.
 * @throws LogImportRefusedError naming the first offending event.
 */
export function importRows(events: readonly RecordedEvent[]): ImportRows {
  if (!Array.isArray(events) || events.length === 0) throw new LogImportRefusedError('importRecorded needs a non-empty array of recorded events');
  const rows: ImportRows = { positions: [], streams: [], revisions: [], types: [], data: [], metadata: [], recordedAt: [] };
  const lastRevisionInBatch = new Map<string, bigint>();
  let previous: bigint | null = null;
  events.forEach((event, index) => {
    const what = `event #${index} (position ${String(event?.position)})`;
    if (typeof event?.position !== 'bigint' || event.position < 1n) throw new LogImportRefusedError(`${what}: the position must be a bigint >= 1`);
    if (previous !== null && event.position <= previous) {
      throw new LogImportRefusedError(`${what}: positions must be strictly increasing, got ${event.position} after ${previous}`);
    }
    previous = event.position;
    if (typeof event.streamName !== 'string' || event.streamName.length === 0) throw new LogImportRefusedError(`${what}: no stream name`);
    if (typeof event.revision !== 'bigint' || event.revision < 0n) throw new LogImportRefusedError(`${what}: the revision must be a bigint >= 0`);
    const before = lastRevisionInBatch.get(event.streamName);
    if (before !== undefined && event.revision !== before + 1n) {
      throw new LogImportRefusedError(`${what}: revision ${event.revision} of stream ${event.streamName} does not follow revision ${before}`);
    }
    lastRevisionInBatch.set(event.streamName, event.revision);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new LogImportRefusedError(`${what}: no type`);
    if (typeof event.recordedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(event.recordedAt)) {
      throw new LogImportRefusedError(`${what}: recordedAt must be an ISO 8601 UTC instant with milliseconds (as toISOString gives), got ${JSON.stringify(event.recordedAt)}`);
    }
    rows.positions.push(event.position.toString());
    rows.streams.push(event.streamName);
    rows.revisions.push(event.revision.toString());
    rows.types.push(event.type);
    try {
      rows.data.push(serialiseJsonObject(event.data, `${what}: data`));
      rows.metadata.push(serialiseJsonObject(event.metadata, `${what}: metadata`));
    } catch (error) {
      throw new LogImportRefusedError((error as Error).message);
    }
    rows.recordedAt.push(event.recordedAt);
  });
  return rows;
}

/**
 * The import transaction's body (after BEGIN, before COMMIT): takes the append lock (so no append
 * interleaves and the gap-safety of ADR 0007 holds), checks that the first position is above the
 * log's head and that each stream's first revision in the batch follows its stored last revision
 * (0 for a new stream), then inserts every row in one statement.
 * @throws LogImportRefusedError when the events do not continue the log (the caller rolls back).
 */
export async function importInTransaction(client: PoolClient, rows: ImportRows, lockTimeoutMs: number): Promise<ImportResult> {
  await client.query(`SET LOCAL lock_timeout = ${lockTimeoutMs}`);
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(POSTGRES_APPEND_LOCK_KEY)]);
  const head = BigInt((await client.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM events')).rows[0]!.head);
  const first = BigInt(rows.positions[0]!);
  if (first <= head) {
    throw new LogImportRefusedError(`the first event's position ${first} is not above the log's head position ${head}`);
  }
  const firstOfStream = new Map<string, bigint>();
  rows.streams.forEach((stream, i) => {
    if (!firstOfStream.has(stream)) firstOfStream.set(stream, BigInt(rows.revisions[i]!));
  });
  const stored = await client.query<{ stream_name: string; revision: string }>(
    'SELECT stream_name, max(revision)::text AS revision FROM events WHERE stream_name = ANY($1::text[]) GROUP BY stream_name',
    [[...firstOfStream.keys()]],
  );
  const storedRevision = new Map(stored.rows.map((r) => [r.stream_name, BigInt(r.revision)]));
  for (const [stream, revision] of firstOfStream) {
    const last = storedRevision.get(stream);
    const expected = last === undefined ? 0n : last + 1n;
    if (revision !== expected) {
      const now = last === undefined ? 'it does not exist yet' : `its last revision is ${last}`;
      throw new LogImportRefusedError(`stream ${stream} would continue at revision ${revision}, but ${now} (expected ${expected})`);
    }
  }
  await client.query(
    `INSERT INTO events (position, stream_name, revision, type, data, metadata, recorded_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [rows.positions, rows.streams, rows.revisions, rows.types, rows.data, rows.metadata, rows.recordedAt],
  );
  return { events: rows.positions.length, lastPosition: BigInt(rows.positions[rows.positions.length - 1]!) };
}
