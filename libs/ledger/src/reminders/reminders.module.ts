import { Module } from '@nestjs/common';
import { DISCREPANCY_SOURCE, StatisticsDiscrepancySource } from './discrepancy-source';
import { ReminderJobs } from './reminder-jobs';
import { ReminderScanner } from './reminder-scanner';
import { WebhookDelivery } from './webhook-delivery';

/**
 * The reminder jobs without HTTP: the scan, webhook delivery, and their definitions on the job
 * runner. The API (LEDGER_RUN=all) and the worker app both import it.
 */
@Module({
  providers: [ReminderScanner, WebhookDelivery, ReminderJobs, { provide: DISCREPANCY_SOURCE, useClass: StatisticsDiscrepancySource }],
  exports: [ReminderScanner, WebhookDelivery, ReminderJobs],
})
export class RemindersModule {}
