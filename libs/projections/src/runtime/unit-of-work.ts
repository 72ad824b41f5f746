import type { IndexEntry, ReadModelChange, ReadStore } from '@ledger/read-store';

interface CachedDocument {
  value: unknown;
  indexes: IndexEntry[];
  /** Index entries as last committed, so the store can remove them without reading. */
  committedIndexes: IndexEntry[];
  dirty: 'put' | 'delete' | false;
  /** Written with write/erase: not kept once committed. */
  writeOnly?: true;
}

/** A cache entry: the document (null: known not to exist) and when it was last used. */
interface Slot {
  doc: CachedDocument | null;
  used: number;
}

/**
 * The documents a batch of events touches: read once from the store, changed in memory, and
 * written as one list of changes when the batch commits. Between batches it keeps the documents
 * used most recently (see trim), so the next batch rarely reads them again.
 */
export class UnitOfWork {
  /**
   * Entries are stamped on use, not moved to the end of the Map: a delete-and-set per access left
   * a hole per access and made V8 rehash the whole Map every few thousand accesses of the hottest
   * documents (docs/BENCHMARKS.md, "Performance work").
   */
  private readonly docs = new Map<string, Slot>();
  private clock = 0;
  /** Keys of the documents changed since the last takeChanges: a commit costs what it writes, not what is cached. */
  private readonly dirty = new Set<string>();

  /**
   * True while every document of the namespace that exists is in `docs`: a namespace that started
   * empty (a side-by-side build) and has forgotten nothing since, so a miss needs no read.
   */
  private complete: boolean;
  /** Keys of stored documents trim() forgot, while `complete`: a miss on one of them reads the store. */
  private forgotten: BloomFilter | undefined;

  constructor(
    private readonly store: ReadStore,
    private readonly namespace: string,
    options: { startsEmpty?: boolean } = {},
  ) {
    this.complete = options.startsEmpty ?? false;
  }

  async get<T>(collection: string, key: string): Promise<T | undefined> {
    const { doc } = await this.load(id(collection, key), collection, key);
    return doc && doc.dirty !== 'delete' ? (doc.value as T) : undefined;
  }

  async put(collection: string, key: string, value: unknown, indexes: IndexEntry[] = []): Promise<void> {
    const k = id(collection, key);
    const slot = await this.load(k, collection, key);
    slot.doc = { value, indexes, committedIndexes: slot.doc?.committedIndexes ?? [], dirty: 'put' };
    this.dirty.add(k);
  }

  async delete(collection: string, key: string): Promise<void> {
    const k = id(collection, key);
    const slot = await this.load(k, collection, key);
    if (!slot.doc) return;
    slot.doc = { ...slot.doc, dirty: 'delete' };
    this.dirty.add(k);
  }

  /**
   * Puts a document that the projection never reads back and that has no index entries (a view
   * kept only for queries): the store is not read first, and the value is not kept once
   * committed, so such documents cost no cache memory between batches.
   */
  write(collection: string, key: string, value: unknown): void {
    this.writeOnly(collection, key, { value, indexes: [], committedIndexes: [], dirty: 'put', writeOnly: true });
  }

  /** Deletes a document written with `write`, without reading it first. */
  erase(collection: string, key: string): void {
    this.writeOnly(collection, key, { value: undefined, indexes: [], committedIndexes: [], dirty: 'delete', writeOnly: true });
  }

  private writeOnly(collection: string, key: string, doc: CachedDocument): void {
    const k = id(collection, key);
    const cached = this.docs.get(k);
    if (cached?.doc && !cached.doc.writeOnly) throw new Error(`unit of work: ${k} is read and written as a whole document, not write-only`);
    this.docs.set(k, { doc, used: ++this.clock });
    this.dirty.add(k);
  }

