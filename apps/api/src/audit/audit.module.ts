import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** Internal control: verifying that the ledger was not altered. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
