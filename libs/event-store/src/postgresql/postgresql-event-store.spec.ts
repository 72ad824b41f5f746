import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { chainHash, verifyChain } from '../hash-chain';
import { EventToAppend, RecordedEvent } from '../event-store.port';
import { eventStoreContract, newEvent, waitFor } from '../testing/event-store.contract';
import { TemporaryDatabase, createTemporaryDatabase } from '../testing/postgresql-database';
import { MIGRATIONS, migrate } from './migrations';
import { PostgresqlEventStore, appendStatement } from './postgresql-event-store';

/** One database for the file, `pg_contract_<random>`, dropped at the end. */
let database: Promise<TemporaryDatabase> | undefined;
const db = () => (database ??= createTemporaryDatabase('pg_contract'));
afterAll(async () => {
  if (database) await (await database).drop();
});

async function openStore(serializable = false): Promise<PostgresqlEventStore> {
  return PostgresqlEventStore.open({
    connectionString: (await db()).url,
    pollIntervalMs: 200,
    pool: serializable ? { options: '-c default_transaction_isolation=serializable' } : undefined,
  });
}

eventStoreContract('PostgreSQL (read committed)', async () => {
  const store = await openStore();
  return { store, cleanup: () => store.close() };
});

eventStoreContract('PostgreSQL (serializable: serialization failures retried)', async () => {
  const store = await openStore(true);
  return { store, cleanup: () => store.close() };
});

/** Events chained as the command pipeline chains them. */
function chained(streamId: string, from: RecordedEvent | undefined, types: string[], data: Record<string, unknown>): EventToAppend[] {
  let prevHash = from?.metadata.hash ?? '';
  let revision = from ? from.revision : -1n;
  return types.map((type) => {
    revision += 1n;
    const id = randomUUID();
    const recordedAt = new Date().toISOString();
    const actor = { sub: 'E1', roles: ['employee'] };
    const hash = chainHash(prevHash, { streamId, revision, id, type, data, recordedAt, actor });
    const e = { id, type, data, metadata: { recordedAt, actor, prevHash, hash } };
    prevHash = hash;
    return e;
  });
}

