import { addMonths, daysBetween, IsoDate } from './calendar';
import { DEFAULT_SICK_RULES, SickRuleParameters, sickRulesOn } from './parameters';
import { SickPeriod, sickDayCount, sickDayDate } from './sick-periods';

export type ObligationKind = 'medical_certificate_due' | 'fk_report_due' | 'return_plan_due' | 'rehab_review_due';

/** Something the employee or employer must do for a sick period, and by when. */
export interface Obligation {
  kind: ObligationKind;
  periodStart: IsoDate;
  dueDate: IsoDate;
}

/**
 * The obligations a sick period has given rise to by `asOf` (rules in force at the period start):
 * - läkarintyg from sick day 8: due on the date of day 8, once the period has reached day 8;
 * - sjukanmälan to Försäkringskassan when sickness continues past day 14: due on the date of day 21
 *   (projected if the period has not got that far), once the period has reached day 15;
 * - plan för återgång i arbete by day 30 when the absence is expected to last 60 days or more
 *   (`expectedLastDay`, or the period end if later, minus start plus 1), once the period has started.
 * Sick days are counted per period, chained spells included, gap days not.
 */
export function sickPeriodObligations(
  period: SickPeriod,
  opts: { asOf: IsoDate; expectedLastDay?: IsoDate; rules?: readonly SickRuleParameters[] },
): Obligation[] {
  const r = sickRulesOn(opts.rules ?? DEFAULT_SICK_RULES, period.start);
  const reached = sickDayCount(period, opts.asOf);
  const out: Obligation[] = [];
  const due = (kind: ObligationKind, day: number): void => {
    out.push({ kind, periodStart: period.start, dueDate: sickDayDate(period, day) });
  };
  if (reached >= r.medicalCertificateFromDay) due('medical_certificate_due', r.medicalCertificateFromDay);
  if (reached > r.fkReportAfterDay) due('fk_report_due', r.fkReportDueDay);
  const expectedLast = opts.expectedLastDay !== undefined && opts.expectedLastDay > period.end ? opts.expectedLastDay : period.end;
  if (period.start <= opts.asOf && daysBetween(period.start, expectedLast) + 1 >= r.returnPlanExpectedDays) {
    due('return_plan_due', r.returnPlanDueDay);
  }
  return out;
}

/**
 * Rehabiliteringsdialog (local policy): 6 or more sick occasions (periods started) in the 12 months up to
 * and including `asOf`, i.e. starts in (asOf − 12 months, asOf]. Duplicate starts count once.
 */
export function rehabReviewDue(
  periodStarts: readonly IsoDate[],
  asOf: IsoDate,
  rules: readonly SickRuleParameters[] = DEFAULT_SICK_RULES,
): boolean {
  const r = sickRulesOn(rules, asOf);
  const after = addMonths(asOf, -r.rehabReviewWindowMonths);
  const occasions = new Set(periodStarts.filter((d) => d > after && d <= asOf));
  return occasions.size >= r.rehabReviewOccasions;
}
