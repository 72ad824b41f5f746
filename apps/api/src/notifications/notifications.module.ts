import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadYourWrites } from '../http/read-your-writes';
import { NotificationsController } from './notifications.controller';
import { ListNotificationsHandler } from './queries/list-notifications.query';
import { RemindersModule } from '@ledger/ledger';

/** Reminders (påminnelser): GET /v1/notifications, and the reminder jobs behind it. */
@Module({
  imports: [CqrsModule, RemindersModule],
  controllers: [NotificationsController],
  providers: [ReadYourWrites, ListNotificationsHandler],
})
export class NotificationsModule {}
