import { Inject, Injectable, Logger } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { NotificationState, notificationDecider, notificationStreamId, foldRecorded } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import type { JobContext } from '@ledger/jobs';
import type { NotificationView } from '@ledger/projections';
import { PERSONAL_DATA_CIPHER, PersonalDataCipher } from '@ledger/personal-data';
import { Counter } from 'prom-client';
import { CommandPipeline } from '../core/command-pipeline';
import { MetricsRegistry } from '../metrics/command-metrics';
import { REMINDERS_ACTOR } from './reminder-scanner';

export interface DeliveryJob {
  notificationId: string;
}

/** How long one POST may take before the attempt counts as failed. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The notification as docs/http-api.md "Notifications" shows it, which is also what the webhook receives. */
export function notificationView(s: NotificationState): NotificationView {
  return {
    id: s.notificationId,
    kind: s.kind,
    recipient: s.recipient,
    absenceId: s.absenceId,
    employeeId: s.employeeId,
    dueAt: s.dueAt,
    createdAt: s.createdAt,
    details: s.details ?? {},
  };
}

/**
 * Delivers one reminder to NOTIFY_WEBHOOK_URL: a POST of the notification as JSON (with the id in
 * `Idempotency-Key` too). A 2xx answer records `NotificationDelivered`; anything else throws, and
 * the job runner retries with exponential backoff (BullMQ attempts/backoff, or the in-process
 * runner's bounded loop). After the last attempt `NotificationDeliveryFailed` is recorded.
 *
 * The stream is read before each attempt, so a reminder already delivered (or resolved before it
 * could be) is never posted again, whoever enqueued it. What remains is at-least-once: a crash
 * between the receiver's 2xx and the append of NotificationDelivered posts it again on restart,
 * with the same id for the receiver to recognise.
 */
@Injectable()
export class WebhookDelivery {
  private readonly logger = new Logger('Webhook');
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly pipeline: CommandPipeline,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    metrics: MetricsRegistry,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: PersonalDataCipher,
  ) {
    this.outcomes = new Counter({
      name: 'ledger_webhook_deliveries_total',
      help: 'Webhook POSTs of notifications, by outcome (delivered, failed_attempt, gave_up, skipped)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  async deliver({ notificationId }: DeliveryJob, { attempt }: JobContext): Promise<void> {
    const url = this.config.notifyWebhookUrl;
    const state = foldRecorded(notificationDecider, await this.events.readStream(notificationStreamId(notificationId)));
    if (!url || !state.exists || state.deliveredAt !== null || state.deliveryFailedAt !== null || state.resolvedAt !== null) {
      this.outcomes.inc({ outcome: 'skipped' });
      return;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': notificationId },
        // The queue holds only the id; sealed fields are opened for the receiver at the moment of sending.
        body: JSON.stringify(await this.cipher.reveal(notificationView(state))),
        redirect: 'error',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      this.outcomes.inc({ outcome: 'failed_attempt' });
      throw new Error(`webhook POST failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) {
      this.outcomes.inc({ outcome: 'failed_attempt' });
      throw new Error(`webhook answered ${response.status}`);
    }
    this.outcomes.inc({ outcome: 'delivered' });
    await this.pipeline.run({
      name: 'record_notification_delivery',
      streamId: notificationStreamId(notificationId),
      decider: notificationDecider,
      command: { kind: 'record_delivery', attempts: attempt },
      actor: REMINDERS_ACTOR,
      context: async () => ({ actor: REMINDERS_ACTOR }),
    });
  }

  /** After the last attempt failed. */
  async gaveUp({ notificationId }: DeliveryJob, error: unknown, attempts: number): Promise<void> {
    this.outcomes.inc({ outcome: 'gave_up' });
    this.logger.warn(`notification ${notificationId}: webhook delivery gave up after ${attempts} attempts: ${String(error)}`);
    await this.pipeline.run({
      name: 'record_notification_delivery_failure',
      streamId: notificationStreamId(notificationId),
      decider: notificationDecider,
      command: { kind: 'record_delivery_failure', attempts, error: error instanceof Error ? error.message : String(error) },
      actor: REMINDERS_ACTOR,
      context: async () => ({ actor: REMINDERS_ACTOR }),
    });
  }
}
