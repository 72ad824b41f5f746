import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MasterDataController } from './master-data.controller';
import { DefineDepartmentHandler, RecordEmploymentHandler } from './master-data.commands';

/** Employees, their employment history, and departments with their managers. */
@Module({
  imports: [CqrsModule],
  controllers: [MasterDataController],
  providers: [DefineDepartmentHandler, RecordEmploymentHandler],
})
export class MasterDataModule {}
