import { csvExportWriter, PAYROLL_LINE_FIELDS, ExportWriter, jsonExportWriter, paxmlExportWriter, PayrollLine, toCsvExport, toJsonExport, toPaxmlExport } from '@ledger/payroll-export';
import { emptyPeriod, line, marchPeriod } from './__fixtures__/lines';

/** The document a writer gives when the lines come in batches of `size`. */
function inBatches(writer: ExportWriter, lines: readonly PayrollLine[], size: number): string {
  let out = writer.begin();
  for (let i = 0; i < lines.length; i += size) out += writer.lines(lines.slice(i, i + size));
  return out + writer.end();
}

/** Three employees, their lines together (as the read model serves them). */
function grouped(): PayrollLine[] {
  const lines: PayrollLine[] = [];
  for (const employeeId of ['E-1', 'E-2', 'E-3']) {
    for (let d = 3; d <= 7; d++) {
      lines.push(line({ lineId: `${employeeId}:2025-03-0${d}`, employeeId, absenceId: `abs-${employeeId}`, date: `2025-03-0${d}`, code: d === 3 ? 'SJK_KAR' : 'SJK_LÖN', sickDay: d - 2 }));
    }
  }
  return lines;
}

describe('export writers: a period written in batches', () => {
  const head = { period: '2025-03', status: 'open' as const, generatedAt: '2025-04-11T05:00:00.000Z' };

  it.each([1, 2, 4, 7, 100])('gives the one-shot document in batches of %i lines, in every format', (size) => {
    const p = { ...head, lines: grouped() };
    expect(inBatches(jsonExportWriter(head), p.lines, size)).toBe(toJsonExport(p));
    expect(inBatches(csvExportWriter(), p.lines, size)).toBe(toCsvExport(p));
    expect(inBatches(paxmlExportWriter(head), p.lines, size)).toBe(toPaxmlExport(p));
  });

  it('writes JSON exactly as JSON.stringify with two-space indentation, empty or not', () => {
    for (const p of [marchPeriod(), emptyPeriod()]) {
      // The fixture's lines hold their fields in another order; the export orders them as PayrollLine does.
      const lines = p.lines.map((l) => Object.fromEntries(PAYROLL_LINE_FIELDS.map((f) => [f, l[f]])));
      const doc = { period: p.period, status: p.status, generatedAt: p.generatedAt, lines };
      expect(toJsonExport(p)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    }
  });

  it('PAXml: refuses an employee whose lines come apart, which the one-shot export groups', () => {
    const lines = grouped();
    const apart = [lines[0], lines[5], lines[1]]; // E-1, E-2, E-1 again
    expect(() => inBatches(paxmlExportWriter(head), apart, 1)).toThrow(/lines of employee E-1 are not together/);
    const oneShot = toPaxmlExport({ ...head, lines: apart });
    expect(oneShot.indexOf('postid', oneShot.indexOf('anstid="E-1"'))).toBeLessThan(oneShot.indexOf('anstid="E-2"'));
    expect(oneShot.match(/anstid="E-1" postid/g)).toHaveLength(2);
  });

  it('PAXml: checks the head when the writer is made, before any text goes out', () => {
    expect(() => paxmlExportWriter({ ...head, period: '2025-13' })).toThrow(RangeError);
    expect(() => paxmlExportWriter(head, { orgNumber: '1234567890123' })).toThrow(/orgNumber/);
  });
});
