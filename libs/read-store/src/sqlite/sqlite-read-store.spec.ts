import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '../testing/read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';

function tempFile(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-rs-'));
  return { dir, file: join(dir, 'nested', 'read-models.db') };
}

readStoreContract('SQLite file', async () => {
  const { dir, file } = tempFile();
  const store = new SqliteReadStore({ file });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite read store specifics', () => {
  it('keeps documents, index entries, checkpoint and active namespace across reopening the file', async () => {
    const { dir, file } = tempFile();
    const a = new SqliteReadStore({ file });
    await a.commit('ns', [{ op: 'put', collection: 'c', key: 'å', value: { x: 'ö' }, indexes: [{ index: 'i', value: 'v' }] }], 42n);
    await a.setActiveNamespace('p', 'ns');
    await a.close();
    const b = new SqliteReadStore({ file });
    expect(await b.get('ns', 'c', 'å')).toEqual({ key: 'å', value: { x: 'ö' }, indexes: [{ index: 'i', value: 'v' }] });
    expect((await b.list('ns', 'c', { index: 'i', value: 'v' })).map((d) => d.key)).toEqual(['å']);
    expect(await b.checkpoint('ns')).toBe(42n);
    expect(await b.activeNamespace('p')).toBe('ns');
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts a file whose documents table is the old WITHOUT ROWID one, keeping every document, and writes on', async () => {
    const { dir, file } = tempFile();
    const first = new SqliteReadStore({ file });
    await first.commit('ns', [{ op: 'put', collection: 'c', key: 'b', value: { n: 2 }, indexes: [{ index: 'i', value: 'v' }] }], 7n);
    await first.close();
    // Turn the file back into the old layout: documents WITHOUT ROWID, user_version 0.
    const raw = new Database(file);
    raw.exec(`
      CREATE TABLE old_documents (namespace TEXT NOT NULL, collection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        indexes TEXT NOT NULL, PRIMARY KEY (namespace, collection, key)) WITHOUT ROWID;
      INSERT INTO old_documents SELECT namespace, collection, key, value, indexes FROM documents;
      DROP TABLE documents;
      ALTER TABLE old_documents RENAME TO documents;
      PRAGMA user_version = 0;`);
    raw.close();
    const store = new SqliteReadStore({ file });
    const sql = (store.database.prepare("SELECT sql FROM sqlite_master WHERE name = 'documents'").get() as { sql: string }).sql;
    expect(sql).not.toMatch(/WITHOUT ROWID/);
    expect(await store.get('ns', 'c', 'b')).toEqual({ key: 'b', value: { n: 2 }, indexes: [{ index: 'i', value: 'v' }] });
    expect(await store.checkpoint('ns')).toBe(7n);
    await store.commit('ns', [{ op: 'put', collection: 'c', key: 'a', value: { n: 1 } }, { op: 'put', collection: 'c', key: 'b', value: { n: 3 } }], 8n);
    expect((await store.scan<{ n: number }>('ns', 'c')).map((d) => [d.key, d.value.n])).toEqual([['a', 1], ['b', 3]]);
    expect((await store.list('ns', 'c', { index: 'i', value: 'v' })).map((d) => d.key)).toEqual([]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('works with an in-memory database', async () => {
    const store = new SqliteReadStore({ file: ':memory:' });
    await store.commit('ns', [{ op: 'put', collection: 'c', key: 'k', value: 1 }], 1n);
    expect((await store.get('ns', 'c', 'k'))?.value).toBe(1);
    await store.close();
  });

  it('leaves no index entry behind after a move, a delete and a drop', async () => {
    const store = new SqliteReadStore({ file: ':memory:' });
    const open = { index: 's', value: 'open' };
    const closed = { index: 's', value: 'closed' };
    await store.commit('ns', [{ op: 'put', collection: 'c', key: 'k', value: 1, indexes: [open] }], 1n);
    await store.commit('ns', [{ op: 'put', collection: 'c', key: 'k', value: 2, indexes: [closed] }], 2n);
    const count = () => (store.database.prepare('SELECT COUNT(*) AS n FROM index_entries').get() as { n: number }).n;
    expect(count()).toBe(1);
    await store.commit('ns', [{ op: 'delete', collection: 'c', key: 'k' }], 3n);
    expect(count()).toBe(0);
    await store.commit('ns', [{ op: 'put', collection: 'c', key: 'k', value: 3, indexes: [open, closed] }], 4n);
    await store.dropNamespace('ns');
    expect(count()).toBe(0);
    await store.close();
  });
});
