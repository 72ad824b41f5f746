import { randomUUID } from 'node:crypto';
import type { IndexEntry, ReadModelChange, ReadStore, StoredDocument } from '../read-store.port';

/**
 * The one contract every read-store adapter passes. Each test uses fresh namespaces, so the
 * suite also runs against a shared Redis that holds other data.
 */
export interface ReadStoreFixture {
  store: ReadStore;
  cleanup(): Promise<void>;
}

const put = (collection: string, key: string, value: unknown, indexes?: IndexEntry[], previousIndexes?: IndexEntry[]): ReadModelChange => ({
  op: 'put',
  collection,
  key,
  value,
  ...(indexes && { indexes }),
  ...(previousIndexes && { previousIndexes }),
});

const del = (collection: string, key: string, previousIndexes?: IndexEntry[]): ReadModelChange => ({
  op: 'delete',
  collection,
  key,
  ...(previousIndexes && { previousIndexes }),
});

const keysOf = (docs: Array<StoredDocument<unknown> | undefined>) => docs.map((d) => d?.key);

export function readStoreContract(adapterName: string, open: () => Promise<ReadStoreFixture>): void {
  describe(`read-store contract: ${adapterName}`, () => {
    let fixture: ReadStoreFixture;
    let store: ReadStore;
    let ns: string;
    const open1 = { index: 'status', value: 'open' };
    const closed = { index: 'status', value: 'closed' };

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
      ns = `ns-${randomUUID()}`;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    /** Every key of an index entry, following the cursor in pages of `page`. */
    async function listAll(namespace: string, collection: string, index: IndexEntry, page = 2): Promise<string[]> {
      const out: string[] = [];
      let after: string | undefined;
      while (true) {
        const docs = await store.list(namespace, collection, index, { after, limit: page });
        out.push(...docs.map((d) => d.key));
        if (docs.length < page) return out;
        after = docs[docs.length - 1].key;
      }
    }

    describe('empty store', () => {
      it('given a fresh namespace, then the checkpoint is undefined and reads find nothing', async () => {
        expect(await store.checkpoint(ns)).toBeUndefined();
        expect(await store.get(ns, 'absences', 'a1')).toBeUndefined();
        expect(await store.getMany(ns, 'absences', ['a1', 'a2'])).toEqual([undefined, undefined]);
        expect(await store.list(ns, 'absences', open1)).toEqual([]);
        expect(await store.scan(ns, 'absences')).toEqual([]);
      });

      it('when committing an empty batch, then only the checkpoint advances (caught-up commit)', async () => {
        await store.commit(ns, [], 7n);
        expect(await store.checkpoint(ns)).toBe(7n);
        expect(await store.scan(ns, 'absences')).toEqual([]);
      });

      it('when committing a position beyond 2^53, then it reads back exactly as a bigint', async () => {
        const big = 9_007_199_254_740_993n;
        await store.commit(ns, [], big);
        expect(await store.checkpoint(ns)).toBe(big);
      });
    });

    describe('put and get', () => {
      it('given a put of nested JSON with Swedish letters, when getting it, then value, key and indexes round-trip', async () => {
        const value = {
          namn: 'Åsa Öberg-Ärlig',
          omfattning: { procent: 25, dagar: [1, 2.5, null], karens: true },
          kommentar: 'Vård av barn: "tillfällig" \\ 100%\n✓',
          tom: [],
        };
        const key = 'anställd:19121212-1212/å%20ä';
        const indexes = [
          { index: 'employee', value: 'Åsa:Öberg' },
          { index: 'period', value: '2024-05' },
        ];
        await store.commit(ns, [put('frånvaro:år', key, value, indexes)], 1n);

        const doc = await store.get<typeof value>(ns, 'frånvaro:år', key);
        expect(doc).toEqual({ key, value, indexes });
        expect(await store.checkpoint(ns)).toBe(1n);
        expect(keysOf(await store.list(ns, 'frånvaro:år', { index: 'employee', value: 'Åsa:Öberg' }))).toEqual([key]);
      });

      it('given scalar and null values, then they round-trip too', async () => {
        await store.commit(ns, [put('c', 'null', null), put('c', 'num', 0), put('c', 'str', 'ö'), put('c', 'arr', [1, 'ä'])], 1n);
        const docs = await store.getMany(ns, 'c', ['null', 'num', 'str', 'arr']);
        expect(docs.map((d) => d?.value)).toEqual([null, 0, 'ö', [1, 'ä']]);
        expect(docs.map((d) => d?.indexes)).toEqual([[], [], [], []]);
      });

      it('given a stored document, when putting it again, then value and indexes are replaced', async () => {
        await store.commit(ns, [put('c', 'k', { v: 1, old: true }, [open1])], 1n);
        await store.commit(ns, [put('c', 'k', { v: 2 }, [closed], [open1])], 2n);
        expect(await store.get(ns, 'c', 'k')).toEqual({ key: 'k', value: { v: 2 }, indexes: [closed] });
      });

      it('given keys with colons and percent signs, then similar-looking keys and collections do not collide', async () => {
        await store.commit(
          ns,
          [put('a:b', 'c', 'first'), put('a', 'b:c', 'second'), put('a', 'b%3Ac', 'third'), put('a%3Ab', 'c', 'fourth')],
          1n,
        );
        expect((await store.get(ns, 'a:b', 'c'))?.value).toBe('first');
        expect((await store.get(ns, 'a', 'b:c'))?.value).toBe('second');
        expect((await store.get(ns, 'a', 'b%3Ac'))?.value).toBe('third');
        expect((await store.get(ns, 'a%3Ab', 'c'))?.value).toBe('fourth');
        expect(keysOf(await store.scan(ns, 'a'))).toEqual(['b%3Ac', 'b:c']);
      });

      it('when getting many, then results follow the order of the keys asked, with undefined for missing ones', async () => {
        await store.commit(ns, [put('c', 'k1', 1), put('c', 'k2', 2), put('c', 'k3', 3), put('other', 'k4', 4)], 1n);
        const docs = await store.getMany<number>(ns, 'c', ['k3', 'missing', 'k1', 'k4', 'k3']);
        expect(keysOf(docs)).toEqual(['k3', undefined, 'k1', undefined, 'k3']);
        expect(docs.map((d) => d?.value)).toEqual([3, undefined, 1, undefined, 3]);
        expect(await store.getMany(ns, 'c', [])).toEqual([]);
      });
    });

    describe('list by index', () => {
      it('given documents in several index entries, then list returns only that entry, sorted by key, paged with after and limit', async () => {
        await store.commit(
          ns,
          [
            put('abs', 'k05', 5, [open1]),
            put('abs', 'k01', 1, [open1, { index: 'employee', value: 'e1' }]),
            put('abs', 'k03', 3, [closed]),
            put('abs', 'k04', 4, [open1]),
            put('abs', 'k02', 2, [open1]),
            put('other', 'k00', 0, [open1]),
          ],
          1n,
        );
        const all = await store.list<number>(ns, 'abs', open1);
        expect(keysOf(all)).toEqual(['k01', 'k02', 'k04', 'k05']);
        expect(all.map((d) => d.value)).toEqual([1, 2, 4, 5]);
        expect(all[0].indexes).toEqual([open1, { index: 'employee', value: 'e1' }]);

        expect(keysOf(await store.list(ns, 'abs', open1, { limit: 2 }))).toEqual(['k01', 'k02']);
        expect(keysOf(await store.list(ns, 'abs', open1, { after: 'k02', limit: 2 }))).toEqual(['k04', 'k05']);
        expect(keysOf(await store.list(ns, 'abs', open1, { after: 'k03' }))).toEqual(['k04', 'k05']);
        expect(keysOf(await store.list(ns, 'abs', open1, { after: 'k05' }))).toEqual([]);
        expect(keysOf(await store.list(ns, 'abs', open1, { limit: 0 }))).toEqual([]);
        expect(await listAll(ns, 'abs', open1)).toEqual(['k01', 'k02', 'k04', 'k05']);
        expect(keysOf(await store.list(ns, 'abs', { index: 'status', value: 'nope' }))).toEqual([]);
      });

      it('given keys with Swedish letters, then list sorts by code point', async () => {
        const keys = ['Ö', 'a', 'Å', 'z', 'Ä', 'B', 'å'];
        await store.commit(ns, keys.map((k) => put('c', k, k, [open1])), 1n);
        expect(keysOf(await store.list(ns, 'c', open1))).toEqual(['B', 'a', 'z', 'Ä', 'Å', 'Ö', 'å']);
        expect(keysOf(await store.list(ns, 'c', open1, { after: 'z', limit: 2 }))).toEqual(['Ä', 'Å']);
      });
    });

    describe('moving between index entries', () => {
      it('given previousIndexes, when a put moves a document to another index value, then the old entry no longer lists it', async () => {
        await store.commit(ns, [put('abs', 'k1', { s: 'open' }, [open1]), put('abs', 'k2', { s: 'open' }, [open1])], 1n);
        await store.commit(ns, [put('abs', 'k1', { s: 'closed' }, [closed], [open1])], 2n);
        expect(keysOf(await store.list(ns, 'abs', open1))).toEqual(['k2']);
        expect(keysOf(await store.list(ns, 'abs', closed))).toEqual(['k1']);
      });

      it('given no previousIndexes, when a put moves a document, then the stored entries are found and removed', async () => {
        await store.commit(ns, [put('abs', 'k1', { s: 'open' }, [open1, { index: 'employee', value: 'e1' }])], 1n);
        await store.commit(ns, [put('abs', 'k1', { s: 'closed' }, [closed])], 2n);
        expect(keysOf(await store.list(ns, 'abs', open1))).toEqual([]);
        expect(keysOf(await store.list(ns, 'abs', { index: 'employee', value: 'e1' }))).toEqual([]);
        expect(keysOf(await store.list(ns, 'abs', closed))).toEqual(['k1']);
      });

      it('given no previousIndexes, when one batch moves a document twice, then only the last entry lists it', async () => {
        const third = { index: 'status', value: 'archived' };
        await store.commit(ns, [put('abs', 'k1', 1, [open1])], 1n);
        await store.commit(ns, [put('abs', 'k1', 2, [closed]), put('abs', 'k1', 3, [third])], 2n);
        expect(keysOf(await store.list(ns, 'abs', open1))).toEqual([]);
        expect(keysOf(await store.list(ns, 'abs', closed))).toEqual([]);
        expect(keysOf(await store.list(ns, 'abs', third))).toEqual(['k1']);
        expect((await store.get(ns, 'abs', 'k1'))?.value).toBe(3);
      });

      it('when a put keeps an index entry it already had, then it stays listed once', async () => {
        await store.commit(ns, [put('abs', 'k1', 1, [open1])], 1n);
        await store.commit(ns, [put('abs', 'k1', 2, [open1], [open1])], 2n);
        await store.commit(ns, [put('abs', 'k1', 3, [open1])], 3n);
        const listed = await store.list<number>(ns, 'abs', open1);
        expect(listed.map((d) => [d.key, d.value])).toEqual([['k1', 3]]);
      });
    });

    describe('delete', () => {
      it('given previousIndexes, when deleting, then the document and its index entries are gone', async () => {
        await store.commit(ns, [put('abs', 'k1', 1, [open1]), put('abs', 'k2', 2, [open1])], 1n);
        await store.commit(ns, [del('abs', 'k1', [open1])], 2n);
        expect(await store.get(ns, 'abs', 'k1')).toBeUndefined();
        expect(keysOf(await store.list(ns, 'abs', open1))).toEqual(['k2']);
        expect(keysOf(await store.scan(ns, 'abs'))).toEqual(['k2']);
      });

      it('given no previousIndexes, when deleting, then the stored index entries are removed too', async () => {
        await store.commit(ns, [put('abs', 'k1', 1, [open1, closed]), put('abs', 'k2', 2, [closed])], 1n);
        await store.commit(ns, [del('abs', 'k1')], 2n);
        expect(await store.get(ns, 'abs', 'k1')).toBeUndefined();
        expect(keysOf(await store.list(ns, 'abs', open1))).toEqual([]);
        expect(keysOf(await store.list(ns, 'abs', closed))).toEqual(['k2']);
      });

      it('when a document is put, then deleted in the same batch, then nothing of it remains', async () => {
        await store.commit(ns, [put('abs', 'k1', 1, [open1]), del('abs', 'k1')], 1n);
        expect(await store.get(ns, 'abs', 'k1')).toBeUndefined();
        expect(await store.list(ns, 'abs', open1)).toEqual([]);
        expect(await store.scan(ns, 'abs')).toEqual([]);
      });

      it('when deleting a document that does not exist, then the commit succeeds and advances the checkpoint', async () => {
        await store.commit(ns, [del('abs', 'ghost')], 3n);
        expect(await store.checkpoint(ns)).toBe(3n);
      });
    });

    describe('scan', () => {
      it('given a collection, then scan returns every document sorted by key, paged with after and limit, and no other collection', async () => {
        const keys = ['d', 'a', 'c', 'e', 'b'];
        await store.commit(ns, [...keys.map((k) => put('abs', k, { k }, [open1])), put('abt', 'aa', 0)], 1n);
        expect(keysOf(await store.scan(ns, 'abs'))).toEqual(['a', 'b', 'c', 'd', 'e']);
        const first = await store.scan<{ k: string }>(ns, 'abs', { limit: 2 });
        expect(first.map((d) => d.value.k)).toEqual(['a', 'b']);
        expect(first[0].indexes).toEqual([open1]);
        expect(keysOf(await store.scan(ns, 'abs', { after: 'b', limit: 2 }))).toEqual(['c', 'd']);
        expect(keysOf(await store.scan(ns, 'abs', { after: 'bb' }))).toEqual(['c', 'd', 'e']);
        expect(keysOf(await store.scan(ns, 'abs', { after: 'e' }))).toEqual([]);
        expect(keysOf(await store.scan(ns, 'abt'))).toEqual(['aa']);
      });

      it('given documents, then scanJson returns the same pages with each value as the JSON text of what was put', async () => {
        // Values whose text holds what a stored wrapper could be confused by: quotes, the wrapper's own
        // field names, Swedish letters, index entries with quotes in them.
        const values: Record<string, unknown> = {
          a: [{ lineId: 'E1:2026-03-02:x', hours: 8, sickDay: null }],
          b: { v: 1, ix: [{ index: 'i', value: ',"ix":' }], text: 'säg "hej"\n' },
          c: 'a string',
          d: 42,
        };
        const quoted = { index: 'q', value: 'x","ix":[' };
        await store.commit(ns, [...Object.entries(values).map(([k, v]) => put('abs', k, v, [open1, quoted])), put('abt', 'aa', 0)], 1n);
        const all = await store.scanJson(ns, 'abs');
        expect(all.map((d) => d.key)).toEqual(['a', 'b', 'c', 'd']);
        for (const d of all) expect(d.json.toString('utf8')).toBe(JSON.stringify(values[d.key]));
        expect((await store.scanJson(ns, 'abs', { after: 'a', limit: 2 })).map((d) => d.key)).toEqual(['b', 'c']);
        expect(await store.scanJson(ns, 'abs', { after: 'd' })).toEqual([]);
        await store.commit(ns, [put('abs', 'b', { changed: true }), del('abs', 'c')], 2n);
        const text = (docs: Array<{ key: string; json: Buffer }>) => docs.map((d) => ({ key: d.key, json: d.json.toString('utf8') }));
        expect(text(await store.scanJson(ns, 'abs', { after: 'a', limit: 2 }))).toEqual([
          { key: 'b', json: '{"changed":true}' },
          { key: 'd', json: '42' },
        ]);
        // Keys as the other scans give them, Swedish letters included.
        await store.commit(ns, [put('abs', 'å:1', ['ö'])], 3n);
        expect(text(await store.scanJson(ns, 'abs', { after: 'd' }))).toEqual([{ key: 'å:1', json: '["ö"]' }]);
      });
    });

    describe('atomicity', () => {
      const invalidValues: Array<[string, () => unknown]> = [
        ['a BigInt', () => ({ amount: 10n })],
        [
          'a circular object',
          () => {
            const o: Record<string, unknown> = { a: 1 };
            o.self = o;
            return o;
          },
        ],
        ['undefined', () => undefined],
      ];

      it.each(invalidValues)(
        'given committed state, when a batch holds %s after valid changes, then commit throws and neither documents nor checkpoint change',
        async (_label, invalid) => {
          await store.commit(ns, [put('abs', 'k1', { v: 1 }, [open1]), put('abs', 'k2', { v: 2 }, [open1])], 5n);

          await expect(
            store.commit(
              ns,
              [
                put('abs', 'k1', { v: 'changed' }, [closed], [open1]),
                del('abs', 'k2', [open1]),
                put('abs', 'k3', { v: 3 }, [open1]),
                put('abs', 'bad', invalid(), [open1]),
              ],
              6n,
            ),
          ).rejects.toThrow();

          expect(await store.checkpoint(ns)).toBe(5n);
          expect(await store.get(ns, 'abs', 'k1')).toEqual({ key: 'k1', value: { v: 1 }, indexes: [open1] });
          expect((await store.get(ns, 'abs', 'k2'))?.value).toEqual({ v: 2 });
          expect(await store.get(ns, 'abs', 'k3')).toBeUndefined();
          expect(await store.get(ns, 'abs', 'bad')).toBeUndefined();
          expect(keysOf(await store.list(ns, 'abs', open1))).toEqual(['k1', 'k2']);
          expect(await store.list(ns, 'abs', closed)).toEqual([]);
        },
      );

      it('given an index entry whose value is not a string, then commit throws and writes nothing', async () => {
        const bad = { index: 'status', value: 5 } as unknown as IndexEntry;
        await expect(store.commit(ns, [put('abs', 'k1', 1, [open1]), put('abs', 'k2', 2, [bad])], 1n)).rejects.toThrow();
        expect(await store.checkpoint(ns)).toBeUndefined();
        expect(await store.scan(ns, 'abs')).toEqual([]);
      });

      it('given a negative checkpoint, then commit throws and writes nothing', async () => {
        await expect(store.commit(ns, [put('abs', 'k1', 1)], -1n)).rejects.toThrow();
        expect(await store.checkpoint(ns)).toBeUndefined();
        expect(await store.get(ns, 'abs', 'k1')).toBeUndefined();
      });

      it('when a batch commits, then its documents and checkpoint become visible together', async () => {
        const changes = Array.from({ length: 300 }, (_, i) => put('abs', `k${String(i).padStart(3, '0')}`, i, [open1]));
        await store.commit(ns, changes, 300n);
        expect(await store.checkpoint(ns)).toBe(300n);
        expect(await store.scan(ns, 'abs')).toHaveLength(300);
        expect(await listAll(ns, 'abs', open1, 128)).toHaveLength(300);
      });
    });

    describe('replay', () => {
      it('when the same batches are committed twice, then the state is the same as after once', async () => {
        const batches: Array<[ReadModelChange[], bigint]> = [
          [[put('abs', 'k1', { n: 1 }, [open1]), put('abs', 'k2', { n: 2 }, [open1]), put('abs', 'k3', { n: 3 }, [closed])], 3n],
          [[put('abs', 'k1', { n: 11 }, [closed], [open1]), del('abs', 'k2', [open1]), put('abs', 'k3', { n: 33 }, [closed], [closed])], 6n],
        ];
        const snapshot = async () => ({
          checkpoint: await store.checkpoint(ns),
          docs: await store.scan(ns, 'abs'),
          open: await store.list(ns, 'abs', open1),
          closed: await store.list(ns, 'abs', closed),
        });

        for (const [changes, position] of batches) await store.commit(ns, changes, position);
        const once = await snapshot();
        // Replay the last batch, then everything from the start.
        await store.commit(ns, batches[1][0], batches[1][1]);
        expect(await snapshot()).toEqual(once);
        for (const [changes, position] of batches) await store.commit(ns, changes, position);
        expect(await snapshot()).toEqual(once);

        expect(once.checkpoint).toBe(6n);
        expect(once.docs.map((d) => [d.key, d.value])).toEqual([
          ['k1', { n: 11 }],
          ['k3', { n: 33 }],
        ]);
        expect(keysOf(once.open)).toEqual([]);
        expect(keysOf(once.closed)).toEqual(['k1', 'k3']);
      });
    });

    describe('random histories', () => {
      it.each([1, 2, 3])(
        'given seed %i, when random puts, moves and deletes are committed in random batches, then the store matches an in-memory model',
        async (seed) => {
          const random = mulberry32(seed);
          const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
          const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
          const values = ['a', 'b', 'c', 'ö'];
          const model = new Map<string, { value: unknown; indexes: IndexEntry[] }>();
          let position = 0n;
          for (let batch = 0; batch < 12; batch++) {
            const size = pick([1, 5, 33, 70, 150]);
            const changes: ReadModelChange[] = [];
            for (let i = 0; i < size; i++) {
              const key = pick(keys);
              const before = model.get(key);
              // Projections pass previousIndexes; sometimes leave them out so the store must look them up.
              const previousIndexes = random() < 0.3 ? undefined : (before?.indexes ?? []);
              if (random() < 0.2) {
                changes.push(del('c', key, previousIndexes));
                model.delete(key);
              } else {
                const count = pick([0, 1, 1, 2]);
                const indexes = Array.from({ length: count }, (_, n) => ({ index: `i${n}`, value: pick(values) }));
                const value = { batch, i, key };
                changes.push(put('c', key, value, indexes, previousIndexes));
                model.set(key, { value, indexes });
              }
            }
            position += BigInt(size);
            await store.commit(ns, changes, position);
          }

          expect(await store.checkpoint(ns)).toBe(position);
          const expected = [...model.keys()].sort().map((key) => ({ key, ...model.get(key)! }));
          expect(await store.scan(ns, 'c')).toEqual(expected);
          for (const index of ['i0', 'i1']) {
            for (const value of values) {
              const entry = { index, value };
              const want = expected.filter((d) => hasIndex(d.indexes, entry)).map((d) => d.key);
              expect({ entry, keys: await listAll(ns, 'c', entry, 7) }).toEqual({ entry, keys: want });
            }
          }
        },
      );
    });

    describe('namespaces', () => {
      it('given two namespaces, then writes to one are invisible in the other', async () => {
        const other = `${ns}-v2`;
        await store.commit(ns, [put('abs', 'k1', 'v1', [open1])], 10n);
        await store.commit(other, [put('abs', 'k1', 'v2', [closed]), put('abs', 'k2', 'v2')], 4n);
        expect((await store.get(ns, 'abs', 'k1'))?.value).toBe('v1');
        expect((await store.get(other, 'abs', 'k1'))?.value).toBe('v2');
        expect(await store.get(ns, 'abs', 'k2')).toBeUndefined();
        expect(keysOf(await store.list(ns, 'abs', open1))).toEqual(['k1']);
        expect(keysOf(await store.list(other, 'abs', open1))).toEqual([]);
        expect(await store.checkpoint(ns)).toBe(10n);
        expect(await store.checkpoint(other)).toBe(4n);
      });

      it('when dropping a namespace, then only its documents, index entries and checkpoint are gone', async () => {
        // Names that are prefixes of each other, or hold separator and glob characters.
        const neighbours = [`${ns}x`, `${ns}:x`, `${ns}*`, `${ns}[a]`];
        for (const n of [ns, ...neighbours]) await store.commit(n, [put('abs', 'k1', n, [open1]), put('abs', 'k2', n)], 2n);
        await store.setActiveNamespace(`proj-${ns}`, ns);

        await store.dropNamespace(ns);

        expect(await store.checkpoint(ns)).toBeUndefined();
        expect(await store.get(ns, 'abs', 'k1')).toBeUndefined();
        expect(await store.scan(ns, 'abs')).toEqual([]);
        expect(await store.list(ns, 'abs', open1)).toEqual([]);
        for (const n of neighbours) {
          expect(await store.checkpoint(n)).toBe(2n);
          expect((await store.get(n, 'abs', 'k1'))?.value).toBe(n);
          expect(keysOf(await store.scan(n, 'abs'))).toEqual(['k1', 'k2']);
          expect(keysOf(await store.list(n, 'abs', open1))).toEqual(['k1']);
        }
        // The active pointer is the swap's business, not the namespace's.
        expect(await store.activeNamespace(`proj-${ns}`)).toBe(ns);

        // A dropped namespace starts over cleanly.
        await store.commit(ns, [put('abs', 'k9', 9, [closed])], 1n);
        expect(keysOf(await store.scan(ns, 'abs'))).toEqual(['k9']);
        expect(await store.list(ns, 'abs', open1)).toEqual([]);
      });

      it('when dropping a namespace whose name holds pattern characters, then the namespaces it would match as a pattern survive', async () => {
        const star = `${ns}*`;
        const bracket = `${ns}[x]`;
        const survivors = [`${ns}x`, `${ns}?`, `${ns}`, `${ns}\\`];
        for (const n of [star, bracket, ...survivors]) await store.commit(n, [put('abs', 'k1', n, [open1])], 1n);

        await store.dropNamespace(star);
        await store.dropNamespace(bracket);

        expect(await store.checkpoint(star)).toBeUndefined();
        expect(await store.checkpoint(bracket)).toBeUndefined();
        for (const n of survivors) {
          expect(await store.checkpoint(n)).toBe(1n);
          expect((await store.get(n, 'abs', 'k1'))?.value).toBe(n);
          expect(keysOf(await store.list(n, 'abs', open1))).toEqual(['k1']);
        }
      });

      it('when dropping a namespace that has nothing, then it succeeds', async () => {
        await expect(store.dropNamespace(`${ns}-never`)).resolves.toBeUndefined();
      });
    });

    describe('active namespace', () => {
      it('given no swap yet, then the active namespace is undefined; after set, it is the last one set, per projection', async () => {
        const projection = `absences-${ns}`;
        const otherProjection = `master-data-${ns}`;
        expect(await store.activeNamespace(projection)).toBeUndefined();
        await store.setActiveNamespace(projection, 'absences:v1');
        await store.setActiveNamespace(otherProjection, 'master-data:v1');
        expect(await store.activeNamespace(projection)).toBe('absences:v1');
        await store.setActiveNamespace(projection, 'absences:v2');
        expect(await store.activeNamespace(projection)).toBe('absences:v2');
        expect(await store.activeNamespace(otherProjection)).toBe('master-data:v1');
      });
    });
  });
}

function hasIndex(indexes: readonly IndexEntry[], entry: IndexEntry): boolean {
  return indexes.some((e) => e.index === entry.index && e.value === entry.value);
}

/** A small deterministic PRNG, so a failing random history can be replayed by its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
