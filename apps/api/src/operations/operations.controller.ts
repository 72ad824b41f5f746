import { Controller, Get, Header, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { READ_STORE, ReadStore } from '@ledger/read-store';
import { Public } from '../auth/roles.decorator';
import { MetricsRegistry, ProjectionsService } from '@ledger/ledger';
import { ProblemDto } from '../http/openapi';
import { problem } from '../http/problem-details';

/** A projection further behind than this makes the service unhealthy. */
const MAX_HEALTHY_LAG_SECONDS = 60;

const CHECK_EXAMPLE = {
  eventStore: { status: 'up', head: '5310' },
  readStore: { status: 'up', adapter: 'sqlite' },
  jobs: { status: 'up', adapter: 'inprocess' },
  projections: { status: 'up', statuses: [{ name: 'absences', caughtUp: true, lagSeconds: 0 }] },
};
const CHECKS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
  example: CHECK_EXAMPLE,
};

const METRICS_EXAMPLE = `# HELP ledger_http_requests_total HTTP requests answered, by method, route and status
# TYPE ledger_http_requests_total counter
ledger_http_requests_total{method="POST",route="/v1/absences",status="201"} 42
`;

@ApiTags('operations')
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
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Whether the service can serve: event store, read store, job queues, projection lag',
    description: `200 when every check is up; 503 (problem+json, with \`checks\`) when one is down or a projection is more than ${MAX_HEALTHY_LAG_SECONDS} s behind.`,
  })
  @ApiOkResponse({
    description: 'Every check is up',
    schema: { type: 'object', required: ['status', 'details'], properties: { status: { type: 'string', enum: ['ok'] }, info: CHECKS_SCHEMA, error: CHECKS_SCHEMA, details: CHECKS_SCHEMA } },
  })
  @ApiResponse({
    status: 503,
    description: 'A check is down',
    content: {
      'application/problem+json': {
        schema: { allOf: [{ $ref: getSchemaPath(ProblemDto) }, { type: 'object', properties: { checks: CHECKS_SCHEMA } }] },
      },
    },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.runChecks();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as { details?: unknown };
      void reply.status(503).header('Content-Type', 'application/problem+json; charset=utf-8');
      return problem(503, 'one or more health checks failed', { checks: result.details ?? null });
    }
  }

  private runChecks() {
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
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format 0.0.4); docs/operations.md lists them and the alerts worth setting' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text', content: { 'text/plain': { schema: { type: 'string' }, example: METRICS_EXAMPLE } } })
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
