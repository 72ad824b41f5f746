import { randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, KeyCategory, ParsedEnvelope, dataKeyId, isEnvelope, openWithKey, parseEnvelope, sealWithKey } from './envelope';
import type { KeyStore, StoredKey } from './key-store.port';
import type { MasterKeyring } from './master-key';

export const PERSONAL_DATA_CIPHER = Symbol('PERSONAL_DATA_CIPHER');

/** The record that marks a person as erased: no key is ever made for them again. */
export const ERASED_CATEGORY = 'erased';

export interface PersonalDataCipherOptions {
  /** false only to measure the cost of encryption (PERSONAL_DATA_ENCRYPTION=off): fields are then stored as given. */
  enabled?: boolean;
  /**
   * How long an opened key is kept in this process's memory (ms). An erasure through this process
   * drops it at once; other processes (the scale-out profiles) drop theirs within this time.
   */
  cacheTtlMs?: number;
  /** Most keys kept open at once. */
  cacheSize?: number;
  now?: () => number;
}

interface CacheEntry {
  /** The opened key; null: destroyed (or the person erased), which never changes back. */
  key: Buffer | null;
  at: number;
}

/**
 * Encrypts personal fields with their person's data key, and opens them again on the way out.
 *
 * - `seal` turns a plaintext into an envelope (envelope.ts) under the key `<subject>|<category>`,
 *   making the key on first use. For an erased person, or a key that retention destroyed, it
 *   answers null: the value is not stored at all.
 * - `reveal` copies any JSON value with every envelope in it replaced by its plaintext, or by
 *   null when its key is gone. It needs no knowledge of which fields are personal.
 * - `destroy` shreds keys: the ciphertext stays where it is (events, read models, queues,
 *   backups) and can never be opened again.
 */
