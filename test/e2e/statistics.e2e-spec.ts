import { ManualClock } from '@ledger/ledger';
import { TestApi, startTestApi } from './harness';

/**
 * Statistics end to end over HTTP (docs/http-api.md "Statistics", POST /v1/observations, GET
 * /v1/discrepancies): sick-leave rates worked by hand over months with holidays, a transfer in the
 * middle of a month, the statutory annual report with suppression and the long-term share,
 * reporting latency with every recordedAt set by a manual clock, and discrepancies that appear and
 * disappear as the ledger agrees.
 *
 * Departments keep the scenarios apart: S1/S2 (sick leave 2026), A10/A11 (the annual report 2025:
 * nobody else is employed in 2025), LAT (latency, March 2026), DX (discrepancies, June 2026).
 */
describe('statistics over HTTP', () => {
  let api: TestApi;
  const clock = new ManualClock(new Date('2026-06-15T08:00:00.000Z'));
  let hr: string, auditor: string, integration: string, employee: string;
  let ms1: string, ms2: string, ma: string, ml: string, mx: string;
  /** The highest position written so far: queries wait for it (minPosition). */
  let position = 0n;

  const note = <T extends { position?: string }>(body: T): T => {
    if (body?.position !== undefined && BigInt(body.position) > position) position = BigInt(body.position);
    return body;
  };
  const at = (instant: string) => clock.set(new Date(instant));

  async function employ(id: string, departmentId: string, effectiveFrom: string, employmentPercent = 100): Promise<void> {
    const r = await api.request('PUT', `/v1/employees/${id}`, {
      token: hr,
      body: { departmentId, gender: 'female', birthYear: 1980, employmentPercent, weeklyHours: 40, effectiveFrom },
    });
    expect(r.status).toBe(200);
    note(r.body);
  }

  /** Reports as HR; returns the case id and version. */
  async function report(employeeId: string, type: string, from: string, to?: string, extentPercent = 100): Promise<{ id: string; version: number }> {
    const r = await api.request('POST', '/v1/absences', { token: hr, body: { employeeId, type, from, ...(to ? { to } : {}), extentPercent } });
    expect(r.status).toBe(201);
    note(r.body);
    return { id: r.body.absenceId, version: r.body.version };
  }

  async function command(token: string, path: string, body: unknown): Promise<{ version: number }> {
    const r = await api.request('POST', path, { token, body });
    expect(r.status).toBe(200);
    return note(r.body);
  }

  const get = (token: string, path: string) => api.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { token });

  beforeAll(async () => {
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '5' }, { clock });
    hr = await api.token('HR1', 'hr');
    auditor = await api.token('AUD', 'auditor');
    integration = await api.token('TIMECLOCK', 'integration');
    employee = await api.token('SA', 'employee');
    ms1 = await api.token('MS1', 'employee', 'manager');
    ms2 = await api.token('MS2', 'employee', 'manager');
    ma = await api.token('MA', 'employee', 'manager');
    ml = await api.token('ML', 'employee', 'manager');
    mx = await api.token('MX', 'employee', 'manager');
    for (const [id, manager] of [['S1', 'MS1'], ['S2', 'MS2'], ['A10', 'MA'], ['A11', 'MA'], ['LAT', 'ML'], ['DX', 'MX']]) {
      note((await api.request('PUT', `/v1/departments/${id}`, { token: hr, body: { name: `Dept ${id}`, managerIds: [manager] } })).body);
    }
    // Sick leave, May 2026: 40 h a week at 100 % = 8 h a day, 75 % = 6 h, 50 % = 4 h.
    await employ('SA', 'S1', '2026-05-01', 100);
    await employ('SB', 'S1', '2026-05-01', 75);
    await employ('SC', 'S1', '2026-05-01', 50);
    await employ('ST', 'S1', '2026-05-01', 100);
    await employ('ST', 'S2', '2026-05-18', 100); // transferred on Monday 18 May
    // The annual report, 2025: 11 and 10 women born 1980, full time.
    for (let i = 1; i <= 11; i++) await employ(`W${i}`, 'A11', '2025-01-01');
    for (let i = 1; i <= 10; i++) await employ(`V${i}`, 'A10', '2025-01-01');
    for (const id of ['L1', 'L2', 'L3', 'L4', 'L5']) await employ(id, 'LAT', '2026-01-01');
    for (const id of ['X1', 'X2']) await employ(id, 'DX', '2026-01-01');
  });
  afterAll(async () => api.close());

  /**
   * May 2026 has 19 ordinary working days: 21 weekdays less Friday 1 May (första maj) and
   * Thursday 14 May (Kristi himmelfärdsdag).
   */
  describe('sick leave per month', () => {
    beforeAll(async () => {
      at('2026-06-15T08:00:00.000Z');
      // SA: 19 × 8 = 152 h. Sick Mon 11 – Sun 17 May: 11, 12, 13, 15 = 4 × 8 = 32 h.
      await report('SA', 'sick', '2026-05-11', '2026-05-17');
      // SB: 19 × 6 = 114 h. Sick 50 % Mon 4 – Fri 8 May: 5 × 6 × 50 % = 15 h.
      await report('SB', 'sick', '2026-05-04', '2026-05-08', 50);
      // SC: 19 × 4 = 76 h, not sick in May.
      // ST: in S1 1–17 May: 4–8 and 11, 12, 13, 15 = 9 days = 72 h; in S2 18–31 May: 10 days = 80 h.
      //     Sick Tue 12 – Wed 20 May: in S1 12, 13, 15 = 24 h; in S2 18, 19, 20 = 24 h.
      await report('ST', 'sick', '2026-05-12', '2026-05-20');
    });

    it('gives a department’s rate over a month with holidays, counting a transferred employee for their own days', async () => {
      const s1 = await get(ms1, '/v1/stats/sick-leave?departmentId=S1&from=2026-05&to=2026-05');
      expect(s1.status).toBe(200);
      // S1: 152 + 114 + 76 + 72 = 414 h scheduled; 32 + 15 + 24 = 71 h sick; 71 / 414 = 17.1498 % → 17.15.
      expect(s1.body).toEqual({
        departmentId: 'S1',
        months: [{ month: '2026-05', employees: 4, scheduledHours: 414, sickHours: 71, ratePercent: 17.15 }],
        total: { scheduledHours: 414, sickHours: 71, ratePercent: 17.15 },
      });
      const s2 = await get(ms2, '/v1/stats/sick-leave?departmentId=S2&from=2026-05&to=2026-05');
      // S2: ST's 10 days, 80 h, sick 24 h = 30 %.
      expect(s2.body.months).toEqual([{ month: '2026-05', employees: 1, scheduledHours: 80, sickHours: 24, ratePercent: 30 }]);
    });

    it('runs an open-ended case to the end of the range but never past today (the clock)', async () => {
      // June 2026: 22 weekdays less Friday 19 June (midsommarafton; 6 June is a Saturday) = 21 days.
      // S1 in June: SA 168 + SB 126 + SC 84 = 378 h (ST is in S2).
      at('2026-06-10T08:00:00.000Z'); // Wednesday 10 June
      await report('SC', 'sick', '2026-06-01');
      // SC sick from Mon 1 June, open-ended: 1–5 and 8–10 June = 8 days × 4 h = 32 h. June is still
      // running: only its days up to today count, 8 days × (8 + 6 + 4) = 144 h; 32 / 144 = 22.22 %.
      const early = await get(hr, '/v1/stats/sick-leave?departmentId=S1&from=2026-06&to=2026-07');
      expect(early.body.months[0]).toEqual({ month: '2026-06', employees: 3, scheduledHours: 144, sickHours: 32, ratePercent: 22.22 });
      // July has not begun: no scheduled hours, no rate.
      expect(early.body.months[1]).toEqual({ month: '2026-07', employees: 0, scheduledHours: 0, sickHours: 0, ratePercent: null });
      at('2026-06-15T08:00:00.000Z'); // Monday 15 June
      // 1–5, 8–12 and 15 June = 11 days × 4 h = 44 h of 11 × 18 = 198 h; 44 / 198 = 22.22 %.
      const later = await get(hr, '/v1/stats/sick-leave?departmentId=S1&from=2026-06&to=2026-06');
      expect(later.body.months[0]).toMatchObject({ scheduledHours: 198, sickHours: 44, ratePercent: 22.22 });
    });

    it('lets managers see their own departments only, HR and auditors everything', async () => {
      expect((await get(ms2, '/v1/stats/sick-leave?departmentId=S1&from=2026-05&to=2026-05')).status).toBe(403);
      // A manager has no organisation-wide view.
      expect((await get(ms1, '/v1/stats/sick-leave?from=2026-05&to=2026-05')).status).toBe(403);
      expect((await get(employee, '/v1/stats/sick-leave?departmentId=S1&from=2026-05&to=2026-05')).status).toBe(403);
      expect((await get(auditor, '/v1/stats/sick-leave?departmentId=S1&from=2026-05&to=2026-05')).status).toBe(200);
      expect((await get(ms1, '/v1/stats/annual-report?year=2025&departmentId=A11')).status).toBe(403);
      expect((await get(ms1, '/v1/stats/reporting-latency?departmentId=LAT&from=2026-03&to=2026-03')).status).toBe(403);
      const unknown = await get(hr, '/v1/stats/sick-leave?departmentId=NOPE&from=2026-05&to=2026-05');
      expect(unknown.status).toBe(404);
    });

    it('answers 400 naming the field for bad months and ranges', async () => {
      const fieldsOf = async (query: string, path = '/v1/stats/sick-leave') => {
        const r = await get(hr, `${path}?${query}`);
        expect(r.status).toBe(400);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        return r.body.errors.map((e: { field: string }) => e.field).sort();
      };
      expect(await fieldsOf('from=2026-13&to=2026-05')).toEqual(['from']);
      expect(await fieldsOf('from=2026-5&to=2026-05-01')).toEqual(['from', 'to']);
      expect(await fieldsOf('to=2026-05')).toEqual(['from']);
      expect(await fieldsOf('from=2026-06&to=2026-05')).toEqual(['to']);
      // 2024-01 to 2027-01 is 37 months.
      expect(await fieldsOf('from=2024-01&to=2027-01')).toEqual(['to']);
      expect(await fieldsOf('from=1999-12&to=2000-02')).toEqual(['from']);
      expect(await fieldsOf('departmentId=%20x&from=2026-05&to=2026-05')).toEqual(['departmentId']);
      expect(await fieldsOf('from=2026-05&to=2026-05&surprise=1')).toEqual(['surprise']);
      expect(await fieldsOf('year=25', '/v1/stats/annual-report')).toEqual(['year']);
      expect(await fieldsOf('year=1999', '/v1/stats/annual-report')).toEqual(['year']);
      expect(await fieldsOf('from=2026-03&to=2026-03&type=holiday', '/v1/stats/reporting-latency')).toEqual(['type']);
      expect(await fieldsOf('from=2026-03-01&to=2026-02-28', '/v1/discrepancies')).toEqual(['to']);
      // 2025-01-01 to 2026-01-02 is 367 days.
      expect(await fieldsOf('from=2025-01-01&to=2026-01-02', '/v1/discrepancies')).toEqual(['to']);
      expect(await fieldsOf('from=2026-02-30&to=2026-03-01', '/v1/discrepancies')).toEqual(['from']);
      // 36 months and 366 days are fine.
      expect((await get(hr, '/v1/stats/sick-leave?from=2024-01&to=2026-12')).status).toBe(200);
      expect((await get(hr, '/v1/discrepancies?from=2024-01-01&to=2024-12-31')).status).toBe(200);
    });
  });

  /**
   * 2025 has 249 ordinary working days (261 weekdays less 12 days off on weekdays): 1 992 h full time.
   * W1 and V1: sick Mon 3 March – Fri 9 May 2025, 68 calendar days (long-term): 47 working days
   *   (10 weeks less 18 and 21 April and 1 May) = 376 h.
   * W2 and V2: sick Mon 1 – Fri 5 September 2025: 40 h.
   */
  describe('the annual report', () => {
    beforeAll(async () => {
      at('2026-02-02T08:00:00.000Z');
      for (const [long, short] of [['W1', 'W2'], ['V1', 'V2']]) {
        await report(long, 'sick', '2025-03-03', '2025-05-09');
        await report(short, 'sick', '2025-09-01', '2025-09-05');
      }
    });

    it('reports a department of 11 and suppresses one of 10', async () => {
      const a11 = await get(ma, '/v1/stats/annual-report?year=2025&departmentId=A11');
      expect(a11.status).toBe(200);
      // 11 × 1 992 = 21 912 h; sick 376 + 40 = 416 h; 416 / 21 912 = 1.8985 % → 1.90. Long-term 376 / 416 = 90.38 %.
      expect(a11.body).toEqual({
        year: 2025,
        departmentId: 'A11',
        employees: 11,
        total: { scheduledHours: 21912, sickHours: 416, ratePercent: 1.9, suppressed: false },
        longTermSharePercent: 90.38,
        women: { employees: 11, ratePercent: 1.9, suppressed: false },
        men: { employees: 0, ratePercent: null, suppressed: true },
        age29OrYounger: { employees: 0, ratePercent: null, suppressed: true },
        age30To49: { employees: 11, ratePercent: 1.9, suppressed: false },
        age50OrOlder: { employees: 0, ratePercent: null, suppressed: true },
      });
      const a10 = await get(ma, '/v1/stats/annual-report?year=2025&departmentId=A10');
      // A unit of 10: no total, no long-term share, no group (4 kap. 1 a §: they would identify people).
      expect(a10.body).toMatchObject({
        employees: 10,
        total: { scheduledHours: null, sickHours: null, ratePercent: null, suppressed: true },
        longTermSharePercent: null,
        women: { employees: 10, ratePercent: null, suppressed: true },
        age30To49: { employees: 10, ratePercent: null, suppressed: true },
      });
    });

    it('covers the whole organisation without departmentId', async () => {
      const org = await get(hr, '/v1/stats/annual-report?year=2025');
      // Only A10 and A11 employ anyone in 2025: 21 × 1 992 = 41 832 h; sick 832 h = 1.9889 % → 1.99;
      // long-term 752 / 832 = 90.38 %.
      expect(org.body).toMatchObject({
        year: 2025,
        departmentId: null,
        employees: 21,
        total: { scheduledHours: 41832, sickHours: 832, ratePercent: 1.99 },
        longTermSharePercent: 90.38,
        women: { employees: 21, ratePercent: 1.99, suppressed: false },
      });
      // September 2025: 22 working days; 21 × 22 × 8 = 3 696 h; sick W2 and V2 = 80 h; 80 / 3 696 = 2.1645 % → 2.16.
      const september = await get(auditor, '/v1/stats/sick-leave?from=2025-09&to=2025-09');
      expect(september.body).toEqual({
        departmentId: null,
        months: [{ month: '2025-09', employees: 21, scheduledHours: 3696, sickHours: 80, ratePercent: 2.16 }],
        total: { scheduledHours: 3696, sickHours: 80, ratePercent: 2.16 },
      });
    });
  });

  /** March 2026 is winter time (CET, UTC+1): 00:00 local of 2 March is 2026-03-01T23:00Z. */
  describe('reporting latency', () => {
    beforeAll(async () => {
      // c5: vacation from Mon 16 March reported 12:00 CET on 1 March: −(14 days 12 h) = −348 h; vacation is never late.
      at('2026-03-01T11:00:00.000Z');
      await report('L5', 'vacation', '2026-03-16', '2026-03-20');
      // c1: sick from Mon 2 March reported 07:00 CET: 7 h. Attested at 11:00 CET: 4 h after the report.
      at('2026-03-02T06:00:00.000Z');
      const c1 = await report('L1', 'sick', '2026-03-02');
      at('2026-03-02T10:00:00.000Z');
      await command(ml, `/v1/absences/${c1.id}/attestation`, { expectedVersion: c1.version });
      // c2: sick from Tue 3 March reported 23:59 CET that day: 23.98 h, on time (just before midnight).
      at('2026-03-03T22:59:00.000Z');
      const c2 = await report('L2', 'sick', '2026-03-03');
      // c2 returns: last day 3 March, recorded 07:00 CET on the 4th: 7 h after 24:00 of the 3rd; on time.
      at('2026-03-04T06:00:00.000Z');
      await command(hr, `/v1/absences/${c2.id}/return`, { lastDay: '2026-03-03' });
      // c3: sick on Wed 4 March reported 00:01 CET on the 5th: 24.02 h, late (just after midnight).
      at('2026-03-04T23:01:00.000Z');
      const c3 = await report('L3', 'sick', '2026-03-04', '2026-03-04');
      // c4: VAB on Thu 5 March reported 12:00 CET on the 6th: 36 h, late.
      at('2026-03-06T11:00:00.000Z');
      await report('L4', 'care_of_child', '2026-03-05', '2026-03-05');
      // c3 attested 48 h after its report.
      at('2026-03-06T23:01:00.000Z');
      await command(ml, `/v1/absences/${c3.id}/attestation`, { expectedVersion: c3.version });
      // c1 returns: last day Fri 6 March, recorded Mon 9 March 08:00 CET: 56 h after 24:00 of the 6th (23:00Z);
      // late, as it is after 24:00 of Saturday 7 March, the first day back. Re-attested: the first attestation counts.
      at('2026-03-09T07:00:00.000Z');
      const back = await command(hr, `/v1/absences/${c1.id}/return`, { lastDay: '2026-03-06' });
      at('2026-03-09T08:00:00.000Z');
      await command(ml, `/v1/absences/${c1.id}/attestation`, { expectedVersion: back.version });
      // A withdrawn case does not count.
      at('2026-03-10T07:00:00.000Z');
      const c6 = await report('L5', 'sick', '2026-03-10', '2026-03-10');
      await command(hr, `/v1/absences/${c6.id}/withdrawal`, { reason: 'entered by mistake' });
      at('2026-06-15T08:00:00.000Z');
    });

    it('gives counts, late shares, medians and 90th percentiles per month of the first day', async () => {
      const r = await get(ml, '/v1/stats/reporting-latency?departmentId=LAT&from=2026-03&to=2026-04');
      expect(r.status).toBe(200);
      // Without type, unplanned absence only (c5, a vacation, is left out).
      // Reports sorted: 7, 23.9833, 24.0167, 36. Median 24; p90 at rank 2.7:
      // 24.0167 + 0.7 × (36 − 24.0167) = 32.405 → 32.41. Late: c3 and c4, 2 of 4 = 50 %.
      // Returns: 56 and 7 h; median 31.5; late: c1, 1 of 2 = 50 %.
      // Attestations: 4 and 48 h; median 26; p90 = 4 + 0.9 × 44 = 43.6.
      const march = {
        reports: { count: 4, lateCount: 2, latePercent: 50, medianHours: 24, p90Hours: 32.41 },
        returns: { count: 2, lateCount: 1, latePercent: 50, medianHours: 31.5 },
        attestations: { count: 2, medianHours: 26, p90Hours: 43.6 },
      };
      expect(r.body.months).toEqual([
        { month: '2026-03', ...march },
        {
          month: '2026-04',
          reports: { count: 0, lateCount: 0, latePercent: null, medianHours: null, p90Hours: null },
          returns: { count: 0, lateCount: 0, latePercent: null, medianHours: null },
          attestations: { count: 0, medianHours: null, p90Hours: null },
        },
      ]);
      expect(r.body.total).toEqual(march);
      expect(r.body.latePolicy).toEqual({ reportGraceHours: { sick: 24, care_of_child: 24, work_injury: 24 }, returnGraceHours: 24 });
    });

    it('filters by type', async () => {
      const r = await get(hr, '/v1/stats/reporting-latency?departmentId=LAT&from=2026-03&to=2026-03&type=sick');
      // Sick only: 7, 23.9833, 24.0167 h. Median 23.98; p90 at rank 1.8: 23.9833 + 0.8 × 0.0333 = 24.01.
      // Late: c3 only, 1 of 3 = 33.33 %.
      expect(r.body.total.reports).toEqual({ count: 3, lateCount: 1, latePercent: 33.33, medianHours: 23.98, p90Hours: 24.01 });
    });
  });

  describe('observations and discrepancies', () => {
    const path = '/v1/discrepancies?departmentId=DX&from=2026-06-01&to=2026-06-30';
    let x1Case: { id: string; version: number };

    it('records an observation (201), honours the Idempotency-Key and checks who may observe', async () => {
      at('2026-06-15T08:00:00.000Z');
      const body = { employeeId: 'X1', date: '2026-06-02', kind: 'absent', source: 'timeclock' };
      const first = await api.request('POST', '/v1/observations', { token: integration, body, headers: { 'Idempotency-Key': 'tc-x1-0602' } });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ employeeId: 'X1', version: 0, position: expect.stringMatching(/^\d+$/) });
      note(first.body);
      const again = await api.request('POST', '/v1/observations', { token: integration, body, headers: { 'Idempotency-Key': 'tc-x1-0602' } });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const reused = await api.request('POST', '/v1/observations', {
        token: integration,
        body: { ...body, kind: 'present' },
        headers: { 'Idempotency-Key': 'tc-x1-0602' },
      });
      expect(reused.status).toBe(409);

      const observe = (token: string, extra: Record<string, unknown>) => api.request('POST', '/v1/observations', { token, body: { ...body, ...extra } });
      expect((await observe(ms1, { source: 'manager' })).status).toBe(403); // not X1's manager
      expect((await observe(employee, {})).status).toBe(403);
      expect((await observe(hr, { employeeId: 'NOBODY' })).status).toBe(404);
      expect((await observe(hr, { date: '2026-06-16' })).status).toBe(422); // tomorrow has not begun
      const bad = await observe(hr, { note: 'x'.repeat(501), kind: 'asleep', extra: true });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'kind', 'note']);
      // None of the refused observations was written: X1's stream still holds one event.
      const next = await observe(mx, { date: '2026-06-10', kind: 'present', source: 'manager' });
      expect(next.status).toBe(201);
      expect(next.body.version).toBe(1);
      note(next.body);
    });

    it('lists discrepancies and drops each as soon as the ledger agrees', async () => {
      at('2026-06-15T08:00:00.000Z');
      const x2Case = await report('X2', 'sick', '2026-06-01');
      at('2026-06-15T09:30:00.000Z');
      note((await api.request('POST', '/v1/observations', { token: mx, body: { employeeId: 'X2', date: '2026-06-03', kind: 'present', source: 'staffing' } })).body);

      const listed = await get(mx, path);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([
        {
          employeeId: 'X1',
          date: '2026-06-02',
          kind: 'unreported_absence',
          observation: { source: 'timeclock', recordedAt: '2026-06-15T08:00:00.000Z' },
          absenceId: null,
          departmentId: 'DX',
        },
        {
          employeeId: 'X2',
          date: '2026-06-03',
          kind: 'absent_but_working',
          observation: { source: 'staffing', recordedAt: '2026-06-15T09:30:00.000Z' },
          absenceId: x2Case.id,
          departmentId: 'DX',
        },
      ]);

      // X1's VAB for 2–3 June is reported; X2's return report ends the case on the 2nd.
      x1Case = await report('X1', 'care_of_child', '2026-06-02', '2026-06-03');
      await command(hr, `/v1/absences/${x2Case.id}/return`, { lastDay: '2026-06-02' });
      expect((await get(mx, path)).body).toEqual([]);

      // A correction that moves X1's case off the 2nd makes the observed absence unreported again.
      await command(hr, `/v1/absences/${x1Case.id}/corrections`, { from: '2026-06-03', reason: 'the 2nd was a normal day' });
      expect((await get(mx, path)).body.map((d: { employeeId: string; kind: string }) => [d.employeeId, d.kind])).toEqual([['X1', 'unreported_absence']]);

      // The latest observation of a day wins: the manager saw X1 at work on the 2nd after all.
      at('2026-06-15T11:00:00.000Z');
      note((await api.request('POST', '/v1/observations', { token: mx, body: { employeeId: 'X1', date: '2026-06-02', kind: 'present', source: 'manager' } })).body);
      expect((await get(mx, path)).body).toEqual([]);
    });

    it('shows managers their own departments only', async () => {
      at('2026-06-15T12:00:00.000Z');
      note((await api.request('POST', '/v1/observations', { token: integration, body: { employeeId: 'SA', date: '2026-06-05', kind: 'absent', source: 'timeclock' } })).body);
      expect((await get(ms1, path)).status).toBe(403);
      // Without departmentId a manager sees every department they manage, and nothing else.
      const own = await get(ms1, '/v1/discrepancies?from=2026-06-01&to=2026-06-30');
      expect(own.body.map((d: { employeeId: string }) => d.employeeId)).toEqual(['SA']);
      expect((await get(mx, '/v1/discrepancies?from=2026-06-01&to=2026-06-30')).body).toEqual([]);
      const everything = await get(auditor, '/v1/discrepancies?from=2026-06-01&to=2026-06-30');
      expect(everything.body.map((d: { employeeId: string; date: string }) => [d.employeeId, d.date])).toEqual([['SA', '2026-06-05']]);
    });
  });
});
