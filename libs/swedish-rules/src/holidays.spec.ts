import Holidays from 'date-holidays';
import { daysOffInYear, eachDate, isPublicHolidayOrDayOff, isScheduledWorkday } from '@ledger/swedish-rules';

describe('Swedish public holidays and days off', () => {
  it('lists the days off of 2025', () => {
    // Easter Sunday 2025 = 20 April: Good Friday −2, Easter Monday +1, Ascension +39 = 29 May, Whit Sunday +49 = 8 June.
    // Midsommarafton is the Friday in 19–25 June (20 June), alla helgons dag the Saturday in 31 Oct–6 Nov (1 Nov).
    expect(daysOffInYear(2025)).toEqual([
      '2025-01-01', // nyårsdagen
      '2025-01-06', // trettondedag jul
      '2025-04-18', // långfredagen
      '2025-04-20', // påskdagen
      '2025-04-21', // annandag påsk
      '2025-05-01', // första maj
      '2025-05-29', // Kristi himmelsfärdsdag
      '2025-06-06', // nationaldagen
      '2025-06-08', // pingstdagen
      '2025-06-20', // midsommarafton (day off)
      '2025-06-21', // midsommardagen
      '2025-11-01', // alla helgons dag
      '2025-12-24', // julafton (day off)
      '2025-12-25', // juldagen
      '2025-12-26', // annandag jul
      '2025-12-31', // nyårsafton (day off)
    ]);
  });

  it('lists the days off of 2026', () => {
    // Easter Sunday 2026 = 5 April: Good Friday 3 April, Easter Monday 6 April, Ascension 5 Apr + 39 = 14 May,
    // Whit Sunday 5 Apr + 49 = 24 May. Midsommarafton Friday 19 June, alla helgons dag Saturday 31 October.
    expect(daysOffInYear(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-24',
      '2026-06-06',
      '2026-06-19',
      '2026-06-20',
      '2026-10-31',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });

  it.each([
    ['2026-06-19', 'midsommarafton, Friday'],
    ['2026-12-24', 'julafton, Thursday'],
    ['2026-12-31', 'nyårsafton, Thursday'],
    ['2026-01-06', 'trettondedag jul, Tuesday'],
    ['2026-05-14', 'Kristi himmelsfärdsdag, Thursday'],
    ['2026-04-03', 'långfredagen'],
    ['2026-04-06', 'annandag påsk'],
    ['2026-05-01', 'första maj, Friday'],
    ['2025-12-24', 'julafton 2025, Wednesday'],
    ['2025-06-06', 'nationaldagen 2025, Friday'],
  ])('%s (%s) is a day off, not a workday', (date) => {
    expect(isPublicHolidayOrDayOff(date)).toBe(true);
    expect(isScheduledWorkday(date)).toBe(false);
  });

  it('2026-06-06 (nationaldagen) is a holiday on a Saturday', () => {
    expect(isPublicHolidayOrDayOff('2026-06-06')).toBe(true);
    expect(isScheduledWorkday('2026-06-06')).toBe(false);
  });

  it.each([
    ['2026-03-13', 'a normal Friday'],
    ['2026-03-09', 'a normal Monday'],
    ['2026-01-05', 'trettondagsafton (optional half day)'],
    ['2026-04-02', 'skärtorsdagen (observance)'],
    ['2026-04-30', 'valborgsmässoafton (optional half day)'],
    ['2026-10-30', 'allhelgonaafton (optional half day)'],
    ['2026-01-13', 'tjugondag Knut (observance)'],
  ])('%s (%s) is a scheduled workday', (date) => {
    expect(isPublicHolidayOrDayOff(date)).toBe(false);
    expect(isScheduledWorkday(date)).toBe(true);
  });

  it('weekends are not workdays', () => {
    expect(isScheduledWorkday('2026-03-14')).toBe(false); // Saturday
    expect(isScheduledWorkday('2026-03-15')).toBe(false); // Sunday
    expect(isPublicHolidayOrDayOff('2026-03-14')).toBe(false);
  });

  it('rejects dates that do not exist', () => {
    expect(() => isScheduledWorkday('2026-02-29')).toThrow(RangeError); // 2026 is not a leap year
    expect(() => isScheduledWorkday('2026-04-31')).toThrow(RangeError);
    expect(() => isScheduledWorkday('2026-4-30')).toThrow(RangeError);
    expect(isScheduledWorkday('2024-02-29')).toBe(true); // Thursday in a leap year
  });

  it('counts the workdays of December 2026', () => {
    // 1 Dec 2026 is a Tuesday: weekdays 1–4 (4), 7–11 (5), 14–18 (5), 21–25 (5), 28–31 (4) = 23;
    // minus julafton (Thu 24), juldagen (Fri 25), nyårsafton (Thu 31); annandag jul (26) is a Saturday. 23 − 3 = 20.
    expect(eachDate('2026-12-01', '2026-12-31').filter(isScheduledWorkday)).toHaveLength(20);
  });

  it('asks date-holidays once per year and caches the set', () => {
    const spy = jest.spyOn(Holidays.prototype, 'getHolidays');
    try {
      for (let i = 0; i < 1000; i++) {
        isScheduledWorkday('2031-03-12');
        isPublicHolidayOrDayOff('2031-12-24');
      }
      expect(spy.mock.calls.filter((c) => Number(c[0]) === 2031)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
