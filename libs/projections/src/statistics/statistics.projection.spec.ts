import { randomUUID } from 'node:crypto';
import { AbsenceCorrected, AbsenceType, Actor, Gender, ObservationSource, absenceStreamId, employeeStreamId, observationsStreamId } from '@ledger/domain';
import { DEFAULT_LATE_POLICY } from '@ledger/swedish-rules';
import { ProjectionHarness } from '../testing/projection-harness';
import { StatisticsReadModel } from './statistics-read-model';
import { StatisticsProjection } from './statistics.projection';

const HR: Actor = { sub: 'HR1', roles: ['hr'] };
const MANAGER: Actor = { sub: 'M1', roles: ['employee', 'manager'] };
const CLOCK_SYNC: Actor = { sub: 'TC', roles: ['integration'] };

/** The statistics projection's ledger: typed events, hash-chained and applied one commit each (ProjectionHarness). */
class Ledger extends ProjectionHarness {
  readonly model = new StatisticsReadModel(this.store, this.namespace);

  constructor() {
    super(new StatisticsProjection(), { namespace: 'statistics@test', now: '2026-06-15T08:00:00.000Z' });
  }

  employ(employeeId: string, departmentId: string, effectiveFrom = '2020-01-01', employmentPercent = 100, gender: Gender = 'female', birthYear = 1980) {
    return this.emit(
      employeeStreamId(employeeId),
      {
        type: 'EmploymentRecorded',
        data: { employeeId, departmentId, gender, birthYear, personalIdentityNumber: null, employmentPercent, weeklyHours: 40, effectiveFrom },
      },
      HR,
    );
  }

  async report(employeeId: string, departmentId: string, type: AbsenceType, from: string, to: string | null, extentPercent = 100): Promise<string> {
    const absenceId = randomUUID();
    await this.emit(
      absenceStreamId(absenceId),
      {
        type: 'AbsenceReported',
        data: { absenceId, employeeId, departmentId, type, from, to, extentPercent, channel: 'web', comment: 'feeling poorly' },
      },
      HR,
    );
    return absenceId;
  }

  correct(absenceId: string, changes: Omit<AbsenceCorrected['data'], 'reason'>) {
    return this.emit(absenceStreamId(absenceId), { type: 'AbsenceCorrected', data: { ...changes, reason: 'fix' } }, HR);
  }
  returned(absenceId: string, lastDay: string) {
    return this.emit(absenceStreamId(absenceId), { type: 'ReturnReported', data: { lastDay } }, HR);
  }
  withdraw(absenceId: string) {
    return this.emit(absenceStreamId(absenceId), { type: 'AbsenceWithdrawn', data: { reason: 'did not happen' } }, HR);
  }
  attest(absenceId: string) {
    return this.emit(absenceStreamId(absenceId), { type: 'AbsenceAttested', data: { attestedVersion: this.revision(absenceStreamId(absenceId)) } }, MANAGER);
  }
  observe(employeeId: string, date: string, kind: 'absent' | 'present', source: ObservationSource = 'timeclock') {
    return this.emit(observationsStreamId(employeeId), { type: 'ObservationRecorded', data: { employeeId, date, kind, source, note: null } }, CLOCK_SYNC);
  }

  sickLeave(departmentId: string | null, from: string, to: string, today = '2026-06-15') {
    return this.model.sickLeave({ departmentId, from, to, today });
  }

  async dump(): Promise<unknown> {
    const out: Record<string, unknown> = {};
    for (const c of ['employee', 'sick', 'case', 'latency', 'observation']) {
      out[c] = (await this.store.scan(this.namespace, c)).map((d) => [d.key, d.value, d.indexes]);
    }
    return out;
  }
}

