import { IsoDate } from './calendar';

/** One version of the sick-leave rules (SjLL, SFB, local policy), in force from `effectiveFrom`. */
export interface SickRuleParameters {
  effectiveFrom: IsoDate;
  /** Återinsjuknande: a new spell starting at most this many calendar days after the previous period ended continues it. */
  chainGapDays: number;
  /** Högriskskydd: this many karensavdrag in the window before a period start means no karensavdrag. */
  highRiskKarensThreshold: number;
  highRiskWindowMonths: number;
  /** Last day of the sjuklöneperiod (employer pays sjuklön). */
  sickPayLastDay: number;
  /** Last day coded as sjukpenning from Försäkringskassan plus the collective agreement's top-up (SJK_ERS). */
  sicknessBenefitLastDay: number;
  /** Läkarintyg is required from this sick day. */
  medicalCertificateFromDay: number;
  /** Sjukanmälan to Försäkringskassan when sickness continues past this day … */
  fkReportAfterDay: number;
  /** … due by this sick day. */
  fkReportDueDay: number;
  /** Plan för återgång i arbete due by this sick day … */
  returnPlanDueDay: number;
  /** … when the absence is expected to last at least this many days. */
  returnPlanExpectedDays: number;
  /** Rehabiliteringsdialog after this many sick occasions … */
  rehabReviewOccasions: number;
  /** … within this many months. */
  rehabReviewWindowMonths: number;
  /** Långtidssjukfrånvaro: continuous sick absence of at least this many days. */
  longTermSickDays: number;
  /**
   * Karensavdrag as a percentage of the average weekly sick pay, in hours of the average weekly
   * working time (SjLL 6 § as from 2019-01-01, prop. 2017/18:96; SKR/Sobona cirkulär 18:54).
   */
  karensavdragPercentOfWeek: number;
  /**
   * Allmänt högriskskydd (SjLL 6 §): whether a karensavdrag that could be drawn only in part (the
   * period paid fewer hours in days 1–14 than the deduction) counts as one of the ten. The statute
   * speaks of karensavdrag made, without a size; payroll guides differ (some count only "hela
   * karensavdrag"). Default true: every period in which a karensavdrag was made counts, the reading
   * that protects the employee sooner. docs/payroll-rules.md explains the choice.
   */
  highRiskCountsPartialKarens: boolean;
  /** From this sick day on Försäkringskassan pays only 25, 50, 75 or 100 % (SFB 27 kap. 45 §). */
  fkExtentStepsFromDay: number;
}

/** The rules in force since karensavdrag replaced karensdag (2019-01-01). */
export const DEFAULT_SICK_RULES: readonly SickRuleParameters[] = Object.freeze([
  Object.freeze({
    effectiveFrom: '2019-01-01',
    chainGapDays: 5,
    highRiskKarensThreshold: 10,
    highRiskWindowMonths: 12,
    sickPayLastDay: 14,
    sicknessBenefitLastDay: 90,
    medicalCertificateFromDay: 8,
    fkReportAfterDay: 14,
    fkReportDueDay: 21,
    returnPlanDueDay: 30,
    returnPlanExpectedDays: 60,
    rehabReviewOccasions: 6,
    rehabReviewWindowMonths: 12,
    longTermSickDays: 60,
    karensavdragPercentOfWeek: 20,
    highRiskCountsPartialKarens: true,
    fkExtentStepsFromDay: 15,
  }),
]);

/**
 * The version in force on `date`: the latest `effectiveFrom <= date`. A date before every version
 * gets the earliest version (the rules are not known to have been different). Throws on an empty list.
 */
export function sickRulesOn(versions: readonly SickRuleParameters[], date: IsoDate): SickRuleParameters {
  if (versions.length === 0) throw new RangeError('No sick rule parameters given');
  let inForce: SickRuleParameters | undefined;
  let earliest = versions[0];
  for (const v of versions) {
    if (v.effectiveFrom < earliest.effectiveFrom) earliest = v;
    if (v.effectiveFrom <= date && (inForce === undefined || v.effectiveFrom >= inForce.effectiveFrom)) inForce = v;
  }
  return inForce ?? earliest;
}
