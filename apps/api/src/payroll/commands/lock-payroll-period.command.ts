import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, LockPayrollPeriod, payrollPeriodDecider, payrollPeriodStreamId } from '@ledger/domain';
import { CommandPipeline } from '@ledger/ledger';

export interface LockPayrollPeriodResult {
  period: string;
  status: 'locked';
  version: number;
  position: string;
}

/** Payroll locks a period after its run (lönekörning); later changes to it become adjustment lines. */
export class LockPayrollPeriodCommand {
  constructor(
    readonly actor: Actor,
    readonly period: string,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(LockPayrollPeriodCommand)
export class LockPayrollPeriodHandler implements ICommandHandler<LockPayrollPeriodCommand, LockPayrollPeriodResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  async execute({ actor, period, idempotencyKey }: LockPayrollPeriodCommand): Promise<LockPayrollPeriodResult> {
    const command: LockPayrollPeriod = { period };
    const outcome = await this.pipeline.run({
      name: 'lock_payroll_period',
      streamId: payrollPeriodStreamId(period),
      decider: payrollPeriodDecider,
      command,
      actor,
      idempotencyKey,
      request: { period },
      context: async (_state, now) => ({ actor, now }),
    });
    // Locking again records nothing and answers the position of the lock.
    return { period, status: 'locked', version: outcome.version, position: outcome.position.toString() };
  }
}
