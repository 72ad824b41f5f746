import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { PersonalDataConfig } from '@ledger/config';
import { stockholmDateOf } from '@ledger/domain';
import { AccessLog, CLOCK, Clock, PERSONAL_DATA_CONFIG, RetentionModule } from '@ledger/ledger';
import { ACCESS_LOG_SOURCE, AccessLogEntry, AccessLogSource } from './access-log-source';
import { ErasePersonHandler } from './erase-person.command';
import { PersonalDataCopyHandler } from './personal-data-copy.query';
import { PersonalDataController } from './personal-data.controller';
import { RevealPersonalDataInterceptor } from './reveal-personal-data.interceptor';

/** The access log of the person's health data over the retention of payroll facts (RETENTION_PAYROLL_YEARS) and this year. */
function accessLogSource(log: AccessLog, clock: Clock, config: PersonalDataConfig): AccessLogSource {
  return {
    readsOf: async (employeeId) => {
      const today = stockholmDateOf(clock.now());
      const from = `${Number(today.slice(0, 4)) - config.retention.payrollYears}-01-01`;
      return (await log.entriesOf(employeeId, from, today)) as unknown as AccessLogEntry[];
    },
  };
}

/** The HTTP side of personal data: erasure, a person's own copy, opening sealed fields in every answer; and the retention job. */
@Module({
  imports: [CqrsModule, RetentionModule],
  controllers: [PersonalDataController],
  providers: [
    ErasePersonHandler,
    PersonalDataCopyHandler,
    { provide: ACCESS_LOG_SOURCE, useFactory: accessLogSource, inject: [AccessLog, CLOCK, PERSONAL_DATA_CONFIG] },
    { provide: APP_INTERCEPTOR, useClass: RevealPersonalDataInterceptor },
  ],
})
export class PersonalDataModule {}
