import Redis from 'ioredis';
import { PreparedChange, checkLimit, checkPosition, hasEntry, prepareChanges } from '../prepare-changes';
import type { IndexEntry, ReadModelChange, ReadStore, StoredDocument, StoredJsonDocument } from '../read-store.port';

export type RedisReadStoreOptions = { url: string; keyPrefix?: string } | { client: Redis; keyPrefix?: string };

/** What a document key holds: the value and its index entries. */
interface StoredJson {
  v: unknown;
  ix: IndexEntry[];
}

/**
 * The distributed read-model store on Redis (ioredis).
 *
 * Layout (every part after the prefix is encoded with {@link encodePart}, so keys with colons,
 * percent signs or Swedish letters never collide):
 * - `${prefix}${ns}:d:${collection}:${key}`   STRING, JSON `{"v": value, "ix": indexes}`
 * - `${prefix}${ns}:c:${collection}`          ZSET, score 0, member = raw key (lex order = scan order)
 * - `${prefix}${ns}:i:${collection}:${index}:${value}`  ZSET, score 0, member = raw key
 * - `${prefix}${ns}:checkpoint`               STRING, the position as a decimal string
 * - `${prefix}active`                         HASH, projection -> namespace
 *
 * Members sort by bytes (UTF-8), the same order as SQLite's BINARY collation.
 *
 * Atomicity: `commit` validates and serializes every change first, then sends ONE MULTI/EXEC
 * holding every change and the checkpoint SET. A put or delete without `previousIndexes` needs
 * the stored index entries, which are read (one MGET) BEFORE the MULTI. Projections pass
 * `previousIndexes` (the unit of work tracks the committed entries), so that read is rare; it
 * assumes one writer per namespace, which the projection runner guarantees.
 *
 * Reads of a range (`list`, `scan`) run as one Lua script, so the keys and their documents are
 * read atomically. The script derives document keys from members, which is fine on a single
 * Redis (or a replica set) but not on Redis Cluster.
 */
export class RedisReadStore implements ReadStore {
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private closed = false;

  constructor(options: RedisReadStoreOptions | Redis) {
    if (options instanceof Redis) {
      this.client = options;
      this.ownsClient = false;
      this.prefix = '';
    } else if ('client' in options) {
      this.client = options.client;
      this.ownsClient = false;
      this.prefix = options.keyPrefix ?? '';
    } else {
      this.client = new Redis(options.url);
      this.ownsClient = true;
      this.prefix = options.keyPrefix ?? '';
    }
    if (this.client.options.keyPrefix) {
      // ioredis would prefix KEYS but neither SCAN patterns nor the keys the Lua script builds.
      throw new Error('RedisReadStore: give the prefix as its keyPrefix option, not as the ioredis keyPrefix');
    }
    this.client.defineCommand(RANGE_COMMAND, { numberOfKeys: 1, lua: RANGE_SCRIPT });
  }

  async get<T>(namespace: string, collection: string, key: string): Promise<StoredDocument<T> | undefined> {
    const json = await this.client.get(this.docKey(namespace, collection, key));
    return json === null ? undefined : toDocument<T>(key, json);
  }

  async getMany<T>(namespace: string, collection: string, keys: readonly string[]): Promise<Array<StoredDocument<T> | undefined>> {
    if (keys.length === 0) return [];
    const values = await this.client.mget(keys.map((key) => this.docKey(namespace, collection, key)));
    return values.map((json, i) => (json === null ? undefined : toDocument<T>(keys[i], json)));
  }

  async list<T>(
    namespace: string,
    collection: string,
    index: IndexEntry,
    options: { after?: string; limit?: number } = {},
  ): Promise<Array<StoredDocument<T>>> {
    const rows = await this.range<string>(RANGE_COMMAND, this.indexKey(namespace, collection, index.index, index.value), namespace, collection, options);
    return rows.map(({ key, json }) => toDocument<T>(key, json));
  }

  async scan<T>(namespace: string, collection: string, options: { after?: string; limit?: number } = {}): Promise<Array<StoredDocument<T>>> {
    const rows = await this.range<string>(RANGE_COMMAND, this.collectionKey(namespace, collection), namespace, collection, options);
    return rows.map(({ key, json }) => toDocument<T>(key, json));
  }

