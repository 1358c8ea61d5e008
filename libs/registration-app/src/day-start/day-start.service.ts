import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@app/event-store';
import {
  activationsOn,
  addDays,
  CreatedMpanState,
  dayStartDueDates,
  lapsesOn,
  LocalDate,
  MPAN_STREAM_PREFIX,
  MpanCore,
  mpanCoreOfStream,
  mpanStreamName,
  ReferenceData,
  RunDayStart,
  SERVICE_TYPES,
} from '@app/registration-domain';
import { Clock, CLOCK, ukSettlementDayOf } from '../clock/clock';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { CommandLoopResult } from '../command-loop/handle-command';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';
import { ProcessRegistrationCommand } from '../registration/process-registration.command';
import { MPAN_STATE_CACHE, MpanStateCache } from '../registration/mpan-stream';
import { REGISTRATION_EVENT_SCHEMA_VERSION } from '../registration/process-registration.handler';

/** The stream recording each completed day-start run (its checkpoint). */
export const DAY_START_STREAM = 'day-start';

/** Event types whose MPANs may have day-start work (activation, de-appointment, lapse, reminder). */
const WORK_EVENT_TYPES = new Set([
  'ServiceAppointmentRequested',
  'ServiceAppointmentAccepted',
  'SupplierRegistered',
  // A segment change makes appointments incompatible: IF-045 reminders are due until re-appointment.
  'MarketSegmentChanged',
]);

/** A completed day-start run of one settlement day (the `day-start` stream's events). */
export interface DayStartCompleted {
  type: 'DayStartCompleted';
  data: {
    /** The last settlement day completed: the last day this run covered (a re-run of an earlier day keeps the later one). */
    settlementDate: string;
    /**
     * The first settlement day this run covered (the day after the previous run's), or `null` for a
     * run `sinceBeginning` (every MPAN from its first due day, after a replay).
     */
    fromDate: string | null;
    /** UTC instant the run finished. */
    completedAt: string;
    mpansExamined: number;
    mpansChanged: number;
    eventsAppended: number;
    /** Global log position up to which MPAN events were scanned for new work (decimal string). */
    scannedToPosition: string;
    /** MPANs that still have work on a later day (pending or future-dated appointments, supply starts). */
    openMpanCores: string[];
  };
}

/** Day-start was asked to run a day that has not come yet (400 over HTTP). */
export class DayStartInFutureError extends Error {
  constructor(readonly through: string, readonly today: string) {
    super(`day-start cannot run through ${through}: today is ${today}, and announcing a day before it comes is not allowed`);
    this.name = 'DayStartInFutureError';
  }
}

/** Summary of one or more days run. */
export interface DayStartReport {
  /** First settlement day covered (`YYYY-MM-DD`), or `null` for a run `sinceBeginning` (from each MPAN's first due day). */
  fromDate: string | null;
  /** Last settlement day covered (`YYYY-MM-DD`). */
  through: string;
  mpansExamined: number;
  mpansChanged: number;
  eventsAppended: number;
  /**
   * Present only when nothing was run because `through` is before the last completed day: that
   * day (`YYYY-MM-DD`). Its days were run already; the counts are 0 and no checkpoint was recorded.
   */
  alreadyRunThrough?: string;
}

/**
 * The clock-driven day-start process (issue #3): for each settlement day, activates the
 * appointments whose effective-from date has come (IF-036), de-appoints the outgoing providers
 * (IF-037) and lapses requests nobody answered in time (IF-035), through the same command loop as
 * every message (`RunDayStart` per MPAN, which is idempotent: a day run twice changes nothing).
 *
 * It catches up: a run "through" day D covers every day after the last completed one; each MPAN
 * with work gets `RunDayStart` on each of its due days in order (`dayStartDueDates`), so an
 * activation still carries its own date after downtime. Finding the MPANs with work scans only the
 * part of the global log written since the last run (checkpoint: the `day-start` stream) plus the
 * MPANs left open by that run. Queries never depend on it: the state effective on a date is
 * derivable from each MPAN's stream.
 */
