import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { RetentionModule } from '@ledger/ledger';
import { ACCESS_LOG_SOURCE, AccessLogSource } from './access-log-source';
import { ErasePersonHandler } from './erase-person.command';
import { PersonalDataCopyHandler } from './personal-data-copy.query';
import { PersonalDataController } from './personal-data.controller';
import { RevealPersonalDataInterceptor } from './reveal-personal-data.interceptor';

/** Until the audit feature keeps a per-person access log, the copy lists none. */
const noAccessLog: AccessLogSource = { readsOf: async () => [] };

/** The HTTP side of personal data: erasure, a person's own copy, opening sealed fields in every answer; and the retention job. */
@Module({
  imports: [CqrsModule, RetentionModule],
  controllers: [PersonalDataController],
  providers: [
    ErasePersonHandler,
    PersonalDataCopyHandler,
    { provide: ACCESS_LOG_SOURCE, useValue: noAccessLog },
    { provide: APP_INTERCEPTOR, useClass: RevealPersonalDataInterceptor },
  ],
})
export class PersonalDataModule {}
