import { toEpochDay } from '@ledger/swedish-rules';
import { employmentSegments, firstWorkdayBetween, isWorkdayEpoch, workdaysBetween, yearOfEpochDay } from './working-calendar';

const day = toEpochDay;

describe('working calendar (memoized isScheduledWorkday)', () => {
  it('counts the ordinary working days of May 2026', () => {
    // May 2026 has 21 weekdays (Fri 1; the weeks of the 4th, 11th, 18th and 25th), less
    // Friday 1 May (första maj) and Thursday 14 May (Kristi himmelfärdsdag): 19.
    expect(workdaysBetween(day('2026-05-01'), day('2026-05-31'))).toBe(19);
    // The week of Ascension: Mon 11 – Sun 17 has 4 working days.
    expect(workdaysBetween(day('2026-05-11'), day('2026-05-17'))).toBe(4);
    expect(isWorkdayEpoch(day('2026-05-14'))).toBe(false);
    expect(isWorkdayEpoch(day('2026-05-15'))).toBe(true);
  });

  it('counts a whole year and across the turn of the year', () => {
    // 2025: 261 weekdays (52 weeks and Wednesday 31 December) less the 12 days off that fall on a
    // weekday: 1 and 6 Jan, 18 and 21 Apr, 1 and 29 May, 6 and 20 Jun (midsommarafton), 24, 25, 26 and 31 Dec.
    expect(workdaysBetween(day('2025-01-01'), day('2025-12-31'))).toBe(249);
    // Mon 29 Dec 2025 – Fri 9 Jan 2026: 29, 30 Dec; 2, 5, 7, 8, 9 Jan (31 Dec, 1 and 6 Jan are off).
    expect(workdaysBetween(day('2025-12-29'), day('2026-01-09'))).toBe(7);
    expect(workdaysBetween(day('2026-01-09'), day('2026-01-08'))).toBe(0);
  });

  it('finds the year of a day and the first working day of a stretch', () => {
    expect(yearOfEpochDay(day('2025-12-31'))).toBe(2025);
    expect(yearOfEpochDay(day('2026-01-01'))).toBe(2026);
    expect(yearOfEpochDay(day('2028-02-29'))).toBe(2028);
    // Christmas 2025: Wed 24, Thu 25, Fri 26 are off, Sat 27 and Sun 28 weekend; Mon 29 is the first working day.
    expect(firstWorkdayBetween(day('2025-12-24'), day('2025-12-31'))).toBe(day('2025-12-29'));
    expect(firstWorkdayBetween(day('2025-12-24'), day('2025-12-28'))).toBeUndefined();
  });

  it('cuts an employment history into segments with scheduledHours per working day', () => {
    const history = [
      { effectiveFrom: '2026-05-18', departmentId: 'D2', employmentPercent: 80, weeklyHours: 40 },
      { effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
    ];
    // Unsorted input; the transfer on Mon 18 May splits May. 40 h × 80 % / 5 = 6.4 h a day in D2.
    expect(employmentSegments(history, day('2026-05-01'), day('2026-05-31'))).toEqual([
      { from: day('2026-05-01'), to: day('2026-05-17'), departmentId: 'D1', hoursPerWorkday: 8 },
      { from: day('2026-05-18'), to: day('2026-05-31'), departmentId: 'D2', hoursPerWorkday: 6.4 },
    ]);
    // Before the first record the employee is not employed: no segment.
    expect(employmentSegments(history, day('2019-12-01'), day('2019-12-31'))).toEqual([]);
    // A stretch without working days keeps its department but has no hours.
    expect(employmentSegments(history, day('2026-05-23'), day('2026-05-24'))).toEqual([
      { from: day('2026-05-23'), to: day('2026-05-24'), departmentId: 'D2', hoursPerWorkday: 0 },
    ]);
  });

  it('lets the later of two records with the same effectiveFrom win, as swedish-rules does', () => {
    const history = [
      { effectiveFrom: '2026-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
      { effectiveFrom: '2026-01-01', departmentId: 'D9', employmentPercent: 50, weeklyHours: 40 },
    ];
    expect(employmentSegments(history, day('2026-01-05'), day('2026-01-09'))).toEqual([
      { from: day('2026-01-05'), to: day('2026-01-09'), departmentId: 'D9', hoursPerWorkday: 4 },
    ]);
  });
});
