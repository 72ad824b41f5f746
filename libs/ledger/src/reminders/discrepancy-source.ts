import { Injectable } from '@nestjs/common';
import { STATISTICS_PROJECTION_NAME, StatisticsReadModel } from '@ledger/projections';
import { ProjectionsService } from '../core/projections.service';
import type { OpenDiscrepancy } from './reminder-rules';

export const DISCREPANCY_SOURCE = Symbol('DISCREPANCY_SOURCE');

/** Where the reminder scan finds the open discrepancies (docs/domain.md "Discrepancies"). */
export interface DiscrepancySource {
  /** False when there is no discrepancies read model to read: `discrepancy` reminders are then neither raised nor resolved. */
  readonly available: boolean;
  /** The projection the source reads, which the scan waits for like the others. */
  readonly projection?: string;
  /** Every discrepancy that is open now. */
  open(): AsyncIterable<OpenDiscrepancy>;
}

/**
 * The discrepancies of the statistics projection (the read model behind GET /v1/discrepancies):
 * the latest observation of each employee and day against the cases registered now. A
 * discrepancy of an employee with no department that day has no manager to remind and is left out.
 */
@Injectable()
export class StatisticsDiscrepancySource implements DiscrepancySource {
  readonly available = true;
  readonly projection = STATISTICS_PROJECTION_NAME;

  constructor(private readonly projections: ProjectionsService) {}

  async *open(): AsyncIterable<OpenDiscrepancy> {
    const model = new StatisticsReadModel(this.projections.readStore, this.projections.namespaceOf(STATISTICS_PROJECTION_NAME));
    for await (const d of model.openDiscrepancies()) {
      if (d.departmentId === null) continue;
      yield { employeeId: d.employeeId, date: d.date, kind: d.kind, absenceId: d.absenceId, departmentId: d.departmentId };
    }
  }
}

/** For a deployment (or a test) without the discrepancies read model. */
export class NoDiscrepancySource implements DiscrepancySource {
  readonly available = false;
  // eslint-disable-next-line require-yield -- an empty source
  async *open(): AsyncIterable<OpenDiscrepancy> {
    return;
  }
}
