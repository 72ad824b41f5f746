import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { OperationsController } from './operations.controller';

/** /health and /metrics. (/docs is mounted in main.ts from the OpenAPI document.) */
@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [OperationsController] })
export class OperationsModule {}
