import { ObservationFact, RegisteredCase, discrepanciesOf } from './discrepancies';

const seen = (date: string, kind: 'absent' | 'present', source = 'timeclock'): ObservationFact => ({
  employeeId: 'E1',
  departmentId: 'D1',
  date,
  kind,
  source,
  recordedAt: `${date}T16:00:00.000Z`,
});
const registered = (absenceId: string, from: string, to: string | null, extentPercent = 100): RegisteredCase => ({ absenceId, from, to, extentPercent });

describe('discrepancies', () => {
  it('lists absence that was observed but not registered', () => {
    expect(discrepanciesOf([seen('2026-03-09', 'absent')], [])).toEqual([
      {
        employeeId: 'E1',
        date: '2026-03-09',
        departmentId: 'D1',
        kind: 'unreported_absence',
        observation: { source: 'timeclock', recordedAt: '2026-03-09T16:00:00.000Z' },
        absenceId: null,
      },
    ]);
  });

  it('lets any registered absence of the day settle an observed absence, a partial one too', () => {
    expect(discrepanciesOf([seen('2026-03-09', 'absent')], [registered('a1', '2026-03-09', '2026-03-09', 50)])).toEqual([]);
    // A case that ended the day before does not cover the day.
    expect(discrepanciesOf([seen('2026-03-09', 'absent')], [registered('a1', '2026-03-02', '2026-03-08')])).toHaveLength(1);
  });

  it('lists presence on a day registered as fully absent, naming the case', () => {
    const found = discrepanciesOf([seen('2026-03-12', 'present', 'schedule')], [registered('a1', '2026-03-09', null)]);
    // An open-ended case covers every day from its first on: the return report is missing.
    expect(found).toEqual([
      {
        employeeId: 'E1',
        date: '2026-03-12',
        departmentId: 'D1',
        kind: 'absent_but_working',
        observation: { source: 'schedule', recordedAt: '2026-03-12T16:00:00.000Z' },
        absenceId: 'a1',
      },
    ]);
  });

  it('counts the day fully absent only when the cases add up to 100 %', () => {
    const half = registered('a1', '2026-03-09', '2026-03-13', 50);
    expect(discrepanciesOf([seen('2026-03-10', 'present')], [half])).toEqual([]);
    // 50 % sick and 50 % VAB: fully absent; the case named is the larger, then the earlier, then the smaller id.
    const other = registered('a0', '2026-03-10', '2026-03-10', 50);
    expect(discrepanciesOf([seen('2026-03-10', 'present')], [half, other])[0].absenceId).toBe('a1');
    const larger = registered('a2', '2026-03-10', '2026-03-10', 75);
    const quarter = registered('a3', '2026-03-10', '2026-03-10', 25);
    expect(discrepanciesOf([seen('2026-03-10', 'present')], [quarter, larger])[0].absenceId).toBe('a2');
  });

  it('has nothing to say when the observation agrees', () => {
    expect(discrepanciesOf([seen('2026-03-10', 'present'), seen('2026-03-11', 'absent')], [registered('a1', '2026-03-11', '2026-03-11')])).toEqual([]);
  });
});
