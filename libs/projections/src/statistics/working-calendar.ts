import { epochDayOf, EmploymentPeriod, fromEpochDay, isLeapYear, isScheduledWorkday, scheduledHours, toEpochDay } from '@ledger/swedish-rules';

/**
 * Calendar work for statistics, memoized: which days are ordinary working days
 * (`isScheduledWorkday`: Monday–Friday, not a public holiday nor midsommar-, jul- or nyårsafton),
 * and how many of them lie between two days. A year is asked of swedish-rules once, then every
 * count is two array reads, so a year of 40 000 employees is counted per employment period rather
 * than per day.
 *
 * Days are "epoch days" (days since 1970-01-01), as swedish-rules' calendar counts them.
 */

interface YearTable {
  /** Epoch day of 1 January. */
  start: number;
  /** 1 for an ordinary working day, per day of the year. */
  workday: Uint8Array;
  /** cumulative[i] = working days among the year's first i days. */
  cumulative: Int32Array;
}

const tables = new Map<number, YearTable>();

function tableOf(year: number): YearTable {
  let t = tables.get(year);
  if (t === undefined) {
    const start = epochDayOf(year, 1, 1);
    const length = isLeapYear(year) ? 366 : 365;
    const workday = new Uint8Array(length);
    const cumulative = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      workday[i] = isScheduledWorkday(fromEpochDay(start + i)) ? 1 : 0;
      cumulative[i + 1] = cumulative[i] + workday[i];
    }
    t = { start, workday, cumulative };
    tables.set(year, t);
  }
  return t;
}

/** The calendar year of an epoch day. */
export function yearOfEpochDay(day: number): number {
  let y = 1970 + Math.floor(day / 365.2425);
  while (epochDayOf(y, 1, 1) > day) y--;
  while (epochDayOf(y + 1, 1, 1) <= day) y++;
  return y;
}

/** Whether an epoch day is an ordinary working day (memoized `isScheduledWorkday`). */
export function isWorkdayEpoch(day: number): boolean {
  const t = tableOf(yearOfEpochDay(day));
  return t.workday[day - t.start] === 1;
}

/** Ordinary working days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export function workdaysBetween(from: number, to: number): number {
  let count = 0;
  let day = from;
  while (day <= to) {
    const t = tableOf(yearOfEpochDay(day));
    const last = Math.min(to, t.start + t.workday.length - 1);
    count += t.cumulative[last - t.start + 1] - t.cumulative[day - t.start];
    day = last + 1;
  }
  return count;
}

/** The first ordinary working day from `from` to `to`, or undefined when there is none. */
export function firstWorkdayBetween(from: number, to: number): number | undefined {
  for (let day = from; day <= to; day++) if (isWorkdayEpoch(day)) return day;
  return undefined;
}

/** A stretch of days in which one employment version is in force. */
export interface EmploymentSegment {
  /** Epoch days, both inclusive. */
  from: number;
  to: number;
  departmentId: string;
  /** `scheduledHours` on each ordinary working day of the segment (0 when it has none). */
  hoursPerWorkday: number;
}

/**
 * The employment history cut into segments within [from, to] (epoch days), one per version in
 * force, each with the hours swedish-rules' `scheduledHours` gives on its working days.
 *
 * `scheduledHours(history, date)` depends only on whether the date is an ordinary working day and
 * on the version in force that day, so it has one value on every working day of a segment: it is
 * asked once per segment, on the segment's first working day, and that answer stands for the rest.
 * Days before the first version belong to no segment (not employed yet).
 */
export function employmentSegments(history: readonly EmploymentPeriod[], from: number, to: number): EmploymentSegment[] {
  const sorted = [...history].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  const out: EmploymentSegment[] = [];
  for (let i = 0; i < sorted.length; i++) {
    // Of two versions with the same effectiveFrom the later one is in force (swedish-rules' employmentOn).
    if (i + 1 < sorted.length && sorted[i + 1].effectiveFrom === sorted[i].effectiveFrom) continue;
    const start = Math.max(from, toEpochDay(sorted[i].effectiveFrom));
    const end = Math.min(to, i + 1 < sorted.length ? toEpochDay(sorted[i + 1].effectiveFrom) - 1 : to);
    if (end < start) continue;
    const firstWorkday = firstWorkdayBetween(start, end);
    const hoursPerWorkday = firstWorkday === undefined ? 0 : scheduledHours(history, fromEpochDay(firstWorkday));
    out.push({ from: start, to: end, departmentId: sorted[i].departmentId, hoursPerWorkday });
  }
  return out;
}
