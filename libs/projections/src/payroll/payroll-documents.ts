import type { PayrollLine } from '@ledger/payroll-export';
import type { EmploymentPeriod, HighRiskProtection, IsoMonth } from '@ledger/swedish-rules';
import { AttestedFacts, ComputedLine, employeeKeyOf } from './payroll-lines';

/**
 * What the payroll projection stores (namespace `payroll@v<version>`):
 *
 * - `meta/state`: {@link PayrollMeta}, the locked periods, the materialization horizon and the
 *   next PAXml postid.
 * - `meta/open-ended`: {@link OpenEndedRegistry}, the employees with an attested open-ended case.
 * - `case/<absenceId>`: the case's current state (`absenceDecider.evolve`).
 * - `employee/<employeeId>`: {@link StoredFacts}, what the employee's lines are computed from.
 * - `lines/<YYYY-MM>/<employeeId>:`: {@link LineDocument}, one employee's lines of one period, in
 *   lineId order, compact. A collection per period, keyed so that the key order is the lineId
 *   order: reading a month is one ordered range scan.
 * - `served/<YYYY-MM>/<employeeId>:`: the same lines as the lines endpoint serves them
 *   ({@link ServedLines}), under the same key. The endpoint sends their stored JSON text as it is
 *   (ReadStore.scanJson): parsing the compact form and serializing the lines again was most of a
 *   page's time.
 */
export const PAYROLL_PROJECTION_NAME = 'payroll';
export const META_COLLECTION = 'meta';
export const META_STATE_KEY = 'state';
export const OPEN_ENDED_KEY = 'open-ended';
export const CASE_COLLECTION = 'case';
export const FACTS_COLLECTION = 'employee';
export const linesCollection = (period: IsoMonth) => `lines/${period}`;
export const servedLinesCollection = (period: IsoMonth) => `served/${period}`;

export interface PayrollMeta {
  /**
   * Open-ended cases are stored through the end of this month: the latest of the ledger's own
   * clock (the Stockholm month of the latest event's recordedAt) and the latest locked period.
   * Later months are computed when asked for.
   */
  horizon: IsoMonth | null;
  /** Locked periods, sorted. */
  locked: IsoMonth[];
  /** The next PAXml postid: a sequence, so postids never collide. */
  nextPostId: number;
}

export const INITIAL_META: PayrollMeta = { horizon: null, locked: [], nextPostId: 1 };

/** Employee ids with at least one attested open-ended case (a set as an object). */
export interface OpenEndedRegistry {
  employees: Record<string, 1>;
}

export interface EmployeeFacts {
  employeeId: string;
  /** Revision of the employee stream last applied; -1 before any. */
  revision: number;
  employments: EmploymentPeriod[];
  /** The latest attested facts of each case, attested withdrawals included. */
  cases: Record<string, AttestedFacts>;
  /** Försäkringskassan's decisions on särskilt högriskskydd, as HR recorded them. */
  highRiskProtections: HighRiskProtection[];
  /** Months that hold a line document of the employee, sorted. */
  months: IsoMonth[];
}

export const emptyFacts = (employeeId: string): EmployeeFacts => ({ employeeId, revision: -1, employments: [], cases: {}, highRiskProtections: [], months: [] });

/** AttestedFacts as stored: a tuple (the fact sheet is rewritten at every attestation, so it is kept small). */
export type StoredAttestedFacts = [
  absenceId: string,
  type: AttestedFacts['type'],
  from: string,
  to: string | null,
  extentPercent: number,
  withdrawn: 0 | 1,
  attestedBy: string,
  attestedAt: string,
  notifiedOn?: string | null,
  preventedFromReporting?: 0 | 1,
];

/** EmployeeFacts as stored. */
export interface StoredFacts {
  employeeId: string;
  revision: number;
  employments: EmploymentPeriod[];
  cases: StoredAttestedFacts[];
  highRiskProtections?: HighRiskProtection[];
  months: IsoMonth[];
}

export function encodeFacts(f: EmployeeFacts): StoredFacts {
  const cases: StoredAttestedFacts[] = [];
  for (const c of Object.values(f.cases)) {
    cases.push([c.absenceId, c.type, c.from, c.to, c.extentPercent, c.withdrawn ? 1 : 0, c.attestedBy, c.attestedAt, c.notifiedOn, c.preventedFromReporting ? 1 : 0]);
  }
  const stored: StoredFacts = { employeeId: f.employeeId, revision: f.revision, employments: f.employments, cases, months: f.months };
  if (f.highRiskProtections.length > 0) stored.highRiskProtections = f.highRiskProtections;
  return stored;
}

