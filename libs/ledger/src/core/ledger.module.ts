import { BeforeApplicationShutdown, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig, loadConfig } from '@ledger/config';
import { EVENT_STORE, EventStore, SEAL_STORE, SealKey, SealStore, Sealer, loadSealKey } from '@ledger/event-store';
import { SqliteEventStore, SqliteSealStore } from '@ledger/event-store/sqlite';
import { BullMqJobRunner, InProcessJobRunner, JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { AbsencesProjection, MasterDataProjection, NotificationsProjection, PayrollProjection, Projection, StatisticsProjection } from '@ledger/projections';
import { READ_STORE, ReadStore, RedisReadStore, SqliteReadStore } from '@ledger/read-store';
import { join } from 'node:path';
import { CommandMetrics, MetricsRegistry } from '../metrics/command-metrics';
import { CLOCK, systemClock } from './clock';
import { CommandPipeline } from './command-pipeline';
import { EmployeeAbsenceIndex } from './employee-absence-index';
import { DepartmentScope } from './department-scope';
import { MasterDataReader } from './master-data-reader';
import { PROJECTIONS, ProjectionsService } from './projections.service';
import { PersonalDataCoreModule } from './personal-data-core.module';
import { ProjectorLock } from './projector-lock';
import { SEAL_KEY, StreamIntegrity } from './stream-integrity';
import { AccessLog } from './access-log';

/** The ledger's own streams; everything else in a shared EventStoreDB is ignored. */
export const LEDGER_STREAM_PREFIXES = ['absence-', 'employee-', 'department-', 'payroll-period-', 'observations-', 'audited-reads-', 'health-data-reads-', 'notification-', 'personal-data-'];

export async function createEventStore(config: LedgerConfig): Promise<EventStore> {
  switch (config.eventStore) {
    case 'postgresql': {
      if (!config.databaseUrl) throw new Error('LEDGER_EVENT_STORE=postgresql needs DATABASE_URL (e.g. postgres://ledger@localhost:5432/ledger)');
      // Loaded here, so the other profiles never load the pg client. Opening applies the migrations.
      const { PostgresqlEventStore } = await import('@ledger/event-store/postgresql');
      return PostgresqlEventStore.open({ connectionString: config.databaseUrl, poolSize: config.databasePoolSize });
    }
    case 'sqlite':
      return new SqliteEventStore({ file: join(config.dataDir, 'events.db') });
    case 'eventstoredb': {
      if (!config.eventStoreConnectionString) {
        throw new Error('LEDGER_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
      }
      // Loaded only in this profile: the other profiles never load the EventStoreDB client.
      const { EventStoreDbEventStore } = await import('@ledger/event-store/eventstoredb');
      return new EventStoreDbEventStore(config.eventStoreConnectionString, { streamPrefixes: LEDGER_STREAM_PREFIXES });
    }
  }
}

export function createReadStore(config: LedgerConfig): ReadStore {
  switch (config.readStore) {
    case 'sqlite':
      return new SqliteReadStore({ file: join(config.dataDir, 'read-models.db') });
    case 'redis':
      return new RedisReadStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix });
  }
}

/** The job runner (LEDGER_JOBS): in this process's memory, or BullMQ queues in Redis. */
export function createJobRunner(config: LedgerConfig): JobRunner {
  const logger = new Logger('Jobs');
  switch (config.jobs) {
    case 'inprocess':
      return new InProcessJobRunner({ onAttemptFailed: (name, id, attempt, error) => logger.warn(`job ${name} ${id} attempt ${attempt} failed: ${String(error)}`) });
    case 'bullmq':
      return new BullMqJobRunner({
        url: config.redisUrl,
        prefix: `${config.redisKeyPrefix}bull`,
        onError: (message, error) => logger.warn(`${message}: ${String(error)}`),
      });
  }
}

/** The audit key (AUDIT_SIGNING_KEY, or the file the embedded profile creates in the data directory). */
export function createSealKey(config: LedgerConfig): SealKey {
  return loadSealKey({ dataDir: config.dataDir, secret: config.auditSigningKey });
}

/** The log's seal, kept apart from the event store: `audit-seal.db` in the data directory. */
export function createSealStore(config: LedgerConfig): SealStore {
  return new SqliteSealStore({ file: join(config.dataDir, 'audit-seal.db') });
}

export function allProjections(): Projection[] {
  return [new AbsencesProjection(), new MasterDataProjection(), new PayrollProjection(), new NotificationsProjection(), new StatisticsProjection()];
}

/**
 * The ledger's ports, chosen by configuration, and the application services every feature
 * module shares: the command pipeline, the projections, and the readers of other streams.
 */
@Global()
@Module({
  imports: [PersonalDataCoreModule],
  providers: [
    { provide: LEDGER_CONFIG, useFactory: () => loadConfig() },
    { provide: CLOCK, useValue: systemClock },
    { provide: EVENT_STORE, useFactory: createEventStore, inject: [LEDGER_CONFIG] },
    { provide: READ_STORE, useFactory: createReadStore, inject: [LEDGER_CONFIG] },
    { provide: JOB_RUNNER, useFactory: createJobRunner, inject: [LEDGER_CONFIG] },
    { provide: PROJECTIONS, useFactory: allProjections },
    { provide: SEAL_KEY, useFactory: createSealKey, inject: [LEDGER_CONFIG] },
    { provide: SEAL_STORE, useFactory: createSealStore, inject: [LEDGER_CONFIG] },
    {
      provide: Sealer,
      useFactory: (events: EventStore, seal: SealStore, key: SealKey) => {
        const logger = new Logger('Sealer');
        return new Sealer(events, seal, key, { onError: (error) => logger.error(`sealing the log failed: ${String(error)}`) });
      },
      inject: [EVENT_STORE, SEAL_STORE, SEAL_KEY],
    },
    StreamIntegrity,
    AccessLog,
    MetricsRegistry,
    CommandMetrics,
    CommandPipeline,
    ProjectionsService,
    ProjectorLock,
    MasterDataReader,
    DepartmentScope,
    EmployeeAbsenceIndex,
  ],
  exports: [
    LEDGER_CONFIG,
    CLOCK,
    EVENT_STORE,
    READ_STORE,
    JOB_RUNNER,
    PROJECTIONS,
    SEAL_KEY,
    SEAL_STORE,
    Sealer,
    StreamIntegrity,
    AccessLog,
    MetricsRegistry,
    CommandMetrics,
    CommandPipeline,
    ProjectionsService,
    ProjectorLock,
    MasterDataReader,
    DepartmentScope,
    EmployeeAbsenceIndex,
  ],
})
export class LedgerModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    private readonly projections: ProjectionsService,
    private readonly projectorLock: ProjectorLock,
    private readonly sealer: Sealer,
    @Inject(SEAL_STORE) private readonly seal: SealStore,
  ) {}

  /**
   * Shutdown (SIGTERM), first step, before the HTTP server closes: the job runner stops taking
   * jobs and waits for those in flight, which may still need the stores.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }

  /** Last step: the projections finish the batch in flight (its checkpoint commits with it), then the stores close. */
  async onApplicationShutdown(): Promise<void> {
    await this.projections.stopAll();
    await this.sealer.stop();
    // Only once the batch in flight has committed may a standby projector take over.
    await this.projectorLock.release();
    await this.events.close();
    await this.seal.close();
    await this.readStore.close();
  }
}
