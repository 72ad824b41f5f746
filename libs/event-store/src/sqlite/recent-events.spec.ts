import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const event = (i: number): EventToAppend => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: 'Counted',
  data: { i, nested: { list: [i] } },
  metadata: { recordedAt: '2026-01-01T00:00:00.000Z', actor: { sub: 't', roles: ['hr'] }, prevHash: '', hash: '' },
});

/** Follows the log from `after` until `count` events arrived; returns them. */
async function follow(store: SqliteEventStore, after: bigint | undefined, count: number, batchSize = 100): Promise<RecordedEvent[]> {
  const got: RecordedEvent[] = [];
  let done!: () => void;
  const enough = new Promise<void>((r) => (done = r));
  const sub = store.subscribeToAll(
    { after, batchSize },
    {
      async onEvents(events) {
        got.push(...events);
        if (got.length >= count) done();
      },
    },
  );
  await Promise.race([enough, new Promise((r) => setTimeout(r, 3000))]);
  await sub.stop();
  return got;
}

const numbers = (events: RecordedEvent[]) => events.map((e) => (e.data as { i: number }).i);

/**
 * Subscriptions of the SQLite store get the events right after its own appends from memory; these
 * pin down that they never get less than the file holds, and that readAll reads the file.
 */
describe('SQLite event store: subscriptions following its own appends', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-recent-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given appends, when two subscriptions follow them, then both get exactly what the file holds, in order', async () => {
    const store = new SqliteEventStore({ file });
    for (let i = 0; i < 5; i++) await store.append(`s-${i % 2}`, [event(i)], 'any');
    const stored = await store.readAll({ maxCount: 100 });
    const a = await follow(store, undefined, 5, 2);
    const b = await follow(store, stored[1].position, 3);
    expect(a).toEqual(stored);
    expect(b).toEqual(stored.slice(2));
    await store.close();
  });

  it('given another connection appended in between, then a subscription gets its events too, in position order', async () => {
    const store = new SqliteEventStore({ file });
    const other = new SqliteEventStore({ file });
    await store.append('mine', [event(1)], 'no_stream');
    const theirs = await other.append('theirs', [event(2)], 'no_stream');
    await store.append('mine', [event(3)], 'stream_exists');
    expect(numbers(await follow(store, undefined, 3))).toEqual([1, 2, 3]);
    // Right after the other connection's append, a subscription that has seen event 2 must still get event 4.
    await other.append('theirs', [event(4)], 'stream_exists');
    expect(numbers(await follow(store, theirs.position, 2))).toEqual([3, 4]);
    await store.close();
    await other.close();
  });

  it('shares each event between subscriptions frozen, so none can change what another reads', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s', [event(7)], 'no_stream');
    await store.append('s', [event(8)], 'stream_exists');
    const [first] = await follow(store, 0n, 2);
    const [second] = await follow(store, 0n, 2);
    expect(second).toBe(first);
    expect(() => {
      (first.data as { nested: { list: number[] } }).nested.list.push(8);
    }).toThrow(TypeError);
    expect(second.data).toEqual({ i: 7, nested: { list: [7] } });
    await store.close();
  });

  it('a failed append in a group commit leaves nothing of it to follow', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s', [event(1)], 'no_stream');
    const results = await Promise.allSettled([
      store.append('s', [event(2)], 'no_stream'), // conflicts: s exists
      store.append('t', [event(3)], 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(numbers(await follow(store, undefined, 2))).toEqual([1, 3]);
    await store.close();
  });

  it('answers a retried append (any, or the old exact revision) with the original result, writes nothing, and refuses a partly new retry', async () => {
    const store = new SqliteEventStore({ file });
    const first = await store.append('s', [event(1), event(2)], 'any');
    await store.append('s', [event(3)], 1n);
    expect(await store.append('s', [event(1), event(2)], 'any')).toEqual(first);
    expect(await store.append('s', [event(1), event(2)], 'no_stream')).toEqual(first);
    await expect(store.append('s', [event(4), event(2)], 2n)).rejects.toThrow(/already exists/);
    expect(numbers(await store.readAll({ maxCount: 10 }))).toEqual([1, 2, 3]);
    expect(numbers(await follow(store, undefined, 3))).toEqual([1, 2, 3]);
    await store.close();
  });

  it('readAll reads the file: a row changed on disk after the append is what it returns', async () => {
    const store = new SqliteEventStore({ file });
    await store.append('s', [event(1)], 'no_stream');
    const db = new Database(file);
    db.prepare("UPDATE events SET data = json_set(data, '$.i', 99)").run();
    db.close();
    expect(numbers(await store.readAll({ maxCount: 10 }))).toEqual([99]);
    await store.close();
  });
});
