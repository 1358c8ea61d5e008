import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `projection_checkpoints`: one row per projection, the global log position (decimal text: 64-bit,
 * never a JS number) up to which its rows are written. Written in the same transaction as the rows
 * of the batch it closes (see ./projector.ts).
 */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ name: 'name', type: 'varchar' })
  name!: string;

  /** Last applied global position, decimal text (`'0'` = nothing applied). */
  @Column({ name: 'position', type: 'varchar' })
  position!: string;

  /** UTC instant (ISO 8601 `Z`) the last applied event was recorded in the log (not the wall clock). */
  @Column({ name: 'event_recorded_at', type: 'varchar', nullable: true })
  eventRecordedAt!: string | null;
}

/**
 * `projection_mpan_state`: the runtime's fold of every MPAN stream, so projections get each event
 * with the MPAN's state before and after it without re-reading the stream. One row per MPAN.
 */
@Entity({ name: 'projection_mpan_state' })
export class MpanFoldStateEntity {
  @PrimaryColumn({ name: 'mpan_core', type: 'varchar' })
  mpanCore!: string;

  /** Revision of the last event folded, decimal text. */
  @Column({ name: 'revision', type: 'varchar' })
  revision!: string;

  /** The folded `MpanState`, JSON. */
  @Column({ name: 'state', type: 'text' })
  state!: string;

  /** The last MPAN event folded (not a `PublicationIssued`), recorded form as JSON with decimal positions; null before any. */
  @Column({ name: 'last_event', type: 'text', nullable: true })
  lastEvent!: string | null;
}

/** The runtime's own entities. */
export const RUNTIME_ENTITIES = [ProjectionCheckpointEntity, MpanFoldStateEntity];
