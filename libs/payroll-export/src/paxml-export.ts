import { formatDecimal2, formatDecimalUpTo2 } from './numbers';
import { POSTID_MAX, postIdFor } from './post-id';
import { ExportHead, ExportWriter, writeAll } from './export-writer';
import { normalizeTidkod } from './tidkod';
import { PayrollLine, PayrollPeriodExport } from './types';
import { escapeAttr, escapeText } from './xml';

export const PAXML_SCHEMA_LOCATION = 'http://www.paxml.se/2.0/paxml.xsd';
export const PAXML_PROGRAM_NAME = 'Frånvaroliggaren';

export interface PaxmlExportOptions {
  /** header/foretagnamn */
  companyName?: string;
  /** header/foretagorgnr; the schema allows at most 12 characters (e.g. "212000-0142" or "2120000142"). */
  orgNumber?: string;
  /**
   * Overrides the postid of each line (default: postIdFor(line.lineId)), e.g. with a sequence
   * number stored per line. Must be an integer in 1..2147483647 and unique within the document.
   */
  postIdOf?: (line: PayrollLine) => string | number;
  /**
   * The encoding named in the XML declaration (default UTF-8). With ISO-8859-1 the caller encodes
   * the text with `encodeXmlText` (characters beyond Latin-1 become character references).
   */
  encoding?: 'UTF-8' | 'ISO-8859-1';
}

/**
 * A piece of the XML text as bytes in `encoding`. In ISO-8859-1 every character beyond U+00FF
 * becomes a character reference (`&#x20AC;`), which the document can carry in text and attribute
 * values (the writer's markup itself is Latin-1: LÖNIN, SJK_LÖN, NÄR, Frånvaroliggaren).
 */
