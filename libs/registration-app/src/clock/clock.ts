import { LocalDate, UtcInstant } from '@app/registration-domain';

/** Source of the current instant. The domain never reads the clock; handlers pass `now` in as data. */
export interface Clock {
  /** The current UTC instant. */
  now(): UtcInstant;
}

/** Injection token for the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The machine clock. */
export class SystemClock implements Clock {
  now(): UtcInstant {
    return new Date().toISOString() as UtcInstant;
  }
}

/**
 * A clock pinned to an instant (tests, replays); `set` moves it. `now()` throws RangeError if the
 * instant it holds is not a parseable date-time.
 */
export class FixedClock implements Clock {
  constructor(private instant: string) {}
  now(): UtcInstant {
    return new Date(this.instant).toISOString() as UtcInstant;
  }
  /** Moves the clock to `instant` (ISO 8601). */
  set(instant: string): void {
    this.instant = instant;
  }
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The UK settlement day (Europe/London calendar date, `YYYY-MM-DD`) containing a UTC instant.
 * @throws RangeError when `instant` is not a parseable date-time.
 */
export function ukSettlementDayOf(instant: UtcInstant | string): LocalDate {
  const millis = new Date(instant).getTime();
  const hour = Math.floor(millis / HOUR_MS);
  if (hour === lastHour.hour) return lastHour.day;
  const day = londonDay.format(new Date(millis)) as LocalDate;
  // Every message of an hour asks for the same day: remember it when the whole UTC hour lies in
  // that day (UK days and clock changes start on whole UTC hours, but this is checked, not assumed).
  const start = hour * HOUR_MS;
  if (londonDay.format(new Date(start)) === day && londonDay.format(new Date(start + HOUR_MS - 1)) === day) {
    lastHour = { hour, day };
  }
  return day;
}

const HOUR_MS = 3_600_000;
/** The UTC hour (ms since the epoch / 1 h) last looked up by {@link ukSettlementDayOf}, all in `day`. */
let lastHour: { hour: number; day: LocalDate } = { hour: NaN, day: '' as LocalDate };

/**
 * The UTC instant of 00:00 UK local time on settlement day `day` (23:00Z the day before in BST).
 * Midnight is never inside a clock change in Europe/London (changes happen at 01:00 UTC).
 * @throws RangeError when `day` is not a `YYYY-MM-DD` calendar date.
 */
export function ukMidnightOf(day: LocalDate | string): UtcInstant {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // UK midnight is 00:00Z in GMT and 23:00Z the evening before in BST: take the one London calls 00:00 of `day`.
  for (const offsetHours of [1, 0]) {
    const instant = new Date(utcMidnight - offsetHours * 3_600_000);
    if (ukSettlementDayOf(instant.toISOString()) === day && londonHour.format(instant) === '00') {
      return instant.toISOString() as UtcInstant;
    }
  }
  throw new RangeError(`not a settlement day: ${JSON.stringify(day)}`);
}

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });
