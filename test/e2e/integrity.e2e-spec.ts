import Database from 'better-sqlite3';
import { chainHash } from '@ledger/event-store';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApi, startTestApi } from './harness';

/**
 * The sealed log end to end: a real data directory is written through the API, the app stops,
 * the SQLite event file is edited the ways an intruder with the file would (better-sqlite3), the
 * app starts again on the same files, and both verify and a normal read must catch each edit.
 */
describe('sealed log: tampering with the SQLite file is caught by verify and by reads', () => {
  let base: string;
  let digest: Record<string, string>;
  const ids: Record<'attested' | 'single' | 'later', string> = { attested: '', single: '', later: '' };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'ledger-seal-base-'));
    const api = await startTestApi({}, { dataDir: base });
    try {
      const hr = await api.token('HR1', 'hr');
      const integration = await api.token('SYNC', 'integration');
      tokens.hr = hr;
      tokens.auditor = await api.token('A1', 'auditor');
      const m1 = await api.token('M1', 'employee', 'manager');
      expect((await api.request('PUT', '/v1/departments/D1', { token: integration, body: { name: 'D1', managerIds: ['M1'] } })).status).toBe(200);
      for (const id of ['E1', 'E2', 'M1']) {
        const r = await api.request('PUT', `/v1/employees/${id}`, {
          token: hr,
          body: { departmentId: 'D1', gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' },
        });
        expect(r.status).toBe(200);
      }
      const report = async (employeeId: string, type: string, from: string, to: string) => {
        const r = await api.request('POST', '/v1/absences', { token: hr, body: { employeeId, type, from, to } });
        expect(r.status).toBe(201);
        return r.body.absenceId as string;
      };
      ids.attested = await report('E1', 'sick', '2025-11-03', '2025-11-05');
      const attest = await api.request('POST', `/v1/absences/${ids.attested}/attestation`, { token: m1, body: { expectedVersion: 0 } });
      expect(attest.status).toBe(200);
      ids.single = await report('E2', 'vacation', '2025-11-10', '2025-11-14');
      ids.later = await report('E2', 'comp_leave', '2025-11-20', '2025-11-20');
      const verify = await api.request('GET', '/v1/audit/verify', { token: tokens.auditor });
      expect(verify.body).toMatchObject({ ok: true, failures: [], unsealedEvents: 0 });
      const d = await api.request('GET', '/v1/audit/digest', { token: tokens.auditor });
      expect(d.status).toBe(200);
      digest = d.body;
    } finally {
      await api.close();
    }
  }, 60_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  /** A copy of the sealed data directory, edited by `tamper` while no app runs, then served again. */
  async function afterTampering(tamper: (events: Database.Database, dir: string) => void): Promise<TestApi & { done(): Promise<void> }> {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-seal-case-'));
    cpSync(base, dir, { recursive: true });
    const db = new Database(join(dir, 'events.db'));
    try {
      tamper(db, dir);
    } finally {
      db.close();
    }
    const api = await startTestApi({}, { dataDir: dir });
    return Object.assign(api, {
      async done() {
        await api.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  }

  const rowsOf = (db: Database.Database, absenceId: string) =>
    db.prepare('SELECT position, revision, data, metadata, event_id, type FROM events WHERE stream_id = ? ORDER BY revision').all(`absence-${absenceId}`) as Array<{
      position: number;
      revision: number;
      data: string;
      metadata: string;
      event_id: string;
      type: string;
    }>;

  async function expectCaught(api: TestApi, absenceId: string, where: { streamId?: string; version?: number; position?: string; reason: RegExp }) {
    const verify = await api.request('GET', '/v1/audit/verify', { token: tokens.auditor });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(false);
    expect(verify.body.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ...(where.streamId ? { streamId: where.streamId } : {}),
          ...(where.version !== undefined ? { version: where.version } : {}),
          ...(where.position ? { position: where.position } : {}),
          reason: expect.stringMatching(where.reason),
        }),
      ]),
    );
    const read = await api.request('GET', `/v1/absences/${absenceId}`, { token: tokens.hr });
    expect(read.status).toBe(500);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    expect(read.body.type).toMatch(/integrity-failure$/);
    expect(JSON.stringify(read.body)).not.toContain('2025-11');
    const metrics = await api.request('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/ledger_integrity_failures_total\{source="read"\} [1-9]/);
  }

  it('an untouched copy verifies and reads normally', async () => {
    const api = await afterTampering(() => undefined);
    try {
      expect((await api.request('GET', '/v1/audit/verify', { token: tokens.auditor })).body).toMatchObject({ ok: true, failures: [] });
      expect((await api.request('GET', `/v1/absences/${ids.attested}`, { token: tokens.hr })).status).toBe(200);
      const proof = await api.request('POST', '/v1/audit/verify-digest', { token: tokens.auditor, body: digest });
      expect(proof.body).toMatchObject({ ok: true, failures: [] });
    } finally {
      await api.done();
    }
  });

  it('a changed byte in an event’s data', async () => {
    let position = '';
    const api = await afterTampering((db) => {
      const [first] = rowsOf(db, ids.attested);
      position = String(first.position);
      db.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?').run('2025-11-05', '2025-11-06', first.position);
    });
    try {
      await expectCaught(api, ids.attested, { streamId: `absence-${ids.attested}`, version: 0, position, reason: /hash does not match/ });
    } finally {
      await api.done();
    }
  });

  it('a changed byte in metadata outside the stream chain (the idempotency fingerprint)', async () => {
    let position = '';
    const api = await afterTampering((db) => {
      const [, second] = rowsOf(db, ids.attested);
      position = String(second.position);
      db.prepare("UPDATE events SET metadata = json_set(metadata, '$.requestHash', 'x') WHERE position = ?").run(second.position);
    });
    try {
      await expectCaught(api, ids.attested, { streamId: `absence-${ids.attested}`, version: 1, position, reason: /differs from what was sealed/ });
    } finally {
      await api.done();
    }
  });

  it('a rewrite with every hash of the stream recomputed', async () => {
    const api = await afterTampering((db) => {
      let prevHash = '';
      for (const row of rowsOf(db, ids.attested)) {
        const data = JSON.parse(row.data);
        if (row.revision === 0) data.to = '2025-11-04';
        const metadata = JSON.parse(row.metadata);
        metadata.prevHash = prevHash;
        metadata.hash = chainHash(prevHash, {
          streamId: `absence-${ids.attested}`,
          revision: BigInt(row.revision),
          id: row.event_id,
          type: row.type,
          data,
          recordedAt: metadata.recordedAt,
          actor: metadata.actor,
        });
        prevHash = metadata.hash;
        db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify(metadata), row.position);
      }
    });
    try {
      await expectCaught(api, ids.attested, { streamId: `absence-${ids.attested}`, version: 0, reason: /differs from what was sealed/ });
    } finally {
      await api.done();
    }
  });

  it('a stream’s last event deleted (the attestation)', async () => {
    let position = '';
    const api = await afterTampering((db) => {
      const last = rowsOf(db, ids.attested).at(-1)!;
      position = String(last.position);
      db.prepare('DELETE FROM events WHERE position = ?').run(last.position);
    });
    try {
      await expectCaught(api, ids.attested, { streamId: `absence-${ids.attested}`, version: 1, position, reason: /missing/ });
    } finally {
      await api.done();
    }
  });

  it('a whole stream deleted', async () => {
    let position = '';
    const api = await afterTampering((db) => {
      position = String(rowsOf(db, ids.single)[0].position);
      db.prepare('DELETE FROM events WHERE stream_id = ?').run(`absence-${ids.single}`);
    });
    try {
      await expectCaught(api, ids.single, { streamId: `absence-${ids.single}`, version: 0, position, reason: /missing/ });
    } finally {
      await api.done();
    }
  });

  it('a gap: an event deleted from the middle of the log', async () => {
    let position = '';
    const api = await afterTampering((db) => {
      const first = rowsOf(db, ids.attested)[0];
      position = String(first.position);
      db.prepare('DELETE FROM events WHERE position = ?').run(first.position);
    });
    try {
      await expectCaught(api, ids.attested, { streamId: `absence-${ids.attested}`, version: 0, position, reason: /missing/ });
    } finally {
      await api.done();
    }
  });

  it('a reordering: two events swap positions', async () => {
    let position = '';
    const api = await afterTampering((db) => {
      const a = rowsOf(db, ids.single)[0].position;
      const b = rowsOf(db, ids.later)[0].position;
      position = String(a);
      db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a, b);
      db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b);
    });
    try {
      const verify = await api.request('GET', '/v1/audit/verify', { token: tokens.auditor });
      expect(verify.body.ok).toBe(false);
      expect(verify.body.failures).toEqual(
        expect.arrayContaining([expect.objectContaining({ streamId: `absence-${ids.later}`, position, reason: expect.stringMatching(/not the one sealed there/) })]),
      );
      const read = await api.request('GET', `/v1/absences/${ids.later}`, { token: tokens.hr });
      expect(read.status).toBe(500);
      expect(read.body.type).toMatch(/integrity-failure$/);
    } finally {
      await api.done();
    }
  });

  it('the log’s last events deleted after a digest, from the events and the seal alike: verify-digest catches it', async () => {
    const api = await afterTampering((db, dir) => {
      db.prepare('DELETE FROM events WHERE position > ?').run(Number(digest.position) - 2);
      const seal = new Database(join(dir, 'audit-seal.db'));
      seal.prepare('DELETE FROM seal WHERE CAST(position AS INTEGER) > ?').run(Number(digest.position) - 2);
      seal.close();
    });
    try {
      const proof = await api.request('POST', '/v1/audit/verify-digest', { token: tokens.auditor, body: digest });
      expect(proof.status).toBe(200);
      expect(proof.body.ok).toBe(false);
      expect(proof.body.failures).toEqual(expect.arrayContaining([expect.objectContaining({ position: digest.position, reason: expect.stringMatching(/deleted/) })]));
      const forged = await api.request('POST', '/v1/audit/verify-digest', { token: tokens.auditor, body: { ...digest, position: String(Number(digest.position) - 2) } });
      expect(forged.body).toMatchObject({ ok: false, failures: [expect.objectContaining({ reason: expect.stringMatching(/signature/) })] });
    } finally {
      await api.done();
    }
  });

  it('keeps the key and the seal readable by the owner only, apart from the event store', () => {
    expect(statSync(join(base, 'audit-signing.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(base, 'audit-seal.db')).mode & 0o777).toBe(0o600);
    expect(statSync(base).mode & 0o777).toBe(0o700);
  });

  it('answers 404 for an unknown streamId and 403 to a non-auditor', async () => {
    const api = await afterTampering(() => undefined);
    try {
      expect((await api.request('GET', '/v1/audit/verify?streamId=absence-00000000-0000-4000-8000-000000000000', { token: tokens.auditor })).status).toBe(404);
      expect((await api.request('GET', `/v1/audit/verify?streamId=absence-${ids.attested}`, { token: tokens.auditor })).body).toMatchObject({ ok: true, eventsChecked: 2 });
      expect((await api.request('GET', '/v1/audit/digest', { token: tokens.hr })).status).toBe(403);
    } finally {
      await api.done();
    }
  });
});
