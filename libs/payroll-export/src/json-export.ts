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
      if (batch.length === 0) return '';
      // One stringify per batch: "[\n  {\n    ...\n  },\n  {...}\n]", its lines 2 spaces deeper
      // inside the document (one call per line took half again as long for the whole export).
      const array = JSON.stringify(batch.map(pickLine), null, 2);
      const items = `  ${array.slice(2, -2)}`.replaceAll('\n', '\n  ');
      const out = `${count === 0 ? '' : ','}\n${items}`;
      count += batch.length;
      return out;
    },
    end: () => (count === 0 ? ']\n}\n' : '\n  ]\n}\n'),
  };
}

/** The period as JSON in one string (see jsonExportWriter). */
export function toJsonExport(p: PayrollPeriodExport): string {
  return writeAll(jsonExportWriter(p), p.lines);
}
