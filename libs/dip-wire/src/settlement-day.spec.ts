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
