import { ExportWriter, writeAll } from './export-writer';
import { formatPlainNumber } from './numbers';
import { PAYROLL_LINE_FIELDS, PayrollLine, PayrollPeriodExport } from './types';

const CRLF = '\r\n';

/**
 * How the CSV is written. The defaults are RFC 4180 (comma, '.' decimals, no BOM). Swedish Excel
 * reads a file without asking when it has `;` between fields, `,` as decimal mark and a UTF-8 BOM
 * (without the BOM it takes the file as Windows-1252 and garbles Å, Ä, Ö, as in SJK_LÖN).
 */
export interface CsvExportOptions {
  delimiter?: ',' | ';';
  decimal?: '.' | ',';
  /** Start with U+FEFF, the UTF-8 byte-order mark. */
  bom?: boolean;
}

/** RFC 4180 field: quoted (with quotes doubled) when it contains the delimiter, a quote, CR or LF. */
export function csvField(value: string, delimiter: ',' | ';' = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(line: PayrollLine, field: (typeof PAYROLL_LINE_FIELDS)[number], delimiter: ',' | ';', decimal: '.' | ','): string {
  const value: unknown = line[field];
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const text = formatPlainNumber(value, `${field} of line ${line.lineId}`);
    return csvField(decimal === ',' ? text.replace('.', ',') : text, delimiter);
  }
  // A list (flags): its values separated by spaces, so no delimiter choice can split it.
  if (Array.isArray(value)) return csvField(value.join(' '), delimiter);
  return csvField(String(value), delimiter);
}

/**
 * The period's lines as CSV, piece by piece: a header row of the PayrollLine field names, then one
 * record per line with the columns in that order. CRLF after every record (including the last).
 * `null` is an empty field; numbers never use exponent notation. With the default options this is
 * RFC 4180 (comma, '.' decimals, no BOM). The caller encodes the text as UTF-8.
 */
export function csvExportWriter(options: CsvExportOptions = {}): ExportWriter {
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimal ?? '.';
  return {
    begin: () => (options.bom ? '\uFEFF' : '') + PAYROLL_LINE_FIELDS.join(delimiter) + CRLF,
    lines: (batch) => {
      let out = '';
      for (const line of batch) out += PAYROLL_LINE_FIELDS.map((field) => cell(line, field, delimiter, decimal)).join(delimiter) + CRLF;
      return out;
    },
    end: () => '',
  };
}

/** The period's lines as CSV in one string (see csvExportWriter). */
export function toCsvExport(p: PayrollPeriodExport, options: CsvExportOptions = {}): string {
  return writeAll(csvExportWriter(options), p.lines);
}
