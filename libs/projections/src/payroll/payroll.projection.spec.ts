import { randomUUID } from 'node:crypto';
import { AbsenceAttested, AbsenceCorrected, AbsenceType, Actor, absenceStreamId, employeeStreamId, highRiskProtectionStreamId, payrollPeriodStreamId } from '@ledger/domain';
import { ProjectionHarness } from '../testing/projection-harness';
import type { PayrollLine } from '@ledger/payroll-export';
import { MAX_PAGE_LIMIT, PayrollPeriodSnapshot, PayrollReadModel } from './payroll-read-model';
import { PayrollProjection } from './payroll.projection';

const MANAGER: Actor = { sub: 'M1', roles: ['employee', 'manager'] };
const HR: Actor = { sub: 'HR1', roles: ['hr'] };
const PAYROLL: Actor = { sub: 'P1', roles: ['payroll'] };

/** The payroll projection's ledger: typed events, hash-chained and applied one commit each (ProjectionHarness). */
class Ledger extends ProjectionHarness {
  declare readonly projection: PayrollProjection;

  constructor() {
    super(new PayrollProjection(), { namespace: 'payroll@test', now: '2026-04-07T08:00:00.000Z' });
  }

  hire(employeeId: string, employmentPercent = 100, effectiveFrom = '2020-01-01') {
    return this.emit(
      employeeStreamId(employeeId),
      {
        type: 'EmploymentRecorded',
        data: { employeeId, departmentId: 'D1', gender: 'female', birthYear: 1980, personalIdentityNumber: null, employmentPercent, weeklyHours: 40, effectiveFrom },
      },
      HR,
    );
  }

  /**
   * Reports a case registered by HR. The employer was told at 07:00 CET on the first day (on time:
   * SjLL 8 § pays from the first day) unless `employerNotifiedAt` says otherwise.
   */
  async report(employeeId: string, type: AbsenceType, from: string, to: string | null, extentPercent = 100, employerNotifiedAt = `${from}T06:00:00.000Z`): Promise<string> {
    const absenceId = randomUUID();
    await this.emit(
      absenceStreamId(absenceId),
      {
        type: 'AbsenceReported',
        data: { absenceId, employeeId, departmentId: 'D1', type, from, to, extentPercent, channel: null, comment: null, employerNotifiedAt },
      },
      HR,
    );
    return absenceId;
  }

  attest(absenceId: string, preventedFromReporting = false) {
    const data: AbsenceAttested['data'] = { attestedVersion: this.revision(absenceStreamId(absenceId)) };
    if (preventedFromReporting) data.preventedFromReporting = true;
    return this.emit(absenceStreamId(absenceId), { type: 'AbsenceAttested', data }, MANAGER);
  }

  highRiskProtection(employeeId: string, from: string, to: string) {
    return this.emit(highRiskProtectionStreamId(employeeId), { type: 'HighRiskProtectionRecorded', data: { employeeId, from, to } }, HR);
  }

  correct(absenceId: string, changes: Omit<AbsenceCorrected['data'], 'reason'>) {
    return this.emit(absenceStreamId(absenceId), { type: 'AbsenceCorrected', data: { ...changes, reason: 'correction' } }, HR);
  }

  reportReturn(absenceId: string, lastDay: string) {
    return this.emit(absenceStreamId(absenceId), { type: 'ReturnReported', data: { lastDay } }, HR);
  }

  withdraw(absenceId: string) {
    return this.emit(absenceStreamId(absenceId), { type: 'AbsenceWithdrawn', data: { reason: 'did not happen' } }, HR);
  }

  lock(period: string) {
    return this.emit(payrollPeriodStreamId(period), { type: 'PayrollPeriodLocked', data: { period } }, PAYROLL);
  }

  reader(): PayrollReadModel {
    return new PayrollReadModel(this.store, this.namespace);
  }

