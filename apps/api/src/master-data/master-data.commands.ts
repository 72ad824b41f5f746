import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  Actor,
  DefineDepartment,
  DepartmentCommand,
  RecordEmployment,
  departmentDecider,
  departmentStreamId,
  employeeDecider,
  employeeStreamId,
  invalid,
} from '@ledger/domain';
import Personnummer from 'personnummer';
import { CommandPipeline, MasterDataReader } from '@ledger/ledger';
import type { PutDepartmentDto, PutEmployeeDto, PutSubstituteDto } from './master-data.dto';

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
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
  ) {}

  async execute({ actor, departmentId, body, idempotencyKey }: DefineDepartmentCommand): Promise<MasterDataResult> {
    const command: DefineDepartment = { departmentId, name: body.name, managerIds: body.managerIds, parentId: body.parentId };
    const parentId = body.parentId;
    const outcome = await this.pipeline.run({
      name: 'define_department',
      streamId: departmentStreamId(departmentId),
      decider: departmentDecider,
      command,
      actor,
      idempotencyKey,
      request: body,
      context: async () => {
        if (!parentId) return { actor };
        const chain = await this.masterData.chain(parentId);
        return { actor, parentChain: chain.length > 0 ? chain.map((d) => d.departmentId) : undefined };
      },
    });
    return { version: outcome.version, position: outcome.position.toString() };
  }
}

/** A manager of the department or above, or HR, appoints a substitute (ersättare) for a span of days, or ends the appointment. */
export class SubstituteCommand {
  constructor(
    readonly actor: Actor,
    readonly departmentId: string,
    readonly employeeId: string,
    /** A span appoints; null ends the appointment at once. */
    readonly span: PutSubstituteDto | null,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(SubstituteCommand)
export class SubstituteHandler implements ICommandHandler<SubstituteCommand, MasterDataResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
  ) {}

  async execute({ actor, departmentId, employeeId, span, idempotencyKey }: SubstituteCommand): Promise<MasterDataResult> {
    const command: DepartmentCommand = span
      ? { kind: 'appoint_substitute', employeeId, from: span.from, to: span.to }
      : { kind: 'end_substitute', employeeId };
    const outcome = await this.pipeline.run({
      name: span ? 'appoint_substitute' : 'end_substitute',
      streamId: departmentStreamId(departmentId),
      decider: departmentDecider,
      command,
      actor,
      idempotencyKey,
      request: { employeeId, span },
      context: async (_state, now) => ({
        actor,
        now,
        managersHereAndAbove: (await this.masterData.chain(departmentId)).flatMap((d) => d.managerIds),
        substituteIsEmployee: span ? (await this.masterData.employee(employeeId)).exists : undefined,
      }),
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
    if (typeof body.personalIdentityNumber === 'string' && !Personnummer.valid(body.personalIdentityNumber)) {
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
      // Left out (undefined) keeps what is recorded; null clears it.
      personalIdentityNumber: body.personalIdentityNumber,
      name: body.name,
      email: body.email,
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
