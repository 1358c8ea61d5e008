import Database from 'better-sqlite3';
import { KeyedLogRow, LogRow, LogRowSource, LogUnit } from './log-rows';
import { RawStore } from './raw-store';

const COLUMNS = 'stream_name AS streamName, revision, type, data, metadata, recorded_at AS recordedAt';

/**
 * The raw-driver store on a SQLite file whose `events` table was created by the event store's own
 * migrations: WAL, the given `synchronous`, writes in `BEGIN IMMEDIATE` transactions like the
 * adapter's, prepared statements, JSON kept as text.
 */
export class SqliteRawStore implements RawStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, number, string, string, string, string]>;
  private readonly selectStream: Database.Statement<[string], LogRow>;
  private readonly selectAfter: Database.Statement<[number, number], LogRow & { position: number }>;
  private readonly unitTx: Database.Transaction<(unit: LogUnit) => void>;
  private readonly batchTx: Database.Transaction<(rows: readonly LogRow[]) => void>;

  constructor(path: string, synchronous: 'FULL' | 'NORMAL') {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.insert = this.db.prepare('INSERT INTO events (stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectStream = this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_name = ? ORDER BY revision`);
    this.selectAfter = this.db.prepare(`SELECT position, ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    const insertRows = (rows: readonly LogRow[]) => {
      for (const r of rows) this.insert.run(r.streamName, r.revision, r.type, r.data, r.metadata, r.recordedAt);
    };
    this.unitTx = this.db.transaction((unit: LogUnit) => {
      for (const stream of unit.streams) this.selectStream.all(stream);
      insertRows(unit.rows);
    });
    this.batchTx = this.db.transaction(insertRows);
  }

  async appendUnit(unit: LogUnit): Promise<void> {
    this.unitTx.immediate(unit);
  }

  async insertBatch(rows: readonly LogRow[]): Promise<void> {
    this.batchTx.immediate(rows);
  }

  async readBatch(after: number, maxRows: number): Promise<{ rows: LogRow[]; last: number }> {
    const rows = this.selectAfter.all(after, maxRows);
    return { rows, last: rows.length === 0 ? after : rows[rows.length - 1]!.position };
  }

  async readStream(streamName: string): Promise<number> {
    return this.selectStream.all(streamName).length;
  }

  async analyze(): Promise<void> {
    this.db.exec('ANALYZE');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** The rows of a SQLite event store file in position order, with each row's `metadata.messageKey`, read-only. */
export class SqliteLogRowSource implements LogRowSource {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[number, number], KeyedLogRow & { position: number }>;
  private after = 0;

  constructor(path: string) {
    this.db = new Database(path, { readonly: true });
    this.select = this.db.prepare(
      `SELECT position, ${COLUMNS}, json_extract(metadata, '$.messageKey') AS key FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    );
  }

  async next(maxRows: number): Promise<KeyedLogRow[]> {
    const rows = this.select.all(this.after, maxRows);
    if (rows.length > 0) this.after = rows[rows.length - 1]!.position;
    return rows.map(({ position: _position, ...row }) => row);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
