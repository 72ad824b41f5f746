import { addDays, addMonths, daysBetween, IsoDate } from './calendar';
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

/**
 * Läkarintyg from day 8 of each sick spell on its own (SjLL 8 § 2 st: the employer need not pay sick
 * pay for time after the seventh calendar day after the sjukanmälningsdag without a doctor's
 * certificate; Försäkringskassan's employer pages and Sobona count it per sjukanmälan, also when
 * the spell is chained to an earlier one). Day 1 is the later of the spell's first day and its
 * notification day; with `preventedFromReporting` the first paid day counts as the notification day
 * (SjLL 8 § 1 st, last sentence), so day 1 is the first day.
 * Worked example: sick Tue 10 March 2026, reported that day → due Tue 17 March; reported Thu 12 → Thu 19.
 */
export function medicalCertificateDueDate(
  spell: { from: IsoDate; notifiedOn?: IsoDate; preventedFromReporting?: boolean },
  rules: readonly SickRuleParameters[] = DEFAULT_SICK_RULES,
): IsoDate {
  const anchor = !spell.preventedFromReporting && spell.notifiedOn !== undefined && spell.notifiedOn > spell.from ? spell.notifiedOn : spell.from;
  return addDays(anchor, sickRulesOn(rules, spell.from).medicalCertificateFromDay - 1);
}

/** Something that tells how long a sick period is expected to last, and since when that is known. */
export interface ExpectedDurationEvidence {
  /** The last sick day it points to (a certificate's `to`, a case's last day). */
  lastDay: IsoDate;
  /** The Stockholm date it became known (the certificate or case was recorded). */
  knownOn: IsoDate;
}

/**
 * Plan för återgång i arbete (SFB 30 kap. 6 §): when the working capacity can be assumed to be
 * reduced for at least 60 days, counted from the sick period's first day (Försäkringskassan, "Plan
 * för återgång i arbete"), the employer has a plan by the day the capacity has been reduced for 30
 * days; when that becomes known only later, at once.
 *
 * Expected to last 60 days: a piece of `evidence` reaches day 60, or the period is still open
 * (`openEnded`) and has reached day 60 (known on day 60). The due date is day 30, or the day it
 * became known when that is later. Null when nothing is known by `asOf`.
 * Worked example: sick from Mon 2 March 2026 (day 30 = 31 March, day 60 = 30 April). A certificate
 * to 30 April registered 10 March → due 31 March; the same registered 15 April → due 15 April;
 * a certificate to 29 April (59 days) → none; an open case → known and due 30 April.
 */
export function returnToWorkPlanDueDate(
  period: { start: IsoDate; openEnded: boolean; evidence: readonly ExpectedDurationEvidence[] },
  asOf: IsoDate,
  rules: readonly SickRuleParameters[] = DEFAULT_SICK_RULES,
): IsoDate | null {
  const r = sickRulesOn(rules, period.start);
  const dayN = (n: number) => addDays(period.start, n - 1);
  const day60 = dayN(r.returnPlanExpectedDays);
  let knownOn: IsoDate | null = null;
  for (const e of period.evidence) {
    if (e.lastDay < day60) continue;
    const known = e.knownOn < period.start ? period.start : e.knownOn;
    if (known <= asOf && (knownOn === null || known < knownOn)) knownOn = known;
  }
  if (period.openEnded && day60 <= asOf && (knownOn === null || day60 < knownOn)) knownOn = day60;
  if (knownOn === null) return null;
  const day30 = dayN(r.returnPlanDueDay);
  return knownOn > day30 ? knownOn : day30;
}

/** Whether one of the certificates covers `date` (a return report is not missing while one does). */
export function certificateCovers(certificates: readonly { from: IsoDate; to: IsoDate }[], date: IsoDate): boolean {
  return certificates.some((c) => c.from <= date && date <= c.to);
}
