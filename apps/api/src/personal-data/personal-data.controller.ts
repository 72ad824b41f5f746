import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { InvalidInputException } from '../http/problem-details';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';
import { ErasePersonCommand } from './erase-person.command';
import { PersonalDataCopyQuery } from './personal-data-copy.query';
import { ErasureDto, ErasureResponse, PersonalDataCopyDto } from './personal-data.dto';
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';

function checkId(value: string): void {
  if (!ID_PATTERN.test(value)) throw new InvalidInputException([{ field: 'employeeId', message: ID_MESSAGE }]);
}

@ApiTags('personal data')
@ApiBearerAuth()
@Controller('v1')
export class PersonalDataController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('employees/:employeeId/erasure')
  @HttpCode(200)
  @Roles('hr')
  @ApiOperation({
    summary: 'Erase a person (GDPR art. 17): destroys their keys; name, personnummer and free text read as null everywhere from now on (hr)',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ErasureResponse })
  @ApiProblems(400, 403, 404, 409)
  async erase(@CurrentActor() actor: Actor, @Param('employeeId') employeeId: string, @Body() body: ErasureDto, @IdempotencyKey() key?: string) {
    checkId(employeeId);
    return this.commands.execute<ErasePersonCommand, ErasureResponse>(new ErasePersonCommand(actor, employeeId, body.reason, key));
  }

  @Get('employees/:employeeId/personal-data')
  @Roles('employee', 'manager', 'hr')
  @ApiAccess('the employee themselves, hr')
  @ApiOkResponse({ type: PersonalDataCopyDto })
  @ApiProblems(400, 403, 404)
  @ApiOperation({
    summary: 'Everything the ledger holds about the person (GDPR art. 15): master data, cases with their history, reminders, the access log of their health data (the person themselves, hr)',
  })
  async copy(@CurrentActor() actor: Actor, @Param('employeeId') employeeId: string) {
    checkId(employeeId);
    return this.queries.execute(new PersonalDataCopyQuery(actor, employeeId));
  }
}