@Injectable()
export class DayStartService {
  private readonly logger = new Logger('DayStart');
  private running: { through: string; report: Promise<DayStartReport> } | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    private readonly commandBus: CommandBus,
    @Inject(MPAN_STATE_CACHE) private readonly cache: MpanStateCache,
  ) {}

  /** The last settlement day completed, or `null` if day-start never ran. */
  async lastCompletedDay(): Promise<string | null> {
    return (await this.checkpoint())?.settlementDate ?? null;
  }

  /**
   * Runs every day after the last completed one up to `through` (default: today, UK). With no
   * earlier run, runs `through` only — or, with `sinceBeginning`, every due day of every MPAN with
   * work (after a replay of historical traffic). Running the last completed day again examines the
   * MPANs written since (idempotent: what was done is not done twice). A day before the last
   * completed one is not run at all: the report says so (`alreadyRunThrough`, counts 0) and nothing,
   * not even the checkpoint, is written. A call for the same day as the run in progress shares it; a call for another day runs
   * after it.
   * @throws DayStartInFutureError when `through` is after today (UK): announcing early is wrong.
   */
  runThrough(
    through?: LocalDate,
    options: { sinceBeginning?: boolean; beforeDay?: (day: LocalDate) => void } = {},
  ): Promise<DayStartReport> {
    const today = ukSettlementDayOf(this.clock.now());
    const day = through ?? today;
    if (day > today) return Promise.reject(new DayStartInFutureError(day, today));
    if (this.running && this.running.through === day) return this.running.report;
    const before = this.running?.report.catch(() => undefined) ?? Promise.resolve();
    const report = before.then(() => this.doRunThrough(day, options));
    const entry = { through: day, report };
    this.running = entry;
    void report.finally(() => {
      if (this.running === entry) this.running = null;
    }).catch(() => undefined);
    return report;
  }

  private async doRunThrough(
    through: LocalDate,
    options: { sinceBeginning?: boolean; beforeDay?: (day: LocalDate) => void },
  ): Promise<DayStartReport> {
    const previous = await this.checkpoint();
    if (!options.sinceBeginning && previous && through < previous.settlementDate) {
      // Its days were run already. Running it again would only scan the log written since the last
      // run for `through` alone, and the MPANs found would then miss the days after it.
      this.logger.log(`day-start through ${through}: nothing to do, the days through ${previous.settlementDate} were run already`);
      return { fromDate: null, through, mpansExamined: 0, mpansChanged: 0, eventsAppended: 0, alreadyRunThrough: previous.settlementDate };
    }
    // Days after the last completed one; with no earlier run, `through` alone.
    const after = options.sinceBeginning
      ? ''
      : previous && previous.settlementDate < through
        ? previous.settlementDate
        : addDays(through, -1);
    const candidates = new Set(previous?.openMpanCores ?? []);
    let scanned = previous ? BigInt(previous.scannedToPosition) : 0n;
    for (;;) {
      const page = await this.store.readAll({ after: scanned, maxCount: 1000, streamPrefix: MPAN_STREAM_PREFIX });
      if (page.length === 0) break;
      for (const e of page) if (WORK_EVENT_TYPES.has(e.type)) candidates.add(mpanCoreOfStream(e.streamName));
      scanned = page[page.length - 1]!.position;
    }

    let changed = 0;
    let appended = 0;
    const open: string[] = [];
    for (const core of [...candidates].sort()) {
      const result = await this.catchUp(core as MpanCore, after, through, { beforeDay: options.beforeDay });
      if (result.eventsAppended > 0) {
        changed++;
        appended += result.eventsAppended;
      }
      if (result.laterWork) open.push(core);
    }
    const data: DayStartCompleted['data'] = {
      // A run `sinceBeginning` through a day before the last completed one keeps the later day.
      settlementDate: previous && previous.settlementDate > through ? previous.settlementDate : through,
      fromDate: after === '' ? null : addDays(after as LocalDate, 1),
      completedAt: this.clock.now(),
      mpansExamined: candidates.size,
      mpansChanged: changed,
      eventsAppended: appended,
      scannedToPosition: scanned.toString(),
      openMpanCores: open,
    };
    await this.recordCheckpoint(data);
    this.logger.log(`day-start ${data.fromDate}..${through}: ${candidates.size} MPANs examined, ${changed} changed, ${appended} events`);
    return { fromDate: data.fromDate, through, mpansExamined: candidates.size, mpansChanged: changed, eventsAppended: appended };
  }

  /**
   * Brings one MPAN's day-start up to date: runs `RunDayStart` on each day in (`after`, `through`]
   * that has work for it (`dayStartDueDates`), in order, so each activation, de-appointment and lapse
   * gets its own date even after a long gap. `beforeDay` lets a replay move its clock to each day.
   * @returns how many events were appended, and whether work remains for a later day.
   */
  async catchUp(
    core: MpanCore,
    after: string,
    through: LocalDate,
    hooks: { beforeDay?: (day: LocalDate) => void } = {},
  ): Promise<{ eventsAppended: number; laterWork: boolean }> {
    let appended = 0;
    let state = await this.stateOf(core);
    if (state === null) return { eventsAppended: 0, laterWork: false };
    const days = dayStartDueDates(state, after, through, this.config.appointmentLapseDays);
    // Work dated on or before `after` but recorded after that day's run (e.g. a change of supplier
    // registered on its supply start date once day-start had run) has no due day left in the
    // window: do it on the window's first day, or it would never be announced.
    const first = after === '' ? null : addDays(after as LocalDate, 1);
    if (first !== null && first <= through && days[0] !== first && this.overdue(state, after as LocalDate)) days.unshift(first);
    for (const day of days) {
      hooks.beforeDay?.(day);
      const result = await this.runMpan(core, day);
      if (result.kind === 'appended') appended += result.eventTypes.length;
    }
    if (appended > 0) state = (await this.stateOf(core))!;
    const laterWork =
      dayStartDueDates(state, through, '9999-12-31', this.config.appointmentLapseDays).length > 0 || this.overdue(state, through);
    return { eventsAppended: appended, laterWork };
  }

  /** Whether day-start of `day` would still announce something (activation, de-appointment, lapse) for this MPAN. */
  private overdue(state: CreatedMpanState, day: LocalDate): boolean {
    return (
      SERVICE_TYPES.some((t) => activationsOn(state, t, day).length > 0) ||
      lapsesOn(state, day, this.config.appointmentLapseDays).length > 0
    );
  }

  /**
   * Runs `RunDayStart` for one MPAN and day through the command handler (the same loop as messages).
   * Each run has its own key (day and instant): idempotency comes from the domain — what was
   * announced is in the state — so a second run of a day still does work recorded after the first.
   */
  runMpan(core: MpanCore, day: LocalDate): Promise<CommandLoopResult> {
    const now = this.clock.now();
    const reference = `day-start-${day}@${now}`;
    const command: RunDayStart = {
      type: 'RunDayStart',
      mpanCore: core,
      context: {
        senderDipId: this.config.registryDipId,
        senderRoleId: 'REGS',
        senderUniqueReference: reference,
        messageKey: `${this.config.registryDipId}:${reference}`,
        // The registry speaks for the MPAN's own distributor (M0.distributorDIPID of its messages).
        distributorDipId: this.referenceData.distributor(MpanCore.distributorId(core))?.ldsoDipId ?? '',
      },
      data: { settlementDate: day, lapseAfterDays: this.config.appointmentLapseDays },
    };
    return this.commandBus.execute(
      new ProcessRegistrationCommand(command, {
        messageKey: command.context.messageKey,
        bodyHash: reference,
        channelId: 'REGS-DAY-START',
        eventCode: '[DayStart]',
        senderDipId: this.config.registryDipId,
        senderRoleId: 'REGS',
        correlationId: `CI-DAYSTART-${day.replace(/-/g, '')}`,
        receivedAt: now,
      }),
    );
  }

  /** The MPAN's state as its stream holds it now (through the folded-state cache: the same as a full fold). */
  private async stateOf(core: string): Promise<CreatedMpanState | null> {
    const { state } = await this.cache.load(this.store, mpanStreamName(core as MpanCore));
    return state.status === 'Created' ? state : null;
  }

  private async checkpoint(): Promise<DayStartCompleted['data'] | null> {
    const revision = await this.store.streamRevision(DAY_START_STREAM);
    if (revision === 'no_stream') return null;
    const [last] = await this.store.readStream(DAY_START_STREAM, { fromRevision: revision, maxCount: 1 });
    return (last?.data as unknown as DayStartCompleted['data']) ?? null;
  }

  private async recordCheckpoint(data: DayStartCompleted['data']): Promise<void> {
    const expected = await this.store.streamRevision(DAY_START_STREAM);
    try {
      await this.store.appendToStream(DAY_START_STREAM, expected, [
        {
          type: 'DayStartCompleted',
          data: data as unknown as Record<string, unknown>,
          metadata: {
            schemaVersion: REGISTRATION_EVENT_SCHEMA_VERSION,
            eventId: `day-start-${data.settlementDate}-${data.completedAt}`,
            correlationId: `CI-DAYSTART-${data.settlementDate.replace(/-/g, '')}`,
            causationId: `day-start-${data.settlementDate}`,
          },
        },
      ]);
    } catch (error) {
      // Another process completed a run at the same time; its checkpoint stands, ours adds nothing.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
