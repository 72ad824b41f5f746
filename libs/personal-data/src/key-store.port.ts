/**
 * The key-store port: the per-person data keys, wrapped under the master key, kept apart from the
 * events (their own SQLite file, Redis keys or PostgreSQL table). Every adapter passes the same
 * contract suite (`testing/key-store.contract.ts`) against the real store.
 *
 * A destroyed key keeps its record (who, which category, when) with the key bytes gone: that is
 * crypto-shredding, and the tombstone makes sure the key is never made again under the same id.
 */
export const KEY_STORE = Symbol('KEY_STORE');

export interface StoredKey {
  /** `<subject>|<category>`, see envelope.ts. */
  keyId: string;
  /** Whose key: the employee id. */
  subject: string;
  category: string;
  /** The data key wrapped under the master key; null once destroyed. */
  wrapped: string | null;
  masterKeyId: string | null;
  createdAt: string;
  destroyedAt: string | null;
}

export interface KeyStore {
  /** The records of the ids asked for that exist (live or destroyed). */
  getMany(keyIds: readonly string[]): Promise<Map<string, StoredKey>>;
  /** Stores the key unless a record with its id exists (live or destroyed); returns the stored record, which wins a race. */
  insertIfAbsent(key: StoredKey): Promise<StoredKey>;
  /** Every record of a subject, by key id. */
  listSubject(subject: string): Promise<StoredKey[]>;
  /** Destroys the subject's live keys whose category passes the filter (all without one); returns the ids destroyed by this call. */
  destroy(subject: string, destroyedAt: string, categories?: readonly string[]): Promise<string[]>;
  /** Records in key-id order strictly after `after`, at most `limit` (for rotation and retention). */
  scan(after: string | undefined, limit: number): Promise<StoredKey[]>;
  /** Replaces a live key's wrapped form when it is still wrapped under `fromMasterKeyId`; false otherwise. */
  rewrap(keyId: string, fromMasterKeyId: string, wrapped: string, toMasterKeyId: string): Promise<boolean>;
  close(): Promise<void>;
}
