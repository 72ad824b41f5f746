import { PAYROLL_LINE_FIELDS, toJsonExport } from '@ledger/payroll-export';
import { emptyPeriod, marchPeriod } from './__fixtures__/lines';

describe('toJsonExport', () => {
  it('round-trips the period with lines in PayrollLine field order', () => {
    const p = marchPeriod();
    const parsed = JSON.parse(toJsonExport(p));
    expect(parsed).toEqual({ period: '2025-03', status: 'locked', generatedAt: p.generatedAt, lines: p.lines });
    expect(Object.keys(parsed)).toEqual(['period', 'status', 'generatedAt', 'lines']);
    for (const l of parsed.lines) expect(Object.keys(l)).toEqual([...PAYROLL_LINE_FIELDS]);
    expect(parsed.lines[4].hours).toBe(-8);
    expect(parsed.lines[3].sickDay).toBeNull();
  });

  it('drops properties that are not PayrollLine fields', () => {
    const p = marchPeriod();
    Object.assign(p.lines[0], { internalVersion: 7 });
    expect(toJsonExport(p)).not.toContain('internalVersion');
  });

  it('exports an empty period', () => {
    expect(JSON.parse(toJsonExport(emptyPeriod())).lines).toEqual([]);
  });
});
