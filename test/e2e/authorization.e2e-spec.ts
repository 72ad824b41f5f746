import { randomUUID } from 'node:crypto';
import { TestApi, startTestApi } from './harness';

/**
 * Authorisation on every path: replays are judged like new commands, read scope follows each case's
 * own department, asOf never tells a stranger when a case began, ids are canonical, and every read
 * of someone else's health data lands in the access log.
 */
describe('authorisation on every path', () => {
  let api: TestApi;
  let hr: string, e1: string, e2: string, m1: string, m2: string, auditor: string, auditorHr: string;
  let inD1: string, inD2: string;

  beforeAll(async () => {
    api = await startTestApi();
    hr = await api.token('HR1', 'hr');
    e1 = await api.token('E1', 'employee');
    e2 = await api.token('E2', 'employee');
    m1 = await api.token('M1', 'employee', 'manager');
    m2 = await api.token('M2', 'employee', 'manager');
    auditor = await api.token('A1', 'auditor');
    auditorHr = await api.token('A2', 'auditor', 'hr');
    for (const [id, manager] of [['D1', 'M1'], ['D2', 'M2']]) {
      expect((await api.request('PUT', `/v1/departments/${id}`, { token: hr, body: { name: id, managerIds: [manager] } })).status).toBe(200);
    }
    const employ = (id: string, departmentId: string, effectiveFrom: string) =>
      api.request('PUT', `/v1/employees/${id}`, { token: hr, body: { departmentId, gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom } });
    for (const [id, d] of [['E1', 'D1'], ['E2', 'D1'], ['M1', 'D1'], ['M2', 'D2']]) expect((await employ(id, d, '2024-01-01')).status).toBe(200);
    inD1 = (await api.request('POST', '/v1/absences', { token: e1, body: { employeeId: 'E1', type: 'sick', from: '2025-02-03', to: '2025-02-05', comment: 'flu' } })).body.absenceId;
    // E1 moves from D1 to D2; the next case belongs to D2.
    expect((await employ('E1', 'D2', '2025-06-01')).status).toBe(200);
    inD2 = (await api.request('POST', '/v1/absences', { token: e1, body: { employeeId: 'E1', type: 'sick', from: '2025-09-01', to: '2025-09-02' } })).body.absenceId;
    expect(inD1).toBeDefined();
    expect(inD2).toBeDefined();
  });
  afterAll(async () => api.close());

  describe('replays are authorised like new commands', () => {
    it('answers 403 to a colleague replaying an absenceId, whatever the body (never 200 or 409)', async () => {
      const absenceId = randomUUID();
      const body = { absenceId, employeeId: 'E1', type: 'sick', from: '2025-11-16', to: '2025-11-18' };
      expect((await api.request('POST', '/v1/absences', { token: e1, body })).status).toBe(201);
      expect((await api.request('POST', '/v1/absences', { token: e1, body })).status).toBe(200);
      expect((await api.request('POST', '/v1/absences', { token: e2, body })).status).toBe(403);
      expect((await api.request('POST', '/v1/absences', { token: e2, body: { ...body, to: '2025-11-19' } })).status).toBe(403);
      expect((await api.request('POST', '/v1/absences', { token: e2, body: { ...body, employeeId: 'E2' } })).status).toBe(403);
    });

    it('answers 403 to a colleague replaying an Idempotency-Key, whatever the body', async () => {
      const key = `fix-${randomUUID()}`;
      const body = { reason: 'wrong day', to: '2025-02-04' };
      const first = await api.request('POST', `/v1/absences/${inD1}/corrections`, { token: e1, body, headers: { 'idempotency-key': key } });
      expect(first.status).toBe(200);
      expect((await api.request('POST', `/v1/absences/${inD1}/corrections`, { token: e1, body, headers: { 'idempotency-key': key } })).status).toBe(200);
      expect((await api.request('POST', `/v1/absences/${inD1}/corrections`, { token: e2, body, headers: { 'idempotency-key': key } })).status).toBe(403);
      expect((await api.request('POST', `/v1/absences/${inD1}/corrections`, { token: e2, body: { ...body, to: '2025-02-05' }, headers: { 'idempotency-key': key } })).status).toBe(403);
    });
  });

  describe('read scope follows each case’s own department', () => {
    it('lets the manager of the case’s department read it, not the manager of the employee’s other department', async () => {
      expect((await api.request('GET', `/v1/absences/${inD1}`, { token: m1 })).status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${inD2}`, { token: m1 })).status).toBe(403);
      expect((await api.request('GET', `/v1/absences/${inD2}/history`, { token: m1 })).status).toBe(403);
      expect((await api.request('GET', `/v1/absences/${inD2}`, { token: m2 })).status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${inD1}`, { token: m2 })).status).toBe(403);
      expect((await api.request('GET', `/v1/absences/${inD1}/history`, { token: m2 })).status).toBe(403);
    });

    it('lists to each manager only the cases of departments they manage', async () => {
      const byM1 = await api.request('GET', '/v1/employees/E1/absences?from=2025-01-01&to=2025-12-31', { token: m1 });
      expect(byM1.status).toBe(200);
      expect(byM1.body.absences.map((a: { absenceId: string }) => a.absenceId)).toEqual([inD1]);
      const byM2 = await api.request('GET', '/v1/employees/E1/absences?from=2025-01-01&to=2025-12-31', { token: m2 });
      expect(byM2.body.absences.map((a: { absenceId: string }) => a.absenceId)).toEqual([inD2, expect.any(String)].slice(0, byM2.body.absences.length));
      expect(byM2.body.absences.map((a: { absenceId: string }) => a.absenceId)).not.toContain(inD1);
    });

    it('answers 403 to a caller who may not read a case, whatever the asOf', async () => {
      for (const asOf of ['2000-01-01T00:00:00Z', new Date().toISOString()]) {
        const r = await api.request('GET', `/v1/absences/${inD1}?asOf=${encodeURIComponent(asOf)}`, { token: e2 });
        expect(r.status).toBe(403);
      }
      expect((await api.request('GET', `/v1/absences/${inD1}?asOf=2000-01-01T00:00:00Z`, { token: e1 })).status).toBe(404);
    });
  });

  it('treats an id in upper case as the same case', async () => {
    const upper = inD1.toUpperCase();
    const read = await api.request('GET', `/v1/absences/${upper}`, { token: e1 });
    expect(read.status).toBe(200);
    expect(read.body.absenceId).toBe(inD1);
    const absenceId = randomUUID();
    const body = { absenceId: absenceId.toUpperCase(), employeeId: 'E2', type: 'vacation', from: '2025-03-10', to: '2025-03-10' };
    const created = await api.request('POST', '/v1/absences', { token: e2, body });
    expect(created.status).toBe(201);
    expect(created.body.absenceId).toBe(absenceId);
    expect((await api.request('POST', '/v1/absences', { token: e2, body: { ...body, absenceId } })).status).toBe(200);
  });

  describe('the access log', () => {
    it('records every read of someone else’s health data, whatever the roles, and lets auditors and the person read it', async () => {
      expect((await api.request('GET', `/v1/absences/${inD2}`, { token: hr })).status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${inD2}/history`, { token: auditorHr })).status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${inD2}`, { token: e1 })).status).toBe(200);
      const list = await api.request('GET', '/v1/employees/E1/absences?from=2025-01-01&to=2025-12-31', { token: m2 });
      expect(list.status).toBe(200);
      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
      const log = await api.request('GET', `/v1/audit/access-log?employeeId=E1&from=${today}&to=${today}`, { token: auditor });
      expect(log.status).toBe(200);
      expect(log.headers.get('cache-control')).toContain('no-store');
      const seen = log.body.entries.map((e: { reader: { sub: string }; what: string }) => `${e.reader.sub}:${e.what}`);
      expect(seen).toEqual(expect.arrayContaining(['HR1:absence', 'A2:history', 'M2:employee_absences', 'M1:absence']));
      expect(seen.filter((s: string) => s.startsWith('E1:'))).toEqual([]);
      const own = await api.request('GET', `/v1/audit/access-log?employeeId=E1`, { token: e1 });
      expect(own.status).toBe(200);
      expect(own.body.entries.length).toBe(log.body.entries.length);
      expect((await api.request('GET', '/v1/audit/access-log?employeeId=E1', { token: e2 })).status).toBe(403);
      expect((await api.request('GET', '/v1/audit/access-log?employeeId=NOBODY', { token: auditor })).status).toBe(404);
    });
  });
});
