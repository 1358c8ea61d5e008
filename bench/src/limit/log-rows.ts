/** One row of the `events` table as the raw drivers read and write it (JSON columns as text). */
export interface LogRow {
  streamName: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/** Rows of the log that one message (or one day-start run of an MPAN) wrote, in position order. */
export interface LogUnit {
  /** `metadata.messageKey` shared by the unit's rows; `null` for a row without one (a day-start checkpoint). */
  key: string | null;
  /** Whether the unit records an inbound message (it writes to a `message-…` stream): the units W1 timed. */
  isMessage: boolean;
  rows: LogRow[];
  /** Distinct streams the unit wrote, in first-write order (the raw limit reads each before writing). */
  streams: string[];
}

/** A row with the key it is grouped by. */
export interface KeyedLogRow extends LogRow {
  key: string | null;
}

/**
 * Groups consecutive rows into units by message key: the rows of one message are contiguous in a log
 * written by one sequential writer (W1 in-process): its receipt, its MPAN events and publications,
 * its outcome. A row without a key is a unit of its own.
 */
export function groupUnits(rows: readonly KeyedLogRow[]): LogUnit[] {
  const units: LogUnit[] = [];
  let current: LogUnit | null = null;
  for (const { key, ...row } of rows) {
    if (current === null || key === null || current.key !== key) {
      current = { key, isMessage: false, rows: [], streams: [] };
      units.push(current);
    }
    current.rows.push(row);
    if (!current.streams.includes(row.streamName)) current.streams.push(row.streamName);
    if (row.streamName.startsWith('message-')) current.isMessage = true;
  }
  return units;
}

/** A source of log rows in position order, read in chunks (so the whole log never sits in memory). */
export interface LogRowSource {
  /** The next rows after the last one returned, at most `maxRows`; empty at the end. */
  next(maxRows: number): Promise<KeyedLogRow[]>;
  close(): Promise<void>;
}

/**
 * Reads whole units from `source`, about `unitRows` rows at a time (a unit cut by the chunk boundary
 * is completed from the next chunk before it is returned). Yields arrays of units.
 */
export async function* unitChunks(source: LogRowSource, unitRows = 5000): AsyncGenerator<LogUnit[]> {
  let carry: KeyedLogRow[] = [];
  for (;;) {
    const rows = await source.next(unitRows);
    if (rows.length === 0) {
      if (carry.length > 0) yield groupUnits(carry);
      return;
    }
    const all = carry.concat(rows);
    // Keep the last unit back: its rows may continue in the next chunk.
    const lastKey = all[all.length - 1]!.key;
    let cut = all.length;
    if (lastKey !== null) while (cut > 0 && all[cut - 1]!.key === lastKey) cut--;
    if (cut === 0) {
      carry = all;
      continue;
    }
    carry = all.slice(cut);
    yield groupUnits(all.slice(0, cut));
  }
}
