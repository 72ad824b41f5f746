import { ratePercent, round2 } from './percentiles';

/**
 * Obligatorisk redovisning av sjukfrånvaro i kommunens årsredovisning:
 * Lag (1997:614) om kommunal redovisning 4 kap. 1 a §, carried on in LKBR (2018:597) 11 kap.
 * "Sådan uppgift skall inte lämnas om antalet anställda i gruppen är högst tio eller om uppgiften
 * kan hänföras till en enskild individ"; prop. 2002/03:6: it shall not be possible to trace sick
 * absence to an individual from what the annual report gives.
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
  /** All null and `suppressed` for a unit of 10 or fewer employees. */
  total: { scheduledHours: number | null; sickHours: number | null; ratePercent: number | null; suppressed: boolean };
  /** Share of sick hours in continuous sick absence of 60 days or more; null when suppressed. */
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

function group(s: Sums, suppressed: boolean): GroupFigure {
  return { employees: s.employees, ratePercent: suppressed ? null : ratePercent(s.sickHours, s.scheduledHours), suppressed };
}

/**
 * Complementary suppression over groups that together make up the total (women, men and the rest
 * that is never shown; the three age groups). With the total shown, the suppressed groups taken
 * together can be worked out from the total and the groups shown: so their employees together must
 * be none or more than `limit`. While they are not, the smallest group still shown is suppressed
 * too. Returns, for each group, whether it is suppressed.
 * Worked example: 11 women and 10 men: men (10) suppressed, so women too (10 + 11 = 21 > 10).
 * Age groups 3 / 5 / 13: 3 and 5 are suppressed, together 8 ≤ 10, so 13 is too.
 */
export function complementarySuppression(employees: readonly number[], hidden: readonly boolean[], limit: number): boolean[] {
  const suppressed = employees.map((n, i) => hidden[i] || n <= limit);
  const sumSuppressed = () => employees.reduce((sum, n, i) => (suppressed[i] ? sum + n : sum), 0);
  for (;;) {
    const sum = sumSuppressed();
    if (sum === 0 || sum > limit) return suppressed;
    let smallest = -1;
    for (let i = 0; i < employees.length; i++) {
      if (!suppressed[i] && (smallest < 0 || employees[i] < employees[smallest])) smallest = i;
    }
    if (smallest < 0) return suppressed;
    suppressed[smallest] = true;
  }
}

/**
 * The statutory sick-leave figures of one year. Only employees with scheduled hours count. Age is the age
 * reached during the year (`year − birthYear`). Rates are computed from the unrounded sums; total hours
 * are rounded to 2 decimals.
 *
 * Suppression (4 kap. 1 a §, prop. 2002/03:6), so that no figure covering `suppressAtOrBelow` (10)
 * or fewer employees is shown or can be worked out from those shown:
 * - a unit of 10 or fewer: no total, no long-term share, no group (`total.suppressed`);
 * - a group of 10 or fewer is suppressed (null, not zero);
 * - complementary groups (see complementarySuppression): women / men / other genders, and the
 *   three age groups.
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
  const rest = empty();
  const young = empty();
  const middle = empty();
  const older = empty();
  for (const row of rows) {
    if (!(row.scheduledHours > 0)) continue;
    add(total, row);
    longTermSickHours += row.longTermSickHours;
    add(row.gender === 'female' ? women : row.gender === 'male' ? men : rest, row);
    const age = year - row.birthYear;
    add(age <= 29 ? young : age <= 49 ? middle : older, row);
  }
  const unitSuppressed = total.employees <= limit;
  const [womenOff, menOff] = unitSuppressed
    ? [true, true]
    : complementarySuppression([women.employees, men.employees, rest.employees], [false, false, true], limit);
  const [youngOff, middleOff, olderOff] = unitSuppressed
    ? [true, true, true]
    : complementarySuppression([young.employees, middle.employees, older.employees], [false, false, false], limit);
  return {
    year,
    employees: total.employees,
    total: unitSuppressed
      ? { scheduledHours: null, sickHours: null, ratePercent: null, suppressed: true }
      : {
          scheduledHours: round2(total.scheduledHours),
          sickHours: round2(total.sickHours),
          ratePercent: ratePercent(total.sickHours, total.scheduledHours),
          suppressed: false,
        },
    longTermSharePercent: unitSuppressed ? null : ratePercent(longTermSickHours, total.sickHours),
    women: group(women, womenOff),
    men: group(men, menOff),
    age29OrYounger: group(young, youngOff),
    age30To49: group(middle, middleOff),
    age50OrOlder: group(older, olderOff),
  };
}
