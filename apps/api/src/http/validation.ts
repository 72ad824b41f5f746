import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@ledger/domain';
import { InvalidInputException } from './problem-details';

/** Flattens class-validator's tree into one entry per offending field (`a.b[0].c`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...fieldErrors(e.children, field));
  }
  return out;
}

/** Whitelisted DTOs only: unknown fields are rejected, every offending field is named. */
export function ledgerValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(fieldErrors(errors)),
  });
}
