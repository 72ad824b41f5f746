import { randomUUID } from 'node:crypto';
import {
  EnqueueOptions,
  JobCounts,
  JobDefinitionOptions,
  JobHandler,
  JobRunner,
  JobRunnerClosedError,
  backoffDelay,
} from '../job-runner.port';

export interface InProcessJobRunnerOptions {
  /** How many finished job ids are remembered for deduplication (default 10 000, like the BullMQ adapter). */
  retainJobIds?: number;
  /** Told about a job that failed an attempt (logging). */
  onAttemptFailed?(name: string, jobId: string, attempt: number, error: unknown): void;
}

interface Definition {
  handler: JobHandler<unknown>;
  concurrency: number;
  onFailed?(data: unknown, error: unknown, attempts: number): Promise<void>;
}

interface PendingJob {
  name: string;
  jobId: string;
  data: unknown;
  attempt: number;
  attempts: number;
  backoffMs: number;
  schedulerId?: string;
}

interface Scheduler {
  name: string;
  everyMs: number;
  data: unknown;
  timer?: NodeJS.Timeout;
}

/**
 * Jobs in this process's memory: the embedded profile, and `LEDGER_JOBS=inprocess` anywhere.
 * Waiting and delayed jobs are lost when the process stops; the reminder scan finds anything
 * left undone again on its next run, which is why that is acceptable here.
 */
export class InProcessJobRunner implements JobRunner {
  private readonly definitions = new Map<string, Definition>();
  private readonly waiting = new Map<string, PendingJob[]>();
  private readonly active = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** Jobs waiting for a retry, by name. */
  private readonly delayed = new Map<string, number>();
  /** Jobs that failed their last attempt since start, by name. */
  private readonly failed = new Map<string, number>();
  private readonly schedulers = new Map<string, Scheduler>();
  /** Ids of jobs known to the runner, oldest first (a Map keeps insertion order). */
  private readonly knownIds = new Map<string, true>();
  private started = false;
  private closed = false;

  constructor(private readonly options: InProcessJobRunnerOptions = {}) {}

  define<T>(name: string, handler: JobHandler<T>, options: JobDefinitionOptions<T> = {}): void {
    this.definitions.set(name, {
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, options.concurrency ?? 1),
      onFailed: options.onFailed as Definition['onFailed'],
    });
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<boolean> {
    if (this.closed) throw new JobRunnerClosedError();
    if (options.jobId !== undefined && this.knownIds.has(options.jobId)) return false;
    const jobId = options.jobId ?? randomUUID();
    this.remember(jobId);
    this.push({ name, jobId, data, attempt: 1, attempts: Math.max(1, options.attempts ?? 1), backoffMs: options.backoffMs ?? 1000 });
    return true;
  }

  async schedule<T>(schedulerId: string, name: string, everyMs: number, data: T): Promise<void> {
    if (this.closed) throw new JobRunnerClosedError();
    if (!(everyMs > 0)) throw new RangeError('everyMs must be positive');
    const previous = this.schedulers.get(schedulerId);
    if (previous?.timer) clearInterval(previous.timer);
    const scheduler: Scheduler = { name, everyMs, data };
    this.schedulers.set(schedulerId, scheduler);
    if (this.started) this.arm(schedulerId, scheduler, previous === undefined);
  }

  async start(): Promise<void> {
    if (this.closed) throw new JobRunnerClosedError();
    if (this.started) return;
    this.started = true;
    for (const [id, scheduler] of this.schedulers) this.arm(id, scheduler, true);
    for (const name of this.waiting.keys()) this.pump(name);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new JobRunnerClosedError();
  }

  async counts(): Promise<Record<string, JobCounts>> {
    const out: Record<string, JobCounts> = {};
    for (const name of this.definitions.keys()) {
      out[name] = {
        waiting: this.waiting.get(name)?.length ?? 0,
        delayed: this.delayed.get(name) ?? 0,
        active: this.active.get(name) ?? 0,
        failed: this.failed.get(name) ?? 0,
      };
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.schedulers.values()) if (s.timer) clearInterval(s.timer);
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    this.waiting.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs a scheduler now (when `runNow`) and every `everyMs`; a tick is skipped while its previous run still waits. */
  private arm(schedulerId: string, scheduler: Scheduler, runNow: boolean): void {
    const tick = () => {
      if (this.closed || this.schedulers.get(schedulerId) !== scheduler) return;
      const queued = (this.waiting.get(scheduler.name) ?? []).some((j) => j.schedulerId === schedulerId);
      if (queued) return;
      const jobId = `${schedulerId}-${Date.now()}-${randomUUID().slice(0, 8)}`;
      this.push({ name: scheduler.name, jobId, data: scheduler.data, attempt: 1, attempts: 1, backoffMs: 0, schedulerId });
    };
    scheduler.timer = setInterval(tick, scheduler.everyMs);
    scheduler.timer.unref();
    if (runNow) tick();
  }

  private push(job: PendingJob): void {
    const queue = this.waiting.get(job.name) ?? [];
    queue.push(job);
    this.waiting.set(job.name, queue);
    this.pump(job.name);
  }

  private pump(name: string): void {
    const definition = this.definitions.get(name);
    if (!this.started || this.closed || !definition) return;
    const queue = this.waiting.get(name) ?? [];
    while (queue.length > 0 && (this.active.get(name) ?? 0) < definition.concurrency) {
      this.run(definition, queue.shift()!);
    }
  }

  private run(definition: Definition, job: PendingJob): void {
    this.active.set(job.name, (this.active.get(job.name) ?? 0) + 1);
    const done = (async () => {
      try {
        await definition.handler(job.data, { attempt: job.attempt, jobId: job.jobId });
      } catch (error) {
        this.options.onAttemptFailed?.(job.name, job.jobId, job.attempt, error);
        if (job.attempt < job.attempts) {
          this.retryLater(job);
        } else {
          this.failed.set(job.name, (this.failed.get(job.name) ?? 0) + 1);
          if (definition.onFailed) {
            await definition.onFailed(job.data, error, job.attempt).catch((e: unknown) => this.options.onAttemptFailed?.(job.name, job.jobId, job.attempt, e));
          }
        }
      } finally {
        this.active.set(job.name, (this.active.get(job.name) ?? 1) - 1);
      }
    })();
    this.inFlight.add(done);
    void done.finally(() => {
      this.inFlight.delete(done);
      this.pump(job.name);
    });
  }

  private retryLater(job: PendingJob): void {
    if (this.closed) return;
    this.delayed.set(job.name, (this.delayed.get(job.name) ?? 0) + 1);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.delayed.set(job.name, (this.delayed.get(job.name) ?? 1) - 1);
      if (!this.closed) this.push({ ...job, attempt: job.attempt + 1 });
    }, backoffDelay(job.backoffMs, job.attempt));
    timer.unref();
    this.retryTimers.add(timer);
  }

  private remember(jobId: string): void {
    this.knownIds.set(jobId, true);
    const limit = this.options.retainJobIds ?? 10_000;
    while (this.knownIds.size > limit) this.knownIds.delete(this.knownIds.keys().next().value!);
  }
}
