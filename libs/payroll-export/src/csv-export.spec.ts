import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PAYROLL_LINE_FIELDS, toCsvExport } from '@ledger/payroll-export';
import { emptyPeriod, line, marchPeriod } from './__fixtures__/lines';

/** A strict RFC 4180 reader, to check what a consumer gets back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '"' || c === '\r' || c === '\n') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted || field !== '' || record.length) throw new Error('unterminated last record');
  return records;
}

describe('toCsvExport', () => {
  it('writes a header row in PayrollLine field order and one CRLF-terminated record per line', () => {
    const csv = toCsvExport(marchPeriod());
    const [header, ...rows] = csv.split('\r\n');
    expect(header).toBe('lineId,employeeId,absenceId,date,type,code,hours,extentPercent,sickDay,unpaidReason,adjustsPeriod,attestedBy,attestedAt,flags');
    expect(rows).toEqual([
      'abs-1:2025-03-03,E-100,abs-1,2025-03-03,sick,SJK_KAR,8,100,1,,,M-7,2025-04-02T07:15:00.000Z,',
      'abs-1:2025-03-04,E-100,abs-1,2025-03-04,sick,SJK_LÖN,8,100,2,,,M-7,2025-04-02T07:15:00.000Z,',
      'abs-1:2025-03-05,E-100,abs-1,2025-03-05,sick,SJK_LÖN,3.2,40,3,,,M-7,2025-04-02T07:15:00.000Z,',
      'abs-2:2025-03-10,E-200,abs-2,2025-03-10,care_of_relative,NÄR,6,75,,,,M-8,2025-03-31T22:30:00.000Z,',
      'abs-3:2025-02-27:adj:2025-03,E-200,abs-3,2025-02-27,care_of_child,VAB,-8,100,,,2025-02,M-8,2025-03-20T09:00:00.000Z,',
      '',
    ]);
  });

  it('quotes a field with a comma and a quote, doubling the quote', () => {
    const p = { ...emptyPeriod(), lines: [line({ lineId: 'q', attestedBy: 'Svensson, "Kalle"' })] };
    const csv = toCsvExport(p);
    expect(csv).toContain(',"Svensson, ""Kalle""",');
    expect(parseCsv(csv)[1][11]).toBe('Svensson, "Kalle"');
  });

  it('quotes line breaks and round-trips every field through an RFC 4180 reader', () => {
    const tricky = line({ lineId: 'a,b', employeeId: 'x"y', absenceId: 'line\r\nbreak', type: 'lf\nonly', code: 'NÄR', hours: -0.5 });
    const records = parseCsv(toCsvExport({ ...emptyPeriod(), lines: [tricky] }));
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual([...PAYROLL_LINE_FIELDS]);
    expect(records[1]).toEqual(['a,b', 'x"y', 'line\r\nbreak', '2025-03-03', 'lf\nonly', 'NÄR', '-0.5', '100', '1', '', '', 'M-7', '2025-04-02T07:15:00.000Z', '']);
  });

  it('writes the flags separated by spaces and the unpaid reason', () => {
    const p = { ...emptyPeriod(), lines: [line({ lineId: 'f', code: 'SJK', sickDay: null, unpaidReason: 'not_reported', flags: ['high_risk_protection', 'extent_not_payable_from_day_15'] })] };
    const record = parseCsv(toCsvExport(p))[1];
    expect(record[9]).toBe('not_reported');
    expect(record[13]).toBe('high_risk_protection extent_not_payable_from_day_15');
  });

  it('uses a decimal point and never exponent notation', () => {
    const p = { ...emptyPeriod(), lines: [line({ lineId: 'n', hours: 1e-7, extentPercent: 12.5, sickDay: 1e21 })] };
    const record = parseCsv(toCsvExport(p))[1];
    expect(record.slice(6, 9)).toEqual(['0.0000001', '12.5', '1000000000000000000000']);
  });

  it('writes only the header for an empty period', () => {
    expect(toCsvExport(emptyPeriod())).toBe(`${PAYROLL_LINE_FIELDS.join(',')}\r\n`);
  });

  it('keeps Swedish letters as UTF-8', () => {
    const bytes = Buffer.from(toCsvExport(marchPeriod()), 'utf8');
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toContain(',SJK_LÖN,');
  });
});

describe('toCsvExport for Swedish Excel', () => {
  const swedish = { delimiter: ';', decimal: ',', bom: true } as const;

  it('separates with semicolons, writes decimal commas and starts with a UTF-8 BOM', () => {
    const csv = toCsvExport(marchPeriod(), swedish);
    expect(csv.startsWith('\uFEFFlineId;employeeId;')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[3]).toBe('abs-1:2025-03-05;E-100;abs-1;2025-03-05;sick;SJK_LÖN;3,2;40;3;;;M-7;2025-04-02T07:15:00.000Z;');
  });

  it('quotes a field holding the delimiter in use, and a decimal comma under a comma delimiter', () => {
    const p = { ...emptyPeriod(), lines: [line({ lineId: 'a;b,c', hours: 3.5 })] };
    expect(toCsvExport(p, { delimiter: ';' }).split('\r\n')[1]).toMatch(/^"a;b,c";/);
    expect(toCsvExport(p, { delimiter: ',', decimal: ',' }).split('\r\n')[1]).toMatch(/^"a;b,c",.*,"3,5",100,/);
  });

  it('is the example in docs/examples, which Excel opens as it is', () => {
    const example = readFileSync(resolve(__dirname, '../../../docs/examples/payroll-2025-03-excel.csv'), 'utf8');
    expect(example).toBe(toCsvExport(marchPeriod(), swedish));
  });
});
