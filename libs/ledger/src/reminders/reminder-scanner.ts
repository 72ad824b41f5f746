import { Inject, Injectable, Logger } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import {
  AbsenceState,
  Actor,
  DepartmentLink,
  DepartmentState,
  DomainError,
  EmployeeState,
  NotificationFacts,
  notificationDecider,
  notificationStreamId,
  whoAttests,
} from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import {
  ABSENCE_COLLECTION,
  BY_EMPLOYEE,
  DEPARTMENT_COLLECTION,
  EMPLOYEE_COLLECTION,
  NOTIFICATIONS_PROJECTION_NAME,
  NOTIFICATION_COLLECTION,
  NotificationDocument,
  OPEN_INDEX,
} from '@ledger/projections';
import type { IndexEntry, StoredDocument } from '@ledger/read-store';
import { localDateOf } from '@ledger/swedish-rules';
import { Counter, Histogram } from 'prom-client';
import { CLOCK, Clock } from '../core/clock';
import { CommandPipeline } from '../core/command-pipeline';
import { ProjectionsService } from '../core/projections.service';
import { MetricsRegistry } from '../metrics/command-metrics';
import { DISCREPANCY_SOURCE, DiscrepancySource } from './discrepancy-source';
import { notificationIdOf } from './notification-id';
import { CaseAttesters, REMINDER_LOOKBACK_DAYS, ReminderCandidate, ReminderSettings, discrepancyReminders, dueAtOf, employeeReminders } from './reminder-rules';

/** Who records reminders in the ledger. */
export const REMINDERS_ACTOR: Actor = { sub: 'system:reminders', roles: [] };
export const DELIVERY_JOB = 'notification-delivery';

export interface ScanReport {
  today: string;
  /** Reminders due now (whether new or not). */
  due: number;
  raised: number;
  resolved: number;
  /** Deliveries handed to the job runner (new ones and undelivered ones again). */
  deliveriesEnqueued: number;
}

const PAGE = 500;
/** A scan waits this long for the read models it reads to catch up with the log, then gives up (until the next run). */
const CATCH_UP_WAIT_MS = 30_000;
const READ_MODELS = ['master-data', 'absences', NOTIFICATIONS_PROJECTION_NAME];
/** Employees whose cases are read at the same time (Redis round trips overlap). */
const PARALLEL_EMPLOYEES = 8;

/**
 * One reminder scan: reads the read models (absences, master data, discrepancies), works out every
 * reminder that is due today (reminder-rules.ts), raises those that do not exist yet, resolves the
 * open ones that are no longer due, and hands each new one to webhook delivery.
 *
 * Raising appends `NotificationRaised` to `notification-<id>` with expected revision `no_stream`
 * (through the command pipeline), so two scans running at once, in one process or in two workers,
 * still raise a reminder once; only the scan whose append wrote it enqueues its delivery.
 */
@Injectable()
export class ReminderScanner {
  private readonly logger = new Logger('Reminders');
  private readonly raisedTotal: Counter<'kind'>;
  private readonly resolvedTotal: Counter<'kind'>;
  private readonly duration: Histogram;

  constructor(
    private readonly projections: ProjectionsService,
    private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(DISCREPANCY_SOURCE) private readonly discrepancies: DiscrepancySource,
    metrics: MetricsRegistry,
  ) {
    this.raisedTotal = new Counter({ name: 'ledger_notifications_raised_total', help: 'Reminders raised, by kind', labelNames: ['kind'], registers: [metrics.registry] });
    this.resolvedTotal = new Counter({ name: 'ledger_notifications_resolved_total', help: 'Reminders resolved, by kind', labelNames: ['kind'], registers: [metrics.registry] });
    this.duration = new Histogram({
      name: 'ledger_reminder_scan_duration_seconds',
      help: 'Duration of one reminder scan',
      buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [metrics.registry],
    });
  }

  get settings(): ReminderSettings {
    return {
      returnReportReminderDays: this.config.returnReportReminderDays,
      attestationCutoffDay: this.config.attestationCutoffDay,
      attestationReminderLeadDays: this.config.attestationReminderLeadDays,
      lookbackDays: REMINDER_LOOKBACK_DAYS,
    };
  }

