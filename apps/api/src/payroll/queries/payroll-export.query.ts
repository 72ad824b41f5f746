import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Readable } from 'node:stream';
import { CsvExportOptions, csvExportWriter, encodeXmlText, ExportHead, ExportWriter, jsonExportWriter, PayrollLine, paxmlExportWriter } from '@ledger/payroll-export';
import { Clock, CLOCK, ProjectionsService } from '@ledger/ledger';
import type { ExportFormat } from '../payroll.dto';
import { payrollReadModel } from './payroll-lines.query';

export interface PayrollExportResult {
  contentType: string;
  filename: string;
  /** The document, written a batch of lines at a time as the client reads it. */
  body: Readable;
}

const FORMATS: Record<ExportFormat, { contentType: string; extension: string }> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  paxml: { contentType: 'application/xml; charset=utf-8', extension: 'xml' },
};

/** Lines rendered per piece of the document. */
const LINES_PER_PIECE = 10_000;

/**
 * Every line of a period as one document: JSON, CSV or PAXml 2.0 (postid = the line's stored
 * sequence number). The lines are one state of the read model, read before the first byte goes
 * out; the text is made a batch at a time while the client reads it, so memory does not grow with
 * the period (a month of the 2 M-event benchmark log is tens of MB of text: docs/BENCHMARKS.md).
 */
export class PayrollExportQuery {
  constructor(
    readonly period: string,
    readonly format: ExportFormat,
    readonly options: ExportOptions = {},
  ) {}
}

/** csv: delimiter, decimal mark and BOM; paxml: the encoding. */
export interface ExportOptions {
  csv?: CsvExportOptions;
  paxmlEncoding?: 'UTF-8' | 'ISO-8859-1';
}

@QueryHandler(PayrollExportQuery)
export class PayrollExportHandler implements IQueryHandler<PayrollExportQuery, PayrollExportResult> {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ period, format, options }: PayrollExportQuery): Promise<PayrollExportResult> {
    const encoding = format === 'paxml' ? (options.paxmlEncoding ?? 'UTF-8') : 'UTF-8';
    const snapshot = await payrollReadModel(this.projections).snapshot(period);
    const head: ExportHead = { period, status: snapshot.status, generatedAt: this.clock.now().toISOString() };
    let postIdOf = new Map<PayrollLine, number>();
    const writer: ExportWriter =
      format === 'csv'
        ? csvExportWriter(options.csv)
        : format === 'paxml'
          ? paxmlExportWriter(head, { postIdOf: (line) => postIdOf.get(line)!, encoding })
          : jsonExportWriter(head);
    function* pieces(): Generator<Buffer> {
      yield encodeXmlText(writer.begin(), encoding);
      for (const { lines, postIds } of snapshot.batches(LINES_PER_PIECE)) {
        if (format === 'paxml') postIdOf = new Map(lines.map((line, i) => [line, postIds[i]]));
        yield encodeXmlText(writer.lines(lines), encoding);
      }
      yield encodeXmlText(writer.end(), encoding);
    }
    const { extension } = FORMATS[format];
    const contentType = encoding === 'ISO-8859-1' ? 'application/xml; charset=iso-8859-1' : FORMATS[format].contentType;
    return { contentType, filename: `payroll-${period}.${extension}`, body: Readable.from(pieces(), { highWaterMark: 2 }) };
  }
}
