import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `events` table of the SQLite event store: one row per event, the global log in `position`
 * order. This entity **describes the schema** (so TypeORM knows the table and schema diffs stay
 * empty, see the int-spec); the rows are written and read only by `SqliteEventStore`, never through
 * a TypeORM repository, because the store must control the transaction and read 64-bit integers
 * exactly (TypeORM's better-sqlite3 driver reads integers as JS numbers).
 *
 * - `position`: INTEGER PRIMARY KEY AUTOINCREMENT — the rowid, the global position (1, 2, ...;
 *   AUTOINCREMENT guarantees a position is never reused once committed, even after deletes);
 * - `(stream_name, revision)`: unique — one event per revision; this index also serves stream reads
 *   (`WHERE stream_name = ? AND revision >= ? ORDER BY revision`), so no second index is needed;
 * - `data`, `metadata`: JSON text; `recorded_at`: ISO 8601 UTC text (`...Z`).
 */
@Entity({ name: 'events' })
@Index('IX_events_stream_name_revision', ['streamName', 'revision'], { unique: true })
export class EventRowEntity {
  /** Typed as TypeORM reads it: a JS number, inexact above 2^53 — one more reason to read via the store. */
  @PrimaryGeneratedColumn('increment', { name: 'position', type: 'integer' })
  position!: number;

  @Column({ name: 'stream_name', type: 'varchar' })
  streamName!: string;

  @Column({ name: 'revision', type: 'integer' })
  revision!: number;

  @Column({ name: 'type', type: 'varchar' })
  type!: string;

  @Column({ name: 'data', type: 'text' })
  data!: string;

  @Column({ name: 'metadata', type: 'text' })
  metadata!: string;

  @Column({ name: 'recorded_at', type: 'varchar' })
  recordedAt!: string;
}
