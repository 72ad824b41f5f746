import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

/**
 * The one contract every event-store adapter passes. Streams get unique names per test, so the
 * suite also runs against a shared EventStoreDB server that holds other data.
 */
export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

export function newEvent(type = 'TestHappened', data: Record<string, unknown> = {}, id = randomUUID()): EventToAppend {
  return {
    id,
    type,
    data,
    metadata: { recordedAt: new Date().toISOString(), actor: { sub: 'tester', roles: ['hr'] }, prevHash: '', hash: '' },
  };
}

export function eventStoreContract(adapterName: string, open: () => Promise<EventStoreFixture>): void {
  describe(`event-store contract: ${adapterName}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    let stream: string;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
      stream = `contract-${randomUUID()}`;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function readAllOf(streams: string[], after?: bigint): Promise<RecordedEvent[]> {
      const out: RecordedEvent[] = [];
      let cursor = after;
      while (true) {
        const batch = await store.readAll({ after: cursor, maxCount: 500 });
        if (batch.length === 0) return out;
        out.push(...batch.filter((e) => streams.includes(e.streamId)));
        cursor = batch[batch.length - 1].position;
      }
    }

    it('given no stream, when appending with no_stream, then the events get revisions 0.. and read back in order', async () => {
      const result = await store.append(stream, [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no_stream');
      expect(result.nextRevision).toBe(1n);
      const events = await store.readStream(stream);
      expect(events.map((e) => [e.type, e.revision, e.data])).toEqual([
        ['A', 0n, { n: 1 }],
        ['B', 1n, { n: 2 }],
      ]);
      expect(events[1].position).toBe(result.position);
      expect(events[0].position < events[1].position).toBe(true);
      expect(events[0].metadata.actor).toEqual({ sub: 'tester', roles: ['hr'] });
    });

    it('appends with the exact expected revision and rejects a stale one without writing', async () => {
      await store.append(stream, [newEvent()], 'no_stream');
      await store.append(stream, [newEvent()], 0n);
      await expect(store.append(stream, [newEvent('Stale')], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const events = await store.readStream(stream);
      expect(events.map((e) => e.type)).toEqual(['TestHappened', 'TestHappened']);
    });

    it('enforces no_stream, stream_exists and accepts any', async () => {
      await expect(store.append(stream, [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await store.append(stream, [newEvent()], 'no_stream');
      await expect(store.append(stream, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await store.append(stream, [newEvent()], 'stream_exists');
      const r = await store.append(stream, [newEvent()], 'any');
      expect(r.nextRevision).toBe(2n);
    });

    it('returns [] for a stream that does not exist, and reads from a revision', async () => {
      expect(await store.readStream(`missing-${randomUUID()}`)).toEqual([]);
      await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
      const tail = await store.readStream(stream, { fromRevision: 1n });
      expect(tail.map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('given a retried append with the same event ids, then it is a no-op answering the original result', async () => {
      const events = [newEvent('A'), newEvent('B')];
      const first = await store.append(stream, events, 'no_stream');
      const again = await store.append(stream, events, 'no_stream');
      expect(again).toEqual(first);
      expect((await store.readStream(stream)).length).toBe(2);
    });

    it('rejects an event id reused in another stream', async () => {
      const e = newEvent('A');
      await store.append(stream, [e], 'no_stream');
      const other = `contract-${randomUUID()}`;
      await expect(store.append(other, [e], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(other)).toEqual([]);
    });

    it('reads the global log in commit order, strictly after a position', async () => {
      const other = `contract-${randomUUID()}`;
      const before = await store.headPosition();
      await store.append(stream, [newEvent('S1')], 'no_stream');
      await store.append(other, [newEvent('O1')], 'no_stream');
      const mid = await store.append(stream, [newEvent('S2')], 0n);
      await store.append(other, [newEvent('O2')], 0n);
      const all = await readAllOf([stream, other], before);
      expect(all.map((e) => e.type)).toEqual(['S1', 'O1', 'S2', 'O2']);
      for (let i = 1; i < all.length; i++) expect(all[i - 1].position < all[i].position).toBe(true);
      const after = await readAllOf([stream, other], mid.position);
      expect(after.map((e) => e.type)).toEqual(['O2']);
    });

    it('lets exactly one of two concurrent appends at the same revision win', async () => {
      await store.append(stream, [newEvent()], 'no_stream');
      const results = await Promise.allSettled([
        store.append(stream, [newEvent('X')], 0n),
        store.append(stream, [newEvent('Y')], 0n),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(stream)).length).toBe(2);
    });

    it('delivers past events to a subscription, reports caught-up, and wakes on a later append', async () => {
      const before = await store.headPosition();
      await store.append(stream, [newEvent('Past')], 'no_stream');
      const seen: string[] = [];
      let caughtUp = 0;
      let resolveLive: () => void = () => undefined;
      const live = new Promise<void>((r) => (resolveLive = r));
      const sub = store.subscribeToAll(
        { after: before },
        {
          onEvents: async (events) => {
            for (const e of events) if (e.streamId === stream) seen.push(e.type);
            if (seen.includes('Live')) resolveLive();
          },
          onCaughtUp: async () => {
            caughtUp++;
          },
        },
      );
      await waitFor(() => caughtUp > 0 && seen.includes('Past'));
      await store.append(stream, [newEvent('Live')], 0n);
      await live;
      await sub.stop();
      expect(seen).toEqual(['Past', 'Live']);
    });

    it('resumes a subscription strictly after a stored position', async () => {
      const first = await store.append(stream, [newEvent('One')], 'no_stream');
      await store.append(stream, [newEvent('Two')], 0n);
      const seen: string[] = [];
      const sub = store.subscribeToAll(
        { after: first.position },
        {
          onEvents: async (events) => {
            for (const e of events) if (e.streamId === stream) seen.push(e.type);
          },
        },
      );
      await waitFor(() => seen.length >= 1);
      await sub.stop();
      expect(seen).toEqual(['Two']);
    });
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
