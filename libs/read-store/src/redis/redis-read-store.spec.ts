import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readStoreContract } from '../testing/read-store.contract';
import { RedisReadStore } from './redis-read-store';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key of this run lives under this prefix; each test gets its own sub-prefix. */
const runPrefix = `test:read-store:${randomUUID()}:`;
let client: Redis;
let testNo = 0;

async function keysUnder(prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[\\*?[\]]/g, '\\$&')}*`;
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    out.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return out;
}

async function deleteUnder(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  for (let i = 0; i < keys.length; i += 500) await client.unlink(...keys.slice(i, i + 500));
}

beforeAll(() => {
  client = new Redis(url);
});

afterAll(async () => {
  await deleteUnder(runPrefix);
  await client.quit();
});

readStoreContract('Redis', async () => {
  const keyPrefix = `${runPrefix}${++testNo}:`;
  const store = new RedisReadStore({ client, keyPrefix });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await deleteUnder(keyPrefix);
    },
  };
});

describe('Redis read store specifics', () => {
  it('keeps every key under its prefix, and drops a namespace down to nothing', async () => {
    const keyPrefix = `${runPrefix}specifics:`;
    const store = new RedisReadStore({ client, keyPrefix });
    await store.commit('ns:1', [{ op: 'put', collection: 'c:å', key: 'k:ä', value: 1, indexes: [{ index: 'i', value: 'v:ö' }] }], 1n);
    await store.setActiveNamespace('p', 'ns:1');
    expect((await keysUnder(keyPrefix)).sort()).toEqual(
      [
        `${keyPrefix}active`,
        `${keyPrefix}ns%3A1:checkpoint`,
        `${keyPrefix}ns%3A1:c:c%3Aå`,
        `${keyPrefix}ns%3A1:d:c%3Aå:k%3Aä`,
        `${keyPrefix}ns%3A1:i:c%3Aå:i:v%3Aö`,
      ].sort(),
    );
    expect(await client.get(`${keyPrefix}ns%3A1:checkpoint`)).toBe('1');

    // A delete leaves nothing behind but the checkpoint (empty sorted sets vanish).
    await store.commit('ns:1', [{ op: 'delete', collection: 'c:å', key: 'k:ä' }], 2n);
    expect((await keysUnder(keyPrefix)).sort()).toEqual([`${keyPrefix}active`, `${keyPrefix}ns%3A1:checkpoint`].sort());

    await store.dropNamespace('ns:1');
    expect(await keysUnder(keyPrefix)).toEqual([`${keyPrefix}active`]);
    await deleteUnder(keyPrefix);
  });

  it('drops a namespace holding more keys than one SCAN batch', async () => {
    const keyPrefix = `${runPrefix}big:`;
    const store = new RedisReadStore({ client, keyPrefix });
    const changes = Array.from({ length: 2500 }, (_, i) => ({
      op: 'put' as const,
      collection: 'c',
      key: `k${i}`,
      value: i,
      indexes: [{ index: 'n', value: String(i % 10) }],
    }));
    await store.commit('ns', changes, 1n);
    await store.commit('keep', changes.slice(0, 3), 1n);
    await store.dropNamespace('ns');
    expect(await keysUnder(`${keyPrefix}ns:`)).toEqual([]);
    expect(await store.scan('keep', 'c')).toHaveLength(3);
    await deleteUnder(keyPrefix);
  });

  it('connects from a URL and closes its own connection', async () => {
    const keyPrefix = `${runPrefix}url:`;
    const store = new RedisReadStore({ url, keyPrefix });
    await store.commit('ns', [], 3n);
    expect(await store.checkpoint('ns')).toBe(3n);
    await store.close();
    await expect(store.checkpoint('ns')).rejects.toThrow();
    await deleteUnder(keyPrefix);
  });

  it('refuses a client that has an ioredis keyPrefix of its own', () => {
    const prefixed = new Redis(url, { keyPrefix: 'x:', lazyConnect: true });
    expect(() => new RedisReadStore(prefixed)).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });
});
