import { Module } from '@nestjs/common';
import { LedgerModule, ProcessHealthServer, RemindersModule, RetentionModule } from '@ledger/ledger';

/**
 * The worker: the ledger's ports and the job handlers (reminder scan, webhook delivery, retention),
 * and the same small /health and /metrics port as the projector's (WORKER_HEALTH_PORT). No API, no projections.
 */
@Module({ imports: [LedgerModule, RemindersModule, RetentionModule], providers: [ProcessHealthServer] })
export class WorkerModule {}
