/**
 * The read-model store port: a small document store that projections write in batches.
 *
 * - Documents live in named collections under a namespace (one namespace per projection version,
 *   so a rebuild writes side by side and swaps in).
 * - A document may belong to index entries (indexName + indexValue); `list` returns the documents
 *   of one index entry sorted by key, with a key cursor, which is all the queries need.
 * - `commit` writes a batch of changes and the projection's checkpoint atomically (a SQLite
 *   transaction, a Redis MULTI). Replaying a batch writes the same state again.
 */
export const READ_STORE = Symbol('READ_STORE');

export interface IndexEntry {
  index: string;
  value: string;
}

export type ReadModelChange =
  | { op: 'put'; collection: string; key: string; value: unknown; indexes?: IndexEntry[]; previousIndexes?: IndexEntry[] }
  | { op: 'delete'; collection: string; key: string; previousIndexes?: IndexEntry[] };

export interface StoredDocument<T> {
  key: string;
  value: T;
  indexes: IndexEntry[];
}

/** A document as the JSON text its value is stored as (see ReadStore.scanJson). */
export interface StoredJsonDocument {
  key: string;
  /** JSON.stringify of the value that was put, as UTF-8 bytes, unparsed. */
  json: Buffer;
}

export interface ProjectionCheckpoint {
  /** Last global position whose changes are committed; undefined before the first commit. */
  position: bigint | undefined;
}

export interface ReadStore {
  /** Reads one document with its index entries. */
  get<T>(namespace: string, collection: string, key: string): Promise<StoredDocument<T> | undefined>;
  getMany<T>(namespace: string, collection: string, keys: readonly string[]): Promise<Array<StoredDocument<T> | undefined>>;
  /** Documents of one index entry, sorted by key ascending, strictly after `after`. */
  list<T>(
    namespace: string,
    collection: string,
    index: IndexEntry,
    options?: { after?: string; limit?: number },
  ): Promise<Array<StoredDocument<T>>>;
  /** Every document of a collection, sorted by key, strictly after `after` (for scans and exports). */
  scan<T>(namespace: string, collection: string, options?: { after?: string; limit?: number }): Promise<Array<StoredDocument<T>>>;
  /**
   * `scan`, with each value as the JSON text it is stored as, in UTF-8 bytes, neither parsed nor
   * decoded: for reads that send stored JSON as it is (the payroll lines endpoint), where parsing
   * and serializing again would be most of the work.
   */
  scanJson(namespace: string, collection: string, options?: { after?: string; limit?: number }): Promise<StoredJsonDocument[]>;
  /** Writes the changes and the checkpoint together, atomically. */
  commit(namespace: string, changes: readonly ReadModelChange[], checkpoint: bigint): Promise<void>;
  checkpoint(namespace: string): Promise<bigint | undefined>;
  /** Deletes every document, index entry and the checkpoint of a namespace. */
  dropNamespace(namespace: string): Promise<void>;
  /** Which namespace serves a projection now (set by swap after a rebuild). */
  activeNamespace(projection: string): Promise<string | undefined>;
  setActiveNamespace(projection: string, namespace: string): Promise<void>;
  close(): Promise<void>;
}
