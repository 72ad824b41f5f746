import { eventually, jobRunnerContract } from '../testing/job-runner.contract';
import { InProcessJobRunner } from './in-process-job-runner';

jobRunnerContract('in-process', async () => ({ runner: new InProcessJobRunner(), cleanup: async () => undefined }));

describe('in-process job runner specifics', () => {
  it('forgets the oldest job ids beyond its retention, so they can be enqueued again', async () => {
    const runner = new InProcessJobRunner({ retainJobIds: 2 });
    const runs: string[] = [];
    runner.define<string>('r', async (id) => void runs.push(id));
    expect(await runner.enqueue('r', 'a', { jobId: 'a' })).toBe(true);
    expect(await runner.enqueue('r', 'b', { jobId: 'b' })).toBe(true);
    expect(await runner.enqueue('r', 'a', { jobId: 'a' })).toBe(false);
    // A third id pushes 'a' out of the two remembered.
    expect(await runner.enqueue('r', 'c', { jobId: 'c' })).toBe(true);
    expect(await runner.enqueue('r', 'a', { jobId: 'a' })).toBe(true);
    await runner.start();
    await eventually(() => runs.length === 4, 2000, 'four jobs');
    await runner.close();
    expect(runs).toEqual(['a', 'b', 'c', 'a']);
  });

  it('drops a pending retry on close instead of running it later', async () => {
    const runner = new InProcessJobRunner();
    let calls = 0;
    runner.define<null>('retry', async () => {
      calls++;
      throw new Error('no');
    });
    await runner.start();
    await runner.enqueue('retry', null, { attempts: 5, backoffMs: 100 });
    await new Promise((r) => setTimeout(r, 30));
    await runner.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(1);
  });
});
