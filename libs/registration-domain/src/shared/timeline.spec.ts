import { entryOn, lastEntry, periodOn, periodsOf, setFrom, Timeline, valueOn } from './timeline';

const t: Timeline<string> = [
  { effectiveFromDate: '2025-01-01', value: 'a' },
  { effectiveFromDate: '2025-03-01', value: 'b' },
];

describe('Timeline: an effective-dated item', () => {
  it('setFrom on a date that already has an entry replaces it (a later correction wins)', () => {
    expect(setFrom(t, '2025-03-01', 'B')).toEqual([
      { effectiveFromDate: '2025-01-01', value: 'a' },
      { effectiveFromDate: '2025-03-01', value: 'B' },
    ]);
  });

  it('setFrom back-dated inserts in date order and holds only until the next recorded change', () => {
    const next = setFrom(t, '2025-02-01', 'x');
    expect(next).toEqual([
      { effectiveFromDate: '2025-01-01', value: 'a' },
      { effectiveFromDate: '2025-02-01', value: 'x' },
      { effectiveFromDate: '2025-03-01', value: 'b' },
    ]);
    expect([valueOn(next, '2025-02-28'), valueOn(next, '2025-03-01')]).toEqual(['x', 'b']);
  });

  it('setFrom before the first entry becomes the first entry', () => {
    expect(setFrom(t, '2024-12-01', 'z')[0]).toEqual({ effectiveFromDate: '2024-12-01', value: 'z' });
  });

  it('setFrom never mutates the timeline it is given', () => {
    const before = JSON.stringify(t);
    setFrom(t, '2025-02-01', 'x');
    expect(JSON.stringify(t)).toBe(before);
  });

  it('periodsOf ends each period the day before the next starts (across month and leap-year ends); the last is open', () => {
    const leap = setFrom(setFrom(t, '2024-03-01', 'y'), '2026-01-01', 'c');
    expect(periodsOf(leap)).toEqual([
      { effectiveFromDate: '2024-03-01', effectiveToDate: '2024-12-31', value: 'y' },
      { effectiveFromDate: '2025-01-01', effectiveToDate: '2025-02-28', value: 'a' },
      { effectiveFromDate: '2025-03-01', effectiveToDate: '2025-12-31', value: 'b' },
      { effectiveFromDate: '2026-01-01', effectiveToDate: null, value: 'c' },
    ]);
    expect(periodsOf([])).toEqual([]);
  });

  it('periodOn finds the period holding on a date, inclusive at both ends; none before the first', () => {
    expect(periodOn(t, '2025-02-28')).toEqual({ effectiveFromDate: '2025-01-01', effectiveToDate: '2025-02-28', value: 'a' });
    expect(periodOn(t, '2025-03-01')).toEqual({ effectiveFromDate: '2025-03-01', effectiveToDate: null, value: 'b' });
    expect(periodOn(t, '2024-12-31')).toBeUndefined();
  });

  it('entryOn, valueOn and lastEntry', () => {
    expect(entryOn(t, '2025-01-01')).toEqual({ effectiveFromDate: '2025-01-01', value: 'a' });
    expect(valueOn(t, '2024-12-31')).toBeUndefined();
    expect(lastEntry(t)).toEqual({ effectiveFromDate: '2025-03-01', value: 'b' });
    expect(lastEntry([])).toBeUndefined();
  });
});
