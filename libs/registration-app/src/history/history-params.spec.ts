import { InvalidHistoryQueryError, parseItemName, parseKnownAt, parseSettlementDay } from './history-params';

describe('knownAt: an ISO 8601 instant with an explicit offset or Z, normalised to UTC', () => {
  it.each([
    ['2025-06-01T09:30:00Z', '2025-06-01T09:30:00.000Z'],
    ['2025-06-01T09:30Z', '2025-06-01T09:30:00.000Z'],
    ['2025-06-01T10:30:00+01:00', '2025-06-01T09:30:00.000Z'],
    ['2025-06-01T00:00:00+01:00', '2025-05-31T23:00:00.000Z'],
    ['2025-03-30T00:00:00+00:00', '2025-03-30T00:00:00.000Z'],
    ['2025-10-26T00:00:00+01:00', '2025-10-25T23:00:00.000Z'],
    ['2025-06-01T04:00:00-05:30', '2025-06-01T09:30:00.000Z'],
    ['2025-06-01T09:30:00.25Z', '2025-06-01T09:30:00.250Z'],
    // Beyond milliseconds is truncated: an event recorded at .123 is known at .1239.
    ['2025-06-01T09:30:00.123999999Z', '2025-06-01T09:30:00.123Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
  ])('%s is %s', (raw, utc) => {
    expect(parseKnownAt('knownAt', raw)).toBe(utc);
  });

  it.each([
    ['2025-06-01', ''],
    ['2025-06-01T10:00:00', ''],
    ['2025-06-01 10:00:00Z', ''],
    ['2025-06-01T10:00:00 01:00', " (a '+' in a URL query must be sent as %2B)"],
    ['2025-02-29T10:00:00Z', ' (not a calendar date)'],
    ['2025-06-01T24:00:00Z', ' (not a time of day)'],
    ['2025-06-01T10:60:00Z', ' (not a time of day)'],
    ['2025-06-01T10:00:60Z', ' (not a time of day)'],
    ['2025-06-01T10:00:00+15:00', ' (not a UTC offset)'],
    ['2025-06-01T10:00:00z', ''],
    ['now', ''],
  ])('%s is refused%s', (raw, why) => {
    expect(() => parseKnownAt('--known-at', raw)).toThrow(
      new InvalidHistoryQueryError(
        `--known-at must be an ISO 8601 instant with an explicit offset or Z, e.g. 2025-06-01T09:30:00Z or 2025-06-01T10:30:00+01:00; got ${JSON.stringify(raw)}${why}`,
      ),
    );
  });
});

describe('effective dates and item names', () => {
  it('a settlement day is a calendar-valid YYYY-MM-DD', () => {
    expect(parseSettlementDay('effectiveAt', '2025-10-26')).toBe('2025-10-26');
    expect(() => parseSettlementDay('effectiveAt', '2025-10-26T00:00:00+01:00')).toThrow(
      'effectiveAt must be a calendar date YYYY-MM-DD (a UK settlement day), got "2025-10-26T00:00:00+01:00"',
    );
    expect(() => parseSettlementDay('date', '2025-02-29')).toThrow(InvalidHistoryQueryError);
  });

  it('an item is named as in the snapshot; anything else lists the valid names', () => {
    expect(parseItemName('item', 'meteringService')).toBe('meteringService');
    expect(() => parseItemName('item', 'MeteringService')).toThrow(
      'item must be one of gspGroupId, address, connectionType, energyDirection, meteredIndicator, marketSegment, duosTariffId, energisationStatus, supplier, meteringService, dataService, pendingAppointments, meters, ihdInstallStatus, domesticPremiseIndicator, disconnectionStatus, profileClass, ssc, consentGranularity, smso; got "MeteringService"',
    );
  });
});
