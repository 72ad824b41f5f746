import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../http/read-your-writes';
import { AbsenceCommandRunner } from './absence-command-runner';
import { AbsenceReadAccess } from './absence-read-access';
import { AbsencesController } from './absences.controller';
import { CorrectAbsenceHandler } from './commands/correct-absence.command';
import { RegisterMedicalCertificateHandler } from './commands/register-medical-certificate.command';
import { ReportAbsenceHandler } from './commands/report-absence.command';
import { ReportReturnHandler } from './commands/report-return.command';
import { WithdrawAbsenceHandler } from './commands/withdraw-absence.command';
import { AbsenceHistoryHandler } from './queries/absence-history.query';
import { EmployeeAbsencesHandler } from './queries/employee-absences.query';
import { GetAbsenceHandler } from './queries/get-absence.query';

/** Reporting absence: reports, returns, corrections, withdrawals, certificates, and reading cases. */
@Module({
  imports: [CqrsModule],
  controllers: [AbsencesController],
  providers: [
    AbsenceCommandRunner,
    AbsenceReadAccess,
    ReadYourWrites,
    ReportAbsenceHandler,
    ReportReturnHandler,
    CorrectAbsenceHandler,
    WithdrawAbsenceHandler,
    RegisterMedicalCertificateHandler,
    GetAbsenceHandler,
    AbsenceHistoryHandler,
    EmployeeAbsencesHandler,
  ],
  exports: [AbsenceCommandRunner, AbsenceReadAccess, ReadYourWrites],
})
export class AbsencesModule {}
