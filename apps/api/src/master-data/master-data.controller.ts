import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, employmentOnDate, forbidden, hasRole, notFound, stockholmDateOf } from '@ledger/domain';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { InvalidInputException } from '../http/problem-details';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';
import { Clock, CLOCK, MasterDataReader } from '@ledger/ledger';
import { DefineDepartmentCommand, MasterDataResult, RecordEmploymentCommand } from './master-data.commands';
import { PutDepartmentDto, PutEmployeeDto } from './master-data.dto';
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';
import { DepartmentResultDto, EmployeeDto, EmployeeResultDto } from './master-data-responses.dto';

function checkId(field: string, value: string): void {
  if (!ID_PATTERN.test(value)) throw new InvalidInputException([{ field, message: ID_MESSAGE }]);
}

@ApiTags('master data')
@ApiBearerAuth()
@Controller('v1')
export class MasterDataController {
  constructor(
    private readonly commands: CommandBus,
    private readonly masterData: MasterDataReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put('departments/:departmentId')
  @Roles('hr', 'integration')
  @ApiOperation({ summary: 'Define a department and its managers' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: DepartmentResultDto })
  @ApiProblems(400, 403, 409)
  async putDepartment(
    @CurrentActor() actor: Actor,
    @Param('departmentId') departmentId: string,
    @Body() body: PutDepartmentDto,
    @IdempotencyKey() key?: string,
  ) {
    checkId('departmentId', departmentId);
    const r = await this.commands.execute<DefineDepartmentCommand, MasterDataResult>(new DefineDepartmentCommand(actor, departmentId, body, key));
    return { departmentId, ...r };
  }

  @Put('employees/:employeeId')
  @Roles('hr', 'integration')
  @ApiOperation({ summary: 'Record an employment from effectiveFrom on (history is kept)' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: EmployeeResultDto })
  @ApiProblems(400, 403, 409, 422)
  async putEmployee(@CurrentActor() actor: Actor, @Param('employeeId') employeeId: string, @Body() body: PutEmployeeDto, @IdempotencyKey() key?: string) {
    checkId('employeeId', employeeId);
    const r = await this.commands.execute<RecordEmploymentCommand, MasterDataResult>(new RecordEmploymentCommand(actor, employeeId, body, key));
    return { employeeId, ...r };
  }

  @Get('employees/:employeeId')
  @ApiAccess('the employee (self), a manager of a department the employee belongs or belonged to, hr, integration, auditor', [
    'employee',
    'manager',
    'hr',
    'integration',
    'auditor',
  ])
  @ApiOperation({ summary: 'The current employment and its history' })
  @ApiOkResponse({ type: EmployeeDto })
  @ApiProblems(400, 403, 404)
  async getEmployee(@CurrentActor() actor: Actor, @Param('employeeId') employeeId: string) {
    checkId('employeeId', employeeId);
    const employee = await this.masterData.employee(employeeId);
    if (!employee.exists) throw notFound(`employee ${employeeId} not found`);
    const privileged = hasRole(actor, 'hr', 'integration', 'auditor');
    if (!privileged && actor.sub !== employeeId) {
      const managers = await this.masterData.managersOf(employee.employments.map((e) => e.departmentId));
      if (!hasRole(actor, 'manager') || !Object.values(managers).some((m) => m.includes(actor.sub))) {
        throw forbidden('you may read only yourself, or staff in departments you manage');
      }
    }
    const current = employmentOnDate(employee.employments, stockholmDateOf(this.clock.now()));
    return {
      employeeId,
      gender: employee.gender,
      birthYear: employee.birthYear,
      ...(hasRole(actor, 'hr', 'integration') ? { personalIdentityNumber: employee.personalIdentityNumber } : {}),
      current,
      history: employee.employments,
    };
  }
}
