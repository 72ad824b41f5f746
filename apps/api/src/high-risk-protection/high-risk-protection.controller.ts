import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';
import { InvalidInputException } from '../http/problem-details';
import { ID_MESSAGE, ID_PATTERN } from '../http/validators';
import { HighRiskProtectionResult, RecordHighRiskProtectionCommand } from './record-high-risk-protection.command';
import { HighRiskProtectionResultDto, PutHighRiskProtectionDto } from './high-risk-protection.dto';

@ApiTags('master data')
@ApiBearerAuth()
@Controller('v1')
export class HighRiskProtectionController {
  constructor(private readonly commands: CommandBus) {}

  @Put('employees/:employeeId/high-risk-protection')
  @Roles('hr')
  @ApiOperation({
    summary: 'Record Försäkringskassan’s decision on särskilt högriskskydd (SjLL 17 §)',
    description:
      'A sick period that starts within [from, to] gets no karensavdrag, and its payroll lines of days 1–14 carry the flag ' +
      '`high_risk_protection` so payroll can claim the sick pay back from Försäkringskassan. A decision is known by its ' +
      '`from`: the same `from` with another `to` replaces it; the same body again changes nothing. Payroll recomputes the ' +
      'employee’s lines from `from` on (locked periods as adjustments).',
  })
  @ApiAccess('hr')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: HighRiskProtectionResultDto })
  @ApiProblems(400, 403, 404, 409)
  async put(
    @CurrentActor() actor: Actor,
    @Param('employeeId') employeeId: string,
    @Body() body: PutHighRiskProtectionDto,
    @IdempotencyKey() key?: string,
  ): Promise<HighRiskProtectionResult> {
    if (!ID_PATTERN.test(employeeId)) throw new InvalidInputException([{ field: 'employeeId', message: ID_MESSAGE }]);
    return this.commands.execute(new RecordHighRiskProtectionCommand(actor, employeeId, body, key));
  }
}
