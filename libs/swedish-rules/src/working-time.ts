import { IsoDate } from './calendar';
import { isScheduledWorkday } from './holidays';

/** One version of an employee's employment (anställning), in force from `effectiveFrom` until the next version. */
export interface EmploymentPeriod {
  effectiveFrom: IsoDate;
  departmentId: string;
  /** Sysselsättningsgrad, 0–100. 0 marks the end of the employment. */
  employmentPercent: number;
  /** Full-time weekly hours of the position (veckoarbetstid), e.g. 40. */
  weeklyHours: number;
}

/**
 * The employment version in force on `date`: the one with the latest `effectiveFrom <= date`.
 * `history` may be unsorted; of two versions with the same `effectiveFrom`, the later in the array wins.
 */
export function employmentOn(history: readonly EmploymentPeriod[], date: IsoDate): EmploymentPeriod | undefined {
  let found: EmploymentPeriod | undefined;
  for (let i = 0; i < history.length; i++) {
    const p = history[i];
    if (p.effectiveFrom <= date && (found === undefined || p.effectiveFrom >= found.effectiveFrom)) found = p;
  }
  return found;
}

/**
 * Ordinary scheduled working time (ordinarie arbetstid) on `date` in hours:
 * `weeklyHours / 5 × employmentPercent / 100` on a scheduled workday while employed, otherwise 0.
 */
export function scheduledHours(history: readonly EmploymentPeriod[], date: IsoDate): number {
  if (!isScheduledWorkday(date)) return 0;
  const p = employmentOn(history, date);
  if (p === undefined || p.employmentPercent <= 0) return 0;
  // One division keeps e.g. 40 h at 80 % exactly 6.4.
  return (p.weeklyHours * p.employmentPercent) / 500;
}
