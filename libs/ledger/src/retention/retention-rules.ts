import type { Employment, IsoDate, RetentionRule } from '@ledger/domain';
import { textCategoryYear } from '@ledger/personal-data';
import { fromEpochDay, toEpochDay } from '@ledger/swedish-rules';

/**
 * Retention (gallring) of personal fields, as pure rules (docs/personal-data.md, "Retention").
 *
 * - Free text (comments, reasons, notes) recorded in year Y is erased from 1 January of
 *   Y + 1 + `freeTextYears`: with the default 2, the text of 2023 goes on 2026-01-01. Free text
 *   matters while a case is handled and attested and while a payroll question about it can come
 *   up; it is not räkenskapsinformation (the attested facts are) and is kept much shorter.
 * - `afterEmploymentDays` after an employment ends (the last record's employmentPercent is 0 from
 *   its effectiveFrom), the person's name, personnummer and e-mail and all their free text are
 *   erased: from then on the ledger links the sick days only to the anonymous employee id.
 * - Payroll facts (dates, types, extents, codes, hours, the employee id) are räkenskapsinformation
 *   (bokföringslagen 7 kap. 2 §: to the end of the 7th year after the calendar year). No key
 *   protects them and no rule here erases them: they stay in the log, and after the identity is
 *   erased they belong to an employee id only.
 */
export interface RetentionSettings {
  freeTextYears: number;
  afterEmploymentDays: number;
}

export interface RetentionSubject {
  employeeId: string;
  /** Categories of the person's keys that are still live (`identity`, `text-YYYY`). */
  liveCategories: readonly string[];
  employments: readonly Employment[];
}

export interface RetentionDecision {
  employeeId: string;
  rule: RetentionRule;
  categories: string[];
}

/** The day an employment ended: the effectiveFrom of a last record with employmentPercent 0; undefined while employed. */
export function employmentEndedOn(employments: readonly Employment[]): IsoDate | undefined {
  const last = [...employments].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)).at(-1);
  return last !== undefined && last.employmentPercent <= 0 ? last.effectiveFrom : undefined;
}

/** The first day free text of `year` is no longer kept. */
export function freeTextErasedFrom(year: number, settings: RetentionSettings): IsoDate {
  return `${year + 1 + settings.freeTextYears}-01-01`;
}

/** The first day a former employee's identity and free text are no longer kept. */
export function identityErasedFrom(endedOn: IsoDate, settings: RetentionSettings): IsoDate {
  return fromEpochDay(toEpochDay(endedOn) + settings.afterEmploymentDays);
}

/** What retention erases of one person on `today` (Europe/Stockholm date); [] when nothing is due. */
export function retentionDecisions(subject: RetentionSubject, today: IsoDate, settings: RetentionSettings): RetentionDecision[] {
  const live = subject.liveCategories.filter((c) => c === 'identity' || textCategoryYear(c) !== undefined);
  if (live.length === 0) return [];
  const ended = employmentEndedOn(subject.employments);
  if (ended !== undefined && today >= identityErasedFrom(ended, settings)) {
    return [{ employeeId: subject.employeeId, rule: 'after_employment', categories: [...live].sort() }];
  }
  const oldText = live.filter((c) => {
    const year = textCategoryYear(c);
    return year !== undefined && today >= freeTextErasedFrom(year, settings);
  });
  return oldText.length > 0 ? [{ employeeId: subject.employeeId, rule: 'free_text_age', categories: oldText.sort() }] : [];
}
