import { chainSickPeriods, codeSickDays, DEFAULT_SICK_RULES, SickRuleParameters, SickSpell } from '@ledger/swedish-rules';

const spell = (absenceId: string, from: string, to: string, extentPercent = 100): SickSpell => ({ absenceId, from, to, extentPercent });

describe('sick day coding', () => {
  it('worked example: sick Mon–Thu is days 1–4, back Friday, sick again Tuesday is day 5', () => {
    const days = codeSickDays([spell('a', '2026-03-09', '2026-03-12'), spell('b', '2026-03-17', '2026-03-18')]);
    expect(days.map((d) => [d.absenceId, d.date, d.sickDay, d.code, d.scheduled])).toEqual([
      ['a', '2026-03-09', 1, 'SJK_KAR', true], // Monday, first scheduled day of the period
      ['a', '2026-03-10', 2, 'SJK_LÖN', true],
      ['a', '2026-03-11', 3, 'SJK_LÖN', true],
      ['a', '2026-03-12', 4, 'SJK_LÖN', true],
      // Fri 13 – Mon 16 back at work: not counted.
      ['b', '2026-03-17', 5, 'SJK_LÖN', true], // chained: no new karensavdrag
      ['b', '2026-03-18', 6, 'SJK_LÖN', true],
    ]);
    expect(days.every((d) => d.periodStart === '2026-03-09')).toBe(true);
  });

  it('a new period after 6 days starts over at day 1 with a karensavdrag', () => {
    const days = codeSickDays([spell('a', '2026-03-09', '2026-03-12'), spell('b', '2026-03-18', '2026-03-19')]);
    expect(days.filter((d) => d.absenceId === 'b').map((d) => [d.date, d.sickDay, d.code, d.periodStart])).toEqual([
      ['2026-03-18', 1, 'SJK_KAR', '2026-03-18'],
      ['2026-03-19', 2, 'SJK_LÖN', '2026-03-18'],
    ]);
  });

  it('codes days 14/15 and 90/91', () => {
    // One spell from Mon 2 March 2026. Day n is 2 March + (n − 1) days:
    // day 14 = 15 March, day 15 = 16 March; March 2–31 are days 1–30, April days 31–60, May 1–30 days 61–90,
    // so day 90 = 30 May and day 91 = 31 May.
    const days = codeSickDays([spell('a', '2026-03-02', '2026-06-30')]);
    const on = (date: string) => days.find((d) => d.date === date);
    expect(days).toHaveLength(121); // 30 (Mar 2–31) + 30 + 31 + 30
    expect(on('2026-03-02')).toMatchObject({ sickDay: 1, code: 'SJK_KAR' });
    expect(on('2026-03-03')).toMatchObject({ sickDay: 2, code: 'SJK_LÖN' });
    expect(on('2026-03-15')).toMatchObject({ sickDay: 14, code: 'SJK_LÖN', scheduled: false }); // Sunday
    expect(on('2026-03-16')).toMatchObject({ sickDay: 15, code: 'SJK_ERS', scheduled: true });
    expect(on('2026-05-30')).toMatchObject({ sickDay: 90, code: 'SJK_ERS' });
    expect(on('2026-05-31')).toMatchObject({ sickDay: 91, code: 'SJK_PEN' });
    expect(on('2026-06-30')).toMatchObject({ sickDay: 121, code: 'SJK_PEN' });
    expect(days.filter((d) => d.code === 'SJK_KAR')).toHaveLength(1);
  });

  it('counts on across chained spells: the gap does not push day 15 later than the sick days do', () => {
    // a: Mon 2 – Thu 12 March = days 1–11. Back 13–15. b from Mon 16 (12 + 4): 16 = day 12, 17 = 13, 18 = 14, 19 = 15.
    const days = codeSickDays([spell('a', '2026-03-02', '2026-03-12'), spell('b', '2026-03-16', '2026-03-25')]);
    const on = (date: string) => days.find((d) => d.date === date);
    expect(on('2026-03-16')).toMatchObject({ sickDay: 12, code: 'SJK_LÖN' });
    expect(on('2026-03-18')).toMatchObject({ sickDay: 14, code: 'SJK_LÖN' });
    expect(on('2026-03-19')).toMatchObject({ sickDay: 15, code: 'SJK_ERS' });
  });

  it('a period starting on a Saturday gets its karensavdrag on Monday', () => {
    const days = codeSickDays([spell('a', '2026-03-07', '2026-03-11')]);
    expect(days.map((d) => [d.date, d.sickDay, d.code, d.scheduled])).toEqual([
      ['2026-03-07', 1, 'SJK_LÖN', false], // Saturday
      ['2026-03-08', 2, 'SJK_LÖN', false], // Sunday
      ['2026-03-09', 3, 'SJK_KAR', true], // Monday
      ['2026-03-10', 4, 'SJK_LÖN', true],
      ['2026-03-11', 5, 'SJK_LÖN', true],
    ]);
  });

  it('a period starting on Good Friday gets its karensavdrag on the Tuesday after Easter', () => {
    // Fri 3 April 2026 långfredagen, Sat 4, Sun 5 påskdagen, Mon 6 annandag påsk, Tue 7 first workday.
    const days = codeSickDays([spell('a', '2026-04-03', '2026-04-08')]);
    expect(days.filter((d) => d.code === 'SJK_KAR').map((d) => [d.date, d.sickDay])).toEqual([['2026-04-07', 5]]);
  });

  it('a weekend-only period has no karensavdrag; a chained spell after it takes it', () => {
    // Sat 7 – Sun 8 March, then Thu 12 (8 + 4) chains: the first scheduled day of the period is the 12th.
    const [period] = chainSickPeriods([spell('a', '2026-03-07', '2026-03-08')]);
    expect(period).toMatchObject({ karens: true });
    expect(period.karensDate).toBeUndefined();
    const days = codeSickDays([spell('a', '2026-03-07', '2026-03-08'), spell('b', '2026-03-12', '2026-03-13')]);
    expect(days.map((d) => [d.date, d.sickDay, d.code])).toEqual([
      ['2026-03-07', 1, 'SJK_LÖN'],
      ['2026-03-08', 2, 'SJK_LÖN'],
      ['2026-03-12', 3, 'SJK_KAR'],
      ['2026-03-13', 4, 'SJK_LÖN'],
    ]);
  });

  it('does not double count dates covered by overlapping part-time spells', () => {
    // Two 50 % absences over Mon 9 – Fri 13 March: 5 sick days, not 10; one entry per absence and date.
    const days = codeSickDays([spell('x', '2026-03-09', '2026-03-13', 50), spell('w', '2026-03-09', '2026-03-13', 50)]);
    expect(days).toHaveLength(10);
    expect(days.slice(0, 4).map((d) => [d.absenceId, d.date, d.sickDay, d.code])).toEqual([
      ['w', '2026-03-09', 1, 'SJK_KAR'],
      ['x', '2026-03-09', 1, 'SJK_KAR'],
      ['w', '2026-03-10', 2, 'SJK_LÖN'],
      ['x', '2026-03-10', 2, 'SJK_LÖN'],
    ]);
    expect(Math.max(...days.map((d) => d.sickDay))).toBe(5);
    expect(chainSickPeriods([spell('x', '2026-03-09', '2026-03-13', 50), spell('w', '2026-03-09', '2026-03-13', 50)])).toHaveLength(1);
  });

  it('counts a partly overlapping spell once per date', () => {
    // a 9–12 March; b 11–16 March. Dates 9..16 are days 1..8: 11 = 3, 12 = 4, 13 = 5, 16 = 8.
    const days = codeSickDays([spell('a', '2026-03-09', '2026-03-12'), spell('b', '2026-03-11', '2026-03-16', 50)]);
    expect(days).toHaveLength(4 + 6);
    expect(days.filter((d) => d.absenceId === 'b').map((d) => [d.date, d.sickDay])).toEqual([
      ['2026-03-11', 3],
      ['2026-03-12', 4],
      ['2026-03-13', 5],
      ['2026-03-14', 6],
      ['2026-03-15', 7],
      ['2026-03-16', 8],
    ]);
  });

  it('emits a date once when the same absence is given twice', () => {
    const days = codeSickDays([spell('a', '2026-03-09', '2026-03-11'), spell('a', '2026-03-10', '2026-03-12')]);
    expect(days.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']);
  });

  it('takes the day bounds from the rules in force at the period start', () => {
    // A hypothetical change: sick pay through day 21 from 1 July 2026.
    const versions: SickRuleParameters[] = [...DEFAULT_SICK_RULES, { ...DEFAULT_SICK_RULES[0], effectiveFrom: '2026-07-01', sickPayLastDay: 21 }];
    // Period from Mon 22 June: day 15 = 6 July, under the old rules (started before 1 July) → SJK_ERS.
    const june = codeSickDays([spell('a', '2026-06-22', '2026-07-10')], versions);
    expect(june.find((d) => d.date === '2026-07-06')).toMatchObject({ sickDay: 15, code: 'SJK_ERS' });
    // Period from Mon 6 July: day 15 = 20 July, new rules → SJK_LÖN; day 22 = 27 July → SJK_ERS.
    const july = codeSickDays([spell('a', '2026-07-06', '2026-07-31')], versions);
    expect(july.find((d) => d.date === '2026-07-20')).toMatchObject({ sickDay: 15, code: 'SJK_LÖN' });
    expect(july.find((d) => d.date === '2026-07-27')).toMatchObject({ sickDay: 22, code: 'SJK_ERS' });
  });
});

describe('sick day coding of a range', () => {
  // A small deterministic generator (mulberry32), so a failure names a seed that reproduces it.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

  it('codes the days of the range exactly as the whole history codes them', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const spells: SickSpell[] = [];
      let start = Math.floor(next() * 20);
      for (let i = 0, n = 1 + Math.floor(next() * 14); i < n; i++) {
        // Short and long spells, chained (gaps ≤ 5 days), overlapping and apart.
        const length = next() < 0.2 ? Math.floor(next() * 200) : Math.floor(next() * 8);
        spells.push(spell(`c${i % 9}`, day(start), day(start + length), next() < 0.3 ? 50 : 100));
        start += Math.floor(next() * 40) - 3;
        if (start < 0) start = 0;
      }
      const from = day(Math.floor(next() * 400));
      const to = day(Math.floor(next() * 400));
      const all = codeSickDays(spells);
      expect(all.length).toBeGreaterThan(0);
      expect({ seed, days: codeSickDays(spells, undefined, { from, to }) }).toEqual({ seed, days: all.filter((d) => d.date >= from && d.date <= to) });
    }
  });

  it('a range before or after every spell codes nothing', () => {
    const spells = [spell('a', '2026-03-09', '2026-03-12')];
    expect(codeSickDays(spells, undefined, { from: '2026-01-01', to: '2026-03-08' })).toEqual([]);
    expect(codeSickDays(spells, undefined, { from: '2026-03-13', to: '2026-12-31' })).toEqual([]);
    expect(codeSickDays(spells, undefined, { from: '2026-03-10', to: '2026-03-10' }).map((d) => [d.date, d.sickDay, d.code])).toEqual([['2026-03-10', 2, 'SJK_LÖN']]);
  });
});

