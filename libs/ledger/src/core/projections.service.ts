import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { Projection, ProjectionRunner, ProjectionStatus, RebuildResult } from '@ledger/projections';
import { READ_STORE, ReadStore } from '@ledger/read-store';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '../metrics/command-metrics';

export const PROJECTIONS = Symbol('PROJECTIONS');

/** The projections the command path reads (the overlap rule reads an employee's absences). */
export const COMMAND_PATH_PROJECTIONS: readonly string[] = ['absences'];

/** How often a process that does not run the projections re-reads which namespace is active. */
const NAMESPACE_REFRESH_MS = 1000;
/** ledger_projection_lag_events counts the events after a checkpoint up to this many (one bounded read per scrape). */
const LAG_EVENTS_CAP = 1000;
/** Polling of the stored checkpoint while a query waits for minPosition (first delay, doubling to the max). */
const POLL_FIRST_MS = 10;
const POLL_MAX_MS = 100;

/**
 * Answers the queries' two questions, which namespace to read and whether a projection has passed
 * a position yet, in one of two modes:
 *
 * - local (`startAll`): the projections run in this process (the embedded profile, `start:prod`
 *   with LEDGER_RUN=all, the projector app); the runners answer from memory and wake waiters.
 * - remote (`followRemote`): another process runs them (LEDGER_RUN=api, the worker app); the
 *   answers come from what the projector stored: the active namespace (re-read every second and
 *   on every wait) and the checkpoint committed with each batch (polled while a query waits).
 */
@Injectable()
export class ProjectionsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  private mode: 'idle' | 'local' | 'remote' = 'idle';
  private readonly remoteNamespaces = new Map<string, string>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(EVENT_STORE) private readonly events: EventStore,
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
    const lag = () => this.lag().catch(() => [] as ProjectionStatus[]);
    new Gauge({
      name: 'ledger_projection_lag_seconds',
      help: 'How far each projection is behind the log in seconds (age of the oldest event not applied yet); 0 when caught up',
      labelNames: ['projection'],
      registers: [metrics.registry],
      async collect() {
        for (const s of await lag()) this.set({ projection: s.name }, s.lagSeconds);
      },
    });
    const runners = this.runners;
    new Counter({
      name: 'ledger_projection_events_applied_total',
      help: 'Events applied by each projection since this process started it (0 where another process runs it)',
      labelNames: ['projection'],
      registers: [metrics.registry],
      collect() {
        // The runners count; the counter shows their count (it only grows while a runner lives).
        this.reset();
        for (const r of runners.values()) this.inc({ projection: r.projection.name }, r.status().eventsApplied);
      },
    });
    const lagEvents: Gauge<'projection'> = new Gauge({
      name: 'ledger_projection_lag_events',
      help: `Events in the log after each projection's checkpoint, counted up to ${LAG_EVENTS_CAP} (${LAG_EVENTS_CAP} means at least that many); 0 when caught up`,
      labelNames: ['projection'],
      registers: [metrics.registry],
      collect: async () => {
        for (const s of await lag()) lagEvents.set({ projection: s.name }, s.caughtUp ? 0 : await this.eventsAfter(s.checkpoint));
      },
    });
  }

  /** Events after `checkpoint`, counted up to LAG_EVENTS_CAP. */
  private async eventsAfter(checkpoint: bigint | undefined): Promise<number> {
    const events = await this.events.readAll({ after: checkpoint, maxCount: LAG_EVENTS_CAP });
    return events.length;
  }

  /**
   * Runs every projection in this process, or only those named in `only` (a process that writes
   * the log and nothing else, like the simulator building a benchmark log, needs only what its
   * commands read: see COMMAND_PATH_PROJECTIONS).
   */
  async startAll(only?: readonly string[]): Promise<void> {
    this.stopRefreshing();
    this.mode = 'local';
    for (const name of only ?? []) this.runner(name);
    for (const r of this.runners.values()) if (!only || only.includes(r.projection.name)) await r.start();
  }

  /** Serves from the read models another process (the projector) keeps. */
  async followRemote(): Promise<void> {
    this.mode = 'remote';
    await this.refreshNamespaces();
    this.refreshTimer = setInterval(() => {
      this.refreshNamespaces().catch((error: unknown) => this.logger.warn(`could not read the active namespaces: ${String(error)}`));
    }, NAMESPACE_REFRESH_MS);
    this.refreshTimer.unref();
  }

  get runsLocally(): boolean {
    return this.mode === 'local';
  }

  /** Stops every runner; each finishes its batch in flight, whose checkpoint commits with it. */
  async stopAll(): Promise<void> {
    this.stopRefreshing();
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
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
    const runner = this.runner(name);
    if (this.mode === 'remote') return this.remoteNamespaces.get(name) ?? runner.targetNamespace;
    return runner.activeNamespace;
  }

  /** True once the projection has committed `position`; false after `timeoutMs`. */
  async waitFor(name: string, position: bigint | undefined, timeoutMs: number): Promise<boolean> {
    if (position === undefined) return true;
    if (this.mode !== 'remote') return this.runner(name).waitFor(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    let delay = POLL_FIRST_MS;
    while (true) {
      const checkpoint = await this.store.checkpoint(await this.refreshNamespace(name));
      if (checkpoint !== undefined && checkpoint >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise((r) => setTimeout(r, Math.min(delay, left)));
      delay = Math.min(delay * 2, POLL_MAX_MS);
    }
  }

  /** What this process knows of each projection (runner state; in remote mode, runners that never started). */
  statuses(): ProjectionStatus[] {
    return [...this.runners.values()].map((r) => r.status());
  }

  /**
   * Each projection's checkpoint and lag. Locally from the runners; in remote mode from the stored
   * checkpoint and the log: lag is the age of the first event after the checkpoint, 0 when none.
   */
  async lag(): Promise<ProjectionStatus[]> {
    if (this.mode !== 'remote') return this.statuses();
    const head = await this.events.headPosition();
    const out: ProjectionStatus[] = [];
    for (const r of this.runners.values()) {
      const namespace = await this.refreshNamespace(r.projection.name);
      const checkpoint = await this.store.checkpoint(namespace);
      const caughtUp = head === undefined || (checkpoint !== undefined && checkpoint >= head);
      let lagSeconds = 0;
      if (!caughtUp) {
        const [next] = await this.events.readAll({ after: checkpoint, maxCount: 1 });
        if (next) lagSeconds = Math.max(0, (Date.now() - Date.parse(next.metadata.recordedAt)) / 1000);
      }
      out.push({ name: r.projection.name, namespace, checkpoint, caughtUp, lagSeconds, eventsApplied: 0 });
    }
    return out;
  }

  /** Rebuilds every projection side by side in one pass over the log (read and parsed once), then swaps each in. */
  async rebuildAll(): Promise<RebuildResult[]> {
    return ProjectionRunner.rebuildTogether([...this.runners.values()]);
  }

  get readStore(): ReadStore {
    return this.store;
  }

  private async refreshNamespaces(): Promise<void> {
    for (const name of this.runners.keys()) await this.refreshNamespace(name);
  }

  private async refreshNamespace(name: string): Promise<string> {
    const namespace = (await this.store.activeNamespace(name)) ?? this.runner(name).targetNamespace;
    this.remoteNamespaces.set(name, namespace);
    return namespace;
  }

  private stopRefreshing(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }
}
