import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AnnualReport } from '@ledger/projections';
import { StatisticsReader } from '../statistics-reader';

/** The statutory sick-leave figures of a year (årsredovisningens sjukfrånvaroredovisning). */
export class AnnualReportQuery {
  constructor(
    readonly departmentId: string | null,
    readonly year: number,
  ) {}
}

@QueryHandler(AnnualReportQuery)
export class AnnualReportHandler implements IQueryHandler<AnnualReportQuery, AnnualReport> {
  constructor(private readonly reader: StatisticsReader) {}

  execute({ departmentId, year }: AnnualReportQuery): Promise<AnnualReport> {
    return this.reader.model().annualReport({ departmentId, year, today: this.reader.today() });
  }
}
