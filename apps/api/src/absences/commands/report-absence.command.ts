import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { AbsenceCommandRunner } from '../absence-command-runner';
import type { ReportAbsenceDto } from '../absence.dto';
import { AbsenceCommandResult, toResult } from './absence-command-result';

const KEY_NAMESPACE = 'a3d1c1a2-8f0e-4d0b-9a55-0b8e7c6f3e21';

/** Frånvaroanmälan / sjukanmälan: an employee's absence is reported. */
export class ReportAbsenceCommand {
  constructor(
    readonly actor: Actor,
    readonly body: ReportAbsenceDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(ReportAbsenceCommand)
export class ReportAbsenceHandler implements ICommandHandler<ReportAbsenceCommand, AbsenceCommandResult> {
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, body, idempotencyKey }: ReportAbsenceCommand): Promise<AbsenceCommandResult> {
    // A client-chosen absenceId is the idempotency key; an Idempotency-Key header derives one.
    const absenceId = body.absenceId ?? (idempotencyKey ? uuidv5(`${actor.sub}\u0000${idempotencyKey}`, KEY_NAMESPACE) : randomUUID());
    const key = body.absenceId !== undefined || idempotencyKey !== undefined ? `report:${absenceId}` : undefined;
    const outcome = await this.runner.run({
      name: 'report_absence',
      absenceId,
      actor,
      idempotencyKey: key,
      request: { ...body, absenceId },
      command: {
        kind: 'report',
        absenceId,
        employeeId: body.employeeId,
        type: body.type,
        from: body.from,
        to: body.to ?? null,
        extentPercent: body.extentPercent ?? 100,
        channel: body.channel ?? null,
        comment: body.comment ?? null,
        ...(body.employerNotifiedAt !== undefined ? { employerNotifiedAt: body.employerNotifiedAt } : {}),
      },
    });
    return toResult(absenceId, outcome, true);
  }
}
