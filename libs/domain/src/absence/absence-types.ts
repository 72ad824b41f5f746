/**
 * Absence types and their PAXml 2.0 tidkod. Sick days are coded by sick day (SJK_KAR, SJK_LÖN,
 * SJK_ERS, SJK_PEN) in payroll; the rest map one to one.
 */
export const ABSENCE_TYPES = [
  'sick', // sjukdom
  'care_of_child', // vård av barn (VAB)
  'parental_leave', // föräldraledighet
  'vacation', // semester
  'leave_of_absence', // tjänstledighet
  'comp_leave', // kompledighet
  'work_injury', // arbetsskada
  'care_of_relative', // närståendevård
  'pregnancy_benefit', // havandeskapspenning
  'training', // utbildning
  'military_service', // militärtjänst
  'union_duty', // fackligt uppdrag
] as const;
export type AbsenceType = (typeof ABSENCE_TYPES)[number];

export const TIDKOD_BY_TYPE: Record<Exclude<AbsenceType, 'sick'>, string> = {
  care_of_child: 'VAB',
  parental_leave: 'FPE',
  vacation: 'SEM',
  leave_of_absence: 'TJL',
  comp_leave: 'KOM',
  work_injury: 'ASK',
  care_of_relative: 'NÄR',
  pregnancy_benefit: 'HAV',
  training: 'UTB',
  military_service: 'MIL',
  union_duty: 'FAC',
};

/** Only sick leave and VAB may be reported without a last day, until the return report. */
export const OPEN_ENDED_TYPES: readonly AbsenceType[] = ['sick', 'care_of_child'];
/** Sick leave and VAB are reported as they happen: at most one day ahead. */
export const SHORT_NOTICE_TYPES: readonly AbsenceType[] = ['sick', 'care_of_child'];

export const CHANNELS = ['web', 'mobile', 'phone', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

export const isAbsenceType = (v: unknown): v is AbsenceType => ABSENCE_TYPES.includes(v as AbsenceType);
