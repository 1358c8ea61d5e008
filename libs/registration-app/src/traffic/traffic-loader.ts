import { Inject, Injectable } from '@nestjs/common';
import { MpanCore, ReferenceData } from '@app/registration-domain';
import { Clock, CLOCK, FixedClock, ukMidnightOf, ukSettlementDayOf } from '../clock/clock';
import { DayStartService } from '../day-start/day-start.service';
import { IntakeService, MessageResult } from '../intake/intake.service';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';

/** One line of a traffic file: a DIP message and the channel it is sent on. */
export interface TrafficInput {
  channel: string;
  message: unknown;
}

/**
 * Feeds recorded or generated traffic through the intake — the same command handlers as the HTTP
 * API — one message at a time.
 *
 * With `replayClock`, the registry's clock is set to each message's `S1.senderTimestamp` before it
 * is processed, and the day-start process is brought up to that day for the message's MPAN first,
 * so a history spread over months replays as it happened: appointments activate on their dates,
 * unanswered requests lapse, and rules about "today" (REG1034, REG1099) judge each message at its
 * own time. With `notAfter` (the CLI passes the real present) the clock never goes past it: a
 * message stamped later is judged at `notAfter`. This needs the application to run on a
 * {@link FixedClock}; within one MPAN the messages must be in time order (they are, from
 * `registry generate`).
 */
@Injectable()
export class TrafficLoader {
  /** The latest senderTimestamp replayed (UTC ISO), where the replay ends. */
  private latest: string | null = null;
  /** Per MPAN, the settlement day its day-start was last caught up to (so each due day runs once). */
  private readonly caughtUp = new Map<string, string>();

  constructor(
    private readonly intake: IntakeService,
    private readonly dayStart: DayStartService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  /**
   * Processes one traffic line. A message with no usable `S1.senderTimestamp` is processed at the
   * clock's current instant (its schema failure, if any, says why).
   * @throws Error when `replayClock` is asked for but the application clock is not a FixedClock;
   *   RangeError when `notAfter` is not a parseable instant.
   */
  async load(input: TrafficInput, options: ReplayOptions): Promise<MessageResult> {
    if (options.replayClock) await this.advanceTo(input.message, options.notAfter);
    const [result] = await this.intake.submit(input.channel, [input.message]);
    return result!;
  }

  /**
   * After a replay: runs day-start for every MPAN with work up to the day of the last message, so
   * appointments due after an MPAN's last message are activated on their own dates too. Does
   * nothing without `replayClock`, before any timestamped message, or off a FixedClock.
   */
  async finish(options: ReplayOptions): Promise<void> {
    if (!options.replayClock || this.latest === null || !(this.clock instanceof FixedClock)) return;
    const clock = this.clock;
    if (options.notAfter !== undefined) this.latest = minInstant(this.latest, new Date(options.notAfter).toISOString());
    clock.set(this.latest);
    await this.dayStart.runThrough(ukSettlementDayOf(this.latest), { sinceBeginning: true, beforeDay: (day) => clock.set(ukMidnightOf(day)) });
    clock.set(this.latest);
  }

  private async advanceTo(message: unknown, notAfter: string | undefined): Promise<void> {
    if (!(this.clock instanceof FixedClock)) throw new Error('replaying sender time needs the registry to run on a FixedClock');
    const common = (message as { payload?: { CommonBlock?: { S1?: { senderTimestamp?: unknown }; M0?: { MPANCore?: unknown } } } })
      ?.payload?.CommonBlock;
    const sent = common?.S1?.senderTimestamp;
    if (typeof sent !== 'string' || Number.isNaN(Date.parse(sent))) return; // a schema failure will say why
    const clock = this.clock;
    // Never past `notAfter` (the CLI passes the real present): a message stamped later is judged
    // then, and day-start never announces a day that has not come.
    const stamped = new Date(sent).toISOString();
    const at = notAfter === undefined ? stamped : minInstant(stamped, new Date(notAfter).toISOString());
    if (this.latest === null || at > this.latest) this.latest = at;
    const core = MpanCore.parse(String(common?.M0?.MPANCore), (id) => this.referenceData.distributor(id) !== undefined);
    // Every day-start due for this MPAN up to the message's day, each at its own UK midnight.
    if (core.ok) {
      const day = ukSettlementDayOf(at);
      const after = this.caughtUp.get(core.value) ?? '';
      if (after < day) {
        await this.dayStart.catchUp(core.value, after, day, { beforeDay: (d) => clock.set(ukMidnightOf(d)) });
        // Up to the day before: work that this message's own day brings is caught up with the next message.
        this.caughtUp.set(core.value, ukSettlementDayOf(new Date(Date.parse(ukMidnightOf(day)) - 1).toISOString()));
      }
    }
    clock.set(at);
  }
}

/** How to load: `replayClock` follows each message's senderTimestamp, capped at `notAfter` (a UTC instant) if given. */
export interface ReplayOptions {
  replayClock: boolean;
  notAfter?: string;
}

/** The earlier of two UTC ISO instants. */
function minInstant(a: string, b: string): string {
  return a < b ? a : b;
}