/** May 2026: 19 working days (21 weekdays less 1 May and Ascension Thursday 14 May); 8 h a day full time = 152 h. */
describe('statistics projection', () => {
  let ledger: Ledger;
  beforeEach(() => {
    ledger = new Ledger();
  });
  afterEach(async () => ledger.store.close());

  it('follows a sick case through correction, return and withdrawal', async () => {
    await ledger.employ('E1', 'D1');
    const id = await ledger.report('E1', 'D1', 'sick', '2026-05-11', null);
    // Open-ended from Mon 11 May, today 15 June: to the end of May = 11–13, 15, 18–22, 25–29 = 14 days = 112 h.
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0].sickHours).toBe(112);

    await ledger.returned(id, '2026-05-13');
    // Back after Wed 13 May: 11, 12, 13 = 24 h.
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0].sickHours).toBe(24);

    await ledger.correct(id, { from: '2026-05-12', extentPercent: 50 });
    // 12, 13 at 50 % = 8 h; 8 / 152 = 5.26 %.
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0]).toEqual({
      month: '2026-05',
      employees: 1,
      scheduledHours: 152,
      sickHours: 8,
      ratePercent: 5.26,
    });

    await ledger.correct(id, { type: 'vacation' });
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0].sickHours).toBe(0);
    await ledger.correct(id, { type: 'sick' });
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0].sickHours).toBe(8);

    await ledger.withdraw(id);
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0]).toMatchObject({ scheduledHours: 152, sickHours: 0 });
    ledger.fresh();
    const dump = (await ledger.dump()) as Record<string, Array<[string, unknown, unknown]>>;
    expect(dump.sick).toEqual([]);
    expect(dump.latency).toEqual([]);
    // The withdrawn case is no longer listed by employee; its comment was never stored.
    expect(dump.case[0][2]).toEqual([]);
    expect(JSON.stringify(dump.case)).not.toContain('feeling poorly');
  });

  it('reads the same figures for a department and for the organisation, and across the turn of a year', async () => {
    await ledger.employ('E1', 'D1');
    await ledger.employ('E2', 'D2');
    // Sick Wed 20 Nov 2024 – Fri 31 Jan 2025 (73 days, long-term). January 2025: 21 working days = 168 h.
    await ledger.report('E1', 'D1', 'sick', '2024-11-20', '2025-01-31');
    // Sick Mon 1 – Fri 5 Sep 2025: 40 h, not long-term.
    await ledger.report('E2', 'D2', 'sick', '2025-09-01', '2025-09-05');
    // Suppression off (suppressAtOrBelow 0): this is about the hours; a unit of one is suppressed otherwise.
    const off = { year: 2025, today: '2026-06-15', suppressAtOrBelow: 0 };
    const d1 = await ledger.model.annualReport({ departmentId: 'D1', ...off });
    expect(d1.total).toEqual({ scheduledHours: 1992, sickHours: 168, ratePercent: 8.43, suppressed: false }); // 168 / 1 992 = 8.4337 %
    expect(d1.longTermSharePercent).toBe(100);
    expect((await ledger.model.annualReport({ departmentId: 'D1', year: 2025, today: '2026-06-15' })).total.suppressed).toBe(true);
    const org = await ledger.model.annualReport({ departmentId: null, ...off });
    // 2 × 1 992 = 3 984 h; 208 h sick = 5.22 %; long-term 168 / 208 = 80.77 %.
    expect(org).toMatchObject({ employees: 2, total: { scheduledHours: 3984, sickHours: 208, ratePercent: 5.22 }, longTermSharePercent: 80.77 });
    // December 2024: 22 weekdays less 24, 25, 26 and 31 Dec = 18 working days = 144 h, all sick for E1.
    const dec = await ledger.sickLeave(null, '2024-12', '2025-01');
    expect(dec.months.map((m) => m.sickHours)).toEqual([144, 168]);
  });

  it('finds a long-term run that continues in a case of the year before or after', async () => {
    await ledger.employ('E1', 'D1');
    await ledger.employ('E2', 'D1');
    // E1: sick Fri 1 Nov – Tue 31 Dec 2024 (61 days, no day in 2025), then Wed 1 – Fri 17 Jan 2025:
    // one run of 78 days, so the January days are long-term. January 1–17, 2025: 2, 3, 7–10, 13–17
    // (1 and 6 Jan are off) = 11 working days = 88 h.
    await ledger.report('E1', 'D1', 'sick', '2024-11-01', '2024-12-31');
    await ledger.report('E1', 'D1', 'sick', '2025-01-01', '2025-01-17');
    // E2: sick Mon 1 – Wed 31 Dec 2025 (31 days; 23 weekdays less 24, 25, 26 and 31 Dec = 19 working
    // days = 152 h), then Thu 1 Jan – Sat 28 Feb 2026 (no day in 2025): one run of 90 days, all long-term.
    await ledger.report('E2', 'D1', 'sick', '2025-12-01', '2025-12-31');
    await ledger.report('E2', 'D1', 'sick', '2026-01-01', '2026-02-28');
    // Suppression off (suppressAtOrBelow 0): this is about the hours.
    const report = await ledger.model.annualReport({ departmentId: null, year: 2025, today: '2026-06-15', suppressAtOrBelow: 0 });
    expect(report.total.sickHours).toBe(240); // 88 + 152
    expect(report.longTermSharePercent).toBe(100);
    const d1 = await ledger.model.annualReport({ departmentId: 'D1', year: 2025, today: '2026-06-15', suppressAtOrBelow: 0 });
    expect(d1.longTermSharePercent).toBe(100);
  });

  it('counts a transferred employee in each department for their own days', async () => {
    await ledger.employ('T', 'D1');
    await ledger.employ('T', 'D2', '2026-05-18');
    await ledger.report('T', 'D1', 'sick', '2026-05-12', '2026-05-20');
    // D1: 1–17 May = 9 working days = 72 h, sick 12, 13, 15 = 24 h. D2: 18–31 May = 10 days = 80 h, sick 18–20 = 24 h.
    expect((await ledger.sickLeave('D1', '2026-05', '2026-05')).months[0]).toEqual({ month: '2026-05', employees: 1, scheduledHours: 72, sickHours: 24, ratePercent: 33.33 });
    expect((await ledger.sickLeave('D2', '2026-05', '2026-05')).months[0]).toEqual({ month: '2026-05', employees: 1, scheduledHours: 80, sickHours: 24, ratePercent: 30 });
  });

  it('files latency facts by the month of the first day and the case’s department, re-filing on correction', async () => {
    await ledger.employ('E1', 'D1');
    ledger.now = '2026-04-01T06:00:00.000Z'; // 08:00 CEST on 1 April
    const id = await ledger.report('E1', 'D1', 'sick', '2026-04-01', null);
    ledger.now = '2026-04-01T10:00:00.000Z';
    await ledger.attest(id);
    ledger.now = '2026-04-03T06:00:00.000Z';
    await ledger.returned(id, '2026-04-02');
    ledger.now = '2026-04-03T12:00:00.000Z';
    await ledger.attest(id); // a second attestation: the first one counts

    const april = await ledger.model.reportingLatency({ departmentId: 'D1', from: '2026-03', to: '2026-04', policy: DEFAULT_LATE_POLICY });
    // Report: 8 h after 00:00 CEST. Return: last day 2 April, 24:00 CEST = 2026-04-02T22:00Z, recorded 06:00Z on the 3rd = 8 h.
    // Attestation: 4 h after the report.
    expect(april.months[1]).toEqual({
      month: '2026-04',
      reports: { count: 1, lateCount: 0, latePercent: 0, medianHours: 8, p90Hours: 8 },
      returns: { count: 1, lateCount: 0, latePercent: 0, medianHours: 8 },
      attestations: { count: 1, medianHours: 4, p90Hours: 4 },
    });
    expect(april.months[0].reports.count).toBe(0);

    // Corrected to begin Tue 31 March: the case moves to March, and the report becomes 32 h late
    // (00:00 CEST of 31 March = 2026-03-30T22:00Z; reported 2026-04-01T06:00Z).
    await ledger.correct(id, { from: '2026-03-31' });
    const moved = await ledger.model.reportingLatency({ departmentId: 'D1', from: '2026-03', to: '2026-04', policy: DEFAULT_LATE_POLICY });
    expect(moved.months[0].reports).toEqual({ count: 1, lateCount: 1, latePercent: 100, medianHours: 32, p90Hours: 32 });
    expect(moved.months[1].reports.count).toBe(0);
    const org = await ledger.model.reportingLatency({ departmentId: null, from: '2026-03', to: '2026-04', policy: DEFAULT_LATE_POLICY });
    expect(org.total.reports.count).toBe(1);
    expect(org.total.attestations.medianHours).toBe(4);

    await ledger.withdraw(id);
    const gone = await ledger.model.reportingLatency({ departmentId: null, from: '2026-03', to: '2026-04', policy: DEFAULT_LATE_POLICY });
    expect(gone.total.reports.count).toBe(0);
  });

  it('lists discrepancies until the ledger agrees; the latest observation of a day wins', async () => {
    await ledger.employ('E1', 'D1');
    await ledger.employ('E2', 'D1');
    await ledger.observe('E1', '2026-06-02', 'absent');
    const sick = await ledger.report('E2', 'D1', 'sick', '2026-06-01', null);
    await ledger.observe('E2', '2026-06-03', 'present', 'schedule');
    const query = { departmentIds: ['D1'], from: '2026-06-01', to: '2026-06-30' };
    expect((await ledger.model.discrepancies(query)).map((d) => [d.employeeId, d.date, d.kind, d.absenceId])).toEqual([
      ['E1', '2026-06-02', 'unreported_absence', null],
      ['E2', '2026-06-03', 'absent_but_working', sick],
    ]);

    // E1's absence gets reported; E2's return report ends the case on the 2nd.
    const late = await ledger.report('E1', 'D1', 'care_of_child', '2026-06-02', '2026-06-02');
    await ledger.returned(sick, '2026-06-02');
    expect(await ledger.model.discrepancies(query)).toEqual([]);

    // Withdrawing the report makes the observed absence unreported again.
    await ledger.withdraw(late);
    expect((await ledger.model.discrepancies(query)).map((d) => d.kind)).toEqual(['unreported_absence']);
    // A later observation of the same day replaces it.
    await ledger.observe('E1', '2026-06-02', 'present', 'manager');
    expect(await ledger.model.discrepancies(query)).toEqual([]);
    // Every open one, whatever the date (for reminders).
    await ledger.observe('E1', '2025-12-30', 'absent');
    const open = [];
    for await (const d of ledger.model.openDiscrepancies()) open.push([d.employeeId, d.date, d.departmentId]);
    expect(open).toEqual([['E1', '2025-12-30', 'D1']]);
  });

  it('scopes discrepancies by the department on the day observed', async () => {
    await ledger.employ('T', 'D1');
    await ledger.employ('T', 'D2', '2026-06-08');
    await ledger.observe('T', '2026-06-05', 'absent');
    await ledger.observe('T', '2026-06-09', 'absent');
    const inD1 = await ledger.model.discrepancies({ departmentIds: ['D1'], from: '2026-06-01', to: '2026-06-30' });
    expect(inD1.map((d) => d.date)).toEqual(['2026-06-05']);
    const inD2 = await ledger.model.discrepancies({ departmentIds: ['D2'], from: '2026-06-01', to: '2026-06-30' });
    expect(inD2.map((d) => [d.date, d.departmentId])).toEqual([['2026-06-09', 'D2']]);
    const all = await ledger.model.discrepancies({ departmentIds: null, from: '2026-06-06', to: '2026-06-30' });
    expect(all.map((d) => d.date)).toEqual(['2026-06-09']);
  });

  it('changes nothing when events are replayed', async () => {
    await ledger.employ('E1', 'D1');
    const id = await ledger.report('E1', 'D1', 'sick', '2026-05-11', null);
    await ledger.attest(id);
    await ledger.returned(id, '2026-05-13');
    await ledger.observe('E1', '2026-05-20', 'absent');
    await ledger.employ('E1', 'D2', '2026-06-01');
    ledger.fresh();
    const before = await ledger.dump();
    // Any single event delivered again (after a crash between apply and commit) changes nothing.
    for (const event of ledger.log) {
      await ledger.apply(event);
      ledger.fresh();
      expect(await ledger.dump()).toEqual(before);
    }
  });
});
