import {
  chainSickPeriods,
  DEFAULT_SICK_RULES,
  SickRuleParameters,
  sickDayCount,
  sickDayDate,
  sickRulesOn,
  SickSpell,
} from '@ledger/swedish-rules';

const spell = (absenceId: string, from: string, to: string, extentPercent = 100): SickSpell => ({ absenceId, from, to, extentPercent });

describe('sick period chaining (återinsjuknande)', () => {
  it('continues a period when sick again on Tuesday after being back on Friday', () => {
    // Sick Mon 9 – Thu 12 March 2026, back Fri 13, sick again Tue 17: 17 − 12 = 5 days ≤ 5, one period.
    const periods = chainSickPeriods([spell('b', '2026-03-17', '2026-03-18'), spell('a', '2026-03-09', '2026-03-12')]);
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ start: '2026-03-09', end: '2026-03-18', karens: true, karensDate: '2026-03-09' });
    expect(periods[0].spells.map((s) => s.absenceId)).toEqual(['a', 'b']);
  });

  it('chains a spell starting 5 days after the period ended, not one starting 6 days after', () => {
    // Ended Thu 12 March. Starting Tue 17 (12 + 5; 4 days back in between: Fri–Mon) chains.
    expect(chainSickPeriods([spell('a', '2026-03-09', '2026-03-12'), spell('b', '2026-03-17', '2026-03-17')])).toHaveLength(1);
    // Starting Wed 18 (12 + 6; 5 days back in between: Fri–Tue) is a new period with its own karensavdrag.
    const periods = chainSickPeriods([spell('a', '2026-03-09', '2026-03-12'), spell('b', '2026-03-18', '2026-03-18')]);
    expect(periods.map((p) => [p.start, p.end, p.karensDate])).toEqual([
      ['2026-03-09', '2026-03-12', '2026-03-09'],
      ['2026-03-18', '2026-03-18', '2026-03-18'],
    ]);
  });

  it('measures the gap from the end of the whole chained period', () => {
    // a: 2–20 March; b (inside a): 3–5 March; c starts 25 March = 20 + 5, chains to a's end, not b's.
    const periods = chainSickPeriods([spell('a', '2026-03-02', '2026-03-20'), spell('b', '2026-03-03', '2026-03-05'), spell('c', '2026-03-25', '2026-03-26')]);
    expect(periods).toHaveLength(1);
    expect(periods[0].end).toBe('2026-03-26');
  });

  it('counts sick days without the gap days and projects beyond the end', () => {
    const [period] = chainSickPeriods([spell('a', '2026-03-09', '2026-03-12'), spell('b', '2026-03-17', '2026-03-18')]);
    // 9, 10, 11, 12 are days 1–4; 17 is day 5, 18 day 6.
    expect(sickDayCount(period)).toBe(6);
    expect(sickDayCount(period, '2026-03-15')).toBe(4);
    expect(sickDayCount(period, '2026-03-17')).toBe(5);
    expect(sickDayCount(period, '2026-03-01')).toBe(0);
    expect(sickDayDate(period, 4)).toBe('2026-03-12');
    expect(sickDayDate(period, 5)).toBe('2026-03-17');
    // Day 8 is two days after day 6 (18 March) if the sickness goes on: 20 March.
    expect(sickDayDate(period, 8)).toBe('2026-03-20');
  });

  it('rejects a spell that ends before it starts', () => {
    expect(() => chainSickPeriods([spell('a', '2026-03-12', '2026-03-09')])).toThrow(RangeError);
  });
});

describe('sick rule versions', () => {
  const later: SickRuleParameters = { ...DEFAULT_SICK_RULES[0], effectiveFrom: '2026-07-01', chainGapDays: 3 };
  const versions = [later, DEFAULT_SICK_RULES[0]];

  it('picks the version in force on a date', () => {
    expect(sickRulesOn(versions, '2026-06-30').chainGapDays).toBe(5);
    expect(sickRulesOn(versions, '2026-07-01').chainGapDays).toBe(3);
    expect(sickRulesOn(versions, '2010-01-01')).toBe(DEFAULT_SICK_RULES[0]); // before all: the earliest
    expect(() => sickRulesOn([], '2026-01-01')).toThrow(RangeError);
  });

  it('the defaults are the statutory figures', () => {
    expect(sickRulesOn(DEFAULT_SICK_RULES, '2026-01-01')).toMatchObject({
      chainGapDays: 5,
      highRiskKarensThreshold: 10,
      highRiskWindowMonths: 12,
      sickPayLastDay: 14,
      sicknessBenefitLastDay: 90,
      medicalCertificateFromDay: 8,
      fkReportAfterDay: 14,
      fkReportDueDay: 21,
      returnPlanDueDay: 30,
      returnPlanExpectedDays: 60,
      rehabReviewOccasions: 6,
      rehabReviewWindowMonths: 12,
      longTermSickDays: 60,
    });
  });

  it('uses the chain gap in force when the new spell starts', () => {
    // Ended Mon 6 July 2026; new spell Fri 10 July is 4 days later: chains under 5, not under 3.
    const spells = [spell('a', '2026-07-02', '2026-07-06'), spell('b', '2026-07-10', '2026-07-10')];
    expect(chainSickPeriods(spells)).toHaveLength(1);
    expect(chainSickPeriods(spells, versions)).toHaveLength(2);
  });
});
