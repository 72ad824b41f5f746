import type { JobContext, JobRunner } from '../job-runner.port';

export interface JobRunnerFixture {
  runner: JobRunner;
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `predicate` holds; fails the test after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * The behaviour every job-runner adapter must show. `create` gives a fresh runner whose jobs no
 * other runner sees; the suite closes it (and `cleanup` removes what it stored).
 */
export function jobRunnerContract(adapter: string, create: () => Promise<JobRunnerFixture>): void {
  describe(`job-runner contract: ${adapter}`, () => {
    let fixture: JobRunnerFixture;
    let runner: JobRunner;
    beforeEach(async () => {
      fixture = await create();
      runner = fixture.runner;
    });
    afterEach(async () => {
      await runner.close();
      await fixture.cleanup();
    });

    it('runs an enqueued job once, with its data, attempt 1 and its job id', async () => {
      const seen: Array<{ data: unknown; context: JobContext }> = [];
      runner.define<{ n: number }>('once', async (data, context) => {
        seen.push({ data, context });
      });
      await runner.start();
      expect(await runner.enqueue('once', { n: 7 }, { jobId: 'job-7' })).toBe(true);
      await eventually(() => seen.length === 1, 5000, 'the job');
      await sleep(200);
      expect(seen).toEqual([{ data: { n: 7 }, context: { attempt: 1, jobId: 'job-7' } }]);
    });

    it('keeps jobs enqueued before start until a worker starts', async () => {
      const seen: number[] = [];
      runner.define<number>('early', async (n) => {
        seen.push(n);
      });
      await runner.enqueue('early', 1);
      await runner.enqueue('early', 2);
      await sleep(150);
      expect(seen).toEqual([]);
      await runner.start();
      await eventually(() => seen.length === 2, 5000, 'both jobs');
      expect(seen.sort()).toEqual([1, 2]);
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const at: number[] = [];
      const attempts: number[] = [];
      let failedCalls = 0;
      runner.define<null>(
        'flaky',
        async (_data, { attempt }) => {
          at.push(Date.now());
          attempts.push(attempt);
          if (attempt < 3) throw new Error(`attempt ${attempt} fails`);
        },
        { onFailed: async () => void failedCalls++ },
      );
      await runner.start();
      await runner.enqueue('flaky', null, { attempts: 4, backoffMs: 100 });
      await eventually(() => attempts.length === 3, 5000, 'three attempts');
      await sleep(500);
      expect(attempts).toEqual([1, 2, 3]);
      // Backoff 100 ms × 2^(n−1): the first retry waits 100 ms, the second 200 ms.
      const firstGap = at[1] - at[0];
      const secondGap = at[2] - at[1];
      expect(firstGap).toBeGreaterThanOrEqual(95);
      // The lower bounds are what backoff guarantees; a constant 100 ms backoff fails the second.
      // The gaps are not compared with each other: on a loaded machine the first retry can be
      // picked up late enough to exceed the second.
      expect(secondGap).toBeGreaterThanOrEqual(195);
      expect(failedCalls).toBe(0);
    });

    it('gives up after the last attempt and calls onFailed once', async () => {
      let calls = 0;
      const failures: Array<{ data: unknown; message: string; attempts: number }> = [];
      runner.define<{ id: string }>(
        'doomed',
        async () => {
          calls++;
          throw new Error('always');
        },
        { onFailed: async (data, error, attempts) => void failures.push({ data, message: (error as Error).message, attempts }) },
      );
      await runner.start();
      await runner.enqueue('doomed', { id: 'x' }, { attempts: 3, backoffMs: 30 });
      await eventually(() => failures.length === 1, 5000, 'onFailed');
      await sleep(400);
      expect(calls).toBe(3);
      expect(failures).toEqual([{ data: { id: 'x' }, message: 'always', attempts: 3 }]);
    });

    it('counts the jobs of each defined name: waiting, delayed for a retry, active, failed after the last attempt', async () => {
      let open: () => void = () => undefined;
      const gate = new Promise<void>((r) => (open = r));
      runner.define<{ block: boolean }>('counted', async ({ block }) => {
        if (block) await gate;
        throw new Error('fails');
      });
      const counted = async () => (await runner.counts()).counted;
      const until = async (expected: object) => {
        const deadline = Date.now() + 5000;
        let seen = await counted();
        while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
          await sleep(20);
          seen = await counted();
        }
        expect(seen).toEqual(expected);
      };
      try {
        await runner.enqueue('counted', { block: false }, { attempts: 2, backoffMs: 60_000 });
        await runner.enqueue('counted', { block: false }, { attempts: 1 });
        await runner.enqueue('counted', { block: true }, { attempts: 1 });
        expect(await counted()).toEqual({ waiting: 3, delayed: 0, active: 0, failed: 0 });
        await runner.start();
        await until({ waiting: 0, delayed: 1, active: 1, failed: 1 });
        open();
        await until({ waiting: 0, delayed: 1, active: 0, failed: 2 });
      } finally {
        open();
      }
    });

    it('adds a job id once, while it waits and after it ran', async () => {
      let runs = 0;
      runner.define<null>('dedup', async () => void runs++);
      expect(await runner.enqueue('dedup', null, { jobId: 'same' })).toBe(true);
      expect(await runner.enqueue('dedup', null, { jobId: 'same' })).toBe(false);
      await runner.start();
      await eventually(() => runs === 1, 5000, 'the job');
      expect(await runner.enqueue('dedup', null, { jobId: 'same' })).toBe(false);
      await sleep(300);
      expect(runs).toBe(1);
    });

    it('runs a recurring job now and then every interval, and an upsert of the same scheduler does not double it', async () => {
      const runs: number[] = [];
      runner.define<{ tag: string }>('tick', async ({ tag }) => {
        expect(tag).toBe('t');
        runs.push(Date.now());
      });
      await runner.start();
      const scheduledAt = Date.now();
      await runner.schedule('ticker', 'tick', 300, { tag: 't' });
      await eventually(() => runs.length >= 1, 3000, 'the first run');
      expect(runs[0] - scheduledAt).toBeLessThan(250);
      await runner.schedule('ticker', 'tick', 300, { tag: 't' });
      const from = Date.now();
      await sleep(1500);
      // Every 300 ms over 1.5 s is about 5 runs; a doubled scheduler would make about 10.
      const inWindow = runs.filter((t) => t >= from).length;
      expect(inWindow).toBeGreaterThanOrEqual(3);
      expect(inWindow).toBeLessThanOrEqual(7);
    });

    it('runs up to `concurrency` jobs of a name at once', async () => {
      let running = 0;
      let most = 0;
      let done = 0;
      runner.define<null>(
        'pair',
        async () => {
          running++;
          most = Math.max(most, running);
          await sleep(150);
          running--;
          done++;
        },
        { concurrency: 2 },
      );
      await runner.start();
      for (let i = 0; i < 4; i++) await runner.enqueue('pair', null);
      await eventually(() => done === 4, 5000, 'four jobs');
      expect(most).toBe(2);
    });

    it('on close, stops taking jobs and waits for the one in flight', async () => {
      const started: string[] = [];
      let finishedSlow = false;
      runner.define<string>('serial', async (id) => {
        started.push(id);
        if (id === 'slow') {
          await sleep(400);
          finishedSlow = true;
        }
      });
      await runner.start();
      await runner.enqueue('serial', 'slow');
      await eventually(() => started.length === 1, 5000, 'the slow job');
      await runner.enqueue('serial', 'next');
      await runner.close();
      expect(finishedSlow).toBe(true);
      await sleep(300);
      expect(started).toEqual(['slow']);
      await expect(runner.enqueue('serial', 'late')).rejects.toThrow(/closed/);
    });
  });
}
