import { PipeTransform } from '@nestjs/common';
import { InvalidInputException } from '../http/problem-details';
import type { AbsenceCommandResult } from './commands/absence-command-result';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An absence id in its canonical form: a UUID in lower case (upper and lower case name the same case). */
export function canonicalAbsenceId(value: string): string {
  return value.toLowerCase();
}

/** The `:id` of an absence route: a UUID, canonical lower case, or 400 naming `id`. */
export const absenceIdPipe: PipeTransform<unknown, string> = {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw new InvalidInputException([{ field: 'id', message: 'must be a UUID' }]);
    return canonicalAbsenceId(value);
  },
};

/** What every absence command answers over HTTP: `{ absenceId, version, position }`. */
export const commandResponse = ({ absenceId, version, position }: AbsenceCommandResult) => ({ absenceId, version, position });
