import { addDays, compareDates, daysBetween, localDate, LocalDate, parseLocalDate } from './local-date';

const d = (s: string) => s as LocalDate;

describe('LocalDate: a UK settlement day, never moved by a time zone', () => {
  describe('calendar validity', () => {
    it.each(['2024-02-29', '2025-02-28', '2025-12-31', '2025-03-30', '2025-10-26', '2000-02-29'])('%s is a date', (raw) => {
      expect(parseLocalDate(raw)).toBe(raw);
    });

    it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', '20250101', '2025-01-01T00:00:00Z', ''])(
      '%j is not a date',
      (raw) => {
        expect(parseLocalDate(raw)).toBeNull();
      },
    );

    it('localDate throws a RangeError naming the value', () => {
      expect(() => localDate('2025-02-29')).toThrow(new RangeError('not a calendar date (YYYY-MM-DD): "2025-02-29"'));
    });
  });

  describe('addDays', () => {
    it.each([
      ['2025-01-31', 1, '2025-02-01'],
      ['2025-02-28', 1, '2025-03-01'],
      ['2024-02-28', 1, '2024-02-29'],
      ['2024-03-01', -1, '2024-02-29'],
      ['2025-12-31', 1, '2026-01-01'],
      ['2026-01-01', -1, '2025-12-31'],
      ['2025-04-01', -1, '2025-03-31'],
      ['2025-01-01', 365, '2026-01-01'],
    ])('%s %+i day(s) = %s', (from, days, to) => {
      expect(addDays(d(from), days)).toBe(to);
    });

    it.each([
      ['2025-03-29', 1, '2025-03-30'],
      ['2025-03-30', 1, '2025-03-31'],
      ['2025-03-31', -1, '2025-03-30'],
      ['2025-10-25', 1, '2025-10-26'],
      ['2025-10-26', 1, '2025-10-27'],
      ['2025-10-27', -1, '2025-10-26'],
    ])('across the 2025 BST change days: %s %+i = %s', (from, days, to) => {
      expect(addDays(d(from), days)).toBe(to);
    });

    it('gives the same answers when the process runs in Europe/London', () => {
      const saved = process.env.TZ;
      process.env.TZ = 'Europe/London';
      try {
        expect(addDays(d('2025-03-30'), 1)).toBe('2025-03-31');
        expect(addDays(d('2025-03-31'), -1)).toBe('2025-03-30');
        expect(addDays(d('2025-10-26'), 1)).toBe('2025-10-27');
        expect(addDays(d('2025-10-27'), -1)).toBe('2025-10-26');
        expect(daysBetween(d('2025-03-29'), d('2025-03-31'))).toBe(2);
        expect(daysBetween(d('2025-10-25'), d('2025-10-27'))).toBe(2);
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });
  });

  it('daysBetween counts calendar days, positive forward, across a leap day', () => {
    expect(daysBetween(d('2024-02-28'), d('2024-03-01'))).toBe(2);
    expect(daysBetween(d('2025-04-01'), d('2025-03-31'))).toBe(-1);
  });

  it('compareDates orders ISO dates', () => {
    expect([compareDates(d('2025-03-30'), d('2025-10-26')), compareDates(d('2025-10-26'), d('2025-10-26')), compareDates(d('2026-01-01'), d('2025-12-31'))]).toEqual([-1, 0, 1]);
  });
});
