import { FixedClock, ukSettlementDayOf } from './clock';

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
