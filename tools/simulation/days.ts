import { fromEpochDay, isScheduledWorkday, localWallClockMs, toEpochDay } from '@ledger/swedish-rules';

/** A calendar day (Europe/Stockholm) as days since 1970-01-01: the simulator's unit of time. */
export type Day = number;

export const dayOf = (date: string): Day => toEpochDay(date);
export const dateOf = (day: Day): string => fromEpochDay(day);
export const monthOf = (day: Day): string => fromEpochDay(day).slice(0, 7);
/** 0 = January. */
export const monthIndexOf = (day: Day): number => Number(fromEpochDay(day).slice(5, 7)) - 1;
export const yearOf = (day: Day): number => Number(fromEpochDay(day).slice(0, 4));
export const firstDayOfMonth = (month: string): Day => toEpochDay(`${month}-01`);

/** `YYYY-MM` plus whole months. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String(index - y * 12 + 1).padStart(2, '0')}`;
}

/** The UTC instant (ms) of `hours` local wall-clock hours into `day` (Stockholm, DST-aware). */
export function instantOf(day: Day, hours: number): number {
  return localWallClockMs(fromEpochDay(day), hours);
}

const workdays = new Map<Day, boolean>();
/** Ordinary working day: Monday–Friday, not a public holiday or a day off (swedish-rules). */
export function isWorkday(day: Day): boolean {
  let w = workdays.get(day);
  if (w === undefined) workdays.set(day, (w = isScheduledWorkday(fromEpochDay(day))));
  return w;
}

/** The first working day on or after `day`. */
export function workdayOnOrAfter(day: Day): Day {
  while (!isWorkday(day)) day++;
  return day;
}

/** ISO weekday, 1 = Monday. */
export const weekdayOf = (day: Day): number => ((((day + 3) % 7) + 7) % 7) + 1;
