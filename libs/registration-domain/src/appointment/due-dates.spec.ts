import { CreatedMpanState } from '../registration/state';
import { dayStartDueDates } from './due-dates';

const base = {
  appointmentRequests: [
    { status: 'Accepted', effectiveFromDate: '2025-05-10', requestedOn: '2025-05-01' },
    { status: 'Pending', effectiveFromDate: '2025-06-01', requestedOn: '2025-05-20' },
    { status: 'Activated', effectiveFromDate: '2025-04-01', requestedOn: '2025-03-20' },
    { status: 'Rejected', effectiveFromDate: '2025-05-15', requestedOn: '2025-05-02' },
  ],
  suppliers: [
    { effectiveFromDate: '2025-04-01', value: {} },
    { effectiveFromDate: '2025-06-01', value: {} },
  ],
  marketSegment: [{ effectiveFromDate: '2025-04-01', value: 'S' }],
  lastReminderDate: null,
} as unknown as CreatedMpanState;

describe('dayStartDueDates', () => {
  it('lists accepted and pending effective dates, lapse days and supply starts in the window, ascending', () => {
    // Pending requested 2025-05-20 with 7 days to answer lapses on 2025-05-28.
    expect(dayStartDueDates(base, '2025-04-01', '2025-06-30', 7)).toEqual(['2025-05-10', '2025-05-28', '2025-06-01']);
  });

  it('excludes the day after which it starts and days past the end of the window', () => {
    expect(dayStartDueDates(base, '2025-05-10', '2025-05-31', 7)).toEqual(['2025-05-28']);
  });

  it('ignores requests already activated, rejected, lapsed or superseded', () => {
    expect(dayStartDueDates(base, '2025-03-01', '2025-04-30', 7)).toEqual(['2025-04-01']);
  });
});
