import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../http/read-your-writes';
import { LockPayrollPeriodHandler } from './commands/lock-payroll-period.command';
import { PayrollController } from './payroll.controller';
import { PayrollExportHandler } from './queries/payroll-export.query';
import { PayrollLinesHandler } from './queries/payroll-lines.query';

/** What payroll pays: the lines of a period, their export (JSON, CSV, PAXml 2.0), and the lock after the payroll run. */
@Module({
  imports: [CqrsModule],
  controllers: [PayrollController],
  providers: [ReadYourWrites, LockPayrollPeriodHandler, PayrollLinesHandler, PayrollExportHandler],
})
export class PayrollModule {}
