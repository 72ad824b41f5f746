import { ActiveAbsence, overExtentConflicts } from './extent-overlap';

const absence = (absenceId: string, from: string, to: string | null, extentPercent: number): ActiveAbsence => ({
  absenceId,
  from,
  to,
  extentPercent,
});

describe('overExtentConflicts', () => {
  it('finds nothing when there are no other absences', () => {
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-31', 100), [])).toEqual([]);
  });

  it('ignores absences that end the day before or start the day after', () => {
    const others = [absence('before', '2026-02-01', '2026-02-28', 100), absence('after', '2026-04-01', null, 100)];
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-31', 100), others)).toEqual([]);
  });

  it('allows exactly 100 % on a day and refuses 101 %', () => {
    const others = [absence('a', '2026-03-01', '2026-03-31', 60)];
    expect(overExtentConflicts(absence('c', '2026-03-10', '2026-03-10', 40), others)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-03-10', '2026-03-10', 41), others)).toEqual(['a']);
    expect(overExtentConflicts(absence('c', '2026-03-10', '2026-03-10', 1), [absence('full', '2026-03-10', '2026-03-10', 100)])).toEqual([
      'full',
    ]);
  });

  it('adds up several absences on the same day', () => {
    const others = [absence('a', '2026-03-01', '2026-03-31', 25), absence('b', '2026-03-05', '2026-03-05', 25)];
    expect(overExtentConflicts(absence('c', '2026-03-05', '2026-03-06', 50), others)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-03-05', '2026-03-06', 51), others)).toEqual(['a', 'b']);
  });

  it('names, sorted, only the absences present on a day above 100 %', () => {
    const others = [
      absence('z-late', '2026-03-25', '2026-03-31', 30),
      absence('early', '2026-03-01', '2026-03-10', 50),
      absence('m-late', '2026-03-20', '2026-03-31', 30),
    ];
    // Up to the 10th: 50 + 50. From the 20th: 50 + 30. From the 25th: 50 + 30 + 30 = 110.
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-31', 50), others)).toEqual(['m-late', 'z-late']);
  });

  it('finds an overlap that starts before the candidate does', () => {
    expect(overExtentConflicts(absence('c', '2026-03-05', '2026-03-06', 50), [absence('a', '2026-01-01', '2026-03-05', 60)])).toEqual([
      'a',
    ]);
  });

  it('puts breakpoints on the day after a month end', () => {
    const others = [absence('jan', '2026-01-01', '2026-01-31', 50), absence('feb', '2026-02-01', '2026-02-28', 50)];
    expect(overExtentConflicts(absence('c', '2026-01-20', '2026-02-10', 50), others)).toEqual([]);
    // A 1 % blip on 31 January collides with January only, not with February.
    const blip = absence('blip', '2026-01-31', '2026-01-31', 1);
    expect(overExtentConflicts(absence('c', '2026-01-20', '2026-02-10', 50), [...others, blip])).toEqual(['blip', 'jan']);
    // The same on 1 February collides with February only.
    const febBlip = absence('blip', '2026-02-01', '2026-02-01', 1);
    expect(overExtentConflicts(absence('c', '2026-01-20', '2026-02-10', 50), [...others, febBlip])).toEqual(['blip', 'feb']);
  });

  it('handles the leap day and the year end', () => {
    const leap = [absence('feb', '2028-02-01', '2028-02-28', 60), absence('leap', '2028-02-29', '2028-03-31', 60)];
    expect(overExtentConflicts(absence('c', '2028-02-28', '2028-02-29', 40), leap)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2028-02-29', '2028-02-29', 50), leap)).toEqual(['leap']);
    expect(overExtentConflicts(absence('c', '2028-02-28', '2028-02-29', 41), leap)).toEqual(['feb', 'leap']);

    const yearEnd = [absence('dec', '2025-12-01', '2025-12-31', 70), absence('jan', '2026-01-01', '2026-01-31', 70)];
    expect(overExtentConflicts(absence('c', '2025-12-31', '2026-01-01', 30), yearEnd)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-01-01', '2026-01-01', 31), yearEnd)).toEqual(['jan']);
  });

  it('treats an open-ended candidate as running for ever', () => {
    const far = [absence('far', '2030-01-01', '2030-01-31', 60)];
    expect(overExtentConflicts(absence('c', '2026-03-01', null, 40), far)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-03-01', null, 50), far)).toEqual(['far']);
  });

  it('treats an open-ended other absence as running for ever', () => {
    const open = [absence('open', '2020-01-01', null, 50)];
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-05', 50), open)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-05', 51), open)).toEqual(['open']);
    expect(overExtentConflicts(absence('c', '2019-12-01', '2019-12-31', 100), open)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2019-12-01', '2020-01-01', 100), open)).toEqual(['open']);
  });

  it('handles two open-ended absences', () => {
    expect(overExtentConflicts(absence('c', '2026-03-01', null, 50), [absence('open', '2026-06-01', null, 50)])).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-03-01', null, 60), [absence('open', '2026-06-01', null, 50)])).toEqual(['open']);
  });

  it('checks segments after another absence ended, not only the candidate’s first day', () => {
    // 1–10 March: 40 + 60 = 100. 11–20 March: 60 + 60 = 120.
    const others = [absence('first', '2026-03-01', '2026-03-10', 40), absence('second', '2026-03-11', '2026-03-20', 60)];
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-20', 60), others)).toEqual(['second']);
  });

  it('leaves the candidate’s own earlier version out', () => {
    expect(overExtentConflicts(absence('c', '2026-03-01', '2026-03-31', 100), [absence('c', '2026-03-01', '2026-03-31', 100)])).toEqual([]);
  });

  it('works on breakpoints, so a case spanning centuries is as cheap as a short one', () => {
    const others = Array.from({ length: 200 }, (_, i) => absence(`a-${String(i).padStart(3, '0')}`, `${2100 + i}-06-01`, `${2100 + i}-06-30`, 50));
    expect(overExtentConflicts(absence('c', '2026-01-01', null, 50), others)).toEqual([]);
    expect(overExtentConflicts(absence('c', '2026-01-01', null, 51), others)).toHaveLength(200);
  });
});
