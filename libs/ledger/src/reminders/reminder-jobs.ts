import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { DELIVERY_JOB, ReminderScanner } from './reminder-scanner';
import { DeliveryJob, WebhookDelivery } from './webhook-delivery';

export const SCAN_JOB = 'reminder-scan';
export const SCAN_SCHEDULER = 'reminder-scan-every-interval';
/** Webhook POSTs running at once in one worker. */
const DELIVERY_CONCURRENCY = 4;

/**
 * The reminder jobs on the job runner: the recurring scan (REMINDER_SCAN_INTERVAL_SECONDS) and
 * webhook delivery. The handlers are defined in every process that has this module; only a
 * process that runs workers (`LEDGER_RUN=all`, or the worker app) calls `startWorkers`.
 */
@Injectable()
export class ReminderJobs implements OnModuleInit {
  constructor(
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly scanner: ReminderScanner,
    private readonly delivery: WebhookDelivery,
  ) {}

  onModuleInit(): void {
    this.jobs.define<Record<string, never>>(SCAN_JOB, async () => void (await this.scanner.scan()), { concurrency: 1 });
    this.jobs.define<DeliveryJob>(DELIVERY_JOB, (job, context) => this.delivery.deliver(job, context), {
      concurrency: DELIVERY_CONCURRENCY,
      onFailed: (job, error, attempts) => this.delivery.gaveUp(job, error, attempts),
    });
  }

  /** Schedules the scan (the first run right away) and starts taking jobs. */
  async startWorkers(): Promise<void> {
    await this.jobs.schedule(SCAN_SCHEDULER, SCAN_JOB, this.config.reminderScanIntervalSeconds * 1000, {});
    await this.jobs.start();
  }
}
