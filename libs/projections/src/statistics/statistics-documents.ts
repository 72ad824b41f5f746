import type { AbsenceState, Gender, ObservationKind, ObservationSource } from '@ledger/domain';
import type { EmploymentPeriod, IsoDate, IsoMonth } from '@ledger/swedish-rules';
import type { LatencyFacts } from './reporting-latency';

/**
 * What the statistics projection stores (namespace `statistics@v<version>`). Statistics describe
 * the absence registered now: the latest version of every case that is not withdrawn, attested
 * or not. The documents are shaped so that a query reads one small document per employee (and per
 * year of sick cases), never the cases' events:
 *
 * - `employee/<employeeId>`: {@link StatsEmployee}: employment history, gender, birth year and the
 *   open-ended sick cases. Indexed by every department the employee has belonged to.
 * - `sick/<year>|<employeeId>`: {@link SickYear}: the closed sick cases that touch the year.
 * - `case/<absenceId>`: {@link CaseTrack}: what the statistics need of the case's latest state, and
 *   its first attestation and return report. Indexed by employee while not withdrawn.
 * - `latency/<YYYY-MM>|<departmentId>`: {@link LatencyBucket}: the latency facts of the cases
 *   whose first day lies in the month, of the case's department.
 * - `observation/<year>|<employeeId>`: {@link ObservationYear}: the latest observation of each day.
 *
 * Keys that begin with the year or month put the documents of one period side by side, so the
 * whole organisation's period is one range scan of the primary key (no index to join), and one
 * department's or employee's documents are point reads.
 */
export const STATISTICS_PROJECTION_NAME = 'statistics';

export const STATS_EMPLOYEE = 'employee';
export const STATS_SICK = 'sick';
export const STATS_CASE = 'case';
export const STATS_LATENCY = 'latency';
export const STATS_OBSERVATION = 'observation';

/** Index names. */
export const BY_DEPARTMENT_EVER = 'department';
export const LIVE_BY_EMPLOYEE = 'employee';

export interface StatsEmployee {
  employeeId: string;
  /** Revision of the employee stream last applied; -1 before any. */
  revision: number;
  gender: Gender;
  birthYear: number;
  /** Sorted by effectiveFrom, one per date. */
  employments: EmploymentPeriod[];
  /** Open-ended sick cases: absenceId → [first day, extentPercent]. */
  openSick: Record<string, [from: IsoDate, extentPercent: number]>;
}

export const emptyEmployee = (employeeId: string): StatsEmployee => ({
  employeeId,
  revision: -1,
  gender: 'unknown',
  birthYear: 0,
  employments: [],
  openSick: {},
});

/** A sick case as the statistics count it: [first day, last day (null: open-ended), extentPercent]. */
export type SickFacts = [from: IsoDate, to: IsoDate | null, extentPercent: number];

export interface SickYear {
  employeeId: string;
  year: number;
  /** absenceId → [first day, last day, extentPercent] of every closed sick case touching the year. */
  spells: Record<string, [from: IsoDate, to: IsoDate, extentPercent: number]>;
}

/** The fields of a case's state (absenceDecider) that the statistics read. */
export type TrackedCase = Pick<
  AbsenceState,
  | 'exists'
  | 'absenceId'
  | 'employeeId'
  | 'departmentId'
  | 'type'
  | 'from'
  | 'to'
  | 'extentPercent'
  | 'withdrawn'
  | 'version'
  | 'reportedAt'
  | 'returnReportedAt'
>;

/** A case as the statistics follow it; where it is filed follows from it (see the projection's filingOf). */
export interface CaseTrack {
  case: TrackedCase;
  /** recordedAt of the first attestation, kept through later corrections and re-attestations. */
  firstAttestedAt: string | null;
  /** lastDay of the return report (friskanmälan), when there was one. */
  returnLastDay: IsoDate | null;
}

export interface LatencyBucket {
  month: IsoMonth;
  departmentId: string;
  cases: Record<string, LatencyFacts>;
}

export const latencyBucketKey = (month: IsoMonth, departmentId: string) => `${month}|${departmentId}`;
export const yearKey = (year: number, employeeId: string) => `${year}|${employeeId}`;
/** Every key of a period begins with this; '|' never occurs in ids. */
export const periodPrefix = (period: string | number) => `${period}|`;

export interface ObservationYear {
  employeeId: string;
  year: number;
  /** Revision of the observations stream last applied to this document. */
  revision: number;
  /** date → [kind, source, recordedAt] of the latest observation of the day. */
  dates: Record<IsoDate, [kind: ObservationKind, source: ObservationSource, recordedAt: string]>;
}
