import { Body, Controller, Delete, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DepartmentState, EmployeeState, employmentOnDate, forbidden, hasRole, notFound, stockholmDateOf } from '@ledger/domain';
import { ALL, BY_DEPARTMENT, DEPARTMENT_COLLECTION, EMPLOYEE_COLLECTION } from '@ledger/projections';
import { limitOf } from '../http/list-page';
import { ReadYourWrites } from '../http/read-your-writes';
import { DepartmentScope, ProjectionsService } from '@ledger/ledger';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { InvalidInputException } from '../http/problem-details';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';
import { CLOCK, Clock } from '@ledger/ledger';
import { MasterDataReader } from '@ledger/ledger';
import { DefineDepartmentCommand, MasterDataResult, RecordEmploymentCommand, SubstituteCommand } from './master-data.commands';
import {
  DepartmentDetailDto,
  DepartmentListDto,
  DepartmentListQueryDto,
  EmployeeListDto,
  EmployeeListQueryDto,
  PutDepartmentDto,
  PutEmployeeDto,
  PutSubstituteDto,
} from './master-data.dto';

/** A department's employee list reads at most this many records of the read model. */
const DEPARTMENT_EMPLOYEES_CAP = 5000;
const PAGE = 500;
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';
import { DepartmentResultDto, EmployeeDto, EmployeeResultDto, SubstituteResultDto } from './master-data-responses.dto';

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
    private readonly projections: ProjectionsService,
    private readonly scope: DepartmentScope,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('departments')
  @Roles('manager', 'hr', 'payroll', 'auditor')
  @ApiOperation({ summary: 'Every department with its parent and managers, by id (paginated)' })
  @ApiOkResponse({ type: DepartmentListDto })
  @ApiProblems(400, 403, 503)
  async listDepartments(@Query() query: DepartmentListQueryDto) {
    await this.readYourWrites.await('master-data', query.minPosition);
    const limit = limitOf(query);
    const docs = await this.projections.readStore.list<{ state: DepartmentState }>(
      this.projections.namespaceOf('master-data'),
      DEPARTMENT_COLLECTION,
      { index: ALL, value: '*' },
      { after: query.after, limit: limit + 1 },
    );
    const page = docs.slice(0, limit);
    return {
      departments: page.map((d) => ({
        departmentId: d.key,
        name: d.value.state.name,
        parentId: d.value.state.parentId ?? null,
        managerIds: d.value.state.managerIds,
      })),
      next: docs.length > limit ? page[page.length - 1].key : null,
    };
  }

  @Get('departments/:departmentId')
  @Roles('manager', 'hr', 'auditor')
  @ApiOperation({
    summary: 'A department: parent, managers, substitutes and its employees today',
    description: 'Readable by its managers and substitutes (within their span), the managers above it, HR and auditors.',
  })
  @ApiAccess('its managers and substitutes (within the span), the managers above it, hr, auditor')
  @ApiOkResponse({ type: DepartmentDetailDto })
  @ApiProblems(400, 403, 404, 503)
  async getDepartment(@CurrentActor() actor: Actor, @Param('departmentId') departmentId: string, @Query() query: DepartmentListQueryDto) {
    checkId('departmentId', departmentId);
    const d = await this.masterData.department(departmentId);
    if (!d.exists) throw notFound(`department ${departmentId} not found`);
    if (!hasRole(actor, 'hr', 'auditor') && !(await this.scope.actsAsManagerOfOrAbove(actor, departmentId))) {
      throw forbidden('only the managers and substitutes of the department, the managers above it, hr and auditors read it');
    }
    await this.readYourWrites.await('master-data', query.minPosition);
    const employees: Array<{ employeeId: string; name: string | null }> = [];
    const today = stockholmDateOf(this.clock.now());
    let after: string | undefined;
    for (let read = 0; read < DEPARTMENT_EMPLOYEES_CAP; read += PAGE) {
      const docs = await this.employeesOf(departmentId, after, PAGE);
      for (const e of docs) {
        if (employmentOnDate(e.value.state.employments, today)?.departmentId === departmentId) {
          employees.push({ employeeId: e.key, name: e.value.state.name ?? null });
        }
      }
      if (docs.length < PAGE) break;
      after = docs[docs.length - 1].key;
    }
    return {
      departmentId,
      name: d.name,
      parentId: d.parentId,
      managerIds: d.managerIds,
      substitutes: d.substitutes,
      employees,
    };
  }

  @Put('departments/:departmentId/substitutes/:employeeId')
  @Roles('manager', 'hr')
  @ApiOperation({
    summary: 'Appoint a substitute (ersättare) for a span of days',
    description:
      'By a manager of the department or above it, or HR. During the span the substitute attests and rejects the department\'s cases ' +
      '(never their own) with the manager role in their token, and reads its pending list. `to` before `from`: 400; longer than a year ' +
      'or not an employee: 422; an unknown department: 404.',
  })
  @ApiAccess('a manager of the department or above it, hr')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: SubstituteResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async putSubstitute(
    @CurrentActor() actor: Actor,
    @Param('departmentId') departmentId: string,
    @Param('employeeId') employeeId: string,
    @Body() body: PutSubstituteDto,
    @IdempotencyKey() key?: string,
  ) {
    checkId('departmentId', departmentId);
    checkId('employeeId', employeeId);
    const r = await this.commands.execute<SubstituteCommand, MasterDataResult>(new SubstituteCommand(actor, departmentId, employeeId, body, key));
    return { departmentId, employeeId, ...r };
  }

  @Delete('departments/:departmentId/substitutes/:employeeId')
  @Roles('manager', 'hr')
  @ApiOperation({ summary: 'End a substitute appointment at once' })
  @ApiAccess('a manager of the department or above it, hr')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: SubstituteResultDto })
  @ApiProblems(400, 403, 404, 409)
  async deleteSubstitute(
    @CurrentActor() actor: Actor,
    @Param('departmentId') departmentId: string,
    @Param('employeeId') employeeId: string,
    @IdempotencyKey() key?: string,
  ) {
    checkId('departmentId', departmentId);
    checkId('employeeId', employeeId);
    const r = await this.commands.execute<SubstituteCommand, MasterDataResult>(new SubstituteCommand(actor, departmentId, employeeId, null, key));
    return { departmentId, employeeId, ...r };
  }

  @Get('employees')
  @Roles('manager', 'hr', 'auditor')
  @ApiOperation({
    summary: 'Employees with their names, by id (paginated)',
    description:
      'With departmentId: those who work there today. A manager (or substitute, within the span) sees their own departments only; ' +
      'without departmentId, all of them. An unknown department: 404.',
  })
  @ApiAccess('manager: the departments they manage or substitute in; hr, auditor: all')
  @ApiOkResponse({ type: EmployeeListDto })
  @ApiProblems(400, 403, 404, 503)
  async listEmployees(@CurrentActor() actor: Actor, @Query() query: EmployeeListQueryDto) {
    const limit = limitOf(query);
    const today = stockholmDateOf(this.clock.now());
    let departments: string[] | null;
    if (query.departmentId !== undefined) {
      if (!(await this.masterData.department(query.departmentId)).exists) throw notFound(`department ${query.departmentId} not found`);
      if (!hasRole(actor, 'hr', 'auditor') && !(await this.scope.actsAsManagerOfOrAbove(actor, query.departmentId))) {
        throw forbidden(`you may list only the employees of departments you manage`);
      }
      departments = [query.departmentId];
    } else {
      departments = hasRole(actor, 'hr', 'auditor') ? null : await this.scope.actingDepartments(actor);
    }
    await this.readYourWrites.await('master-data', query.minPosition);
    const found: Array<{ employeeId: string; name: string | null; departmentId: string | null }> = [];
    for (const source of departments ?? [null]) {
      let after = query.after;
      let taken = 0;
      // Each source in key order; taking limit + 1 from each and merging is enough for one page.
      while (taken <= limit) {
        const docs = await this.employeesOf(source, after, PAGE);
        for (const e of docs) {
          const current = employmentOnDate(e.value.state.employments, today)?.departmentId ?? null;
          if (source !== null && current !== source) continue;
          found.push({ employeeId: e.key, name: e.value.state.name ?? null, departmentId: current });
          if (++taken > limit) break;
        }
        if (docs.length < PAGE) break;
        after = docs[docs.length - 1].key;
      }
    }
    const sorted = [...new Map(found.map((e) => [e.employeeId, e])).values()].sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
    const page = sorted.slice(0, limit);
    return { employees: page, next: sorted.length > limit ? page[page.length - 1].employeeId : null };
  }

  /** Employees of the master-data read model, in key order: all of them, or those who ever belonged to a department. */
  private employeesOf(departmentId: string | null, after: string | undefined, limit: number) {
    const index = departmentId === null ? { index: ALL, value: '*' } : { index: BY_DEPARTMENT, value: departmentId };
    return this.projections.readStore.list<{ state: EmployeeState }>(this.projections.namespaceOf('master-data'), EMPLOYEE_COLLECTION, index, { after, limit });
  }

  @Put('departments/:departmentId')
  @Roles('hr', 'integration')
  @ApiOperation({ summary: 'Define a department, its managers and its parent (unknown parent 404; a cycle 422)' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: DepartmentResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
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
      name: employee.name,
      email: employee.email,
      gender: employee.gender,
      birthYear: employee.birthYear,
      ...(hasRole(actor, 'hr', 'integration') ? { personalIdentityNumber: employee.personalIdentityNumber } : {}),
      current,
      history: employee.employments,
    };
  }
}
