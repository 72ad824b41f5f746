import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HighRiskProtectionController } from './high-risk-protection.controller';
import { RecordHighRiskProtectionHandler } from './record-high-risk-protection.command';

/** Särskilt högriskskydd: Försäkringskassan's decisions per employee, recorded by HR. */
@Module({
  imports: [CqrsModule],
  controllers: [HighRiskProtectionController],
  providers: [RecordHighRiskProtectionHandler],
})
export class HighRiskProtectionModule {}
