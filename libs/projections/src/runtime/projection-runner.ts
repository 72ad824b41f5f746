import type { AllSubscription, EventStore, RecordedEvent } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import type { Projection } from './projection';
import { UnitOfWork } from './unit-of-work';

export interface ProjectionStatus {
  name: string;
  namespace: string | undefined;
  checkpoint: bigint | undefined;
  caughtUp: boolean;
  /** Seconds between now and the recordedAt of the last applied event while behind; 0 when caught up. */
  lagSeconds: number;
  eventsApplied: number;
}

/**
 * A side-by-side build commits after this many events, once a projection holds this many changed
 * documents, or after this long, not after every read batch: a document that changes many times in
 * that span is written once, and the read store sees few large commits instead of many small ones.
 * The first batch commits at once, so a build in progress shows a checkpoint from the start.
 */
const BUILD_COMMIT_EVENTS = 100_000;
const BUILD_COMMIT_DOCUMENTS = 50_000;
const BUILD_COMMIT_MS = 30_000;

/**
 * Documents a projection keeps in memory between batches (the most recently used), bounded so the
 * API's RSS stays within its cap with five projections (docs/BENCHMARKS.md, "Performance work"); a
 * document read again after it was forgotten costs one read of the store.
 */
const MAX_CACHED_DOCUMENTS = 20_000;

/** What building one projection took: the events it applied, and its share of the time (applying them; committing its read model). */
export interface BuildWork {
  events: number;
  applySeconds: number;
  commitSeconds: number;
}

export interface RebuildResult extends BuildWork {
  name: string;
  namespace: string;
  /** The whole pass over the log, for every projection rebuilt together. */
  seconds: number;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** Documents kept in memory between batches, the most recently used (default MAX_CACHED_DOCUMENTS). */
  maxCachedDocuments?: number;
  onError?(projection: string, error: unknown): void;
}

/**
 * Runs one projection from its checkpoint: each batch of events becomes one commit of the
 * read-model changes together with the new checkpoint. The checkpoint is also committed when the
 * subscription reports it has caught up, so an idle store never shows false lag.
 */
export class ProjectionRunner {
  private namespace: string | undefined;
  private checkpoint: bigint | undefined;
  private subscription: AllSubscription | undefined;
  private caughtUp = false;
  private lastRecordedAt: number | undefined;
  private eventsApplied = 0;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private uow: UnitOfWork | undefined;
  /** Set by stop(): a side-by-side build stops after its batch in flight, and nothing new starts. */
  private stopping = false;
  private building: Promise<number> | undefined;

