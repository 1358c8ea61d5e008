import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { MpanCore, MpanEvent, mpanStreamName, MpanSnapshot, ReferenceData, snapshotOn, UtcInstant } from '@app/registration-domain';
import { diffSnapshots, MpanItemName, PeriodProvenance, provenanceFold, provenanceOf, ProvenanceStep } from '@app/registration-domain/temporal';
import { Clock, CLOCK, ukSettlementDayOf } from '../clock/clock';
import { InboundMessageReceived, messageStreamName } from '../messages/message-outcome';
import { InvalidMpanCoreError, MpanNotFoundError } from '../queries/mpan-query.service';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { foldMpanStream } from '../registration/mpan-stream';
import {
  AsKnownAt,
  DiffPoint,
  eventRefOf,
  ExplainedPeriod,
  ExplainStep,
  MessageReceipt,
  MpanDiffAnswer,
  MpanExplanation,
  MpanStateAt,
  MpanTimelineAnswer,
  stringOrNull,
  TimelinePeriod,
} from './history-answers';
import { parseItemName, parseKnownAt, parseSettlementDay } from './history-params';

/** The MPAN has events, but none that created it was recorded by the instant asked (404). */
export class MpanNotKnownAtError extends MpanNotFoundError {
  constructor(mpanCore: string, knownAt: string, firstRecordedAt: string) {
    super(mpanCore);
    this.name = 'MpanNotKnownAtError';
    this.message = `MPAN ${mpanCore} was not yet known to this registry at ${knownAt}: its first event was recorded at ${firstRecordedAt}`;
  }
}

/** An MPAN's stream split at an instant: the records folded (recorded at or before it) and the axis block. */
interface KnownAtRead {
  folded: RecordedEvent[];
  axis: AsKnownAt;
}

/**
 * The MPAN read on two time axes (design brief §5, issue #6), always from the event log — never
 * from the projections, so it is the auditor's ground truth:
 *
 * - **effective time**: a UK settlement day `YYYY-MM-DD` (`effectiveAt`, `date`), default today (UK)
 *   by the registry's clock;
 * - **recorded time**: a UTC instant (`knownAt`), default now: only the records of the MPAN's
 *   stream up to the first one recorded after it are folded (a prefix: never a later record
 *   without its predecessors; with a clock that only moves forward, every record at or before it).
 *
 * Parameters arrive as raw strings and are checked with ./history-params.ts (the HTTP API checks
 * them first with the same functions, so it answers 400 with the same words).
 * Errors: InvalidMpanCoreError (malformed core, REG0000), InvalidHistoryQueryError (a malformed
 * parameter), MpanNotFoundError (no event at all), MpanNotKnownAtError (not yet created at `knownAt`).
 */
