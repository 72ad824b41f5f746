import Database from 'better-sqlite3';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestApi, startTestApi } from './harness';

/**
 * The ledger end to end over HTTP against a started app: master data, every absence command
 * and query, attestation, audit, operations, and the 400/401/403/404/409/422 paths.
 */
describe('ledger over HTTP', () => {
  let api: TestApi;
  let hr: string, e1: string, e2: string, m1: string, m2: string, auditor: string, integration: string;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '1' });
    hr = await api.token('HR1', 'hr');
    e1 = await api.token('E1', 'employee');
    e2 = await api.token('E2', 'employee');
    m1 = await api.token('M1', 'employee', 'manager');
    m2 = await api.token('M2', 'employee', 'manager');
    auditor = await api.token('A1', 'auditor');
    integration = await api.token('SYNC', 'integration');
    for (const [id, manager] of [['D1', 'M1'], ['D2', 'M2']]) {
      const r = await api.request('PUT', `/v1/departments/${id}`, { token: integration, body: { name: `Dept ${id}`, managerIds: [manager] } });
      expect(r.status).toBe(200);
    }
    for (const [id, dept] of [['E1', 'D1'], ['E2', 'D1'], ['M1', 'D1'], ['M2', 'D2'], ['E3', 'D2']]) {
      const r = await api.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: dept, gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' },
      });
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => api.close());

  const report = (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    api.request('POST', '/v1/absences', { token, body, headers });

  describe('authentication and errors', () => {
    it('answers 401 problem+json without a token or with a bad one', async () => {
      const none = await api.request('GET', `/v1/absences/${randomUUID()}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toContain('application/problem+json');
      expect(none.body).toMatchObject({ status: 401, title: 'Unauthorized' });
      const forged = await api.request('GET', `/v1/absences/${randomUUID()}`, { token: `${e1}x` });
      expect(forged.status).toBe(401);
    });

    it('rejects unknown fields and names every offending field', async () => {
      const r = await report(e1, { employeeId: 'E1', type: 'holiday', from: '2026-02-30', extentPercent: 0, surprise: true });
      expect(r.status).toBe(400);
      const fields = r.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['extentPercent', 'from', 'surprise', 'type']);
    });

    it('answers 400 for malformed JSON and over-long comments', async () => {
      const bad = await api.request('POST', '/v1/absences', { token: e1, rawBody: '{"employeeId":' });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      const long = await report(e1, { employeeId: 'E1', type: 'sick', from: today, comment: 'x'.repeat(501) });
      expect(long.status).toBe(400);
      expect(long.body.errors[0].field).toBe('comment');
    });
  });

  describe('master data', () => {
    it('keeps the employment history and answers 422 for an unknown department', async () => {
      const moved = await api.request('PUT', '/v1/employees/E9', {
        token: hr,
        body: { departmentId: 'D1', gender: 'male', birthYear: 1990, employmentPercent: 80, effectiveFrom: '2025-01-01', personalIdentityNumber: '199001011239' },
      });
      expect(moved.status).toBe(200);
      await api.request('PUT', '/v1/employees/E9', {
        token: hr,
        body: { departmentId: 'D2', gender: 'male', birthYear: 1990, employmentPercent: 100, effectiveFrom: '2025-06-01' },
      });
      const got = await api.request('GET', '/v1/employees/E9', { token: hr });
      expect(got.status).toBe(200);
      expect(got.body.current).toMatchObject({ departmentId: 'D2', employmentPercent: 100 });
      expect(got.body.history.map((h: { effectiveFrom: string }) => h.effectiveFrom)).toEqual(['2025-01-01', '2025-06-01']);
      const unknown = await api.request('PUT', '/v1/employees/E10', {
        token: hr,
        body: { departmentId: 'NOPE', gender: 'male', birthYear: 1990, employmentPercent: 100, effectiveFrom: '2025-01-01' },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors[0].field).toBe('departmentId');
    });

    it('validates the personal identity number and forbids employees', async () => {
      const bad = await api.request('PUT', '/v1/employees/E11', {
        token: hr,
        body: { departmentId: 'D1', gender: 'male', birthYear: 1990, employmentPercent: 100, effectiveFrom: '2025-01-01', personalIdentityNumber: '199001011234' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('personalIdentityNumber');
      const denied = await api.request('PUT', '/v1/departments/D3', { token: e1, body: { name: 'x', managerIds: [] } });
      expect(denied.status).toBe(403);
      const missing = await api.request('GET', '/v1/employees/NOBODY', { token: hr });
      expect(missing.status).toBe(404);
    });

    it('records nothing when the same PUT comes twice', async () => {
      const a = await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Dept D1', managerIds: ['M1'] } });
      expect(a.body.version).toBe(0);
    });
  });

  describe('the absence life cycle', () => {
    it('reports, attests, corrects and re-attests, with the status following', async () => {
      const created = await report(e1, { employeeId: 'E1', type: 'sick', from: day(-30), to: day(-28), channel: 'mobile' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ absenceId: expect.any(String), version: 0, position: expect.stringMatching(/^\d+$/) });
      const id = created.body.absenceId;

      const got = await api.request('GET', `/v1/absences/${id}`, { token: e1 });
      expect(got.body).toMatchObject({ absenceId: id, employeeId: 'E1', departmentId: 'D1', type: 'sick', to: day(-28), extentPercent: 100, status: 'reported', version: 0, attestedVersion: null });

      const pending = await api.request('GET', `/v1/departments/D1/pending-attestations?minPosition=${created.body.position}`, { token: m1 });
      expect(pending.status).toBe(200);
      expect(pending.body.items.map((a: { absenceId: string }) => a.absenceId)).toContain(id);

      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: e1, body: { expectedVersion: 0 } })).status).toBe(403);
      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: m2, body: { expectedVersion: 0 } })).status).toBe(403);
      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: {} })).status).toBe(400);
      const stale = await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: 3 } });
      expect(stale.status).toBe(409);

      const attested = await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: 0 } });
      expect(attested.status).toBe(200);
      expect(attested.body.version).toBe(1);
      const afterAttest = await api.request('GET', `/v1/absences/${id}`, { token: e1 });
      expect(afterAttest.body).toMatchObject({ status: 'attested', attestedVersion: 0, attestedBy: 'M1' });

      const corrected = await api.request('POST', `/v1/absences/${id}/corrections`, { token: e1, body: { to: day(-27), reason: 'one more day' } });
      expect(corrected.status).toBe(200);
      const reopened = await api.request('GET', `/v1/absences/${id}`, { token: e1 });
      expect(reopened.body).toMatchObject({ status: 'reported', to: day(-27), version: 2, attestedVersion: 0 });
      const reattested = await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: 2 } });
      expect(reattested.body.version).toBe(3);
      const twice = await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: 3 } });
      expect(twice.status).toBe(409);
    });

    it('never lets a manager attest their own absence', async () => {
      const own = await report(m1, { employeeId: 'M1', type: 'vacation', from: day(10), to: day(12) });
      expect(own.status).toBe(201);
      const self = await api.request('POST', `/v1/absences/${own.body.absenceId}/attestation`, { token: m1, body: { expectedVersion: 0 } });
      expect(self.status).toBe(403);
    });

    it('takes a return report for an open-ended sick leave, and refuses a second one', async () => {
      const open = await report(e2, { employeeId: 'E2', type: 'sick', from: day(-3) });
      expect(open.status).toBe(201);
      const back = await api.request('POST', `/v1/absences/${open.body.absenceId}/return`, { token: e2, body: { lastDay: day(-1) } });
      expect(back.status).toBe(200);
      expect(back.body.version).toBe(1);
      const again = await api.request('POST', `/v1/absences/${open.body.absenceId}/return`, { token: e2, body: { lastDay: day(-1) } });
      expect(again.status).toBe(409);
      const got = await api.request('GET', `/v1/absences/${open.body.absenceId}`, { token: m1 });
      expect(got.body.to).toBe(day(-1));
    });

    it('rejects, then accepts a correction and an attestation', async () => {
      const r = await report(e2, { employeeId: 'E2', type: 'care_of_child', from: day(-10), to: day(-10) });
      const id = r.body.absenceId;
      const rejected = await api.request('POST', `/v1/absences/${id}/rejection`, { token: m1, body: { reason: 'wrong day?' } });
      expect(rejected.status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${id}`, { token: e2 })).body.status).toBe('rejected');
      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: 1 } })).status).toBe(409);
      await api.request('POST', `/v1/absences/${id}/corrections`, { token: e2, body: { from: day(-11), to: day(-11), reason: 'yes, the day before' } });
      const ok = await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: 2 } });
      expect(ok.status).toBe(200);
    });

    it('withdraws, registers certificates, and refuses changes to a withdrawn case', async () => {
      const r = await report(e2, { employeeId: 'E2', type: 'sick', from: day(-60), to: day(-50) });
      const id = r.body.absenceId;
      const cert = await api.request('POST', `/v1/absences/${id}/medical-certificates`, { token: e2, body: { from: day(-53), to: day(-50) } });
      expect(cert.status).toBe(200);
      const gone = await api.request('POST', `/v1/absences/${id}/withdrawal`, { token: e2, body: { reason: 'reported on the wrong person' } });
      expect(gone.status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${id}`, { token: e2 })).body.status).toBe('withdrawn');
      const late = await api.request('POST', `/v1/absences/${id}/corrections`, { token: e2, body: { extentPercent: 50, reason: 'x' } });
      expect(late.status).toBe(409);
    });
  });

  describe('the rules of docs/http-api.md', () => {
    it('answers 404 for an unknown employee and an unknown case', async () => {
      expect((await report(hr, { employeeId: 'GHOST', type: 'sick', from: today })).status).toBe(404);
      expect((await api.request('GET', `/v1/absences/${randomUUID()}`, { token: hr })).status).toBe(404);
    });

    it("forbids reporting another employee's absence, and allows their manager and HR", async () => {
      expect((await report(e1, { employeeId: 'E2', type: 'sick', from: day(-200), to: day(-200) })).status).toBe(403);
      expect((await report(m2, { employeeId: 'E2', type: 'sick', from: day(-201), to: day(-201) })).status).toBe(403);
      expect((await report(m1, { employeeId: 'E2', type: 'sick', from: day(-202), to: day(-202) })).status).toBe(201);
      expect((await report(hr, { employeeId: 'E2', type: 'sick', from: day(-203), to: day(-203) })).status).toBe(201);
    });

    it('answers 422 for open-ended vacation and for sick leave two days ahead, 400 for to before from', async () => {
      const open = await report(e1, { employeeId: 'E1', type: 'vacation', from: day(40) });
      expect(open.status).toBe(422);
      expect(open.body.errors[0].field).toBe('to');
      const ahead = await report(e1, { employeeId: 'E1', type: 'sick', from: day(2) });
      expect(ahead.status).toBe(422);
      expect(ahead.body.errors[0].field).toBe('from');
      const backwards = await report(e1, { employeeId: 'E1', type: 'vacation', from: day(50), to: day(49) });
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors[0].field).toBe('to');
    });

    it('answers 409 naming the overlapping absences when a day would exceed 100 %', async () => {
      const first = await report(e1, { employeeId: 'E1', type: 'leave_of_absence', from: day(100), to: day(110), extentPercent: 60 });
      expect(first.status).toBe(201);
      const fits = await report(e1, { employeeId: 'E1', type: 'training', from: day(105), to: day(105), extentPercent: 40 });
      expect(fits.status).toBe(201);
      const over = await report(e1, { employeeId: 'E1', type: 'vacation', from: day(104), to: day(106), extentPercent: 10 });
      expect(over.status).toBe(409);
      expect(over.body.overlappingAbsenceIds.sort()).toEqual([first.body.absenceId, fits.body.absenceId].sort());
    });

    it('writes nothing when a command fails', async () => {
      const head = (await api.request('GET', '/health')).body.info.eventStore.head;
      await report(e1, { employeeId: 'E1', type: 'vacation', from: day(40) });
      await report(e1, { employeeId: 'GHOST', type: 'sick', from: today });
      await report(e1, { employeeId: 'E1', type: 'sick', from: today, bogus: 1 });
      await api.request('POST', `/v1/absences/${randomUUID()}/attestation`, { token: m1, body: { expectedVersion: 0 } });
      expect((await api.request('GET', '/health')).body.info.eventStore.head).toBe(head);
    });
  });

  describe('idempotency', () => {
    it('answers a replayed absenceId with the original result, and 409 for another body', async () => {
      const absenceId = randomUUID();
      const body = { absenceId, employeeId: 'E1', type: 'comp_leave', from: day(60), to: day(60) };
      const first = await report(e1, body);
      expect(first.status).toBe(201);
      const again = await report(e1, body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const other = await report(e1, { ...body, to: day(61) });
      expect(other.status).toBe(409);
    });

    it('honours Idempotency-Key on other commands', async () => {
      const r = await report(e1, { employeeId: 'E1', type: 'comp_leave', from: day(70), to: day(70) });
      const id = r.body.absenceId;
      const headers = { 'idempotency-key': 'fix-1' };
      const body = { extentPercent: 50, reason: 'half day' };
      const a = await api.request('POST', `/v1/absences/${id}/corrections`, { token: e1, body, headers });
      const b = await api.request('POST', `/v1/absences/${id}/corrections`, { token: e1, body, headers });
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
      const history = await api.request('GET', `/v1/absences/${id}/history`, { token: e1 });
      expect(history.body.events).toHaveLength(2);
      const reused = await api.request('POST', `/v1/absences/${id}/corrections`, { token: e1, body: { extentPercent: 25, reason: 'x' }, headers });
      expect(reused.status).toBe(409);
    });
  });

  describe('history, as-of and audit', () => {
    it('shows who did what and when, chained by hash, and replays a case as known at a past instant', async () => {
      const r = await report(e1, { employeeId: 'E1', type: 'sick', from: day(-90), to: day(-89) });
      const id = r.body.absenceId;
      await new Promise((res) => setTimeout(res, 20));
      const between = new Date().toISOString();
      await new Promise((res) => setTimeout(res, 20));
      await api.request('POST', `/v1/absences/${id}/corrections`, { token: m1, body: { to: day(-88), reason: 'longer' } });
      const history = await api.request('GET', `/v1/absences/${id}/history`, { token: auditor });
      expect(history.status).toBe(200);
      const [first, second] = history.body.events;
      expect(first).toMatchObject({ version: 0, type: 'AbsenceReported', actor: { sub: 'E1', roles: ['employee'] }, prevHash: '' });
      expect(second).toMatchObject({ version: 1, type: 'AbsenceCorrected', actor: { sub: 'M1' }, prevHash: first.hash });
      expect(second.data).toMatchObject({ to: day(-88), reason: 'longer' });

      const asOf = await api.request('GET', `/v1/absences/${id}?asOf=${encodeURIComponent(between)}`, { token: hr });
      expect(asOf.body).toMatchObject({ to: day(-89), version: 0 });
      const before = await api.request('GET', `/v1/absences/${id}?asOf=2000-01-01T00:00:00Z`, { token: hr });
      expect(before.status).toBe(404);

      const list = await api.request('GET', `/v1/employees/E1/absences?from=${day(-95)}&to=${day(-85)}&asOf=${encodeURIComponent(between)}`, { token: e1 });
      expect(list.body.absences.map((a: { absenceId: string; to: string }) => [a.absenceId, a.to])).toEqual([[id, day(-89)]]);
      const now = await api.request('GET', `/v1/employees/E1/absences?from=${day(-95)}&to=${day(-85)}`, { token: e1 });
      expect(now.body.absences.map((a: { to: string }) => a.to)).toEqual([day(-88)]);
    });

    it('verifies every chain, and reports a row altered in the SQLite file by its stream', async () => {
      const ok = await api.request('GET', '/v1/audit/verify', { token: auditor });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ ok: true, failures: [] });
      expect(ok.body.eventsChecked).toBeGreaterThan(10);
      expect((await api.request('GET', '/v1/audit/verify', { token: hr })).status).toBe(403);

      const victim = await report(e2, { employeeId: 'E2', type: 'sick', from: day(-120), to: day(-120) });
      const db = new Database(join(api.dataDir, 'events.db'));
      db.prepare("UPDATE events SET data = json_set(data, '$.extentPercent', 50) WHERE stream_id = ?").run(`absence-${victim.body.absenceId}`);
      db.close();
      const tampered = await api.request('GET', '/v1/audit/verify', { token: auditor });
      expect(tampered.body.ok).toBe(false);
      expect(tampered.body.failures).toEqual([
        { streamId: `absence-${victim.body.absenceId}`, version: 0, position: expect.any(String), reason: expect.stringContaining('hash') },
      ]);
      const one = await api.request('GET', `/v1/audit/verify?streamId=absence-${victim.body.absenceId}`, { token: auditor });
      expect(one.body).toMatchObject({ streamsChecked: 1, eventsChecked: 1, ok: false });
    });
  });

  describe('read models and operations', () => {
    it('waits for minPosition and answers 503 with Retry-After when the position is never reached', async () => {
      const r = await api.request('GET', '/v1/departments/D1/pending-attestations?minPosition=999999999', { token: m1 });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('1');
      const other = await api.request('GET', '/v1/departments/D1/pending-attestations', { token: m2 });
      expect(other.status).toBe(403);
    });

    it('serves health, metrics with command counts and projection lag, and the OpenAPI document', async () => {
      const health = await api.request('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      const metrics = await api.request('GET', '/metrics');
      expect(metrics.body).toContain('ledger_commands_total{command="report_absence",outcome="ok"}');
      expect(metrics.body).toContain('ledger_command_duration_seconds_bucket');
      expect(metrics.body).toContain('ledger_projection_lag_seconds{projection="absences"}');
      const docs = await api.request('GET', '/docs/openapi.json');
      expect(docs.status).toBe(200);
      expect(docs.body.openapi).toMatch(/^3\./);
      expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/absences', '/v1/absences/{id}/attestation', '/v1/audit/verify']));
    });
  });
});
