import { SqliteReadStore } from '@ledger/read-store';
import { UnitOfWork } from './unit-of-work';

/** A read store that counts the documents read from it. */
class CountingStore extends SqliteReadStore {
  reads: string[] = [];
  override async get<T>(namespace: string, collection: string, key: string) {
    this.reads.push(key);
    return super.get<T>(namespace, collection, key);
  }
}

describe('UnitOfWork between batches', () => {
  let store: CountingStore;
  beforeEach(() => (store = new CountingStore({ file: ':memory:' })));
  afterEach(() => store.close());

  const commit = (uow: UnitOfWork, position: bigint) => store.commit('ns', uow.takeChanges(), position);

  it('given more documents than it may keep, when trimmed, then it forgets the least recently used and reads them again from the store', async () => {
    const uow = new UnitOfWork(store, 'ns');
    for (const k of ['a', 'b', 'c', 'd', 'e']) await uow.put('c', k, { k });
    await commit(uow, 1n);
    await uow.get('c', 'a'); // a is now the most recently used
    store.reads = [];
    uow.trim(4); // keeps 90 % of 4 = 3: forgets b and c (the oldest), keeps d, e, a
    expect(uow.size).toBe(3);
    expect(await uow.get('c', 'a')).toEqual({ k: 'a' });
    expect(await uow.get('c', 'e')).toEqual({ k: 'e' });
    expect(store.reads).toEqual([]);
    expect(await uow.get('c', 'b')).toEqual({ k: 'b' });
    expect(store.reads).toEqual(['b']);
  });

  it('never forgets a document changed since the last commit', async () => {
    const uow = new UnitOfWork(store, 'ns');
    for (const k of ['a', 'b', 'c']) await uow.put('c', k, 1);
    uow.trim(1);
    expect(uow.size).toBe(3);
    expect(uow.takeChanges().map((c) => c.key)).toEqual(['a', 'b', 'c']);
  });

  it('given a namespace that started empty, then a miss reads nothing, except for a document it forgot', async () => {
    const uow = new UnitOfWork(store, 'ns', { startsEmpty: true });
    for (let i = 0; i < 3000; i++) await uow.put('c', `k${i}`, i);
    await commit(uow, 1n);
    uow.trim(100); // keeps 90, forgets 2910 stored documents (more than its filter was first made for)
    store.reads = [];
    // Every forgotten document comes back, read from the store.
    for (let i = 0; i < 2910; i += 7) expect(await uow.get('c', `k${i}`)).toBe(i);
    expect(store.reads).toHaveLength(Math.ceil(2910 / 7));
    // Never-seen keys: absent, and only the filter's rare false positives (~1 %) cost a read.
    store.reads = [];
    for (let i = 0; i < 1000; i++) expect(await uow.get('c', `new${i}`)).toBeUndefined();
    expect(store.reads.length).toBeLessThan(50);
  });
});

describe('UnitOfWork write-only documents', () => {
  let store: CountingStore;
  beforeEach(() => (store = new CountingStore({ file: ':memory:' })));
  afterEach(() => store.close());

  for (const startsEmpty of [false, true]) {
    it(`${startsEmpty ? 'in a namespace that started empty, ' : ''}writes and erases without reading, keeps nothing once committed, and a later get reads the store`, async () => {
      const uow = new UnitOfWork(store, 'ns', { startsEmpty });
      uow.write('v', 'a', [1]);
      uow.write('v', 'b', [2]);
      expect(await uow.get('v', 'a')).toEqual([1]); // pending: served from the batch
      await store.commit('ns', uow.takeChanges(), 1n);
      expect(uow.size).toBe(0);
      expect(await store.get('ns', 'v', 'a')).toMatchObject({ value: [1], indexes: [] });
      store.reads = [];

      uow.write('v', 'a', [3]);
      uow.erase('v', 'b');
      uow.erase('v', 'never-written');
      const changes = uow.takeChanges();
      expect(changes.map((c) => [c.op, c.key])).toEqual([
        ['put', 'a'],
        ['delete', 'b'],
        ['delete', 'never-written'],
      ]);
      await store.commit('ns', changes, 2n);
      expect(store.reads).toEqual([]);
      expect(await uow.get('v', 'a')).toEqual([3]);
      expect(await uow.get('v', 'b')).toBeUndefined();
      expect(await uow.get('v', 'other')).toBeUndefined();
      // Started empty, it reads only what it has written (and then forgot).
      expect(store.reads).toEqual(startsEmpty ? ['a', 'b'] : ['a', 'b', 'other']);
    });
  }

  it('refuses to write-only a document it holds as a whole document', async () => {
    const uow = new UnitOfWork(store, 'ns');
    await uow.put('c', 'a', { k: 1 });
    expect(() => uow.write('c', 'a', [1])).toThrow(/not write-only/);
  });
});