  /**
   * Every line of the period, with its postid. Every spec that reads lines also checks that the
   * lines endpoint's pages (the served documents) hold the same lines as the compact ones.
   */
  async lines(period: string): Promise<Array<PayrollLine & { postId: number }>> {
    const { lines, postIds } = await this.reader().all(period);
    const page = await this.reader().page(period, { limit: MAX_PAGE_LIMIT });
    expect((JSON.parse(page.json.toString('utf8')) as { lines: PayrollLine[] }).lines).toEqual(lines);
    return lines.map((l, i) => ({ ...l, postId: postIds[i] }));
  }
}

/** [date, code, hours, adjustsPeriod] per line, sorted by date then code. */
const view = (lines: PayrollLine[]) =>
  lines
    .map((l) => [l.date, l.code, l.hours, l.adjustsPeriod] as const)
    .sort((a, b) => (a[0] + a[1] + (a[3] ?? '') < b[0] + b[1] + (b[3] ?? '') ? -1 : 1));

describe('payroll projection', () => {
  let ledger: Ledger;
  beforeEach(async () => {
    ledger = new Ledger();
    await ledger.hire('E1');
  });
  afterEach(async () => ledger.store.close());

  it('pays only attested facts, and an attested correction replaces them', async () => {
    // Vacation Mon 2 – Wed 4 March 2026, full time: 3 lines of 8 h once attested.
    const a = await ledger.report('E1', 'vacation', '2026-03-02', '2026-03-04');
    expect(await ledger.lines('2026-03')).toEqual([]);
    await ledger.attest(a);
    expect(view(await ledger.lines('2026-03'))).toEqual([
      ['2026-03-02', 'SEM', 8, null],
      ['2026-03-03', 'SEM', 8, null],
      ['2026-03-04', 'SEM', 8, null],
    ]);
    // Corrected to 50 %: nothing changes until the correction is attested (then 8 × 50 % = 4 h).
    await ledger.correct(a, { extentPercent: 50 });
    expect((await ledger.lines('2026-03')).map((l) => l.hours)).toEqual([8, 8, 8]);
    await ledger.attest(a);
    const lines = await ledger.lines('2026-03');
    expect(lines.map((l) => [l.hours, l.extentPercent])).toEqual([
      [4, 50],
      [4, 50],
      [4, 50],
    ]);
    expect(lines.every((l) => l.attestedBy === 'M1' && l.attestedAt === ledger.now && l.absenceId === a)).toBe(true);
  });

  it('removes the lines of a case once its withdrawal is attested', async () => {
    const a = await ledger.report('E1', 'comp_leave', '2026-03-02', '2026-03-02');
    await ledger.attest(a);
    await ledger.withdraw(a);
    expect(await ledger.lines('2026-03')).toHaveLength(1); // the withdrawal is not attested yet
    await ledger.attest(a);
    expect(await ledger.lines('2026-03')).toEqual([]);
  });

  it('recodes a later case when an earlier case that chains into it is attested', async () => {
    // Case b (Tue 10 – Wed 11 March) alone: Tue 10 is SJK_KAR, sick day 1.
    const b = await ledger.report('E1', 'sick', '2026-03-10', '2026-03-11');
    await ledger.attest(b);
    expect((await ledger.lines('2026-03')).map((l) => [l.date, l.code, l.sickDay])).toEqual([
      ['2026-03-10', 'SJK_KAR', 1],
      ['2026-03-11', 'SJK_LÖN', 2],
    ]);
    // Case a (Mon 2 – Thu 5) is attested later: b now continues a's period, days 5 and 6, no second KAR.
    const a = await ledger.report('E1', 'sick', '2026-03-02', '2026-03-05');
    await ledger.attest(a);
    expect((await ledger.lines('2026-03')).map((l) => [l.date, l.code, l.sickDay])).toEqual([
      ['2026-03-02', 'SJK_KAR', 1],
      ['2026-03-03', 'SJK_LÖN', 2],
      ['2026-03-04', 'SJK_LÖN', 3],
      ['2026-03-05', 'SJK_LÖN', 4],
      ['2026-03-10', 'SJK_LÖN', 5],
      ['2026-03-11', 'SJK_LÖN', 6],
    ]);
  });

  it('freezes a locked period and pays a late correction as signed adjustments in the next open period', async () => {
    // Sick Mon 2 – Fri 6 Feb 2026: KAR + 4 × LÖN, 8 h each. February is locked.
    const a = await ledger.report('E1', 'sick', '2026-02-02', '2026-02-06');
    await ledger.attest(a);
    await ledger.lock('2026-02');
    const february = await ledger.lines('2026-02');
    expect(february).toHaveLength(5);

    // Late correction: the last day was Wed 4 Feb. Thu 5 and Fri 6 were paid 8 h each: −8 h each in March.
    await ledger.correct(a, { to: '2026-02-04' });
    await ledger.attest(a);
    expect(await ledger.lines('2026-02')).toEqual(february);
    const march = await ledger.reader().all('2026-03');
    expect(march.status).toBe('open');
    expect(view(march.lines)).toEqual([
      ['2026-02-05', 'SJK_LÖN', -8, '2026-02'],
      ['2026-02-06', 'SJK_LÖN', -8, '2026-02'],
    ]);
    expect(march.lines.every((l) => l.lineId.startsWith('E1:2026-02-0') && l.sickDay !== null)).toBe(true);

    // A new case in March rewrites March's document; the adjustments of February stay.
    await ledger.attest(await ledger.report('E1', 'vacation', '2026-03-02', '2026-03-02'));
    expect(view(await ledger.lines('2026-03'))).toEqual([
      ['2026-02-05', 'SJK_LÖN', -8, '2026-02'],
      ['2026-02-06', 'SJK_LÖN', -8, '2026-02'],
      ['2026-03-02', 'SEM', 8, null],
    ]);

    // March is locked with those adjustments. A further correction back to Fri 6: paid for Thu 5 is
    // 8 − 8 = 0, so +8 h each for Thu 5 and Fri 6, now in April.
    await ledger.lock('2026-03');
    await ledger.correct(a, { to: '2026-02-06' });
    await ledger.attest(a);
    expect(view(await ledger.lines('2026-03'))).toEqual([
      ['2026-02-05', 'SJK_LÖN', -8, '2026-02'],
      ['2026-02-06', 'SJK_LÖN', -8, '2026-02'],
      ['2026-03-02', 'SEM', 8, null],
    ]);
    expect(view(await ledger.lines('2026-04'))).toEqual([
      ['2026-02-05', 'SJK_LÖN', 8, '2026-02'],
      ['2026-02-06', 'SJK_LÖN', 8, '2026-02'],
    ]);
  });

  it('SjLL 8 §: a corrected notification time after the lock reaches February as adjustments', async () => {
    // Sick Mon 2 – Wed 4 Feb 2026, the employer told on Mon 2 at 07:00 CET: KAR 8, LÖN 8, LÖN 8. February is locked.
    const a = await ledger.report('E1', 'sick', '2026-02-02', '2026-02-04');
    await ledger.attest(a);
    await ledger.lock('2026-02');
    // HR finds she phoned only on Tue 3 Feb: Mon 2 is unpaid (SJK not_reported), Tue 3 is day 1 with the
    // karensavdrag, Wed 4 day 2. Net per code: Mon −8 KAR, +8 SJK; Tue −8 LÖN, +8 KAR. Wed unchanged.
    await ledger.correct(a, { employerNotifiedAt: '2026-02-03T06:00:00.000Z' });
    await ledger.attest(a);
    const march = await ledger.lines('2026-03');
    const byDateCode = (a: PayrollLine, b: PayrollLine) => (a.date + a.code < b.date + b.code ? -1 : 1);
    expect([...march].sort(byDateCode).map((l) => [l.date, l.code, l.hours, l.sickDay, l.unpaidReason, l.adjustsPeriod])).toEqual([
      ['2026-02-02', 'SJK', 8, null, 'not_reported', '2026-02'],
      ['2026-02-02', 'SJK_KAR', -8, 1, null, '2026-02'],
      ['2026-02-03', 'SJK_KAR', 8, 1, null, '2026-02'],
      ['2026-02-03', 'SJK_LÖN', -8, 2, null, '2026-02'],
    ]);
    // Attested as prevented from reporting: back to what February paid, so the adjustments net to nothing.
    await ledger.correct(a, {}); // a correction (only its reason: in hospital, could not phone) reopens the case
    await ledger.attest(a, true);
    expect(await ledger.lines('2026-03')).toEqual([]);
  });

  it('särskilt högriskskydd recorded later takes the karensavdrag away and marks the lines', async () => {
    const a = await ledger.report('E1', 'sick', '2026-03-02', '2026-03-03');
    await ledger.attest(a);
    expect(view(await ledger.lines('2026-03')).map((l) => l[1])).toEqual(['SJK_KAR', 'SJK_LÖN']);
    await ledger.highRiskProtection('E1', '2026-01-01', '2026-12-31');
    expect((await ledger.lines('2026-03')).map((l) => [l.date, l.code, l.flags])).toEqual([
      ['2026-03-02', 'SJK_LÖN', ['high_risk_protection']],
      ['2026-03-03', 'SJK_LÖN', ['high_risk_protection']],
    ]);
  });

  it('reverses an attested withdrawal of a paid case, keeps the adjustment when its own period locks, and nets a withdrawn adjustment', async () => {
    // VAB Tue 3 Feb 2026 (8 h), paid in February. Withdrawn in March: −8 h in March.
    const a = await ledger.report('E1', 'care_of_child', '2026-02-03', '2026-02-03');
    await ledger.attest(a);
    await ledger.lock('2026-02');
    await ledger.withdraw(a);
    await ledger.attest(a);
    const [reversal] = await ledger.lines('2026-03');
    expect(reversal).toMatchObject({ date: '2026-02-03', code: 'VAB', hours: -8, adjustsPeriod: '2026-02', type: 'care_of_child', attestedBy: 'M1' });
  });

  it('takes back an adjustment that is no longer owed: a case first attested after the lock, then withdrawn', async () => {
    // February is locked before anything is attested in it; then a VAB day, Tue 3 Feb (8 h), is attested: +8 h in March.
    await ledger.lock('2026-02');
    const a = await ledger.report('E1', 'care_of_child', '2026-02-03', '2026-02-03');
    await ledger.attest(a);
    expect(view(await ledger.lines('2026-03'))).toEqual([['2026-02-03', 'VAB', 8, '2026-02']]);
    // Withdrawn before March is paid: nothing was paid for February and nothing is owed, so March holds nothing.
    await ledger.withdraw(a);
    await ledger.attest(a);
    expect(await ledger.lines('2026-03')).toEqual([]);
  });

  it('adjusts a locked period when the employment changes retroactively', async () => {
    // Vacation Mon 2 Feb at full time (8 h), locked. Then HR records 50 % from 1 Feb: 4 h, so −4 h in March.
    const a = await ledger.report('E1', 'vacation', '2026-02-02', '2026-02-02');
    await ledger.attest(a);
    await ledger.lock('2026-02');
    await ledger.hire('E1', 50, '2026-02-01');
    expect(view(await ledger.lines('2026-03'))).toEqual([['2026-02-02', 'SEM', -4, '2026-02']]);
  });

  it('runs an open-ended case to the end of the month asked for, stores it up to the horizon, and freezes it at lock', async () => {
    // VAB from Mon 30 March 2026, open-ended; the ledger's clock is in April (horizon 2026-04).
    const a = await ledger.report('E1', 'care_of_child', '2026-03-30', null);
    await ledger.attest(a);
    // March: Mon 30, Tue 31. April: 22 weekdays minus Good Friday and Easter Monday = 20.
    expect((await ledger.lines('2026-03')).map((l) => l.date)).toEqual(['2026-03-30', '2026-03-31']);
    expect(await ledger.lines('2026-04')).toHaveLength(20);
    // May is beyond the horizon: computed when asked for. 21 weekdays minus 1 May and Ascension (14 May) = 19.
    const may = await ledger.lines('2026-05');
    expect(may).toHaveLength(19);
    expect(may.map((l) => l.date)).not.toContain('2026-05-14');

    // The clock moves into May: May is stored now, with the same lineIds.
    ledger.now = '2026-05-04T08:00:00.000Z';
    await ledger.hire('E2');
    expect((await ledger.lines('2026-05')).map((l) => l.lineId)).toEqual(may.map((l) => l.lineId));

    // April is locked with 20 paid days; the return is reported for Fri 10 April and attested in May.
    // April's scheduled days up to the 10th: 1, 2, 7, 8, 9, 10 (3 is Good Friday, 6 Easter Monday) = 6,
    // so 20 − 6 = 14 paid days are reversed in May, the earliest open period.
    await ledger.lock('2026-04');
    await ledger.reportReturn(a, '2026-04-10');
    await ledger.attest(a);
    const mayNow = await ledger.lines('2026-05');
    const reversals = mayNow.filter((l) => l.adjustsPeriod === '2026-04');
    expect(reversals).toHaveLength(20 - 6);
    expect(reversals.every((l) => l.hours === -8 && l.date > '2026-04-10')).toBe(true);
    // No regular May lines remain.
    expect(mayNow.filter((l) => l.adjustsPeriod === null)).toEqual([]);
  });

  it('serves the stored adjustments together with the computed lines in a month after the horizon', async () => {
    // Open-ended VAB from Mon 30 March 2026, clock in April: March and April are locked with 2 + 20 days of 8 h.
    const a = await ledger.report('E1', 'care_of_child', '2026-03-30', null);
    await ledger.attest(a);
    await ledger.lock('2026-03');
    await ledger.lock('2026-04');
    // Corrected to 50 % and attested (still in April): every paid day is 4 h too much. May, the earliest
    // open period, is after the horizon: its 19 regular lines (4 h) are computed, its 22 adjustments stored.
    await ledger.correct(a, { extentPercent: 50 });
    await ledger.attest(a);
    const may = await ledger.lines('2026-05');
    expect(may.filter((l) => l.adjustsPeriod === null).map((l) => l.hours)).toEqual(Array(19).fill(4));
    const adjustments = may.filter((l) => l.adjustsPeriod !== null);
    expect(adjustments.filter((l) => l.adjustsPeriod === '2026-03').map((l) => [l.date, l.hours])).toEqual([
      ['2026-03-30', -4],
      ['2026-03-31', -4],
    ]);
    expect(adjustments.filter((l) => l.adjustsPeriod === '2026-04')).toHaveLength(20);
    expect(may.map((l) => l.lineId)).toEqual([...may.map((l) => l.lineId)].sort());
    expect(new Set(may.map((l) => l.postId)).size).toBe(19 + 22);
  });

  it('gives every stored line its own postid, and keeps it while the line stays', async () => {
    await ledger.hire('E2');
    const a = await ledger.report('E1', 'vacation', '2026-03-02', '2026-03-06');
    const b = await ledger.report('E2', 'vacation', '2026-03-02', '2026-03-06');
    await ledger.attest(a);
    await ledger.attest(b);
    const before = await ledger.lines('2026-03');
    const postIds = before.map((l) => l.postId);
    expect(new Set(postIds).size).toBe(10);
    expect([...postIds].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // a shrinks to Mon–Wed at 50 %: its three remaining lines keep their postids (same lineIds).
    await ledger.correct(a, { to: '2026-03-04', extentPercent: 50 });
    await ledger.attest(a);
    const after = await ledger.lines('2026-03');
    expect(after).toHaveLength(8);
    for (const l of after) expect(l.postId).toBe(before.find((x) => x.lineId === l.lineId)!.postId);
  });

  it('changes nothing when an event is applied twice', async () => {
    const a = await ledger.report('E1', 'sick', '2026-03-02', '2026-03-04');
    const attested = await ledger.attest(a);
    await ledger.lock('2026-03');
    const lines = await ledger.lines('2026-03');
    ledger.fresh();
    for (const event of ledger.log) await ledger.apply(event);
    await ledger.apply(attested);
    expect(await ledger.lines('2026-03')).toEqual(lines);
    expect(await ledger.lines('2026-04')).toEqual([]);
  });

  it('pages in lineId order, each line once, across stored and computed employees, as the JSON text docs/http-api.md gives', async () => {
    const all = await threeEmployeesInMay(ledger);
    // E1, E2: Mon 4 – Fri 8 May = 5 each; E3: 19 scheduled days in May.
    expect(all).toHaveLength(5 + 5 + 19);
    expect(all.map((l) => l.lineId)).toEqual([...all.map((l) => l.lineId)].sort());
    const served = all.map(({ postId: _, ...line }) => line);
    for (const limit of [1, 4, 5, 7, 10, 100]) {
      const seen: PayrollLine[] = [];
      let after: string | undefined;
      for (let i = 0; i < 100; i++) {
        const page = await ledger.reader().page('2026-05', { after, limit });
        const body = JSON.parse(page.json.toString('utf8')) as { period: string; status: string; lines: PayrollLine[]; next: string | null };
        // The text is what JSON.stringify of the page would be, field order included.
        expect(page.json.toString('utf8')).toBe(JSON.stringify({ period: '2026-05', status: 'open', lines: body.lines, next: page.next }));
        expect(body.lines).toHaveLength(page.count);
        seen.push(...body.lines);
        if (page.next === null) break;
        expect(page.count).toBe(limit);
        expect(page.next).toBe(body.lines[limit - 1].lineId);
        after = page.next;
      }
      expect(seen).toEqual(served);
    }
    // A cursor that is not a lineId still pages by order.
    const fromE2 = JSON.parse((await ledger.reader().page('2026-05', { after: 'E2', limit: 100 })).json.toString('utf8')) as { lines: PayrollLine[] };
    expect(fromE2.lines.every((l) => l.lineId > 'E2' && l.employeeId !== 'E1')).toBe(true);
    expect(fromE2.lines).toHaveLength(5 + 19);
  });

  it('serves a snapshot in batches of whole documents: the same lines and postids, unchanged by later events', async () => {
    const all = await threeEmployeesInMay(ledger);
    const snapshot = await ledger.reader().snapshot('2026-05');
    // A case attested after the snapshot was read is not in it.
    await ledger.hire('E4');
    await ledger.attest(await ledger.report('E4', 'vacation', '2026-05-11', '2026-05-12'));
    for (const size of [1, 6, 1000]) {
      const batches = [...snapshot.batches(size)];
      const lines = batches.flatMap((b) => b.lines.map((l, i) => ({ ...l, postId: b.postIds[i] })));
      expect(lines).toEqual(all);
      // Whole documents: a batch ends at an employee's last line.
      for (const b of batches.slice(0, -1)) expect(b.lines.length).toBeGreaterThanOrEqual(size);
      expect(new Set(batches.flatMap((b) => b.lines.map((l) => l.employeeId))).size).toBe(3);
    }
    expect(batchesOf(snapshot, 5)).toEqual([5, 5, 19]);
    expect(batchesOf(snapshot, 6)).toEqual([10, 19]);
    expect(await ledger.lines('2026-05')).toHaveLength(5 + 5 + 19 + 2);
  });
});

/**
 * Given three employees with lines in May 2026 (E1 and E2 a week of vacation each; E3 an
 * open-ended sick case, so May, after the April horizon, is partly computed), May's lines.
 */
async function threeEmployeesInMay(ledger: Ledger): Promise<Array<PayrollLine & { postId: number }>> {
  await ledger.hire('E2');
  await ledger.hire('E3');
  for (const e of ['E1', 'E2']) await ledger.attest(await ledger.report(e, 'vacation', '2026-05-04', '2026-05-08'));
  await ledger.attest(await ledger.report('E3', 'sick', '2026-04-27', null));
  return ledger.lines('2026-05');
}

const batchesOf = (snapshot: PayrollPeriodSnapshot, size: number) => [...snapshot.batches(size)].map((b) => b.lines.length);
