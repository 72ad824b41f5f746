import { KeyCategory, textCategory } from './envelope';
import type { PersonalDataCipher } from './personal-data-cipher';

/**
 * Which fields of which events are personal, and under which of the person's keys each is
 * sealed. Everything else in an event is stored as it is (ids, dates, types, extents, codes):
 * the aggregates (statistics, payroll) are computed from those alone, so erasing these fields
 * never changes a figure. docs/personal-data.md lists every field with its legal basis.
 */
export type FieldKind = 'identity' | 'text';

export const PERSONAL_FIELDS: Readonly<Record<string, readonly { field: string; kind: FieldKind }[]>> = {
  EmploymentRecorded: [
    { field: 'name', kind: 'identity' },
    { field: 'email', kind: 'identity' },
    { field: 'personalIdentityNumber', kind: 'identity' },
  ],
  AbsenceReported: [{ field: 'comment', kind: 'text' }],
  AbsenceCorrected: [{ field: 'reason', kind: 'text' }],
  AbsenceWithdrawn: [{ field: 'reason', kind: 'text' }],
  AbsenceRejected: [{ field: 'reason', kind: 'text' }],
  ObservationRecorded: [{ field: 'note', kind: 'text' }],
};

export function hasPersonalFields(type: string): boolean {
  return PERSONAL_FIELDS[type] !== undefined;
}

export function categoryOf(kind: FieldKind, recordedAt: Date): KeyCategory {
  return kind === 'identity' ? 'identity' : textCategory(recordedAt);
}

/**
 * The event's data with its personal fields sealed under `subject`'s keys. A field that is absent
 * stays absent; null stays null; a string becomes an envelope (or null for an erased person).
 */
export async function sealEventData(
  cipher: PersonalDataCipher,
  type: string,
  data: Record<string, unknown>,
  subject: string | undefined,
  recordedAt: Date,
): Promise<Record<string, unknown>> {
  const fields = PERSONAL_FIELDS[type];
  if (!fields || !cipher.enabled) return data;
  const present = fields.filter((f) => typeof data[f.field] === 'string');
  if (present.length === 0) return data;
  if (subject === undefined || subject === '') throw new Error(`${type}: personal fields without a person to seal them for`);
  const out = { ...data };
  for (const f of present) out[f.field] = await cipher.seal(subject, categoryOf(f.kind, recordedAt), data[f.field] as string);
  return out;
}
