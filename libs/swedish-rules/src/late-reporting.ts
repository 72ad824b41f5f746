import { addDays, fromEpochDay, IsoDate, toEpochDay } from './calendar';
import { hoursBetweenMs, Instant, instantMs, localDateOf, localMidnightMs, localWallClockMs } from './stockholm-time';

export type AbsenceType =
  | 'sick'
  | 'care_of_child'
  | 'parental_leave'
  | 'vacation'
  | 'leave_of_absence'
  | 'comp_leave'
  | 'work_injury'
  | 'care_of_relative'
  | 'pregnancy_benefit'
  | 'training'
  | 'military_service'
  | 'union_duty';

export interface LatePolicy {
  /**
   * Hours after 00:00 local time of the first absence day after which a report is late; undefined = never late.
   * Counted on the local wall clock, so 24 is the end of that day even when a DST change makes it 23 or 25 hours long.
   */
  reportGraceHours: Partial<Record<AbsenceType, number>>;
  /** Hours after 00:00 local time of the first day back after which a return report (friskanmälan) is late (wall clock). */
  returnGraceHours: number;
}

/**
 * Unplanned absence: the types reported as they happen, the only ones with a reporting latency.
 * Work injury is sickness (SjLL: it is in the sick pay period like any sickness). Planned absence
 * (vacation, leave), reported weeks ahead, has none: mixed in it would make medians meaningless.
 */
export const UNPLANNED_ABSENCE_TYPES: readonly AbsenceType[] = Object.freeze(['sick', 'care_of_child', 'work_injury'] as const);

/** Sick, work-injury and VAB reports are late after the end of the first absence day; returns after the end of the first day back. */
export const DEFAULT_LATE_POLICY: LatePolicy = Object.freeze({
  reportGraceHours: Object.freeze({ sick: 24, care_of_child: 24, work_injury: 24 }),
  returnGraceHours: 24,
});

/**
 * Report latency: `recordedAt` minus 00:00 local time of the first absence day, in hours; a report
 * made ahead counts as 0 (a latency is never negative).
 */
export function reportLatencyHours(firstDay: IsoDate, recordedAt: Instant): number {
  return Math.max(0, hoursBetweenMs(localMidnightMs(toEpochDay(firstDay)), instantMs(recordedAt)));
}

/**
 * Return latency: `recordedAt` minus 24:00 local time of the last absence day, in hours; a
 * friskanmälan made in advance counts as 0 (never negative).
 */
export function returnLatencyHours(lastDay: IsoDate, recordedAt: Instant): number {
  return Math.max(0, hoursBetweenMs(localMidnightMs(toEpochDay(lastDay) + 1), instantMs(recordedAt)));
}

/** Whether an absence report (sjukanmälan, VAB-anmälan …) first recorded at `recordedAt` is late under `policy`. */
export function isReportLate(type: AbsenceType, firstDay: IsoDate, recordedAt: Instant, policy: LatePolicy = DEFAULT_LATE_POLICY): boolean {
  const grace = policy.reportGraceHours[type];
  if (grace === undefined) return false;
  return instantMs(recordedAt) > localWallClockMs(firstDay, grace);
}

/** Whether a friskanmälan recorded at `recordedAt` is late: after the end of the first day back by default. */
export function isReturnLate(lastDay: IsoDate, recordedAt: Instant, policy: LatePolicy = DEFAULT_LATE_POLICY): boolean {
  return instantMs(recordedAt) > localWallClockMs(addDays(lastDay, 1), policy.returnGraceHours);
}

/**
 * Sjuklön is not owed for days before the sick report: the dates from `from` to `to` that lie before
 * the Stockholm calendar date of `recordedAt`.
 */
export function daysBeforeReport(from: IsoDate, to: IsoDate, recordedAt: Instant): IsoDate[] {
  const first = toEpochDay(from);
  const last = Math.min(toEpochDay(to), toEpochDay(localDateOf(recordedAt)) - 1);
  const out: IsoDate[] = [];
  for (let z = first; z <= last; z++) out.push(fromEpochDay(z));
  return out;
}
