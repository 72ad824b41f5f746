import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { CLOCK, ManualClock, RETENTION_JOB, RetentionJob } from '@ledger/ledger';
import { TestApi, startTestApi } from './harness';

/**
 * Retention (gallring) driven by a simulated clock across its boundaries, with the default
 * settings: free text of 2024 is kept through 2026-12-31; a person whose employment ended on
 * 2024-06-01 keeps name and free text until 2025-05-31 (365 days).
 */
describe('retention job (gallring) on a simulated clock', () => {
  let api: TestApi;
  let hr: string, e1: string, auditor: string;
  let caseE1: string;
  let caseE2: string;
  const clock = new ManualClock(new Date('2024-03-01T09:00:00Z'));
  const at = (iso: string) => clock.set(new Date(`${iso}T09:00:00Z`));
  const run = () => api.app.get(RetentionJob).run();

  beforeAll(async () => {
    api = await startTestApi({}, { clock });
    expect(api.app.get(CLOCK)).toBeDefined();
    hr = await api.token('HR1', 'hr');
    e1 = await api.token('E1', 'employee');
    auditor = await api.token('A1', 'auditor');
    await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Skola', managerIds: ['M1'] } });
    for (const id of ['E1', 'E2', 'M1']) {
      const r = await api.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: 'D1', name: `Namn ${id}`, gender: 'male', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2020-01-01' },
      });
      expect(r.status).toBe(200);
    }
    caseE1 = (await api.request('POST', '/v1/absences', { token: e1, body: { employeeId: 'E1', type: 'sick', from: '2024-02-28', to: '2024-02-29', comment: 'förkyld' } })).body.absenceId;
    caseE2 = (await api.request('POST', '/v1/absences', { token: hr, body: { employeeId: 'E2', type: 'sick', from: '2024-02-28', to: '2024-02-28', comment: 'magsjuk' } })).body.absenceId;
    at('2024-05-20');
    const end = await api.request('PUT', '/v1/employees/E2', {
      token: hr,
      body: { departmentId: 'D1', gender: 'male', birthYear: 1980, employmentPercent: 0, effectiveFrom: '2024-06-01' },
    });
    expect(end.status).toBe(200);
  });
  afterAll(async () => api.close());

  const nameOf = async (id: string) => (await api.request('GET', `/v1/employees/${id}/personal-data`, { token: hr })).body.masterData.name;
  const commentOf = async (absenceId: string) => (await api.request('GET', `/v1/absences/${absenceId}/history`, { token: hr })).body.events[0].data.comment;

  it('keeps everything before the boundaries', async () => {
    at('2025-05-31');
    const report = await run();
    expect(report).toMatchObject({ today: '2025-05-31', erased: [] });
    expect(report.personsChecked).toBe(3);
    expect(await nameOf('E2')).toBe('Namn E2');
    expect(await commentOf(caseE2)).toBe('magsjuk');
  });

  it('365 days after the employment ended, erases that person’s name and free text, and records it', async () => {
    at('2025-06-01');
    // Keys of this and next year's free text are made ahead (on recording, and by each daily run).
    expect((await run()).erased).toEqual([{ employeeId: 'E2', rule: 'after_employment', categories: ['identity', 'text-2024', 'text-2025', 'text-2026'] }]);
    expect(await nameOf('E2')).toBeNull();
    expect(await commentOf(caseE2)).toBeNull();
    // Others are untouched.
    expect(await nameOf('E1')).toBe('Namn E1');
    expect(await commentOf(caseE1)).toBe('förkyld');
    const copy = (await api.request('GET', '/v1/employees/E2/personal-data', { token: hr })).body;
    expect(copy.erasure.retentionApplied).toEqual(['identity', 'text-2024', 'text-2025', 'text-2026']);
    expect(copy.erasure.history).toEqual([
      expect.objectContaining({
        type: 'PersonalDataRetentionApplied',
        actor: { sub: 'system:retention', roles: [] },
        data: { employeeId: 'E2', rule: 'after_employment', categories: ['identity', 'text-2024', 'text-2025', 'text-2026'] },
      }),
    ]);
  });

  it('keeps free text of 2024 through 2026-12-31 and erases it on 2027-01-01 through the job runner, the name kept', async () => {
    at('2026-12-31');
    expect((await run()).erased).toEqual([]);
    expect(await commentOf(caseE1)).toBe('förkyld');
    at('2027-01-01');
    const jobs = api.app.get<JobRunner>(JOB_RUNNER);
    expect(await jobs.enqueue(RETENTION_JOB, {}, { jobId: 'retention-test-2027-01-01' })).toBe(true);
    for (let i = 0; i < 100 && (await commentOf(caseE1)) !== null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await commentOf(caseE1)).toBeNull();
    expect(await nameOf('E1')).toBe('Namn E1');
    const copy = (await api.request('GET', '/v1/employees/E1/personal-data', { token: e1 })).body;
    expect(copy.erasure.retentionApplied).toEqual(['text-2024']);
  });

  it('is idempotent: a second run on the same day erases and records nothing, and the chains still verify', async () => {
    const before = (await api.request('GET', '/v1/audit/verify', { token: auditor })).body;
    expect((await run()).erased).toEqual([]);
    const after = (await api.request('GET', '/v1/audit/verify', { token: auditor })).body;
    expect(after).toMatchObject({ ok: true, eventsChecked: before.eventsChecked });
  });
});
