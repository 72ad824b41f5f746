import { DEFAULT_LATE_POLICY, LatePolicy } from '@ledger/swedish-rules';
import { LatencyFacts, latencyReport } from './reporting-latency';

/**
 * March 2026 is winter time (CET, UTC+1): 00:00 local of 2 March is 2026-03-01T23:00Z.
 * June 2026 is summer time (CEST, UTC+2): 00:00 local of 10 June is 2026-06-09T22:00Z.
 */
const march: Array<{ month: string; facts: LatencyFacts }> = [
  // c1: sick from Mon 2 March, reported 07:00 CET that day: 7 h, on time.
  //     Return: last day Fri 6 March, recorded Mon 9 March 08:00 CET. 24:00 of 6 March is
  //     2026-03-06T23:00Z, so 56 h; late (after 24:00 of Sat 7 March, the first day back).
  //     First attested 11:00 CET on 2 March: 4 h after the report.
  { month: '2026-03', facts: ['sick', '2026-03-02', '2026-03-02T06:00:00.000Z', '2026-03-06', '2026-03-09T07:00:00.000Z', '2026-03-02T10:00:00.000Z'] },
  // c2: sick from Tue 3 March, reported 23:59 CET that day: 23 h 59 min = 23.98 h, on time (just before midnight).
  //     Return: last day 3 March, recorded 07:00 CET on the 4th: 7 h, on time.
  { month: '2026-03', facts: ['sick', '2026-03-03', '2026-03-03T22:59:00.000Z', '2026-03-03', '2026-03-04T06:00:00.000Z', null] },
  // c3: sick from Wed 4 March, reported 00:01 CET on the 5th: 24 h 1 min = 24.02 h, late (just after midnight).
  //     First attested 48 h after the report.
  { month: '2026-03', facts: ['sick', '2026-03-04', '2026-03-04T23:01:00.000Z', null, null, '2026-03-06T23:01:00.000Z'] },
  // c4: VAB from Thu 5 March, reported 12:00 CET on the 6th: 36 h, late.
  { month: '2026-03', facts: ['care_of_child', '2026-03-05', '2026-03-06T11:00:00.000Z', null, null, null] },
  // c5: vacation from Mon 16 March, reported 12:00 CET on 1 March: 00:00 of the 16th is 14 days and
  //     12 h later, so −348 h. The default policy never holds vacation late.
  { month: '2026-03', facts: ['vacation', '2026-03-16', '2026-03-01T11:00:00.000Z', null, null, null] },
];

