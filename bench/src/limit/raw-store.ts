import { LogRow, LogUnit } from './log-rows';

/**
 * The same `events` table written and read with the raw driver (better-sqlite3 or pg), no
 * event-store code in between: the limit the adapters' own work is compared with.
 */
export interface RawStore {
  /**
   * One transaction for one message: reads every row of each stream the message writes (the
   * command path reads the MPAN stream and the message stream before it decides), then inserts the
   * message's rows.
   */
  appendUnit(unit: LogUnit): Promise<void>;
  /** Inserts `rows` in one transaction. */
  insertBatch(rows: readonly LogRow[]): Promise<void>;
  /** Up to `maxRows` rows after `after` in position order (JSON columns left as text) and the last position read. */
  readBatch(after: number, maxRows: number): Promise<{ rows: LogRow[]; last: number }>;
  /** Every row of one stream in revision order; returns how many. */
  readStream(streamName: string): Promise<number>;
  /** Gathers the planner's statistics (`ANALYZE`) after a bulk load, as a live database would have them. */
  analyze(): Promise<void>;
  close(): Promise<void>;
}
