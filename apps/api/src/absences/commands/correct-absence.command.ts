import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { AbsenceCommandRunner } from '../absence-command-runner';
import type { CorrectAbsenceDto } from '../absence.dto';
import { AbsenceCommandResult, toResult } from './absence-command-result';

/** A correction of type, dates or extent; an attested case then needs a new attestation. */
export class CorrectAbsenceCommand {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly body: CorrectAbsenceDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(CorrectAbsenceCommand)
export class CorrectAbsenceHandler implements ICommandHandler<CorrectAbsenceCommand, AbsenceCommandResult> {
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, absenceId, body, idempotencyKey }: CorrectAbsenceCommand): Promise<AbsenceCommandResult> {
    const outcome = await this.runner.run({
      name: 'correct_absence',
      absenceId,
      actor,
      idempotencyKey,
      request: body,
      command: { kind: 'correct', ...body },
    });
    return toResult(absenceId, outcome);
  }
}
