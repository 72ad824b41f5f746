import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  Actor,
  ObservationContext,
  ObservationEvent,
  ObservationsState,
  RecordObservation,
  observationDecider,
  observationsStreamId,
} from '@ledger/domain';
import { CommandPipeline, MasterDataReader } from '@ledger/ledger';
import type { RecordObservationDto } from '../observation.dto';

/** An observation of an employee's absence or presence on a day. */
export class RecordObservationCommand {
  constructor(
    readonly actor: Actor,
    readonly body: RecordObservationDto,
    readonly idempotencyKey?: string,
  ) {}
}

export interface RecordObservationResult {
  employeeId: string;
  version: number;
  position: string;
  /** The command wrote the observation (201) rather than replaying an earlier one (200). */
  created: boolean;
}

@CommandHandler(RecordObservationCommand)
export class RecordObservationHandler implements ICommandHandler<RecordObservationCommand, RecordObservationResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
  ) {}

  async execute({ actor, body, idempotencyKey }: RecordObservationCommand): Promise<RecordObservationResult> {
    const command: RecordObservation = {
      employeeId: body.employeeId,
      date: body.date,
      kind: body.kind,
      source: body.source,
      note: body.note ?? null,
    };
    const outcome = await this.pipeline.run<RecordObservation, ObservationsState, ObservationEvent, ObservationContext>({
      name: 'record_observation',
      streamId: observationsStreamId(body.employeeId),
      decider: observationDecider,
      command,
      actor,
      idempotencyKey,
      request: body,
      context: async (_state, now) => {
        const employee = await this.masterData.employee(body.employeeId);
        const employments = employee.exists ? employee.employments : undefined;
        return {
          now,
          actor,
          employments,
          managersByDepartment: await this.masterData.managersOf((employments ?? []).map((e) => e.departmentId)),
        };
      },
    });
    return { employeeId: body.employeeId, version: outcome.version, position: outcome.position.toString(), created: outcome.wrote };
  }
}