describe('reporting latency', () => {
  it('counts, medians and 90th percentiles per month and in total', () => {
    const report = latencyReport(march, { departmentId: 'D1', months: ['2026-03', '2026-04'], policy: DEFAULT_LATE_POLICY });
    // Without `type`, unplanned absence only: c5 (vacation) is left out.
    // Reports sorted: 7, 23.9833, 24.0167, 36. Median: (23.9833 + 24.0167) / 2 = 24.
    // p90: rank 0.9 × 3 = 2.7, so 24.0167 + 0.7 × (36 − 24.0167) = 32.405 → 32.41.
    // Late: c3 and c4 = 2 of 4 = 50 %.
    // Returns: 56 and 7; median 31.5; late: c1 = 1 of 2 = 50 %.
    // Attestations: 4 and 48; median 26; p90 = 4 + 0.9 × 44 = 43.6.
    const expected = {
      reports: { count: 4, lateCount: 2, latePercent: 50, medianHours: 24, p90Hours: 32.41 },
      returns: { count: 2, lateCount: 1, latePercent: 50, medianHours: 31.5 },
      attestations: { count: 2, medianHours: 26, p90Hours: 43.6 },
    };
    expect(report).toEqual({
      departmentId: 'D1',
      type: null,
      months: [
        { month: '2026-03', ...expected },
        {
          month: '2026-04',
          reports: { count: 0, lateCount: 0, latePercent: null, medianHours: null, p90Hours: null },
          returns: { count: 0, lateCount: 0, latePercent: null, medianHours: null },
          attestations: { count: 0, medianHours: null, p90Hours: null },
        },
      ],
      total: expected,
    });
  });

  it('filters by type', () => {
    const report = latencyReport(march, { departmentId: null, months: ['2026-03'], type: 'sick', policy: DEFAULT_LATE_POLICY });
    // Sick only: 7, 23.9833, 24.0167. Median 23.98; p90: rank 1.8, 23.9833 + 0.8 × 0.0333 = 24.01.
    // Late: c3 = 1 of 3 = 33.33 %.
    expect(report.total.reports).toEqual({ count: 3, lateCount: 1, latePercent: 33.33, medianHours: 23.98, p90Hours: 24.01 });
    expect(report.type).toBe('sick');
  });

  it('counts work injury as unplanned, and a vacation asked for by type at 0 hours, never negative', () => {
    const injury: Array<{ month: string; facts: LatencyFacts }> = [
      // Work injury on Mon 2 March reported 10:00 CET: 10 h, on time.
      { month: '2026-03', facts: ['work_injury', '2026-03-02', '2026-03-02T09:00:00.000Z', null, null, null] },
      // A friskanmälan made ahead: last day Fri 6 March recorded at 09:00 CET that day: −15 h counts as 0.
      { month: '2026-03', facts: ['sick', '2026-03-02', '2026-03-02T06:00:00.000Z', '2026-03-06', '2026-03-06T08:00:00.000Z', null] },
    ];
    const report = latencyReport([...march, ...injury], { departmentId: null, months: ['2026-03'], policy: DEFAULT_LATE_POLICY });
    expect(report.total.reports.count).toBe(6);
    expect(report.total.returns).toEqual({ count: 3, lateCount: 1, latePercent: 33.33, medianHours: 7 }); // 0, 7, 56
    // c5, reported 348 h ahead, counts 0 h.
    const vacation = latencyReport(march, { departmentId: null, months: ['2026-03'], type: 'vacation', policy: DEFAULT_LATE_POLICY });
    expect(vacation.total.reports).toEqual({ count: 1, lateCount: 0, latePercent: 0, medianHours: 0, p90Hours: 0 });
  });

  it('holds a report late just after midnight local time in summer, not just before', () => {
    const june: Array<{ month: string; facts: LatencyFacts }> = [
      // Sick from 10 June, reported 23:59:59 CEST (21:59:59Z): on time.
      { month: '2026-06', facts: ['sick', '2026-06-10', '2026-06-10T21:59:59.000Z', null, null, null] },
      // Sick from 11 June, reported 00:00:01 CEST on the 12th (22:00:01Z on the 11th): late.
      { month: '2026-06', facts: ['sick', '2026-06-11', '2026-06-11T22:00:01.000Z', null, null, null] },
    ];
    const report = latencyReport(june, { departmentId: null, months: ['2026-06'], policy: DEFAULT_LATE_POLICY });
    // 23:59:59 = 23.9997 h and 24:00:01 = 24.0003 h: both 24.00 to 2 decimals, one of them late.
    expect(report.total.reports).toEqual({ count: 2, lateCount: 1, latePercent: 50, medianHours: 24, p90Hours: 24 });
  });

  it('applies a configured policy per type', () => {
    // Vacation must be reported 14 days (336 h) ahead; nothing else is ever late.
    const policy: LatePolicy = { reportGraceHours: { vacation: -336 }, returnGraceHours: 48 };
    const report = latencyReport(
      [
        ...march,
        // Vacation from Mon 30 March reported 12:00 CEST on Mon 23 March: −(6 days 12 h) = −156 h, late.
        { month: '2026-03', facts: ['vacation', '2026-03-30', '2026-03-23T11:00:00.000Z', null, null, null] },
      ],
      { departmentId: null, months: ['2026-03'], type: 'vacation', policy },
    );
    // Late: only the second vacation (c5 was 348 h ahead).
    expect(report.total.reports.lateCount).toBe(1);
    expect(report.total.reports.count).toBe(2);
    // Returns: c1 came 56 h after 00:00 of the first day back, beyond the 48 h grace: still late; c2 (7 h) is on time.
    expect(latencyReport(march, { departmentId: null, months: ['2026-03'], policy }).total.returns.lateCount).toBe(1);
  });
});
