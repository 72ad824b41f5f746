import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { AbsenceCommandRunner } from '../absence-command-runner';
import type { ReportReturnDto } from '../absence.dto';
import { AbsenceCommandResult, toResult } from './absence-command-result';

/** Friskanmälan: the last day of an open-ended absence is reported. */
export class ReportReturnCommand {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly body: ReportReturnDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(ReportReturnCommand)
export class ReportReturnHandler implements ICommandHandler<ReportReturnCommand, AbsenceCommandResult> {
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, absenceId, body, idempotencyKey }: ReportReturnCommand): Promise<AbsenceCommandResult> {
    const outcome = await this.runner.run({
      name: 'report_return',
      absenceId,
      actor,
      idempotencyKey,
      request: body,
      command: { kind: 'return', lastDay: body.lastDay },
    });
    return toResult(absenceId, outcome);
  }
}