  async scan(): Promise<ScanReport> {
    const end = this.duration.startTimer();
    try {
      return await this.scanOnce();
    } finally {
      end();
    }
  }

  private async scanOnce(): Promise<ScanReport> {
    // Decide on read models that have seen the whole log as of now, so nothing is resolved for
    // lack of an event the projector has not applied yet (after a restart, say).
    const head = await this.events.headPosition();
    const readModels = this.discrepancies.available && this.discrepancies.projection ? [...READ_MODELS, this.discrepancies.projection] : READ_MODELS;
    for (const name of readModels) {
      if (!(await this.projections.waitFor(name, head, CATCH_UP_WAIT_MS))) throw new Error(`reminder scan skipped: the ${name} read model is behind the log`);
    }
    const today = localDateOf(this.clock.now());
    const due = await this.dueReminders(today);
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf(NOTIFICATIONS_PROJECTION_NAME);
    const report: ScanReport = { today, due: due.size, raised: 0, resolved: 0, deliveriesEnqueued: 0 };

    // Raise the due reminders the read model does not know yet; the append decides for certain.
    const ids = [...due.keys()];
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      const known = await store.getMany<NotificationDocument>(ns, NOTIFICATION_COLLECTION, chunk);
      for (let j = 0; j < chunk.length; j++) {
        if (known[j]) continue;
        const facts = due.get(chunk[j])!;
        if (await this.raise(facts)) {
          report.raised++;
          this.raisedTotal.inc({ kind: facts.kind });
          if (await this.enqueueDelivery(facts.notificationId)) report.deliveriesEnqueued++;
        }
      }
    }

