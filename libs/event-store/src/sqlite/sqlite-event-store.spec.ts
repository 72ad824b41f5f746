import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

function tempFile(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-es-'));
  return { dir, file: join(dir, 'events.db') };
}

eventStoreContract('SQLite file', async () => {
  const { dir, file } = tempFile();
  const store = new SqliteEventStore({ file });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite event store specifics', () => {
  it('group-commits concurrent appends to different streams, and a conflict in the batch fails only itself', async () => {
    const { dir, file } = tempFile();
    const store = new SqliteEventStore({ file });
    await store.append('s-0', [newEvent()], 'no_stream');
    const appends = Array.from({ length: 50 }, (_, i) => store.append(`s-${i + 1}`, [newEvent()], 'no_stream'));
    const conflicting = store.append('s-0', [newEvent('Bad')], 'no_stream');
    const results = await Promise.allSettled([...appends, conflicting]);
    expect(results.slice(0, 50).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[50].status).toBe('rejected');
    expect((await store.readStream('s-0')).map((e) => e.type)).toEqual(['TestHappened']);
    expect(await store.headPosition()).toBe(51n);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data across reopening the file', async () => {
    const { dir, file } = tempFile();
    const a = new SqliteEventStore({ file });
    await a.append('kept', [newEvent('A', { x: 'å' })], 'no_stream');
    await a.close();
    const b = new SqliteEventStore({ file });
    expect((await b.readStream('kept'))[0].data).toEqual({ x: 'å' });
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
