import { TestApi, startTestApi } from './harness';

/**
 * Attestation in a department tree over HTTP: names and lists, the tree, who attests (the manager
 * above, a substitute inside and outside their span), the pending list's pages.
 *
 *   SOC (Socialförvaltningen), manager SVEN
 *     └ CARE (Hemtjänst Söder), its only manager ANNA
 *         └ NIGHT (Nattpatrullen), no manager
 */
describe('attestation in a department tree over HTTP', () => {
  let api: TestApi;
  let hr: string, anna: string, sven: string, bo: string, eva: string, auditor: string;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const put = (path: string, body: unknown, token = hr) => api.request('PUT', path, { token, body });
  const employee = (id: string, departmentId: string, extra: Record<string, unknown> = {}) =>
    put(`/v1/employees/${id}`, { departmentId, gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01', ...extra });

  beforeAll(async () => {
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '2' });
    hr = await api.token('HR1', 'hr');
    anna = await api.token('ANNA', 'employee', 'manager');
    sven = await api.token('SVEN', 'employee', 'manager');
    bo = await api.token('BO', 'employee', 'manager');
    eva = await api.token('EVA', 'employee');
    auditor = await api.token('AUD', 'auditor');
    expect((await put('/v1/departments/SOC', { name: 'Socialförvaltningen', managerIds: ['SVEN'] })).status).toBe(200);
    expect((await put('/v1/departments/CARE', { name: 'Hemtjänst Söder', managerIds: ['ANNA'], parentId: 'SOC' })).status).toBe(200);
    expect((await put('/v1/departments/NIGHT', { name: 'Nattpatrullen', managerIds: [], parentId: 'CARE' })).status).toBe(200);
    expect((await employee('SVEN', 'SOC', { name: 'Sven Svensson' })).status).toBe(200);
    expect((await employee('ANNA', 'CARE', { name: 'Anna Andersson', email: 'anna@example.org' })).status).toBe(200);
    expect((await employee('BO', 'CARE', { name: 'Bo Berg' })).status).toBe(200);
    expect((await employee('EVA', 'CARE', { name: 'Eva Ek', personalIdentityNumber: '199001011239' })).status).toBe(200);
    expect((await employee('NILS', 'NIGHT', { name: 'Nils Natt' })).status).toBe(200);
  });
  afterAll(async () => api.close());

  describe('names and lists', () => {
    it('keeps name, email and personnummer when a PUT leaves them out; null clears', async () => {
      expect((await employee('EVA', 'CARE', { effectiveFrom: '2025-01-01' })).status).toBe(200);
      const kept = await api.request('GET', '/v1/employees/EVA', { token: hr });
      expect(kept.body).toMatchObject({ name: 'Eva Ek', personalIdentityNumber: '199001011239' });
      expect((await employee('EVA', 'CARE', { effectiveFrom: '2025-01-01', personalIdentityNumber: null })).status).toBe(200);
      const cleared = await api.request('GET', '/v1/employees/EVA', { token: hr });
      expect(cleared.body).toMatchObject({ name: 'Eva Ek', personalIdentityNumber: null });
      expect((await employee('EVA', 'CARE', { name: 'x'.repeat(201) })).body.errors[0].field).toBe('name');
    });

    it('lists departments with their parents, and one department with managers, substitutes and employees', async () => {
      const all = await api.request('GET', '/v1/departments', { token: auditor });
      expect(all.status).toBe(200);
      expect(all.body.departments).toEqual([
        { departmentId: 'CARE', name: 'Hemtjänst Söder', parentId: 'SOC', managerIds: ['ANNA'] },
        { departmentId: 'NIGHT', name: 'Nattpatrullen', parentId: 'CARE', managerIds: [] },
        { departmentId: 'SOC', name: 'Socialförvaltningen', parentId: null, managerIds: ['SVEN'] },
      ]);
      const paged = await api.request('GET', '/v1/departments?limit=2', { token: hr });
      expect(paged.body.next).toBe('NIGHT');
      expect((await api.request('GET', '/v1/departments?after=NIGHT', { token: hr })).body.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual(['SOC']);

      const care = await api.request('GET', '/v1/departments/CARE', { token: sven }); // the manager above
      expect(care.status).toBe(200);
      expect(care.body).toMatchObject({ departmentId: 'CARE', parentId: 'SOC', managerIds: ['ANNA'], substitutes: [] });
      expect(care.body.employees).toEqual([
        { employeeId: 'ANNA', name: 'Anna Andersson' },
        { employeeId: 'BO', name: 'Bo Berg' },
        { employeeId: 'EVA', name: 'Eva Ek' },
      ]);
      expect((await api.request('GET', '/v1/departments/SOC', { token: anna })).status).toBe(403); // not above
      expect((await api.request('GET', '/v1/departments/NOPE', { token: hr })).status).toBe(404);
    });

    it('lists employees with names, by department, paginated; a manager sees their own departments only', async () => {
      const care = await api.request('GET', '/v1/employees?departmentId=CARE&limit=2', { token: anna });
      expect(care.status).toBe(200);
      expect(care.body).toEqual({
        employees: [
          { employeeId: 'ANNA', name: 'Anna Andersson', departmentId: 'CARE' },
          { employeeId: 'BO', name: 'Bo Berg', departmentId: 'CARE' },
        ],
        next: 'BO',
      });
      const rest = await api.request('GET', '/v1/employees?departmentId=CARE&after=BO', { token: anna });
      expect(rest.body).toEqual({ employees: [{ employeeId: 'EVA', name: 'Eva Ek', departmentId: 'CARE' }], next: null });
      expect((await api.request('GET', '/v1/employees?departmentId=SOC', { token: anna })).status).toBe(403);
      expect((await api.request('GET', '/v1/employees?departmentId=NOPE', { token: hr })).status).toBe(404);
      expect((await api.request('GET', '/v1/employees?limit=0', { token: hr })).body.errors[0].field).toBe('limit');
      const mine = await api.request('GET', '/v1/employees', { token: anna });
      expect(mine.body.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual(['ANNA', 'BO', 'EVA']);
      const all = await api.request('GET', '/v1/employees', { token: hr });
      expect(all.body.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual(['ANNA', 'BO', 'EVA', 'NILS', 'SVEN']);
    });
  });

  describe('the tree', () => {
    it('answers 404 for an unknown parent and 422 for a cycle or a department as its own parent; nothing is written', async () => {
      const unknown = await put('/v1/departments/CARE', { name: 'Hemtjänst Söder', managerIds: ['ANNA'], parentId: 'NOPE' });
      expect(unknown.status).toBe(404);
      const self = await put('/v1/departments/CARE', { name: 'Hemtjänst Söder', managerIds: ['ANNA'], parentId: 'CARE' });
      expect(self.status).toBe(422);
      expect(self.body.errors[0].field).toBe('parentId');
      const cycle = await put('/v1/departments/SOC', { name: 'Socialförvaltningen', managerIds: ['SVEN'], parentId: 'NIGHT' });
      expect(cycle.status).toBe(422);
      expect(cycle.body.errors[0].field).toBe('parentId');
      const soc = await api.request('GET', '/v1/departments/SOC', { token: hr });
      expect(soc.body.parentId).toBeNull();
    });
  });

  describe('who attests', () => {
    it("routes the only manager's own absence to the manager above, with routedFrom, and records the capacity", async () => {
      const r = await api.request('POST', '/v1/absences', { token: anna, body: { employeeId: 'ANNA', type: 'sick', from: day(-20), to: day(-18) } });
      expect(r.status).toBe(201);
      const id = r.body.absenceId;
      const above = await api.request('GET', `/v1/departments/SOC/pending-attestations?minPosition=${r.body.position}`, { token: sven });
      expect(above.status).toBe(200);
      const item = above.body.items.find((i: { absenceId: string }) => i.absenceId === id);
      expect(item).toMatchObject({ employeeId: 'ANNA', employeeName: 'Anna Andersson', routedFrom: 'CARE', flags: [] });
      const own = await api.request('GET', '/v1/departments/CARE/pending-attestations', { token: anna });
      expect(own.body.items.map((i: { absenceId: string }) => i.absenceId)).not.toContain(id);

      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: anna, body: { expectedVersion: 0 } })).status).toBe(403);
      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: hr, body: { expectedVersion: 0 } })).status).toBe(403);
      const ok = await api.request('POST', `/v1/absences/${id}/attestation`, { token: sven, body: { expectedVersion: 0 } });
      expect(ok.status).toBe(200);
      const got = await api.request('GET', `/v1/absences/${id}`, { token: sven });
      expect(got.body).toMatchObject({ status: 'attested', attestedBy: 'SVEN', attestedAs: 'manager_above' });
      const history = await api.request('GET', `/v1/absences/${id}/history`, { token: hr });
      expect(history.body.events[1]).toMatchObject({ type: 'AbsenceAttested', actor: { sub: 'SVEN' }, data: { attestedVersion: 0, capacity: 'manager_above' } });
    });

    it("routes a department without managers to the one above (NIGHT → CARE)", async () => {
      const r = await api.request('POST', '/v1/absences', { token: hr, body: { employeeId: 'NILS', type: 'vacation', from: day(30), to: day(31) } });
      const page = await api.request('GET', `/v1/departments/CARE/pending-attestations?minPosition=${r.body.position}`, { token: anna });
      expect(page.body.items.find((i: { absenceId: string }) => i.absenceId === r.body.absenceId)).toMatchObject({ routedFrom: 'NIGHT', employeeName: 'Nils Natt' });
      const ok = await api.request('POST', `/v1/absences/${r.body.absenceId}/attestation`, { token: anna, body: { expectedVersion: 0 } });
      expect(ok.status).toBe(200);
    });

    it('a substitute attests within the span, never their own absence, and not outside the span', async () => {
      const bad = await put('/v1/departments/CARE/substitutes/BO', { from: day(5), to: day(1) }, anna);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('to');
      const long = await put('/v1/departments/CARE/substitutes/BO', { from: day(0), to: day(400) }, anna);
      expect(long.status).toBe(422);
      expect(long.body.errors[0].field).toBe('to');
      const nobody = await put('/v1/departments/CARE/substitutes/GHOST', { from: day(0), to: day(5) }, anna);
      expect(nobody.status).toBe(422);
      expect(nobody.body.errors[0].field).toBe('employeeId');
      expect((await put('/v1/departments/CARE/substitutes/BO', { from: day(0), to: day(5) }, eva)).status).toBe(403);
      expect((await api.request('GET', '/v1/departments/CARE', { token: hr })).body.substitutes).toEqual([]);

      // A span that starts tomorrow: not yet.
      expect((await put('/v1/departments/CARE/substitutes/BO', { from: day(1), to: day(5) }, sven)).status).toBe(200);
      const own = await api.request('POST', '/v1/absences', { token: anna, body: { employeeId: 'ANNA', type: 'vacation', from: day(40), to: day(41) } });
      const id = own.body.absenceId;
      expect((await api.request('POST', `/v1/absences/${id}/attestation`, { token: bo, body: { expectedVersion: 0 } })).status).toBe(403);
      expect((await api.request('GET', '/v1/departments/CARE/pending-attestations', { token: bo })).status).toBe(403);

      // Within the span.
      expect((await put('/v1/departments/CARE/substitutes/BO', { from: day(0), to: day(5) }, anna)).status).toBe(200);
      expect((await api.request('GET', '/v1/departments/CARE', { token: hr })).body.substitutes).toEqual([{ employeeId: 'BO', from: day(0), to: day(5) }]);
      const list = await api.request('GET', `/v1/departments/CARE/pending-attestations?minPosition=${own.body.position}`, { token: bo });
      expect(list.status).toBe(200);
      expect(list.body.items.find((i: { absenceId: string }) => i.absenceId === id)).toMatchObject({ routedFrom: null, flags: [] });
      const boOwn = await api.request('POST', '/v1/absences', { token: bo, body: { employeeId: 'BO', type: 'vacation', from: day(50), to: day(51) } });
      expect((await api.request('POST', `/v1/absences/${boOwn.body.absenceId}/attestation`, { token: bo, body: { expectedVersion: 0 } })).status).toBe(403);
      const ok = await api.request('POST', `/v1/absences/${id}/attestation`, { token: bo, body: { expectedVersion: 0 } });
      expect(ok.status).toBe(200);
      expect((await api.request('GET', `/v1/absences/${id}`, { token: bo })).body).toMatchObject({ attestedBy: 'BO', attestedAs: 'substitute' });

      // Ended at once.
      expect((await api.request('DELETE', '/v1/departments/CARE/substitutes/BO', { token: hr })).status).toBe(200);
      expect((await api.request('GET', '/v1/departments/CARE/pending-attestations', { token: bo })).status).toBe(403);
      expect((await api.request('DELETE', '/v1/departments/CARE/substitutes/BO', { token: hr })).status).toBe(404);
    });
  });

  describe('the pending list', () => {
    it('is ordered by first day and paginated with after/limit/next, with names and flags', async () => {
      const ids: string[] = [];
      let position = '0';
      for (const offset of [-3, -9, -6]) {
        const r = await api.request('POST', '/v1/absences', { token: eva, body: { employeeId: 'EVA', type: 'vacation', from: day(offset + 100), to: day(offset + 100) } });
        expect(r.status).toBe(201);
        ids.push(r.body.absenceId);
        position = r.body.position;
      }
      const all: Array<{ from: string; absenceId: string; employeeName: string | null }> = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const q: string = `/v1/departments/CARE/pending-attestations?limit=2&minPosition=${position}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
        const page = await api.request('GET', q, { token: anna });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        all.push(...page.body.items);
        after = page.body.next;
        pages++;
      } while (after !== null && pages < 20);
      const froms = all.map((i) => i.from);
      expect(froms).toEqual([...froms].sort());
      expect(all.filter((i) => ids.includes(i.absenceId)).map((i) => i.employeeName)).toEqual(['Eva Ek', 'Eva Ek', 'Eva Ek']);
      expect(new Set(all.map((i) => i.absenceId)).size).toBe(all.length);
      // HR reads it but cannot attest.
      const asHr = await api.request('GET', '/v1/departments/CARE/pending-attestations', { token: hr });
      expect(asHr.body.items.every((i: { flags: string[] }) => i.flags.includes('cannot_attest'))).toBe(true);
      expect((await api.request('GET', '/v1/departments/NOPE/pending-attestations', { token: hr })).status).toBe(404);
      expect((await api.request('GET', '/v1/departments/CARE/pending-attestations?after=garbage', { token: hr })).body.errors[0].field).toBe('after');
    });
  });
});

describe('notifications that say enough, within a minute of the event', () => {
  let api: TestApi;
  let hr: string, anna: string, eva: string;
  beforeAll(async () => {
    // The scheduled scan is a day away: only the event-triggered scan can raise anything here.
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '2', REMINDER_SCAN_INTERVAL_SECONDS: '86400', REMINDER_EVENT_SCAN_SECONDS: '1' });
    hr = await api.token('HR1', 'hr');
    anna = await api.token('ANNA', 'employee', 'manager');
    eva = await api.token('EVA', 'employee');
    await api.request('PUT', '/v1/departments/CARE', { token: hr, body: { name: 'Hemtjänst Söder', managerIds: ['ANNA'] } });
    for (const id of ['ANNA', 'EVA']) {
      await api.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: 'CARE', gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' },
      });
    }
  });
  afterAll(async () => api.close());

  it('tells the employee of a rejection with its reason, and the case shows rejectionReason', async () => {
    const r = await api.request('POST', '/v1/absences', { token: eva, body: { employeeId: 'EVA', type: 'vacation', from: '2026-12-28', to: '2026-12-30' } });
    expect(r.status).toBe(201);
    const rejected = await api.request('POST', `/v1/absences/${r.body.absenceId}/rejection`, { token: anna, body: { reason: 'the week is already short of staff' } });
    expect(rejected.status).toBe(200);
    expect((await api.request('GET', `/v1/absences/${r.body.absenceId}`, { token: eva })).body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'the week is already short of staff',
    });
    let found: { kind: string; details: Record<string, unknown> } | undefined;
    const started = Date.now();
    while (!found && Date.now() - started < 30_000) {
      const list = await api.request('GET', '/v1/notifications?recipient=EVA', { token: eva });
      found = list.body.notifications?.find((n: { kind: string }) => n.kind === 'absence_rejected');
      if (!found) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(found).toMatchObject({ kind: 'absence_rejected', absenceId: r.body.absenceId, details: { reason: 'the week is already short of staff', version: 1 } });
  });
});
