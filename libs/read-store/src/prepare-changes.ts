import type { IndexEntry, ReadModelChange } from './read-store.port';

/**
 * A change checked and serialized before anything is written, so an invalid change (a value
 * JSON cannot represent, a BigInt, a circular object, an index value that is not a string)
 * fails the whole commit up front and both adapters stay all-or-nothing. Each value is
 * stringified exactly once here; the adapters only bind the strings.
 */
export type PreparedChange =
  | {
      op: 'put';
      collection: string;
      key: string;
      valueJson: string;
      indexes: IndexEntry[];
      indexesJson: string;
      previousIndexes: IndexEntry[] | undefined;
    }
  | { op: 'delete'; collection: string; key: string; previousIndexes: IndexEntry[] | undefined };

export class InvalidReadModelChangeError extends Error {
  constructor(
    readonly index: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`read-model change #${index} is invalid: ${reason}`, options);
    this.name = 'InvalidReadModelChangeError';
  }
}

/** Largest position a signed 64-bit INTEGER column can hold. */
const MAX_POSITION = 2n ** 63n - 1n;

export function checkPosition(checkpoint: bigint): void {
  if (typeof checkpoint !== 'bigint' || checkpoint < 0n || checkpoint > MAX_POSITION) {
    throw new RangeError(`checkpoint must be a bigint in [0, 2^63-1], got ${String(checkpoint)}`);
  }
}

/** `undefined` means no limit. */
export function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be a non-negative integer, got ${String(limit)}`);
  }
}

export function prepareChanges(changes: readonly ReadModelChange[]): PreparedChange[] {
  const out = new Array<PreparedChange>(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (typeof c.collection !== 'string') throw new InvalidReadModelChangeError(i, 'collection must be a string');
    if (typeof c.key !== 'string') throw new InvalidReadModelChangeError(i, 'key must be a string');
    const previousIndexes = c.previousIndexes === undefined ? undefined : checkIndexes(i, c.previousIndexes, 'previousIndexes');
    if (c.op === 'put') {
      let valueJson: string | undefined;
      try {
        valueJson = JSON.stringify(c.value);
      } catch (error) {
        throw new InvalidReadModelChangeError(i, `value cannot be serialized to JSON (${errorMessage(error)})`, { cause: error });
      }
      if (valueJson === undefined) throw new InvalidReadModelChangeError(i, 'value cannot be serialized to JSON');
      const indexes = c.indexes === undefined ? [] : checkIndexes(i, c.indexes, 'indexes');
      out[i] = {
        op: 'put',
        collection: c.collection,
        key: c.key,
        valueJson,
        indexes,
        indexesJson: JSON.stringify(indexes),
        previousIndexes,
      };
    } else if (c.op === 'delete') {
      out[i] = { op: 'delete', collection: c.collection, key: c.key, previousIndexes };
    } else {
      throw new InvalidReadModelChangeError(i, `unknown op ${JSON.stringify((c as { op: unknown }).op)}`);
    }
  }
  return out;
}

/** Validates index entries and copies them to plain `{ index, value }` objects. */
function checkIndexes(i: number, entries: readonly IndexEntry[], field: string): IndexEntry[] {
  if (!Array.isArray(entries)) throw new InvalidReadModelChangeError(i, `${field} must be an array`);
  const out = new Array<IndexEntry>(entries.length);
  for (let j = 0; j < entries.length; j++) {
    const e = entries[j];
    if (e === null || typeof e !== 'object' || typeof e.index !== 'string' || typeof e.value !== 'string') {
      throw new InvalidReadModelChangeError(i, `${field}[${j}] must be { index: string; value: string }`);
    }
    out[j] = { index: e.index, value: e.value };
  }
  return out;
}

/** Whether `entries` holds the entry (index arrays are tiny, so a linear scan beats a Set). */
export function hasEntry(entries: readonly IndexEntry[], index: string, value: string): boolean {
  for (let k = 0; k < entries.length; k++) if (entries[k].index === index && entries[k].value === value) return true;
  return false;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
