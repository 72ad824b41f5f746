import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../http/read-your-writes';
import { LATE_POLICY, loadLatePolicy } from './late-policy';
import { AnnualReportHandler } from './queries/annual-report.query';
import { DiscrepanciesHandler } from './queries/discrepancies.query';
import { ReportingLatencyHandler } from './queries/reporting-latency.query';
import { SickLeaveHandler } from './queries/sick-leave.query';
import { StatisticsAccess } from './statistics-access';
import { StatisticsController } from './statistics.controller';
import { StatisticsReader } from './statistics-reader';

/**
 * Statistics of the absence registered now: sick leave per month, the statutory annual-report
 * figures, reporting latency, and the discrepancies between observed and registered absence.
 * The late-reporting policy comes from LATE_REPORT_GRACE_HOURS and LATE_RETURN_GRACE_HOURS
 * (see late-policy.ts).
 */
@Module({
  imports: [CqrsModule],
  controllers: [StatisticsController],
  providers: [
    { provide: LATE_POLICY, useFactory: () => loadLatePolicy() },
    ReadYourWrites,
    StatisticsAccess,
    StatisticsReader,
    SickLeaveHandler,
    AnnualReportHandler,
    ReportingLatencyHandler,
    DiscrepanciesHandler,
  ],
})
export class StatisticsModule {}
