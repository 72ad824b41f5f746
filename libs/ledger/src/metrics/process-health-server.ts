import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { READ_STORE, ReadStore } from '@ledger/read-store';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProjectionsService } from '../core/projections.service';
import { ProjectorLock } from '../core/projector-lock';
import { MetricsRegistry } from './command-metrics';

/** A projection further behind than this makes the projector unhealthy (as in the API's /health). */
const MAX_HEALTHY_LAG_SECONDS = 60;

/**
 * The small HTTP port of the processes without the API (the projector's, and the worker's on
 * WORKER_HEALTH_PORT). For the projector: its own small HTTP port (PROJECTOR_METRICS_PORT, default 3001): `GET /metrics`
 * (Prometheus text: projection lag, events applied, process figures) and `GET /health` (200 when
 * the event store and read store answer and no projection lags more than 60 s, else 503).
 */
@Injectable()
export class ProcessHealthServer implements OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private server: Server | undefined;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projections: ProjectionsService,
    private readonly metrics: MetricsRegistry,
    private readonly projectorLock: ProjectorLock,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
  ) {}

  /** Listens on the configured port (0: any free port); resolves with the port. */
  async listen(port = this.config.projectorMetricsPort): Promise<number> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const answer = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (req.method !== 'GET') return answer(405, 'text/plain', 'method not allowed\n');
      if (path === '/metrics') {
        this.metrics.registry.metrics().then(
          (text) => answer(200, this.metrics.registry.contentType, text),
          (error: unknown) => answer(500, 'text/plain', `${String(error)}\n`),
        );
      } else if (path === '/health') {
        this.health().then(
          ({ ok, details }) => answer(ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ok' : 'error', details })),
          (error: unknown) => answer(503, 'application/json', JSON.stringify({ status: 'error', error: String(error) })),
        );
      } else {
        answer(404, 'text/plain', 'not found\n');
      }
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '0.0.0.0', () => resolve());
    });
    this.server = server;
    const bound = (server.address() as AddressInfo).port;
    this.logger.log(`metrics and health on http://0.0.0.0:${bound}/metrics`);
    return bound;
  }

  async health(): Promise<{ ok: boolean; details: Record<string, unknown> }> {
    const details: Record<string, unknown> = {};
    let ok = true;
    try {
      details.eventStore = { status: 'up', adapter: this.config.eventStore, head: (await this.events.headPosition())?.toString() ?? null };
    } catch (error) {
      ok = false;
      details.eventStore = { status: 'down', adapter: this.config.eventStore, error: String(error) };
    }
    if (this.config.jobs === 'bullmq') {
      try {
        await this.jobs.ping();
        details.jobs = { status: 'up', adapter: 'bullmq' };
      } catch (error) {
        ok = false;
        details.jobs = { status: 'down', adapter: 'bullmq', error: String(error) };
      }
    }
    // The postgres profile's projector lock: `holding` (this process applies the projections) or
    // `standby` (another one does; this one takes over when it dies). Both are healthy.
    if (this.projectorLock.needed && this.projectorLock.state !== 'idle') details.projectorLock = { status: this.projectorLock.state === 'released' ? 'down' : 'up', state: this.projectorLock.state };
    try {
      await this.readStore.activeNamespace('absences');
      details.readStore = { status: 'up' };
    } catch (error) {
      ok = false;
      details.readStore = { status: 'down', error: String(error) };
    }
    const statuses = (await this.projections.lag()).map((s) => ({
      name: s.name,
      checkpoint: s.checkpoint?.toString() ?? null,
      caughtUp: s.caughtUp,
      lagSeconds: Math.round(s.lagSeconds),
    }));
    const behind = statuses.some((s) => s.lagSeconds > MAX_HEALTHY_LAG_SECONDS);
    if (behind) ok = false;
    details.projections = { status: behind ? 'down' : 'up', statuses };
    return { ok, details };
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
