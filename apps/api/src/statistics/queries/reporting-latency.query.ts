import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AbsenceType } from '@ledger/domain';
import type { LatencyReport } from '@ledger/projections';
import type { LatePolicy } from '@ledger/swedish-rules';
import { LATE_POLICY } from '../late-policy';
import { StatisticsReader } from '../statistics-reader';

/** How late absence, returns and attestations are recorded, per month of the absence's first day. */
export class ReportingLatencyQuery {
  constructor(
    readonly departmentId: string | null,
    readonly from: string,
    readonly to: string,
    readonly type: AbsenceType | undefined,
  ) {}
}

export type ReportingLatencyResult = LatencyReport & { latePolicy: LatePolicy };

@QueryHandler(ReportingLatencyQuery)
export class ReportingLatencyHandler implements IQueryHandler<ReportingLatencyQuery, ReportingLatencyResult> {
  constructor(
    private readonly reader: StatisticsReader,
    @Inject(LATE_POLICY) private readonly policy: LatePolicy,
  ) {}

  async execute({ departmentId, from, to, type }: ReportingLatencyQuery): Promise<ReportingLatencyResult> {
    const report = await this.reader.model().reportingLatency({ departmentId, from, to, type, policy: this.policy });
    return { ...report, latePolicy: this.policy };
  }
}
