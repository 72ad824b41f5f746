import { fromEpochDay, IsoDate, toEpochDay } from './calendar';
import { isScheduledWorkday } from './holidays';
import { DEFAULT_SICK_RULES, SickRuleParameters } from './parameters';
import { chainPeriods, SickCode, sickDayInRun, SickSpell } from './sick-periods';

/** One calendar day of one sick absence, coded for payroll. */
export interface CodedSickDay {
  absenceId: string;
  date: IsoDate;
  /** Sjukdag within the chained period: calendar days, gap days between chained spells not counted. */
  sickDay: number;
  periodStart: IsoDate;
  code: SickCode;
  /** Ordinary working day (payroll pays hours only on these). */
  scheduled: boolean;
}

/**
 * Codes every calendar day covered by a sick spell (one entry per absence and date, sorted by date, then absence):
 * the karensavdrag day `SJK_KAR`; other days 1–14 `SJK_LÖN` (sjuklön); 15–90 `SJK_ERS` (sjukpenning plus top-up);
 * 91 on `SJK_PEN`. Bounds come from the rules in force at the period start.
 * Pass at least 12 months of sick history before the days of interest so that högriskskydd is decided right.
 *
 * With `range`, only the days in [range.from, range.to] are coded and returned: the same entries as
 * filtering the full result, but the work per call follows the range, not the whole sick history
 * (the payroll projection recodes a window of an employee's days at each attestation).
 */
export function codeSickDays(
  spells: readonly SickSpell[],
  rules: readonly SickRuleParameters[] = DEFAULT_SICK_RULES,
  range?: { from: IsoDate; to: IsoDate },
): CodedSickDay[] {
  const rangeFrom = range === undefined ? Number.NEGATIVE_INFINITY : toEpochDay(range.from);
  const rangeTo = range === undefined ? Number.POSITIVE_INFINITY : toEpochDay(range.to);
  const out: { day: number; coded: CodedSickDay }[] = [];
  for (const period of chainPeriods(spells, rules)) {
    const { sickPayLastDay, sicknessBenefitLastDay } = period.rules;
    const periodStart = fromEpochDay(period.start);
    const emittedUpTo = new Map<string, number>(); // absenceId -> last day emitted, so overlapping spells never repeat a date
    let r = 0;
    for (const item of period.items) {
      // Items are sorted by start, so the run holding item.from is at or after the previous one.
      while (period.runs[r].end < item.from) r++;
      const run = period.runs[r];
      const id = item.spell.absenceId;
      const done = emittedUpTo.get(id) ?? Number.NEGATIVE_INFINITY;
      const last = Math.min(item.to, rangeTo);
      for (let z = Math.max(item.from, done + 1, rangeFrom); z <= last; z++) {
        const sickDay = sickDayInRun(run, z);
        const date = fromEpochDay(z);
        const code: SickCode =
          z === period.karensDay
            ? 'SJK_KAR'
            : sickDay <= sickPayLastDay
              ? 'SJK_LÖN'
              : sickDay <= sicknessBenefitLastDay
                ? 'SJK_ERS'
                : 'SJK_PEN';
        out.push({ day: z, coded: { absenceId: id, date, sickDay, periodStart, code, scheduled: isScheduledWorkday(date) } });
      }
      if (item.to > done) emittedUpTo.set(id, item.to);
    }
  }
  out.sort((a, b) => a.day - b.day || (a.coded.absenceId < b.coded.absenceId ? -1 : a.coded.absenceId > b.coded.absenceId ? 1 : 0));
  return out.map((e) => e.coded);
}
