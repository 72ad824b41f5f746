import { PAYROLL_LINE_FIELDS, PayrollLine, PayrollPeriodExport } from './types';

function pickLine(line: PayrollLine): PayrollLine {
  const out: Record<string, unknown> = {};
  for (const field of PAYROLL_LINE_FIELDS) out[field] = line[field];
  return out as unknown as PayrollLine;
}

/**
 * The period as JSON: `{ period, status, generatedAt, lines }`, lines with their fields in the
 * PayrollLine order (unknown extra properties are not exported). Two-space indentation and a
 * trailing newline; the caller encodes the string as UTF-8.
 */
export function toJsonExport(p: PayrollPeriodExport): string {
  const doc = {
    period: p.period,
    status: p.status,
    generatedAt: p.generatedAt,
    lines: p.lines.map(pickLine),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
