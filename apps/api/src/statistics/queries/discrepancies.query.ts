import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Discrepancy } from '@ledger/projections';
import { StatisticsReader } from '../statistics-reader';

/** Observations that disagree with the registered absence, in [from, to], in the given departments (null: all). */
export class DiscrepanciesQuery {
  constructor(
    readonly departmentIds: string[] | null,
    readonly from: string,
    readonly to: string,
  ) {}
}

@QueryHandler(DiscrepanciesQuery)
export class DiscrepanciesHandler implements IQueryHandler<DiscrepanciesQuery, Discrepancy[]> {
  constructor(private readonly reader: StatisticsReader) {}

  execute({ departmentIds, from, to }: DiscrepanciesQuery): Promise<Discrepancy[]> {
    if (departmentIds !== null && departmentIds.length === 0) return Promise.resolve([]);
    return this.reader.model().discrepancies({ departmentIds, from, to });
  }
}