  async scanJson(namespace: string, collection: string, options: { after?: string; limit?: number } = {}): Promise<StoredJsonDocument[]> {
    // The Buffer variant of the script: the documents come as bytes, never decoded.
    const rows = await this.range<Buffer>(`${RANGE_COMMAND}Buffer`, this.collectionKey(namespace, collection), namespace, collection, options);
    return rows.map(({ key, json }) => ({ key: key.toString('utf8'), json: valueJsonOf(json) }));
  }

  async commit(namespace: string, changes: readonly ReadModelChange[], checkpoint: bigint): Promise<void> {
    checkPosition(checkpoint);
    const prepared = prepareChanges(changes);
    const stored = await this.readMissingPreviousIndexes(namespace, prepared);

    // Index entries as of the changes applied so far in this batch (the MGET above saw none of them).
    const current = new Map<string, IndexEntry[]>();
    const multi = this.client.multi();
    for (const c of prepared) {
      const id = docId(c.collection, c.key);
      const old = c.previousIndexes ?? current.get(id) ?? stored.get(id) ?? [];
      const docKey = this.docKey(namespace, c.collection, c.key);
      if (c.op === 'put') {
        multi.set(docKey, `{"v":${c.valueJson},"ix":${c.indexesJson}}`);
        multi.zadd(this.collectionKey(namespace, c.collection), 0, c.key);
        for (const o of old) {
          if (!hasEntry(c.indexes, o.index, o.value)) multi.zrem(this.indexKey(namespace, c.collection, o.index, o.value), c.key);
        }
        for (const n of c.indexes) multi.zadd(this.indexKey(namespace, c.collection, n.index, n.value), 0, c.key);
        current.set(id, c.indexes);
      } else {
        multi.unlink(docKey);
        multi.zrem(this.collectionKey(namespace, c.collection), c.key);
        for (const o of old) multi.zrem(this.indexKey(namespace, c.collection, o.index, o.value), c.key);
        current.set(id, []);
      }
    }
    multi.set(this.checkpointKey(namespace), checkpoint.toString());
    const results = await multi.exec();
    if (results === null) throw new Error('read-store commit: MULTI was aborted');
    const failed = results.find(([error]) => error);
    // Redis does not roll back a command that fails inside EXEC; with the key types above none can.
    if (failed) throw failed[0];
  }

  async checkpoint(namespace: string): Promise<bigint | undefined> {
    const value = await this.client.get(this.checkpointKey(namespace));
    return value === null ? undefined : BigInt(value);
  }

