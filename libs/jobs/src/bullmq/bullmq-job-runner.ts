import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import {
  EnqueueOptions,
  JobCounts,
  JobDefinitionOptions,
  JobHandler,
  JobRunner,
  JobRunnerClosedError,
} from '../job-runner.port';

export interface BullMqJobRunnerOptions {
  /** Redis to keep the queues in, e.g. redis://127.0.0.1:6379. */
  url: string;
  /** BullMQ key prefix (default `bull`); every key of the runner starts with `${prefix}:`. */
  prefix?: string;
  /** Told about a job that failed an attempt, and about connection errors (logging). */
  onError?(message: string, error: unknown): void;
}

/** Finished jobs are kept this long (and at most this many) so a re-enqueued jobId is recognised. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 10_000 };
/** Runs of a recurring job are not worth keeping. */
const KEEP_SCHEDULED = { count: 100 };

interface Definition {
  handler: JobHandler<unknown>;
  concurrency: number;
  onFailed?(data: unknown, error: unknown, attempts: number): Promise<void>;
}

/**
 * Jobs in Redis through BullMQ v6 (the distributed profile): one queue per job name, recurring
 * jobs as job schedulers (`upsertJobScheduler`), retries as BullMQ `attempts` with exponential
 * `backoff`, deduplication by `jobId`.
 *
 * Connections are opened on first use: a process that only enqueues opens one (commands fail
 * fast while Redis is away), a process that runs workers opens another with
 * `maxRetriesPerRequest: null`, as BullMQ requires for workers (each worker adds its own blocking
 * connection). `close` closes the workers first, which waits for the jobs they are running.
 */
export class BullMqJobRunner implements JobRunner {
  private readonly definitions = new Map<string, Definition>();
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private producer: Redis | undefined;
  private consumer: Redis | undefined;
  private closed = false;
  private started = false;
  private readonly prefix: string;

  constructor(private readonly options: BullMqJobRunnerOptions) {
    this.prefix = options.prefix ?? 'bull';
  }

  define<T>(name: string, handler: JobHandler<T>, options: JobDefinitionOptions<T> = {}): void {
    checkName(name);
    this.definitions.set(name, {
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, options.concurrency ?? 1),
      onFailed: options.onFailed as Definition['onFailed'],
    });
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<boolean> {
    const queue = this.queue(name);
    if (options.jobId !== undefined && (await queue.getJob(options.jobId))) return false;
    // BullMQ adds a jobId once even when two producers race; the check above only tells which one won.
    await queue.add(name, data, {
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
      attempts: Math.max(1, options.attempts ?? 1),
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    return true;
  }

  async schedule<T>(schedulerId: string, name: string, everyMs: number, data: T): Promise<void> {
    if (!(everyMs > 0)) throw new RangeError('everyMs must be positive');
    await this.queue(name).upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name, data, opts: { removeOnComplete: KEEP_SCHEDULED, removeOnFail: KEEP_SCHEDULED } },
    );
  }

  async start(): Promise<void> {
    if (this.closed) throw new JobRunnerClosedError();
    if (this.started) return;
    this.started = true;
    const connection = this.consumerConnection();
    for (const [name, definition] of this.definitions) {
      const worker = new Worker(name, (job: Job) => this.process(definition, job), {
        connection,
        prefix: this.prefix,
        concurrency: definition.concurrency,
        autorun: true,
      });
      worker.on('error', (error) => this.options.onError?.(`worker ${name}`, error));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async counts(): Promise<Record<string, JobCounts>> {
    const out: Record<string, JobCounts> = {};
    for (const name of this.definitions.keys()) {
      const c = await this.queue(name).getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
      out[name] = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 };
    }
    return out;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new JobRunnerClosedError();
    await this.producerConnection().ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Workers stop fetching and finish their active jobs; then nothing uses the connections.
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await Promise.allSettled([this.producer, this.consumer].filter((c): c is Redis => c !== undefined).map((c) => c.quit()));
  }

  private async process(definition: Definition, job: Job): Promise<void> {
    const attempt = job.attemptsMade + 1;
    try {
      await definition.handler(job.data, { attempt, jobId: job.id ?? '' });
    } catch (error) {
      this.options.onError?.(`job ${job.name} ${job.id ?? ''} attempt ${attempt}`, error);
      if (attempt >= (job.opts.attempts ?? 1) && definition.onFailed) {
        await definition.onFailed(job.data, error, attempt).catch((e: unknown) => this.options.onError?.(`onFailed of ${job.name}`, e));
      }
      throw error;
    }
  }

  private queue(name: string): Queue {
    if (this.closed) throw new JobRunnerClosedError();
    checkName(name);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producerConnection(), prefix: this.prefix });
      queue.on('error', (error) => this.options.onError?.(`queue ${name}`, error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private producerConnection(): Redis {
    if (!this.producer) {
      this.producer = new Redis(this.options.url);
      this.producer.on('error', (error) => this.options.onError?.('redis (producer)', error));
    }
    return this.producer;
  }

  private consumerConnection(): Redis {
    if (!this.consumer) {
      this.consumer = new Redis(this.options.url, { maxRetriesPerRequest: null });
      this.consumer.on('error', (error) => this.options.onError?.('redis (workers)', error));
    }
    return this.consumer;
  }
}

/** BullMQ keys use ':' as separator, so a queue name must not contain one. */
function checkName(name: string): void {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new RangeError(`job name "${name}" must be 1–64 letters, digits, ".", "_" or "-"`);
}
