import { dipDateTimeProblem, isDipDateTime, isUkLocalMidnight, parseDipDateTime, settlementDayOf } from './settlement-day';

describe('settlementDayOf (DT-003 date-time → Europe/London calendar day)', () => {
  it.each([
    ['2025-04-01T00:00:00+01:00', '2025-04-01'],
    ['2025-03-31T23:00:00+00:00', '2025-04-01'], // BST: 23:00 UTC is 00:00 local
    ['2025-01-01T00:00:00+01:00', '2024-12-31'], // GMT: 23:00 UTC is still the 31st
    ['2025-06-30T23:30:00-05:00', '2025-07-01'],
    ['2025-01-15T12:00:00+00:00', '2025-01-15'],
    ['2025-12-31T23:59:59+00:00', '2025-12-31'],
    ['2024-02-29T00:00:00+00:00', '2024-02-29'],
    ['2025-04-01T05:00:00+14:00', '2025-03-31'],
  ])('%s → %s', (dateTime, day) => {
    expect(settlementDayOf(dateTime)).toBe(day);
  });

  describe('spring-forward day 2025-03-30 (clocks 01:00 GMT → 02:00 BST)', () => {
    it.each([
      ['2025-03-30T00:00:00+00:00', '2025-03-30'], // local midnight, still GMT
      ['2025-03-29T23:59:59+00:00', '2025-03-29'],
      ['2025-03-30T00:59:59+00:00', '2025-03-30'],
      ['2025-03-30T01:00:00+00:00', '2025-03-30'], // 02:00 BST
      ['2025-03-30T22:59:59+00:00', '2025-03-30'], // 23:59:59 BST
      ['2025-03-30T23:00:00+00:00', '2025-03-31'], // 00:00 BST on the 31st
      ['2025-03-31T00:00:00+01:00', '2025-03-31'],
    ])('%s → %s', (dateTime, day) => {
      expect(settlementDayOf(dateTime)).toBe(day);
    });
  });

  describe('fall-back day 2025-10-26 (clocks 02:00 BST → 01:00 GMT)', () => {
    it.each([
      ['2025-10-25T23:00:00+00:00', '2025-10-26'], // 00:00 BST
      ['2025-10-26T00:00:00+01:00', '2025-10-26'],
      ['2025-10-25T22:59:59+00:00', '2025-10-25'],
      ['2025-10-26T00:30:00+00:00', '2025-10-26'], // 01:30 BST (first pass)
      ['2025-10-26T01:30:00+00:00', '2025-10-26'], // 01:30 GMT (second pass)
      ['2025-10-26T23:59:59+00:00', '2025-10-26'],
      ['2025-10-27T00:00:00+00:00', '2025-10-27'],
    ])('%s → %s', (dateTime, day) => {
      expect(settlementDayOf(dateTime)).toBe(day);
    });
  });

  it('throws RangeError on a value that is not DT-003', () => {
    expect(() => settlementDayOf('2025-04-01')).toThrow(RangeError);
    expect(() => settlementDayOf('2025-02-30T00:00:00+00:00')).toThrow(RangeError);
  });
});

describe('isUkLocalMidnight', () => {
  it.each([
    ['2025-04-01T00:00:00+01:00', true],
    ['2025-03-31T23:00:00+00:00', true],
    ['2025-04-01T00:00:00+00:00', false], // 01:00 BST
    ['2025-01-01T00:00:00+00:00', true],
    ['2025-01-01T00:00:00+01:00', false], // 23:00 GMT on the 31st
    ['2025-03-30T00:00:00+00:00', true], // spring-forward day starts in GMT
    ['2025-03-31T00:00:00+01:00', true],
    ['2025-10-26T00:00:00+01:00', true], // fall-back day starts in BST
    ['2025-10-27T00:00:00+00:00', true],
    ['2025-10-26T00:00:00+00:00', false], // 01:00 BST
    ['2025-06-01T00:00:01+01:00', false],
  ])('%s → %s', (dateTime, midnight) => {
    expect(isUkLocalMidnight(dateTime)).toBe(midnight);
  });
});

