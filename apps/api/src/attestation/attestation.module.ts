import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AbsencesModule } from '../absences/absences.module';
import { AttestationController } from './attestation.controller';
import { AttestAbsenceHandler } from './commands/attest-absence.command';
import { RejectAbsenceHandler } from './commands/reject-absence.command';
import { PendingAttestationsHandler } from './queries/pending-attestations.query';

/** A manager's attestation (beslutsattest) or rejection, and the list of cases waiting for it. */
@Module({
  imports: [CqrsModule, AbsencesModule],
  controllers: [AttestationController],
  providers: [AttestAbsenceHandler, RejectAbsenceHandler, PendingAttestationsHandler],
})
export class AttestationModule {}
