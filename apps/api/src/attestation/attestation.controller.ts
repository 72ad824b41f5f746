import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { absenceIdPipe, commandResponse } from '../absences/absence-route-helpers';
import { IdempotencyKey } from '../http/idempotency-key';
import { InvalidInputException } from '../http/problem-details';
import { limitOf } from '../http/list-page';
import { ReadYourWrites } from '../http/read-your-writes';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';
import { AttestAbsenceDto, PendingAttestationsPageDto, PendingAttestationsQueryDto, RejectAbsenceDto } from './attestation.dto';
import { AttestAbsenceCommand } from './commands/attest-absence.command';
import { RejectAbsenceCommand } from './commands/reject-absence.command';
import { PendingAttestationsQuery } from './queries/pending-attestations.query';
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';
import { AbsenceCommandResultDto } from '../absences/absence-responses.dto';


@ApiTags('attestation')
@ApiBearerAuth()
@Controller('v1')
export class AttestationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('absences/:id/attestation')
  @HttpCode(200)
  @Roles('manager')
  @ApiAccess('a manager of the case’s department, never for their own absence')
  @ApiOperation({ summary: 'Attest (beslutsattest) the exact version of a case' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AbsenceCommandResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async attest(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string, @Body() body: AttestAbsenceDto, @IdempotencyKey() key?: string) {
    return commandResponse(await this.commands.execute(new AttestAbsenceCommand(actor, id, body.expectedVersion, key, body.preventedFromReporting)));
  }

  @Post('absences/:id/rejection')
  @HttpCode(200)
  @Roles('manager')
  @ApiAccess('a manager of the case’s department, never for their own absence')
  @ApiOperation({ summary: 'Return a case to the employee for correction' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AbsenceCommandResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async reject(@CurrentActor() actor: Actor, @Param('id', absenceIdPipe) id: string, @Body() body: RejectAbsenceDto, @IdempotencyKey() key?: string) {
    return commandResponse(await this.commands.execute(new RejectAbsenceCommand(actor, id, body.reason, body.expectedVersion, key)));
  }

  @Get('departments/:departmentId/pending-attestations')
  @Roles('manager', 'hr')
  @ApiAccess('a manager or substitute of the department, a manager above it, hr')
  @ApiOperation({
    summary: 'Cases attested in the department, by first day, paginated',
    description:
      'The cases whose attestation falls to this department (who attests: a manager of the case department other than the employee, ' +
      "that day's substitute, else a manager of the nearest department above), with those that came up from below marked `routedFrom`. " +
      'Readable by its managers and substitutes, the managers above it, and HR. Unknown department: 404.',
  })
  @ApiOkResponse({ type: PendingAttestationsPageDto })
  @ApiProblems(400, 403, 404, 503)
  async pending(@CurrentActor() actor: Actor, @Param('departmentId') departmentId: string, @Query() query: PendingAttestationsQueryDto) {
    if (!ID_PATTERN.test(departmentId)) throw new InvalidInputException([{ field: 'departmentId', message: ID_MESSAGE }]);
    await this.readYourWrites.await('absences', query.minPosition);
    return this.queries.execute(new PendingAttestationsQuery(actor, departmentId, query.after, limitOf(query)));
  }
}
