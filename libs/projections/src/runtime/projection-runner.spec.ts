import type { EventToAppend } from '@ledger/event-store';
import { SqliteEventStore } from '@ledger/event-store/sqlite';
import { SqliteReadStore } from '@ledger/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { UnitOfWork } from './unit-of-work';

/** Counts events per stream and keeps a per-bucket index: enough to see double counting. */
class CountingProjection implements Projection {
  readonly name = 'counting';
  readonly eventTypes = new Set(['Counted']);
  constructor(readonly version = 1) {}
  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    const doc = (await uow.get<{ count: number; lastRevision: number }>('counter', event.streamId)) ?? { count: 0, lastRevision: -1 };
    if (Number(event.revision) <= doc.lastRevision) return;
    const next = { count: doc.count + 1, lastRevision: Number(event.revision) };
    await uow.put('counter', event.streamId, next, [{ index: 'bucket', value: String(next.count % 3) }]);
  }
}

const event = (i: number, type = 'Counted'): EventToAppend => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type,
  data: { i },
  metadata: { recordedAt: new Date().toISOString(), actor: { sub: 't', roles: [] }, prevHash: '', hash: '' },
});

describe('projection runner (SQLite event store and read store)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-proj-'));
    events = new SqliteEventStore({ file: join(dir, 'events.db') });
    store = new SqliteReadStore({ file: join(dir, 'read.db') });
  });
  afterEach(async () => {
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function seed(streams: number, perStream: number): Promise<bigint> {
    let last = 0n;
    let n = 0;
    for (let r = 0; r < perStream; r++) {
      for (let s = 0; s < streams; s++) {
        const res = await events.append(`s-${s}`, [event(n++), ...(n % 7 === 0 ? [event(100_000 + n, 'Ignored')] : [])], r === 0 ? 'no_stream' : 'stream_exists');
        last = res.position;
      }
    }
    return last;
  }

  async function snapshot(namespace: string) {
    const docs = await store.scan<{ count: number }>(namespace, 'counter', { limit: 100_000 });
    return docs.map((d) => [d.key, d.value.count, d.indexes]);
  }

  it('given a log, when it starts, then it catches up, commits the checkpoint with the changes, and wakes waiters', async () => {
    const head = await seed(5, 4);
    const runner = new ProjectionRunner(new CountingProjection(), events, store, { batchSize: 7 });
    await runner.start();
    expect(await runner.waitFor(head, 5000)).toBe(true);
    expect(await store.checkpoint(runner.activeNamespace)).toBe(head);
    expect((await snapshot(runner.activeNamespace)).map(([k, c]) => [k, c])).toEqual([
      ['s-0', 4], ['s-1', 4], ['s-2', 4], ['s-3', 4], ['s-4', 4],
    ]);
    const live = await events.append('s-0', [event(999)], 'stream_exists');
    expect(await runner.waitFor(live.position, 5000)).toBe(true);
    expect((await store.get<{ count: number }>(runner.activeNamespace, 'counter', 's-0'))?.value.count).toBe(5);
    await runner.stop();
  });

  it('given a stopped runner, when it restarts from its checkpoint, then nothing is counted twice', async () => {
    await seed(3, 3);
    const first = new ProjectionRunner(new CountingProjection(), events, store);
    await first.start();
    await first.waitFor((await events.headPosition())!, 5000);
    await first.stop();
    const more = await events.append('s-1', [event(500)], 'stream_exists');
    const second = new ProjectionRunner(new CountingProjection(), events, store);
    await second.start();
    const ok = await second.waitFor(more.position, 5000);
    expect(ok).toBe(true);
    expect((await snapshot(second.activeNamespace)).map(([k, c]) => [k, c])).toEqual([['s-0', 3], ['s-1', 4], ['s-2', 3]]);
    await second.stop();
  });

  it('reports lag 0 and the head as checkpoint once caught up, even when the last events are not its own', async () => {
    await seed(2, 2);
    const tail = await events.append('other', [event(777, 'Ignored')], 'no_stream');
    const runner = new ProjectionRunner(new CountingProjection(), events, store);
    await runner.start();
    expect(await runner.waitFor(tail.position, 5000)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(runner.status()).toMatchObject({ caughtUp: true, lagSeconds: 0, checkpoint: tail.position });
    await runner.stop();
  });

  it('rebuilds side by side into a fresh namespace equal to the live one, and swaps it in', async () => {
    await seed(6, 5);
    const runner = new ProjectionRunner(new CountingProjection(), events, store, { batchSize: 4 });
    await runner.start();
    await runner.waitFor((await events.headPosition())!, 5000);
    const live = await snapshot(runner.activeNamespace);
    const oldNamespace = runner.activeNamespace;
    const result = await runner.rebuild();
    expect(result.events).toBe(30);
    expect(runner.activeNamespace).toBe(result.namespace);
    expect(await store.activeNamespace('counting')).toBe(result.namespace);
    expect(await snapshot(result.namespace)).toEqual(live);
    expect(await snapshot(oldNamespace)).toEqual([]);
    await runner.stop();
  });

  it('given a rebuilt namespace of the same version, when started again, then it follows that namespace on instead of building again', async () => {
    await seed(6, 5);
    const first = new ProjectionRunner(new CountingProjection(), events, store, { batchSize: 4 });
    await first.start();
    await first.waitFor((await events.headPosition())!, 5000);
    const { namespace } = await first.rebuild();
    await first.stop();

    const counting = new CountingProjection();
    const applied: bigint[] = [];
    const original = counting.apply.bind(counting);
    counting.apply = async (e, uow) => {
      applied.push(e.position);
      return original(e, uow);
    };
    const again = new ProjectionRunner(counting, events, store, { batchSize: 4 });
    await again.start();
    expect(again.activeNamespace).toBe(namespace);
    const tail = await events.append('s-0', [event(999)], 'stream_exists');
    expect(await again.waitFor(tail.position, 5000)).toBe(true);
    // Only the new event was applied: nothing was rebuilt.
    expect(applied).toEqual([tail.position]);
    expect((await store.get<{ count: number }>(namespace, 'counter', 's-0'))?.value.count).toBe(6);
    await again.stop();
  });

  it('rebuilds several projections in one pass over the log, each equal to its live namespace, swaps them in and follows on', async () => {
    /** A second projection of the same log: counts only the events with an odd data.i. */
    class OddCounting implements Projection {
      readonly name = 'odd';
      readonly version = 1;
      readonly eventTypes = new Set(['Counted']);
      private readonly counting = new CountingProjection();
      async apply(e: RecordedEvent, uow: UnitOfWork): Promise<void> {
        if ((e.data as { i: number }).i % 2 === 1) await this.counting.apply(e, uow);
      }
    }
    await seed(6, 5); // 30 'Counted' events, i = 0..29, 5 per stream s-0..s-5
    const counting = new ProjectionRunner(new CountingProjection(), events, store, { batchSize: 4 });
    const odd = new ProjectionRunner(new OddCounting(), events, store, { batchSize: 4 });
    for (const r of [counting, odd]) {
      await r.start();
      await r.waitFor((await events.headPosition())!, 5000);
    }
    const live = [await snapshot(counting.activeNamespace), await snapshot(odd.activeNamespace)];
    // Stream s-k holds i = k, k+6, k+12, k+18, k+24: all odd when k is odd, all even otherwise.
    expect(live[1].map(([k, c]) => [k, c])).toEqual([['s-1', 5], ['s-3', 5], ['s-5', 5]]);
    const results = await ProjectionRunner.rebuildTogether([counting, odd]);
    expect(results.map((r) => [r.name, r.events])).toEqual([['counting', 30], ['odd', 30]]);
    expect(await snapshot(results[0].namespace)).toEqual(live[0]);
    expect(await snapshot(results[1].namespace)).toEqual(live[1]);
    expect([await store.activeNamespace('counting'), await store.activeNamespace('odd')]).toEqual(results.map((r) => r.namespace));
    // Both follow the log again: one more odd event on s-1 reaches both.
    const more = await events.append('s-1', [event(31)], 'stream_exists');
    for (const r of [counting, odd]) expect(await r.waitFor(more.position, 5000)).toBe(true);
    expect((await store.get<{ count: number }>(results[0].namespace, 'counter', 's-1'))?.value.count).toBe(6);
    expect((await store.get<{ count: number }>(results[1].namespace, 'counter', 's-1'))?.value.count).toBe(6);
    await counting.stop();
    await odd.stop();
  });

  it('stops a side-by-side build after the batch in flight, and leaves the old version serving', async () => {
    const head = await seed(10, 20);
    const v1 = new ProjectionRunner(new CountingProjection(1), events, store);
    await v1.start();
    await v1.waitFor(head, 5000);
    await v1.stop();
    class SlowCounting extends CountingProjection {
      override async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
        await new Promise((r) => setTimeout(r, 5));
        await super.apply(event, uow);
      }
    }
    const v2 = new ProjectionRunner(new SlowCounting(2), events, store, { batchSize: 5 });
    const starting = v2.start();
    while ((await store.checkpoint('counting@v2')) === undefined) await new Promise((r) => setTimeout(r, 1));
    await v2.stop();
    await starting;
    const stoppedAt = await store.checkpoint('counting@v2');
    await new Promise((r) => setTimeout(r, 100));
    expect(await store.checkpoint('counting@v2')).toBe(stoppedAt);
    expect(stoppedAt! < head).toBe(true);
    expect(await store.activeNamespace('counting')).toBe('counting@v1');
    expect((await snapshot('counting@v1')).length).toBe(10);
  });

  it('builds a new projection version side by side on start, then drops the old version', async () => {
    await seed(2, 2);
    const v1 = new ProjectionRunner(new CountingProjection(1), events, store);
    await v1.start();
    await v1.waitFor((await events.headPosition())!, 5000);
    await v1.stop();
    const v2 = new ProjectionRunner(new CountingProjection(2), events, store);
    await v2.start();
    expect(await store.activeNamespace('counting')).toBe('counting@v2');
    expect((await snapshot('counting@v2')).map(([k, c]) => [k, c])).toEqual([['s-0', 2], ['s-1', 2]]);
    expect(await snapshot('counting@v1')).toEqual([]);
    await v2.stop();
  });
});
