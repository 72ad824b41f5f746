import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { RecordObservationCommand, RecordObservationResult } from './commands/record-observation.command';
import { ObservationResultDto, RecordObservationDto } from './observation.dto';
import { ApiAccess, ApiIdempotencyKey, ApiProblems } from '../http/openapi';

@ApiTags('observations')
@ApiBearerAuth()
@Controller('v1')
export class ObservationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('observations')
  @Roles('manager', 'hr', 'integration')
  @ApiOperation({
    summary: 'Record an observed absence or presence (schedule, time clock, staffing, manager)',
    description:
      'Managers observe staff of their own departments (on the day observed, or today); HR and integrations anyone. ' +
      'The day must have begun (Stockholm). An observation that disagrees with the registered absence is listed by ' +
      'GET /v1/discrepancies until the ledger agrees; the latest observation of a day counts. ' +
      'With an Idempotency-Key, a retry with the same body answers 200 with the original result.',
  })
  @ApiAccess('a manager for staff of their own departments; hr and integration for anyone')
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, type: ObservationResultDto, description: 'Recorded' })
  @ApiResponse({ status: 200, type: ObservationResultDto, description: 'A replay of the same Idempotency-Key with the same body' })
  @ApiProblems(400, 403, 404, 409, 422)
  async record(
    @CurrentActor() actor: Actor,
    @Body() body: RecordObservationDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const r = await this.commands.execute<RecordObservationCommand, RecordObservationResult>(new RecordObservationCommand(actor, body, key));
    void reply.status(r.created ? 201 : 200);
    return { employeeId: r.employeeId, version: r.version, position: r.position };
  }
}
