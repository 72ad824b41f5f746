import { ExportHead, ExportWriter, writeAll } from './export-writer';
import { PAYROLL_LINE_FIELDS, PayrollLine, PayrollPeriodExport } from './types';

function pickLine(line: PayrollLine): PayrollLine {
  const out: Record<string, unknown> = {};
  for (const field of PAYROLL_LINE_FIELDS) out[field] = line[field];
  return out as unknown as PayrollLine;
}

/**
 * The period as JSON, piece by piece: `{ period, status, generatedAt, lines }`, lines with their
 * fields in the PayrollLine order (unknown extra properties are not exported). The same text as
 * `JSON.stringify(doc, null, 2)` plus a trailing newline; the caller encodes it as UTF-8.
 */
export function jsonExportWriter(head: ExportHead): ExportWriter {
  let count = 0;
  return {
    begin: () => {
      const opening = JSON.stringify({ period: head.period, status: head.status, generatedAt: head.generatedAt }, null, 2);
      // Everything but the closing brace, then the lines array opened.
      return `${opening.slice(0, -2)},\n  "lines": [`;
    },
    lines: (batch) => {
      let out = '';
      for (const line of batch) {
        // A line inside the array sits 4 spaces deep: its own 2-space layout, every line indented by 4.
        out += `${count++ === 0 ? '' : ','}\n    ${JSON.stringify(pickLine(line), null, 2).replace(/\n/g, '\n    ')}`;
      }
      return out;
    },
    end: () => (count === 0 ? ']\n}\n' : '\n  ]\n}\n'),
  };
}

/** The period as JSON in one string (see jsonExportWriter). */
export function toJsonExport(p: PayrollPeriodExport): string {
  return writeAll(jsonExportWriter(p), p.lines);
}