    // Resolve the open reminders that are no longer due; deliver the open ones not delivered yet.
    for await (const doc of pages<NotificationDocument>((after) => store.list(ns, NOTIFICATION_COLLECTION, OPEN, { after, limit: PAGE }))) {
      const state = doc.value.state;
      if (!due.has(doc.key)) {
        if (state.kind === 'discrepancy' && !this.discrepancies.available) continue;
        if (await this.resolve(doc.key)) {
          report.resolved++;
          this.resolvedTotal.inc({ kind: state.kind });
        }
      } else if (state.deliveredAt === null && state.deliveryFailedAt === null) {
        if (await this.enqueueDelivery(doc.key)) report.deliveriesEnqueued++;
      }
    }
    if (report.raised + report.resolved > 0) {
      this.logger.log(`reminder scan ${today}: ${report.due} due, ${report.raised} raised, ${report.resolved} resolved`);
    }
    return report;
  }

  /** Every reminder due today, by notification id. */
  async dueReminders(today: string): Promise<Map<string, NotificationFacts>> {
    const store = this.projections.readStore;
    const master = this.projections.namespaceOf('master-data');
    const absences = this.projections.namespaceOf('absences');
    const departments = new Map<string, DepartmentState>();
    for await (const d of pages<{ state: DepartmentState }>((after) => store.scan(master, DEPARTMENT_COLLECTION, { after, limit: PAGE }))) {
      departments.set(d.key, d.value.state);
    }
    const managersOf = (departmentId: string) => departments.get(departmentId)?.managerIds ?? [];
    const chains = new Map<string, DepartmentLink[]>();
    const chainOf = (departmentId: string) => {
      let chain = chains.get(departmentId);
      if (!chain) chains.set(departmentId, (chain = departmentChain(departments, departmentId)));
      return chain;
    };
    /** Who attests (DESIGN.md §4): managers, that day's substitutes, or the managers of the nearest department above. */
    const attestersOf = (c: Pick<AbsenceState, 'employeeId' | 'departmentId'>): CaseAttesters => {
      const who = whoAttests(c.employeeId, chainOf(c.departmentId), today);
      return { attesters: who ? who.attesters.map((a) => a.employeeId) : [], routedFrom: who?.routedFrom ?? null };
    };
    const settings = this.settings;
    const due = new Map<string, NotificationFacts>();
    const add = (candidates: ReminderCandidate[]) => {
      for (const c of candidates) {
        const notificationId = notificationIdOf(c);
        due.set(notificationId, {
          notificationId,
          kind: c.kind,
          recipient: c.recipient,
          absenceId: c.absenceId,
          employeeId: c.employeeId,
          dueAt: dueAtOf(c.dueDate),
          subject: c.subject,
          ...(c.details ? { details: c.details } : {}),
        });
      }
    };

    let after: string | undefined;
    while (true) {
      const employees = await store.scan<{ state: EmployeeState }>(master, EMPLOYEE_COLLECTION, { after, limit: PAGE });
      if (employees.length === 0) break;
      after = employees[employees.length - 1].key;
      await forEachLimited(employees, PARALLEL_EMPLOYEES, async (employee) => {
        const cases: AbsenceState[] = [];
        const index = { index: BY_EMPLOYEE, value: employee.key };
        for await (const c of pages<AbsenceState>((a) => store.list(absences, ABSENCE_COLLECTION, index, { after: a, limit: PAGE }))) cases.push(c.value);
        if (cases.length === 0) return;
        add(employeeReminders({ employeeId: employee.key, employments: employee.value.state.employments, cases, managersOf, attestersOf, today, settings }));
      });
    }

    if (this.discrepancies.available) {
      for await (const d of this.discrepancies.open()) add(discrepancyReminders(d, attestersOf(d).attesters, today, settings));
    }
    return due;
  }

  /** Appends NotificationRaised unless the reminder exists; true when this call wrote it. */
  private async raise(notification: NotificationFacts): Promise<boolean> {
    try {
      const outcome = await this.pipeline.run({
        name: 'raise_notification',
        streamId: notificationStreamId(notification.notificationId),
        decider: notificationDecider,
        command: { kind: 'raise', notification },
        actor: REMINDERS_ACTOR,
        context: async () => ({ actor: REMINDERS_ACTOR }),
        // No idempotency key: with a deterministic event id the event store would answer a racing
        // second append as a replay (success), and both scans would think they wrote it. With a
        // fresh id the loser gets a revision conflict, reloads, and the decider records nothing.
      });
      return outcome.wrote;
    } catch (error) {
      if (error instanceof DomainError) {
        this.logger.warn(`reminder ${notification.notificationId} not raised: ${error.message}`);
        return false;
      }
      throw error;
    }
  }

  private async resolve(notificationId: string): Promise<boolean> {
    try {
      const outcome = await this.pipeline.run({
        name: 'resolve_notification',
        streamId: notificationStreamId(notificationId),
        decider: notificationDecider,
        command: { kind: 'resolve', reason: 'no longer due' },
        actor: REMINDERS_ACTOR,
        context: async () => ({ actor: REMINDERS_ACTOR }),
      });
      return outcome.wrote;
    } catch (error) {
      if (error instanceof DomainError) {
        this.logger.warn(`reminder ${notificationId} not resolved: ${error.message}`);
        return false;
      }
      throw error;
    }
  }

  /** Hands a reminder to webhook delivery (when a webhook is configured); the job id makes it once. */
  private async enqueueDelivery(notificationId: string): Promise<boolean> {
    if (!this.config.notifyWebhookUrl) return false;
    return this.jobs.enqueue(
      DELIVERY_JOB,
      { notificationId },
      { jobId: `deliver-${notificationId}`, attempts: this.config.notifyWebhookAttempts, backoffMs: this.config.notifyWebhookBackoffMs },
    );
  }
}

const OPEN: IndexEntry = { index: OPEN_INDEX, value: '*' };

/** A department and those above it, nearest first, from the departments read (stops at a root, an unknown parent or a repeat). */
export function departmentChain(departments: ReadonlyMap<string, DepartmentState>, departmentId: string): DepartmentLink[] {
  const out: DepartmentLink[] = [];
  const seen = new Set<string>();
  let id: string | null = departmentId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const d = departments.get(id);
    if (!d) break;
    out.push({ departmentId: id, managerIds: d.managerIds, substitutes: d.substitutes ?? [] });
    id = d.parentId ?? null;
  }
  return out;
}

/** Every document of a keyed listing, page by page. */
async function* pages<T>(read: (after: string | undefined) => Promise<Array<StoredDocument<T>>>): AsyncIterable<StoredDocument<T>> {
  let after: string | undefined;
  while (true) {
    const page = await read(after);
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].key;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

