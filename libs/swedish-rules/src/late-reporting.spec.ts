import {
  daysBeforeReport,
  isReportLate,
  isReturnLate,
  LatePolicy,
  localDateOf,
  localMidnightUtc,
  reportLatencyHours,
  returnLatencyHours,
} from '@ledger/swedish-rules';

describe('Stockholm local time', () => {
  it('puts local midnight at 23:00Z in winter and 22:00Z in summer', () => {
    expect(localMidnightUtc('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z'); // CET, UTC+1
    expect(localMidnightUtc('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z'); // CEST, UTC+2
  });

  it('handles the DST change days (last Sundays of March and October 2026)', () => {
    // Summer time starts Sun 29 March 2026 at 02:00 CET; midnight that day is still CET.
    expect(localMidnightUtc('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(localMidnightUtc('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Summer time ends Sun 25 October 2026 at 03:00 CEST; midnight that day is still CEST.
    expect(localMidnightUtc('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(localMidnightUtc('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('finds the local date of an instant', () => {
    expect(localDateOf('2026-01-14T22:59:59Z')).toBe('2026-01-14'); // 23:59:59 CET
    expect(localDateOf('2026-01-14T23:00:00Z')).toBe('2026-01-15'); // 00:00 CET
    expect(localDateOf(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14'); // 23:59:59 CEST
    expect(localDateOf('2026-07-14T22:00:00Z')).toBe('2026-07-15'); // 00:00 CEST
  });
});

describe('reporting latency', () => {
  it('measures reports from 00:00 local of the first absence day', () => {
    // 07:00Z on 15 Jan = 08:00 CET: 8 h after local midnight.
    expect(reportLatencyHours('2026-01-15', new Date('2026-01-15T07:00:00Z'))).toBe(8);
    // 07:00Z on 15 July = 09:00 CEST: 9 h.
    expect(reportLatencyHours('2026-07-15', new Date('2026-07-15T07:00:00Z'))).toBe(9);
    // Reported ahead, at 12:00 CET the day before: −12 h counts as 0, never negative.
    expect(reportLatencyHours('2026-01-15', new Date('2026-01-14T11:00:00Z'))).toBe(0);
  });

  it('measures returns from 24:00 local of the last absence day', () => {
    // Last day 15 Jan; 24:00 CET = 2026-01-15T23:00Z; recorded 07:00Z on the 16th = 8 h later.
    expect(returnLatencyHours('2026-01-15', new Date('2026-01-16T07:00:00Z'))).toBe(8);
    // Summer: 24:00 CEST of 15 July = 22:00Z; 07:30Z on the 16th = 9.5 h.
    expect(returnLatencyHours('2026-07-15', new Date('2026-07-16T07:30:00Z'))).toBe(9.5);
    // A friskanmälan made in advance, at 10:00 CET on the last day: −14 h counts as 0.
    expect(returnLatencyHours('2026-01-15', new Date('2026-01-15T09:00:00Z'))).toBe(0);
  });

  it('a sick report is late after 24:00 local of the first day, in winter', () => {
    // 24:00 CET of 15 Jan = 2026-01-15T23:00:00Z.
    expect(isReportLate('sick', '2026-01-15', new Date('2026-01-15T22:59:59Z'))).toBe(false); // 23:59:59
    expect(isReportLate('sick', '2026-01-15', new Date('2026-01-15T23:00:00Z'))).toBe(false); // exactly 24:00
    expect(isReportLate('sick', '2026-01-15', new Date('2026-01-15T23:00:01Z'))).toBe(true); // 00:00:01 next day
  });

  it('a sick report is late after 24:00 local of the first day, in summer', () => {
    // 24:00 CEST of 15 July = 2026-07-15T22:00:00Z.
    expect(isReportLate('sick', '2026-07-15', '2026-07-15T21:59:59Z')).toBe(false);
    expect(isReportLate('sick', '2026-07-15', '2026-07-15T22:00:01Z')).toBe(true);
    // A report at 23:30Z would not be late if the day ended at 24:00 UTC: it is 01:30 local, late.
    expect(isReportLate('sick', '2026-07-15', '2026-07-15T23:30:00Z')).toBe(true);
  });

  it('the deadline is the end of the local day even when the day has 23 or 25 hours', () => {
    // Sun 29 March 2026 lasts 23 h: 2026-03-28T23:00Z .. 2026-03-29T22:00Z.
    // 22:30Z is 00:30 CEST on the 30th: only 23.5 h after midnight, but after the end of the day.
    expect(reportLatencyHours('2026-03-29', new Date('2026-03-29T22:30:00Z'))).toBe(23.5);
    expect(isReportLate('sick', '2026-03-29', new Date('2026-03-29T22:30:00Z'))).toBe(true);
    // Sun 25 October 2026 lasts 25 h: 2026-10-24T22:00Z .. 2026-10-25T23:00Z.
    // 22:30Z is 23:30 CET on the 25th: 24.5 h after midnight, still within the day.
    expect(reportLatencyHours('2026-10-25', new Date('2026-10-25T22:30:00Z'))).toBe(24.5);
    expect(isReportLate('sick', '2026-10-25', new Date('2026-10-25T22:30:00Z'))).toBe(false);
  });

  it('applies the same rule to VAB and never marks types without a grace period late', () => {
    expect(isReportLate('care_of_child', '2026-01-15', new Date('2026-01-15T23:00:01Z'))).toBe(true);
    expect(isReportLate('vacation', '2026-01-15', new Date('2026-03-01T10:00:00Z'))).toBe(false);
  });

  it('follows a configured policy', () => {
    const policy: LatePolicy = { reportGraceHours: { leave_of_absence: 48, sick: 12 }, returnGraceHours: 12 };
    // 48 h after 00:00 CET of 15 Jan = 00:00 CET of 17 Jan = 2026-01-16T23:00Z.
    expect(isReportLate('leave_of_absence', '2026-01-15', new Date('2026-01-16T22:59:00Z'), policy)).toBe(false);
    expect(isReportLate('leave_of_absence', '2026-01-15', new Date('2026-01-16T23:01:00Z'), policy)).toBe(true);
    // 12 h after 00:00 CET = 12:00 CET = 11:00Z.
    expect(isReportLate('sick', '2026-01-15', new Date('2026-01-15T11:00:00Z'), policy)).toBe(false);
    expect(isReportLate('sick', '2026-01-15', new Date('2026-01-15T11:00:01Z'), policy)).toBe(true);
    expect(isReportLate('care_of_child', '2026-01-15', new Date('2026-02-15T11:00:01Z'), policy)).toBe(false);
    // Return 12 h into the first day back (16 Jan): 12:00 CET = 11:00Z.
    expect(isReturnLate('2026-01-15', new Date('2026-01-16T11:00:01Z'), policy)).toBe(true);
  });

  it('a return report is late after the end of the first day back', () => {
    // Last sick day Thu 15 Jan; first day back Fri 16 Jan ends at 24:00 CET = 2026-01-16T23:00Z.
    expect(isReturnLate('2026-01-15', new Date('2026-01-16T23:00:00Z'))).toBe(false);
    expect(isReturnLate('2026-01-15', new Date('2026-01-16T23:00:01Z'))).toBe(true);
    // Summer: first day back 16 July ends at 24:00 CEST = 2026-07-16T22:00Z.
    expect(isReturnLate('2026-07-15', new Date('2026-07-16T21:59:59Z'))).toBe(false);
    expect(isReturnLate('2026-07-15', new Date('2026-07-16T22:00:01Z'))).toBe(true);
  });
});

describe('days before the sick report (no sjuklön)', () => {
  it('are the spell days before the local date of the report', () => {
    // 2026-01-13T23:30Z is 00:30 CET on Wed 14 Jan: the 12th and 13th were not reported in time.
    expect(daysBeforeReport('2026-01-12', '2026-01-16', new Date('2026-01-13T23:30:00Z'))).toEqual(['2026-01-12', '2026-01-13']);
    // 22:30Z on 13 Jan is still 23:30 CET on the 13th: only the 12th.
    expect(daysBeforeReport('2026-01-12', '2026-01-16', new Date('2026-01-13T22:30:00Z'))).toEqual(['2026-01-12']);
  });

  it('are none when reported on or before the first day, and stop at the end of the spell', () => {
    expect(daysBeforeReport('2026-07-14', '2026-07-17', new Date('2026-07-14T05:00:00Z'))).toEqual([]);
    expect(daysBeforeReport('2026-07-14', '2026-07-17', new Date('2026-07-10T05:00:00Z'))).toEqual([]);
    // 2026-07-13T22:30Z is already 00:30 CEST on 14 July.
    expect(daysBeforeReport('2026-07-14', '2026-07-17', '2026-07-13T22:30:00Z')).toEqual([]);
    expect(daysBeforeReport('2026-07-14', '2026-07-15', new Date('2026-07-20T08:00:00Z'))).toEqual(['2026-07-14', '2026-07-15']);
  });
});