describe('high-risk protection (högriskskydd)', () => {
  // Ten one-day sick periods on consecutive Wednesdays (7 days apart, so never chained), each with a karensavdrag:
  // 7, 14, 21, 28 Jan, 4, 11, 18, 25 Feb, 4, 11 Mar 2026.
  const wednesdays = ['2026-01-07', '2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04', '2026-02-11', '2026-02-18', '2026-02-25', '2026-03-04', '2026-03-11'];
  const tenKarens = wednesdays.map((d, i) => spell(`w${i}`, d, d));

  it('a period after 10 karensavdrag in 12 months gets none', () => {
    const days = codeSickDays([...tenKarens, spell('new', '2026-03-18', '2026-03-19')]);
    expect(days.filter((d) => d.code === 'SJK_KAR')).toHaveLength(10);
    expect(days.filter((d) => d.absenceId === 'new').map((d) => [d.date, d.sickDay, d.code])).toEqual([
      ['2026-03-18', 1, 'SJK_LÖN'],
      ['2026-03-19', 2, 'SJK_LÖN'],
    ]);
    const periods = chainSickPeriods([...tenKarens, spell('new', '2026-03-18', '2026-03-19')]);
    expect(periods[10]).toMatchObject({ start: '2026-03-18', karens: false });
    expect(periods[10].karensDate).toBeUndefined();
  });

  it('9 karensavdrag are not enough', () => {
    const days = codeSickDays([...tenKarens.slice(1), spell('new', '2026-03-18', '2026-03-19')]);
    expect(days.find((d) => d.absenceId === 'new')).toMatchObject({ date: '2026-03-18', code: 'SJK_KAR' });
  });

  it('a weekend-only period took no karensavdrag and does not count', () => {
    // Replace the first Wednesday by Sat 3 – Sun 4 January (no scheduled day): 9 karensavdrag taken.
    const spells = [spell('weekend', '2026-01-03', '2026-01-04'), ...tenKarens.slice(1), spell('new', '2026-03-18', '2026-03-18')];
    expect(codeSickDays(spells).find((d) => d.absenceId === 'new')?.code).toBe('SJK_KAR');
  });

  it('counts karensavdrag in the 12 months before the period start', () => {
    // Window for a period starting Thu 7 Jan 2027: 7 Jan 2026 up to 6 Jan 2027 — all ten count.
    const onBoundary = chainSickPeriods([...tenKarens, spell('new', '2027-01-07', '2027-01-07')]);
    expect(onBoundary[10]).toMatchObject({ start: '2027-01-07', karens: false });
    // Window for Fri 8 Jan 2027: 8 Jan 2026 up to 7 Jan 2027 — 7 Jan 2026 has dropped out, 9 count.
    const dayAfter = chainSickPeriods([...tenKarens, spell('new', '2027-01-08', '2027-01-08')]);
    expect(dayAfter[10]).toMatchObject({ start: '2027-01-08', karens: true, karensDate: '2027-01-08' });
  });

  it('protected periods take no karensavdrag and so do not count towards later protection', () => {
    // 10 karensavdrag by 11 March; 18 March protected. By Thu 8 Jan 2027 the first (7 Jan 2026) has left the window:
    // 9 taken karensavdrag remain (the protected 18 March is not one), so 8 Jan 2027 has a karensavdrag again.
    const periods = chainSickPeriods([...tenKarens, spell('p', '2026-03-18', '2026-03-18'), spell('new', '2027-01-08', '2027-01-08')]);
    expect(periods.map((p) => p.karens)).toEqual([...Array(10).fill(true), false, true]);
  });
});