  /** The changes to commit; afterwards the cache reflects the committed state. */
  takeChanges(): ReadModelChange[] {
    const changes: ReadModelChange[] = [];
    // In (collection, key) order: the store's b-trees are written front to back, not all over.
    for (const k of [...this.dirty].sort()) {
      const slot = this.docs.get(k);
      const doc = slot?.doc;
      if (!slot || !doc || !doc.dirty) continue;
      const [collection, key] = split(k);
      if (doc.writeOnly) {
        changes.push(
          doc.dirty === 'put'
            ? { op: 'put', collection, key, value: doc.value, indexes: [], previousIndexes: [] }
            : { op: 'delete', collection, key, previousIndexes: [] },
        );
        // Not kept: a later get reads the store (a namespace that started empty must know to look).
        this.docs.delete(k);
        if (doc.dirty === 'put' && this.complete) (this.forgotten ??= new BloomFilter(4 * this.docs.size + 1024)).add(k);
        continue;
      }
      if (doc.dirty === 'put') {
        changes.push({ op: 'put', collection, key, value: doc.value, indexes: doc.indexes, previousIndexes: doc.committedIndexes });
        slot.doc = { ...doc, committedIndexes: doc.indexes, dirty: false };
      } else {
        changes.push({ op: 'delete', collection, key, previousIndexes: doc.committedIndexes });
        slot.doc = null;
      }
    }
    this.dirty.clear();
    return changes;
  }

  /** Forget cached documents (after a failed commit). */
  clear(): void {
    this.docs.clear();
    this.dirty.clear();
    this.complete = false;
    this.forgotten = undefined;
  }

  /**
   * Bounds the memory between batches: forgets the least recently used unchanged documents until
   * at most 90 % of `max` are left. A later get reads a forgotten document from the store again.
   */
  trim(max: number): void {
    if (this.docs.size <= max) return;
    const excess = this.docs.size - Math.floor(max * 0.9);
    // The stamp below which `excess` entries lie (changed documents are never forgotten).
    const stamps: number[] = [];
    for (const [k, slot] of this.docs) if (!this.dirty.has(k)) stamps.push(slot.used);
    if (stamps.length === 0) return;
    stamps.sort((a, b) => a - b);
    const cutoff = stamps[Math.min(excess, stamps.length) - 1];
    for (const [k, slot] of this.docs) {
      if (slot.used > cutoff || this.dirty.has(k)) continue;
      if (slot.doc !== null && this.complete) (this.forgotten ??= new BloomFilter(4 * max)).add(k);
      this.docs.delete(k);
    }
  }

  get size(): number {
    return this.docs.size;
  }

  /** Documents changed since the last takeChanges. */
  get pending(): number {
    return this.dirty.size;
  }

  private async load(k: string, collection: string, key: string): Promise<Slot> {
    const cached = this.docs.get(k);
    if (cached !== undefined) {
      cached.used = ++this.clock;
      return cached;
    }
    let doc: CachedDocument | null = null;
    if (!this.complete || this.forgotten?.mayContain(k)) {
      const stored = await this.store.get(this.namespace, collection, key);
      if (stored) doc = { value: stored.value, indexes: stored.indexes, committedIndexes: stored.indexes, dirty: false };
    }
    const slot: Slot = { doc, used: ++this.clock };
    this.docs.set(k, slot);
    return slot;
  }
}

/**
 * A Bloom filter of strings: `mayContain` is true for every added string and for about 1 % of the
 * others. Full, it starts another filter twice the size and asks all of them.
 */
class BloomFilter {
  private readonly filters: Array<{ bits: Uint32Array; capacity: number; count: number }> = [];

  constructor(capacity: number) {
    this.start(Math.max(1024, capacity));
  }

  add(value: string): void {
    let current = this.filters[this.filters.length - 1];
    if (current.count >= current.capacity) current = this.start(current.capacity * 2);
    const size = current.bits.length * 32;
    const [h1, h2] = hashes(value);
    for (let i = 0; i < 7; i++) {
      const bit = (h1 + i * h2) % size;
      current.bits[bit >>> 5] |= 1 << (bit & 31);
    }
    current.count++;
  }

  mayContain(value: string): boolean {
    const [h1, h2] = hashes(value);
    return this.filters.some(({ bits }) => {
      const size = bits.length * 32;
      for (let i = 0; i < 7; i++) {
        const bit = (h1 + i * h2) % size;
        if ((bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
      }
      return true;
    });
  }

  /** 10 bits and 7 hashes per string: ~1 % false positives when full. */
  private start(capacity: number) {
    const filter = { bits: new Uint32Array(Math.ceil((capacity * 10) / 32)), capacity, count: 0 };
    this.filters.push(filter);
    return filter;
  }
}

/** Two independent 32-bit FNV-1a style hashes of a string (positive). */
function hashes(value: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

const SEP = '\u0000';
const id = (collection: string, key: string) => `${collection}${SEP}${key}`;
const split = (k: string): [string, string] => {
  const i = k.indexOf(SEP);
  return [k.slice(0, i), k.slice(i + 1)];
};
