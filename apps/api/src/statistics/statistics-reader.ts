import { Inject, Injectable } from '@nestjs/common';
import { stockholmDateOf } from '@ledger/domain';
import { STATISTICS_PROJECTION_NAME, StatisticsReadModel } from '@ledger/projections';
import { Clock, CLOCK, ProjectionsService } from '@ledger/ledger';

/** The statistics read model of the active namespace, and today in Stockholm by the ledger's clock. */
@Injectable()
export class StatisticsReader {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  model(): StatisticsReadModel {
    return new StatisticsReadModel(this.projections.readStore, this.projections.namespaceOf(STATISTICS_PROJECTION_NAME));
  }

  /** Open-ended sick cases run to the end of the range asked for, never past today. */
  today(): string {
    return stockholmDateOf(this.clock.now());
  }
}