describe('settlementDayOf and isUkLocalMidnight agree with Intl (the per-hour offset memo changes nothing)', () => {
  const london = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  /** The definition: Intl's Europe/London reading of the instant. */
  const reference = (epochMillis: number): { day: string; midnight: boolean } => {
    const p = Object.fromEntries(london.formatToParts(new Date(epochMillis)).map((x) => [x.type, x.value]));
    return { day: `${p.year!.padStart(4, '0')}-${p.month}-${p.day}`, midnight: `${p.hour}:${p.minute}:${p.second}` === '00:00:00' };
  };
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  /** The DT-003 value of an instant written with `offsetMinutes`. */
  const dt003 = (epochMillis: number, offsetMinutes: number): string => {
    const w = new Date(epochMillis + offsetMinutes * 60_000);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
  const check = (instants: number[]): string[] => {
    const wrong: string[] = [];
    instants.forEach((t, i) => {
      const value = dt003(t, [0, 60, -300, 840, -720, 330][i % 6]!);
      const expected = reference(t);
      if (settlementDayOf(value) !== expected.day || isUkLocalMidnight(value) !== expected.midnight) wrong.push(value);
    });
    return wrong;
  };

  it('around UK midnights and clock changes of 1900–2100 (March–April, October–November), and through 1941, 1947, 1968 and 1971', () => {
    const instants: number[] = [];
    for (let year = 1900; year <= 2100; year++) {
      for (const month of [2, 3, 9, 10]) {
        for (let day = 1; day <= 30; day += year % 10 === 0 ? 1 : 4) {
          for (const hour of [-1, 0, 1, 2, 23]) {
            const base = Date.UTC(year, month, day, hour);
            instants.push(base - 1000, base, base + 1_799_000);
          }
        }
      }
    }
    for (const year of [1941, 1947, 1968, 1971]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3_600_000) instants.push(t, t - 1000);
    }
    expect(instants.length).toBeGreaterThan(80_000);
    expect(check(instants)).toEqual([]);
  });

  it('at random whole-second instants of 1900–2100 (seeded), written with various offsets', () => {
    let state = 12345;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
    const from = Date.UTC(1900, 0, 2);
    const span = Date.UTC(2100, 0, 1) - from;
    const instants = Array.from({ length: 20_000 }, () => from + Math.floor((next() * span) / 1000) * 1000);
    expect(check(instants)).toEqual([]);
  });
});

describe('dipDateTimeProblem (DT-003 shape and calendar)', () => {
  it.each([
    '2025-04-01T00:00:00+01:00',
    '2025-04-01T23:59:59-12:00',
    '2024-02-29T00:00:00+00:00',
    '2025-04-01T00:00:00+14:00',
    '2025-04-01T00:00:00-00:00',
    '2025-04-01T00:00:00+05:45',
  ])('accepts %s', (value) => {
    expect(dipDateTimeProblem(value)).toBeNull();
    expect(isDipDateTime(value)).toBe(true);
  });

  it.each([
    ['2025-02-30T00:00:00+00:00', /not a calendar date/],
    ['2025-02-29T00:00:00+00:00', /not a calendar date/],
    ['2025-13-01T00:00:00+00:00', /not a calendar date/],
    ['2025-04-00T00:00:00+00:00', /not a calendar date/],
    ['2025-04-31T00:00:00+00:00', /not a calendar date/],
    ['2025-04-01T24:00:00+00:00', /not a time of day/],
    ['2025-04-01T12:60:00+00:00', /not a time of day/],
    ['2025-04-01T12:00:60+00:00', /not a time of day/],
    ['2025-04-01T00:00:00+25:00', /not a UTC offset/],
    ['2025-04-01T00:00:00+14:30', /not a UTC offset/],
    ['2025-04-01T00:00:00+01:60', /not a UTC offset/],
    ['2025-04-01T00:00:00Z', /exactly 25 characters/],
    ['2025-04-01T00:00:00.000+01:00', /exactly 25 characters/],
    ['2025-04-01', /exactly 25 characters/],
    ['2025-04-01 00:00:00+01:00', /YYYY-MM-DDTHH:MM:SS±HH:MM/],
    ['2025-04-01T00:00:00+0100 ', /YYYY-MM-DDTHH:MM:SS±HH:MM/],
    ['１０２５-04-01T00:00:00+01:00', /YYYY-MM-DDTHH:MM:SS±HH:MM/],
    ['1899-12-31T00:00:00+00:00', /year 1899/],
  ])('rejects %s', (value, why) => {
    expect(dipDateTimeProblem(value)).toMatch(why);
  });

  it.each([null, undefined, 20250401, {}, []])('rejects the non-string %p', (value) => {
    expect(dipDateTimeProblem(value)).toBe('must be a DT-003 date-time string');
  });

  it('parses the fields and the signed offset', () => {
    expect(parseDipDateTime('2025-06-30T23:30:00-05:30')).toEqual({
      year: 2025, month: 6, day: 30, hour: 23, minute: 30, second: 0, offsetMinutes: -330,
    });
  });
});
