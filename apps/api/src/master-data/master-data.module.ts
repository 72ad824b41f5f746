import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../http/read-your-writes';
import { MasterDataController } from './master-data.controller';
import { DefineDepartmentHandler, RecordEmploymentHandler, SubstituteHandler } from './master-data.commands';

/** Employees, their employment history, and departments with their managers. */
@Module({
  imports: [CqrsModule],
  controllers: [MasterDataController],
  providers: [DefineDepartmentHandler, RecordEmploymentHandler, SubstituteHandler, ReadYourWrites],
})
export class MasterDataModule {}