@Injectable()
export class MpanHistoryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The full snapshot (`snapshotOn`) of the MPAN effective on `effectiveAt` as known at `knownAt`. */
  async stateAt(rawCore: string, query: { effectiveAt?: string; knownAt?: string } = {}): Promise<MpanStateAt> {
    const core = this.parse(rawCore);
    const now = this.clock.now();
    const knownAt = query.knownAt === undefined ? now : parseKnownAt('knownAt', query.knownAt);
    const effectiveAt = query.effectiveAt === undefined ? ukSettlementDayOf(now) : parseSettlementDay('effectiveAt', query.effectiveAt);
    const recorded = await this.readAll(core);
    const { folded, axis } = splitAt(recorded, knownAt);
    const state = foldMpanStream(folded);
    if (state.status !== 'Created') throw new MpanNotKnownAtError(core, knownAt, recorded[0]!.recordedAt);
    return { mpanCore: core, effectiveAt, ...axis, snapshot: snapshotOn(state, effectiveAt) };
  }

  /** Every effective-dated period of every item as known at `knownAt`, with the events that opened, closed and corrected it. */
  async timeline(rawCore: string, query: { knownAt?: string } = {}): Promise<MpanTimelineAnswer> {
    const core = this.parse(rawCore);
    const knownAt = query.knownAt === undefined ? this.clock.now() : parseKnownAt('knownAt', query.knownAt);
    const { read, provenance } = await this.provenanceAt(core, knownAt);
    const state = provenance.state;
    const items = Object.fromEntries(
      Object.entries(provenance.periods).map(([name, periods]) => [name, periods.map(timelinePeriod)]),
    ) as MpanTimelineAnswer['items'];
    return {
      mpanCore: core,
      distributorId: state.distributorId,
      mpanEffectiveFromDate: state.effectiveFromDate,
      ...read.axis,
      items,
      pendingAppointments: provenance.pendingAppointments.map((r) => ({ request: r.request, requestedBy: eventRefOf(r.requestedBy) })),
    };
  }

  /**
   * Item by item what differs between the snapshot effective on `fromEffectiveAt` as known at
   * `fromKnownAt` and the one effective on `toEffectiveAt` as known at `toKnownAt` (each default
   * today / now). A side at which the MPAN was not yet created has no items (`known: false`).
   * @throws MpanNotFoundError when the MPAN is known at neither point.
   */
  async diff(
    rawCore: string,
    query: { fromEffectiveAt?: string; fromKnownAt?: string; toEffectiveAt?: string; toKnownAt?: string } = {},
  ): Promise<MpanDiffAnswer> {
    const core = this.parse(rawCore);
    const now = this.clock.now();
    const today = ukSettlementDayOf(now);
    const point = (effective: string | undefined, known: string | undefined, prefix: 'from' | 'to') => ({
      effectiveAt: effective === undefined ? today : parseSettlementDay(`${prefix}EffectiveAt`, effective),
      knownAt: known === undefined ? now : parseKnownAt(`${prefix}KnownAt`, known),
    });
    const from = point(query.fromEffectiveAt, query.fromKnownAt, 'from');
    const to = point(query.toEffectiveAt, query.toKnownAt, 'to');
    const recorded = await this.readAll(core);
    const side = (p: { effectiveAt: string; knownAt: UtcInstant }): { point: DiffPoint; snapshot: MpanSnapshot | null } => {
      const { folded, axis } = splitAt(recorded, p.knownAt);
      const state = foldMpanStream(folded);
      const snapshot = state.status === 'Created' ? snapshotOn(state, p.effectiveAt) : null;
      return { point: { effectiveAt: p.effectiveAt, ...axis, known: snapshot !== null }, snapshot };
    };
    const a = side(from);
    const b = side(to);
    if (a.snapshot === null && b.snapshot === null) {
      throw new MpanNotKnownAtError(core, from.knownAt > to.knownAt ? from.knownAt : to.knownAt, recorded[0]!.recordedAt);
    }
    return { mpanCore: core, from: a.point, to: b.point, changes: diffSnapshots(a.snapshot, b.snapshot) };
  }

  /**
   * For one item on settlement day `date` as known at `knownAt`: the period(s) holding then and the
   * chain of events that made each so (opened, corrected, effective-to date changed; a pending
   * request: requested), each with its metadata and the inbound message found through its
   * `messageKey` (revision 0 of the message's stream).
   */
  async explain(rawCore: string, query: { item: string; date?: string; knownAt?: string }): Promise<MpanExplanation> {
    const core = this.parse(rawCore);
    const item = parseItemName('item', query.item);
    const now = this.clock.now();
    const knownAt = query.knownAt === undefined ? now : parseKnownAt('knownAt', query.knownAt);
    const date = query.date === undefined ? ukSettlementDayOf(now) : parseSettlementDay('date', query.date);
    const { read, provenance } = await this.provenanceAt(core, knownAt);
    const receipts = new Map<string, Promise<MessageReceipt | null>>();
    const receiptOf = (e: RecordedEvent) => {
      const key = stringOrNull(e.metadata.messageKey);
      if (key === null) return Promise.resolve(null);
      if (!receipts.has(key)) receipts.set(key, this.messageReceipt(key));
      return receipts.get(key)!;
    };
    const periods: ExplainedPeriod[] = [];
    if (item === 'pendingAppointments') {
      for (const { request, requestedBy } of provenance.pendingAppointments) {
        const chain = [await step('requested', request.effectiveFromDate, null, request, requestedBy, receiptOf)];
        periods.push({ effectiveFromDate: request.effectiveFromDate, effectiveToDate: null, value: request, chain });
      }
    } else {
      for (const p of provenance.periods[item].filter((x) => holdsOn(x, date))) {
        periods.push({ effectiveFromDate: p.effectiveFromDate, effectiveToDate: p.effectiveToDate, value: p.value, chain: await chainOf(item, p, receiptOf) });
      }
    }
    return { mpanCore: core, item, date, ...read.axis, periods };
  }

  private async provenanceAt(core: MpanCore, knownAt: UtcInstant) {
    const recorded = await this.readAll(core);
    const read = splitAt(recorded, knownAt);
    const events = read.folded
      .filter((e) => e.type !== 'PublicationIssued')
      .map((e) => ({ event: { type: e.type, data: e.data } as unknown as MpanEvent, by: e }));
    const fold = provenanceFold(events);
    const provenance = provenanceOf(fold);
    if (provenance === null || fold.state.status !== 'Created') throw new MpanNotKnownAtError(core, knownAt, recorded[0]!.recordedAt);
    return { read, provenance: { ...provenance, state: fold.state } };
  }

  /** Every record of the MPAN's stream. @throws MpanNotFoundError when it has none. */
  private async readAll(core: MpanCore): Promise<RecordedEvent[]> {
    const recorded = await this.store.readStream(mpanStreamName(core));
    if (recorded.length === 0) throw new MpanNotFoundError(core);
    return recorded;
  }

  /** The receipt of the message with key `<senderDIPID>:<senderUniqueReference>`, or `null` when it has no message stream. */
  private async messageReceipt(messageKey: string): Promise<MessageReceipt | null> {
    const colon = messageKey.indexOf(':');
    if (colon < 0) return null;
    const stream = messageStreamName(messageKey.slice(0, colon), messageKey.slice(colon + 1));
    const [first] = await this.store.readStream(stream, { maxCount: 1 });
    if (!first || first.type !== 'InboundMessageReceived') return null;
    const d = first.data as unknown as InboundMessageReceived['data'];
    return {
      messageStream: stream,
      channelId: d.channelId,
      eventCode: d.eventCode,
      senderDipId: d.senderDipId,
      senderRoleId: d.senderRoleId,
      senderUniqueReference: d.senderUniqueReference,
      correlationId: d.correlationId,
      receivedAt: d.receivedAt,
      recordedAt: first.recordedAt,
      dipMessage: d.message ?? null,
    };
  }

  private parse(rawCore: string): MpanCore {
    const parsed = MpanCore.parse(rawCore, (id) => this.referenceData.distributor(id) !== undefined);
    if (!parsed.ok) throw new InvalidMpanCoreError(parsed.reason);
    return parsed.value;
  }
}

