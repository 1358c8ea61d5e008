import { LocalDate } from '@app/registration-domain';

/**
 * DIP date-times (DT-003 `DateTime`) and the UK settlement day they denote.
 *
 * On the wire every effective-from/to date is a DT-003 value: exactly 25 characters,
 * `YYYY-MM-DDTHH:MM:SS±HH:MM` (e.g. `2025-04-01T00:00:00+01:00`). It denotes an instant; the
 * registry stores the UK settlement day (Europe/London calendar date) containing that instant,
 * converted once, here at the edge (design brief §5).
 */

/** The fields of a DT-003 value, as written (no normalisation). */
export interface DipDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Signed offset from UTC in minutes (`+01:00` → 60, `-05:00` → -300). */
  offsetMinutes: number;
}

const DT003_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/**
 * Years accepted in a DT-003 value. The official schema bounds only the length; we also require
 * a modern year so that the Europe/London rules of the tz database apply (before 1847 London
 * kept local mean time, -00:01:15) and years never need an era.
 */
export const DIP_DATE_TIME_MIN_YEAR = 1900;
export const DIP_DATE_TIME_MAX_YEAR = 9999;

/** The largest UTC offset in use anywhere (+14:00, Line Islands); the smallest is -12:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Why `value` is not a DT-003 date-time, or `null` when it is one: a string of exactly 25
 * characters `YYYY-MM-DDTHH:MM:SS±HH:MM` that names a real calendar date (no 2025-02-30), a real
 * time of day (hours 00–23, minutes and seconds 00–59), an offset within ±14:00 with minutes
 * 00–59, and a year from {@link DIP_DATE_TIME_MIN_YEAR} to {@link DIP_DATE_TIME_MAX_YEAR}.
 * Never throws.
 */
export function dipDateTimeProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a DT-003 date-time string';
  if (value.length !== 25) return `must be exactly 25 characters (YYYY-MM-DDTHH:MM:SS±HH:MM), not ${value.length}`;
  const m = DT003_RE.exec(value);
  if (!m) return 'must have the form YYYY-MM-DDTHH:MM:SS±HH:MM';
  const [year, month, day, hour, minute, second, , offH, offM] = [
    Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7], Number(m[8]), Number(m[9]),
  ] as [number, number, number, number, number, number, string, number, number];
  if (year < DIP_DATE_TIME_MIN_YEAR || year > DIP_DATE_TIME_MAX_YEAR) {
    return `year ${m[1]} is outside ${DIP_DATE_TIME_MIN_YEAR}–${DIP_DATE_TIME_MAX_YEAR}`;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `${m[1]}-${m[2]}-${m[3]} is not a calendar date`;
  }
  if (hour > 23 || minute > 59 || second > 59) return `${m[4]}:${m[5]}:${m[6]} is not a time of day`;
  if (offM > 59 || offH * 60 + offM > MAX_OFFSET_MINUTES) {
    return `offset ${m[7]}${m[8]}:${m[9]} is not a UTC offset (±14:00 at most)`;
  }
  return null;
}

/** True when `value` is a valid DT-003 date-time (see {@link dipDateTimeProblem}). */
export function isDipDateTime(value: unknown): value is string {
  return dipDateTimeProblem(value) === null;
}

/**
 * Splits a DT-003 value into its fields.
 * @throws RangeError when `dateTime` is not a valid DT-003 value ({@link dipDateTimeProblem}).
 */
export function parseDipDateTime(dateTime: string): DipDateTimeParts {
  const problem = dipDateTimeProblem(dateTime);
  if (problem !== null) throw new RangeError(`not a DT-003 date-time ${JSON.stringify(dateTime)}: ${problem}`);
  const m = DT003_RE.exec(dateTime)!;
  const sign = m[7] === '-' ? -1 : 1;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    offsetMinutes: sign * (Number(m[8]) * 60 + Number(m[9])),
  };
}

/**
 * The instant a DT-003 value denotes, in milliseconds since the Unix epoch (UTC).
 * @throws RangeError when `dateTime` is not a valid DT-003 value.
 */
