import type { RecordedEvent } from '@app/event-store';
import { knownAtFilter, parseUtcInstant } from './known-at';
import { csvRecord } from './portfolio-extract';

const at = (position: number, recordedAt: string): RecordedEvent => ({
  streamName: 'mpan-1',
  revision: BigInt(position - 1),
  position: BigInt(position),
  recordedAt,
  type: 'X',
  data: {},
  metadata: { schemaVersion: 1, eventId: `e${position}`, correlationId: 'c', causationId: 'c' },
});

describe('parseUtcInstant', () => {
  it.each([
    ['2025-06-01T12:00:00Z', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01T12:00Z', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01T13:00:00.5+01:00', '2025-06-01T12:00:00.500Z'],
    ['2025-03-30T01:30:00+00:00', '2025-03-30T01:30:00.000Z'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(parseUtcInstant(raw, 'knownAt')).toBe(expected);
  });

  it.each(['2025-06-01', '2025-06-01T12:00:00', '2025-02-30T00:00:00Z', '2025-06-01T24:00:00Z', 'yesterday', '2025-6-1T00:00:00Z', ''])(
    'refuses %j, naming the parameter',
    (raw) => {
      expect(() => parseUtcInstant(raw, '--known-at')).toThrow(/^--known-at must be a UTC instant/);
    },
  );
});

describe('knownAtFilter', () => {
  it('includes exactly the events recorded at or before the instant (recordedAt <= knownAt, to the millisecond)', () => {
    const filter = knownAtFilter('2025-06-01T12:00:00Z');
    expect(filter.knownAt).toBe('2025-06-01T12:00:00.000Z');
    expect(filter.include(at(1, '2025-06-01T11:59:59.999Z'))).toBe(true);
    expect(filter.include(at(2, '2025-06-01T12:00:00.000Z'))).toBe(true);
    expect(filter.include(at(3, '2025-06-01T12:00:00.001Z'))).toBe(false);
  });

  it('counts the events recorded after the instant that lie before a later event recorded at or before it (the clock stepped back)', () => {
    const filter = knownAtFilter('2025-06-01T12:00:00Z');
    const verdicts = [
      at(1, '2025-06-01T10:00:00Z'),
      at(2, '2025-06-01T13:00:00Z'), // after
      at(3, '2025-06-01T14:00:00Z'), // after
      at(4, '2025-05-31T23:00:00Z'), // a replayed day-start at a past midnight
      at(5, '2025-06-01T15:00:00Z'), // after, and nothing at or before follows
    ].map((e) => filter.include(e));
    expect(verdicts).toEqual([true, false, false, true, false]);
    expect(filter.outOfClockOrder()).toBe(2);
  });
});

describe('csvRecord (RFC 4180)', () => {
  it('leaves plain fields bare, empties nulls, and quotes fields with a comma, quote, CR or LF (quotes doubled)', () => {
    expect(csvRecord(['1900000000010', null, 'TN1 1AA', 'a,b', 'say "hi"', 'two\r\nlines', ''])).toBe(
      '1900000000010,,TN1 1AA,"a,b","say ""hi""","two\r\nlines",',
    );
  });
});