  async dropNamespace(namespace: string): Promise<void> {
    const pattern = `${escapeGlob(this.namespacePrefix(namespace))}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await this.client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async activeNamespace(projection: string): Promise<string | undefined> {
    return (await this.client.hget(this.activeKey(), projection)) ?? undefined;
  }

  async setActiveNamespace(projection: string, namespace: string): Promise<void> {
    await this.client.hset(this.activeKey(), projection, namespace);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.quit();
  }

  /**
   * The stored index entries of the documents whose put/delete has no previousIndexes and that
   * no earlier change of the batch touched (those are tracked in memory instead).
   */
  private async readMissingPreviousIndexes(namespace: string, changes: PreparedChange[]): Promise<Map<string, IndexEntry[]>> {
    const stored = new Map<string, IndexEntry[]>();
    const seen = new Set<string>();
    const wanted: Array<{ id: string; key: string }> = [];
    for (const c of changes) {
      const id = docId(c.collection, c.key);
      if (c.previousIndexes === undefined && !seen.has(id)) wanted.push({ id, key: this.docKey(namespace, c.collection, c.key) });
      seen.add(id);
    }
    if (wanted.length === 0) return stored;
    const values = await this.client.mget(wanted.map((w) => w.key));
    values.forEach((json, i) => {
      if (json !== null) stored.set(wanted[i].id, (JSON.parse(json) as StoredJson).ix);
    });
    return stored;
  }

  /**
   * Documents of a sorted set's members, after `after`, as their stored JSON (`{"v":…,"ix":…}`):
   * strings through the script's command, bytes through its Buffer variant.
   */
  private async range<R extends string | Buffer>(
    command: keyof RangeCommands,
    setKey: string,
    namespace: string,
    collection: string,
    options: { after?: string; limit?: number },
  ): Promise<Array<{ key: R; json: R }>> {
    checkLimit(options.limit);
    if (options.limit === 0) return [];
    const run = (this.client as unknown as RangeCommands)[command] as RangeScript<R>;
    const [members, docs] = await run.call(this.client, ...this.rangeArguments(setKey, namespace, collection, options));
    const out: Array<{ key: R; json: R }> = [];
    members.forEach((key, i) => {
      const json = docs[i];
      // A member without a document cannot happen through commit; skip it rather than fail a query.
      if (json !== null && json !== undefined) out.push({ key, json });
    });
    return out;
  }

  /** The range script's arguments: the set, its lower bound, the limit, the prefix of the document keys. */
  private rangeArguments(
    setKey: string,
    namespace: string,
    collection: string,
    options: { after?: string; limit?: number },
  ): [string, string, string, string] {
    const min = options.after === undefined ? '-' : `(${options.after}`;
    return [setKey, min, String(options.limit ?? -1), `${this.namespacePrefix(namespace)}d:${encodePart(collection)}:`];
  }

  private namespacePrefix(namespace: string): string {
    return `${this.prefix}${encodePart(namespace)}:`;
  }

  private docKey(namespace: string, collection: string, key: string): string {
    return `${this.namespacePrefix(namespace)}d:${encodePart(collection)}:${encodePart(key)}`;
  }

  private collectionKey(namespace: string, collection: string): string {
    return `${this.namespacePrefix(namespace)}c:${encodePart(collection)}`;
  }

  private indexKey(namespace: string, collection: string, index: string, value: string): string {
    return `${this.namespacePrefix(namespace)}i:${encodePart(collection)}:${encodePart(index)}:${encodePart(value)}`;
  }

  private checkpointKey(namespace: string): string {
    return `${this.namespacePrefix(namespace)}checkpoint`;
  }

  private activeKey(): string {
    return `${this.prefix}active`;
  }
}

/**
 * Makes a key part safe between `:` separators: `%` -> `%25`, `:` -> `%3A`. Injective, and
 * everything else (Swedish letters, spaces, any UTF-8) stays readable; Redis keys are binary safe.
 * The Lua script below applies the same encoding to members.
 */
export function encodePart(part: string): string {
  return part.replace(/%/g, '%25').replace(/:/g, '%3A');
}

/** Escapes the glob characters of a SCAN MATCH pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

function docId(collection: string, key: string): string {
  return `${collection}\u0000${key}`;
}

const VALUE_START = Buffer.from('{"v":');
const INDEXES_START = Buffer.from(',"ix":');

/**
 * The value's JSON bytes within a stored `{"v":<value>,"ix":<indexes>}` (as commit writes it). The
 * separator is the last `,"ix":`: the indexes are an array of objects of strings, in which a quote
 * is always escaped, so the text cannot hold it again.
 */
function valueJsonOf(stored: Buffer): Buffer {
  const separator = stored.lastIndexOf(INDEXES_START);
  if (stored.indexOf(VALUE_START) !== 0 || separator < 0) throw new Error('read-store: a stored document is not {"v":…,"ix":…}');
  return stored.subarray(VALUE_START.length, separator);
}

function toDocument<T>(key: string, json: string): StoredDocument<T> {
  const stored = JSON.parse(json) as StoredJson;
  return { key, value: stored.v as T, indexes: stored.ix };
}

const RANGE_COMMAND = 'ledgerReadStoreRange';

/** The range script: members and their documents, as strings or (the Buffer variant) bytes. */
type RangeScript<R> = (setKey: string, min: string, limit: string, docKeyPrefix: string) => Promise<[R[], Array<R | null>]>;
/** The script as ioredis defines it: the command, and its Buffer variant (replies as bytes). */
type RangeCommands = Record<typeof RANGE_COMMAND, RangeScript<string>> & Record<`${typeof RANGE_COMMAND}Buffer`, RangeScript<Buffer>>;

/**
 * KEYS[1] = a sorted set of document keys; ARGV = min ('-' or '(after'), limit (-1 = all),
 * prefix of the document keys. Returns {members, documents} read atomically.
 */
const RANGE_SCRIPT = `
local limit = tonumber(ARGV[2])
local members
if limit < 0 then
  members = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], '+')
else
  members = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], '+', 'LIMIT', 0, limit)
end
local docs = {}
for i = 1, #members do
  local part = string.gsub(members[i], '%%', '%%25')
  part = string.gsub(part, ':', '%%3A')
  docs[i] = redis.call('GET', ARGV[3] .. part)
end
return {members, docs}
`;
