import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { digestSigningText } from './seal-chain';
import { SealKey } from './seal-key';
import { SqliteSealStore } from '../sqlite/sqlite-seal-store';
import { Sealer } from './sealer';
import { verifyLog } from './log-verifier';

const SECRET = 'a-seal-secret-of-at-least-thirty-two-bytes';

function chained(streamId: string, from: number, count: number, prevHash: string): { events: EventToAppend[]; last: string } {
  const events: EventToAppend[] = [];
  for (let r = from; r < from + count; r++) {
    const id = randomUUID();
    const metadata = { recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, r)).toISOString(), actor: { sub: 'u', roles: ['hr'] }, prevHash, hash: '' };
    metadata.hash = chainHash(prevHash, { streamId, revision: BigInt(r), id, type: 'Happened', data: { r }, recordedAt: metadata.recordedAt, actor: metadata.actor });
    prevHash = metadata.hash;
    events.push({ id, type: 'Happened', data: { r }, metadata });
  }
  return { events, last: prevHash };
}

describe('the seal', () => {
  it('MACs with textbook HMAC-SHA256 (truncated to 128 bits) under the derived key', () => {
    const key = SealKey.fromSecret(SECRET);
    const text = 'event\u0000 42 åäö';
    expect(key.mac(text).toString('hex')).toBe(createHmac('sha256', key.macKeyForTests()).update(text).digest().subarray(0, 16).toString('hex'));
  });

  it('refuses a key shorter than 32 bytes, and signs digests only it can sign', () => {
    expect(() => SealKey.fromSecret('short')).toThrow(/at least 32 bytes/);
    const key = SealKey.fromSecret(SECRET);
    const other = SealKey.fromSecret(`${SECRET}-other`);
    const d = { position: '7', hash: '00'.repeat(16), signedAt: '2026-01-01T00:00:00.000Z', keyId: key.keyId };
    const signature = key.sign(digestSigningText(d));
    expect(key.verify(digestSigningText(d), signature)).toBe(true);
    expect(key.verify(digestSigningText({ ...d, position: '6' }), signature)).toBe(false);
    expect(other.verify(digestSigningText(d), signature)).toBe(false);
    expect(other.keyId).not.toBe(key.keyId);
  });

  describe('over two connections appending to one SQLite file at once', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'seal-spec-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('seals the log in position order whoever appended, and verifies across batch boundaries', async () => {
      const file = join(dir, 'events.db');
      const a = new SqliteEventStore({ file, synchronous: 'NORMAL', backgroundCheckpoints: false });
      const b = new SqliteEventStore({ file, synchronous: 'NORMAL', backgroundCheckpoints: false });
      const seal = new SqliteSealStore({ file: join(dir, 'seal.db') });
      const key = SealKey.fromSecret(SECRET);
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        const store = i % 2 === 0 ? a : b;
        const { events } = chained(`s-${i}`, 0, 1 + (i % 3), '');
        writes.push(store.append(`s-${i}`, events, 'no_stream'));
      }
      await Promise.all(writes);
      const sealer = new Sealer(a, seal, key, { batchSize: 7 });
      await sealer.start();
      expect(await sealer.waitFor(await a.headPosition(), 5000)).toBe(true);
      // More appends by the other connection after the sealer caught up: sealed on its next wake.
      const more = chained('s-late', 0, 2, '');
      await b.append('s-late', more.events, 'no_stream');
      const tail = chained('s-tail', 0, 1, '');
      await a.append('s-tail', tail.events, 'no_stream');
      expect(await sealer.waitFor(await a.headPosition(), 5000)).toBe(true);
      const result = await verifyLog(a, seal, key, { batchSize: 5 });
      expect(result).toMatchObject({ ok: true, failures: [], unsealedEvents: 0, eventsChecked: 82, streamsChecked: 42 });

      a.database.prepare('DELETE FROM events WHERE position = 10').run();
      const broken = await verifyLog(a, seal, key, { batchSize: 5 });
      expect(broken.ok).toBe(false);
      expect(broken.failures).toEqual(expect.arrayContaining([expect.objectContaining({ position: '10', reason: expect.stringMatching(/missing/) })]));
      await sealer.stop();
      await Promise.all([a.close(), b.close(), seal.close()]);
    });
  });
});
