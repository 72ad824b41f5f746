import { ratePercent, round2 } from './percentiles';

/**
 * Obligatorisk redovisning av sjukfrånvaro i kommunens årsredovisning:
 * Lag (1997:614) om kommunal redovisning 4 kap. 1 a §, carried on in LKBR (2018:597) 11 kap.
 */

export type Gender = 'female' | 'male' | 'other' | 'unknown';

/** One employee's totals for the year. */
export interface EmployeeYearFigures {
  employeeId: string;
  gender: Gender;
  birthYear: number;
  /** Ordinarie arbetstid in the year. */
  scheduledHours: number;
  sickHours: number;
  /** Sick hours that fall in continuous sick absence of 60 days or more. */
  longTermSickHours: number;
}

/** A group's sick absence as a percentage of the group's own ordinary working time. */
export interface GroupFigure {
  employees: number;
  /** Null when suppressed or when the group has no working time. */
  ratePercent: number | null;
  /** True for a group of 10 or fewer employees: the figure is not reported (it is not zero). */
  suppressed: boolean;
}

export interface StatutoryFigures {
  year: number;
  employees: number;
  total: { scheduledHours: number; sickHours: number; ratePercent: number | null };
  /** Share of sick hours in continuous sick absence of 60 days or more. */
  longTermSharePercent: number | null;
  women: GroupFigure;
  men: GroupFigure;
  age29OrYounger: GroupFigure;
  age30To49: GroupFigure;
  age50OrOlder: GroupFigure;
}

interface Sums {
  employees: number;
  scheduledHours: number;
  sickHours: number;
}

const empty = (): Sums => ({ employees: 0, scheduledHours: 0, sickHours: 0 });

function add(s: Sums, row: EmployeeYearFigures): void {
  s.employees++;
  s.scheduledHours += row.scheduledHours;
  s.sickHours += row.sickHours;
}

function group(s: Sums, suppressAtOrBelow: number): GroupFigure {
  const suppressed = s.employees <= suppressAtOrBelow;
  return { employees: s.employees, ratePercent: suppressed ? null : ratePercent(s.sickHours, s.scheduledHours), suppressed };
}

/**
 * The statutory sick-leave figures of one year. Only employees with scheduled hours count. Age is the age
 * reached during the year (`year − birthYear`). Groups of `suppressAtOrBelow` (10) or fewer employees are suppressed.
 * Total hours are rounded to 2 decimals; rates are computed from the unrounded sums.
 */
export function statutorySickLeaveFigures(
  year: number,
  rows: readonly EmployeeYearFigures[],
  opts: { suppressAtOrBelow?: number } = {},
): StatutoryFigures {
  const limit = opts.suppressAtOrBelow ?? 10;
  const total = empty();
  let longTermSickHours = 0;
  const women = empty();
  const men = empty();
  const young = empty();
  const middle = empty();
  const older = empty();
  for (const row of rows) {
    if (!(row.scheduledHours > 0)) continue;
    add(total, row);
    longTermSickHours += row.longTermSickHours;
    if (row.gender === 'female') add(women, row);
    else if (row.gender === 'male') add(men, row);
    const age = year - row.birthYear;
    add(age <= 29 ? young : age <= 49 ? middle : older, row);
  }
  return {
    year,
    employees: total.employees,
    total: {
      scheduledHours: round2(total.scheduledHours),
      sickHours: round2(total.sickHours),
      ratePercent: ratePercent(total.sickHours, total.scheduledHours),
    },
    longTermSharePercent: ratePercent(longTermSickHours, total.sickHours),
    women: group(women, limit),
    men: group(men, limit),
    age29OrYounger: group(young, limit),
    age30To49: group(middle, limit),
    age50OrOlder: group(older, limit),
  };
}
