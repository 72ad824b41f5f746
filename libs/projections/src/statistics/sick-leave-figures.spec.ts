import { toEpochDay } from '@ledger/swedish-rules';
import type { SickSpellFact } from './employee-hours';
import { EmployeeStatistics, annualReport, sickLeaveReport } from './sick-leave-figures';

/** An employee of one department from 2020 on, 40 h a week at `percent`. */
function employee(id: string, departmentId: string, percent: number, sick: SickSpellFact[] = [], more: Partial<EmployeeStatistics> = {}): EmployeeStatistics {
  return {
    employeeId: id,
    gender: 'female',
    birthYear: 1980,
    employments: [{ effectiveFrom: '2020-01-01', departmentId, employmentPercent: percent, weeklyHours: 40 }],
    sick,
    ...more,
  };
}
const sick = (from: string, to: string | null, extentPercent = 100): SickSpellFact => ({ from, to, extentPercent });
const today = (date: string) => toEpochDay(date);

/**
 * May 2026 has 19 ordinary working days: 21 weekdays less Friday 1 May (första maj) and Thursday
 * 14 May (Kristi himmelfärdsdag).
 */
describe('sick leave per month', () => {
  // A: 100 % of 40 h = 8 h a day; 19 × 8 = 152 h. Sick 100 % Mon 11 – Sun 17 May: working days
  //    11, 12, 13, 15 (14 is Ascension, 16–17 a weekend) = 4 × 8 = 32 h.
  const a = employee('A', 'D1', 100, [sick('2026-05-11', '2026-05-17')]);
  // B: 75 % = 6 h a day; 19 × 6 = 114 h. Sick 50 % Mon 4 – Fri 8 May: 5 × 6 × 50 % = 15 h.
  const b = employee('B', 'D1', 75, [sick('2026-05-04', '2026-05-08', 50)]);
  // C: 50 % = 4 h a day; 19 × 4 = 76 h. Never sick.
  const c = employee('C', 'D1', 50);
  // T: 100 % in D1, transferred to D2 from Monday 18 May.
  //    In D1, 1–17 May: 4–8 (5) and 11, 12, 13, 15 (4) = 9 days × 8 = 72 h.
  //    In D2, 18–31 May: 18–22 and 25–29 = 10 days × 8 = 80 h.
  //    Sick Tue 12 – Wed 20 May: in D1 12, 13, 15 = 24 h; in D2 18, 19, 20 = 24 h.
  const t: EmployeeStatistics = {
    ...employee('T', 'D1', 100, [sick('2026-05-12', '2026-05-20')]),
    employments: [
      { effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
      { effectiveFrom: '2026-05-18', departmentId: 'D2', employmentPercent: 100, weeklyHours: 40 },
    ],
  };

  it('gives a small department’s rate over a month with holidays', () => {
    const report = sickLeaveReport([a, b, c], { departmentId: 'D1', from: '2026-05', to: '2026-05', today: today('2026-06-15') });
    // Scheduled 152 + 114 + 76 = 342 h; sick 32 + 15 = 47 h; 47 / 342 = 13.7427 % → 13.74.
    expect(report).toEqual({
      departmentId: 'D1',
      months: [{ month: '2026-05', employees: 3, scheduledHours: 342, sickHours: 47, ratePercent: 13.74 }],
      total: { scheduledHours: 342, sickHours: 47, ratePercent: 13.74 },
    });
  });

  it('counts an employee transferred mid-month in each department for their own days', () => {
    const all = [a, b, c, t];
    const d1 = sickLeaveReport(all, { departmentId: 'D1', from: '2026-05', to: '2026-05', today: today('2026-06-15') });
    // D1: A, B, C and T's 9 days. Scheduled 342 + 72 = 414 h; sick 47 + 24 = 71 h; 71 / 414 = 17.1498 % → 17.15.
    expect(d1.months[0]).toEqual({ month: '2026-05', employees: 4, scheduledHours: 414, sickHours: 71, ratePercent: 17.15 });
    const d2 = sickLeaveReport(all, { departmentId: 'D2', from: '2026-05', to: '2026-05', today: today('2026-06-15') });
    // D2: T's 10 days: 80 h, sick 24 h = 30 %.
    expect(d2.months[0]).toEqual({ month: '2026-05', employees: 1, scheduledHours: 80, sickHours: 24, ratePercent: 30 });
    const org = sickLeaveReport(all, { departmentId: null, from: '2026-05', to: '2026-05', today: today('2026-06-15') });
    // The organisation counts T once: 342 + 152 = 494 h; sick 47 + 48 = 95 h; 95 / 494 = 19.2308 % → 19.23.
    expect(org.months[0]).toEqual({ month: '2026-05', employees: 4, scheduledHours: 494, sickHours: 95, ratePercent: 19.23 });
    expect(org.departmentId).toBeNull();
  });

  it('lists every month of the range and totals them; a department with no one there has no rate', () => {
    // April 2026: 22 weekdays less Good Friday 3 April and Easter Monday 6 April = 20 working days.
    const report = sickLeaveReport([c], { departmentId: 'D1', from: '2026-04', to: '2026-05', today: today('2026-06-15') });
    expect(report.months).toEqual([
      { month: '2026-04', employees: 1, scheduledHours: 80, sickHours: 0, ratePercent: 0 }, // 20 × 4 h
      { month: '2026-05', employees: 1, scheduledHours: 76, sickHours: 0, ratePercent: 0 }, // 19 × 4 h
    ]);
    expect(report.total).toEqual({ scheduledHours: 156, sickHours: 0, ratePercent: 0 });
    const nobody = sickLeaveReport([c], { departmentId: 'D7', from: '2026-05', to: '2026-05', today: today('2026-06-15') });
    expect(nobody.months[0]).toEqual({ month: '2026-05', employees: 0, scheduledHours: 0, sickHours: 0, ratePercent: null });
  });

  it('runs an open-ended sick case to the end of the range but never past today', () => {
    // O: 100 %, sick from Monday 1 June 2026 with no return yet.
    // June 2026: 22 weekdays less Friday 19 June (midsommarafton) = 21 working days (6 June is a Saturday) = 168 h.
    const o = employee('O', 'D3', 100, [sick('2026-06-01', null)]);
    // Today Wed 10 June: sick 1–5 and 8–10 June = 8 days × 8 = 64 h. June is still running, so only
    // its days up to today count: scheduled 64 h too (not 168), 100 %. July has not begun: nothing.
    const early = sickLeaveReport([o], { departmentId: 'D3', from: '2026-06', to: '2026-07', today: today('2026-06-10') });
    expect(early.months).toEqual([
      { month: '2026-06', employees: 1, scheduledHours: 64, sickHours: 64, ratePercent: 100 },
      { month: '2026-07', employees: 0, scheduledHours: 0, sickHours: 0, ratePercent: null },
    ]);
    // Today Wed 15 July: all of June (168 h) and 1–3, 6–10, 13–15 July (11 days = 88 h), scheduled alike.
    const later = sickLeaveReport([o], { departmentId: 'D3', from: '2026-06', to: '2026-07', today: today('2026-07-15') });
    expect(later.months.map((m) => m.sickHours)).toEqual([168, 88]);
    expect(later.months.map((m) => m.scheduledHours)).toEqual([168, 88]);
    // A range that ends before today stops at the range's end: June only.
    const juneOnly = sickLeaveReport([o], { departmentId: 'D3', from: '2026-06', to: '2026-06', today: today('2026-07-15') });
    expect(juneOnly.total.sickHours).toBe(168);
  });

  it('counts no sick hours on days without scheduled hours (before the hire, weekends)', () => {
    const hiredLate: EmployeeStatistics = {
      ...employee('H', 'D1', 100, [sick('2026-05-04', '2026-05-08')]),
      employments: [{ effectiveFrom: '2026-05-07', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 }],
    };
    // Hired Thursday 7 May: scheduled 7, 8 and 11–29 May less the 14th = 2 + 14 = 16 days = 128 h; sick 7–8 May = 16 h.
    const report = sickLeaveReport([hiredLate], { departmentId: 'D1', from: '2026-05', to: '2026-05', today: today('2026-06-15') });
    expect(report.months[0]).toEqual({ month: '2026-05', employees: 1, scheduledHours: 128, sickHours: 16, ratePercent: 12.5 });
  });
});

/**
 * 2025 has 249 ordinary working days: 261 weekdays less 12 days off on weekdays (1 and 6 Jan,
 * 18 and 21 Apr, 1 and 29 May, 6 and 20 Jun, 24, 25, 26 and 31 Dec). At 8 h: 1 992 h a year.
 */
describe('the annual report', () => {
  // W1: sick 100 % Mon 3 March – Fri 9 May 2025: 29 + 30 + 9 = 68 calendar days (≥ 60: long-term).
  //     Working days: 10 weeks × 5 = 50, less 18 and 21 April and 1 May = 47 × 8 = 376 h.
  // W2: sick 100 % Mon 1 – Fri 5 September 2025: 5 × 8 = 40 h, not long-term.
  const staff = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      employee(`W${i + 1}`, 'D1', 100, i === 0 ? [sick('2025-03-03', '2025-05-09')] : i === 1 ? [sick('2025-09-01', '2025-09-05')] : []),
    );

  it('reports a group of 11 and gives the long-term share', () => {
    const report = annualReport(staff(11), { departmentId: 'D1', year: 2025, today: today('2026-02-01') });
    // 11 × 1 992 = 21 912 h; sick 376 + 40 = 416 h; 416 / 21 912 = 1.8985 % → 1.90.
    // Long-term share: 376 / 416 = 90.3846 % → 90.38.
    expect(report).toEqual({
      year: 2025,
      departmentId: 'D1',
      employees: 11,
      total: { scheduledHours: 21912, sickHours: 416, ratePercent: 1.9, suppressed: false },
      longTermSharePercent: 90.38,
      women: { employees: 11, ratePercent: 1.9, suppressed: false },
      men: { employees: 0, ratePercent: null, suppressed: true },
      age29OrYounger: { employees: 0, ratePercent: null, suppressed: true },
      // Born 1980: 45 during 2025.
      age30To49: { employees: 11, ratePercent: 1.9, suppressed: false },
      age50OrOlder: { employees: 0, ratePercent: null, suppressed: true },
    });
  });

  it('suppresses a unit of 10: no total, no long-term share, no group', () => {
    const report = annualReport(staff(10), { departmentId: 'D1', year: 2025, today: today('2026-02-01') });
    expect(report.total).toEqual({ scheduledHours: null, sickHours: null, ratePercent: null, suppressed: true });
    expect(report.longTermSharePercent).toBeNull();
    expect(report.women).toEqual({ employees: 10, ratePercent: null, suppressed: true });
    expect(report.age30To49).toEqual({ employees: 10, ratePercent: null, suppressed: true });
  });

  it('counts a run of sick absence that began the year before as long-term by its whole length', () => {
    // Sick Wed 20 Nov 2024 – Fri 31 Jan 2025: 11 + 31 + 31 = 73 days, so January 2025 is long-term
    // although only 31 of the days fall in 2025. January 2025: 23 weekdays less 1 and 6 Jan = 21 days = 168 h.
    // Then sick again Mon 3 – Fri 7 Nov 2025 (5 days = 40 h), not long-term: 168 / 208 = 80.7692 % → 80.77.
    const e = employee('L', 'D1', 100, [sick('2024-11-20', '2025-01-31'), sick('2025-11-03', '2025-11-07')]);
    // Suppression off (suppressAtOrBelow 0): this is about the hours, not the unit's size.
    const report = annualReport([e], { departmentId: 'D1', year: 2025, today: today('2026-02-01'), suppressAtOrBelow: 0 });
    expect(report.total.sickHours).toBe(208);
    expect(report.longTermSharePercent).toBe(80.77);
  });

  it('runs an open-ended case to today for the continuity, but counts its hours within the year only', () => {
    // Sick from Mon 1 Dec 2025, still open on 1 March 2026: 90 days and counting, so long-term.
    // December 2025: 23 weekdays less 24, 25, 26 and 31 Dec = 19 days = 152 h, all long-term.
    const e = employee('O', 'D1', 100, [sick('2025-12-01', null)]);
    // Suppression off (suppressAtOrBelow 0): this is about the hours, not the unit's size.
    const inMarch = annualReport([e], { departmentId: 'D1', year: 2025, today: today('2026-03-01'), suppressAtOrBelow: 0 });
    expect(inMarch.total.sickHours).toBe(152);
    expect(inMarch.longTermSharePercent).toBe(100);
    // Asked on 15 December 2025 the case is 15 days old: 1–5, 8–12 and 15 Dec = 11 days = 88 h, none long-term.
    const inDecember = annualReport([e], { departmentId: 'D1', year: 2025, today: today('2025-12-15'), suppressAtOrBelow: 0 });
    expect(inDecember.total.sickHours).toBe(88);
    expect(inDecember.longTermSharePercent).toBe(0);
  });

  it('counts an employee in the department they were in on each day, and once in the organisation', () => {
    // M, a man born 1996 (29 in 2025), moves from D1 to D2 on Wed 1 October 2025.
    // In D1 Jan–Sep: January 21, February 20, March 21, April 20 (22 less 18 and 21), May 20 (22 less
    // 1 and 29), June 19 (21 less 6 and 20), July 23, August 21, September 22 = 187 days = 1 496 h.
    // In D2 Oct–Dec: 249 − 187 = 62 days = 496 h.
    const m: EmployeeStatistics = {
      ...employee('M', 'D1', 100, [], { gender: 'male', birthYear: 1996 }),
      employments: [
        { effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
        { effectiveFrom: '2025-10-01', departmentId: 'D2', employmentPercent: 100, weeklyHours: 40 },
      ],
    };
    // Suppression off (suppressAtOrBelow 0): this is about the hours, not the unit's size.
    const off = { year: 2025, today: today('2026-02-01'), suppressAtOrBelow: 0 };
    expect(annualReport([m], { departmentId: 'D1', ...off }).total.scheduledHours).toBe(1496);
    expect(annualReport([m], { departmentId: 'D2', ...off }).total.scheduledHours).toBe(496);
    const org = annualReport([m, ...staff(2)], { departmentId: null, ...off });
    expect(org.employees).toBe(3);
    expect(org.men.employees).toBe(1);
    expect(org.age29OrYounger.employees).toBe(1);
    expect(org.total.scheduledHours).toBe(3 * 1992);
  });
});
