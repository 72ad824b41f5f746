import { formatPlainNumber } from './numbers';
import { PAYROLL_LINE_FIELDS, PayrollLine, PayrollPeriodExport } from './types';

const CRLF = '\r\n';

/** RFC 4180 field: quoted (with quotes doubled) when it contains a comma, a quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(line: PayrollLine, field: (typeof PAYROLL_LINE_FIELDS)[number]): string {
  const value: unknown = line[field];
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatPlainNumber(value, `${field} of line ${line.lineId}`);
  return csvField(String(value));
}

/**
 * The period's lines as RFC 4180 CSV: a header row of the PayrollLine field names, then one record
 * per line with the columns in that order. CRLF after every record (including the last), no BOM.
 * `null` is an empty field; numbers use '.' as decimal point and never exponent notation.
 * The caller encodes the string as UTF-8.
 */
export function toCsvExport(p: PayrollPeriodExport): string {
  const rows = [PAYROLL_LINE_FIELDS.join(',')];
  for (const line of p.lines) {
    rows.push(PAYROLL_LINE_FIELDS.map((field) => cell(line, field)).join(','));
  }
  return rows.map((row) => row + CRLF).join('');
}
