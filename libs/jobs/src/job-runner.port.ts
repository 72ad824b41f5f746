/**
 * The job-runner port: background jobs by name, recurring jobs, retries with exponential backoff.
 * Two adapters pass one contract suite (`testing/job-runner.contract.ts`): in-process (timers and
 * memory, the embedded profile) and BullMQ (queues in Redis, the distributed profile).
 *
 * A process that only produces jobs never calls `start`; a process that runs them defines the
 * handlers and calls `start`. With the in-process adapter both happen in the same process.
 */
export const JOB_RUNNER = Symbol('JOB_RUNNER');

export interface JobContext {
  /** 1 on the first attempt, 2 on the first retry, … */
  attempt: number;
  /** The id the job was enqueued with (generated when none was given). */
  jobId: string;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

export interface JobDefinitionOptions<T> {
  /** Jobs of this name that one runner processes at the same time (default 1). */
  concurrency?: number;
  /**
   * Called once when the last attempt has failed, before the job is marked failed. It runs as part
   * of the job, so `close` waits for it too.
   */
  onFailed?(data: T, error: unknown, attempts: number): Promise<void>;
}

export interface EnqueueOptions {
  /**
   * Deduplication key: while a job with this id is known to the runner (waiting, delayed, running,
   * or finished and still retained), enqueueing it again adds nothing.
   */
  jobId?: string;
  /** Attempts in all, the first included (default 1: no retry). */
  attempts?: number;
  /** Exponential backoff: retry n waits `backoffMs × 2^(n−1)` (default 1000). */
  backoffMs?: number;
}

/** Jobs of one name by state (for /metrics: queue depth and failures). */
export interface JobCounts {
  /** Ready to run, not yet taken. */
  waiting: number;
  /** Waiting for a retry's backoff (or a delay) to pass. */
  delayed: number;
  /** Running now. */
  active: number;
  /** Failed their last attempt (those the runner still retains). */
  failed: number;
}

export interface JobRunner {
  /** The handler of one job name. Define every name before `start`. */
  define<T>(name: string, handler: JobHandler<T>, options?: JobDefinitionOptions<T>): void;
  /** Adds a job; resolves false when a job with the same `jobId` was already known. */
  enqueue<T>(name: string, data: T, options?: EnqueueOptions): Promise<boolean>;
  /**
   * Creates or replaces (by `schedulerId`) a recurring job: one run as soon as a worker takes it,
   * then one every `everyMs`. A run never starts while the previous one of the same scheduler
   * still waits to be taken.
   */
  schedule<T>(schedulerId: string, name: string, everyMs: number, data: T): Promise<void>;
  /** Starts processing the defined job names (and, in-process, the schedules). */
  start(): Promise<void>;
  /** Jobs of each defined name by state (in BullMQ: in the queue, whichever process runs it). */
  counts(): Promise<Record<string, JobCounts>>;
  /** Throws when the runner's backing service is unreachable (for /health). */
  ping(): Promise<void>;
  /** Stops taking jobs, waits for the jobs in flight to finish, releases connections. Idempotent. */
  close(): Promise<void>;
}

/** Thrown by `enqueue` and `schedule` after `close`. */
export class JobRunnerClosedError extends Error {
  constructor() {
    super('the job runner is closed');
    this.name = 'JobRunnerClosedError';
  }
}

/** Delay before retry number `retry` (1-based) with exponential backoff from `backoffMs`. */
export function backoffDelay(backoffMs: number, retry: number): number {
  return backoffMs * 2 ** (retry - 1);
}
