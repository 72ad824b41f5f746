import { ValidationOptions, registerDecorator } from 'class-validator';
import { isValidIsoDate } from '@ledger/domain';

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isValidIsoDate(value) },
    });
}

/** A month written YYYY-MM. */
export function IsCalendarMonth(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarMonth',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a month YYYY-MM`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidIsoDate(`${value}-01`) },
    });
}

/** An id: 1–64 characters of letters, digits, '-', '_' and '.'. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ID_MESSAGE = 'must be 1–64 characters of letters, digits, ".", "_" and "-", starting with a letter or digit';

/** RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, a real calendar date and time. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isRfc3339(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = RFC3339.exec(value);
  return m !== null && isValidIsoDate(m[1]) && Number.isFinite(Date.parse(value));
}

/** A timestamp in RFC 3339 (e.g. 2026-12-03T10:00:00Z); other ISO 8601 forms (weeks, basic format) are refused. */
export function IsRfc3339(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRfc3339',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an RFC 3339 timestamp, e.g. 2026-12-03T10:00:00Z`, ...options },
      validator: { validate: (value: unknown) => isRfc3339(value) },
    });
}
