import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { SickLeaveReport } from '@ledger/projections';
import { StatisticsReader } from '../statistics-reader';

/** Sick leave per month of a department (null: the organisation). */
export class SickLeaveQuery {
  constructor(
    readonly departmentId: string | null,
    readonly from: string,
    readonly to: string,
  ) {}
}

@QueryHandler(SickLeaveQuery)
export class SickLeaveHandler implements IQueryHandler<SickLeaveQuery, SickLeaveReport> {
  constructor(private readonly reader: StatisticsReader) {}

  execute({ departmentId, from, to }: SickLeaveQuery): Promise<SickLeaveReport> {
    return this.reader.model().sickLeave({ departmentId, from, to, today: this.reader.today() });
  }
}
