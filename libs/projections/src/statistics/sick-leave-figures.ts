import {
  EmployeeYearFigures,
  EmploymentPeriod,
  Gender,
  IsoMonth,
  StatutoryFigures,
  eachMonth,
  epochDayOf,
  monthBounds,
  ratePercent,
  round2,
  statutorySickLeaveFigures,
  toEpochDay,
} from '@ledger/swedish-rules';
import { HoursByPeriod, Period, SickSpellFact, employeeHours } from './employee-hours';

/** What the statistics need of one employee. */
export interface EmployeeStatistics {
  employeeId: string;
  gender: Gender;
  birthYear: number;
  employments: readonly EmploymentPeriod[];
  /** Registered sick cases (latest version, not withdrawn) that can touch the period asked for. */
  sick: readonly SickSpellFact[];
}

export interface SickLeaveMonth {
  month: IsoMonth;
  /** Employees with scheduled hours in the department (or the organisation) that month. */
  employees: number;
  scheduledHours: number;
  sickHours: number;
  /** Null when there are no scheduled hours. */
  ratePercent: number | null;
}

export interface SickLeaveReport {
  departmentId: string | null;
  months: SickLeaveMonth[];
  total: { scheduledHours: number; sickHours: number; ratePercent: number | null };
}

export interface AnnualReport extends StatutoryFigures {
  departmentId: string | null;
}

export function monthPeriods(from: IsoMonth, to: IsoMonth): Period[] {
  return eachMonth(from, to).map((month) => {
    const { first, last } = monthBounds(month);
    return { key: month, from: toEpochDay(first), to: toEpochDay(last) };
  });
}

/** Sums the hours of one employee's periods within the department (or all departments when null). */
function inScope(byDepartment: Map<string, { scheduled: number; sick: number; longTermSick: number }> | undefined, departmentId: string | null) {
  const sum = { scheduled: 0, sick: 0, longTermSick: 0 };
  if (byDepartment === undefined) return sum;
  for (const [d, h] of byDepartment) {
    if (departmentId !== null && d !== departmentId) continue;
    sum.scheduled += h.scheduled;
    sum.sick += h.sick;
    sum.longTermSick += h.longTermSick;
  }
  return sum;
}

/** Figures built one employee at a time, so a reader can stream employees page by page. */
export interface Accumulator<R> {
  add(employee: EmployeeStatistics): void;
  result(): R;
}

/**
 * Sick leave per month (GET /v1/stats/sick-leave): scheduled and sick hours of the employees in
 * the department on each day (or the whole organisation), summed per month. Rates come from the
 * unrounded sums; hours are given to 2 decimals.
 */
export function sickLeaveAccumulator(query: { departmentId: string | null; from: IsoMonth; to: IsoMonth; today: number }): Accumulator<SickLeaveReport> {
  const periods = monthPeriods(query.from, query.to);
  const sums = periods.map(() => ({ employees: 0, scheduled: 0, sick: 0 }));
  return {
    add(e) {
      const hours: HoursByPeriod = employeeHours(e.employments, e.sick, periods, { today: query.today });
      for (let i = 0; i < periods.length; i++) {
        const h = inScope(hours.get(periods[i].key), query.departmentId);
        if (h.scheduled <= 0) continue;
        sums[i].employees++;
        sums[i].scheduled += h.scheduled;
        sums[i].sick += h.sick;
      }
    },
    result() {
      let scheduled = 0;
      let sick = 0;
      const months = periods.map((p, i) => {
        scheduled += sums[i].scheduled;
        sick += sums[i].sick;
        return {
          month: p.key,
          employees: sums[i].employees,
          scheduledHours: round2(sums[i].scheduled),
          sickHours: round2(sums[i].sick),
          ratePercent: ratePercent(sums[i].sick, sums[i].scheduled),
        };
      });
      return {
        departmentId: query.departmentId,
        months,
        total: { scheduledHours: round2(scheduled), sickHours: round2(sick), ratePercent: ratePercent(sick, scheduled) },
      };
    },
  };
}

export function sickLeaveReport(
  employees: Iterable<EmployeeStatistics>,
  query: { departmentId: string | null; from: IsoMonth; to: IsoMonth; today: number },
): SickLeaveReport {
  const acc = sickLeaveAccumulator(query);
  for (const e of employees) acc.add(e);
  return acc.result();
}

/**
 * The statutory figures of one year (GET /v1/stats/annual-report), from swedish-rules
 * `statutorySickLeaveFigures`: each employee's hours in the department on each day (or the whole
 * organisation) in the year; groups of 10 or fewer employees are suppressed. The employees' sick
 * cases must include those next to the year that continue a run into it (long-term share).
 */
export function annualReportAccumulator(query: { departmentId: string | null; year: number; today: number; suppressAtOrBelow?: number }): Accumulator<AnnualReport> {
  const period: Period = { key: String(query.year), from: epochDayOf(query.year, 1, 1), to: epochDayOf(query.year, 12, 31) };
  const rows: EmployeeYearFigures[] = [];
  return {
    add(e) {
      const hours = employeeHours(e.employments, e.sick, [period], { today: query.today, longTerm: true });
      const h = inScope(hours.get(period.key), query.departmentId);
      if (h.scheduled <= 0) return;
      rows.push({
        employeeId: e.employeeId,
        gender: e.gender,
        birthYear: e.birthYear,
        scheduledHours: h.scheduled,
        sickHours: h.sick,
        longTermSickHours: h.longTermSick,
      });
    },
    result() {
      return { ...statutorySickLeaveFigures(query.year, rows, { suppressAtOrBelow: query.suppressAtOrBelow }), departmentId: query.departmentId };
    },
  };
}

export function annualReport(
  employees: Iterable<EmployeeStatistics>,
  query: { departmentId: string | null; year: number; today: number; suppressAtOrBelow?: number },
): AnnualReport {
  const acc = annualReportAccumulator(query);
  for (const e of employees) acc.add(e);
  return acc.result();
}
