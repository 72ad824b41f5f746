import { PAYROLL_PERIOD_PATTERN, stockholmDateOf } from '@ledger/domain';
import { InvalidInputException } from '../http/problem-details';

/** The first payroll period the ledger knows (absences start 2000-01-01 at the earliest). */
export const FIRST_PERIOD = '2000-01';
/** How far ahead a period may be read: planned absence is accepted up to about two years ahead. */
export const MONTHS_AHEAD = 24;

/**
 * Checks the `{month}` path parameter: a month `YYYY-MM` from 2000-01 to 24 months after the
 * current month (Stockholm). Answers 400 naming the field `month` otherwise.
 */
export function checkPeriod(month: string, now: Date): string {
  if (!PAYROLL_PERIOD_PATTERN.test(month)) {
    throw new InvalidInputException([{ field: 'month', message: 'must be a month YYYY-MM' }]);
  }
  const current = stockholmDateOf(now).slice(0, 7);
  const y = Number(current.slice(0, 4));
  const m = Number(current.slice(5, 7)) - 1 + MONTHS_AHEAD;
  const last = `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  if (month < FIRST_PERIOD || month > last) {
    throw new InvalidInputException([{ field: 'month', message: `must be a month from ${FIRST_PERIOD} to ${last}` }]);
  }
  return month;
}
