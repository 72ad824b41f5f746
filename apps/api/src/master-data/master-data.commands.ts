import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  Actor,
  DefineDepartment,
  RecordEmployment,
  departmentDecider,
  departmentStreamId,
  employeeDecider,
  employeeStreamId,
  invalid,
} from '@ledger/domain';
import Personnummer from 'personnummer';
import { CommandPipeline, MasterDataReader } from '@ledger/ledger';
import type { PutDepartmentDto, PutEmployeeDto } from './master-data.dto';

export interface MasterDataResult {
  version: number;
  position: string;
}

/** HR or the master-data sync defines a department and who manages it. */
export class DefineDepartmentCommand {
  constructor(
    readonly actor: Actor,
    readonly departmentId: string,
    readonly body: PutDepartmentDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(DefineDepartmentCommand)
export class DefineDepartmentHandler implements ICommandHandler<DefineDepartmentCommand, MasterDataResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  async execute({ actor, departmentId, body, idempotencyKey }: DefineDepartmentCommand): Promise<MasterDataResult> {
    const command: DefineDepartment = { departmentId, name: body.name, managerIds: body.managerIds };
    const outcome = await this.pipeline.run({
      name: 'define_department',
      streamId: departmentStreamId(departmentId),
      decider: departmentDecider,
      command,
      actor,
      idempotencyKey,
      request: body,
      context: async () => ({ actor }),
    });
    return { version: outcome.version, position: outcome.position.toString() };
  }
}

/** HR or the master-data sync records an employment from a date on (a hire, a transfer, a new extent). */
export class RecordEmploymentCommand {
  constructor(
    readonly actor: Actor,
    readonly employeeId: string,
    readonly body: PutEmployeeDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(RecordEmploymentCommand)
export class RecordEmploymentHandler implements ICommandHandler<RecordEmploymentCommand, MasterDataResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
  ) {}

  async execute({ actor, employeeId, body, idempotencyKey }: RecordEmploymentCommand): Promise<MasterDataResult> {
    if (body.personalIdentityNumber !== undefined && !Personnummer.valid(body.personalIdentityNumber)) {
      throw invalid('personalIdentityNumber', 'is not a valid Swedish personal identity number (date or check digit)');
    }
    const command: RecordEmployment = {
      employeeId,
      departmentId: body.departmentId,
      gender: body.gender,
      birthYear: body.birthYear,
      employmentPercent: body.employmentPercent,
      weeklyHours: body.weeklyHours ?? 40,
      effectiveFrom: body.effectiveFrom,
      personalIdentityNumber: body.personalIdentityNumber ?? null,
    };
    const outcome = await this.pipeline.run({
      name: 'record_employment',
      streamId: employeeStreamId(employeeId),
      decider: employeeDecider,
      command,
      actor,
      idempotencyKey,
      request: body,
      context: async () => ({ actor, departmentExists: (await this.masterData.department(body.departmentId)).exists }),
    });
    return { version: outcome.version, position: outcome.position.toString() };
  }
}
