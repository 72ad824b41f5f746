import { complementarySuppression, EmployeeYearFigures, Gender, longTermSickDates, statutorySickLeaveFigures } from '@ledger/swedish-rules';

const row = (employeeId: string, gender: Gender, birthYear: number, scheduledHours: number, sickHours: number, longTermSickHours = 0): EmployeeYearFigures => ({
  employeeId,
  gender,
  birthYear,
  scheduledHours,
  sickHours,
  longTermSickHours,
});

describe('statutory sick-leave figures', () => {
  // Year 2025. Age = 2025 − birthYear: 1996 → 29, 1995 → 30, 1976 → 49, 1975 → 50, 1990 → 35.
  const rows: EmployeeYearFigures[] = [
    // 11 women, 1000 h each: W1–W10 50 sick hours, W11 600 sick hours, all long-term.
    ...Array.from({ length: 10 }, (_, i) => row(`W${i + 1}`, 'female', i < 6 ? 1996 : 1975, 1000, 50)),
    row('W11', 'female', 1975, 1000, 600, 600),
    // 10 men, 1000 h each, 100 sick hours each; M1–M5 aged 30, M6–M10 aged 49.
    ...Array.from({ length: 10 }, (_, i) => row(`M${i + 1}`, 'male', i < 5 ? 1995 : 1976, 1000, 100)),
    // Gender other, aged 35, 500 h, no sickness: in the total and the 30–49 group, not in women or men.
    row('O1', 'other', 1990, 500, 0),
    // No scheduled hours (e.g. on leave all year): not counted anywhere.
    row('U1', 'unknown', 1980, 0, 0),
  ];

  const figures = statutorySickLeaveFigures(2025, rows);

  it('totals only employees with scheduled hours', () => {
    // 22 employees; scheduled 11 000 + 10 000 + 500 = 21 500 h; sick 10 × 50 + 600 + 10 × 100 = 2 100 h;
    // 2 100 / 21 500 = 9.7674…% → 9.77.
    expect(figures.year).toBe(2025);
    expect(figures.employees).toBe(22);
    expect(figures.total).toEqual({ scheduledHours: 21500, sickHours: 2100, ratePercent: 9.77, suppressed: false });
  });

  it('gives the long-term share of the sick hours', () => {
    // 600 / 2 100 = 28.571…% → 28.57
    expect(figures.longTermSharePercent).toBe(28.57);
  });

  it('shows a group of 11 and suppresses a group of 10', () => {
    // Women: 1 100 / 11 000 = 10 %.
    expect(figures.women).toEqual({ employees: 11, ratePercent: 10, suppressed: false });
    // Men: 10 employees → suppressed, not 0 and not 10 %.
    expect(figures.men).toEqual({ employees: 10, ratePercent: null, suppressed: true });
  });

  it('rates each age group over its own scheduled hours', () => {
    // ≤ 29: W1–W6 = 6 employees → suppressed.
    expect(figures.age29OrYounger).toEqual({ employees: 6, ratePercent: null, suppressed: true });
    // 30–49: M1–M10 + O1 = 11; sick 1 000 h over 10 000 + 500 = 10 500 h = 9.5238…% → 9.52 (not the total's 9.77).
    expect(figures.age30To49).toEqual({ employees: 11, ratePercent: 9.52, suppressed: false });
    // ≥ 50: W7–W11 = 5 → suppressed.
    expect(figures.age50OrOlder).toEqual({ employees: 5, ratePercent: null, suppressed: true });
  });

  it('takes a configured suppression limit', () => {
    const loose = statutorySickLeaveFigures(2025, rows, { suppressAtOrBelow: 5 });
    // ≥ 50 (5) is suppressed; alone it would follow from the total and the two others, so the smallest
    // shown group, ≤ 29 (6), is suppressed too: together 11 > 5. 30–49 (11) is shown.
    expect(loose.age29OrYounger).toEqual({ employees: 6, ratePercent: null, suppressed: true });
    expect(loose.age50OrOlder.suppressed).toBe(true);
    expect(loose.age30To49.suppressed).toBe(false);
    // Men (10) pass the limit of 5, but O1 (gender other, never shown) would follow from the total,
    // women and men: the smaller of women and men, men, is suppressed with O1 (together 11 > 5).
    expect(loose.men).toEqual({ employees: 10, ratePercent: null, suppressed: true });
    expect(loose.women).toEqual({ employees: 11, ratePercent: 10, suppressed: false });
  });

  it('has no long-term share without sick hours and no rates without employees', () => {
    const healthy = statutorySickLeaveFigures(2025, Array.from({ length: 11 }, (_, i) => row(`A${i}`, 'female', 1980, 1600, 0)));
    expect(healthy.longTermSharePercent).toBeNull();
    expect(healthy.total.ratePercent).toBe(0);
    const none = statutorySickLeaveFigures(2025, []);
    expect(none.employees).toBe(0);
    expect(none.total).toEqual({ scheduledHours: null, sickHours: null, ratePercent: null, suppressed: true });
    expect(none.women).toEqual({ employees: 0, ratePercent: null, suppressed: true });
  });
});

