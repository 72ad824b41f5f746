import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputException } from '../http/problem-details';
import type { AbsenceCommandResult } from './commands/absence-command-result';

/** The `:id` of an absence route: a UUID, or 400 naming `id`. */
export const absenceIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new InvalidInputException([{ field: 'id', message: 'must be a UUID' }]),
});

/** What every absence command answers over HTTP: `{ absenceId, version, position }`. */
export const commandResponse = ({ absenceId, version, position }: AbsenceCommandResult) => ({ absenceId, version, position });
