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

  it('setFrom, entryOn and periodOn agree with the plain definitions (filter, append, sort; linear scans) on random changes', () => {
    // The definitions the binary searches and the append fast path replaced.
    const reference = <T>(tl: Timeline<T>, from: string, value: T): Timeline<T> =>
      [...tl.filter((e) => e.effectiveFromDate !== from), { effectiveFromDate: from, value }].sort((a, b) =>
        a.effectiveFromDate < b.effectiveFromDate ? -1 : a.effectiveFromDate > b.effectiveFromDate ? 1 : 0,
      );
    const linearEntryOn = <T>(tl: Timeline<T>, date: string) => [...tl].reverse().find((e) => e.effectiveFromDate <= date);
    const day = (n: number) => `2025-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let fast: Timeline<number> = [];
    let plain: Timeline<number> = [];
    for (let i = 0; i < 400; i++) {
      // Mostly later-dated changes (the append path), some back-dated and same-date corrections.
      const from = i % 3 === 0 ? day(random(300)) : day(Math.min(335, 40 + i));
      const before = fast;
      const frozen = JSON.stringify(before);
      fast = setFrom(fast, from, i);
      plain = reference(plain, from, i);
      expect(JSON.stringify(before)).toBe(frozen);
      expect(fast).toEqual(plain);
      const probe = day(random(336));
      expect(entryOn(fast, probe)).toEqual(linearEntryOn(plain, probe));
      expect(periodOn(fast, probe)).toEqual(periodsOf(plain).find((p) => p.effectiveFromDate <= probe && (p.effectiveToDate === null || probe <= p.effectiveToDate)));
    }
  });
});
