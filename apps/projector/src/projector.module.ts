import { Module } from '@nestjs/common';
import { LedgerModule, ProcessHealthServer } from '@ledger/ledger';

/** The projector: the ledger's ports and projections, and a small /metrics and /health port. No API, no jobs. */
@Module({ imports: [LedgerModule], providers: [ProcessHealthServer] })
export class ProjectorModule {}
