import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { keyStoreContract } from '../testing/key-store.contract';
import { RedisKeyStore } from './redis-key-store';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `test:privacy:key-store:${randomUUID()}:`;
let client: Redis;
let n = 0;

beforeAll(() => {
  client = new Redis(url);
});
afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await client.quit();
});

keyStoreContract('Redis', async () => new RedisKeyStore({ client, keyPrefix: `${runPrefix}${++n}:` }));
