import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { AbsenceCommandRunner } from '../absence-command-runner';
import type { WithdrawAbsenceDto } from '../absence.dto';
import { AbsenceCommandResult, toResult } from './absence-command-result';

/** The absence did not happen; once attested, the withdrawal removes its payroll lines. */
export class WithdrawAbsenceCommand {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly body: WithdrawAbsenceDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(WithdrawAbsenceCommand)
export class WithdrawAbsenceHandler implements ICommandHandler<WithdrawAbsenceCommand, AbsenceCommandResult> {
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, absenceId, body, idempotencyKey }: WithdrawAbsenceCommand): Promise<AbsenceCommandResult> {
    const outcome = await this.runner.run({
      name: 'withdraw_absence',
      absenceId,
      actor,
      idempotencyKey,
      request: body,
      command: { kind: 'withdraw', reason: body.reason, expectedVersion: body.expectedVersion },
    });
    return toResult(absenceId, outcome);
  }
}
