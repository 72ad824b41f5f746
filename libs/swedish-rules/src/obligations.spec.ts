import { chainSickPeriods, rehabReviewDue, sickPeriodObligations, SickSpell } from '@ledger/swedish-rules';

const spell = (absenceId: string, from: string, to: string): SickSpell => ({ absenceId, from, to, extentPercent: 100 });

describe('sick period obligations', () => {
  // One spell Mon 2 – Fri 20 March 2026: day n = 2 March + (n − 1); day 7 = 8 March, day 8 = 9 March,
  // day 15 = 16 March, day 19 = 20 March (the last sick day).
  const [period] = chainSickPeriods([spell('a', '2026-03-02', '2026-03-20')]);

  it('has none before day 8', () => {
    expect(sickPeriodObligations(period, { asOf: '2026-03-08' })).toEqual([]);
  });

  it('needs a doctor’s certificate on day 8', () => {
    expect(sickPeriodObligations(period, { asOf: '2026-03-09' })).toEqual([
      { kind: 'medical_certificate_due', periodStart: '2026-03-02', dueDate: '2026-03-09' },
    ]);
  });

  it('needs the FK sick report by day 21 once the sickness passes day 14', () => {
    // asOf 15 March = day 14: not yet.
    expect(sickPeriodObligations(period, { asOf: '2026-03-15' }).map((o) => o.kind)).toEqual(['medical_certificate_due']);
    // asOf 16 March = day 15. Day 21 lies past the last sick day (20 March = day 19): 20 + 2 = 22 March.
    expect(sickPeriodObligations(period, { asOf: '2026-03-16' })).toEqual([
      { kind: 'medical_certificate_due', periodStart: '2026-03-02', dueDate: '2026-03-09' },
      { kind: 'fk_report_due', periodStart: '2026-03-02', dueDate: '2026-03-22' },
    ]);
  });

  it('counts the days per chained period, without the gap', () => {
    // a: Mon 2 – Thu 5 March = days 1–4; b: Mon 9 (5 + 4, chained) – Fri 20 March: 9 = day 5, 12 = day 8,
    // 19 = day 15, 20 = day 16; day 21 projected = 20 + 5 = 25 March.
    const [chained] = chainSickPeriods([spell('a', '2026-03-02', '2026-03-05'), spell('b', '2026-03-09', '2026-03-20')]);
    expect(sickPeriodObligations(chained, { asOf: '2026-03-11' })).toEqual([]); // day 7
    expect(sickPeriodObligations(chained, { asOf: '2026-03-18' })).toEqual([
      { kind: 'medical_certificate_due', periodStart: '2026-03-02', dueDate: '2026-03-12' },
    ]); // day 14
    expect(sickPeriodObligations(chained, { asOf: '2026-03-19' })).toEqual([
      { kind: 'medical_certificate_due', periodStart: '2026-03-02', dueDate: '2026-03-12' },
      { kind: 'fk_report_due', periodStart: '2026-03-02', dueDate: '2026-03-25' },
    ]);
  });

  it('needs a return-to-work plan by day 30 when expected to last 60 days or more', () => {
    // From 2 March: March 2–31 is 30 days, so 30 April is day 30 + 30 = 60 and day 30 is 31 March.
    const [p] = chainSickPeriods([spell('a', '2026-03-02', '2026-03-04')]);
    expect(sickPeriodObligations(p, { asOf: '2026-03-03', expectedLastDay: '2026-04-30' })).toEqual([
      { kind: 'return_plan_due', periodStart: '2026-03-02', dueDate: '2026-03-31' },
    ]);
    // 29 April: 59 days, no plan.
    expect(sickPeriodObligations(p, { asOf: '2026-03-03', expectedLastDay: '2026-04-29' })).toEqual([]);
    // Not before the period has started.
    expect(sickPeriodObligations(p, { asOf: '2026-03-01', expectedLastDay: '2026-04-30' })).toEqual([]);
  });

  it('treats a period already 60 days long as expected to last 60 days', () => {
    // 2 March – 30 April = 60 days; asOf 30 April = day 60: certificate (9 March), FK (day 21 = 22 March), plan (31 March).
    const [p] = chainSickPeriods([spell('a', '2026-03-02', '2026-04-30')]);
    expect(sickPeriodObligations(p, { asOf: '2026-04-30' })).toEqual([
      { kind: 'medical_certificate_due', periodStart: '2026-03-02', dueDate: '2026-03-09' },
      { kind: 'fk_report_due', periodStart: '2026-03-02', dueDate: '2026-03-22' },
      { kind: 'return_plan_due', periodStart: '2026-03-02', dueDate: '2026-03-31' },
    ]);
  });
});

describe('rehabilitation review (rehabiliteringsdialog)', () => {
  // asOf 15 March 2026: the 12 months up to it are 16 March 2025 – 15 March 2026.
  const five = ['2025-06-01', '2025-09-01', '2025-11-03', '2026-01-12', '2026-03-15'];

  it('is due after 6 sick occasions in 12 months', () => {
    expect(rehabReviewDue(['2025-03-16', ...five], '2026-03-15')).toBe(true);
  });

  it('is not due with 5, or when the sixth is just outside the window', () => {
    expect(rehabReviewDue(five, '2026-03-15')).toBe(false);
    expect(rehabReviewDue(['2025-03-15', ...five], '2026-03-15')).toBe(false);
    // A start after asOf does not count either.
    expect(rehabReviewDue(['2026-03-16', ...five], '2026-03-15')).toBe(false);
    // The same start given twice is one occasion.
    expect(rehabReviewDue(['2026-03-15', ...five], '2026-03-15')).toBe(false);
  });
});
