import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { SqliteEventStore } from '@ledger/event-store/sqlite';
import { startWalCheckpointer } from './wal-checkpointer';

const event = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: 'Counted',
  data: { i, pad: 'x'.repeat(500) },
  metadata: { recordedAt: new Date().toISOString(), actor: { sub: 't', roles: [] }, prevHash: '', hash: '' },
});

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

describe('WAL checkpoints from a worker thread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given an event store that writes, when its WAL grows, then the worker copies it into the database file while the store stays open', async () => {
    const file = join(dir, 'events.db');
    const store = new SqliteEventStore({ file });
    // The writer's own connection checkpoints only past 64 MB of WAL (16 384 pages of 4 KiB): for
    // these few hundred KB only the worker can move pages into the file.
    expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    const emptySize = statSync(file).size;
    for (let i = 0; i < 300; i++) await store.append(`s-${i}`, [event(i)], 'no_stream');
    // 300 events of ~600 bytes are ~180 KB of pages in the WAL.
    expect(await until(() => statSync(file).size > emptySize + 150_000, 5000)).toBe(true);
    expect((await store.readAll({ maxCount: 1000 })).length).toBe(300);
    await store.close();
  });

  it('given a store opened without it, then SQLite checkpoints on the writer as before', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.db'), backgroundCheckpoints: false });
    expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });

  it('checkpoints several files from one thread; stopping one leaves the others checkpointed, and a file after the last stop gets a new thread', async () => {
    // Writers that never checkpoint themselves: only the worker moves pages into the files.
    const open = (name: string) => {
      const file = join(dir, name);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE t (v TEXT)');
      return { file, db, write: (n: number) => db.transaction(() => { for (let i = 0; i < n; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(500)); })() };
    };
    const a = open('a.db');
    const b = open('b.db');
    const [ca, cb] = [a, b].map((f) => startWalCheckpointer(f.file, { synchronous: 'NORMAL', intervalMs: 10 }));
    const size = (f: { file: string }) => statSync(f.file).size;
    const [a0, b0] = [size(a), size(b)];
    a.write(300);
    b.write(300);
    expect(await until(() => size(a) > a0 + 150_000 && size(b) > b0 + 150_000, 5000)).toBe(true);

    await ca.stop();
    const [a1, b1] = [size(a), size(b)];
    a.write(300);
    b.write(300);
    expect(await until(() => size(b) > b1 + 150_000, 5000)).toBe(true);
    expect(size(a)).toBe(a1); // no longer checkpointed

    await cb.stop();
    const c = open('c.db');
    const cc = startWalCheckpointer(c.file, { synchronous: 'NORMAL', intervalMs: 10 });
    const c0 = size(c);
    c.write(300);
    expect(await until(() => size(c) > c0 + 150_000, 5000)).toBe(true);
    await cc.stop();
    for (const f of [a, b, c]) f.db.close();
  });

  it('stops cleanly even right after it started, and leaves the file whole', async () => {
    const file = join(dir, 'plain.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT); INSERT INTO t VALUES (1), (2)');
    const checkpointer = startWalCheckpointer(file, { synchronous: 'NORMAL', intervalMs: 10 });
    await checkpointer.stop();
    await checkpointer.stop();
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2 });
    db.close();
  });

  it('keeps a process whose only work is the last stop alive until the stop is done, so its code after the stop runs', () => {
    // In a process of its own: jest's own handles would keep this one alive whatever the code does.
    // The module is plain TypeScript with no imports of this project, so it is transpiled as it is.
    const source = readFileSync(join(__dirname, 'wal-checkpointer.ts'), 'utf8');
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, 'wal-checkpointer.js'), compiled.outputText);
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const { startWalCheckpointer } = require(${JSON.stringify(join(dir, 'wal-checkpointer.js'))});
      const file = ${JSON.stringify(join(dir, 'child.db'))};
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (v TEXT)');
      const checkpointer = startWalCheckpointer(file, { synchronous: 'NORMAL', intervalMs: 10 });
      setTimeout(async () => {
        await checkpointer.stop();
        db.close();
        console.log('after the stop');
      }, 50);`;
    // NODE_PATH: the module resolves better-sqlite3 from where it lies, a temporary directory.
    const nodePath = join(dirname(require.resolve('better-sqlite3/package.json')), '..');
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE_PATH: nodePath } });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('after the stop\n');
    expect(child.status).toBe(0);
  });
});
