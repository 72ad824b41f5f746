import type { IsoDate } from '@ledger/swedish-rules';

/**
 * Discrepancies (avvikelser) between observed and registered absence (docs/domain.md
 * "Discrepancies"; GET /v1/discrepancies). For each employee and date the latest observation counts:
 *
 * - "absent" on a day no registered absence covers (no case, or only withdrawn ones):
 *   `unreported_absence`, absenceId null. A partial absence is registered absence: no discrepancy.
 * - "present" on a day registered as fully absent (the active cases covering it add up to 100 %):
 *   `absent_but_working`, absenceId = the covering case with the largest extent (ties: the earliest
 *   first day, then the smallest id). An open-ended case covers every day from its first on.
 *
 * An entry disappears as soon as the ledger agrees: it is computed from the registered cases as
 * they are now.
 */

export type DiscrepancyKind = 'unreported_absence' | 'absent_but_working';

export interface ObservationFact {
  employeeId: string;
  /** The department the employee belonged to on `date`. */
  departmentId: string | null;
  date: IsoDate;
  kind: 'absent' | 'present';
  source: string;
  recordedAt: string;
}

/** A registered case (latest version, not withdrawn), of any type. */
export interface RegisteredCase {
  absenceId: string;
  from: IsoDate;
  to: IsoDate | null;
  extentPercent: number;
}

export interface Discrepancy {
  employeeId: string;
  date: IsoDate;
  /** The department the employee belonged to on `date` (whose managers answer for it). */
  departmentId: string | null;
  kind: DiscrepancyKind;
  observation: { source: string; recordedAt: string };
  absenceId: string | null;
}

/** The discrepancies of one employee's latest observations against their registered cases. */
export function discrepanciesOf(observations: readonly ObservationFact[], cases: readonly RegisteredCase[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const o of observations) {
    const covering = cases.filter((c) => c.from <= o.date && (c.to === null || o.date <= c.to));
    const extent = covering.reduce((sum, c) => sum + c.extentPercent, 0);
    const observation = { source: o.source, recordedAt: o.recordedAt };
    if (o.kind === 'absent' && covering.length === 0) {
      out.push({ employeeId: o.employeeId, date: o.date, departmentId: o.departmentId, kind: 'unreported_absence', observation, absenceId: null });
    } else if (o.kind === 'present' && extent >= 100) {
      const main = [...covering].sort(
        (a, b) => b.extentPercent - a.extentPercent || cmp(a.from, b.from) || cmp(a.absenceId, b.absenceId),
      )[0];
      out.push({ employeeId: o.employeeId, date: o.date, departmentId: o.departmentId, kind: 'absent_but_working', observation, absenceId: main.absenceId });
    }
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted by date, then employee. */
export function byDateAndEmployee(a: Discrepancy, b: Discrepancy): number {
  return cmp(a.date, b.date) || cmp(a.employeeId, b.employeeId);
}
