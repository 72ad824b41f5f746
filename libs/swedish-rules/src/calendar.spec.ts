import {
  addDays,
  addMonths,
  daysBetween,
  eachDate,
  eachMonth,
  fromEpochDay,
  isoWeekday,
  monthBounds,
  monthOf,
  toEpochDay,
} from '@ledger/swedish-rules';

describe('calendar arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29'); // 2024 is a leap year
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01'); // 2025 is not
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2026-03-12', 5)).toBe('2026-03-17');
    expect(addDays('2026-01-01', 0)).toBe('2026-01-01');
  });

  it('counts days between dates as to - from', () => {
    // 2026 has 365 days, so 31 Dec is 364 days after 1 Jan.
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    // 2024 has 366 days.
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-17', '2026-03-12')).toBe(-5);
  });

  it('uses 1970-01-01 as day 0', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    // 30 years with 7 leap days (72, 76, 80, 84, 88, 92, 96) = 30*365 + 7 = 10957 days to 2000-01-01,
    // plus 31 (Jan) + 29 (Feb 2000, leap) = 11017 to 2000-03-01.
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(11017)).toBe('2000-03-01');
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });

  it('knows the weekday', () => {
    expect(isoWeekday('2026-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2026-03-09')).toBe(1); // Monday
    expect(isoWeekday('2026-06-06')).toBe(6); // Saturday
    expect(isoWeekday('2026-03-15')).toBe(7); // Sunday
  });

  it('lists dates inclusively', () => {
    expect(eachDate('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDate('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
    expect(eachDate('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('handles months', () => {
    expect(monthOf('2026-03-17')).toBe('2026-03');
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthBounds('2026-04')).toEqual({ first: '2026-04-01', last: '2026-04-30' });
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(eachMonth('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(eachMonth('2026-02', '2026-01')).toEqual([]);
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-03-18', -12)).toBe('2025-03-18');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('rejects things that are not dates', () => {
    expect(() => addDays('2026-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('2026-1-01', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01T00:00', 1)).toThrow(RangeError);
    expect(() => monthBounds('2026-00')).toThrow(RangeError);
  });
});
