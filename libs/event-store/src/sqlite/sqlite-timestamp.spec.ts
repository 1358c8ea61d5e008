import { sqliteTimestampToIso } from './sqlite-timestamp';

describe('sqliteTimestampToIso', () => {
  it('keeps an ISO instant written by the store', () => {
    expect(sqliteTimestampToIso('2025-04-01T10:20:30.123Z')).toBe('2025-04-01T10:20:30.123Z');
  });

  it("reads SQLite's zone-less datetime('now') format as UTC", () => {
    expect(sqliteTimestampToIso('2025-04-01 10:20:30')).toBe('2025-04-01T10:20:30.000Z');
    expect(sqliteTimestampToIso('2025-04-01 10:20:30.5')).toBe('2025-04-01T10:20:30.500Z');
  });

  it('honours an explicit offset', () => {
    expect(sqliteTimestampToIso('2025-04-01T11:20:30+01:00')).toBe('2025-04-01T10:20:30.000Z');
  });

  it('rejects anything else', () => {
    expect(() => sqliteTimestampToIso('yesterday')).toThrow(/unrecognised SQLite timestamp/);
    expect(() => sqliteTimestampToIso('2025-13-45 99:99:99')).toThrow(/unrecognised SQLite timestamp/);
  });
});
