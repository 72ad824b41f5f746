import { Module } from '@nestjs/common';
import { LedgerModule, RemindersModule, RetentionModule } from '@ledger/ledger';

/** The worker: the ledger's ports and the job handlers (reminder scan, webhook delivery). No API, no projections. */
@Module({ imports: [LedgerModule, RemindersModule, RetentionModule] })
export class WorkerModule {}
