import {
  EmploymentPeriod,
  IsoDate,
  employmentOn,
  fromEpochDay,
  longTermSickDates,
  scheduledHours,
  toEpochDay,
} from '@ledger/swedish-rules';
import { employmentSegments, isWorkdayEpoch, workdaysBetween } from './working-calendar';

/**
 * One employee's scheduled and sick hours, per period (a month, a year) and per department they
 * belonged to on each day (docs/domain.md "Statutory sick-leave figures"; docs/http-api.md "Statistics").
 *
 * - Scheduled hours: swedish-rules `scheduledHours` on every day (see employmentSegments).
 * - Sick hours per day: scheduled hours × extentPercent / 100 of each sick case covering the day.
 * - A period still running counts its days up to today only (swedish-rules countedDays): no
 *   scheduled or sick hours of future days.
 * - An open-ended sick case runs to the end of the range asked for, but never past today.
 * - Long-term sick hours: sick hours on days that lie in continuous sick absence of 60 days or
 *   more (swedish-rules `longTermSickDates`). For that continuity an open-ended case runs to today,
 *   also beyond the range: a case that began in December and is still open in March is long-term
 *   in December too, as registered now.
 */

/** A registered sick case (latest version, not withdrawn). */
export interface SickSpellFact {
  from: IsoDate;
  /** null: open-ended until the return report. */
  to: IsoDate | null;
  extentPercent: number;
}

/** A period the figures are summed over: epoch days, both inclusive. Periods are contiguous and sorted. */
export interface Period {
  key: string;
  from: number;
  to: number;
}

export interface Hours {
  scheduled: number;
  sick: number;
  longTermSick: number;
}

/** period key → department id → hours. Only periods and departments with scheduled hours appear. */
export type HoursByPeriod = Map<string, Map<string, Hours>>;

export interface EmployeeHoursOptions {
  /** Today (Stockholm), as an epoch day: open-ended cases never run past it. */
  today: number;
  /** Compute longTermSick (it needs the sick cases next to the range too). */
  longTerm?: boolean;
  /** Continuous sick absence of at least this many days is long-term (default 60). */
  longTermDays?: number;
}

function hoursOf(byPeriod: HoursByPeriod, period: string, departmentId: string): Hours {
  let byDepartment = byPeriod.get(period);
  if (byDepartment === undefined) byPeriod.set(period, (byDepartment = new Map()));
  let h = byDepartment.get(departmentId);
  if (h === undefined) byDepartment.set(departmentId, (h = { scheduled: 0, sick: 0, longTermSick: 0 }));
  return h;
}

function periodIndexOf(periods: readonly Period[], day: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (day < periods[mid].from) hi = mid - 1;
    else if (day > periods[mid].to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function employeeHours(
  employments: readonly EmploymentPeriod[],
  sick: readonly SickSpellFact[],
  periods: readonly Period[],
  options: EmployeeHoursOptions,
): HoursByPeriod {
  const out: HoursByPeriod = new Map();
  if (periods.length === 0 || employments.length === 0) return out;
  const rangeFrom = periods[0].from;
  // Days after today are not counted: a month or year still running counts up to today.
  const rangeTo = Math.min(periods[periods.length - 1].to, options.today);
  if (rangeTo < rangeFrom) return out;

  // Scheduled hours: per employment segment and period, hours per working day × working days.
  for (const segment of employmentSegments(employments, rangeFrom, rangeTo)) {
    if (segment.hoursPerWorkday <= 0) continue;
    for (let p = Math.max(0, periodIndexOf(periods, segment.from)); p < periods.length && periods[p].from <= segment.to; p++) {
      const days = workdaysBetween(Math.max(segment.from, periods[p].from), Math.min(segment.to, periods[p].to));
      if (days > 0) hoursOf(out, periods[p].key, segment.departmentId).scheduled += segment.hoursPerWorkday * days;
    }
  }
  if (sick.length === 0) return out;

  const longTerm = options.longTerm ? longTermDatesOf(sick, options.today, options.longTermDays ?? 60) : undefined;
  const openEnd = rangeTo;
  for (const spell of sick) {
    const first = Math.max(rangeFrom, toEpochDay(spell.from));
    const last = Math.min(rangeTo, spell.to === null ? openEnd : toEpochDay(spell.to));
    for (let day = first; day <= last; day++) {
      if (!isWorkdayEpoch(day)) continue;
      const date = fromEpochDay(day);
      const scheduled = scheduledHours(employments, date);
      if (scheduled <= 0) continue;
      const p = periodIndexOf(periods, day);
      const h = hoursOf(out, periods[p].key, employmentOn(employments, date)!.departmentId);
      const sickHours = (scheduled * spell.extentPercent) / 100;
      h.sick += sickHours;
      if (longTerm?.has(date)) h.longTermSick += sickHours;
    }
  }
  return out;
}

/** The days in continuous sick absence of `minDays` or more; open-ended cases run to today. */
function longTermDatesOf(sick: readonly SickSpellFact[], today: number, minDays: number): Set<IsoDate> | undefined {
  const spells: Array<{ from: IsoDate; to: IsoDate }> = [];
  let days = 0;
  for (const s of sick) {
    const to = s.to ?? fromEpochDay(today);
    if (to < s.from) continue; // an open-ended case that begins tomorrow has no days yet
    spells.push({ from: s.from, to });
    days += toEpochDay(to) - toEpochDay(s.from) + 1;
  }
  // Fewer sick days in all than a long-term run needs: nothing to look for.
  if (days < minDays) return undefined;
  return longTermSickDates(spells, minDays);
}
