import { ExportWriter, writeAll } from './export-writer';
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
  // A list (flags): its values separated by spaces, so no delimiter choice can split it.
  if (Array.isArray(value)) return csvField(value.join(' '));
  return csvField(String(value));
}

/**
 * The period's lines as RFC 4180 CSV, piece by piece: a header row of the PayrollLine field names,
 * then one record per line with the columns in that order. CRLF after every record (including the
 * last), no BOM. `null` is an empty field; numbers use '.' as decimal point and never exponent
 * notation. The caller encodes the text as UTF-8.
 */
export function csvExportWriter(): ExportWriter {
  return {
    begin: () => PAYROLL_LINE_FIELDS.join(',') + CRLF,
    lines: (batch) => {
      let out = '';
      for (const line of batch) out += PAYROLL_LINE_FIELDS.map((field) => cell(line, field)).join(',') + CRLF;
      return out;
    },
    end: () => '',
  };
}

/** The period's lines as CSV in one string (see csvExportWriter). */
export function toCsvExport(p: PayrollPeriodExport): string {
  return writeAll(csvExportWriter(), p.lines);
}
