import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';
import { InvalidInputException } from '../http/problem-details';
import { ReadYourWrites } from '../http/read-your-writes';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';
import { absenceIdPipe, commandResponse } from './absence-route-helpers';
import { AbsenceCommandResultDto, AbsenceHistoryDto, AbsenceViewDto, EmployeeAbsencesDto } from './absence-responses.dto';
import { AsOfQueryDto, EmployeeAbsencesQueryDto } from './absence-queries.dto';
import { CorrectAbsenceDto, MedicalCertificateDto, ReportAbsenceDto, ReportReturnDto, WithdrawAbsenceDto } from './absence.dto';
import { AbsenceCommandResult } from './commands/absence-command-result';
import { CorrectAbsenceCommand } from './commands/correct-absence.command';
import { RegisterMedicalCertificateCommand } from './commands/register-medical-certificate.command';
import { ReportAbsenceCommand } from './commands/report-absence.command';
import { ReportReturnCommand } from './commands/report-return.command';
import { WithdrawAbsenceCommand } from './commands/withdraw-absence.command';
import { AbsenceHistoryQuery } from './queries/absence-history.query';
import { EmployeeAbsencesQuery } from './queries/employee-absences.query';
import { GetAbsenceQuery } from './queries/get-absence.query';


@ApiTags('absences')
@ApiBearerAuth()
@Controller('v1')
export class AbsencesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('absences')
  @Roles('employee', 'manager', 'hr')
  @ApiAccess('the employee (self), a manager of the employee’s department, hr')
  @ApiOperation({
    summary: 'Report an absence (frånvaroanmälan / sjukanmälan)',
    description: 'With a client-chosen `absenceId`, a retry with the same body answers 200 with the original result; another body answers 409.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: AbsenceCommandResultDto, description: 'The case was created' })
  @ApiOkResponse({ type: AbsenceCommandResultDto, description: 'A replay of the same absenceId or Idempotency-Key with the same body' })
  @ApiProblems(400, 403, 404, 409, 422)
  async report(
    @CurrentActor() actor: Actor,
    @Body() body: ReportAbsenceDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute<ReportAbsenceCommand, AbsenceCommandResult>(new ReportAbsenceCommand(actor, body, key));
    void reply.status(outcome.created ? 201 : 200);
    return commandResponse(outcome);
  }

  @Post('absences/:id/return')
  @HttpCode(200)
  @Roles('employee', 'manager', 'hr')
  @ApiAccess('the employee (self), a manager of the case’s or the employee’s department, hr')
  @ApiOperation({ summary: 'Report the return to work (friskanmälan) of an open-ended absence' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AbsenceCommandResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async reportReturn(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string, @Body() body: ReportReturnDto, @IdempotencyKey() key?: string) {
    return commandResponse(await this.commands.execute(new ReportReturnCommand(actor, id, body, key)));
  }

  @Post('absences/:id/corrections')
  @HttpCode(200)
  @Roles('employee', 'manager', 'hr')
  @ApiAccess('the employee (self), a manager of the case’s or the employee’s department, hr')
  @ApiOperation({ summary: 'Correct type, dates or extent; an attested case then needs a new attestation' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AbsenceCommandResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async correct(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string, @Body() body: CorrectAbsenceDto, @IdempotencyKey() key?: string) {
    return commandResponse(await this.commands.execute(new CorrectAbsenceCommand(actor, id, body, key)));
  }

  @Post('absences/:id/withdrawal')
  @HttpCode(200)
  @Roles('employee', 'manager', 'hr')
  @ApiAccess('the employee (self), a manager of the case’s or the employee’s department, hr')
  @ApiOperation({ summary: 'Withdraw an absence that did not happen' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AbsenceCommandResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async withdraw(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string, @Body() body: WithdrawAbsenceDto, @IdempotencyKey() key?: string) {
    return commandResponse(await this.commands.execute(new WithdrawAbsenceCommand(actor, id, body, key)));
  }

  @Post('absences/:id/medical-certificates')
  @HttpCode(200)
  @Roles('employee', 'manager', 'hr')
  @ApiAccess('the employee (self), a manager of the case’s or the employee’s department, hr')
  @ApiOperation({ summary: 'Register a doctor’s certificate (läkarintyg)' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AbsenceCommandResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async medicalCertificate(
    @CurrentActor() actor: Actor,
    @Param('id', absenceIdPipe) id: string,
    @Body() body: MedicalCertificateDto,
    @IdempotencyKey() key?: string,
  ) {
    return commandResponse(await this.commands.execute(new RegisterMedicalCertificateCommand(actor, id, body, key)));
  }

  @Get('absences/:id')
  @ApiAccess('the employee (self), a manager of the case’s or the employee’s department, hr, auditor (the read is recorded)', ['employee', 'manager', 'hr', 'auditor'])
  @ApiOperation({ summary: 'One case, now or as known at asOf' })
  @ApiOkResponse({ type: AbsenceViewDto })
  @ApiProblems(400, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queries.execute(new GetAbsenceQuery(actor, id, query.asOf ? new Date(query.asOf) : undefined));
  }

  @Get('absences/:id/history')
  @ApiAccess('the employee (self), a manager of the case’s or the employee’s department, hr, auditor (the read is recorded)', ['employee', 'manager', 'hr', 'auditor'])
  @ApiOperation({ summary: 'Every event of a case with actor, recordedAt and hash chain' })
  @ApiOkResponse({ type: AbsenceHistoryDto })
  @ApiProblems(400, 403, 404)
  async history(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string) {
    return this.queries.execute(new AbsenceHistoryQuery(actor, id));
  }

  @Get('employees/:employeeId/absences')
  @ApiAccess('the employee (self), a manager of the employee’s department, hr, auditor (the read is recorded)', ['employee', 'manager', 'hr', 'auditor'])
  @ApiOperation({ summary: 'An employee’s cases overlapping [from, to], as known at asOf (default now)' })
  @ApiOkResponse({ type: EmployeeAbsencesDto })
  @ApiProblems(400, 403, 503)
  async employeeAbsences(@CurrentActor() actor: Actor, @Param('employeeId') employeeId: string, @Query() query: EmployeeAbsencesQueryDto) {
    if (!ID_PATTERN.test(employeeId)) throw new InvalidInputException([{ field: 'employeeId', message: ID_MESSAGE }]);
    if (query.to < query.from) throw new InvalidInputException([{ field: 'to', message: 'must not be before from' }]);
    await this.readYourWrites.await('absences', query.minPosition);
    const absences = await this.queries.execute(
      new EmployeeAbsencesQuery(actor, employeeId, query.from, query.to, query.asOf ? new Date(query.asOf) : undefined),
    );
    return { employeeId, from: query.from, to: query.to, asOf: query.asOf ?? null, absences };
  }
}
