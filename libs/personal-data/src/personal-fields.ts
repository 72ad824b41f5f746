import { KeyCategory, isEnvelope, parseEnvelope, textCategory } from './envelope';
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
  // A reminder's details may quote a person's free text (a rejection's reason).
  NotificationRaised: [
    { field: 'details.reason', kind: 'text' },
    { field: 'details.comment', kind: 'text' },
    { field: 'details.note', kind: 'text' },
  ],
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
  // A value that is already a well-formed envelope (copied from a sealed event or read model) stays as it is.
  const present = fields.filter((f) => {
    const v = valueAt(data, f.field);
    return typeof v === 'string' && !(isEnvelope(v) && parseEnvelope(v) !== undefined);
  });
  if (present.length === 0) return data;
  if (subject === undefined || subject === '') throw new Error(`${type}: personal fields without a person to seal them for`);
  const out = { ...data };
  for (const f of present) {
    const sealed = await cipher.seal(subject, categoryOf(f.kind, recordedAt), valueAt(data, f.field) as string);
    const path = f.field.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) {
      target[part] = { ...(target[part] as Record<string, unknown>) };
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = sealed;
  }
  return out;
}

/** The value at a dotted path (`details.reason`), undefined where the path does not exist. */
function valueAt(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Keys made ahead of use: when an employee is recorded, their identity key and this and next
 * year's free-text keys (the daily retention job keeps making them for everyone), so reports during the year find their key in the store (or the cache) instead of
 * making and durably storing one on the request's path.
 */
export async function prepareKeys(cipher: PersonalDataCipher, type: string, subject: string | undefined, at: Date): Promise<void> {
  if (type !== 'EmploymentRecorded' || subject === undefined || !cipher.enabled) return;
  await cipher.ensureKey(subject, 'identity');
  for (const category of textCategoriesAhead(at)) await cipher.ensureKey(subject, category);
}

/** This year's and next year's free-text categories: made ahead, so the turn of the year makes no key on a request's path. */
export function textCategoriesAhead(at: Date): KeyCategory[] {
  const year = at.getUTCFullYear();
  return [`text-${year}`, `text-${year + 1}`];
}
