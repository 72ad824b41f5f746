import { Module } from '@nestjs/common';
import { LedgerModule } from '../../api/src/ledger/ledger.module';
import { RemindersModule } from '../../api/src/notifications/reminders.module';
import { ProjectorMetricsServer } from '../../projector/src/projector-metrics-server';

/**
 * The worker: the ledger's ports and the job handlers (reminder scan, webhook delivery), and the
 * same small /health and /metrics port as the projector's (WORKER_HEALTH_PORT). No API, no projections.
 */
@Module({ imports: [LedgerModule, RemindersModule], providers: [ProjectorMetricsServer] })
export class WorkerModule {}