export function decodeFacts(s: StoredFacts): EmployeeFacts {
  const cases: Record<string, AttestedFacts> = {};
  for (const [absenceId, type, from, to, extentPercent, withdrawn, attestedBy, attestedAt, notifiedOn, prevented] of s.cases) {
    cases[absenceId] = {
      absenceId,
      type,
      from,
      to,
      extentPercent,
      withdrawn: withdrawn === 1,
      attestedBy,
      attestedAt,
      notifiedOn: notifiedOn ?? null,
      preventedFromReporting: prevented === 1,
    };
  }
  return { employeeId: s.employeeId, revision: s.revision, employments: s.employments, cases, highRiskProtections: s.highRiskProtections ?? [], months: s.months };
}

/** What several lines share: absenceId, type, extentPercent, attestedBy, attestedAt. */
export type CaseRef = [absenceId: string, type: string, extentPercent: number, attestedBy: string, attestedAt: string];

/**
 * One line: the lineId's hash part, its CaseRef, date, tidkod, hours, sick day, adjusted period,
 * postid; then, only when the line has them, the unpaid reason and the flags.
 */
export type StoredLine = [
  hash: string,
  caseRef: number,
  date: string,
  code: string,
  hours: number,
  sickDay: number | null,
  adjustsPeriod: IsoMonth | null,
  postId: number,
  unpaidReason?: string | null,
  flags?: string[],
];

export interface LineDocument {
  employeeId: string;
  refs: CaseRef[];
  /** Sorted by lineId. */
  lines: StoredLine[];
}

/** A LineDocument's lines in the shape docs/http-api.md "Payroll" gives them ({@link toPayrollLine}), same order. */
export type ServedLines = PayrollLine[];

/** A line with everything the API serves, and its postid. */
export interface PeriodLine extends ComputedLine {
  lineId: string;
  employeeId: string;
  adjustsPeriod: IsoMonth | null;
  postId: number;
}

export function lineIdFromParts(employeeId: string, date: string, hash: string): string {
  return `${employeeId}:${date}:${hash}`;
}

export function hashOfLineId(lineId: string): string {
  return lineId.slice(lineId.lastIndexOf(':') + 1);
}

export function decodeLines(doc: LineDocument): PeriodLine[] {
  const out = new Array<PeriodLine>(doc.lines.length);
  const prefix = employeeKeyOf(doc.employeeId);
  for (let i = 0; i < doc.lines.length; i++) {
    const [hash, ref, date, code, hours, sickDay, adjustsPeriod, postId, unpaidReason, flags] = doc.lines[i];
    const [absenceId, type, extentPercent, attestedBy, attestedAt] = doc.refs[ref];
    out[i] = {
      lineId: `${prefix}${date}:${hash}`,
      employeeId: doc.employeeId,
      absenceId,
      date,
      type,
      code,
      hours,
      extentPercent,
      sickDay,
      unpaidReason: (unpaidReason ?? null) as ComputedLine['unpaidReason'],
      flags: flags ?? [],
      attestedBy,
      attestedAt,
      adjustsPeriod,
      postId,
    };
  }
  return out;
}

/** Lines (already sorted by lineId) as a document. */
export function encodeLines(employeeId: string, lines: readonly PeriodLine[]): LineDocument {
  const refs: CaseRef[] = [];
  const refIndex = new Map<string, number>();
  const stored: StoredLine[] = [];
  for (const l of lines) {
    const refKey = `${l.absenceId}\u0000${l.type}\u0000${l.extentPercent}\u0000${l.attestedBy}\u0000${l.attestedAt}`;
    let ref = refIndex.get(refKey);
    if (ref === undefined) {
      ref = refs.length;
      refs.push([l.absenceId, l.type, l.extentPercent, l.attestedBy, l.attestedAt]);
      refIndex.set(refKey, ref);
    }
    const line: StoredLine = [hashOfLineId(l.lineId), ref, l.date, l.code, l.hours, l.sickDay, l.adjustsPeriod, l.postId];
    if (l.unpaidReason !== null || l.flags.length > 0) line.push(l.unpaidReason);
    if (l.flags.length > 0) line.push(l.flags);
    stored.push(line);
  }
  return { employeeId, refs, lines: stored };
}

/** The line as docs/http-api.md "Payroll" defines it, fields in that order. */
export function toPayrollLine(l: PeriodLine): PayrollLine {
  return {
    lineId: l.lineId,
    employeeId: l.employeeId,
    absenceId: l.absenceId,
    date: l.date,
    type: l.type,
    code: l.code,
    hours: l.hours,
    extentPercent: l.extentPercent,
    sickDay: l.sickDay,
    unpaidReason: l.unpaidReason,
    adjustsPeriod: l.adjustsPeriod,
    attestedBy: l.attestedBy,
    attestedAt: l.attestedAt,
    flags: l.flags,
  };
}
