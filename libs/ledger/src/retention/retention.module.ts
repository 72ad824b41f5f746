import { Module } from '@nestjs/common';
import { RetentionJob } from './retention-job';

/** The daily retention job (gallring): defined in every process with workers (the API with LEDGER_RUN=all, the worker app). */
@Module({ providers: [RetentionJob], exports: [RetentionJob] })
export class RetentionModule {}
