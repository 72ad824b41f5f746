import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { TestApi, startTestApi } from './harness';

const XSD_BYTES = new Uint8Array(readFileSync(resolve(__dirname, '../fixtures/paxml/paxml-2.0.xsd')));

interface Line {
  lineId: string;
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
  attestedBy: string;
  attestedAt: string;
  flags: string[];
}

/**
 * What payroll pays, end to end over HTTP: lines from attested facts (docs/http-api.md "Payroll"), the
 * Swedish sick-day coding worked by hand, locking and adjustment lines, pagination while
 * attestations keep arriving, and the JSON, CSV and PAXml exports.
 */
describe('payroll over HTTP', () => {
  let api: TestApi;
  let hr: string, m1: string, payroll: string, e1: string;
  /** The highest position written so far: reads wait for it (minPosition). */
  let position = 0n;

  const note = (body: { position?: string }) => {
    if (body?.position !== undefined && BigInt(body.position) > position) position = BigInt(body.position);
    return body;
  };

  beforeAll(async () => {
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '5' });
    hr = await api.token('HR1', 'hr');
    m1 = await api.token('M1', 'employee', 'manager');
    payroll = await api.token('PAY', 'payroll');
    e1 = await api.token('E1', 'employee');
    note((await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Care', managerIds: ['M1'] } })).body);
    const staff: Array<[string, number]> = [
      ['E1', 100], ['E2', 100], ['E3', 75], ['E4', 100], ['E5', 100], ['E6', 100], ['E7', 100],
      ['PA', 100], ['PB', 100], ['PC', 100], ['P0', 100],
    ];
    for (const [id, employmentPercent] of staff) {
      const r = await api.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: 'D1', gender: 'female', birthYear: 1980, employmentPercent, weeklyHours: 40, effectiveFrom: '2024-01-01' },
      });
      expect(r.status).toBe(200);
      note(r.body);
    }
  });
  afterAll(async () => api.close());

  /**
   * Reports (as HR) and returns the case id. Sickness is registered as phoned in at 07:00 CET on its
   * first day (employerNotifiedAt), so SjLL 8 § pays it from the first day.
   */
  async function report(employeeId: string, type: string, from: string, to: string | null, extentPercent = 100): Promise<string> {
    const notified = type === 'sick' || type === 'work_injury' ? { employerNotifiedAt: `${from}T06:00:00Z` } : {};
    const r = await api.request('POST', '/v1/absences', { token: hr, body: { employeeId, type, from, ...(to ? { to } : {}), extentPercent, ...notified } });
    expect(r.status).toBe(201);
    note(r.body);
    return r.body.absenceId;
  }

  async function attest(absenceId: string): Promise<void> {
    const current = await api.request('GET', `/v1/absences/${absenceId}`, { token: hr });
    const r = await api.request('POST', `/v1/absences/${absenceId}/attestation`, { token: m1, body: { expectedVersion: current.body.version } });
    expect(r.status).toBe(200);
    note(r.body);
  }

  async function reportAndAttest(employeeId: string, type: string, from: string, to: string | null, extentPercent = 100): Promise<string> {
    const id = await report(employeeId, type, from, to, extentPercent);
    await attest(id);
    return id;
  }

  async function page(month: string, query = '', token = payroll) {
    return api.request('GET', `/v1/payroll/periods/${month}/lines?minPosition=${position}${query}`, { token });
  }

  /** Every line of a month for one employee (all pages). */
  async function linesOf(month: string, employeeId: string): Promise<Line[]> {
    const all: Line[] = [];
    let after = '';
    while (true) {
      const r = await page(month, `&limit=10000${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      all.push(...r.body.lines);
      if (r.body.next === null) break;
      after = r.body.next;
    }
    return all.filter((l) => l.employeeId === employeeId);
  }

  const brief = (lines: Line[]) => lines.map((l) => [l.date, l.code, l.hours, l.sickDay]);

  describe('lines from attested facts', () => {
    it('chains sick cases across cases: Mon–Thu sick, back Friday, sick again Tuesday is day 5 with no second SJK_KAR', async () => {
      // 2 March 2026 is a Monday. Sick Mon 2 – Thu 5: days 1–4, the first scheduled day is the karensavdrag.
      // Back Fri 6. Sick again Tue 10 – Wed 11: 5 calendar days after the 5th (≤ 5), so the period continues:
      // Tue 10 is day 5 and Wed 11 day 6 (gap days not counted). Full time 40 h: 40 / 5 = 8 h a day.
      const first = await reportAndAttest('E1', 'sick', '2026-03-02', '2026-03-05');
      const second = await reportAndAttest('E1', 'sick', '2026-03-10', '2026-03-11');
      const lines = await linesOf('2026-03', 'E1');
      expect(brief(lines)).toEqual([
        ['2026-03-02', 'SJK_KAR', 8, 1],
        ['2026-03-03', 'SJK_LÖN', 8, 2],
        ['2026-03-04', 'SJK_LÖN', 8, 3],
        ['2026-03-05', 'SJK_LÖN', 8, 4],
        ['2026-03-10', 'SJK_LÖN', 8, 5],
        ['2026-03-11', 'SJK_LÖN', 8, 6],
      ]);
      expect(lines.map((l) => l.absenceId)).toEqual([first, first, first, first, second, second]);
      expect(lines.filter((l) => l.code === 'SJK_KAR')).toHaveLength(1);
      expect(lines[0]).toMatchObject({ type: 'sick', extentPercent: 100, adjustsPeriod: null, attestedBy: 'M1' });
      expect(Date.parse(lines[0].attestedAt)).not.toBeNaN();
    });

    it('codes a 20-day sick case SJK_KAR, SJK_LÖN (days 2–14) and SJK_ERS (days 15–)', async () => {
      // Mon 2 – Sat 21 March 2026 are sick days 1–20 (day n is March n+1).
      // Mon 2: day 1, SJK_KAR. Tue 3 – Fri 6 (days 2–5) and Mon 9 – Fri 13 (days 8–12): SJK_LÖN.
      // Day 14 is Sun 15 March. Mon 16 – Fri 20 are days 15–19: SJK_ERS. Weekends have no lines.
      await reportAndAttest('E2', 'sick', '2026-03-02', '2026-03-21');
      const lines = await linesOf('2026-03', 'E2');
      expect(brief(lines)).toEqual([
        ['2026-03-02', 'SJK_KAR', 8, 1],
        ['2026-03-03', 'SJK_LÖN', 8, 2],
        ['2026-03-04', 'SJK_LÖN', 8, 3],
        ['2026-03-05', 'SJK_LÖN', 8, 4],
        ['2026-03-06', 'SJK_LÖN', 8, 5],
        ['2026-03-09', 'SJK_LÖN', 8, 8],
        ['2026-03-10', 'SJK_LÖN', 8, 9],
        ['2026-03-11', 'SJK_LÖN', 8, 10],
        ['2026-03-12', 'SJK_LÖN', 8, 11],
        ['2026-03-13', 'SJK_LÖN', 8, 12],
        ['2026-03-16', 'SJK_ERS', 8, 15],
        ['2026-03-17', 'SJK_ERS', 8, 16],
        ['2026-03-18', 'SJK_ERS', 8, 17],
        ['2026-03-19', 'SJK_ERS', 8, 18],
        ['2026-03-20', 'SJK_ERS', 8, 19],
      ]);
    });

    it('pays part time: 75 % of 40 h is 6 h a day; a 50 % absence of that is 3 h', async () => {
      // E3 works 75 %: 40 / 5 × 0.75 = 6 h a day. Vacation at 50 % Mon 23 – Tue 24 March: 6 × 0.5 = 3 h each.
      await reportAndAttest('E3', 'vacation', '2026-03-23', '2026-03-24', 50);
      expect((await linesOf('2026-03', 'E3')).map((l) => [l.date, l.code, l.hours, l.extentPercent, l.sickDay])).toEqual([
        ['2026-03-23', 'SEM', 3, 50, null],
        ['2026-03-24', 'SEM', 3, 50, null],
      ]);
    });

    it('gives no line on a public holiday inside an absence', async () => {
      // Vacation Mon 11 – Fri 15 May 2026; Thu 14 May is Kristi himmelsfärdsdag: 4 lines, not 5.
      await reportAndAttest('E4', 'vacation', '2026-05-11', '2026-05-15');
      expect((await linesOf('2026-05', 'E4')).map((l) => l.date)).toEqual(['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15']);
    });

    it('changes nothing on an unattested correction, and follows it once attested; an attested withdrawal removes the lines', async () => {
      // Leave of absence Mon 1 – Wed 3 June 2026: 3 × 8 h.
      const id = await reportAndAttest('E5', 'leave_of_absence', '2026-06-01', '2026-06-03');
      expect((await linesOf('2026-06', 'E5')).map((l) => [l.date, l.code, l.hours])).toEqual([
        ['2026-06-01', 'TJL', 8],
        ['2026-06-02', 'TJL', 8],
        ['2026-06-03', 'TJL', 8],
      ]);
      // Corrected to Mon 1 only, at 25 %: not attested yet, so payroll still sees the attested version.
      note((await api.request('POST', `/v1/absences/${id}/corrections`, { token: hr, body: { to: '2026-06-01', extentPercent: 25, reason: 'half a morning' } })).body);
      expect((await linesOf('2026-06', 'E5')).map((l) => l.hours)).toEqual([8, 8, 8]);
      // Attested: one line, 8 × 25 % = 2 h.
      await attest(id);
      expect((await linesOf('2026-06', 'E5')).map((l) => [l.date, l.hours, l.extentPercent])).toEqual([['2026-06-01', 2, 25]]);
      // Withdrawn: still paid until the withdrawal is attested, then gone.
      note((await api.request('POST', `/v1/absences/${id}/withdrawal`, { token: hr, body: { reason: 'registered on the wrong person' } })).body);
      expect(await linesOf('2026-06', 'E5')).toHaveLength(1);
      await attest(id);
      expect(await linesOf('2026-06', 'E5')).toEqual([]);
    });

    it('runs an open-ended case to the end of the period asked for', async () => {
      // VAB from Mon 26 October 2026 without a last day: Mon 26 – Fri 30 October = 5 lines.
      // December 2026: 23 weekdays minus julafton (Thu 24), juldagen (Fri 25) and nyårsafton (Thu 31) = 20.
      await reportAndAttest('E7', 'care_of_child', '2026-10-26', null);
      expect((await linesOf('2026-10', 'E7')).map((l) => [l.date, l.code])).toEqual([
        ['2026-10-26', 'VAB'],
        ['2026-10-27', 'VAB'],
        ['2026-10-28', 'VAB'],
        ['2026-10-29', 'VAB'],
        ['2026-10-30', 'VAB'],
      ]);
      const december = await linesOf('2026-12', 'E7');
      expect(december).toHaveLength(20);
      expect(december.map((l) => l.date)).not.toEqual(expect.arrayContaining(['2026-12-24', '2026-12-25', '2026-12-31']));
    });
  });

  describe('locking and adjustments', () => {
    it('locks idempotently, freezes the period, and pays a late correction as signed adjustments in the next open period', async () => {
      // Sick Mon 1 – Fri 5 September 2025 (E6, full time): KAR + 4 × LÖN at 8 h = 40 h.
      const id = await reportAndAttest('E6', 'sick', '2025-09-01', '2025-09-05');
      const before = await linesOf('2025-09', 'E6');
      expect(brief(before)).toEqual([
        ['2025-09-01', 'SJK_KAR', 8, 1],
        ['2025-09-02', 'SJK_LÖN', 8, 2],
        ['2025-09-03', 'SJK_LÖN', 8, 3],
        ['2025-09-04', 'SJK_LÖN', 8, 4],
        ['2025-09-05', 'SJK_LÖN', 8, 5],
      ]);

      const locked = await api.request('POST', '/v1/payroll/periods/2025-09/lock', { token: payroll });
      expect(locked.status).toBe(200);
      expect(locked.body).toEqual({
        period: '2025-09',
        status: 'locked',
        version: 0,
        position: expect.stringMatching(/^\d+$/),
        unattestedCases: expect.any(Number),
        openEarlierPeriods: expect.any(Array),
      });
      note(locked.body);
      const again = await api.request('POST', '/v1/payroll/periods/2025-09/lock', { token: payroll });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(locked.body);
      expect((await page('2025-09')).body.status).toBe('locked');

      // Late correction: the last day was Wed 3 September. Thu 4 and Fri 5 were paid 8 h each:
      // −8 h each, in October (the earliest open period), with the original dates and sick days.
      note((await api.request('POST', `/v1/absences/${id}/corrections`, { token: hr, body: { to: '2025-09-03', reason: 'back on Thursday' } })).body);
      await attest(id);
      expect(await linesOf('2025-09', 'E6')).toEqual(before);
      const october = await linesOf('2025-10', 'E6');
      expect(october.map((l) => [l.date, l.code, l.hours, l.sickDay, l.adjustsPeriod])).toEqual([
        ['2025-09-04', 'SJK_LÖN', -8, 4, '2025-09'],
        ['2025-09-05', 'SJK_LÖN', -8, 5, '2025-09'],
      ]);
      expect((await page('2025-10')).body.status).toBe('open');

      // October is locked with those adjustments; the case is corrected back to Thu 4:
      // paid for Thu 4 is 8 − 8 = 0, so +8 h for it, now in November. Fri 5 stays reversed.
      note((await api.request('POST', '/v1/payroll/periods/2025-10/lock', { token: payroll })).body);
      note((await api.request('POST', `/v1/absences/${id}/corrections`, { token: hr, body: { to: '2025-09-04', reason: 'one more day after all' } })).body);
      await attest(id);
      expect((await linesOf('2025-10', 'E6')).map((l) => l.hours)).toEqual([-8, -8]);
      expect((await linesOf('2025-11', 'E6')).map((l) => [l.date, l.code, l.hours, l.adjustsPeriod])).toEqual([
        ['2025-09-04', 'SJK_LÖN', 8, '2025-09'],
      ]);
    });

    it('answers a lock with the cases still unattested in the period and the earlier periods still open', async () => {
      // March 2025 locked; April left open; May holds one case nobody has attested (E7's vacation).
      note((await api.request('POST', '/v1/payroll/periods/2025-03/lock', { token: payroll })).body);
      const pendingId = await report('E7', 'vacation', '2025-05-12', '2025-05-13');
      const waited = await api.request('GET', `/v1/departments/D1/pending-attestations?minPosition=${position}&limit=500`, { token: hr });
      expect(waited.body.items.map((i: { absenceId: string }) => i.absenceId)).toContain(pendingId);
      expect((await page('2025-03')).body.status).toBe('locked'); // the payroll read model knows March is locked
      const may = await api.request('POST', '/v1/payroll/periods/2025-05/lock', { token: payroll });
      expect(may.status).toBe(200);
      expect(may.body).toMatchObject({ period: '2025-05', status: 'locked', unattestedCases: 1, openEarlierPeriods: ['2025-04'] });
      note(may.body);
    });

    it('refuses to lock a month that has not begun (422) and lets only payroll lock (403)', async () => {
      const now = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date()).slice(0, 7);
      const [y, m] = now.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const future = await api.request('POST', `/v1/payroll/periods/${next}/lock`, { token: payroll });
      expect(future.status).toBe(422);
      expect(future.body.errors[0].field).toBe('month');
      expect((await api.request('POST', '/v1/payroll/periods/2025-08/lock', { token: hr })).status).toBe(403);
      expect((await api.request('POST', '/v1/payroll/periods/2025-08/lock', { token: e1 })).status).toBe(403);
      expect((await page('2025-08')).body.status).toBe('open');
    });
  });

  describe('pagination', () => {
    it('returns every line once, in lineId order, while new attestations arrive between pages', async () => {
      // Vacation Mon 3 – Fri 7 August 2026 (5 lines each) for PA and PC. Pages of 4.
      await reportAndAttest('PA', 'vacation', '2026-08-03', '2026-08-07');
      const pc = await reportAndAttest('PC', 'vacation', '2026-08-03', '2026-08-07');
      const first = await page('2026-08', '&limit=4');
      expect(first.status).toBe(200);
      expect(first.body.lines).toHaveLength(4);
      expect(first.body.next).toBe(first.body.lines[3].lineId);
      const existing = new Set<string>([...(await linesOf('2026-08', 'PA')), ...(await linesOf('2026-08', 'PC'))].map((l) => l.lineId));
      expect(existing.size).toBe(10);

      // Between pages: PB (sorts after the cursor) and P0 (before it) get lines; PC is corrected to 50 %.
      await reportAndAttest('PB', 'vacation', '2026-08-03', '2026-08-07');
      await reportAndAttest('P0', 'vacation', '2026-08-03', '2026-08-07');
      note((await api.request('POST', `/v1/absences/${pc}/corrections`, { token: hr, body: { extentPercent: 50, reason: 'half days' } })).body);
      await attest(pc);

      const seen: Line[] = [...first.body.lines];
      let after: string | null = first.body.next;
      while (after !== null) {
        const r = await page('2026-08', `&limit=4&after=${encodeURIComponent(after)}`);
        expect(r.status).toBe(200);
        seen.push(...r.body.lines);
        after = r.body.next;
      }
      const ids = seen.map((l) => l.lineId);
      expect(new Set(ids).size).toBe(ids.length); // no duplicates
      expect(ids).toEqual([...ids].sort()); // lineId order
      for (const id of existing) expect(ids).toContain(id); // nothing that existed was skipped
      // PB sorts after the cursor and is served; P0 sorts before it and was not there when that range was read.
      expect(seen.filter((l) => l.employeeId === 'PB')).toHaveLength(5);
      expect(seen.filter((l) => l.employeeId === 'P0')).toHaveLength(0);
      // PC's lines were read after its correction was attested: 8 × 50 % = 4 h.
      expect(seen.filter((l) => l.employeeId === 'PC').map((l) => l.hours)).toEqual([4, 4, 4, 4, 4]);
      // A fresh read sees all four employees: 20 lines.
      expect((await page('2026-08', '&limit=10000')).body.lines).toHaveLength(20);
    });

    it('defaults to 1000 lines a page and validates limit and after', async () => {
      const r = await page('2026-08');
      expect(r.body.lines.length).toBeLessThanOrEqual(1000);
      expect(r.body.next).toBeNull();
      for (const bad of ['0', '10001', 'ten', '-5', '1.5']) {
        const res = await page('2026-08', `&limit=${bad}`);
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
      }
      const badAfter = await page('2026-08', `&after=${encodeURIComponent('<script>')}`);
      expect(badAfter.status).toBe(400);
      expect(badAfter.body.errors[0].field).toBe('after');
      const unknown = await page('2026-08', '&surprise=1');
      expect(unknown.status).toBe(400);
    });
  });

  describe('access and input', () => {
    it('answers 403 for an employee or a manager and serves HR', async () => {
      expect((await page('2026-03', '', e1)).status).toBe(403);
      expect((await page('2026-03', '', m1)).status).toBe(403);
      expect((await api.request('GET', '/v1/payroll/periods/2026-03/export?format=csv', { token: e1 })).status).toBe(403);
      expect((await page('2026-03', '', hr)).status).toBe(200);
      expect((await api.request('GET', '/v1/payroll/periods/2026-03/lines')).status).toBe(401);
    });

    it('answers 400 naming the field for a month that is not YYYY-MM', async () => {
      for (const bad of ['2026-13', '2026-3', 'march', '2026-03-01', '1999-12']) {
        const r = await api.request('GET', `/v1/payroll/periods/${bad}/lines`, { token: payroll });
        expect(r.status).toBe(400);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        expect(r.body.errors).toEqual([{ field: 'month', message: expect.any(String) }]);
      }
      const lock = await api.request('POST', '/v1/payroll/periods/2026-00/lock', { token: payroll });
      expect(lock.status).toBe(400);
      expect(lock.body.errors[0].field).toBe('month');
      const exp = await api.request('GET', '/v1/payroll/periods/26-03/export?format=json', { token: payroll });
      expect(exp.status).toBe(400);
      expect((await api.request('GET', '/v1/payroll/periods/2026-03/export?format=pdf', { token: payroll })).status).toBe(400);
    });
  });

  describe('export', () => {
    it('exports the period as JSON, CSV and PAXml 2.0 that validates against the XSD', async () => {
      const all = (await page('2026-03', '&limit=10000')).body.lines as Line[];
      // E1: 6, E2: 15, E3: 2.
      expect(all).toHaveLength(6 + 15 + 2);

      const json = await api.request('GET', `/v1/payroll/periods/2026-03/export?format=json&minPosition=${position}`, { token: payroll });
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(json.headers.get('content-disposition')).toBe('attachment; filename="payroll-2026-03.json"');
      expect(json.body).toMatchObject({ period: '2026-03', status: 'open', generatedAt: expect.any(String) });
      expect(json.body.lines).toEqual(all);

      const csv = await api.request('GET', '/v1/payroll/periods/2026-03/export?format=csv', { token: hr });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="payroll-2026-03.csv"');
      const rows = (csv.body as string).split('\r\n');
      expect(rows[0]).toBe('lineId,employeeId,absenceId,date,type,code,hours,extentPercent,sickDay,unpaidReason,adjustsPeriod,attestedBy,attestedAt,flags');
      expect(rows).toHaveLength(1 + all.length + 1); // header, lines, '' after the last CRLF
      expect(rows[1].split(',').slice(0, 10)).toEqual([all[0].lineId, all[0].employeeId, all[0].absenceId, all[0].date, all[0].type, all[0].code, '8', '100', String(all[0].sickDay), '']);

      const xml = await api.request('GET', '/v1/payroll/periods/2026-03/export?format=paxml', { token: payroll });
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(xml.headers.get('content-disposition')).toBe('attachment; filename="payroll-2026-03.xml"');
      const text = xml.body as string;
      const result = await validateXML({
        xml: [{ fileName: 'export.xml', contents: new Uint8Array(Buffer.from(text, 'utf8')) }],
        schema: [{ fileName: 'paxml-2.0.xsd', contents: XSD_BYTES }],
      });
      expect(result.errors.map((e) => e.message)).toEqual([]);
      expect(result.valid).toBe(true);
      const postIds = [...text.matchAll(/<tidtrans anstid="([^"]+)" postid="(\d+)">/g)];
      expect(postIds).toHaveLength(all.length);
      expect(new Set(postIds.map((m) => m[2])).size).toBe(all.length);
      expect(text).toContain('<tidkod>SJK_KAR</tidkod>');
      expect(text).toContain('<tidkod>SJK_ERS</tidkod>');
      expect([...text.matchAll(/<attesterat anstid="(E\d)"/g)].map((m) => m[1])).toEqual(['E1', 'E2', 'E3']);
    });

    it('writes CSV for Swedish Excel (semicolon, decimal comma, BOM) and ISO-8859-1 PAXml that still validates', async () => {
      const bytes = async (query: string) => {
        const r = await fetch(`${api.baseUrl}/v1/payroll/periods/2026-03/export?${query}`, { headers: { authorization: `Bearer ${payroll}` } });
        return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
      };
      const excel = await bytes('format=csv&delimiter=semicolon&decimal=comma&bom=true');
      expect(excel.status).toBe(200);
      expect([...excel.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = excel.body.subarray(3).toString('utf8').split('\r\n');
      expect(rows[0]).toBe('lineId;employeeId;absenceId;date;type;code;hours;extentPercent;sickDay;unpaidReason;adjustsPeriod;attestedBy;attestedAt;flags');
      const karens = rows.map((r) => r.split(';')).find((r) => r[5] === 'SJK_KAR')!;
      expect(karens[6]).toMatch(/^\d+(,\d+)?$/);
      expect(rows.some((r) => r.includes('SJK_LÖN'))).toBe(true);
      const plain = await bytes('format=csv');
      expect(plain.body[0]).not.toBe(0xef);

      const latin1 = await bytes('format=paxml&encoding=iso-8859-1');
      expect(latin1.status).toBe(200);
      expect(latin1.type).toBe('application/xml; charset=iso-8859-1');
      expect(latin1.body.subarray(0, 45).toString('latin1')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>\n<');
      // LÖNIN is written with the single byte 0xD6 for Ö.
      expect(latin1.body.includes(Buffer.from('L\xD6NIN', 'latin1'))).toBe(true);
      const result = await validateXML({
        xml: [{ fileName: 'export.xml', contents: new Uint8Array(latin1.body) }],
        schema: [{ fileName: 'paxml-2.0.xsd', contents: XSD_BYTES }],
      });
      expect(result.errors.map((e) => e.message)).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('answers 400 naming unknown export options and options of another format', async () => {
      const ask = (query: string) => api.request('GET', `/v1/payroll/periods/2026-03/export?${query}`, { token: payroll });
      const unknown = await ask('format=csv&separator=tab');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['separator']);
      const wrong = await ask('format=csv&delimiter=tab&encoding=iso-8859-1');
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['delimiter']);
      const misplaced = await ask('format=paxml&delimiter=semicolon&bom=true');
      expect(misplaced.status).toBe(400);
      expect(misplaced.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bom', 'delimiter']);
      const json = await ask('encoding=iso-8859-1');
      expect(json.body.errors.map((e: { field: string }) => e.field)).toEqual(['encoding']);
    });

    it('exports a locked period with its status and the same postids every time', async () => {
      const a = await api.request('GET', '/v1/payroll/periods/2025-10/export?format=paxml', { token: payroll });
      const b = await api.request('GET', '/v1/payroll/periods/2025-10/export?format=paxml', { token: payroll });
      expect(a.body).toContain('<info>Period 2025-10 (locked)</info>');
      const ids = (s: string) => [...s.matchAll(/postid="(\d+)"/g)].map((m) => m[1]);
      expect(ids(a.body)).toHaveLength(2);
      expect(ids(b.body)).toEqual(ids(a.body));
      expect(a.body).toContain('<timmar>-8.00</timmar>');
      expect(a.body).toContain('Justering av period 2025-09');
    });
  });

  it('lists the payroll paths in the OpenAPI document, with the pagination guarantee', async () => {
    const docs = await api.request('GET', '/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/v1/payroll/periods/{month}/lines', '/v1/payroll/periods/{month}/export', '/v1/payroll/periods/{month}/lock']),
    );
    expect(docs.body.paths['/v1/payroll/periods/{month}/lines'].get.description).toContain('no line is returned twice');
  });
});
