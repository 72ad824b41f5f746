import { Module } from '@nestjs/common';
import { LedgerModule } from '../../api/src/ledger/ledger.module';
import { RemindersModule } from '../../api/src/notifications/reminders.module';

/** The worker: the ledger's ports and the job handlers (reminder scan, webhook delivery). No API, no projections. */
@Module({ imports: [LedgerModule, RemindersModule] })
export class WorkerModule {}
