import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { READ_STORE, ReadStore } from '@ledger/read-store';
import { Public } from '../auth/roles.decorator';
import { ProjectionsService } from '../ledger/projections.service';
import { MetricsRegistry } from './command-metrics';

/** A projection further behind than this makes the service unhealthy. */
const MAX_HEALTHY_LAG_SECONDS = 60;

@Controller()
export class OperationsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly metrics: MetricsRegistry,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Get('health')
  @Public()
  @HealthCheck()
  @ApiExcludeEndpoint()
  check() {
    return this.health.check([
      async () => {
        const i = this.indicator.check('eventStore');
        try {
          const head = await this.events.headPosition();
          return i.up({ adapter: this.config.eventStore, head: head?.toString() ?? null });
        } catch (error) {
          return i.down({ adapter: this.config.eventStore, error: String(error) });
        }
      },
      async () => {
        const i = this.indicator.check('readStore');
        try {
          await this.readStore.activeNamespace('absences');
          return i.up({ adapter: this.config.readStore });
        } catch (error) {
          return i.down({ adapter: this.config.readStore, error: String(error) });
        }
      },
      async () => {
        // With BullMQ the queues live in Redis (possibly another one than the read models').
        const i = this.indicator.check('jobs');
        if (this.config.jobs !== 'bullmq') return i.up({ adapter: this.config.jobs });
        try {
          await this.jobs.ping();
          return i.up({ adapter: 'bullmq' });
        } catch (error) {
          return i.down({ adapter: 'bullmq', error: String(error) });
        }
      },
      async () => {
        // Lag of the projections this process runs, or (LEDGER_RUN=api) of the stored checkpoints.
        const i = this.indicator.check('projections');
        let lag;
        try {
          lag = await this.projections.lag();
        } catch (error) {
          return i.down({ error: String(error) });
        }
        const statuses = lag.map((s) => ({ name: s.name, caughtUp: s.caughtUp, lagSeconds: Math.round(s.lagSeconds) }));
        const behind = statuses.filter((s) => s.lagSeconds > MAX_HEALTHY_LAG_SECONDS);
        return behind.length === 0 ? i.up({ statuses }) : i.down({ statuses });
      },
    ]);
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiExcludeEndpoint()
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
