import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { MpanCore, mpanStreamName, type ReferenceData } from '@app/registration-domain';
import { eventView, InvalidMpanCoreError, MpanNotFoundError } from '../queries/mpan-query.service';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { EntitlementScanner, HistoryEntitlement, isVisible } from './entitlement';

/** The reference data knows no participant with this DIP id (404). */
export class UnknownParticipantError extends Error {
  constructor(readonly dipId: string) {
    super(`participant ${dipId} is not known to this registry`);
    this.name = 'UnknownParticipantError';
  }
}

/** The participant has no role on the MPAN that entitles it to the MPAN's history (403). */
export class HistoryAccessDeniedError extends Error {
  constructor(
    readonly dipId: string,
    readonly mpanCore: string,
  ) {
    super(
      `participant ${dipId} may not replay the history of MPAN ${mpanCore}: it is not the MPAN's LDSO, and no event names it as the MPAN's incoming supplier or as a proposed metering or data service`,
    );
    this.name = 'HistoryAccessDeniedError';
  }
}

/** Where a replay starts: a stream revision, or a global log position (both inclusive); default revision 0. */
export type HistoryReplayFrom = { fromRevision: bigint } | { fromPosition: bigint } | Record<string, never>;

/** One replayed event, JSON-ready: revision and position are decimal strings, `recordedAt` a UTC instant. */
export interface HistoryReplayLine {
  revision: string;
  position: string;
  recordedAt: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** An opened replay: who may see what, up to which revision, and the lines, read on demand. */
export interface HistoryReplay {
  mpanCore: string;
  entitlement: HistoryEntitlement;
  /** The stream's last revision when the replay was opened: the replay ends there. */
  throughRevision: bigint;
  /** First revision the replay reads (from `fromRevision`, or the first at or after `fromPosition`). */
  startRevision: bigint;
  /**
   * The visible events from {@link startRevision} through {@link throughRevision}, in order, read
   * from the store page by page as they are consumed (one page in memory at a time).
   */
  lines(): AsyncGenerator<HistoryReplayLine>;
}

/** Events per store read, by default. */
export const DEFAULT_HISTORY_PAGE_SIZE = 500;
/** Optional injection token of the page size (tests use small pages to prove the streaming). */
export const HISTORY_PAGE_SIZE = Symbol('HISTORY_PAGE_SIZE');

/**
 * History replay for services (issue #6 item 5; docs/audit.md): an MPAN's events from a revision
 * or a position, filtered to what a participant is entitled to see (./entitlement.ts).
 *
 * {@link open} does every check before anything is streamed — so an HTTP answer can still be a 400,
 * 403 or 404 — by scanning the stream once (fold only, flat memory); {@link HistoryReplay.lines}
 * then reads it again page by page. Both passes stop at the revision the stream had when `open`
 * ran, so a replay is one consistent prefix even while the MPAN receives new events.
 * The participant is whoever the caller says: until authentication (issue #8) it is trusted.
 */
@Injectable()
export class HistoryReplayService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Optional() @Inject(HISTORY_PAGE_SIZE) private readonly pageSize: number = DEFAULT_HISTORY_PAGE_SIZE,
  ) {
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`the history page size must be a positive integer, got ${String(pageSize)}`);
  }

  /**
   * Opens a replay of `rawCore`'s history for participant `participant` (a DIP id).
   * @throws InvalidMpanCoreError (REG0000) for a malformed core.
   * @throws UnknownParticipantError when the reference data has no such participant.
   * @throws MpanNotFoundError when the MPAN has no stream.
   * @throws HistoryAccessDeniedError when the participant has no entitling role on the MPAN.
   * @throws RangeError for a negative `fromRevision` / `fromPosition`.
   */
  async open(rawCore: string, participant: string, from: HistoryReplayFrom = {}): Promise<HistoryReplay> {
    const parsed = MpanCore.parse(rawCore, (id) => this.referenceData.distributor(id) !== undefined);
    if (!parsed.ok) throw new InvalidMpanCoreError(parsed.reason);
    const core = parsed.value;
    if (this.referenceData.participant(participant) === undefined) throw new UnknownParticipantError(participant);
    const stream = mpanStreamName(core);
    const head = await this.store.streamRevision(stream);
    if (head === 'no_stream') throw new MpanNotFoundError(core);

    const isLdso = this.referenceData.distributor(parsed.distributorId)?.ldsoDipId === participant;
    const scanner = new EntitlementScanner(participant, isLdso);
    for await (const event of this.read(stream, 0n, head)) scanner.add(event);
    const entitlement = scanner.result();
    if (entitlement === null) throw new HistoryAccessDeniedError(participant, core);

    const startRevision = await this.startRevision(stream, head, from);
    return {
      mpanCore: core,
      entitlement,
      throughRevision: head,
      startRevision,
      lines: () => this.visibleLines(stream, startRevision, head, entitlement),
    };
  }

  private async *visibleLines(stream: string, from: bigint, through: bigint, entitlement: HistoryEntitlement): AsyncGenerator<HistoryReplayLine> {
    for await (const event of this.read(stream, from, through)) {
      if (isVisible(event, entitlement)) yield eventView(event);
    }
  }

  /** The stream's events from `from` through `through`, page by page. */
  private async *read(stream: string, from: bigint, through: bigint): AsyncGenerator<RecordedEvent> {
    for (let next = from; next <= through; ) {
      const left = through - next + 1n;
      const page = await this.store.readStream(stream, { fromRevision: next, maxCount: left < BigInt(this.pageSize) ? Number(left) : this.pageSize });
      if (page.length === 0) return;
      for (const event of page) yield event;
      next = page[page.length - 1]!.revision + 1n;
    }
  }

  /**
   * The first revision to replay: `fromRevision` itself, or the first revision whose global position
   * is at or after `fromPosition` (binary search: positions grow with revisions; O(log n) reads of
   * one event), or 0. Past the end: `head + 1` (an empty replay).
   */
  private async startRevision(stream: string, head: bigint, from: HistoryReplayFrom): Promise<bigint> {
    if ('fromRevision' in from && from.fromRevision !== undefined) {
      if (from.fromRevision < 0n) throw new RangeError(`fromRevision must not be negative, got ${from.fromRevision}`);
      return from.fromRevision;
    }
    if ('fromPosition' in from && from.fromPosition !== undefined) {
      if (from.fromPosition < 0n) throw new RangeError(`fromPosition must not be negative, got ${from.fromPosition}`);
      let lo = 0n;
      let hi = head + 1n;
      while (lo < hi) {
        const mid = (lo + hi) / 2n;
        const [event] = await this.store.readStream(stream, { fromRevision: mid, maxCount: 1 });
        if (event !== undefined && event.position >= from.fromPosition) hi = mid;
        else lo = mid + 1n;
      }
      return lo;
    }
    return 0n;
  }
}
