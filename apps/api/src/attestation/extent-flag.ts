import type { AbsenceState } from '@ledger/domain';
import { EXTENT_NOT_PAYABLE_FLAG, EmploymentPeriod, IsoDate, SickPaySpell, codeSickPay, isFkPayableExtent, isSickness, localDateOf } from '@ledger/swedish-rules';

/**
 * The pending list's day-15 flag (`extent_not_payable_from_day_15`): the case is sickness with an
 * extent other than 25, 50, 75 or 100 % on a day from sick day 15 of its chained sick pay period,
 * which Försäkringskassan does not pay (SFB 27 kap. 45 §), so the manager corrects it before
 * payroll. Coded exactly as payroll codes it (swedish-rules codeSickPay over the employee's
 * registered sickness cases, open-ended ones up to today), so the list and the payroll line agree.
 */
export function extentNotPayableFromDay15(
  target: Pick<AbsenceState, 'absenceId' | 'type' | 'from' | 'to' | 'extentPercent'>,
  cases: readonly AbsenceState[],
  employments: readonly EmploymentPeriod[],
  today: IsoDate,
): boolean {
  // Most cases are at 100 %: nothing to code.
  if (!isSickness(target.type) || isFkPayableExtent(target.extentPercent)) return false;
  const spells: SickPaySpell[] = [];
  for (const c of cases) {
    if (!c.exists || c.withdrawn || !isSickness(c.type)) continue;
    const to = c.to ?? (c.from > today ? c.from : today);
    spells.push({
      absenceId: c.absenceId,
      from: c.from,
      to,
      extentPercent: c.extentPercent,
      notifiedOn: localDateOf(c.employerNotifiedAt || c.reportedAt),
      preventedFromReporting: c.preventedFromReporting === true,
    });
  }
  if (!spells.some((s) => s.absenceId === target.absenceId)) return false;
  const range = { from: target.from, to: target.to ?? (target.from > today ? target.from : today) };
  return codeSickPay({ spells, employments, range }).lines.some((l) => l.absenceId === target.absenceId && l.flags.includes(EXTENT_NOT_PAYABLE_FLAG));
}
