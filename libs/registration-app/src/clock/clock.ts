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

/** A clock pinned to an instant (tests, replays); `set` moves it. */
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

/** The UK settlement day (Europe/London calendar date) containing a UTC instant. */
export function ukSettlementDayOf(instant: UtcInstant | string): LocalDate {
  return londonDay.format(new Date(instant)) as LocalDate;
}
