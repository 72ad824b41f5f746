import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

let n = 0;
const event = (): EventToAppend => {
  n++;
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    type: 'Counted',
    data: { n },
    metadata: { recordedAt: '2026-01-01T00:00:00.000Z', actor: { sub: 't', roles: ['hr'] }, prevHash: '', hash: '' },
  };
};

/** The SQL reads of a stream the store made (its prepared statement, counted). */
function countStreamQueries(store: SqliteEventStore): () => number {
  const stmt = (store as unknown as { stmt: { readStream: { all: (...args: unknown[]) => unknown } } }).stmt.readStream;
  const all = stmt.all.bind(stmt);
  let count = 0;
  stmt.all = (...args: unknown[]) => {
    count++;
    return all(...args);
  };
  return () => count;
}

/**
 * Reading a stream from a revision on (what a reader that keeps a folded state does) answers
 * "nothing new" from memory while the store knows nothing was written; these pin down that it
 * never answers less than the file holds.
 */
describe('SQLite event store: reading the tail of a stream', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tail-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a tail read once, when nothing was appended, then the next read of the tail asks the file nothing', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s-1', [event(), event()], 'no_stream');
    const queries = countStreamQueries(store);
    expect(await store.readStream('s-1', { fromRevision: 0n })).toHaveLength(2);
    expect(await store.readStream('s-1', { fromRevision: 2n })).toEqual([]);
    expect(await store.readStream('s-1', { fromRevision: 2n })).toEqual([]);
    expect(queries()).toBe(1);
    await store.close();
  });

  it('given an append through this store, then the tail read returns it', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s-1', [event()], 'no_stream');
    expect(await store.readStream('s-1', { fromRevision: 1n })).toEqual([]);
    await store.append('s-1', [event()], 0n);
    const tail = await store.readStream('s-1', { fromRevision: 1n });
    expect(tail.map((e) => e.revision)).toEqual([1n]);
    // A stream that did not exist, then does.
    expect(await store.readStream('s-2', { fromRevision: 0n })).toEqual([]);
    await store.append('s-2', [event()], 'no_stream');
    expect((await store.readStream('s-2', { fromRevision: 0n })).map((e) => e.revision)).toEqual([0n]);
    await store.close();
  });

  it('given another connection appended to the file, then the tail read returns what it wrote', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s-1', [event()], 'no_stream');
    expect(await store.readStream('s-1', { fromRevision: 1n })).toEqual([]);
    const other = new SqliteEventStore({ file, backgroundCheckpoints: false });
    await other.append('s-1', [event()], 0n);
    await other.close();
    expect((await store.readStream('s-1', { fromRevision: 1n })).map((e) => e.revision)).toEqual([1n]);
    await store.close();
  });

  it('given a row written into the file by hand, then the tail read sees it (any other writer counts)', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s-1', [event()], 'no_stream');
    expect(await store.readStream('s-1', { fromRevision: 1n })).toEqual([]);
    const db = new Database(file);
    db.prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ('s-1', 1, 'by-hand', 'Counted', '{}', '{}')").run();
    db.close();
    expect((await store.readStream('s-1', { fromRevision: 1n })).map((e) => e.type)).toEqual(['Counted']);
    await store.close();
  });
});
