import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { PersonalDataConfig } from '@ledger/config';
import { EmployeeState, Employment, RETENTION_ACTOR, personalDataDecider, personalDataStreamId, stockholmDateOf } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { KEY_STORE, KeyStore, PERSONAL_DATA_CIPHER, PersonalDataCipher, textCategoriesAhead } from '@ledger/personal-data';
import { EMPLOYEE_COLLECTION } from '@ledger/projections';
import { Counter } from 'prom-client';
import { CLOCK, Clock } from '../core/clock';
import { CommandPipeline } from '../core/command-pipeline';
import { PERSONAL_DATA_CONFIG } from '../core/personal-data-core.module';
import { ProjectionsService } from '../core/projections.service';
import { MetricsRegistry } from '../metrics/command-metrics';
import { RetentionDecision, retentionDecisions } from './retention-rules';

export const RETENTION_JOB = 'retention-run';
export const RETENTION_SCHEDULER = 'retention-daily';
const DAY_MS = 86_400_000;
const PAGE = 500;

export interface RetentionReport {
  today: string;
  personsChecked: number;
  /** What was erased, by person, rule and key category: never the data. */
  erased: RetentionDecision[];
}

/**
 * The daily retention job (gallring) on the job runner. For every person with live keys it works
 * out what the rules (retention-rules.ts) say is past its time, records that in the person's
 * `personal-data-<id>` stream (who: the retention job; what: the rule and the key categories),
 * then destroys those keys. Running it twice on a day changes nothing: the decider records no
 * category twice and a destroyed key stays destroyed. If the destroy fails after the record,
 * the next run destroys it (the rules still find the key live).
 */
@Injectable()
export class RetentionJob implements OnModuleInit {
  private readonly logger = new Logger('Retention');
  private readonly erasedKeys: Counter<'rule'>;

  constructor(
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(PERSONAL_DATA_CONFIG) private readonly config: PersonalDataConfig,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: PersonalDataCipher,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pipeline: CommandPipeline,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    metrics: MetricsRegistry,
  ) {
    this.erasedKeys = new Counter({
      name: 'ledger_retention_keys_destroyed_total',
      help: 'Per-person keys destroyed by the retention job, by rule (free_text_age, after_employment)',
      labelNames: ['rule'],
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.jobs.define<Record<string, never>>(RETENTION_JOB, async () => void (await this.run()), { concurrency: 1 });
  }

  /** Schedules the daily run (the first right away), when retention is on. */
  async schedule(): Promise<void> {
    if (this.config.retention.enabled) await this.jobs.schedule(RETENTION_SCHEDULER, RETENTION_JOB, DAY_MS, {});
  }

  async run(): Promise<RetentionReport> {
    // The employment histories come from the master-data read model: it must have seen the log first.
    const head = await this.events.headPosition();
    if (head !== undefined && !(await this.projections.waitFor('master-data', head, 30_000))) {
      throw new Error('retention skipped: the master-data read model is behind the log');
    }
    const now = this.clock.now();
    const today = stockholmDateOf(now);
    const employments = await this.employments();
    const report: RetentionReport = { today, personsChecked: 0, erased: [] };
    let after: string | undefined;
    let subject: string | undefined;
    let live: string[] = [];
    const flush = async () => {
      if (subject === undefined) return;
      report.personsChecked++;
      const decisions = retentionDecisions({ employeeId: subject, liveCategories: live, employments: employments.get(subject) ?? [] }, today, this.config.retention);
      for (const d of decisions) {
        await this.apply(d, now);
        report.erased.push(d);
      }
      // Keys made ahead for people still known by name: this and next year's free text.
      const identityLive = live.includes('identity') && !decisions.some((d) => d.categories.includes('identity'));
      if (identityLive) for (const category of textCategoriesAhead(now)) if (!live.includes(category)) await this.cipher.ensureKey(subject, category);
    };
    for (;;) {
      const page = await this.keys.scan(after, PAGE);
      if (page.length === 0) break;
      for (const key of page) {
        if (key.subject !== subject) {
          await flush();
          subject = key.subject;
          live = [];
        }
        if (key.destroyedAt === null) live.push(key.category);
      }
      after = page[page.length - 1].keyId;
    }
    await flush();
    // Counts only: which person and what lies in their personal-data stream.
    this.logger.log(`retention ${today}: ${report.personsChecked} persons checked, ${report.erased.length} erasures`);
    return report;
  }

  private async apply(d: RetentionDecision, now: Date): Promise<void> {
    await this.pipeline.run({
      name: 'apply_retention',
      streamId: personalDataStreamId(d.employeeId),
      decider: personalDataDecider,
      command: { kind: 'apply_retention', employeeId: d.employeeId, rule: d.rule, categories: d.categories },
      actor: RETENTION_ACTOR,
      context: async () => ({ actor: RETENTION_ACTOR }),
    });
    const destroyed = await this.cipher.destroy(d.employeeId, now, { categories: d.categories });
    this.erasedKeys.inc({ rule: d.rule }, destroyed.length);
  }

  /** Every employee's employment history, from the master-data read model. */
  private async employments(): Promise<Map<string, readonly Employment[]>> {
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf('master-data');
    const out = new Map<string, readonly Employment[]>();
    let after: string | undefined;
    for (;;) {
      const page = await store.scan<{ state: EmployeeState }>(ns, EMPLOYEE_COLLECTION, { after, limit: PAGE });
      for (const doc of page) out.set(doc.key, doc.value.state.employments);
      if (page.length < PAGE) break;
      after = page[page.length - 1].key;
    }
    return out;
  }
}
