import {
  codeSickPay,
  DEFAULT_SICK_RULES,
  EmploymentPeriod,
  karensavdragHours,
  SickPayInput,
  SickPaySpell,
  sickPayStart,
} from '@ledger/swedish-rules';

// Worked examples, hand-computed. March 2026: Mondays are the 2nd, 9th, 16th, 23rd and 30th; no
// public holidays. Sources: SjLL 6–8 §§ and 14 §, prop. 2017/18:96, SKR/Sobona cirkulär 18:54,
// Försäkringskassan's employer pages on sjuklön and särskilt högriskskydd.

const employment = (employmentPercent: number, weeklyHours = 40): EmploymentPeriod[] => [
  { effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent, weeklyHours },
];
const FULL_TIME = employment(100);
const spell = (absenceId: string, from: string, to: string, more: Partial<SickPaySpell> = {}): SickPaySpell => ({
  absenceId,
  from,
  to,
  extentPercent: 100,
  ...more,
});

/** [date, code, hours, sickDay] of each line. */
const lines = (input: Partial<SickPayInput> & Pick<SickPayInput, 'spells'>) =>
  codeSickPay({ employments: FULL_TIME, ...input }).lines.map((l) => [l.date, l.code, l.hours, l.sickDay]);

describe('karensavdrag in hours (SjLL 6 §, prop. 2017/18:96, cirkulär 18:54)', () => {
  const rules = DEFAULT_SICK_RULES[0];

  it('is 20 % of the average weekly working hours', () => {
    // 40 h × 100 % × 20 % = 8 h; 40 × 75 % × 20 % = 6 h; 38.25 × 50 % × 20 % = 3.825 → 3.83 h.
    expect(karensavdragHours(FULL_TIME, '2026-03-02', rules)).toBe(8);
    expect(karensavdragHours(employment(75), '2026-03-02', rules)).toBe(6);
    expect(karensavdragHours(employment(50, 38.25), '2026-03-02', rules)).toBe(3.83);
  });

  it('given a full-time employee sick 50 % Mon–Fri, when coded, then the 8 h are drawn 4 h on Monday and 4 h on Tuesday', () => {
    // 8 h scheduled a day, 50 % → 4 h absent a day. Karensavdrag 8 h: Mon 4 + Tue 4. Wed–Fri SJK_LÖN 4 h.
    expect(lines({ spells: [spell('a', '2026-03-02', '2026-03-06', { extentPercent: 50 })] })).toEqual([
      ['2026-03-02', 'SJK_KAR', 4, 1],
      ['2026-03-03', 'SJK_KAR', 4, 2],
      ['2026-03-04', 'SJK_LÖN', 4, 3],
      ['2026-03-05', 'SJK_LÖN', 4, 4],
      ['2026-03-06', 'SJK_LÖN', 4, 5],
    ]);
  });

  it('given a full-time employee sick 25 % Mon–Fri, when coded, then the karensavdrag runs over four days', () => {
    // 8 h × 25 % = 2 h a day; 8 h of karensavdrag take Mon–Thu (4 × 2 h); Friday is the first SJK_LÖN.
    expect(lines({ spells: [spell('a', '2026-03-02', '2026-03-06', { extentPercent: 25 })] })).toEqual([
      ['2026-03-02', 'SJK_KAR', 2, 1],
      ['2026-03-03', 'SJK_KAR', 2, 2],
      ['2026-03-04', 'SJK_KAR', 2, 3],
      ['2026-03-05', 'SJK_KAR', 2, 4],
      ['2026-03-06', 'SJK_LÖN', 2, 5],
    ]);
  });

  it('given a 75 % employment sick full days, when coded, then the karensavdrag is one 6 h day', () => {
    // 40 / 5 × 75 % = 6 h a day; karensavdrag 20 % × 30 h = 6 h: Monday only.
    expect(lines({ employments: employment(75), spells: [spell('a', '2026-03-02', '2026-03-04')] })).toEqual([
      ['2026-03-02', 'SJK_KAR', 6, 1],
      ['2026-03-03', 'SJK_LÖN', 6, 2],
      ['2026-03-04', 'SJK_LÖN', 6, 3],
    ]);
  });

  it('given a 75 % employment sick 50 %, when coded, then the 6 h are drawn 3 h a day over two days', () => {
    expect(lines({ employments: employment(75), spells: [spell('a', '2026-03-02', '2026-03-04', { extentPercent: 50 })] })).toEqual([
      ['2026-03-02', 'SJK_KAR', 3, 1],
      ['2026-03-03', 'SJK_KAR', 3, 2],
      ['2026-03-04', 'SJK_LÖN', 3, 3],
    ]);
  });

  it('given sick 50 % on Monday and 100 % from Tuesday, when coded, then Tuesday has an SJK_KAR and an SJK_LÖN line', () => {
    // Monday 4 h absent, all karensavdrag; 4 h left. Tuesday 8 h absent: 4 h SJK_KAR + 4 h SJK_LÖN.
    const s = spell('a', '2026-03-02', '2026-03-04', { extentPercent: 50, extents: [{ from: '2026-03-03', extentPercent: 100 }] });
    expect(lines({ spells: [s] })).toEqual([
      ['2026-03-02', 'SJK_KAR', 4, 1],
      ['2026-03-03', 'SJK_KAR', 4, 2],
      ['2026-03-03', 'SJK_LÖN', 4, 2],
      ['2026-03-04', 'SJK_LÖN', 8, 3],
    ]);
  });

  it('carries the karensavdrag across a weekend and into a chained spell', () => {
    // a: Fri 6 – Sat 7 March at 25 % = days 1–2 (Friday 2 h KAR; Saturday not scheduled). Back Sunday.
    // b: Mon 9 at 25 % chains (2 days after): day 3, the gap Sunday not counted. 2 h KAR each on
    // Mon 9, Tue 10, Wed 11 → 8 h in all; Thu 12 (day 6) SJK_LÖN.
    expect(
      lines({
        spells: [spell('a', '2026-03-06', '2026-03-07', { extentPercent: 25 }), spell('b', '2026-03-09', '2026-03-12', { extentPercent: 25 })],
      }),
    ).toEqual([
      ['2026-03-06', 'SJK_KAR', 2, 1],
      ['2026-03-09', 'SJK_KAR', 2, 3],
      ['2026-03-10', 'SJK_KAR', 2, 4],
      ['2026-03-11', 'SJK_KAR', 2, 5],
      ['2026-03-12', 'SJK_LÖN', 2, 6],
    ]);
  });

  it('takes the weekly hours of sick day 1 from the employment history', () => {
    // 50 % employment until 8 March, 100 % from 9 March; sick from Mon 9: karensavdrag 8 h, days of 8 h.
    const history: EmploymentPeriod[] = [
      { effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 50, weeklyHours: 40 },
      { effectiveFrom: '2026-03-09', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
    ];
    expect(codeSickPay({ employments: history, spells: [spell('a', '2026-03-09', '2026-03-10')] }).periods[0]).toMatchObject({ karensHours: 8, karensDrawnHours: 8 });
  });

  it('never draws after day 14: a period of too few hours leaves the karensavdrag partly unmade', () => {
    // 10 % sick, 0.8 h a day, Mon 2 – Sun 15 March (days 1–14): 10 workdays × 0.8 = 8 h: all karensavdrag.
    // At 5 %: 0.4 h × 10 = 4 h drawn of 8; day 15 (Mon 16) is SJK_ERS, never SJK_KAR.
    const result = codeSickPay({ employments: FULL_TIME, spells: [spell('a', '2026-03-02', '2026-03-16', { extentPercent: 5 })] });
    expect(result.lines.filter((l) => l.code === 'SJK_KAR')).toHaveLength(10);
    expect(result.lines[result.lines.length - 1]).toMatchObject({ date: '2026-03-16', code: 'SJK_ERS', hours: 0.4, sickDay: 15 });
    expect(result.periods[0]).toMatchObject({ karensHours: 8, karensDrawnHours: 4 });
  });
});

describe('SjLL 8 §: no sick pay before the employer is notified', () => {
  // Sick since Monday 9 March 2026, reported on Wednesday 11 March, back Monday 16 March.
  const late = spell('a', '2026-03-09', '2026-03-13', { notifiedOn: '2026-03-11' });

  it('given a Wednesday report for sickness since Monday, then Monday and Tuesday are unpaid and Wednesday is day 1 with the karensavdrag', () => {
    const result = codeSickPay({ employments: FULL_TIME, spells: [late] });
    expect(result.lines.map((l) => [l.date, l.code, l.hours, l.sickDay, l.unpaidReason])).toEqual([
      ['2026-03-09', 'SJK', 8, null, 'not_reported'],
      ['2026-03-10', 'SJK', 8, null, 'not_reported'],
      ['2026-03-11', 'SJK_KAR', 8, 1, null],
      ['2026-03-12', 'SJK_LÖN', 8, 2, null],
      ['2026-03-13', 'SJK_LÖN', 8, 3, null],
    ]);
    expect(result.periods[0]).toMatchObject({ start: '2026-03-11', karensDrawnHours: 8 });
    expect(sickPayStart(late)).toBe('2026-03-11');
  });

  it('given the same report attested with preventedFromReporting, then Monday is day 1 with the karensavdrag', () => {
    expect(lines({ spells: [{ ...late, preventedFromReporting: true }] })).toEqual([
      ['2026-03-09', 'SJK_KAR', 8, 1],
      ['2026-03-10', 'SJK_LÖN', 8, 2],
      ['2026-03-11', 'SJK_LÖN', 8, 3],
      ['2026-03-12', 'SJK_LÖN', 8, 4],
      ['2026-03-13', 'SJK_LÖN', 8, 5],
    ]);
  });

  it('a report made ahead of the first day pays from the first day', () => {
    expect(sickPayStart({ from: '2026-03-09', notifiedOn: '2026-03-08' })).toBe('2026-03-09');
  });

  it('a case reported only after it ended pays nothing and has no period', () => {
    const result = codeSickPay({ employments: FULL_TIME, spells: [spell('a', '2026-03-09', '2026-03-10', { notifiedOn: '2026-03-12' })] });
    expect(result.lines.map((l) => [l.code, l.unpaidReason])).toEqual([
      ['SJK', 'not_reported'],
      ['SJK', 'not_reported'],
    ]);
    expect(result.periods).toEqual([]);
  });

  it('a late-reported spell chained to an earlier one continues its day count without a new karensavdrag', () => {
    // a: Mon 2 – Thu 5 March, days 1–4. b: sick from Tue 10 (5 days after the 5th: chained), reported Thu 12:
    // Tue 10 and Wed 11 unpaid; Thu 12 is day 5, Fri 13 day 6.
    expect(lines({ spells: [spell('a', '2026-03-02', '2026-03-05'), spell('b', '2026-03-10', '2026-03-13', { notifiedOn: '2026-03-12' })] })).toEqual([
      ['2026-03-02', 'SJK_KAR', 8, 1],
      ['2026-03-03', 'SJK_LÖN', 8, 2],
      ['2026-03-04', 'SJK_LÖN', 8, 3],
      ['2026-03-05', 'SJK_LÖN', 8, 4],
      ['2026-03-10', 'SJK', 8, null],
      ['2026-03-11', 'SJK', 8, null],
      ['2026-03-12', 'SJK_LÖN', 8, 5],
      ['2026-03-13', 'SJK_LÖN', 8, 6],
    ]);
  });
});

describe('högriskskydd', () => {
  // Ten one-day periods on consecutive Wednesdays from 7 January 2026 (7 days apart: never chained).
  const wednesdays = ['2026-01-07', '2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04', '2026-02-11', '2026-02-18', '2026-02-25', '2026-03-04', '2026-03-11'];

  it('allmänt: after ten karensavdrag in twelve months the next period has none', () => {
    const result = codeSickPay({ employments: FULL_TIME, spells: [...wednesdays.map((d, i) => spell(`w${i}`, d, d)), spell('new', '2026-03-18', '2026-03-19')] });
    expect(result.periods[10]).toMatchObject({ start: '2026-03-18', karensHours: 0, highRiskProtection: 'general' });
    expect(result.lines.filter((l) => l.absenceId === 'new').map((l) => l.code)).toEqual(['SJK_LÖN', 'SJK_LÖN']);
  });

  it('a partial karensavdrag counts as one of the ten by default, and not when the parameter says so', () => {
    // The first Wednesday at 50 %: 4 h of 8 drawn, the period ends: a partial karensavdrag.
    const spells = [spell('w0', wednesdays[0], wednesdays[0], { extentPercent: 50 }), ...wednesdays.slice(1).map((d, i) => spell(`w${i + 1}`, d, d)), spell('new', '2026-03-18', '2026-03-18')];
    const byDefault = codeSickPay({ employments: FULL_TIME, spells });
    expect(byDefault.periods[0]).toMatchObject({ karensHours: 8, karensDrawnHours: 4, countsTowardsHighRisk: true });
    expect(byDefault.periods[10]).toMatchObject({ highRiskProtection: 'general' });
    const wholeOnly = codeSickPay({ employments: FULL_TIME, spells, rules: [{ ...DEFAULT_SICK_RULES[0], highRiskCountsPartialKarens: false }] });
    expect(wholeOnly.periods[0].countsTowardsHighRisk).toBe(false);
    expect(wholeOnly.periods[10]).toMatchObject({ highRiskProtection: null, karensDrawnHours: 8 });
  });

  it('särskilt: a period starting within Försäkringskassan’s decision has no karensavdrag and its days 1–14 are flagged to claim back', () => {
    // Decision valid 1 March – 31 December 2026. Sick Mon 2 – Tue 17 March: days 1–16.
    const result = codeSickPay({
      employments: FULL_TIME,
      spells: [spell('a', '2026-03-02', '2026-03-17')],
      highRiskProtections: [{ from: '2026-03-01', to: '2026-12-31' }],
    });
    expect(result.periods[0]).toMatchObject({ karensHours: 0, highRiskProtection: 'special', countsTowardsHighRisk: false });
    expect(result.lines.some((l) => l.code === 'SJK_KAR')).toBe(false);
    expect(result.lines.find((l) => l.date === '2026-03-02')).toMatchObject({ code: 'SJK_LÖN', hours: 8, flags: ['high_risk_protection'] });
    // Day 15 (Mon 16) is Försäkringskassan's: no claim-back flag.
    expect(result.lines.find((l) => l.date === '2026-03-16')).toMatchObject({ code: 'SJK_ERS', sickDay: 15, flags: [] });
  });

  it('särskilt: a period that starts before the decision is not covered', () => {
    const result = codeSickPay({ employments: FULL_TIME, spells: [spell('a', '2026-02-27', '2026-03-03')], highRiskProtections: [{ from: '2026-03-01', to: '2026-12-31' }] });
    expect(result.periods[0]).toMatchObject({ karensHours: 8, highRiskProtection: null });
  });
});

describe('extents from sick day 15 (Försäkringskassan pays 25, 50, 75 or 100 %)', () => {
  it('flags a 60 % day from day 15, not before, and not 50 %', () => {
    // Mon 2 March is day 1; Mon 16 March day 15. 60 % from 2 March; 50 % from 18 March.
    const s = spell('a', '2026-03-02', '2026-03-19', { extentPercent: 60, extents: [{ from: '2026-03-18', extentPercent: 50 }] });
    const result = codeSickPay({ employments: FULL_TIME, spells: [s] });
    const on = (date: string) => result.lines.filter((l) => l.date === date).map((l) => [l.code, l.sickDay, l.extentPercent, l.flags]);
    expect(on('2026-03-13')).toEqual([['SJK_LÖN', 12, 60, []]]);
    expect(on('2026-03-16')).toEqual([['SJK_ERS', 15, 60, ['extent_not_payable_from_day_15']]]);
    expect(on('2026-03-17')).toEqual([['SJK_ERS', 16, 60, ['extent_not_payable_from_day_15']]]);
    expect(on('2026-03-18')).toEqual([['SJK_ERS', 17, 50, []]]);
  });
});

describe('range', () => {
  it('returns only the range’s lines but decides the karensavdrag over the whole period', () => {
    // 25 % from Mon 2 March: 2 h KAR Mon–Thu. Range from Wed 4: Wed and Thu still SJK_KAR.
    const result = codeSickPay({ employments: FULL_TIME, spells: [spell('a', '2026-03-02', '2026-03-06', { extentPercent: 25 })], range: { from: '2026-03-04', to: '2026-03-31' } });
    expect(result.lines.map((l) => [l.date, l.code])).toEqual([
      ['2026-03-04', 'SJK_KAR'],
      ['2026-03-05', 'SJK_KAR'],
      ['2026-03-06', 'SJK_LÖN'],
    ]);
  });

  it('codes the days of a range exactly as the whole history codes them', () => {
    const spells = [
      spell('a', '2026-01-05', '2026-02-20', { extentPercent: 60 }),
      spell('b', '2026-02-24', '2026-03-03', { extentPercent: 25, notifiedOn: '2026-02-26' }),
      spell('c', '2026-03-20', '2026-06-30', { extentPercent: 50, extents: [{ from: '2026-04-15', extentPercent: 75 }] }),
    ];
    const all = codeSickPay({ employments: FULL_TIME, spells }).lines;
    for (const [from, to] of [
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-31'],
      ['2026-04-10', '2026-05-20'],
    ]) {
      expect(codeSickPay({ employments: FULL_TIME, spells, range: { from, to } }).lines).toEqual(all.filter((l) => l.date >= from && l.date <= to));
    }
  });
});
