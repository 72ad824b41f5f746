import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RecordObservationHandler } from './commands/record-observation.command';
import { ObservationsController } from './observations.controller';

/** Observed absence and presence from schedules, time clocks, staffing and managers. */
@Module({
  imports: [CqrsModule],
  controllers: [ObservationsController],
  providers: [RecordObservationHandler],
})
export class ObservationsModule {}
