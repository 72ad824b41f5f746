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
