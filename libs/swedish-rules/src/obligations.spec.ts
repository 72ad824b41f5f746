import {
  certificateCovers,
  chainSickPeriods,
  medicalCertificateDueDate,
  rehabReviewDue,
  returnToWorkPlanDueDate,
  sickPeriodObligations,
  SickSpell,
} from '@ledger/swedish-rules';

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

describe('doctor’s certificate per spell (SjLL 8 § 2 st; Försäkringskassan, Sobona)', () => {
  it('given two chained spells, then each has its own day 8 counted from its own report', () => {
    // a: Mon 2 – Thu 5 March 2026, reported on the 2nd: day 8 = 9 March (a has ended by then: no certificate needed).
    // b: Tue 10 – Fri 20 March, chained to a (5 days after), reported on the 10th: day 8 = 17 March,
    // not the chained period's day 8 (12 March).
    expect(medicalCertificateDueDate({ from: '2026-03-02', notifiedOn: '2026-03-02' })).toBe('2026-03-09');
    expect(medicalCertificateDueDate({ from: '2026-03-10', notifiedOn: '2026-03-10' })).toBe('2026-03-17');
  });

  it('counts from the notification day when the report came late, and from the first day when prevented', () => {
    // Sick since Tue 10 March, reported Thu 12: day 8 = 19 March; prevented from reporting: 17 March.
    expect(medicalCertificateDueDate({ from: '2026-03-10', notifiedOn: '2026-03-12' })).toBe('2026-03-19');
    expect(medicalCertificateDueDate({ from: '2026-03-10', notifiedOn: '2026-03-12', preventedFromReporting: true })).toBe('2026-03-17');
    // Reported ahead (the evening before): the first day counts.
    expect(medicalCertificateDueDate({ from: '2026-03-10', notifiedOn: '2026-03-09' })).toBe('2026-03-17');
  });
});

describe('return-to-work plan (SFB 30 kap. 6 §)', () => {
  // Sick period from Mon 2 March 2026: day 30 = 31 March, day 60 = 30 April.
  const start = '2026-03-02';

  it('given a certificate running past day 60 registered on day 9, then the plan is due on day 30', () => {
    const period = { start, openEnded: false, evidence: [{ lastDay: '2026-05-15', knownOn: '2026-03-10' }] };
    expect(returnToWorkPlanDueDate(period, '2026-03-10')).toBe('2026-03-31');
    // Not before it is known.
    expect(returnToWorkPlanDueDate(period, '2026-03-09')).toBeNull();
  });

  it('given a certificate to day 60 that becomes known after day 30, then the plan is due at once', () => {
    expect(returnToWorkPlanDueDate({ start, openEnded: false, evidence: [{ lastDay: '2026-04-30', knownOn: '2026-04-15' }] }, '2026-04-15')).toBe('2026-04-15');
  });

  it('given a certificate to day 59, then no plan is due', () => {
    expect(returnToWorkPlanDueDate({ start, openEnded: false, evidence: [{ lastDay: '2026-04-29', knownOn: '2026-03-10' }] }, '2026-04-29')).toBeNull();
  });

  it('given an open case, then it is known on day 60 and due that day', () => {
    expect(returnToWorkPlanDueDate({ start, openEnded: true, evidence: [] }, '2026-04-29')).toBeNull();
    expect(returnToWorkPlanDueDate({ start, openEnded: true, evidence: [] }, '2026-04-30')).toBe('2026-04-30');
    expect(returnToWorkPlanDueDate({ start, openEnded: true, evidence: [] }, '2026-05-20')).toBe('2026-04-30');
  });
});

describe('return report while certified', () => {
  it('a certificate covering today means the return report is not missing', () => {
    const certs = [{ from: '2026-03-09', to: '2026-03-22' }];
    expect(certificateCovers(certs, '2026-03-22')).toBe(true);
    expect(certificateCovers(certs, '2026-03-23')).toBe(false);
  });
});
