import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LifecycleLog } from '../logging/lifecycle-log';
import { HttpMetrics } from './http-metrics';
import { JobMetrics } from './job-metrics';
import { OperationsController } from './operations.controller';

/** /health and /metrics. (/docs is mounted in main.ts from the OpenAPI document.) */
@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [OperationsController], providers: [HttpMetrics, JobMetrics, LifecycleLog] })
export class OperationsModule {}