/** The records recorded at or before `knownAt`, and the axis block describing the split. */
function splitAt(recorded: readonly RecordedEvent[], knownAt: UtcInstant): KnownAtRead {
  const limit = Date.parse(knownAt);
  // The longest PREFIX of the stream recorded at or before knownAt: each record was decided on
  // every record before it, so a fold must never skip one. With a clock that only moves forward
  // this is every record at or before knownAt; if the clock was ever set back, a record stamped
  // earlier than one before it is taken only with its predecessors (the same rule as
  // `registry rebuild --known-at`).
  const end = recorded.findIndex((e) => Date.parse(e.recordedAt) > limit);
  const folded = end === -1 ? [...recorded] : recorded.slice(0, end);
  const last = folded[folded.length - 1];
  return {
    folded,
    axis: {
      knownAt,
      lastRevision: last ? last.revision.toString() : null,
      lastPosition: last ? last.position.toString() : null,
      lastRecordedAt: last ? last.recordedAt : null,
      eventsFolded: folded.length,
      laterEventsIgnored: recorded.length - folded.length,
    },
  };
}

/** "Effective on day D": from ≤ D and (to open or D ≤ to) — for a meter, installed on D. */
function holdsOn(p: { effectiveFromDate: string; effectiveToDate: string | null }, date: string): boolean {
  return p.effectiveFromDate <= date && (p.effectiveToDate === null || date <= p.effectiveToDate);
}

function timelinePeriod(p: PeriodProvenance<RecordedEvent>): TimelinePeriod {
  return {
    effectiveFromDate: p.effectiveFromDate,
    effectiveToDate: p.effectiveToDate,
    value: p.value,
    openedBy: eventRefOf(p.openedBy),
    closedBy: p.closedBy && eventRefOf(p.closedBy),
    correctedBy: p.correctedBy.map(eventRefOf),
  };
}

/** The chain of a period: each provenance step with the period's dates after it and the message behind it. */
async function chainOf(
  item: MpanItemName,
  p: PeriodProvenance<RecordedEvent>,
  receiptOf: (e: RecordedEvent) => Promise<MessageReceipt | null>,
): Promise<ExplainStep[]> {
  const chain: ExplainStep[] = [];
  let from = p.effectiveFromDate;
  let to: string | null = null;
  for (const s of p.steps as ProvenanceStep<RecordedEvent>[]) {
    if (s.kind !== 'toDateChanged' && item === 'meters') from = (s.value as { meterInstallationDate: string }).meterInstallationDate;
    if (s.kind === 'opened' || s.kind === 'toDateChanged') to = s.effectiveToDate;
    chain.push(await step(s.kind, from, to, s.kind === 'toDateChanged' ? undefined : s.value, s.by, receiptOf));
  }
  return chain;
}

async function step(
  kind: ExplainStep['step'],
  effectiveFromDate: string,
  effectiveToDate: string | null,
  value: unknown,
  e: RecordedEvent,
  receiptOf: (e: RecordedEvent) => Promise<MessageReceipt | null>,
): Promise<ExplainStep> {
  const m = e.metadata;
  return {
    step: kind,
    effectiveFromDate,
    effectiveToDate,
    ...(value === undefined ? {} : { value }),
    event: {
      ...eventRefOf(e),
      channelId: stringOrNull(m.channelId),
      eventCode: stringOrNull(m.eventCode),
      senderRoleId: stringOrNull(m.senderRoleId),
      receivedAt: stringOrNull(m.receivedAt),
    },
    message: await receiptOf(e),
  };
}