  constructor(
    readonly projection: Projection,
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  get targetNamespace(): string {
    return `${this.projection.name}@v${this.projection.version}`;
  }

  /** The namespace that queries read. */
  get activeNamespace(): string {
    return this.namespace ?? this.targetNamespace;
  }

  /**
   * Starts following the log. When the stored active namespace belongs to another version, the
   * new version is built side by side first and swapped in once it has caught up.
   */
  async start(): Promise<void> {
    this.stopping = false;
    const active = await this.store.activeNamespace(this.projection.name);
    const target = this.targetNamespace;
    // A rebuild of this version swaps in `<target>.<stamp>`: that is this version too, and it is followed as it is.
    const current = active !== undefined && (active === target || active.startsWith(`${target}.`));
    if (active !== undefined && !current) {
      await this.buildSideBySide(target);
      if (this.stopping) return; // stopped mid-build: the old version keeps serving; the next start builds again
      await this.store.setActiveNamespace(this.projection.name, target);
      await this.store.dropNamespace(active);
    } else if (active === undefined) {
      await this.store.setActiveNamespace(this.projection.name, target);
    }
    await this.follow(active !== undefined && current ? active : target);
  }

  /** Rebuilds from position 0 into a fresh namespace while the current one keeps serving, then swaps. */
  async rebuild(): Promise<{ namespace: string; events: number; seconds: number }> {
    this.stopping = false;
    const started = process.hrtime.bigint();
    const fresh = `${this.targetNamespace}.${Date.now().toString(36)}`;
    const events = await this.buildSideBySide(fresh);
    if (this.stopping) throw new Error(`projection ${this.projection.name}: stopped during the rebuild; the old namespace keeps serving`);
    await this.stopFollowing();
    const old = (await this.store.activeNamespace(this.projection.name)) ?? this.namespace;
    await this.store.setActiveNamespace(this.projection.name, fresh);
    if (old && old !== fresh) await this.store.dropNamespace(old);
    await this.follow(fresh);
    return { namespace: fresh, events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  /**
   * Rebuilds several projections (of the same log) from position 0 in one pass: each batch of the
   * log is read and parsed once and applied to every projection, then each swaps in as rebuild()
   * does. `seconds` is the time of the whole pass.
   */
  static async rebuildTogether(runners: readonly ProjectionRunner[]): Promise<RebuildResult[]> {
    if (runners.length === 0) return [];
    const started = process.hrtime.bigint();
    const stamp = Date.now().toString(36);
    const fresh = runners.map((r) => `${r.targetNamespace}.${stamp}`);
    const building = ProjectionRunner.buildInto(runners, fresh);
    for (const r of runners) r.building = building.then((work) => work[runners.indexOf(r)].events);
    let work: BuildWork[];
    try {
      work = await building;
    } finally {
      for (const r of runners) r.building = undefined;
    }
    const stopped = runners.find((r) => r.stopping);
    if (stopped) throw new Error(`projection ${stopped.projection.name}: stopped during the rebuild; the old namespaces keep serving`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const out = [];
    for (const [i, r] of runners.entries()) {
      await r.stopFollowing();
      const old = (await r.store.activeNamespace(r.projection.name)) ?? r.namespace;
      await r.store.setActiveNamespace(r.projection.name, fresh[i]);
      if (old && old !== fresh[i]) await r.store.dropNamespace(old);
      await r.follow(fresh[i]);
      out.push({ name: r.projection.name, namespace: fresh[i], seconds, ...work[i] });
    }
    return out;
  }

  /**
   * Stops following the log (or building side by side). Resolves once the batch in flight, if
   * any, has been applied and committed with its checkpoint; nothing runs afterwards.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.building?.catch(() => undefined);
    await this.stopFollowing();
  }

  private async stopFollowing(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Resolves true once the projection has committed `position` (or beyond), false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.checkpoint !== undefined && this.checkpoint >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      namespace: this.namespace,
      checkpoint: this.checkpoint,
      caughtUp: this.caughtUp,
      lagSeconds: this.caughtUp || this.lastRecordedAt === undefined ? 0 : Math.max(0, (Date.now() - this.lastRecordedAt) / 1000),
      eventsApplied: this.eventsApplied,
    };
  }

  private async follow(namespace: string): Promise<void> {
    if (this.stopping) return;
    this.namespace = namespace;
    this.checkpoint = await this.store.checkpoint(namespace);
    // No checkpoint: nothing was ever committed here (changes commit with their checkpoint), so a
    // document not in memory does not exist and needs no read: a first start on a big log
    // catches up without a read of the store per new document.
    this.uow = new UnitOfWork(this.store, namespace, { startsEmpty: this.checkpoint === undefined });
    this.caughtUp = false;
    this.subscription = this.events.subscribeToAll(
      { after: this.checkpoint, batchSize: this.options.batchSize },
      {
        onEvents: async (batch) => {
          this.caughtUp = false;
          await this.applyBatch(namespace, this.uow!, batch);
        },
        onCaughtUp: async (head) => {
          if (head !== undefined && (this.checkpoint === undefined || head > this.checkpoint)) {
            await this.store.commit(namespace, [], head);
            this.advance(head);
          }
          this.caughtUp = true;
        },
        onError: (error) => this.options.onError?.(this.projection.name, error),
      },
    );
  }

  /** Reads the log from the start into `namespace` until it reaches the head (or stop); returns the event count. */
  private async buildSideBySide(namespace: string): Promise<number> {
    this.building = this.build(namespace);
    try {
      return await this.building;
    } finally {
      this.building = undefined;
    }
  }

  private async build(namespace: string): Promise<number> {
    const [work] = await ProjectionRunner.buildInto([this], [namespace]);
    return work.events;
  }

  /**
   * Builds each runner's projection into its (emptied) namespace from position 0, in one pass over
   * the log, until the head or a stop; returns the events each applied and the time each took.
   * Commits every BUILD_COMMIT_EVENTS events (or sooner, see BUILD_COMMIT_DOCUMENTS) and at the end.
   */
  private static async buildInto(runners: readonly ProjectionRunner[], namespaces: readonly string[]): Promise<BuildWork[]> {
    for (const [i, r] of runners.entries()) await r.store.dropNamespace(namespaces[i]);
    const uows = runners.map((r, i) => new UnitOfWork(r.store, namespaces[i], { startsEmpty: true }));
    const work: BuildWork[] = runners.map(() => ({ events: 0, applySeconds: 0, commitSeconds: 0 }));
    const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
    const { events, options } = runners[0];
    const batchSize = options.batchSize ?? 2000;
    let after: bigint | undefined;
    let uncommitted = 0;
    let committed: number | undefined;
    const commitAll = async (position: bigint) => {
      for (const [i, r] of runners.entries()) {
        const started = process.hrtime.bigint();
        await r.store.commit(namespaces[i], uows[i].takeChanges(), position);
        uows[i].trim(r.options.maxCachedDocuments ?? MAX_CACHED_DOCUMENTS);
        work[i].commitSeconds += seconds(started);
      }
      uncommitted = 0;
      committed = Date.now();
    };
    while (!runners.some((r) => r.stopping)) {
      const batch = await events.readAll({ after, maxCount: batchSize });
      if (batch.length === 0) break;
      for (const [i, r] of runners.entries()) {
        const started = process.hrtime.bigint();
        work[i].events += await r.applyEvents(batch, uows[i]);
        work[i].applySeconds += seconds(started);
      }
      after = batch[batch.length - 1].position;
      uncommitted += batch.length;
      const due =
        committed === undefined ||
        uncommitted >= BUILD_COMMIT_EVENTS ||
        Date.now() - committed >= BUILD_COMMIT_MS ||
        uows.some((u) => u.pending >= BUILD_COMMIT_DOCUMENTS);
      if (due) await commitAll(after);
    }
    if (uncommitted > 0 && after !== undefined) await commitAll(after);
    return work;
  }

  /** Applies the events this projection reads to `uow`; returns how many. */
  private async applyEvents(batch: readonly RecordedEvent[], uow: UnitOfWork): Promise<number> {
    let applied = 0;
    for (const event of batch) {
      if (!this.projection.eventTypes.has(event.type)) continue;
      await this.projection.apply(event, uow);
      applied++;
    }
    return applied;
  }

  private async applyBatch(namespace: string, uow: UnitOfWork, batch: RecordedEvent[]): Promise<number> {
    const applied = await this.applyEvents(batch, uow);
    const last = batch[batch.length - 1];
    try {
      await this.store.commit(namespace, uow.takeChanges(), last.position);
    } catch (error) {
      uow.clear();
      throw error;
    }
    uow.trim(this.options.maxCachedDocuments ?? MAX_CACHED_DOCUMENTS);
    this.eventsApplied += applied;
    this.lastRecordedAt = Date.parse(last.metadata.recordedAt);
    this.advance(last.position);
    return applied;
  }

  private advance(position: bigint): void {
    this.checkpoint = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const w of ready) w.resolve();
  }
}