describe('PostgreSQL event store specifics', () => {
  let store: PostgresqlEventStore;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('keeps the hash chain as written: the stored events verify, and a tampered row does not', async () => {
    const stream = `absence-${randomUUID()}`;
    const data = { reason: 'sjuk', extent: 0.5, nested: { å: ['ä', 1e21, 0.1, null, true] }, empty: {} };
    await store.append(stream, chained(stream, undefined, ['A', 'B'], data), 'no_stream');
    const two = await store.readStream(stream);
    await store.append(stream, chained(stream, two[1], ['C'], { n: 3 }), 1n);
    const all = await store.readStream(stream);
    expect(all.map((e) => e.data)).toEqual([data, data, { n: 3 }]);
    expect(verifyChain(all)).toEqual([]);
    await store.connectionPool.query(`UPDATE ledger_events SET data = '{"reason":"semester"}' WHERE stream_id = $1 AND revision = 1`, [stream]);
    expect(verifyChain(await store.readStream(stream)).map((f) => f.version)).toEqual([1]);
  });

  it('retries serialization failures: ten racing appends with `any` to one stream all land, at revisions 0..9', async () => {
    const serializable = await openStore(true);
    try {
      const stream = `race-${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => serializable.append(stream, [newEvent('R', { i })], 'any')));
      expect(results.map((r) => r.nextRevision).sort((a, b) => Number(a - b))).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
      expect((await serializable.readStream(stream)).map((e) => e.revision)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
      expect(serializable.transientRetries).toBeGreaterThan(0);
    } finally {
      await serializable.close();
    }
  });

  it('many concurrent writers and a slow transaction: no reader or subscription ever skips an event', async () => {
    const before = await store.headPosition();
    const tag = randomUUID();
    const ours = (e: RecordedEvent) => (e.data as { tag?: string }).tag === tag;

    // Readers: a subscription and a polling readAll, small batches, from before the test.
    const subscribed: RecordedEvent[] = [];
    const sub = store.subscribeToAll({ after: before, batchSize: 7 }, { onEvents: async (events) => void subscribed.push(...events) });
    const polled: RecordedEvent[] = [];
    const naive: RecordedEvent[] = [];
    let reading = true;
    const poller = (async () => {
      let after = before;
      let naiveAfter = before ?? 0n;
      while (reading) {
        const batch = await store.readAll({ after, maxCount: 5 });
        polled.push(...batch);
        if (batch.length > 0) after = batch[batch.length - 1].position;
        // The control: the same read without the horizon, as a plain sequence reader would do it.
        const { rows } = await store.connectionPool.query<{ position: string; data: { tag?: string } }>(
          'SELECT position::text AS position, data FROM ledger_events WHERE position > $1 ORDER BY position LIMIT 5',
          [naiveAfter.toString()],
        );
        for (const r of rows) naive.push({ position: BigInt(r.position), data: r.data } as RecordedEvent);
        if (rows.length > 0) naiveAfter = BigInt(rows[rows.length - 1].position);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    // The slow transaction: appends, then holds its transaction open while the writers go on.
    const slow = new Client({ connectionString: (await db()).url });
    await slow.connect();
    await slow.query('BEGIN');
    const slowEvent = newEvent('Slow', { tag });
    const slowRow = (await slow.query(appendStatement(`slow-${tag}`, [slowEvent], 'no_stream'))).rows[0] as { position: string };
    const slowPosition = BigInt(slowRow.position);

    // Writers: 8 at once, each 15 appends to streams of its own and to two shared streams.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 15; i++) {
        const stream = i % 3 === 0 ? `shared-${tag}-${i % 2}` : `w-${tag}-${w}`;
        await store.append(stream, [newEvent('W', { tag, w, i }), newEvent('W2', { tag, w, i })], 'any');
      }
    });
    await Promise.all(writers);
    // While the slow transaction is open, later committed events sit above its position.
    const { rows: above } = await store.connectionPool.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_events WHERE position > $1', [
      slowPosition.toString(),
    ]);
    expect(Number(above[0].n)).toBeGreaterThanOrEqual(240);
    await new Promise((r) => setTimeout(r, 300));
    // Nothing past the slow transaction's position is readable yet.
    expect(polled.filter(ours)).toHaveLength(0);
    expect(subscribed.filter(ours)).toHaveLength(0);
    await slow.query('SELECT pg_sleep(0.2)');
    await slow.query('COMMIT');
    await slow.end();

    const expected = 1 + 8 * 15 * 2;
    await waitFor(() => polled.filter(ours).length >= expected && subscribed.filter(ours).length >= expected, 15_000);
    reading = false;
    await poller;
    await sub.stop();

    for (const seen of [polled, subscribed]) {
      const mine = seen.filter(ours);
      expect(mine).toHaveLength(expected);
      expect(new Set(mine.map((e) => e.id)).size).toBe(expected);
      for (let i = 1; i < seen.length; i++) expect(seen[i - 1].position < seen[i].position).toBe(true);
      expect(mine[0].id).toBe(slowEvent.id);
    }
    // The same log read afterwards in one go is what both readers saw, in the same order.
    const all: RecordedEvent[] = [];
    let cursor = before;
    for (;;) {
      const batch = await store.readAll({ after: cursor, maxCount: 100 });
      if (batch.length === 0) break;
      all.push(...batch);
      cursor = batch[batch.length - 1].position;
    }
    expect(all.filter(ours).map((e) => e.id)).toEqual(polled.filter(ours).map((e) => e.id));
    expect(subscribed.filter(ours).map((e) => e.id)).toEqual(polled.filter(ours).map((e) => e.id));
    // The control reader, without the horizon, passed the slow transaction's position before it committed.
    expect(naive.filter(ours).some((e) => e.position === slowPosition)).toBe(false);
  }, 60_000);

  it('answers the original result for a retried append even when the retry races the first', async () => {
    const stream = `retry-${randomUUID()}`;
    const events = [newEvent('A'), newEvent('B')];
    const [a, b] = await Promise.all([store.append(stream, events, 'no_stream'), store.append(stream, events, 'no_stream')]);
    expect(a).toEqual(b);
    expect(await store.readStream(stream)).toHaveLength(2);
  });
});

describe('PostgreSQL schema migrations', () => {
  it('two migrators starting at once on an empty database: each migration applied once, neither fails', async () => {
    const fresh = await createTemporaryDatabase('pg_migrate');
    const pools = [new Pool({ connectionString: fresh.url, max: 2 }), new Pool({ connectionString: fresh.url, max: 2 })];
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(results.map((r) => r.version)).toEqual([MIGRATIONS.length, MIGRATIONS.length]);
      const { rows } = await pools[0].query<{ version: number }>('SELECT version FROM ledger_schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect((await migrate(pools[1])).applied).toEqual([]);
      // And a store opened on it works.
      const s = await PostgresqlEventStore.open({ connectionString: fresh.url });
      await s.append('m-1', [newEvent()], 'no_stream');
      expect(await s.readStream('m-1')).toHaveLength(1);
      await s.close();
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await fresh.drop();
    }
  });

  it('a server that does not answer: open fails with the connection error', async () => {
    await expect(PostgresqlEventStore.open({ connectionString: 'postgres://postgres@127.0.0.1:1/none', pool: { connectionTimeoutMillis: 1000 } })).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});
