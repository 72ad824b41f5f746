import { ManualClock } from '@ledger/ledger';
import { TestApi, startTestApi } from './harness';

interface Line {
  employeeId: string;
  absenceId: string;
  date: string;
  type: string;
  code: string;
  hours: number;
  extentPercent: number;
  sickDay: number | null;
  unpaidReason: string | null;
  adjustsPeriod: string | null;
  flags: string[];
}

/**
 * The sick pay rules end to end over HTTP (docs/payroll-rules.md): the notification time of SjLL 8 §
 * (employerNotifiedAt, preventedFromReporting, unpaidReason), the karensavdrag in hours, särskilt
 * högriskskydd (PUT /v1/employees/{id}/high-risk-protection) and the day-15 extent marker.
 * March 2026 is winter time (CET, UTC+1); Monday 9 March is the first sick day of most cases.
 */
describe('sick pay over HTTP', () => {
  let api: TestApi;
  const clock = new ManualClock(new Date('2026-03-11T08:00:00.000Z')); // Wed 11 March, 09:00 CET
  let hr: string, m1: string, payroll: string, e1: string;
  let position = 0n;

  const note = <T extends { position?: string }>(body: T): T => {
    if (body?.position !== undefined && BigInt(body.position) > position) position = BigInt(body.position);
    return body;
  };
  const at = (instant: string) => clock.set(new Date(instant));
  const get = (token: string, path: string) => api.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { token });
  /** A case as the event store has it (no projection to wait for). */
  const absence = async (id: string) => (await api.request('GET', `/v1/absences/${id}`, { token: hr })).body;

  async function report(token: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const r = await api.request('POST', '/v1/absences', { token, body: { type: 'sick', ...body } });
    expect(r.status).toBe(201);
    note(r.body);
    return { id: r.body.absenceId, version: r.body.version };
  }

  async function attest(id: string, extra: Record<string, unknown> = {}): Promise<void> {
    const current = await absence(id);
    const r = await api.request('POST', `/v1/absences/${id}/attestation`, { token: m1, body: { expectedVersion: current.version, ...extra } });
    expect(r.status).toBe(200);
    note(r.body);
  }

  async function lines(month: string, employeeId: string): Promise<Line[]> {
    const r = await get(payroll, `/v1/payroll/periods/${month}/lines?limit=10000`);
    expect(r.status).toBe(200);
    return (r.body.lines as Line[]).filter((l) => l.employeeId === employeeId).sort((a, b) => (a.date + a.code < b.date + b.code ? -1 : 1));
  }
  const brief = (ls: Line[]) => ls.map((l) => [l.date, l.code, l.hours, l.sickDay, l.unpaidReason]);

  beforeAll(async () => {
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '5' }, { clock });
    hr = await api.token('HR1', 'hr');
    m1 = await api.token('M1', 'employee', 'manager');
    payroll = await api.token('PAY', 'payroll');
    e1 = await api.token('E1', 'employee');
    note((await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Care', managerIds: ['M1'] } })).body);
    for (const [id, employmentPercent] of [['E1', 100], ['E2', 100], ['E3', 100], ['E4', 75], ['E5', 100], ['E6', 100]] as const) {
      const r = await api.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: 'D1', gender: 'female', birthYear: 1980, employmentPercent, weeklyHours: 40, effectiveFrom: '2025-01-01' },
      });
      expect(r.status).toBe(200);
      note(r.body);
    }
  });
  afterAll(async () => api.close());

  it('SjLL 8 §: a Wednesday report for sickness since Monday pays from Wednesday, which carries the karensavdrag', async () => {
    at('2026-03-11T08:00:00.000Z');
    const c = await report(e1, { employeeId: 'E1', from: '2026-03-09', to: '2026-03-13' });
    expect(await absence(c.id)).toMatchObject({ employerNotifiedAt: '2026-03-11T08:00:00.000Z', reportedAt: '2026-03-11T08:00:00.000Z', preventedFromReporting: false });
    await attest(c.id);
    expect(brief(await lines('2026-03', 'E1'))).toEqual([
      ['2026-03-09', 'SJK', 8, null, 'not_reported'],
      ['2026-03-10', 'SJK', 8, null, 'not_reported'],
      ['2026-03-11', 'SJK_KAR', 8, 1, null],
      ['2026-03-12', 'SJK_LÖN', 8, 2, null],
      ['2026-03-13', 'SJK_LÖN', 8, 3, null],
    ]);
  });

  it('pays from Monday when the manager registers the phone call of Monday morning, or attests preventedFromReporting', async () => {
    at('2026-03-11T08:00:00.000Z');
    const phoned = await report(m1, { employeeId: 'E2', from: '2026-03-09', to: '2026-03-10', channel: 'phone', employerNotifiedAt: '2026-03-09T07:30:00+01:00' });
    expect((await absence(phoned.id)).employerNotifiedAt).toBe('2026-03-09T06:30:00.000Z');
    await attest(phoned.id);
    expect(brief(await lines('2026-03', 'E2'))).toEqual([
      ['2026-03-09', 'SJK_KAR', 8, 1, null],
      ['2026-03-10', 'SJK_LÖN', 8, 2, null],
    ]);

    const late = await report(hr, { employeeId: 'E3', from: '2026-03-09', to: '2026-03-10' });
    await attest(late.id, { preventedFromReporting: true });
    expect((await absence(late.id)).preventedFromReporting).toBe(true);
    expect(brief(await lines('2026-03', 'E3'))).toEqual([
      ['2026-03-09', 'SJK_KAR', 8, 1, null],
      ['2026-03-10', 'SJK_LÖN', 8, 2, null],
    ]);
  });

  it('refuses employerNotifiedAt from an employee (403), in the future or a year before the first day (422), malformed (400), and writes nothing', async () => {
    at('2026-03-11T08:00:00.000Z');
    const post = (token: string, body: Record<string, unknown>) =>
      api.request('POST', '/v1/absences', { token, body: { type: 'sick', employeeId: 'E5', from: '2026-03-11', ...body } });
    expect((await post(await api.token('E5', 'employee'), { employerNotifiedAt: '2026-03-11T06:00:00Z' })).status).toBe(403);
    const future = await post(m1, { employerNotifiedAt: '2026-03-11T08:00:01Z' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'employerNotifiedAt', message: expect.stringContaining('future') }]);
    const ancient = await post(m1, { employerNotifiedAt: '2025-03-01T08:00:00Z' });
    expect(ancient.status).toBe(422);
    expect(ancient.body.errors.map((e: { field: string }) => e.field)).toEqual(['employerNotifiedAt']);
    for (const bad of ['2026-03-11', '2026-03-11T06:00:00', 'yesterday', 42]) {
      const r = await post(m1, { employerNotifiedAt: bad });
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('employerNotifiedAt');
    }
    const attestation = await api.request('POST', '/v1/absences/00000000-0000-4000-8000-000000000000/attestation', {
      token: m1,
      body: { expectedVersion: 0, preventedFromReporting: 'yes' },
    });
    expect(attestation.status).toBe(400);
    const cases = await get(hr, '/v1/employees/E5/absences?from=2026-01-01&to=2026-12-31');
    expect(cases.status).toBe(200);
    expect(JSON.stringify(cases.body)).not.toContain('2026-03-11');
  });

  it('a corrected notification time after the lock needs a new attestation and is paid as adjustments', async () => {
    at('2026-03-02T06:00:00.000Z'); // Mon 2 March 07:00 CET
    const c = await report(hr, { employeeId: 'E6', from: '2026-03-02', to: '2026-03-04' });
    await attest(c.id);
    at('2026-04-02T08:00:00.000Z');
    note((await api.request('POST', '/v1/payroll/periods/2026-03/lock', { token: payroll })).body);
    // HR learns that she phoned only on Tuesday: the case is reported again until a manager attests.
    const corrected = await api.request('POST', `/v1/absences/${c.id}/corrections`, {
      token: hr,
      body: { employerNotifiedAt: '2026-03-03T06:00:00Z', reason: 'she phoned on Tuesday' },
    });
    expect(corrected.status).toBe(200);
    note(corrected.body);
    expect(await absence(c.id)).toMatchObject({ status: 'reported', employerNotifiedAt: '2026-03-03T06:00:00.000Z' });
    expect(await lines('2026-04', 'E6')).toEqual([]);
    await attest(c.id);
    expect((await lines('2026-04', 'E6')).map((l) => [l.date, l.code, l.hours, l.unpaidReason, l.adjustsPeriod])).toEqual([
      ['2026-03-02', 'SJK', 8, 'not_reported', '2026-03'],
      ['2026-03-02', 'SJK_KAR', -8, null, '2026-03'],
      ['2026-03-03', 'SJK_KAR', 8, null, '2026-03'],
      ['2026-03-03', 'SJK_LÖN', -8, null, '2026-03'],
    ]);
  });

  it('draws the karensavdrag in hours: 50 % sick at a 75 % employment is SJK_KAR 3 h on two days', async () => {
    at('2026-04-06T06:00:00.000Z');
    // Tue 7 April 2026 (after Easter Monday): 30 h a week, 6 h a day, 3 h absent; karensavdrag 6 h.
    const c = await report(hr, { employeeId: 'E4', from: '2026-04-07', to: '2026-04-09', extentPercent: 50, employerNotifiedAt: '2026-04-06T06:00:00Z' });
    await attest(c.id);
    expect(brief(await lines('2026-04', 'E4'))).toEqual([
      ['2026-04-07', 'SJK_KAR', 3, 1, null],
      ['2026-04-08', 'SJK_KAR', 3, 2, null],
      ['2026-04-09', 'SJK_LÖN', 3, 3, null],
    ]);
  });

  it('records särskilt högriskskydd (hr only) and marks the lines of periods in it; flags a 60 % extent from day 15', async () => {
    at('2026-05-04T06:00:00.000Z'); // Mon 4 May
    const put = (token: string, employeeId: string, body: unknown) => api.request('PUT', `/v1/employees/${employeeId}/high-risk-protection`, { token, body });
    expect((await put(m1, 'E5', { from: '2026-05-01', to: '2026-12-31' })).status).toBe(403);
    expect((await put(hr, 'NOBODY', { from: '2026-05-01', to: '2026-12-31' })).status).toBe(404);
    const backwards = await put(hr, 'E5', { from: '2026-12-31', to: '2026-05-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    const unknownField = await put(hr, 'E5', { from: '2026-05-01', to: '2026-12-31', kind: 'often' });
    expect(unknownField.status).toBe(400);
    const ok = await put(hr, 'E5', { from: '2026-05-01', to: '2026-12-31' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ employeeId: 'E5', from: '2026-05-01', to: '2026-12-31', version: 0 });
    note(ok.body);
    expect((await put(hr, 'E5', { from: '2026-05-01', to: '2026-12-31' })).body.version).toBe(0); // nothing new

    // Sick 60 % Mon 4 – Tue 19 May: no karensavdrag, days 1–14 flagged to claim back; Mon 18 May is day 15 at 60 %.
    // May 2026: Fri 1 May and Thu 14 May (Kristi himmelfärdsdag) are not scheduled. 8 h × 60 % = 4.8 h.
    const c = await report(hr, { employeeId: 'E5', from: '2026-05-04', to: '2026-05-19', extentPercent: 60, employerNotifiedAt: '2026-05-04T05:00:00Z' });
    // Before attestation the manager's pending list flags the extent Försäkringskassan does not pay from day 15.
    const pending = await get(m1, '/v1/departments/D1/pending-attestations?limit=100');
    expect(pending.status).toBe(200);
    expect(pending.body.items.find((i: { absenceId: string }) => i.absenceId === c.id).flags).toContain('extent_not_payable_from_day_15');
    await attest(c.id);
    const may = await lines('2026-05', 'E5');
    expect(may.some((l) => l.code === 'SJK_KAR')).toBe(false);
    expect(may[0]).toMatchObject({ date: '2026-05-04', code: 'SJK_LÖN', hours: 4.8, sickDay: 1, flags: ['high_risk_protection'] });
    expect(may.filter((l) => l.date === '2026-05-18')).toEqual([
      expect.objectContaining({ code: 'SJK_ERS', sickDay: 15, extentPercent: 60, flags: ['extent_not_payable_from_day_15'] }),
    ]);
    // The PAXml export still validates with the new lines (checked against the XSD in payroll.e2e-spec); here it says why.
    const xml = await api.request('GET', '/v1/payroll/periods/2026-05/export?format=paxml', { token: payroll });
    expect(xml.status).toBe(200);
    expect(String(xml.body)).toContain('Särskilt högriskskydd');
  });
});
