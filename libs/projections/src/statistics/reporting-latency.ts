import {
  AbsenceType,
  IsoDate,
  IsoMonth,
  LatePolicy,
  isReportLate,
  isReturnLate,
  median,
  percentile,
  UNPLANNED_ABSENCE_TYPES,
  ratePercent,
  reportLatencyHours,
  returnLatencyHours,
  round2,
} from '@ledger/swedish-rules';

/**
 * Reporting latency (GET /v1/stats/reporting-latency; docs/domain.md "Late reporting").
 *
 * - A case counts in the month of its first absence day (as registered now).
 * - Without `type`, unplanned absence only (swedish-rules UNPLANNED_ABSENCE_TYPES: sick, care_of_child,
 *   work_injury): planned vacations reported months ahead have no reporting latency.
 * - A latency is never negative: a report or friskanmälan made ahead counts as 0 hours.
 * - Report latency: the first recorded report minus 00:00 local time of the first day.
 * - Return latency: the recorded return report (friskanmälan) minus 24:00 local time of its lastDay.
 * - Attestation latency: the first attestation minus the first report.
 * - Late per swedish-rules `isReportLate` / `isReturnLate` under the given policy.
 * Hours are given to 2 decimals; medians and 90th percentiles are swedish-rules' (linear
 * interpolation), null when there is nothing to measure.
 */

/** What the statistics projection keeps per case: [type, first day, first report, return lastDay, return recordedAt, first attestation]. */
export type LatencyFacts = [
  type: AbsenceType,
  firstDay: IsoDate,
  reportedAt: string,
  returnLastDay: IsoDate | null,
  returnReportedAt: string | null,
  firstAttestedAt: string | null,
];

export interface LatencyFigures {
  reports: { count: number; lateCount: number; latePercent: number | null; medianHours: number | null; p90Hours: number | null };
  returns: { count: number; lateCount: number; latePercent: number | null; medianHours: number | null };
  attestations: { count: number; medianHours: number | null; p90Hours: number | null };
}

export interface LatencyReport {
  departmentId: string | null;
  type: AbsenceType | null;
  months: Array<{ month: IsoMonth } & LatencyFigures>;
  total: LatencyFigures;
}

class Samples {
  reports: number[] = [];
  lateReports = 0;
  returns: number[] = [];
  lateReturns = 0;
  attestations: number[] = [];

  add(f: LatencyFacts, policy: LatePolicy): void {
    const [type, firstDay, reportedAt, returnLastDay, returnReportedAt, firstAttestedAt] = f;
    this.reports.push(reportLatencyHours(firstDay, reportedAt));
    if (isReportLate(type, firstDay, reportedAt, policy)) this.lateReports++;
    if (returnLastDay !== null && returnReportedAt !== null) {
      this.returns.push(returnLatencyHours(returnLastDay, returnReportedAt));
      if (isReturnLate(returnLastDay, returnReportedAt, policy)) this.lateReturns++;
    }
    if (firstAttestedAt !== null) this.attestations.push((Date.parse(firstAttestedAt) - Date.parse(reportedAt)) / 3_600_000);
  }

  merge(other: Samples): void {
    for (const v of other.reports) this.reports.push(v);
    for (const v of other.returns) this.returns.push(v);
    for (const v of other.attestations) this.attestations.push(v);
    this.lateReports += other.lateReports;
    this.lateReturns += other.lateReturns;
  }

  figures(): LatencyFigures {
    return {
      reports: {
        count: this.reports.length,
        lateCount: this.lateReports,
        latePercent: ratePercent(this.lateReports, this.reports.length),
        medianHours: hours(median(this.reports)),
        p90Hours: hours(percentile(this.reports, 90)),
      },
      returns: {
        count: this.returns.length,
        lateCount: this.lateReturns,
        latePercent: ratePercent(this.lateReturns, this.returns.length),
        medianHours: hours(median(this.returns)),
      },
      attestations: {
        count: this.attestations.length,
        medianHours: hours(median(this.attestations)),
        p90Hours: hours(percentile(this.attestations, 90)),
      },
    };
  }
}

const hours = (v: number | null) => (v === null ? null : round2(v));

/** Latency figures built one case at a time, so a reader can stream the cases. */
export interface LatencyAccumulator {
  add(month: IsoMonth, facts: LatencyFacts): void;
  result(): LatencyReport;
}

/** Cases of other months, and of other types (`type`, or unplanned absence without it), are skipped. */
export function latencyAccumulator(query: {
  departmentId: string | null;
  months: readonly IsoMonth[];
  type?: AbsenceType;
  policy: LatePolicy;
}): LatencyAccumulator {
  const byMonth = new Map<IsoMonth, Samples>(query.months.map((m) => [m, new Samples()]));
  return {
    add(month, facts) {
      if (query.type !== undefined ? facts[0] !== query.type : !UNPLANNED_ABSENCE_TYPES.includes(facts[0])) return;
      byMonth.get(month)?.add(facts, query.policy);
    },
    result() {
      const total = new Samples();
      const months = query.months.map((month) => {
        const s = byMonth.get(month)!;
        total.merge(s);
        return { month, ...s.figures() };
      });
      return { departmentId: query.departmentId, type: query.type ?? null, months, total: total.figures() };
    },
  };
}

/** Aggregates the cases of the given months; `cases` yields each case once with the month of its first day. */
export function latencyReport(
  cases: Iterable<{ month: IsoMonth; facts: LatencyFacts }>,
  query: { departmentId: string | null; months: readonly IsoMonth[]; type?: AbsenceType; policy: LatePolicy },
): LatencyReport {
  const acc = latencyAccumulator(query);
  for (const { month, facts } of cases) acc.add(month, facts);
  return acc.result();
}
