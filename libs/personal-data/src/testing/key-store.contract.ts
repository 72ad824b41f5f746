import type { KeyStore, StoredKey } from '../key-store.port';

/**
 * The contract every key-store adapter passes, run against the real store (a SQLite file, the
 * real Redis, the real PostgreSQL). `make` gives a fresh, empty store each time.
 */
export function keyStoreContract(name: string, make: () => Promise<KeyStore>): void {
  describe(`key store contract: ${name}`, () => {
    let store: KeyStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    const key = (subject: string, category: string, wrapped = `w-${subject}-${category}`): StoredKey => ({
      keyId: `${subject}|${category}`,
      subject,
      category,
      wrapped,
      masterKeyId: 'm1',
      createdAt: '2026-01-01T00:00:00.000Z',
      destroyedAt: null,
    });

    it('stores a key once: the first insert wins and a second answers the stored record', async () => {
      expect(await store.insertIfAbsent(key('E1', 'identity', 'first'))).toEqual(key('E1', 'identity', 'first'));
      expect(await store.insertIfAbsent(key('E1', 'identity', 'second'))).toEqual(key('E1', 'identity', 'first'));
      const found = await store.getMany(['E1|identity', 'E2|identity']);
      expect([...found.keys()]).toEqual(['E1|identity']);
      expect(found.get('E1|identity')!.wrapped).toBe('first');
    });

    it('two racing inserts of one id leave one key, and both callers get it', async () => {
      const [a, b] = await Promise.all([store.insertIfAbsent(key('E1', 'identity', 'a')), store.insertIfAbsent(key('E1', 'identity', 'b'))]);
      expect(a.wrapped).toBe(b.wrapped);
      expect((await store.getMany(['E1|identity'])).get('E1|identity')!.wrapped).toBe(a.wrapped);
    });

    it('destroys the key bytes of one subject, keeps a tombstone, and never brings the key back', async () => {
      await store.insertIfAbsent(key('E1', 'identity'));
      await store.insertIfAbsent(key('E1', 'text-2025'));
      await store.insertIfAbsent(key('E2', 'identity'));
      expect(await store.destroy('E1', '2026-02-01T00:00:00.000Z')).toEqual(['E1|identity', 'E1|text-2025']);
      const e1 = await store.listSubject('E1');
      expect(e1.map((k) => [k.keyId, k.wrapped, k.masterKeyId, k.destroyedAt])).toEqual([
        ['E1|identity', null, null, '2026-02-01T00:00:00.000Z'],
        ['E1|text-2025', null, null, '2026-02-01T00:00:00.000Z'],
      ]);
      expect((await store.getMany(['E2|identity'])).get('E2|identity')!.wrapped).toBe('w-E2-identity');
      // A later insert under the destroyed id answers the tombstone.
      expect((await store.insertIfAbsent(key('E1', 'identity'))).wrapped).toBeNull();
      // Destroying again destroys nothing more and keeps the first time.
      expect(await store.destroy('E1', '2026-03-01T00:00:00.000Z')).toEqual([]);
      expect((await store.getMany(['E1|identity'])).get('E1|identity')!.destroyedAt).toBe('2026-02-01T00:00:00.000Z');
    });

    it('destroys only the categories asked for', async () => {
      await store.insertIfAbsent(key('E1', 'identity'));
      await store.insertIfAbsent(key('E1', 'text-2024'));
      await store.insertIfAbsent(key('E1', 'text-2025'));
      expect(await store.destroy('E1', '2026-02-01T00:00:00.000Z', ['text-2024'])).toEqual(['E1|text-2024']);
      const live = (await store.listSubject('E1')).filter((k) => k.wrapped !== null).map((k) => k.keyId);
      expect(live).toEqual(['E1|identity', 'E1|text-2025']);
    });

    it('scans every record in key-id order, page by page', async () => {
      const subjects = ['b', 'a', 'c', 'a2', 'å'];
      for (const s of subjects) await store.insertIfAbsent(key(s, 'identity'));
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.scan(after, 2);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((k) => k.keyId));
        after = page[page.length - 1].keyId;
      }
      expect(seen).toEqual(['a2|identity', 'a|identity', 'b|identity', 'c|identity', 'å|identity']);
    });

    it('re-wraps a live key only from the master key it is under', async () => {
      await store.insertIfAbsent(key('E1', 'identity'));
      expect(await store.rewrap('E1|identity', 'other', 'new', 'm2')).toBe(false);
      expect(await store.rewrap('E1|identity', 'm1', 'new', 'm2')).toBe(true);
      const k = (await store.getMany(['E1|identity'])).get('E1|identity')!;
      expect([k.wrapped, k.masterKeyId]).toEqual(['new', 'm2']);
      await store.destroy('E1', '2026-02-01T00:00:00.000Z');
      expect(await store.rewrap('E1|identity', 'm2', 'again', 'm3')).toBe(false);
      expect((await store.getMany(['E1|identity'])).get('E1|identity')!.wrapped).toBeNull();
    });
  });
}
