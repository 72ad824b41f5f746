import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { AbsenceCommandRunner } from '../../absences/absence-command-runner';
import { AbsenceCommandResult, toResult } from '../../absences/commands/absence-command-result';

/** The manager returns a case for correction instead of attesting it. */
export class RejectAbsenceCommand {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly reason: string,
    readonly expectedVersion: number | undefined,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(RejectAbsenceCommand)
export class RejectAbsenceHandler implements ICommandHandler<RejectAbsenceCommand, AbsenceCommandResult> {
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, absenceId, reason, expectedVersion, idempotencyKey }: RejectAbsenceCommand): Promise<AbsenceCommandResult> {
    const outcome = await this.runner.run({
      name: 'reject_absence',
      absenceId,
      actor,
      idempotencyKey,
      request: { reason, expectedVersion },
      command: { kind: 'reject', reason, expectedVersion },
    });
    return toResult(absenceId, outcome);
  }
}
