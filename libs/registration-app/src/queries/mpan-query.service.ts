import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import {
  MpanCore,
  mpanStreamName,
  ReferenceData,
  RejectionReason,
  snapshotOn,
  timelinesOf,
} from '@app/registration-domain';
import { Clock, CLOCK, ukSettlementDayOf } from '../clock/clock';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { MPAN_STATE_CACHE, MpanStateCache } from '../registration/mpan-stream';

/** The MPAN core in a query was malformed (400). */
export class InvalidMpanCoreError extends Error {
  constructor(readonly reason: RejectionReason) {
    super(reason.message);
    this.name = 'InvalidMpanCoreError';
  }
}

/** No MPAN with that core exists in the registry (404). */
export class MpanNotFoundError extends Error {
  constructor(readonly mpanCore: string) {
    super(`MPAN ${mpanCore} is not known to this registry`);
    this.name = 'MpanNotFoundError';
  }
}

/** Current state of one MPAN, folded from its stream. Positions and revisions are decimal strings. */
export interface MpanStateView {
  mpanCore: string;
  /** The settlement day the snapshot is effective on (today, UK). */
  effectiveAt: string;
  /** UTC instant of the read. */
  asKnownAt: string;
  streamRevision: string;
  /** Global position of the last event folded. */
  position: string;
  snapshot: ReturnType<typeof snapshotOn>;
  timelines: ReturnType<typeof timelinesOf>;
}

/** A page of an MPAN's history. */
export interface MpanEventsPage {
  mpanCore: string;
  events: Array<{
    revision: string;
    position: string;
    recordedAt: string;
    type: string;
    data: Record<string, unknown>;
    metadata: Record<string, unknown>;
  }>;
  /** Revision to ask for next, or `null` at the end of the stream. */
  nextFromRevision: string | null;
}

/**
 * Reads MPANs straight from their event streams (the query view projection arrives with issue #5):
 * current state as a fold of the whole stream, and the history page by page.
 */
@Injectable()
export class MpanQueryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MPAN_STATE_CACHE) private readonly cache: MpanStateCache,
  ) {}

  /**
   * The state of the MPAN effective today (UK settlement day) as known now: the head of its stream,
   * through the folded-state cache (the same as a fold of the whole stream).
   * @throws InvalidMpanCoreError for a malformed core; MpanNotFoundError for an unknown MPAN.
   */
  async currentState(rawCore: string): Promise<MpanStateView> {
    const core = this.parse(rawCore);
    const folded = await this.cache.load(this.store, mpanStreamName(core));
    const state = folded.state;
    if (state.status !== 'Created' || folded.revision === null || folded.position === null) throw new MpanNotFoundError(core);
    const now = this.clock.now();
    const today = ukSettlementDayOf(now);
    return {
      mpanCore: core,
      effectiveAt: today,
      asKnownAt: now,
      streamRevision: folded.revision.toString(),
      position: folded.position.toString(),
      snapshot: snapshotOn(state, today),
      timelines: timelinesOf(state),
    };
  }

  /**
   * The MPAN's events from `fromRevision` (inclusive), at most `limit`; the caller keeps `limit`
   * within 1–1000 (the HTTP controller checks it). A `fromRevision` past the end gives an empty page.
   * @throws InvalidMpanCoreError for a malformed core (REG0000); MpanNotFoundError for an unknown MPAN.
   */
  async history(rawCore: string, fromRevision: bigint, limit: number): Promise<MpanEventsPage> {
    const core = this.parse(rawCore);
    const stream = mpanStreamName(core);
    const page = await this.store.readStream(stream, { fromRevision, maxCount: limit + 1 });
    if (page.length === 0 && (await this.store.streamRevision(stream)) === 'no_stream') {
      throw new MpanNotFoundError(core);
    }
    const events = page.slice(0, limit);
    return {
      mpanCore: core,
      events: events.map(eventView),
      nextFromRevision: page.length > limit ? page[limit]!.revision.toString() : null,
    };
  }

  private parse(rawCore: string): MpanCore {
    const parsed = MpanCore.parse(rawCore, (id) => this.referenceData.distributor(id) !== undefined);
    if (!parsed.ok) throw new InvalidMpanCoreError(parsed.reason);
    return parsed.value;
  }
}

/** An event as the HTTP API shows it: revision and position as decimal strings (64-bit), the rest as recorded. */
export function eventView(e: RecordedEvent): MpanEventsPage['events'][number] {
  return {
    revision: e.revision.toString(),
    position: e.position.toString(),
    recordedAt: e.recordedAt,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  };
}
