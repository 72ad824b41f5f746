/**
 * Domain errors name the rule that was broken; the HTTP edge maps each kind to a status
 * (validation 400, forbidden 403, not_found 404, conflict 409, rule 422).
 */
export type DomainErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly errors: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string) =>
  new DomainError('validation', `${field}: ${message}`, [{ field, message }]);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('conflict', message, [], details);
export const ruleBroken = (field: string, message: string) =>
  new DomainError('rule', `${field}: ${message}`, [{ field, message }]);
