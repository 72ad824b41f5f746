import { absenceDecider, AbsenceState } from '@ledger/domain';
import type { EmploymentPeriod } from '@ledger/swedish-rules';
import { extentNotPayableFromDay15 } from './extent-flag';

const FULL_TIME: EmploymentPeriod[] = [{ effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 }];
const sick = (absenceId: string, from: string, to: string | null, extentPercent: number, type: AbsenceState['type'] = 'sick'): AbsenceState => ({
  ...absenceDecider.initialState,
  exists: true,
  absenceId,
  employeeId: 'E1',
  departmentId: 'D1',
  type,
  from,
  to,
  extentPercent,
  // Reported on the first day at 07:00 CET: paid from the first day (SjLL 8 §).
  reportedAt: `${from}T06:00:00.000Z`,
  employerNotifiedAt: `${from}T06:00:00.000Z`,
});

describe('the pending list’s day-15 extent flag', () => {
  it('given 60 % from Mon 2 March 2026 to Mon 16 March (day 15), then it is flagged; to Sun 15 March (day 14), not', () => {
    const reaches = sick('a', '2026-03-02', '2026-03-16', 60);
    expect(extentNotPayableFromDay15(reaches, [reaches], FULL_TIME, '2026-03-20')).toBe(true);
    const short = sick('b', '2026-03-02', '2026-03-15', 60);
    expect(extentNotPayableFromDay15(short, [short], FULL_TIME, '2026-03-20')).toBe(false);
  });

  it('counts the chained period: a 60 % case from day 12 on is flagged from its own fourth day', () => {
    // a: 100 % Mon 2 – Wed 11 March (days 1–10); b: 60 % Fri 13 – Tue 17 March chains (2 days after): Fri 13 = day 11,
    // so Tue 17 = day 15 (the gap day Thu 12 is not counted).
    const a = sick('a', '2026-03-02', '2026-03-11', 100);
    const b = sick('b', '2026-03-13', '2026-03-17', 60);
    expect(extentNotPayableFromDay15(b, [a, b], FULL_TIME, '2026-03-20')).toBe(true);
    expect(extentNotPayableFromDay15(b, [b], FULL_TIME, '2026-03-20')).toBe(false);
  });

  it('never flags 25, 50, 75 or 100 %, nor another type', () => {
    const half = sick('a', '2026-03-02', '2026-04-30', 50);
    expect(extentNotPayableFromDay15(half, [half], FULL_TIME, '2026-05-01')).toBe(false);
    const vab = sick('v', '2026-03-02', '2026-04-30', 60, 'care_of_child');
    expect(extentNotPayableFromDay15(vab, [vab], FULL_TIME, '2026-05-01')).toBe(false);
    const injury = sick('w', '2026-03-02', '2026-04-30', 60, 'work_injury');
    expect(extentNotPayableFromDay15(injury, [injury], FULL_TIME, '2026-05-01')).toBe(true);
  });

  it('runs an open-ended case to today', () => {
    const open = sick('o', '2026-03-02', null, 60);
    expect(extentNotPayableFromDay15(open, [open], FULL_TIME, '2026-03-15')).toBe(false);
    expect(extentNotPayableFromDay15(open, [open], FULL_TIME, '2026-03-16')).toBe(true);
  });
});
