import Redis from 'ioredis';
import type { KeyStore, StoredKey } from '../key-store.port';

/**
 * The key store in Redis, for the scale-out profiles.
 *
 * Layout under the deployment's prefix:
 * - `${prefix}pdkeys:k:${keyId}`  STRING, the record as JSON
 * - `${prefix}pdkeys:s:${subject}` SET of the subject's key ids
 * - `${prefix}pdkeys:all`          ZSET, score 0, every key id (lex order for scans)
 *
 * Writes that must not race run as Lua scripts (insert if absent, destroy, rewrap), so two
 * processes never make two keys for one id nor resurrect a destroyed one.
 */
export class RedisKeyStore implements KeyStore {
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;

  constructor(options: { url: string; keyPrefix?: string } | { client: Redis; keyPrefix?: string }) {
    if ('client' in options) {
      this.client = options.client;
      this.ownsClient = false;
    } else {
      this.client = new Redis(options.url);
      this.ownsClient = true;
    }
    this.prefix = `${options.keyPrefix ?? ''}pdkeys:`;
    this.client.defineCommand('pdkInsert', {
      numberOfKeys: 3,
      lua: `local cur = redis.call('GET', KEYS[1])
if cur then return cur end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], 0, ARGV[2])
return ARGV[1]`,
    });
    this.client.defineCommand('pdkDestroy', {
      numberOfKeys: 1,
      lua: `local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local rec = cjson.decode(cur)
if rec.destroyedAt ~= cjson.null then return 0 end
rec.wrapped = cjson.null
rec.masterKeyId = cjson.null
rec.destroyedAt = ARGV[1]
redis.call('SET', KEYS[1], cjson.encode(rec))
return 1`,
    });
    this.client.defineCommand('pdkRewrap', {
      numberOfKeys: 1,
      lua: `local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local rec = cjson.decode(cur)
if rec.destroyedAt ~= cjson.null or rec.masterKeyId ~= ARGV[1] then return 0 end
rec.wrapped = ARGV[2]
rec.masterKeyId = ARGV[3]
redis.call('SET', KEYS[1], cjson.encode(rec))
return 1`,
    });
  }

  private k(keyId: string): string {
    return `${this.prefix}k:${keyId}`;
  }

  async getMany(keyIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const out = new Map<string, StoredKey>();
    if (keyIds.length === 0) return out;
    const values = await this.client.mget(...keyIds.map((id) => this.k(id)));
    values.forEach((v, i) => {
      if (v !== null) out.set(keyIds[i], parse(v));
    });
    return out;
  }

  async insertIfAbsent(key: StoredKey): Promise<StoredKey> {
    const stored = (await (this.client as unknown as Commands).pdkInsert(
      this.k(key.keyId),
      `${this.prefix}s:${key.subject}`,
      `${this.prefix}all`,
      JSON.stringify(key),
      key.keyId,
    )) as string;
    return parse(stored);
  }

  async listSubject(subject: string): Promise<StoredKey[]> {
    const ids = (await this.client.smembers(`${this.prefix}s:${subject}`)).sort();
    const found = await this.getMany(ids);
    return ids.filter((id) => found.has(id)).map((id) => found.get(id)!);
  }

  async destroy(subject: string, destroyedAt: string, categories?: readonly string[]): Promise<string[]> {
    const destroyed: string[] = [];
    for (const key of await this.listSubject(subject)) {
      if (key.destroyedAt !== null) continue;
      if (categories && !categories.includes(key.category)) continue;
      if ((await (this.client as unknown as Commands).pdkDestroy(this.k(key.keyId), destroyedAt)) === 1) destroyed.push(key.keyId);
    }
    return destroyed;
  }

  async scan(after: string | undefined, limit: number): Promise<StoredKey[]> {
    const min = after === undefined ? '-' : `(${after}`;
    const ids = await this.client.zrangebylex(`${this.prefix}all`, min, '+', 'LIMIT', 0, limit);
    const found = await this.getMany(ids);
    return ids.filter((id) => found.has(id)).map((id) => found.get(id)!);
  }

  async rewrap(keyId: string, fromMasterKeyId: string, wrapped: string, toMasterKeyId: string): Promise<boolean> {
    return (await (this.client as unknown as Commands).pdkRewrap(this.k(keyId), fromMasterKeyId, wrapped, toMasterKeyId)) === 1;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.quit();
  }
}

interface Commands {
  pdkInsert(key: string, subjectSet: string, all: string, json: string, keyId: string): Promise<string>;
  pdkDestroy(key: string, destroyedAt: string): Promise<number>;
  pdkRewrap(key: string, from: string, wrapped: string, to: string): Promise<number>;
}

function parse(json: string): StoredKey {
  const r = JSON.parse(json) as StoredKey;
  return {
    keyId: r.keyId,
    subject: r.subject,
    category: r.category,
    wrapped: r.wrapped ?? null,
    masterKeyId: r.masterKeyId ?? null,
    createdAt: r.createdAt,
    destroyedAt: r.destroyedAt ?? null,
  };
}
