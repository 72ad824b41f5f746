import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PayrollLine, PayrollPeriodExport, toCsvExport, toJsonExport, toPaxmlExport } from '@ledger/payroll-export';
import { CLOCK, Clock } from '../../ledger/clock';
import { ProjectionsService } from '../../ledger/projections.service';
import type { ExportFormat } from '../payroll.dto';
import { payrollReadModel } from './payroll-lines.query';

export interface PayrollExportResult {
  contentType: string;
  filename: string;
  body: string;
}

const FORMATS: Record<ExportFormat, { contentType: string; extension: string }> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  paxml: { contentType: 'application/xml; charset=utf-8', extension: 'xml' },
};

/** Every line of a period as one document: JSON, CSV or PAXml 2.0 (postid = the line's stored sequence number). */
export class PayrollExportQuery {
  constructor(
    readonly period: string,
    readonly format: ExportFormat,
  ) {}
}

@QueryHandler(PayrollExportQuery)
export class PayrollExportHandler implements IQueryHandler<PayrollExportQuery, PayrollExportResult> {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ period, format }: PayrollExportQuery): Promise<PayrollExportResult> {
    const { status, lines, postIds } = await payrollReadModel(this.projections).all(period);
    const postIdOf = new Map<PayrollLine, number>(lines.map((line, i) => [line, postIds[i]]));
    const doc: PayrollPeriodExport = { period, status, lines, generatedAt: this.clock.now().toISOString() };
    const body =
      format === 'csv'
        ? toCsvExport(doc)
        : format === 'paxml'
          ? toPaxmlExport(doc, { postIdOf: (line) => postIdOf.get(line)! })
          : toJsonExport(doc);
    const { contentType, extension } = FORMATS[format];
    return { contentType, filename: `payroll-${period}.${extension}`, body };
  }
}
