import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { eventually, jobRunnerContract } from '../testing/job-runner.contract';
import { BullMqJobRunner } from './bullmq-job-runner';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every queue of this run lives under this prefix; each test gets its own. */
const runPrefix = `test-jobs-${randomUUID()}`;
let client: Redis;
let testNo = 0;

async function deleteUnder(prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) deleted += await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

beforeAll(() => {
  client = new Redis(url);
});
afterAll(async () => {
  await deleteUnder(runPrefix);
  await client.quit();
});

jobRunnerContract('BullMQ', async () => {
  const prefix = `${runPrefix}-${++testNo}`;
  return { runner: new BullMqJobRunner({ url, prefix }), cleanup: async () => void (await deleteUnder(prefix)) };
});

describe('BullMQ job runner specifics', () => {
  it('leaves the jobs it did not take in Redis, for the next worker', async () => {
    const prefix = `${runPrefix}-durable`;
    const first = new BullMqJobRunner({ url, prefix });
    const seenFirst: string[] = [];
    first.define<string>('serial', async (id) => {
      seenFirst.push(id);
      if (id === 'slow') await new Promise((r) => setTimeout(r, 300));
    });
    await first.start();
    await first.enqueue('serial', 'slow');
    await eventually(() => seenFirst.length === 1, 5000, 'the slow job');
    await first.enqueue('serial', 'next');
    await first.close();
    expect(seenFirst).toEqual(['slow']);

    const second = new BullMqJobRunner({ url, prefix });
    const seenSecond: string[] = [];
    second.define<string>('serial', async (id) => void seenSecond.push(id));
    await second.start();
    await eventually(() => seenSecond.length === 1, 5000, 'the job left behind');
    expect(seenSecond).toEqual(['next']);
    await second.close();
    await deleteUnder(prefix);
  });

  it('keeps its keys under its prefix and answers ping', async () => {
    const prefix = `${runPrefix}-keys`;
    const runner = new BullMqJobRunner({ url, prefix });
    await runner.ping();
    await runner.schedule('s', 'tick', 60_000, {});
    await runner.enqueue('work', { a: 1 }, { jobId: 'w1' });
    const [, keys] = await client.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${prefix}:tick:`) || k.startsWith(`${prefix}:work:`))).toBe(true);
    await runner.close();
    await expect(runner.ping()).rejects.toThrow(/closed/);
    expect(await deleteUnder(prefix)).toBeGreaterThan(0);
  });

  it('refuses a job name that would break its keys', () => {
    const runner = new BullMqJobRunner({ url, prefix: `${runPrefix}-names` });
    expect(() => runner.define('a:b', async () => undefined)).toThrow(/job name/);
  });
});
