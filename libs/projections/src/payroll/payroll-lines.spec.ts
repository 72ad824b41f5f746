import type { EmploymentPeriod } from '@ledger/swedish-rules';
import { AttestedFacts, absentHours, adjustmentsFor, computeLines, earliestOpenAfter, lineIdOf } from './payroll-lines';

const FULL_TIME: EmploymentPeriod[] = [{ effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 }];

const attested = (absenceId: string, facts: Partial<AttestedFacts> & Pick<AttestedFacts, 'from' | 'to'>): AttestedFacts => ({
  absenceId,
  type: 'sick',
  extentPercent: 100,
  withdrawn: false,
  attestedBy: 'M1',
  attestedAt: '2026-04-02T07:00:00.000Z',
  notifiedOn: null,
  preventedFromReporting: false,
  ...facts,
});

/** [date, code, hours, sickDay] of each line. */
const summary = (lines: ReturnType<typeof computeLines>) => lines.map((l) => [l.date, l.code, l.hours, l.sickDay]);

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

describe('payroll lines', () => {
  it('chains sick cases: Mon–Thu sick, back Friday, sick again Tuesday is sick day 5 with no second SJK_KAR', () => {
    // 2 March 2026 is a Monday. Case a: Mon 2 – Thu 5 March = sick days 1–4. Back Fri 6 March.
    // Case b starts Tue 10 March: 5 calendar days after the 5th, so it continues the period:
    // Tue 10 = day 5, Wed 11 = day 6 (gap days 6–9 March are not counted). Full time: 40 / 5 = 8 h a day.
    const lines = computeLines(
      FULL_TIME,
      [attested('a', { from: '2026-03-02', to: '2026-03-05' }), attested('b', { from: '2026-03-10', to: '2026-03-11' })],
      MARCH,
      MARCH.to,
    );
    expect(summary(lines)).toEqual([
      ['2026-03-02', 'SJK_KAR', 8, 1],
      ['2026-03-03', 'SJK_LÖN', 8, 2],
      ['2026-03-04', 'SJK_LÖN', 8, 3],
      ['2026-03-05', 'SJK_LÖN', 8, 4],
      ['2026-03-10', 'SJK_LÖN', 8, 5],
      ['2026-03-11', 'SJK_LÖN', 8, 6],
    ]);
    expect(lines.map((l) => l.absenceId)).toEqual(['a', 'a', 'a', 'a', 'b', 'b']);
  });

  it('codes a 20-day case SJK_KAR, SJK_LÖN to day 14, SJK_ERS from day 15, with no lines on weekends', () => {
    // Mon 2 – Sat 21 March 2026 are sick days 1–20 (day n = March n+1).
    // Scheduled days: Mon 2 (day 1, KAR); Tue 3 – Fri 6 (days 2–5) and Mon 9 – Fri 13 (days 8–12): LÖN;
    // day 14 is Sunday 15 March; Mon 16 – Fri 20 are days 15–19: ERS. Sat 21 (day 20) is not scheduled.
    const lines = computeLines(FULL_TIME, [attested('a', { from: '2026-03-02', to: '2026-03-21' })], MARCH, MARCH.to);
    expect(summary(lines)).toEqual([
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
    // 1 + 9 + 5 = 15 lines of 8 h = 120 h.
    expect(lines.reduce((s, l) => s + l.hours, 0)).toBe(120);
  });

  it('pays part time: 75 % of 40 h is 6 h a day, and a 50 % absence of that is 3 h', () => {
    // 40 / 5 × 75 / 100 = 6 h scheduled; 6 × 50 / 100 = 3 h absent. Mon 9 – Wed 11 March 2026.
    const partTime: EmploymentPeriod[] = [{ effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 75, weeklyHours: 40 }];
    const lines = computeLines(partTime, [attested('v', { type: 'vacation', from: '2026-03-09', to: '2026-03-11', extentPercent: 50 })], MARCH, MARCH.to);
    expect(summary(lines)).toEqual([
      ['2026-03-09', 'SEM', 3, null],
      ['2026-03-10', 'SEM', 3, null],
      ['2026-03-11', 'SEM', 3, null],
    ]);
    expect(lines.every((l) => l.extentPercent === 50 && l.type === 'vacation')).toBe(true);
  });

  it('rounds hours to 2 decimals: 80 % of 40 h at 33 % extent', () => {
    // 40 × 80 / 500 = 6.4 h; 6.4 × 33 / 100 = 2.112 → 2.11. And 7.65 × 50 % = 3.825 → 3.83 (half up).
    expect(absentHours(6.4, 33)).toBe(2.11);
    expect(absentHours(7.65, 50)).toBe(3.83);
    expect(absentHours(6.4, 75)).toBe(4.8);
  });

  it('gives no line on a public holiday inside an absence', () => {
    // Vacation Mon 11 – Fri 15 May 2026; Thu 14 May is Kristi himmelsfärdsdag: 4 lines, not 5.
    const lines = computeLines(FULL_TIME, [attested('v', { type: 'vacation', from: '2026-05-11', to: '2026-05-15' })], { from: '2026-05-01', to: '2026-05-31' }, '2026-05-31');
    expect(summary(lines)).toEqual([
      ['2026-05-11', 'SEM', 8, null],
      ['2026-05-12', 'SEM', 8, null],
      ['2026-05-13', 'SEM', 8, null],
      ['2026-05-15', 'SEM', 8, null],
    ]);
  });

  it('maps every other type to its tidkod', () => {
    const types = [
      ['care_of_child', 'VAB'],
      ['parental_leave', 'FPE'],
      ['leave_of_absence', 'TJL'],
      ['comp_leave', 'KOM'],
      ['care_of_relative', 'NÄR'],
      ['pregnancy_benefit', 'HAV'],
      ['training', 'UTB'],
      ['military_service', 'MIL'],
      ['union_duty', 'FAC'],
    ] as const;
    // One weekday each, Mon 2 … Thu 12 March (skipping the weekend). Work injury is sickness (below).
    const days = ['02', '03', '04', '05', '06', '09', '10', '11', '12'];
    const lines = computeLines(
      FULL_TIME,
      types.map(([type], i) => attested(type, { type, from: `2026-03-${days[i]}`, to: `2026-03-${days[i]}` })),
      MARCH,
      MARCH.to,
    );
    expect(lines.map((l) => [l.type, l.code])).toEqual(types.map(([t, c]) => [t, c]));
  });

  it('runs an open-ended case to the end of the period and only within the range asked for', () => {
    // VAB from Mon 30 March 2026 without a last day. For March: Mon 30 and Tue 31.
    // For April: 22 weekdays minus Good Friday (3rd) and Easter Monday (6th) = 20 lines.
    const vab = attested('c', { type: 'care_of_child', from: '2026-03-30', to: null });
    expect(summary(computeLines(FULL_TIME, [vab], MARCH, MARCH.to))).toEqual([
      ['2026-03-30', 'VAB', 8, null],
      ['2026-03-31', 'VAB', 8, null],
    ]);
    const april = computeLines(FULL_TIME, [vab], { from: '2026-04-01', to: '2026-04-30' }, '2026-04-30');
    expect(april).toHaveLength(20);
    expect(april.map((l) => l.date)).not.toContain('2026-04-03');
    expect(april.map((l) => l.date)).not.toContain('2026-04-06');
    // A case that starts after the open end has no days yet.
    expect(computeLines(FULL_TIME, [attested('d', { from: '2026-04-01', to: null })], MARCH, MARCH.to)).toEqual([]);
  });

  it('codes across the range: a sick day in April continues a period that began in March', () => {
    // Sick Mon 30 March – Thu 2 April: days 1–4, Mon 30 = KAR. Asking for April only still numbers Wed 1 as day 3.
    const lines = computeLines(FULL_TIME, [attested('a', { from: '2026-03-30', to: '2026-04-02' })], { from: '2026-04-01', to: '2026-04-30' }, '2026-04-30');
    expect(summary(lines)).toEqual([
      ['2026-04-01', 'SJK_LÖN', 8, 3],
      ['2026-04-02', 'SJK_LÖN', 8, 4],
    ]);
  });

  it('applies högriskskydd: after 10 karensavdrag in 12 months, the next period has no SJK_KAR', () => {
    // Ten one-day sick Mondays, two weeks apart from 2 June 2025: each its own period (gap > 5 days), each SJK_KAR.
    const mondays = ['2025-06-02', '2025-06-16', '2025-06-30', '2025-07-14', '2025-07-28', '2025-08-11', '2025-08-25', '2025-09-08', '2025-09-22', '2025-10-06'];
    const cases = mondays.map((d, i) => attested(`k${i}`, { from: d, to: d }));
    cases.push(attested('k10', { from: '2025-10-20', to: '2025-10-21' }));
    const lines = computeLines(FULL_TIME, cases, { from: '2025-06-01', to: '2025-10-31' }, '2025-10-31');
    expect(lines.filter((l) => l.code === 'SJK_KAR')).toHaveLength(10);
    expect(summary(lines.filter((l) => l.absenceId === 'k10'))).toEqual([
      ['2025-10-20', 'SJK_LÖN', 8, 1],
      ['2025-10-21', 'SJK_LÖN', 8, 2],
    ]);
  });

  it('follows the employment history: hours change from effectiveFrom, and nothing is paid before employment', () => {
    // 100 % until Tue 10 March, 50 % of 40 h (4 h) from Wed 11 March. Employed from Tue 3 March.
    const history: EmploymentPeriod[] = [
      { effectiveFrom: '2026-03-03', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
      { effectiveFrom: '2026-03-11', departmentId: 'D1', employmentPercent: 50, weeklyHours: 40 },
    ];
    const lines = computeLines(history, [attested('v', { type: 'vacation', from: '2026-03-02', to: '2026-03-12' })], MARCH, MARCH.to);
    expect(lines.map((l) => [l.date, l.hours])).toEqual([
      ['2026-03-03', 8],
      ['2026-03-04', 8],
      ['2026-03-05', 8],
      ['2026-03-06', 8],
      ['2026-03-09', 8],
      ['2026-03-10', 8],
      ['2026-03-11', 4],
      ['2026-03-12', 4],
    ]);
  });

  it('codes a work injury like sickness, chained with a sick case, keeping its own type', () => {
    // Sick Mon 2 – Tue 3 March (days 1–2), then work injury Thu 5 – Fri 6 March: chained (2 days after),
    // days 3–4 (the gap day, Wed 4, is not counted).
    const lines = computeLines(FULL_TIME, [attested('s', { from: '2026-03-02', to: '2026-03-03' }), attested('w', { type: 'work_injury', from: '2026-03-05', to: '2026-03-06' })], MARCH, MARCH.to);
    expect(lines.map((l) => [l.date, l.type, l.code, l.sickDay])).toEqual([
      ['2026-03-02', 'sick', 'SJK_KAR', 1],
      ['2026-03-03', 'sick', 'SJK_LÖN', 2],
      ['2026-03-05', 'work_injury', 'SJK_LÖN', 3],
      ['2026-03-06', 'work_injury', 'SJK_LÖN', 4],
    ]);
  });

  it('SjLL 8 §: a Wednesday report for sickness since Monday pays from Wednesday; prevented from reporting pays from Monday', () => {
    // Sick Mon 9 – Fri 13 March 2026, the employer told on Wed 11 March.
    const late = attested('a', { from: '2026-03-09', to: '2026-03-13', notifiedOn: '2026-03-11' });
    expect(computeLines(FULL_TIME, [late], MARCH, MARCH.to).map((l) => [l.date, l.code, l.hours, l.sickDay, l.unpaidReason])).toEqual([
      ['2026-03-09', 'SJK', 8, null, 'not_reported'],
      ['2026-03-10', 'SJK', 8, null, 'not_reported'],
      ['2026-03-11', 'SJK_KAR', 8, 1, null],
      ['2026-03-12', 'SJK_LÖN', 8, 2, null],
      ['2026-03-13', 'SJK_LÖN', 8, 3, null],
    ]);
    expect(summary(computeLines(FULL_TIME, [{ ...late, preventedFromReporting: true }], MARCH, MARCH.to))).toEqual([
      ['2026-03-09', 'SJK_KAR', 8, 1],
      ['2026-03-10', 'SJK_LÖN', 8, 2],
      ['2026-03-11', 'SJK_LÖN', 8, 3],
      ['2026-03-12', 'SJK_LÖN', 8, 4],
      ['2026-03-13', 'SJK_LÖN', 8, 5],
    ]);
  });

  it('draws the karensavdrag in hours: 50 % sick at a 75 % employment gives SJK_KAR 3 h on two days', () => {
    // 40 h × 75 % = 30 h a week, 6 h a day; 50 % sick = 3 h; karensavdrag 20 % × 30 = 6 h: Mon 3 + Tue 3.
    const partTime: EmploymentPeriod[] = [{ effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 75, weeklyHours: 40 }];
    expect(summary(computeLines(partTime, [attested('a', { from: '2026-03-02', to: '2026-03-04', extentPercent: 50 })], MARCH, MARCH.to))).toEqual([
      ['2026-03-02', 'SJK_KAR', 3, 1],
      ['2026-03-03', 'SJK_KAR', 3, 2],
      ['2026-03-04', 'SJK_LÖN', 3, 3],
    ]);
  });

  it('marks lines under särskilt högriskskydd, and an extent Försäkringskassan does not pay from day 15', () => {
    // Decision from 1 March; sick 60 % Mon 2 – Mon 16 March: no karensavdrag, days 1–14 flagged; day 15 (16th) at 60 % flagged.
    const lines = computeLines(FULL_TIME, [attested('a', { from: '2026-03-02', to: '2026-03-16', extentPercent: 60 })], MARCH, MARCH.to, [{ from: '2026-03-01', to: '2026-12-31' }]);
    expect(lines[0]).toMatchObject({ date: '2026-03-02', code: 'SJK_LÖN', hours: 4.8, flags: ['high_risk_protection'] });
    expect(lines[lines.length - 1]).toMatchObject({ date: '2026-03-16', code: 'SJK_ERS', sickDay: 15, flags: ['extent_not_payable_from_day_15'] });
  });

  it('ignores withdrawn cases', () => {
    expect(computeLines(FULL_TIME, [attested('w', { from: '2026-03-02', to: '2026-03-05', withdrawn: true })], MARCH, MARCH.to)).toEqual([]);
  });
});

describe('adjustments', () => {
  const paidLine = (date: string, code: string, hours: number, extra: Partial<AttestedFacts> = {}) => ({
    absenceId: 'a',
    date,
    type: 'sick',
    code,
    hours,
    extentPercent: 100,
    sickDay: 2,
    unpaidReason: null,
    flags: [],
    attestedBy: 'M1',
    attestedAt: '2026-02-02T07:00:00.000Z',
    ...extra,
  });
  const withdrawal = () => ({ attestedBy: 'M2', attestedAt: '2026-03-05T07:00:00.000Z' });

  it('nets current minus paid per absence, date and code', () => {
    // Paid 8 h on 3 Feb; now 50 %: 4 − 8 = −4 h. 4 Feb unchanged: no line. 5 Feb new: +8 h.
    const current = [
      { ...paidLine('2026-02-03', 'SJK_LÖN', 4), extentPercent: 50, attestedBy: 'M3', attestedAt: '2026-03-04T07:00:00.000Z' },
      paidLine('2026-02-04', 'SJK_LÖN', 8),
      paidLine('2026-02-05', 'SJK_LÖN', 8),
    ];
    const paid = [paidLine('2026-02-03', 'SJK_LÖN', 8), paidLine('2026-02-04', 'SJK_LÖN', 8)];
    expect(adjustmentsFor(current, paid, withdrawal).map((l) => [l.date, l.code, l.hours, l.extentPercent, l.attestedBy])).toEqual([
      ['2026-02-03', 'SJK_LÖN', -4, 50, 'M3'],
      ['2026-02-05', 'SJK_LÖN', 8, 100, 'M1'],
    ]);
  });

  it('reverses a withdrawn day with the attestation that took it away, and moves a changed code', () => {
    // Paid 3 Feb as SJK_KAR; it is now SJK_LÖN (an earlier case chained in): −8 KAR, +8 LÖN. 4 Feb withdrawn: −8.
    const paid = [paidLine('2026-02-03', 'SJK_KAR', 8), paidLine('2026-02-04', 'SJK_LÖN', 8)];
    const current = [paidLine('2026-02-03', 'SJK_LÖN', 8)];
    expect(adjustmentsFor(current, paid, withdrawal).map((l) => [l.date, l.code, l.hours, l.attestedBy])).toEqual([
      ['2026-02-03', 'SJK_KAR', -8, 'M2'],
      ['2026-02-03', 'SJK_LÖN', 8, 'M1'],
      ['2026-02-04', 'SJK_LÖN', -8, 'M2'],
    ]);
  });

  it('counts adjustments already paid: paid 8 then −4 leaves nothing when the current is 4', () => {
    const paid = [paidLine('2026-02-03', 'SJK_LÖN', 8), paidLine('2026-02-03', 'SJK_LÖN', -4)];
    expect(adjustmentsFor([paidLine('2026-02-03', 'SJK_LÖN', 4)], paid, withdrawal)).toEqual([]);
    // 0.1 + 0.2 in binary is not 0.3; in cents it is.
    expect(adjustmentsFor([paidLine('2026-02-03', 'SJK_LÖN', 0.3)], [paidLine('2026-02-03', 'SJK_LÖN', 0.1), paidLine('2026-02-03', 'SJK_LÖN', 0.2)], withdrawal)).toEqual([]);
  });

  it('puts adjustments in the earliest open period after the locked one', () => {
    expect(earliestOpenAfter('2026-02', new Set(['2026-02']))).toBe('2026-03');
    expect(earliestOpenAfter('2026-02', new Set(['2026-02', '2026-03', '2026-04']))).toBe('2026-05');
    expect(earliestOpenAfter('2025-12', new Set(['2025-12', '2026-01']))).toBe('2026-02');
  });
});

describe('lineId', () => {
  it('is deterministic, starts with the employee and date, and differs by code, period and adjusted period', () => {
    const line = { absenceId: 'a', date: '2026-03-02', code: 'SJK_KAR' };
    const id = lineIdOf('2026-03', 'E1', line, null);
    expect(id).toMatch(/^E1:2026-03-02:[0-9a-f]{16}$/);
    expect(lineIdOf('2026-03', 'E1', line, null)).toBe(id);
    expect(lineIdOf('2026-03', 'E1', { ...line, code: 'SJK_LÖN' }, null)).not.toBe(id);
    expect(lineIdOf('2026-04', 'E1', line, '2026-03')).not.toBe(lineIdOf('2026-05', 'E1', line, '2026-03'));
    expect(lineIdOf('2026-04', 'E1', line, '2026-03')).not.toBe(lineIdOf('2026-04', 'E1', line, null));
  });

  it('never changes: payroll systems keep lineIds, so these are golden values (sha256 of period|employee|absence|date|code|adjustsPeriod)', () => {
    const line = { absenceId: 'abs-1', date: '2025-03-03', code: 'SJK_LÖN' };
    expect(lineIdOf('2025-03', 'E1', line, null)).toBe('E1:2025-03-03:a225993001c1b8ae');
    expect(lineIdOf('2025-04', 'E1', line, '2025-03')).toBe('E1:2025-03-03:0943d0a7b73b9fb7');
  });

  it('sorts one employee’s lines together: the lineId order is the order of the employee keys', () => {
    // "E1-x" sorts before "E1:" because '-' < ':'; and so do all of their lines.
    const ids = ['E1', 'E1-x', 'E10', 'E2'].map((e) => lineIdOf('2026-03', e, { absenceId: 'a', date: '2026-03-02', code: 'VAB' }, null));
    const keys = ['E1:', 'E1-x:', 'E10:', 'E2:'];
    const byId = [...ids].sort();
    const byKey = [...keys].sort();
    expect(byId.map((id) => id.slice(0, id.indexOf(':') + 1))).toEqual(byKey);
  });
});
