import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { Projection, ProjectionRunner, ProjectionStatus } from '@ledger/projections';
import { READ_STORE, ReadStore } from '@ledger/read-store';
import { Gauge } from 'prom-client';
import { MetricsRegistry } from '../operations/command-metrics';

export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * Runs the projections in this process (the embedded profile, or `start:prod` with everything in
 * one process) and answers the queries' two questions: which namespace to read, and whether the
 * projection has passed a position yet.
 */
@Injectable()
export class ProjectionsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_STORE) private readonly store: ReadStore,
    metrics: MetricsRegistry,
  ) {
    for (const p of projections) {
      this.runners.set(
        p.name,
        new ProjectionRunner(p, events, store, {
          onError: (name, error) => this.logger.error(`projection ${name} failed: ${String(error)}`),
        }),
      );
    }
    const runners = this.runners;
    new Gauge({
      name: 'ledger_projection_lag_seconds',
      help: 'Age of the last applied event while a projection is behind; 0 when caught up',
      labelNames: ['projection'],
      registers: [metrics.registry],
      collect() {
        for (const r of runners.values()) this.set({ projection: r.projection.name }, r.status().lagSeconds);
      },
    });
    new Gauge({
      name: 'ledger_projection_events_applied_total',
      help: 'Events applied by each projection since start',
      labelNames: ['projection'],
      registers: [metrics.registry],
      collect() {
        for (const r of runners.values()) this.set({ projection: r.projection.name }, r.status().eventsApplied);
      },
    });
  }

  async startAll(): Promise<void> {
    for (const r of this.runners.values()) await r.start();
  }

  async stopAll(): Promise<void> {
    for (const r of this.runners.values()) await r.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopAll();
  }

  runner(name: string): ProjectionRunner {
    const r = this.runners.get(name);
    if (!r) throw new Error(`no projection named ${name}`);
    return r;
  }

  namespaceOf(name: string): string {
    return this.runner(name).activeNamespace;
  }

  /** True once the projection has committed `position`; false after `timeoutMs`. */
  waitFor(name: string, position: bigint | undefined, timeoutMs: number): Promise<boolean> {
    if (position === undefined) return Promise.resolve(true);
    return this.runner(name).waitFor(position, timeoutMs);
  }

  statuses(): ProjectionStatus[] {
    return [...this.runners.values()].map((r) => r.status());
  }

  async rebuildAll(): Promise<Array<{ name: string; events: number; seconds: number }>> {
    const out = [];
    for (const r of this.runners.values()) out.push({ name: r.projection.name, ...(await r.rebuild()) });
    return out;
  }

  get readStore(): ReadStore {
    return this.store;
  }
}
