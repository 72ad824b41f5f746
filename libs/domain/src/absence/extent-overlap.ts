import type { IsoDate } from '../shared/dates';

/** An absence that counts towards the 100 % a day can hold (not withdrawn). */
export interface ActiveAbsence {
  absenceId: string;
  from: IsoDate;
  to: IsoDate | null;
  extentPercent: number;
}

const OPEN_END = '9999-12-31';

/**
 * The ids of the other absences that, together with the candidate, would put some day above
 * 100 %. Empty when the candidate fits. Works on date breakpoints, not day by day, so a
 * multi-year absence costs no more than a short one.
 */
export function overExtentConflicts(candidate: ActiveAbsence, others: readonly ActiveAbsence[]): string[] {
  const cFrom = candidate.from;
  const cTo = candidate.to ?? OPEN_END;
  const overlapping = others.filter(
    (o) => o.absenceId !== candidate.absenceId && o.from <= cTo && (o.to ?? OPEN_END) >= cFrom,
  );
  if (overlapping.length === 0) return [];
  // Segment starts: the candidate's start and every start/end+1 of an overlapping absence inside it.
  const starts = new Set<IsoDate>([cFrom]);
  for (const o of overlapping) {
    if (o.from > cFrom) starts.add(o.from);
    const end = o.to ?? OPEN_END;
    if (end < cTo) starts.add(dayAfter(end));
  }
  const conflicts = new Set<string>();
  for (const day of [...starts].sort()) {
    const present = overlapping.filter((o) => o.from <= day && (o.to ?? OPEN_END) >= day);
    const total = present.reduce((sum, o) => sum + o.extentPercent, candidate.extentPercent);
    if (total > 100) for (const o of present) conflicts.add(o.absenceId);
  }
  return [...conflicts].sort();
}

function dayAfter(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
