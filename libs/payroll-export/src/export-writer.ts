import { PayrollLine } from './types';

/** What an export says about its period before any line: the header of every format. */
export interface ExportHead {
  /** YYYY-MM */
  period: string;
  status: 'open' | 'locked';
  /** ISO 8601 timestamp in UTC, passed in so that the export stays pure. */
  generatedAt: string;
}

/**
 * An export written piece by piece, so a period of any size is served without holding the whole
 * document: `begin()`, then `lines()` for each batch of lines in order, then `end()`. The pieces
 * joined are exactly the document the one-shot function (toJsonExport, toCsvExport, toPaxmlExport)
 * gives for all the lines at once. A writer is used for one document.
 */
export interface ExportWriter {
  begin(): string;
  lines(batch: readonly PayrollLine[]): string;
  end(): string;
}

/** The whole document from a writer and all its lines. */
export function writeAll(writer: ExportWriter, lines: readonly PayrollLine[]): string {
  return writer.begin() + writer.lines(lines) + writer.end();
}