export function dipDateTimeToEpochMillis(dateTime: string): number {
  const p = parseDipDateTime(dateTime);
  const localAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return localAsUtc - p.offsetMinutes * 60_000;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Europe/London wall-clock reading of an instant, from Intl (the definition). */
function intlLondonWallClock(epochMillis: number): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const part of LONDON.formatToParts(new Date(epochMillis))) parts[part.type] = part.value;
  const year = (parts.year ?? '').padStart(4, '0');
  return { date: `${year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

const HOUR_MS = 3_600_000;
/** Most UTC hours whose London offset is remembered; the memo is emptied when full. */
const MAX_REMEMBERED_HOURS = 4096;
/** UTC hour (epoch ms / 1 h) → London's offset from UTC in ms throughout that hour. */
const londonOffsetOfHour = new Map<number, number>();

/**
 * London's offset from UTC (ms) at a whole-second instant, read from Intl: the wall clock read as
 * if it were UTC, minus the instant.
 */
function intlLondonOffsetAt(epochMillis: number): number {
  const { date, time } = intlLondonWallClock(epochMillis);
  return Date.parse(`${date}T${time}Z`) - epochMillis;
}

/**
 * The Europe/London wall-clock reading of an instant: as {@link intlLondonWallClock}, computed from
 * London's UTC offset during the instant's UTC hour, which is looked up once per hour (Intl is the
 * largest cost of mapping a message otherwise). An hour is only remembered when the offset at its
 * first and last whole second agree — clock changes happen on whole UTC hours, but this is checked,
 * not assumed; any other instant (a year outside 1000–9999, fractional seconds) is read from Intl.
 */
function londonWallClock(epochMillis: number): { date: string; time: string } {
  if (!Number.isInteger(epochMillis / 1000)) return intlLondonWallClock(epochMillis);
  const hour = Math.floor(epochMillis / HOUR_MS);
  let offset = londonOffsetOfHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const atStart = intlLondonOffsetAt(start);
    if (Number.isNaN(atStart) || atStart !== intlLondonOffsetAt(start + HOUR_MS - 1000)) return intlLondonWallClock(epochMillis);
    if (londonOffsetOfHour.size >= MAX_REMEMBERED_HOURS) londonOffsetOfHour.clear();
    londonOffsetOfHour.set(hour, atStart);
    offset = atStart;
  }
  const wall = new Date(epochMillis + offset);
  const year = wall.getUTCFullYear();
  if (year < 1000 || year > 9999) return intlLondonWallClock(epochMillis);
  return {
    date: `${year}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
    time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}`,
  };
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The UK settlement day of a DT-003 date-time: the Europe/London calendar date of the instant it
 * denotes, whatever offset it was written with (design brief §5, ADR 0003).
 *
 * `2025-04-01T00:00:00+01:00` → `2025-04-01`; `2025-03-31T23:00:00+00:00` → `2025-04-01` (BST);
 * `2025-01-01T00:00:00+01:00` → `2024-12-31` (GMT); `2025-06-30T23:30:00-05:00` → `2025-07-01`.
 *
 * @param dateTime a DT-003 value (an instant with offset).
 * @returns a {@link LocalDate} `YYYY-MM-DD` (a date, not an instant).
 * @throws RangeError when `dateTime` is not a valid DT-003 value; messages that passed
 *   `validateDipMessage` never are.
 */
export function settlementDayOf(dateTime: string): LocalDate {
  return londonWallClock(dipDateTimeToEpochMillis(dateTime)).date as LocalDate;
}

/**
 * True when the DT-003 value denotes 00:00:00 UK local time (GMT in winter, BST in summer), the
 * start of a settlement day: `2025-04-01T00:00:00+01:00` and `2025-03-31T23:00:00+00:00` are;
 * `2025-04-01T00:00:00+00:00` is not (01:00 BST). Rules such as REG1032 need this.
 * @throws RangeError when `dateTime` is not a valid DT-003 value.
 */
export function isUkLocalMidnight(dateTime: string): boolean {
  return londonWallClock(dipDateTimeToEpochMillis(dateTime)).time === '00:00:00';
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
