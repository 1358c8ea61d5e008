import { Client } from 'pg';
import { KeyedLogRow, LogRow, LogRowSource, LogUnit } from './log-rows';
import { RawStore } from './raw-store';

const COLUMNS = 'stream_name AS "streamName", revision::int AS revision, type, data, metadata, recorded_at AS "recordedAt"';
// Queries below select `position::text AS position` and `revision::int AS revision`: their ORDER BY
// names `events.position` / `events.revision`, since a bare name would sort by the output column (a
// text sort, '10' before '9', or a sort of a cast the unique index cannot serve).

/**
 * The raw-driver store on a PostgreSQL database whose `events` table was created by the event
 * store's own migrations: one `pg` connection (session settings from the URL, e.g.
 * `synchronous_commit=off`), positions handed out by a counter here (no advisory lock: the adapter's
 * serialisation is part of what is measured, not of the limit), a whole write in one
 * `INSERT … SELECT FROM unnest(…)` statement as the adapter does.
 */
export class PostgresRawStore implements RawStore {
  private nextPosition = 1;

  private constructor(private readonly client: Client) {}

  /** Connects to `url`. */
  static async connect(url: string): Promise<PostgresRawStore> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new PostgresRawStore(client);
  }

  async appendUnit(unit: LogUnit): Promise<void> {
    await this.client.query('BEGIN');
    try {
      for (const stream of unit.streams) {
        await this.client.query(`SELECT ${COLUMNS} FROM events WHERE stream_name = $1 ORDER BY events.revision`, [stream]);
      }
      await this.insertRows(unit.rows);
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async insertBatch(rows: readonly LogRow[]): Promise<void> {
    await this.client.query('BEGIN');
    try {
      await this.insertRows(rows);
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async readBatch(after: number, maxRows: number): Promise<{ rows: LogRow[]; last: number }> {
    const { rows } = await this.client.query<LogRow & { position: string }>(
      `SELECT position::text AS position, ${COLUMNS} FROM events WHERE position > $1 ORDER BY events.position LIMIT $2`,
      [after, maxRows],
    );
    return { rows, last: rows.length === 0 ? after : Number(rows[rows.length - 1]!.position) };
  }

  async readStream(streamName: string): Promise<number> {
    const { rowCount } = await this.client.query(`SELECT ${COLUMNS} FROM events WHERE stream_name = $1 ORDER BY events.revision`, [streamName]);
    return rowCount ?? 0;
  }

  async analyze(): Promise<void> {
    await this.client.query('ANALYZE events');
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async insertRows(rows: readonly LogRow[]): Promise<void> {
    const first = this.nextPosition;
    this.nextPosition += rows.length;
    await this.client.query(
      `INSERT INTO events (position, stream_name, revision, type, data, metadata, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        rows.map((_, i) => first + i),
        rows.map((r) => r.streamName),
        rows.map((r) => r.revision),
        rows.map((r) => r.type),
        rows.map((r) => r.data),
        rows.map((r) => r.metadata),
        rows.map((r) => r.recordedAt),
      ],
    );
  }
}

/** The rows of a PostgreSQL event store in position order, with each row's `metadata.messageKey`. */
export class PostgresLogRowSource implements LogRowSource {
  private after = 0;

  private constructor(private readonly client: Client) {}

  /** Connects to `url`. */
  static async connect(url: string): Promise<PostgresLogRowSource> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new PostgresLogRowSource(client);
  }

  async next(maxRows: number): Promise<KeyedLogRow[]> {
    const { rows } = await this.client.query<KeyedLogRow & { position: string }>(
      `SELECT position::text AS position, ${COLUMNS}, metadata::json ->> 'messageKey' AS key
         FROM events WHERE position > $1 ORDER BY events.position LIMIT $2`,
      [this.after, maxRows],
    );
    if (rows.length > 0) this.after = Number(rows[rows.length - 1]!.position);
    return rows.map(({ position: _position, ...row }) => row);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
