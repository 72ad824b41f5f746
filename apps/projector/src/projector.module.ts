import { Module } from '@nestjs/common';
import { LedgerModule } from '@ledger/ledger';
import { ProjectorMetricsServer } from './projector-metrics-server';

/** The projector: the ledger's ports and projections, and a small /metrics and /health port. No API, no jobs. */
@Module({ imports: [LedgerModule], providers: [ProjectorMetricsServer] })
export class ProjectorModule {}
