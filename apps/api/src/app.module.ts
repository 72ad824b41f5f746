import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AbsencesModule } from './absences/absences.module';
import { AttestationModule } from './attestation/attestation.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ProblemDetailsFilter } from './http/problem-details';
import { LedgerModule } from '@ledger/ledger';
import { MasterDataModule } from './master-data/master-data.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservationsModule } from './observations/observations.module';
import { HighRiskProtectionModule } from './high-risk-protection/high-risk-protection.module';
import { OperationsModule } from './operations/operations.module';
import { PayrollModule } from './payroll/payroll.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { StatisticsModule } from './statistics/statistics.module';

@Module({
  imports: [
    CqrsModule.forRoot(),
    LedgerModule,
    AuthModule,
    MasterDataModule,
    AbsencesModule,
    AttestationModule,
    AuditModule,
    OperationsModule,
    PayrollModule,
    NotificationsModule,
    ObservationsModule,
    HighRiskProtectionModule,
    StatisticsModule,
    PersonalDataModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class AppModule {}
