import type { RecordedEvent } from '@app/event-store';
import type { CreatedMpanState, MpanEvent, MpanState, ReferenceData } from '@app/registration-domain';
import type { EntityManager } from 'typeorm';

/**
 * The contract between the projector runtime (./projector.ts) and each projection.
 *
 * A projection turns the global log into read-model rows. The runtime reads the log in position
 * order from the checkpoint, and for each batch opens ONE transaction on the view database in which
 * every projection applies every event of the batch and the checkpoint moves to the batch's last
 * position. So rows and checkpoint commit together: a crash loses the whole batch or nothing, and a
 * restart resumes after the last committed position — no event lost, none applied twice.
 *
 * Projections are deterministic: the rows they write depend only on the log (and the reference
 * data), never on the wall clock or on the order of unrelated MPANs, so a rebuild from zero gives
 * rows with the same digest as the live ones at the same position (./digest.ts).
 */

/** An event of an MPAN stream, with the MPAN's folded state around it. */
export interface MpanEventContext {
  kind: 'mpan';
  /** The recorded event (positions and revisions are bigint). */
  recorded: RecordedEvent;
  /** The MPAN core of the stream (`mpan-<core>`). */
  mpanCore: string;
  /**
   * For an MPAN event: the event itself, typed. For a `PublicationIssued` record: `null` (see
   * {@link causedBy}).
   */
  event: MpanEvent | null;
  /** The MPAN's state before this event (`{ status: 'Absent' }` before `MpanCreated`). */
  stateBefore: MpanState;
  /** The MPAN's state with this event folded in (equal to `stateBefore` for `PublicationIssued`). */
  stateAfter: MpanState;
  /**
   * For a `PublicationIssued` record: the MPAN event it announces (the last MPAN event before it in
   * the stream — they are appended together), with its recorded form. `null` for MPAN events.
   */
  causedBy: { event: MpanEvent; recorded: RecordedEvent; stateAfter: CreatedMpanState } | null;
}

/** An event of a message-outcome stream (`message-<dip>-<ref>`): receipt, acceptance, rejection. */
export interface MessageEventContext {
  kind: 'message';
  recorded: RecordedEvent;
  /**
   * For `InboundMessageRejected` / `InboundMessageAccepted`: the stream's `InboundMessageReceived`
   * (revision 0) as recorded, which carries the message as received (`data.message`, when recorded
   * by a version that kept it). `null` for the receipt itself.
   */
  receipt: RecordedEvent | null;
}

/** Any other stream (`day-start`, ...). */
export interface OtherEventContext {
  kind: 'other';
  recorded: RecordedEvent;
}

export type ProjectedEvent = MpanEventContext | MessageEventContext | OtherEventContext;

/** What a projection may use while applying a batch. */
export interface ProjectionContext {
  /** The batch's transaction on the view database: every write goes through it. */
  manager: EntityManager;
  /** Reference data (participants' MPIDs and roles). */
  referenceData: ReferenceData;
  /** The registry's own DIP id (the sender of every publication). */
  registryDipId: string;
  /** `S1.environmentTag` of every publication (DT-013: `PRD`, `SITB`, `SIT`, `UIT`, `DEV`). */
  environmentTag: string;
}

/**
 * One projection. `apply` is called once per event in position order, inside the batch
 * transaction; it must be idempotent per event (applying an event twice leaves the same rows) and
 * must not read the wall clock.
 */
export interface Projection {
  /** Stable name, e.g. `mpan-view`, `feed`; used in logs, metrics and the digest report. */
  readonly name: string;
  /**
   * Tables this projection owns, with the columns that identify a row in a stable order; the
   * digest hashes every row of every table ordered by `orderBy`. Those columns must be NOT NULL
   * (SQLite sorts NULLs first, PostgreSQL last: the digest must not depend on the dialect) and
   * text in byte order (`COLLATE "C"` on PostgreSQL, see ./postgres-migrations.ts).
   */
  readonly tables: ReadonlyArray<{ name: string; orderBy: string[] }>;
  /** Applies one event. @throws to abort the batch (nothing of it is committed). */
  apply(event: ProjectedEvent, context: ProjectionContext): Promise<void>;
  /**
   * Optional: a per-batch applier, for projections that write a batch's rows together (fewer,
   * larger statements). When present, the runtime calls it once per batch, gives every event of
   * the batch to its `apply` in order, then awaits `finish()` before the checkpoint moves — all in
   * the batch's transaction, so rows and checkpoint still commit together. The rows left after
   * `finish()` must be exactly those that calling {@link apply} on each event would leave (the
   * digest of live and rebuilt views compares them). A failed batch is dropped with its applier.
   */
  openBatch?(context: ProjectionContext): ProjectionBatch;
}

/** One batch of a projection's work (see {@link Projection.openBatch}); used once, then dropped. */
export interface ProjectionBatch {
  /** Takes one event of the batch, in position order; may write now or keep it for {@link finish}. */
  apply(event: ProjectedEvent): Promise<void> | void;
  /** Writes whatever the batch kept, in the batch's transaction. @throws to abort the batch. */
  finish(): Promise<void>;
}
