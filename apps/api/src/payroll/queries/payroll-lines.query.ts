import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PAYROLL_PROJECTION_NAME, PayrollLinesPage, PayrollReadModel } from '@ledger/projections';
import { ProjectionsService } from '@ledger/ledger';

/** One page of a period's payroll lines, in lineId order. */
export class PayrollLinesQuery {
  constructor(
    readonly period: string,
    readonly after: string | undefined,
    readonly limit: number,
  ) {}
}

@QueryHandler(PayrollLinesQuery)
export class PayrollLinesHandler implements IQueryHandler<PayrollLinesQuery, PayrollLinesPage> {
  constructor(private readonly projections: ProjectionsService) {}

  async execute({ period, after, limit }: PayrollLinesQuery): Promise<PayrollLinesPage> {
    return payrollReadModel(this.projections).page(period, { after, limit });
  }
}

export function payrollReadModel(projections: ProjectionsService): PayrollReadModel {
  return new PayrollReadModel(projections.readStore, projections.namespaceOf(PAYROLL_PROJECTION_NAME));
}
