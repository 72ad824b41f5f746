import { IsoDate } from './calendar';

/**
 * The days of a statistics period that are counted: a month or year still running counts its days
 * up to today only, never future days (their scheduled hours would dilute the rate: a December rate
 * of 1.17 % on the 3rd). Null when the period has not begun.
 * Worked example: December 2026 asked on 3 December → 1–3 December; November → all of it.
 */
export function countedDays(period: { from: IsoDate; to: IsoDate }, today: IsoDate): { from: IsoDate; to: IsoDate } | null {
  if (period.from > today) return null;
  return { from: period.from, to: period.to < today ? period.to : today };
}
