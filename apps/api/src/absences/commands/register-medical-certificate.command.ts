import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@ledger/domain';
import { AbsenceCommandRunner } from '../absence-command-runner';
import type { MedicalCertificateDto } from '../absence.dto';
import { AbsenceCommandResult, toResult } from './absence-command-result';

/** Läkarintyg: a doctor's certificate covering part of a sick absence. */
export class RegisterMedicalCertificateCommand {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly body: MedicalCertificateDto,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(RegisterMedicalCertificateCommand)
export class RegisterMedicalCertificateHandler
  implements ICommandHandler<RegisterMedicalCertificateCommand, AbsenceCommandResult>
{
  constructor(private readonly runner: AbsenceCommandRunner) {}

  async execute({ actor, absenceId, body, idempotencyKey }: RegisterMedicalCertificateCommand): Promise<AbsenceCommandResult> {
    const outcome = await this.runner.run({
      name: 'register_medical_certificate',
      absenceId,
      actor,
      idempotencyKey,
      request: body,
      command: { kind: 'medical_certificate', from: body.from, to: body.to, extentPercent: body.extentPercent ?? 100 },
    });
    return toResult(absenceId, outcome);
  }
}