describe('suppression that cannot be undone by arithmetic (4 kap. 1 a §, prop. 2002/03:6)', () => {
  it('given a 1-person unit, then no total, no long-term share and no group is shown', () => {
    const one = statutorySickLeaveFigures(2025, [row('A', 'female', 1980, 1600, 400, 400)]);
    expect(one.employees).toBe(1);
    expect(one.total).toEqual({ scheduledHours: null, sickHours: null, ratePercent: null, suppressed: true });
    expect(one.longTermSharePercent).toBeNull();
    expect(one.women).toEqual({ employees: 1, ratePercent: null, suppressed: true });
    expect(one.age30To49).toEqual({ employees: 1, ratePercent: null, suppressed: true });
  });

  it('given 11 women and 10 men, then both are suppressed: the men’s rate would follow from the total and the women’s', () => {
    // Women 11 × 1 000 h, 50 sick hours each; men 10 × 1 000 h, 100 each. All aged 35.
    // Total 21 employees: 1 550 / 21 000 = 7.380…% → 7.38 is shown. Had women shown 5 %, men = (1 550 − 550) / 10 000.
    const rows = [
      ...Array.from({ length: 11 }, (_, i) => row(`W${i}`, 'female', 1990, 1000, 50)),
      ...Array.from({ length: 10 }, (_, i) => row(`M${i}`, 'male', 1990, 1000, 100)),
    ];
    const f = statutorySickLeaveFigures(2025, rows);
    expect(f.total).toEqual({ scheduledHours: 21000, sickHours: 1550, ratePercent: 7.38, suppressed: false });
    expect(f.women).toEqual({ employees: 11, ratePercent: null, suppressed: true });
    expect(f.men).toEqual({ employees: 10, ratePercent: null, suppressed: true });
    // The age groups: 0 / 21 / 0: nothing to hide (an empty group is suppressed but covers no one).
    expect(f.age30To49).toEqual({ employees: 21, ratePercent: 7.38, suppressed: false });
  });

  it('given 11 women, 11 men and 1 of another gender, then one of women and men is suppressed too', () => {
    // Otherwise that one person's rate follows from the total, the women's and the men's.
    const rows = [
      ...Array.from({ length: 11 }, (_, i) => row(`W${i}`, 'female', 1990, 1000, 50)),
      ...Array.from({ length: 11 }, (_, i) => row(`M${i}`, 'male', 1990, 1000, 100)),
      row('O', 'other', 1990, 1000, 900),
    ];
    const f = statutorySickLeaveFigures(2025, rows);
    expect([f.women.suppressed, f.men.suppressed].sort()).toEqual([false, true]);
  });

  it('suppresses further age groups until the hidden ones together cover more than 10', () => {
    expect(complementarySuppression([3, 5, 13], [false, false, false], 10)).toEqual([true, true, true]);
    expect(complementarySuppression([4, 8, 13], [false, false, false], 10)).toEqual([true, true, false]);
    expect(complementarySuppression([11, 12, 13], [false, false, false], 10)).toEqual([false, false, false]);
    expect(complementarySuppression([2, 12, 13], [false, false, false], 10)).toEqual([true, true, false]);
  });
});

describe('long-term sick dates', () => {
  it('finds a run of 60 consecutive days made of adjacent spells', () => {
    // 1–30 Jan (30 days) + 31 Jan – 1 Mar 2026 (1 + 28 + 1 = 30 days) = 60 days.
    const dates = longTermSickDates([
      { from: '2026-01-31', to: '2026-03-01' },
      { from: '2026-01-01', to: '2026-01-30' },
    ]);
    expect(dates.size).toBe(60);
    expect(dates.has('2026-01-01')).toBe(true);
    expect(dates.has('2026-03-01')).toBe(true);
    expect(dates.has('2026-03-02')).toBe(false);
  });

  it('does not count 59 days or runs broken by a day back at work', () => {
    // 1 Jan – 28 Feb 2026 = 31 + 28 = 59 days.
    expect(longTermSickDates([{ from: '2026-01-01', to: '2026-02-28' }]).size).toBe(0);
    // 1–30 Jan and 1 Feb – 31 Mar (28 + 31 = 59): 31 Jan breaks the run, neither part reaches 60.
    expect(longTermSickDates([{ from: '2026-01-01', to: '2026-01-30' }, { from: '2026-02-01', to: '2026-03-31' }]).size).toBe(0);
  });

  it('merges overlapping spells and takes another minimum', () => {
    // 1 Jan – 15 Feb and 1 Feb – 1 Mar overlap: 1 Jan – 1 Mar = 60 days.
    expect(longTermSickDates([{ from: '2026-01-01', to: '2026-02-15' }, { from: '2026-02-01', to: '2026-03-01' }]).size).toBe(60);
    // With a minimum of 10: 5–14 Jan (10 days) counts, 20–28 Jan (9 days) does not.
    const short = longTermSickDates([{ from: '2026-01-05', to: '2026-01-14' }, { from: '2026-01-20', to: '2026-01-28' }], 10);
    expect([...short].sort()).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13', '2026-01-14']);
  });
});
