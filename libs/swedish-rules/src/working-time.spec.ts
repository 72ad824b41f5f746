import { eachDate, EmploymentPeriod, employmentOn, scheduledHours } from '@ledger/swedish-rules';

describe('scheduled working time', () => {
  const fullTime80: EmploymentPeriod[] = [{ effectiveFrom: '2026-01-01', departmentId: 'A', employmentPercent: 80, weeklyHours: 40 }];

  it('is weeklyHours / 5 × employmentPercent / 100 on a workday: 40 h at 80 % = 6.4 h', () => {
    // 40 / 5 = 8 h a day; 8 × 0.80 = 6.4 h.
    expect(scheduledHours(fullTime80, '2026-03-09')).toBe(6.4); // Monday
    expect(scheduledHours(fullTime80, '2026-03-13')).toBe(6.4); // Friday
  });

  it('is 0 on weekends, holidays, days off and before the employment', () => {
    expect(scheduledHours(fullTime80, '2026-03-14')).toBe(0); // Saturday
    expect(scheduledHours(fullTime80, '2026-05-01')).toBe(0); // första maj, Friday
    expect(scheduledHours(fullTime80, '2026-12-24')).toBe(0); // julafton, Thursday
    expect(scheduledHours(fullTime80, '2025-12-30')).toBe(0); // Tuesday, before employment
  });

  it('is 0 after an employment ends (0 %)', () => {
    const history: EmploymentPeriod[] = [...fullTime80, { effectiveFrom: '2026-04-01', departmentId: 'A', employmentPercent: 0, weeklyHours: 40 }];
    expect(scheduledHours(history, '2026-03-31')).toBe(6.4);
    expect(scheduledHours(history, '2026-04-01')).toBe(0); // Wednesday
  });

  it('finds the version in force from an unsorted history', () => {
    const history: EmploymentPeriod[] = [
      { effectiveFrom: '2026-03-16', departmentId: 'B', employmentPercent: 100, weeklyHours: 40 },
      { effectiveFrom: '2025-01-01', departmentId: 'X', employmentPercent: 50, weeklyHours: 40 },
      { effectiveFrom: '2026-01-01', departmentId: 'A', employmentPercent: 80, weeklyHours: 40 },
    ];
    expect(employmentOn(history, '2024-12-31')).toBeUndefined();
    expect(employmentOn(history, '2025-06-01')?.departmentId).toBe('X');
    expect(employmentOn(history, '2026-01-01')?.departmentId).toBe('A');
    expect(employmentOn(history, '2026-03-15')?.departmentId).toBe('A');
    expect(employmentOn(history, '2026-03-16')?.departmentId).toBe('B');
  });

  it('splits a month at a transfer to another department mid-month', () => {
    // 80 % in department A, then from Monday 16 March 2026 full time (40 h) in department B.
    const history: EmploymentPeriod[] = [
      { effectiveFrom: '2026-03-16', departmentId: 'B', employmentPercent: 100, weeklyHours: 40 },
      { effectiveFrom: '2026-01-01', departmentId: 'A', employmentPercent: 80, weeklyHours: 40 },
    ];
    const byDepartment = new Map<string, number>();
    for (const date of eachDate('2026-03-01', '2026-03-31')) {
      const dept = employmentOn(history, date)?.departmentId ?? '-';
      byDepartment.set(dept, (byDepartment.get(dept) ?? 0) + scheduledHours(history, date));
    }
    // March 2026 has no holidays. Workdays 2–6 and 9–13 = 10 days in A at 6.4 h = 64 h;
    // 16–20, 23–27 and 30–31 = 12 days in B at 8 h = 96 h.
    expect(byDepartment.get('A')).toBeCloseTo(64, 9);
    expect(byDepartment.get('B')).toBe(96);
  });
});
