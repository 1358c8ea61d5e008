import { FixedClock, ukMidnightOf, ukSettlementDayOf } from './clock';

describe('ukSettlementDayOf', () => {
  it.each([
    ['2025-06-30T22:59:59.000Z', '2025-06-30'], // 23:59:59 BST
    ['2025-06-30T23:00:00.000Z', '2025-07-01'], // midnight BST
    ['2025-12-31T23:59:59.000Z', '2025-12-31'], // GMT
    ['2025-03-30T00:30:00.000Z', '2025-03-30'], // spring-forward day, before the change
    ['2025-10-25T23:30:00.000Z', '2025-10-26'], // autumn-back day, still BST
  ])('%s is on settlement day %s', (instant, day) => {
    expect(ukSettlementDayOf(instant)).toBe(day);
  });

  /** The definition: the Europe/London calendar date of the instant, straight from Intl. */
  const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

  it('agrees with Intl on every 17 minutes 37 seconds of 2024–2026 (clock changes included), looked up in order as the intake does', () => {
    const end = Date.parse('2027-01-01T00:00:00Z');
    const wrong: string[] = [];
    let count = 0;
    for (let t = Date.parse('2024-01-01T00:00:00.123Z'); t < end; t += 1_057_000) {
      const instant = new Date(t).toISOString();
      if (ukSettlementDayOf(instant) !== londonDate.format(new Date(t))) wrong.push(instant);
      count++;
    }
    expect(count).toBeGreaterThan(89_000);
    expect(wrong).toEqual([]);
  });

  it('agrees with Intl on instants around every UK midnight and clock change of 1970–2100, in any order', () => {
    const instants: number[] = [];
    for (let year = 1970; year <= 2100; year++) {
      for (const month of [0, 2, 3, 5, 9, 10]) {
        for (let day = 24; day <= 31; day++) {
          for (const hour of [-1, 0, 1, 2, 22, 23]) {
            const base = Date.UTC(year, month, day, hour);
            instants.push(base - 1, base, base + 1, base + 1_799_999);
          }
        }
      }
    }
    const wrong: string[] = [];
    for (let i = 0; i < instants.length; i++) {
      // Alternate between far-apart instants and the next one, so both the memo's hits and misses run.
      const t = i % 2 === 0 ? instants[i]! : instants[instants.length - i]!;
      const instant = new Date(t).toISOString();
      if (ukSettlementDayOf(instant) !== londonDate.format(new Date(t))) wrong.push(instant);
    }
    expect(wrong).toEqual([]);
  });

  it('still throws RangeError for an unparseable instant, also right after a remembered one', () => {
    expect(ukSettlementDayOf('2025-06-30T12:00:00.000Z')).toBe('2025-06-30');
    expect(() => ukSettlementDayOf('not a date')).toThrow(RangeError);
    expect(() => ukSettlementDayOf('')).toThrow(RangeError);
  });
});

describe('FixedClock', () => {
  it('returns the pinned instant in UTC and can be moved', () => {
    const clock = new FixedClock('2025-04-01T10:00:00+01:00');
    expect(clock.now()).toBe('2025-04-01T09:00:00.000Z');
    clock.set('2025-04-02T00:00:00Z');
    expect(clock.now()).toBe('2025-04-02T00:00:00.000Z');
  });
});

describe('ukMidnightOf', () => {
  it.each([
    ['2025-01-15', '2025-01-15T00:00:00.000Z'],
    ['2025-07-14', '2025-07-13T23:00:00.000Z'],
    ['2025-03-30', '2025-03-30T00:00:00.000Z'], // clocks go forward at 01:00 UTC, midnight is still GMT
    ['2025-03-31', '2025-03-30T23:00:00.000Z'],
    ['2025-10-26', '2025-10-25T23:00:00.000Z'], // clocks go back at 01:00 UTC, midnight is still BST
    ['2025-10-27', '2025-10-27T00:00:00.000Z'],
  ])('UK midnight of %s is %s, and falls on that settlement day', (day, instant) => {
    expect(ukMidnightOf(day)).toBe(instant);
    expect(ukSettlementDayOf(instant)).toBe(day);
  });
});
