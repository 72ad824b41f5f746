import type { IndexEntry, ReadModelChange, ReadStore } from '@ledger/read-store';

interface CachedDocument {
  value: unknown;
  indexes: IndexEntry[];
  /** Index entries as last committed, so the store can remove them without reading. */
  committedIndexes: IndexEntry[];
  dirty: 'put' | 'delete' | false;
}

/**
 * The documents a batch of events touches: read once from the store, changed in memory, and
 * written as one list of changes when the batch commits.
 */
export class UnitOfWork {
  private readonly docs = new Map<string, CachedDocument | null>();
  /** Keys of the documents changed since the last takeChanges: a commit costs what it writes, not what is cached. */
  private readonly dirty = new Set<string>();

  /**
   * True while every document of the namespace that exists is in `docs`: a namespace that started
   * empty (a side-by-side build) and has forgotten nothing since, so a miss needs no read.
   */
  private complete: boolean;

  constructor(
    private readonly store: ReadStore,
    private readonly namespace: string,
    options: { startsEmpty?: boolean } = {},
  ) {
    this.complete = options.startsEmpty ?? false;
  }

  async get<T>(collection: string, key: string): Promise<T | undefined> {
    const doc = await this.load(collection, key);
    return doc && doc.dirty !== 'delete' ? (doc.value as T) : undefined;
  }

  async put(collection: string, key: string, value: unknown, indexes: IndexEntry[] = []): Promise<void> {
    const doc = await this.load(collection, key);
    const k = id(collection, key);
    this.docs.set(k, {
      value,
      indexes,
      committedIndexes: doc?.committedIndexes ?? [],
      dirty: 'put',
    });
    this.dirty.add(k);
  }

  async delete(collection: string, key: string): Promise<void> {
    const doc = await this.load(collection, key);
    if (!doc) return;
    const k = id(collection, key);
    this.docs.set(k, { ...doc, dirty: 'delete' });
    this.dirty.add(k);
  }

  /** The changes to commit; afterwards the cache reflects the committed state. */
  takeChanges(): ReadModelChange[] {
    const changes: ReadModelChange[] = [];
    for (const k of this.dirty) {
      const doc = this.docs.get(k);
      if (!doc || !doc.dirty) continue;
      const [collection, key] = split(k);
      if (doc.dirty === 'put') {
        changes.push({ op: 'put', collection, key, value: doc.value, indexes: doc.indexes, previousIndexes: doc.committedIndexes });
        this.docs.set(k, { ...doc, committedIndexes: doc.indexes, dirty: false });
      } else {
        changes.push({ op: 'delete', collection, key, previousIndexes: doc.committedIndexes });
        this.docs.set(k, null);
      }
    }
    this.dirty.clear();
    return changes;
  }

  /** Forget cached documents (after a failed commit, or to bound memory between batches). */
  clear(): void {
    this.docs.clear();
    this.dirty.clear();
    this.complete = false;
  }

  get size(): number {
    return this.docs.size;
  }

  /** Documents changed since the last takeChanges. */
  get pending(): number {
    return this.dirty.size;
  }

  private async load(collection: string, key: string): Promise<CachedDocument | null> {
    const k = id(collection, key);
    if (this.docs.has(k)) return this.docs.get(k)!;
    if (this.complete) {
      this.docs.set(k, null);
      return null;
    }
    const stored = await this.store.get(this.namespace, collection, key);
    const doc = stored ? { value: stored.value, indexes: stored.indexes, committedIndexes: stored.indexes, dirty: false as const } : null;
    this.docs.set(k, doc);
    return doc;
  }
}

const SEP = '\u0000';
const id = (collection: string, key: string) => `${collection}${SEP}${key}`;
const split = (k: string): [string, string] => {
  const i = k.indexOf(SEP);
  return [k.slice(0, i), k.slice(i + 1)];
};
