import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  Actor,
  HighRiskProtectionContext,
  HighRiskProtectionEvent,
  HighRiskProtectionState,
  RecordHighRiskProtection,
  highRiskProtectionDecider,
  highRiskProtectionStreamId,
} from '@ledger/domain';
import { CommandPipeline, MasterDataReader } from '@ledger/ledger';
import type { PutHighRiskProtectionDto } from './high-risk-protection.dto';

/** HR records Försäkringskassan's decision on särskilt högriskskydd for an employee. */
export class RecordHighRiskProtectionCommand {
  constructor(
    readonly actor: Actor,
    readonly employeeId: string,
    readonly body: PutHighRiskProtectionDto,
    readonly idempotencyKey?: string,
  ) {}
}

export interface HighRiskProtectionResult {
  employeeId: string;
  from: string;
  to: string;
  version: number;
  position: string;
}

@CommandHandler(RecordHighRiskProtectionCommand)
export class RecordHighRiskProtectionHandler implements ICommandHandler<RecordHighRiskProtectionCommand, HighRiskProtectionResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
  ) {}

  async execute({ actor, employeeId, body, idempotencyKey }: RecordHighRiskProtectionCommand): Promise<HighRiskProtectionResult> {
    const command: RecordHighRiskProtection = { employeeId, from: body.from, to: body.to };
    const outcome = await this.pipeline.run<RecordHighRiskProtection, HighRiskProtectionState, HighRiskProtectionEvent, HighRiskProtectionContext>({
      name: 'record_high_risk_protection',
      streamId: highRiskProtectionStreamId(employeeId),
      decider: highRiskProtectionDecider,
      command,
      actor,
      idempotencyKey,
      request: { employeeId, ...body },
      context: async () => ({ actor, employeeKnown: (await this.masterData.employee(employeeId)).exists }),
    });
    return { employeeId, from: body.from, to: body.to, version: outcome.version, position: outcome.position.toString() };
  }
}
