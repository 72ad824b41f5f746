import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { AbsenceCommandRunner } from '../../absences/absence-command-runner';
import { AbsenceCommandResult, toResult } from '../../absences/commands/absence-command-result';

/** Beslutsattest: a manager of the employee's department attests one exact version of a case. */
export class AttestAbsenceCommand {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly expectedVersion: number,
    readonly idempotencyKey?: string,
    readonly preventedFromReporting?: boolean,
  ) {}
}

@CommandHandler(AttestAbsenceCommand)
export class AttestAbsenceHandler implements ICommandHandler<AttestAbsenceCommand, AbsenceCommandResult> {
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, absenceId, expectedVersion, idempotencyKey, preventedFromReporting }: AttestAbsenceCommand): Promise<AbsenceCommandResult> {
    const outcome = await this.runner.run({
      name: 'attest_absence',
      absenceId,
      actor,
      idempotencyKey,
      request: preventedFromReporting === undefined ? { expectedVersion } : { expectedVersion, preventedFromReporting },
      command: { kind: 'attest', expectedVersion, preventedFromReporting },
    });
    return toResult(absenceId, outcome);
  }
}