export function encodeXmlText(text: string, encoding: 'UTF-8' | 'ISO-8859-1'): Buffer {
  if (encoding === 'UTF-8') return Buffer.from(text, 'utf8');
  return Buffer.from(text.replace(/[\u0100-\u{10FFFF}]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`), 'latin1');
}

/** Two distinct lines of one document were given the same postid. */
export class PostIdCollisionError extends Error {
  constructor(
    readonly postId: string,
    readonly lineIds: readonly [string, string],
  ) {
    super(`payroll lines ${lineIds[0]} and ${lineIds[1]} both map to PAXml postid ${postId}`);
    this.name = 'PostIdCollisionError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function assertDate(value: string, what: string): void {
  const m = DATE.exec(value);
  const ok = m !== null && (() => {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  })();
  if (!ok) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function assertMonth(value: string, what: string): void {
  if (!MONTH.test(value)) throw new RangeError(`${what} must be a month YYYY-MM, got ${JSON.stringify(value)}`);
}

function assertDateTime(value: string, what: string): void {
  if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new RangeError(`${what} must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`);
  }
}

const stockholmDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Stockholm calendar date of an instant (docs/http-api.md: a date is a Stockholm calendar date). */
function toStockholmDate(instant: string, what: string): string {
  assertDateTime(instant, what);
  const parts = Object.fromEntries(stockholmDate.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function resolvePostId(line: PayrollLine, opts: PaxmlExportOptions): string {
  if (!opts.postIdOf) return postIdFor(line.lineId);
  const raw = String(opts.postIdOf(line));
  const n = Number(raw);
  if (!/^[1-9]\d*$/.test(raw) || n > POSTID_MAX) {
    throw new RangeError(`postid for line ${line.lineId} must be an integer in 1..${POSTID_MAX}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function lineInfo(line: PayrollLine): string | null {
  const parts: string[] = [];
  if (line.sickDay !== null && line.sickDay !== undefined) parts.push(`Sjukdag ${line.sickDay}`);
  if (line.unpaidReason === 'not_reported') parts.push('Ej sjukanmäld (SjLL 8 §)');
  if (line.flags?.includes('high_risk_protection')) parts.push('Särskilt högriskskydd');
  if (line.flags?.includes('extent_not_payable_from_day_15')) parts.push('Omfattning som FK inte betalar');
  if (line.adjustsPeriod !== null && line.adjustsPeriod !== undefined) parts.push(`Justering av period ${line.adjustsPeriod}`);
  return parts.length ? parts.join('; ') : null;
}

interface EmployeeGroup {
  employeeId: string;
  lines: { line: PayrollLine; postId: string; tidkod: string }[];
}

function renderAttesterat(group: EmployeeGroup): string | null {
  const attested = group.lines.filter(({ line }) => typeof line.attestedBy === 'string' && line.attestedBy !== '');
  if (attested.length === 0) return null;
  const dates = attested.map(({ line }) => line.date).sort();
  const attestedOn = attested
    .map(({ line }) => toStockholmDate(line.attestedAt, `attestedAt of line ${line.lineId}`))
    .sort();
  return (
    `    <attesterat anstid="${escapeAttr(group.employeeId, 'employeeId')}"` +
    ` datum="${attestedOn[attestedOn.length - 1]}"` +
    ` datumfrom="${dates[0]}" datumtom="${dates[dates.length - 1]}"/>`
  );
}

function renderTidtrans(group: EmployeeGroup, entry: EmployeeGroup['lines'][number]): string {
  const { line, postId, tidkod } = entry;
  const out = [
    `    <tidtrans anstid="${escapeAttr(group.employeeId, 'employeeId')}" postid="${postId}">`,
    `      <tidkod>${escapeText(tidkod)}</tidkod>`,
    `      <datum>${line.date}</datum>`,
    `      <timmar>${formatDecimal2(line.hours, `hours of line ${line.lineId}`)}</timmar>`,
    `      <omfattning>${formatDecimalUpTo2(line.extentPercent, `extentPercent of line ${line.lineId}`)}</omfattning>`,
    `      <samlingsid>${escapeText(line.absenceId, `absenceId of line ${line.lineId}`)}</samlingsid>`,
  ];
  const info = lineInfo(line);
  if (info !== null) out.push(`      <info>${escapeText(info)}</info>`);
  out.push('    </tidtrans>');
  return out.join('\n');
}

/**
 * The period as a PAXml 2.0 document (root `paxml`, no namespace) that validates against
 * www.paxml.se/2.0/paxml.xsd, piece by piece. The text declares UTF-8; encode it as UTF-8.
 *
 * - `header`: format LÖNIN, version 2.0, datum = generatedAt, optional foretagorgnr/foretagnamn,
 *   programnamn, and info naming the period and its status.
 * - `tidtransaktioner` (left out for an empty period: the schema requires at least one `tidtrans`
 *   in it): lines grouped by employee, input order within each. The writer needs each employee's
 *   lines together (the payroll read model serves them so: lineIds start with the employee id);
 *   toPaxmlExport groups any input by first appearance first.
 *   Each employee with attested lines gets one `<attesterat anstid datum datumfrom datumtom/>`
 *   (datum: latest attestation, Stockholm date; datumfrom/datumtom: span of the attested line
 *   dates) before their first `tidtrans`, which is where the schema's
 *   `(klar*, attesterat*, tidtrans)+` sequence allows it.
 * - each line is `<tidtrans anstid postid>` with tidkod, datum, timmar (2 decimals, signed for
 *   adjustments), omfattning (extent %), samlingsid (the absence id, grouping one case's days) and,
 *   when there is something to say, info ("Sjukdag 3; Justering av period 2025-02").
 *
 * Throws RangeError on input the schema (or XML) cannot carry: a tidkod outside the schema's
 * enumeration, a malformed date/month/timestamp, non-finite hours, an extent outside (0, 100], an
 * orgNumber over 12 characters, a duplicated lineId, an employee whose lines are not together;
 * PostIdCollisionError when two distinct lines get the same postid. The head and the options are
 * checked when the writer is made, a line when its batch is written.
 */
export function paxmlExportWriter(head: ExportHead, opts: PaxmlExportOptions = {}): ExportWriter {
  assertMonth(head.period, 'period');
  assertDateTime(head.generatedAt, 'generatedAt');
  if (head.status !== 'open' && head.status !== 'locked') {
    throw new RangeError(`status must be "open" or "locked", got ${JSON.stringify(head.status)}`);
  }
  if (opts.orgNumber !== undefined && opts.orgNumber.length > 12) {
    throw new RangeError(`orgNumber may be at most 12 characters (PAXml foretagorgnr), got ${JSON.stringify(opts.orgNumber)}`);
  }

  const lineIdByPostId = new Map<string, string>();
  const done = new Set<string>();
  let group: EmployeeGroup | undefined;
  let opened = false;

  /** The finished group as text, `<tidtransaktioner>` first when it is the first. */
  const flush = (): string => {
    if (group === undefined) return '';
    const out: string[] = [];
    if (!opened) out.push('  <tidtransaktioner>');
    opened = true;
    const attesterat = renderAttesterat(group);
    if (attesterat !== null) out.push(attesterat);
    for (const entry of group.lines) out.push(renderTidtrans(group, entry));
    done.add(group.employeeId);
    group = undefined;
    return out.map((l) => `${l}\n`).join('');
  };

  return {
    begin: () => {
      const lines = [
        `<?xml version="1.0" encoding="${opts.encoding ?? 'UTF-8'}"?>`,
        `<paxml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="${PAXML_SCHEMA_LOCATION}">`,
        '  <header>',
        '    <format>LÖNIN</format>',
        '    <version>2.0</version>',
        `    <datum>${escapeText(head.generatedAt)}</datum>`,
      ];
      if (opts.orgNumber !== undefined) lines.push(`    <foretagorgnr>${escapeText(opts.orgNumber, 'orgNumber')}</foretagorgnr>`);
      if (opts.companyName !== undefined) lines.push(`    <foretagnamn>${escapeText(opts.companyName, 'companyName')}</foretagnamn>`);
      lines.push(`    <programnamn>${escapeText(PAXML_PROGRAM_NAME)}</programnamn>`);
      lines.push(`    <info>Period ${head.period} (${head.status})</info>`);
      lines.push('  </header>');
      return lines.map((l) => `${l}\n`).join('');
    },
    lines: (batch) => {
      let out = '';
      for (const line of batch) {
        const where = `line ${line.lineId}`;
        const tidkod = normalizeTidkod(line.code);
        if (tidkod === null) {
          throw new RangeError(`code ${JSON.stringify(line.code)} of ${where} is not a PAXml 2.0 tidkod`);
        }
        assertDate(line.date, `date of ${where}`);
        if (line.adjustsPeriod !== null && line.adjustsPeriod !== undefined) assertMonth(line.adjustsPeriod, `adjustsPeriod of ${where}`);
        if (!(line.extentPercent > 0 && line.extentPercent <= 100)) {
          throw new RangeError(`extentPercent of ${where} must be in (0, 100], got ${String(line.extentPercent)}`);
        }
        const postId = resolvePostId(line, opts);
        const seen = lineIdByPostId.get(postId);
        if (seen !== undefined) {
          if (seen === line.lineId) throw new RangeError(`${where} appears twice in the period`);
          throw new PostIdCollisionError(postId, [seen, line.lineId]);
        }
        lineIdByPostId.set(postId, line.lineId);

        if (group?.employeeId !== line.employeeId) {
          out += flush();
          if (done.has(line.employeeId)) throw new RangeError(`the lines of employee ${line.employeeId} are not together: ${where} comes after another employee's`);
          group = { employeeId: line.employeeId, lines: [] };
        }
        group.lines.push({ line, postId, tidkod });
      }
      return out;
    },
    end: () => flush() + (opened ? '  </tidtransaktioner>\n' : '') + '</paxml>\n',
  };
}

/** The period as a PAXml 2.0 document in one string: lines grouped by employee in order of first appearance (see paxmlExportWriter). */
export function toPaxmlExport(p: PayrollPeriodExport, opts: PaxmlExportOptions = {}): string {
  const writer = paxmlExportWriter(p, opts);
  const byEmployee = new Map<string, PayrollLine[]>();
  for (const line of p.lines) {
    let list = byEmployee.get(line.employeeId);
    if (list === undefined) byEmployee.set(line.employeeId, (list = []));
    list.push(line);
  }
  return writeAll(writer, [...byEmployee.values()].flat());
}
