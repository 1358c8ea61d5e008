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