export class PersonalDataCipher {
  readonly enabled: boolean;
  private readonly cacheTtlMs: number;
  private readonly cacheSize: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly store: KeyStore,
    private readonly keyring: MasterKeyring,
    options: PersonalDataCipherOptions = {},
  ) {
    this.enabled = options.enabled ?? true;
    this.cacheTtlMs = options.cacheTtlMs ?? 10_000;
    this.cacheSize = options.cacheSize ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** Encrypts one value for a person; null and undefined stay as they are. */
  async seal(subject: string, category: KeyCategory, plaintext: string | null | undefined): Promise<string | null | undefined> {
    if (plaintext === null || plaintext === undefined || !this.enabled) return plaintext;
    const keyId = dataKeyId(subject, category);
    const key = await this.keyForWriting(subject, category, keyId);
    return key === null ? null : sealWithKey(key, keyId, plaintext);
  }

  /**
   * Makes the person's key of a category now if it does not exist yet (unless the person is
   * erased). Master-data writes call this, so the first report with a comment does not wait for
   * a key to be made and stored.
   */
  async ensureKey(subject: string, category: KeyCategory): Promise<void> {
    if (this.enabled) await this.keyForWriting(subject, category, dataKeyId(subject, category));
  }

  /** A copy of `value` with every envelope opened (or null where its key is gone). */
  async reveal<T>(value: T): Promise<T> {
    if (!this.enabled && !mayHoldEnvelope(value)) return value;
    const ids = new Set<string>();
    collectKeyIds(value, ids, 0);
    if (ids.size === 0) return value;
    const keys = await this.keysForReading([...ids]);
    return replaceEnvelopes(value, keys, 0) as T;
  }

  /** Opens one envelope (or passes a plain value through). */
  async revealValue(value: string | null | undefined): Promise<string | null | undefined> {
    return this.reveal(value);
  }

  /**
   * Destroys the subject's keys (all, or those of some categories), and for a full erasure
   * leaves the mark that stops new keys from being made. Returns the key ids destroyed now.
   */
  async destroy(subject: string, at: Date, options: { categories?: readonly string[]; erase?: boolean } = {}): Promise<string[]> {
    const destroyedAt = at.toISOString();
    if (options.erase) {
      await this.store.insertIfAbsent({
        keyId: dataKeyId(subject, ERASED_CATEGORY as KeyCategory),
        subject,
        category: ERASED_CATEGORY,
        wrapped: null,
        masterKeyId: null,
        createdAt: destroyedAt,
        destroyedAt,
      });
    }
    const destroyed = await this.store.destroy(subject, destroyedAt, options.categories);
    for (const id of this.cache.keys()) if (id.startsWith(`${subject}|`)) this.cache.delete(id);
    return destroyed;
  }

  /** Whether the person has been erased (their keys destroyed and no new ones allowed). */
  async isErased(subject: string): Promise<boolean> {
    const id = dataKeyId(subject, ERASED_CATEGORY as KeyCategory);
    return (await this.store.getMany([id])).has(id);
  }

  private cached(keyId: string): CacheEntry | undefined {
    const entry = this.cache.get(keyId);
    if (!entry) return undefined;
    if (entry.key !== null && this.now() - entry.at > this.cacheTtlMs) {
      this.cache.delete(keyId);
      return undefined;
    }
    return entry;
  }

  private remember(keyId: string, key: Buffer | null): void {
    if (this.cache.size >= this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(keyId, { key, at: this.now() });
  }

  private open(stored: StoredKey): Buffer | null {
    if (stored.wrapped === null || stored.masterKeyId === null || stored.destroyedAt !== null) return null;
    return this.keyring.unwrap(stored.wrapped, stored.keyId, stored.masterKeyId);
  }

  private async keyForWriting(subject: string, category: KeyCategory, keyId: string): Promise<Buffer | null> {
    const hit = this.cached(keyId);
    if (hit) return hit.key;
    const erasedId = dataKeyId(subject, ERASED_CATEGORY as KeyCategory);
    const found = await this.store.getMany([keyId, erasedId]);
    let stored = found.get(keyId);
    if (!stored && found.has(erasedId)) {
      this.remember(keyId, null);
      return null;
    }
    if (!stored) {
      const fresh = randomBytes(DATA_KEY_BYTES);
      const { wrapped, masterKeyId } = this.keyring.wrap(fresh, keyId);
      stored = await this.store.insertIfAbsent({ keyId, subject, category, wrapped, masterKeyId, createdAt: new Date(this.now()).toISOString(), destroyedAt: null });
    }
    const key = this.open(stored);
    this.remember(keyId, key);
    return key;
  }

  private async keysForReading(keyIds: string[]): Promise<Map<string, Buffer | null>> {
    const out = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const id of keyIds) {
      const hit = this.cached(id);
      if (hit) out.set(id, hit.key);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const found = await this.store.getMany(missing);
      for (const id of missing) {
        const stored = found.get(id);
        const key = stored ? this.open(stored) : null;
        // A key not (yet) in the store is not remembered: another process may be making it now.
        if (stored) this.remember(id, key);
        out.set(id, key);
      }
    }
    return out;
  }
}

const MAX_DEPTH = 64;

function mayHoldEnvelope(value: unknown): boolean {
  const ids = new Set<string>();
  collectKeyIds(value, ids, 0);
  return ids.size > 0;
}

function collectKeyIds(value: unknown, ids: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (isEnvelope(value)) {
      const parsed = parseEnvelope(value);
      if (parsed) ids.add(parsed.keyId);
    }
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    for (const v of value) collectKeyIds(v, ids, depth + 1);
    return;
  }
  for (const k in value as Record<string, unknown>) collectKeyIds((value as Record<string, unknown>)[k], ids, depth + 1);
}

function replaceEnvelopes(value: unknown, keys: Map<string, Buffer | null>, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === 'string') {
    if (!isEnvelope(value)) return value;
    const parsed: ParsedEnvelope | undefined = parseEnvelope(value);
    const key = parsed ? keys.get(parsed.keyId) : null;
    return key && parsed ? (openWithKey(key, parsed) ?? null) : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => replaceEnvelopes(v, keys, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) out[k] = replaceEnvelopes((value as Record<string, unknown>)[k], keys, depth + 1);
  return out;
}
