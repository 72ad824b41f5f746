import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
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
export class ReminderJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  /** The log's head when the last scan started: events after it may raise or resolve reminders. */
  private scannedFrom: bigint | undefined;
  private watch: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly scanner: ReminderScanner,
    private readonly delivery: WebhookDelivery,
  ) {}

  onModuleInit(): void {
    this.jobs.define<Record<string, never>>(
      SCAN_JOB,
      async () => {
        const head = await this.events.headPosition();
        await this.scanner.scan();
        this.scannedFrom = head ?? 0n;
      },
      { concurrency: 1 },
    );
    this.jobs.define<DeliveryJob>(DELIVERY_JOB, (job, context) => this.delivery.deliver(job, context), {
      concurrency: DELIVERY_CONCURRENCY,
      onFailed: (job, error, attempts) => this.delivery.gaveUp(job, error, attempts),
    });
  }

  /** Schedules the scan (the first run right away) and starts taking jobs. */
  async startWorkers(): Promise<void> {
    await this.jobs.schedule(SCAN_SCHEDULER, SCAN_JOB, this.config.reminderScanIntervalSeconds * 1000, {});
    await this.jobs.start();
    const every = this.config.reminderEventScanSeconds;
    if (every > 0) {
      this.watch = setInterval(() => void this.scanIfTheLogGrew(), every * 1000);
      this.watch.unref();
    }
  }

  /**
   * The event-triggered scan: when events were written since the last scan started, one more scan
   * (debounced by the check interval; the job id names the head, so a head is scanned for once).
   * The reminders a scan itself writes grow the log too, which costs one more scan that finds
   * nothing new.
   */
  async scanIfTheLogGrew(): Promise<boolean> {
    if (this.checking || this.scannedFrom === undefined) return false;
    this.checking = true;
    try {
      const head = await this.events.headPosition();
      if (head === undefined || head <= this.scannedFrom) return false;
      return await this.jobs.enqueue(SCAN_JOB, {}, { jobId: `reminder-scan-after-${head}` });
    } catch (error) {
      this.logger.warn(`event-triggered reminder scan not started: ${String(error)}`);
      return false;
    } finally {
      this.checking = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.watch) clearInterval(this.watch);
  }
}
